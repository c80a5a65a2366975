"""The SQL in queries.py against the fixture database: what each query returns, row for row."""

from __future__ import annotations

import pandas as pd
import pytest

from tip_stats import queries
from tip_stats.build import connect_read_only


@pytest.fixture(scope="module")
def con(fixture_db):
    with connect_read_only(fixture_db) as connection:
        yield connection


def ids(frame) -> list[str]:
    return sorted(frame["figure_id"])


def test_chart_points_filter_by_country_years_and_authority(con):
    everyone = queries.chart_points(con, "victims_identified", ["SRB"], 2019, 2020)
    assert ids(everyone) == ["t7", "t8", "t9"]  # t1 is revised by t7; t12 is a 2013-2016 period ending 2016
    assert ids(queries.chart_points(con, "victims_identified", ["SRB"], 2019, 2020, authority="default")) == [
        "t8", "t9"
    ]  # fmt: skip
    named = queries.chart_points(con, "victims_identified", ["SRB"], authority="Testland: Ministry")
    assert ids(named) == ["t7"]


def test_authorities_name_the_default_first(con):
    table = queries.authorities(con, "victims_identified")
    assert table["authority"].iloc[0] == "U.S. Department of State" and bool(table["is_default"].iloc[0])
    assert set(table["authority"]) == {"U.S. Department of State", "Testland: Ministry", "Test Monitor",
                                       "Testland: Police"}  # fmt: skip


def test_disagreements_are_the_differing_authorities_of_one_country_year(con):
    table = queries.disagreements(con, ["victims_identified"])
    assert ids(table) == ["t7", "t8"] and set(table["reference_year"]) == {2019}


def test_latest_figures_take_the_newest_year(con):
    latest = queries.latest_figures(con)
    victims = latest[latest["indicator"] == "victims_identified"].set_index("country")["value"].to_dict()
    assert victims == {"MNE": 3.0, "SRB": 39.0, "XKX": 17.0}  # Montenegro's 2020 figure, not its 2018 one


def test_search_filters_text_years_and_keeps_undated_law(con):
    assert ids(queries.figures_search(con, text="ministry")) == ["t1"]
    assert queries.figures_search_count(con, countries=["SRB"], year_from=2020, year_to=2020) == 4
    dated_only = queries.figures_search(con, countries=["SRB"], year_from=2020, include_undated=False)
    assert "t16" not in ids(dated_only) and "t16" in ids(queries.figures_search(con, countries=["SRB"]))


def test_export_joins_source_and_authority(con):
    frame = queries.figures_export(con, ["SRB"], ["victims_identified"], 2019, 2019)
    row = frame.set_index("figure_id").loc["t8"]
    assert (row["authority"], row["publisher"], row["quote_lang"]) == (
        "U.S. Department of State", "U.S. Department of State", "en"
    )  # fmt: skip


def test_catalogue_and_build_queries(con):
    assert queries.figure_count(con) == 16
    assert "summary" in queries.build_info(con)
    assert list(queries.countries(con)["code"][:3]) == ["XKX", "MNE", "SRB"]  # countries first, by name
    assert queries.multi_year_indicators(con, "SRB")["indicator"].tolist() == ["victims_identified"]
    of_source = queries.figures_of_source(con, "daily_2017")
    assert ids(of_source) == ["t12"] and of_source["quote_en"].iloc[0].startswith("from 2013")


def test_indicator_options_count_figures_countries_and_units(con):
    table = queries.indicator_options(con).set_index("code")
    assert table.index.tolist() == [
        "tip_tier", "prosecutions_cases", "victim_price", "statutory_prison_term", "victims_children_share",
        "victims_identified",
    ]  # by category, then label  # fmt: skip
    assert table.loc["victims_identified", ["figures", "countries"]].tolist() == [10, 3]
    assert list(table.loc["victim_price", "units"]) == ["EUR"]
    assert table.loc["tip_tier", "label"] == "TIP report tier"


