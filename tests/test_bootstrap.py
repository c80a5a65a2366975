"""First start: a missing or outdated database is built once, however many sessions or processes arrive together."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tip_stats import bootstrap
from tip_stats.build import connect_read_only
from tip_stats.dashboard import ROUTER_SCRIPT

import test_browser
from conftest import CONTEXT_ROWS, set_cell, write_csv
from test_browser import serve, wait_for_app

browser, page = test_browser.browser, test_browser.page  # the browser tests' fixtures, shared


@pytest.fixture
def fresh(tiny, monkeypatch) -> dict[str, Path]:
    """Settings pointing at the tiny dataset, with no database, no context store and no reference folder yet."""
    root = tiny["root"]
    monkeypatch.setenv("TIP_STATS_DATA", str(tiny["data"]))
    monkeypatch.setenv("TIP_STATS_DOCUMENTS", str(tiny["docs"]))
    monkeypatch.setenv("TIP_STATS_DB", str(tiny["db"]))
    monkeypatch.setenv("TIP_STATS_CONTEXT", str(root / "context" / "context.parquet"))
    monkeypatch.setenv("TIP_STATS_REFERENCE", str(root / "reference"))
    return tiny | {"reference": root / "reference", "store": root / "context" / "context.parquet"}


def test_missing_database_is_built_once_then_left_alone(fresh):
    first = bootstrap.ensure_database()
    assert first.built and first.ok and fresh["db"].is_file()
    stamp = fresh["db"].stat().st_mtime_ns
    second = bootstrap.ensure_database()
    assert not second.built and second.ok
    assert fresh["db"].stat().st_mtime_ns == stamp


def test_edited_curated_data_triggers_a_rebuild(fresh):
    bootstrap.ensure_database()
    figures = fresh["data"] / "figures.csv"
    set_cell(figures, 1, "notes", "edited after the first build")
    os.utime(figures, (fresh["db"].stat().st_mtime + 5,) * 2)
    assert bootstrap.needs_build()
    outcome = bootstrap.ensure_database()
    with connect_read_only(fresh["db"]) as con:
        edited = con.execute("SELECT count(*) FROM figures WHERE notes = 'edited after the first build'").fetchone()[0]
    assert outcome.built and edited == 1


def test_context_series_are_imported_from_the_reference_folder(fresh):
    fresh["reference"].mkdir()
    write_csv(fresh["reference"] / "wdi.csv", CONTEXT_ROWS)
    outcome = bootstrap.ensure_database()
    assert "Context series imported" in outcome.message
    with connect_read_only(fresh["db"]) as con:
        assert con.execute("SELECT count(*) FROM context_series").fetchone()[0] == len(CONTEXT_ROWS) - 1


def test_bad_data_keeps_the_previous_database_and_is_not_retried_every_rerun(fresh):
    bootstrap.ensure_database()
    good = fresh["db"].read_bytes()
    set_cell(fresh["data"] / "figures.csv", 1, "value", "not a number")
    os.utime(fresh["data"] / "figures.csv", (fresh["db"].stat().st_mtime + 5,) * 2)
    outcome = bootstrap.ensure_database()
    assert not outcome.ok and "previous database stays" in outcome.message
    assert fresh["db"].read_bytes() == good
    assert not bootstrap.needs_build()


def test_sessions_arriving_together_build_once(fresh):
    with ThreadPoolExecutor(6) as pool:
        outcomes = list(pool.map(lambda _: bootstrap.ensure_database(), range(6)))
    assert [o.built for o in outcomes].count(True) == 1
    assert all(o.ok for o in outcomes)


CHILD = "import json; from tip_stats.bootstrap import ensure_database; print(json.dumps(ensure_database().built))"


@pytest.mark.slow
def test_server_processes_starting_together_build_once(fresh):
    children = [
        subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
        for _ in range(3)
    ]
    built = [json.loads(child.communicate(timeout=120)[0]) for child in children]
    assert built.count(True) == 1, built


def test_unwritable_database_folder_is_reported_not_raised(fresh, monkeypatch):
    blocker = fresh["root"] / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TIP_STATS_DB", str(blocker / "tip.duckdb"))
    outcome = bootstrap.ensure_database()
    assert not outcome.ok and "There is no database yet" in outcome.message


def test_router_builds_a_missing_database_before_the_first_page(fresh):
    at = AppTest.from_file(ROUTER_SCRIPT, default_timeout=60).run()
    assert not at.exception
    assert fresh["db"].is_file()
    assert any("Database built" in status.label for status in at.status)
    assert not at.error


@pytest.mark.browser
def test_fresh_folder_streamlit_run_draws_the_overview(tmp_path, monkeypatch, browser, page):
    """What a first-time deployer does: a copy of the project with no database, then `streamlit run app.py`."""
    repo = Path(__file__).resolve().parents[1]
    home = tmp_path / "clone"
    shutil.copytree(repo / "data" / "indicators", home / "data" / "indicators")
    shutil.copy(repo / "pyproject.toml", home / "pyproject.toml")
    for name in ("TIP_STATS_DATA", "TIP_STATS_DOCUMENTS", "TIP_STATS_CONTEXT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TIP_STATS_HOME", str(home))
    monkeypatch.setenv("TIP_STATS_REFERENCE", str(home / "no-reference"))
    database = home / "data" / "tip_stats.duckdb"
    with serve(database) as app:
        page.goto(app.url)
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        assert page.locator("[data-testid='stException']").count() == 0
        assert database.is_file()
