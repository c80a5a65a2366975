"""Every page through Streamlit's AppTest: renders, mirrors its controls in the URL, survives bad links."""

from __future__ import annotations

import io
from pathlib import Path
from unittest import mock

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tip_stats import queries
from tip_stats.build import connect_read_only
from tip_stats.dashboard import ROUTER_SCRIPT

REPO_ROOT = Path(__file__).resolve().parents[1]


PAGES = ["views/overview.py", "views/compare.py", "views/explorer.py", "views/sources.py", "views/coverage.py"]


def open_page(page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(ROUTER_SCRIPT, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "views/overview.py":
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(app_env, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error


def test_overview_has_a_card_per_country_and_labels_context(app_env):
    at = open_page("views/overview.py")
    assert [s.value for s in at.subheader][:3] == ["Serbia", "Montenegro", "Kosovo"]
    assert any("Context" in s.value for s in at.subheader)
    assert len(at.dataframe) >= 4


def test_compare_restores_the_view_from_the_url_and_mirrors_changes(app_env):
    at = open_page(
        "views/compare.py", {"indicator": "victim_price", "country": "SRB~XKX", "time": "2002..2010", "unit": "EUR"}
    )
    assert at.selectbox(key="compare_indicator").value == "victim_price"
    assert at.multiselect(key="compare_country").value == ["SRB", "XKX"]
    assert at.slider(key="compare_time").value == (2002, 2010)
    assert at.radio(key="compare_unit").value == "EUR"
    table = at.dataframe[0].value
    assert sorted(table["country_name"]) == ["Kosovo", "Serbia"]
    at.multiselect(key="compare_country").set_value(["MNE", "SRB", "XKX"]).run()
    at.radio(key="compare_unit").set_value("GBP").run()
    assert at.query_params["country"] == "MNE~SRB~XKX"
    assert at.query_params["unit"] == "GBP"
    assert at.query_params["indicator"] == "victim_price"


def test_compare_says_which_country_has_no_figure(app_env):
    at = open_page("views/compare.py", {"indicator": "income_per_capita", "country": "SRB~XKX"})
    assert any("No figure for Serbia" in i.value for i in at.info)
    assert not at.exception


def test_compare_per_capita_round_trips_through_the_url(app_env):
    at = open_page(
        "views/compare.py", {"indicator": "victims_rescued", "country": "XKX", "time": "2000..2025", "per_capita": "1"}
    )
    assert at.toggle(key="compare_per_capita").value is True
    table = at.dataframe[0].value
    # 2 victims rescued / 1,800,000 people (the tests' population) * 100,000
    assert table["value"].round(6).tolist() == [round(4 / 1_800_000 * 100_000, 6), round(2 / 1_800_000 * 100_000, 6)]
    at.toggle(key="compare_per_capita").set_value(False).run()
    assert at.query_params["per_capita"] == "0"


@pytest.mark.parametrize("page", PAGES)
def test_bad_parameters_fall_back_with_a_notice(app_env, page):
    at = open_page(
        page,
        {
            "indicator": "<script>alert(1)</script>",
            "country": "ZZZ",
            "time": "soon",
            "per_capita": "maybe",
            "source": "nobody",
        },
    )
    assert not at.exception
    if page in ("views/compare.py", "views/explorer.py"):
        assert any("Link parameter ignored" in w.value for w in at.warning)


def test_presentation_mode_hides_the_controls(app_env):
    at = open_page("views/compare.py", {"indicator": "victims_rescued", "present": "1"})
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
        at = open_page("views/explorer.py", {"country": "XKX", "q": "begging"})
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    filtered = stores[-1].get_file(buttons["Download filtered rows (CSV)"].url.rsplit("/", 1)[-1]).content
    assert buttons["Download all figures (CSV)"].deferred_file_id  # made on click: checked in the browser test
    with connect_read_only(app_env) as con:
        expected = queries.figures_search(con, countries=["XKX"], text="begging")
    rows = pd.read_csv(io.BytesIO(filtered), encoding="utf-8-sig")
    assert rows["figure_id"].tolist() == expected["figure_id"].tolist() and len(rows) > 0
    assert at.query_params["q"] == "begging"


def test_explorer_text_search_and_filters(app_env):
    at = open_page("views/explorer.py", {"q": "Podgorica"})
    table = at.dataframe[0].value
    assert len(table) > 0 and table["quote"].str.contains("Podgorica").any()


def test_missing_database_shows_a_message_not_a_traceback(monkeypatch, tmp_path):
    (tmp_path / "a-file").write_text("the database cannot be built under a file")
    monkeypatch.setenv("TIP_STATS_DB", str(tmp_path / "a-file" / "missing.duckdb"))
    at = open_page("views/overview.py")
    assert not at.exception
    assert any("tip-stats build" in e.value for e in at.error)


def test_corrupt_database_shows_a_message_not_a_traceback(monkeypatch, tmp_path):
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("TIP_STATS_DB", str(corrupt))
    at = open_page("views/compare.py")
    assert not at.exception
    assert any("rebuild" in e.value for e in at.error)


def test_compare_context_panel_is_labelled_world_bank(app_env):
    at = open_page(
        "views/compare.py",
        {
            "indicator": "victims_rescued",
            "country": "XKX~SRB",
            "context": "unemployment_rate_pct",
            "time": "2000..2025",
        },
    )
    assert not at.exception
    assert at.selectbox(key="compare_context").value == "unemployment_rate_pct"
    assert any("exclude Kosovo" in c.value for c in at.caption)


def test_truncated_database_shows_a_message_not_a_traceback(monkeypatch, tmp_path, shipped_db):
    truncated = tmp_path / "truncated.duckdb"
    truncated.write_bytes(shipped_db.read_bytes()[: shipped_db.stat().st_size // 3])
    monkeypatch.setenv("TIP_STATS_DB", str(truncated))
    for page in PAGES:
        at = open_page(page)
        assert not at.exception, (page, [e.message for e in at.exception])
        assert any("tip-stats build" in e.value for e in at.error), page