def test_sources_newest_first_with_their_figure_counts(con):
    table = queries.sources(con)
    assert table["source_id"].tolist() == ["tip_2021", "web_2021", "ministry_2021", "ministry_2020", "daily_2017"]
    assert table["figures"].tolist() == [7, 1, 1, 6, 1]


def test_coverage_counts_figures_per_country_indicator_and_year(con):
    table = queries.coverage(con)
    assert "t16" not in table.to_string()  # no undated rows: the criminal-code term has no year
    assert table["reference_year"].notna().all()
    serbia = table[(table["country"] == "SRB") & (table["indicator"] == "victims_identified")]
    assert serbia[["reference_year", "figures"]].values.tolist() == [[2016, 1], [2019, 5], [2020, 1]]
    assert table["country"].tolist()[:3] == ["MNE", "MNE", "MNE"]


def test_coverage_by_country_lists_every_country_even_without_figures(con):
    table = queries.coverage_by_country(con).set_index("country")
    assert table.index.tolist() == ["SRB", "MNE", "SCG", "XKX", "BALKANS"]
    assert table.loc["SRB", ["figures", "indicators", "sources", "first_year", "last_year"]].tolist() == [
        11, 5, 4, 2016, 2020
    ]  # fmt: skip
    assert table.loc["BALKANS", "figures"] == 0


def test_context_indicators_and_series_filter_by_country_and_years(con):
    table = queries.context_indicators(con).set_index("indicator")
    assert table.loc["population", ["unit", "series_code", "rows"]].tolist() == ["persons", "SP.POP.TOTL", 75]
    series = queries.context_series(con, "population", ["MNE", "XKX"], 2010, 2011)
    assert series[["country", "year", "value"]].values.tolist() == [
        ["MNE", 2010, 600_000], ["MNE", 2011, 600_000], ["XKX", 2010, 1_800_000], ["XKX", 2011, 1_800_000]
    ]  # fmt: skip
    assert len(queries.context_series(con, "population")) == 75
    assert queries.context_series(con, "population", year_from=2024)["year"].unique().tolist() == [2024]
    assert queries.context_series(con, "unemployment_rate_pct")["value"].tolist() == [10.4]


def test_context_caveats_include_those_for_every_indicator_of_a_country(con):
    caveats = queries.context_caveats(con, "population", ["SRB"])
    assert caveats[["country", "indicator"]].values.tolist() == [["SRB", "*"]]
    assert caveats["note"].iloc[0].startswith("Serbia's World Bank series")
    assert queries.context_caveats(con, "population", ["MNE"]).empty
    assert len(queries.context_caveats(con, "unemployment_rate_pct")) == 1


def test_chart_points_without_filters_and_by_unit(con):
    everyone = queries.chart_points(con, "victims_identified")
    assert everyone["figure_id"].tolist() == ["t10", "t11", "t12", "t7", "t8", "t9", "t6"]  # country, year, authority
    assert queries.chart_points(con, "victims_identified", unit="percent").empty
    assert len(queries.chart_points(con, "victims_identified", unit="persons")) == 7
    assert ids(queries.chart_points(con, "victims_identified", year_to=2018)) == ["t10", "t12"]
    assert ids(queries.chart_points(con, "victims_identified", year_from=2020)) == ["t11", "t6", "t9"]


def test_search_by_category_source_limit_and_years(con):
    assert ids(queries.figures_search(con, categories=["law"])) == ["t16"]
    assert ids(queries.figures_search(con, source_id="web_2021")) == ["t6"]
    assert queries.figures_search(con, limit=3)["figure_id"].tolist() == ["t5", "t10", "t11"]
    assert len(queries.figures_search(con)) == queries.figures_search_count(con) == 16
    assert ids(queries.figures_search(con, year_to=2016)) == ["t12", "t13", "t16"]
    assert ids(queries.figures_search(con, year_to=2016, include_undated=False)) == ["t12", "t13"]
    assert ids(queries.figures_search(con, indicators=["tip_tier"])) == ["t13", "t14"]
    assert ids(queries.figures_search(con, indicators=["tip_tier"], countries=["SCG"])) == ["t13"]
    assert ids(queries.figures_search(con, text="periOD figure")) == ["t12"]  # notes, any case
    assert ids(queries.figures_search(con, text="price paid")) == ["t5"]  # the indicator's label
    assert queries.figures_search_count(con, source_id="") == 16  # an empty choice is no filter


