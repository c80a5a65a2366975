"""The pages' pure functions: what each page shows, checked without Streamlit."""

from __future__ import annotations

import pandas as pd

from tip_stats.dashboard.content import compare, overview, share, sources, text
from tip_stats.dashboard.content.coverage import authority_grid, build_summary, quote_coverage


def latest_rows() -> pd.DataFrame:
    rows = [
        ("SRB", "unemployment_rate", "economy", "Unemployment", 2009, 40, "percent", "about"),
        ("SRB", "victims_identified", "victims", "Victims identified", 2021, 43, "persons", "exact"),
        ("SRB", "tip_tier", "assessment", "TIP report tier", 2022, 2.5, "tier", "exact"),
        ("SRB", "convictions_persons", "enforcement", "Traffickers convicted", 2019, 3, "persons", "exact"),
        ("MNE", "tip_tier", "assessment", "TIP report tier", 2023, 2, "tier", "exact"),
        ("SCG", "tip_tier", "assessment", "TIP report tier", 2005, 2, "tier", "exact"),
    ]
    frame = pd.DataFrame(rows, columns=["country", "indicator", "category", "indicator_label", "reference_year",
                                        "value", "unit", "qualifier"])  # fmt: skip
    return frame.assign(value_high=None, authority="U.S. Department of State", published="2023-06",
                        country_name=frame["country"], country_kind="country", quote="q")  # fmt: skip


def test_headlines_put_tier_victims_then_enforcement_first():
    table = overview.headline_table(latest_rows(), "SRB")
    assert table["code"].tolist() == ["tip_tier", "victims_identified", "convictions_persons", "unemployment_rate"]
    assert table["Figure"].tolist()[:2] == ["Tier 2 Watch List", "43"]
    assert table["Source"].iloc[0] == "U.S. Department of State (2023-06)"


def test_context_table_holds_only_what_is_not_a_focus_country():
    assert overview.context_table(latest_rows())["Where"].tolist() == ["SCG"]


def test_compare_link_puts_the_card_country_first():
    assert overview.compare_link("MNE", "tip_tier") == {"indicator": "tip_tier", "country": "MNE~SRB~XKX"}


def test_share_links_keep_the_view_query_and_point_the_api_at_the_same_server():
    page = "https://tip.example.org/compare?old=1"
    assert share.view_url(page, "indicator=tip_tier&country=SRB") == (
        "https://tip.example.org/compare?indicator=tip_tier&country=SRB"
    )
    assert share.server_root(page) == "https://tip.example.org"


def test_escaping_makes_markup_and_links_literal():
    escaped = text.escape_markdown("<b>1</b> **x** [a](http://x.test) www.y")
    assert "<" not in escaped and "*" not in escaped and "[" not in escaped and "http://" not in escaped
    assert escaped.startswith("&#60;b&#62;1")


def test_number_is_bold_in_its_quote():
    quote = "the ministry identified 48 victims"
    span = text.number_span(quote, 48, "persons")
    assert quote[span[0] : span[1]] == "48"
    assert "**48**" in text.quote_with_highlight(quote, span)


def test_translation_note_only_for_quotes_not_in_english():
    assert text.translation_note("en", "") is None
    assert text.translation_note("sr", "57 victims") == "Translation (sr → en, by tip-stats): 57 victims"


def plotted(rows) -> pd.DataFrame:
    columns = ["figure_id", "country", "country_name", "reference_year", "value", "unit", "qualifier", "authority",
               "authorities_disagree", "period_start", "period_end"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns).assign(value_high=None, publisher="P", published="2020", quote="q")


POINTS = plotted(
    [
        ("a", "SRB", "Serbia", 2019, 49, "persons", "exact", "Ministry", True, None, None),
        ("b", "SRB", "Serbia", 2019, 57, "persons", "exact", "State", True, None, None),
        ("c", "XKX", "Kosovo", 2020, 17, "persons", "about", "Police", False, None, None),
        ("d", "SRB", "Serbia", 2016, 296, "persons", "exact", "Police", False, "2013", "2016"),
    ]
)


def test_periods_are_split_from_annual_figures():
    annual, periods = compare.split_periods(POINTS)
    assert annual["figure_id"].tolist() == ["a", "b", "c"] and periods["figure_id"].tolist() == ["d"]
    assert compare.plotted_table(periods)["Year"].tolist() == ["2013 to 2016"]


