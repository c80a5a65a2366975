"""Shared fixtures: a tiny curated dataset written by the tests themselves, and built databases."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tip_stats.build import build_database
from tip_stats.context import import_context
from tip_stats.numbers import find_numbers
from tip_stats.validate import load_dataset

import fixtures

REPO_ROOT = Path(__file__).resolve().parents[1]

SHIPPED_DATA = REPO_ROOT / "data" / "indicators"


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def make_tiny(tmp_path: Path) -> dict[str, Path]:
    """Write a small valid dataset with its own source document into ``tmp_path``."""
    data, docs = tmp_path / "indicators", tmp_path / "docs"
    data.mkdir()
    docs.mkdir()
    for name, text in fixtures.TABLES.items():
        (data / name).write_text(text, encoding="utf-8")
    (data / "figures.csv").write_text(fixtures.FIGURES, encoding="utf-8")
    (docs / "report.txt").write_text(fixtures.DOCUMENT, encoding="utf-8")
    return {"data": data, "docs": docs, "db": tmp_path / "tip.duckdb", "root": tmp_path}


@pytest.fixture
def tiny(tmp_path: Path) -> dict[str, Path]:
    """A small valid dataset in a fresh folder per test."""
    return make_tiny(tmp_path)


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Change one cell; ``row`` counts data rows from 1 (the file's line number minus one)."""
    rows = read_rows(path)
    rows[row][rows[0].index(column)] = value
    write_csv(path, rows)


CONTEXT_ROWS = (
    [["country", "indicator", "year", "value", "unit", "source", "source_series_code"]]
    + [
        [country, "population", str(year), str(population), "persons", "test fixture", "SP.POP.TOTL"]
        for country, population in [("SRB", 7_000_000), ("MNE", 600_000), ("XKX", 1_800_000)]
        for year in range(2000, 2025)
    ]
    + [["SRB", "unemployment_rate_pct", "2019", "10.4", "% of labour force", "test fixture", "SL.UEM.TOTL.NE.ZS"]]
)


def build_with_context(root: Path, data_dir: Path | None, documents: Path | None) -> Path:
    """Build ``data_dir`` (the shipped data when None) with the tests' own small context file."""
    context_csv = root / "context.csv"
    write_csv(context_csv, CONTEXT_ROWS)
    mp = pytest.MonkeyPatch()
    mp.setenv("TIP_STATS_CONTEXT", str(root / "context.parquet"))
    import_context(context_csv, ["SRB", "MNE", "XKX"])
    dataset = load_dataset(data_dir, documents) if data_dir else None
    build_database(root / "tip.duckdb", dataset)
    mp.undo()
    return root / "tip.duckdb"


@pytest.fixture(autouse=True)
def fresh_number_cache():
    """Each test reads numbers afresh: a result cached by an earlier test (or by the process a mutation
    run forks from) would hide a change in the parser."""
    find_numbers.cache_clear()


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    """The tests' fixture dataset built into a real DuckDB file: what the page and API tests read."""
    root = tmp_path_factory.mktemp("fixture")
    paths = make_tiny(root)
    return build_with_context(root, paths["data"], paths["docs"])


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory) -> Path:
    """The shipped curated data built into a real DuckDB file, with a small context file of the tests' own."""
    return build_with_context(tmp_path_factory.mktemp("shipped"), None, None)


@pytest.fixture
def app_env(fixture_db: Path, monkeypatch) -> Path:
    """Point the app at the fixture database."""
    monkeypatch.setenv("TIP_STATS_DB", str(fixture_db))
    return fixture_db


def pytest_addoption(parser):
    parser.addoption("--browser", action="store_true", help="also run the tests that drive Debian's chromium")
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from what the code says now")


def pytest_collection_modifyitems(config, items):
    """Browser tests need chromium and a few minutes: they run only when asked for with --browser."""
    if config.getoption("--browser"):
        return
    skip = pytest.mark.skip(reason="browser test: run with --browser (make test does)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
