"""Every page through Streamlit's AppTest on the fixture database: renders, keeps its state in the URL,
survives bad links and broken databases, and shows what the fixture holds."""

from __future__ import annotations

import io
from unittest import mock

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tip_stats import queries
from tip_stats.build import connect_read_only
from tip_stats.dashboard import ROUTER_SCRIPT

VIEWS = ["compare", "explorer", "sources", "coverage"]


def _view_script(name: str) -> None:
    import importlib

    import streamlit as st

    from tip_stats.dashboard.cached import DatabaseUnavailable

    try:
        importlib.import_module(f"tip_stats.dashboard.views.{name}").render()
    except DatabaseUnavailable as err:
        st.error(str(err))


def open_view(name: str, params: dict | None = None) -> AppTest:
    """One page rendered on its own (the router's pages are functions, which AppTest cannot switch to)."""
    at = AppTest.from_function(_view_script, args=(name,), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def open_router(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(ROUTER_SCRIPT, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("name", VIEWS)
def test_view_renders_without_exception(app_env, name):
    at = open_view(name)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error


def test_overview_has_a_card_per_country_links_to_compare_and_labels_context(app_env):
    at = open_router()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.subheader][:3] == ["Serbia", "Montenegro", "Kosovo"]
    assert any("Context" in s.value for s in at.subheader)
    context = at.dataframe[-1].value
    assert "Serbia and Montenegro" in set(context["Where"])  # the predecessor's tier is context, not a series
    links = [link.proto for link in at.get("page_link")]
    assert any(link.query_string.startswith("indicator=tip_tier&country=SRB") for link in links)


def test_compare_restores_the_view_from_the_url_and_mirrors_changes(app_env):
    at = open_view("compare", {"indicator": "victims_identified", "country": "SRB~XKX", "time": "2015..2021"})
    assert at.selectbox(key="compare_indicator").value == "victims_identified"
    assert at.multiselect(key="compare_country").value == ["SRB", "XKX"]
    assert at.slider(key="compare_time").value == (2015, 2021)
    assert set(at.dataframe[0].value["Country"]) == {"Serbia", "Kosovo"}
    at.multiselect(key="compare_country").set_value(["MNE", "SRB"]).run()
    assert at.query_params["country"] == "MNE~SRB"
    assert at.query_params["indicator"] == "victims_identified"


def test_compare_keeps_authorities_apart_and_lists_their_disagreement(app_env):
    at = open_view("compare", {"indicator": "victims_identified", "country": "SRB", "time": "2010..2021"})
    plotted, disagreements = at.dataframe[0].value, at.dataframe[1].value
    serbia_2019 = plotted[plotted["Year"] == "2019"]
    assert sorted(serbia_2019["Figure"]) == ["49", "57"]  # the ministry's revised 49 and the State Department's 57
    assert sorted(disagreements["Counted by"]) == ["Testland: Ministry", "U.S. Department of State"]
    periods = at.dataframe[2].value
    assert periods["Year"].tolist() == ["2013 to 2016"]  # listed apart, not plotted as 2016


def test_compare_can_show_one_authority(app_env):
    at = open_view("compare", {"indicator": "victims_identified", "country": "SRB", "authority": "default"})
    assert set(at.dataframe[0].value["Counted by"]) == {"U.S. Department of State"}
    assert at.query_params["authority"] == "default"


def test_compare_shows_tiers_by_edition_with_the_predecessor(app_env):
    at = open_view("compare", {"indicator": "tip_tier", "country": "SRB", "time": "2000..2025"})
    table = at.dataframe[0].value
    assert "2005 report (covers 2004)" in set(table["Year"])
    assert "Serbia and Montenegro (predecessor state)" in set(table["Country"])


def test_compare_says_which_country_has_no_figure(app_env):
    at = open_view("compare", {"indicator": "victims_children_share", "country": "SRB~MNE"})
    assert any("No figure for Montenegro" in i.value for i in at.info)
    assert not any("No figure for Serbia" in i.value for i in at.info)


def test_compare_per_capita_round_trips_through_the_url(app_env):
    at = open_view("compare", {"indicator": "victims_identified", "country": "XKX", "per_capita": "1"})
    assert at.toggle(key="compare_per_capita").value is True
    assert at.dataframe[0].value["Figure"].tolist() == [f"{17 / 1_800_000 * 100_000:.2f} per 100,000 people"]
    at.toggle(key="compare_per_capita").set_value(False).run()
    assert at.query_params["per_capita"] == "0"


@pytest.mark.parametrize("name", VIEWS)
def test_bad_parameters_fall_back_with_a_notice(app_env, name):
    bad = {"indicator": "<script>alert(1)</script>", "country": "ZZZ", "time": "soon", "per_capita": "maybe",
           "source": "nobody"}  # fmt: skip
    at = open_view(name, bad)
    assert not at.exception
    if name in ("compare", "explorer"):
        assert any("Link parameter ignored" in w.value for w in at.warning)


def test_presentation_mode_hides_the_controls(app_env):
    at = open_view("compare", {"indicator": "victims_identified", "present": "1"})
    assert not at.exception
    assert len(at.selectbox) == 0 and len(at.multiselect) == 0
    assert at.query_params["present"] == "1"


def test_explorer_downloads_carry_the_database_rows(app_env):
    stores: list[MemoryMediaFileStorage] = []
    original = MemoryMediaFileStorage.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        stores.append(self)

    with mock.patch.object(MemoryMediaFileStorage, "__init__", remember):
        at = open_view("explorer", {"country": "SRB", "q": "victims"})
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    filtered = stores[-1].get_file(buttons["Download filtered rows (CSV)"].url.rsplit("/", 1)[-1]).content
    assert buttons["Download all figures (CSV)"].deferred_file_id  # made on click: checked in the browser test
    with connect_read_only(app_env) as con:
        expected = queries.figures_search(con, countries=["SRB"], text="victims")
    rows = pd.read_csv(io.BytesIO(filtered), encoding="utf-8-sig")
    assert rows["figure_id"].tolist() == expected["figure_id"].tolist()
    assert {"t1", "t7", "t8", "t9"} <= set(rows["figure_id"])
    assert at.query_params["q"] == "victims"


def test_explorer_text_search_lists_disagreements(app_env):
    at = open_view("explorer", {"q": "ministry"})
    assert at.dataframe[0].value["figure_id"].tolist() == ["t1"]
    assert any("authorities disagree" in e.label for e in at.expander)


def test_sources_page_names_the_authority_and_shows_the_translation(app_env):
    at = open_view("sources", {"source": "daily_2017"})
    assert any("Testland&#58; Police" in c.value for c in at.caption)  # escaped: document text is never markup
    assert any("from 2013 to 2016, 296 victims were identified" in m.value for m in at.markdown)


def test_missing_database_shows_a_message_not_a_traceback(monkeypatch, tmp_path):
    (tmp_path / "a-file").write_text("the database cannot be built under a file")
    monkeypatch.setenv("TIP_STATS_DB", str(tmp_path / "a-file" / "missing.duckdb"))
    at = open_router()
    assert not at.exception
    assert any("tip-stats build" in e.value for e in at.error)


def test_corrupt_database_shows_a_message_not_a_traceback(monkeypatch, tmp_path):
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("TIP_STATS_DB", str(corrupt))
    at = open_view("compare")
    assert not at.exception
    assert any("rebuild" in e.value for e in at.error)


def test_compare_context_panel_is_labelled_world_bank(app_env):
    params = {"indicator": "victims_identified", "country": "SRB", "context": "unemployment_rate_pct"}
    at = open_view("compare", params)
    assert not at.exception
    assert at.selectbox(key="compare_context").value == "unemployment_rate_pct"
    assert any("exclude Kosovo" in c.value for c in at.caption)


def test_truncated_database_shows_a_message_not_a_traceback(monkeypatch, tmp_path, fixture_db):
    truncated = tmp_path / "truncated.duckdb"
    truncated.write_bytes(fixture_db.read_bytes()[: fixture_db.stat().st_size // 3])
    monkeypatch.setenv("TIP_STATS_DB", str(truncated))
    for name in VIEWS:
        at = open_view(name)
        assert not at.exception, (name, [e.message for e in at.exception])


def test_one_authority_view_still_lists_every_authority_that_disagrees(app_env):
    at = open_view("compare", {"indicator": "victims_identified", "country": "SRB", "authority": "default"})
    assert sorted(at.dataframe[1].value["Counted by"]) == ["Testland: Ministry", "U.S. Department of State"]


def test_coverage_page_shows_the_changelog(app_env):
    at = open_view("coverage")
    changelog = at.dataframe[-1].value
    assert list(changelog.columns)[:5] == ["Built (UTC)", "Figures", "Added", "Changed", "Removed"]
    assert changelog["Figures"].tolist() == [16]


def test_coverage_page_counts_authorities_per_year_for_each_country(app_env):
    at = open_view("coverage", {})
    assert [tab.label for tab in at.tabs][:1] == ["Serbia"]
    grid = at.tabs[0].dataframe[0].value
    assert grid.loc["Victims identified", "2019"] == "2" and grid.loc["Victims identified", "2020"] == "1"
    assert grid.loc["TIP report tier", "2019"] == ""  # a gap stays blank