def test_disagreement_table_lists_each_authority_once():
    table = compare.disagreement_table(POINTS)
    assert table["Counted by"].tolist() == ["Ministry", "State"] and table["Figure"].tolist() == ["49", "57"]


def test_tiers_are_labelled_by_edition_and_predecessors_join_the_chart():
    tier = plotted([("t", "SCG", "Serbia and Montenegro", 2004, 2.5, "tier", "exact", "State", False, None, None)])
    assert compare.plotted_table(tier)["Year"].tolist() == ["2005 report (covers 2004)"]
    assert compare.chart_countries("tip_tier", ["SRB"]) == ["SRB", "YUG", "SCG"]
    assert compare.chart_countries("victims_identified", ["SRB"]) == ["SRB"]
    assert compare.label_predecessors(tier)["country_name"].tolist() == ["Serbia and Montenegro (predecessor state)"]


def test_a_click_finds_its_figure_and_its_details():
    event = {"selection": {"points": [{"customdata": "c", "x": 2020}]}}
    chosen = compare.selected_figure(POINTS, event)
    assert chosen["figure_id"] == "c"
    details = dict(compare.figure_details(pd.concat([chosen, pd.Series({"source_title": "T", "quote_lang": "en"})])))
    assert details["Figure"] == "Kosovo, 2020: about 17" and details["Counted by"] == "Police"
    assert compare.selected_figure(POINTS, {"selection": {"points": []}}) is None


def test_missing_countries_are_named():
    notices = compare.notices(POINTS, ["SRB", "MNE"], {"SRB": "Serbia", "MNE": "Montenegro"}, (2000, 2025))
    assert notices == ["No figure for Montenegro on this indicator between 2000 and 2025 in the documents."]


def test_authority_choices_offer_all_the_default_and_each_one():
    authorities = pd.DataFrame({"authority": ["State", "Police"], "figures": [3, 1], "is_default": [True, False]})
    choices = compare.authority_choices(authorities)
    assert list(choices) == ["all", "default", "State", "Police"] and "State" in choices["default"]
    assert compare.query_authority("all") is None and compare.query_authority("Police") == "Police"


def test_source_figures_are_escaped_markdown_with_the_translation():
    figure = pd.DataFrame([{"indicator_label": "Victims", "country_name": "Serbia", "reference_year": 2016,
                            "value": 296.0, "value_high": None, "unit": "persons", "qualifier": "exact",
                            "quote": "od 2013. do 2016. identifikovano je 296 žrtava", "quote_lang": "sr",
                            "quote_en": "296 victims were identified"}])  # fmt: skip
    lines = sources.figure_markdown(next(figure.itertuples()))
    assert "**296**" in lines[1] and lines[2].startswith(":gray[Translation &#40;sr") and "identified]" in lines[2]


def test_build_summary_reads_the_stored_report():
    info = {"summary": '{"figures": 3, "rules": ["a", "b"], "documents_checked": ["x.txt"]}', "context_rows": "5"}
    summary = build_summary(info)
    assert (summary["figures"], len(summary["rules"]), summary["documents"], summary["context_rows"]) == (
        3, 2, ["x.txt"], 5
    )  # fmt: skip


def test_quote_coverage_says_what_was_not_checked():
    info = {"summary": '{"documents_checked": ["a.txt"], "quotes": {"verified": 61, "no_document": 500}}'}
    text = build_summary(info)
    line = quote_coverage(text)
    assert "61 quotes were found verbatim in 1 source document(s); 500 come from sources with no stored" in line


def test_authority_grid_leaves_gaps_blank_and_names_indicators():
    counts = pd.DataFrame({2019: [2, 0], 2020: [0, 1]}, index=pd.Index(["victims_identified", "new_code"]))
    grid = authority_grid(counts, pd.DataFrame({"code": ["victims_identified"], "label": ["Victims identified"]}))
    assert list(grid.columns) == ["2019", "2020"]
    assert grid.loc["Victims identified"].tolist() == ["2", ""]
    assert grid.loc["new_code"].tolist() == ["", "1"]  # an indicator without a label keeps its code