def test_latest_figures_of_chosen_countries(con):
    latest = queries.latest_figures(con, ["MNE"])
    assert latest[["indicator", "reference_year", "value"]].values.tolist() == [
        ["victim_price", 2019, 1500.0], ["victims_identified", 2020, 3.0]
    ]  # fmt: skip


def test_disagreements_filter_and_order(con):
    table = queries.disagreements(con, ["victims_identified"], ["SRB"], 2019, 2019)
    assert table["authority"].tolist() == ["Testland: Ministry", "U.S. Department of State"]
    assert table["value"].tolist() == [49.0, 57.0]
    assert queries.disagreements(con, ["victims_identified"], ["MNE"]).empty
    assert queries.disagreements(con, year_from=2020).empty
    assert queries.disagreements(con, year_to=2018).empty
    assert queries.disagreements(con, ["tip_tier"]).empty


def test_authorities_count_totals_only(con):
    table = queries.authorities(con, "victims_identified").set_index("authority")
    assert table["figures"].to_dict() == {
        "U.S. Department of State": 4, "Testland: Ministry": 1, "Test Monitor": 1, "Testland: Police": 1
    }  # fmt: skip


def test_multi_year_indicators_need_two_years(con):
    assert queries.multi_year_indicators(con, "MNE")[["indicator", "years"]].values.tolist() == [
        ["victims_identified", 2]
    ]  # fmt: skip
    assert queries.multi_year_indicators(con, "XKX").empty


def test_additive_is_stored_as_written(con):
    stored = dict(con.execute("SELECT code, additive FROM indicators").fetchall())
    assert stored["victims_identified"] is True and stored["victims_children_share"] is False


def test_indicator_catalogue_lists_every_indicator_with_its_years(con):
    table = queries.indicator_catalogue(con).set_index("code")
    assert table.index.tolist()[:3] == ["tip_tier", "prosecutions_cases", "victim_price"]  # category, then code
    assert table.loc["victims_identified", ["figures", "countries", "first_year", "last_year"]].tolist() == [
        10, 3, 2016, 2020
    ]  # fmt: skip
    assert list(table.loc["tip_tier", "units"]) == ["tier"]
    assert bool(table.loc["victims_identified", "additive"]) and not bool(table.loc["tip_tier", "additive"])
    assert pd.isna(table.loc["statutory_prison_term", "first_year"])  # undated law


def test_country_catalogue_puts_countries_first_by_code(con):
    table = queries.country_catalogue(con)
    assert table["code"].tolist() == ["MNE", "SRB", "XKX", "BALKANS", "SCG"]
    scg = table.set_index("code").loc["SCG"]
    assert (scg["valid_from"], scg["valid_to"], scg["figures"], scg["first_year"]) == (2003, 2006, 1, 2004)


def test_authority_coverage_counts_authorities_per_indicator_and_year(con):
    table = queries.authority_coverage(con, "SRB")
    assert table.loc["victims_identified"].to_dict() == {2019: 2, 2020: 1}  # the 2013-2016 period is not a year
    assert table.loc["tip_tier"].to_dict() == {2019: 0, 2020: 1}
    assert all(pd.api.types.is_integer_dtype(dtype) for dtype in table.dtypes)  # counts, not 2.0


def test_changelog_lists_the_builds_newest_first(con):
    log = queries.changelog(con)
    assert log[["figures", "added", "changed", "removed"]].values.tolist() == [[16, 16, 0, 0]]
    assert log["note"].iloc[0] == "first build"


def test_changelog_of_a_database_without_one_is_empty_with_the_same_columns(con):
    import duckdb

    with duckdb.connect() as memory:
        log = queries.changelog(memory)
    assert log.empty
    assert list(log.columns) == list(queries.changelog(con).columns)
