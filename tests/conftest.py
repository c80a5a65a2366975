"""Shared fixtures: a tiny curated dataset written by the tests themselves, and built databases."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tip_stats.build import build_database
from tip_stats.context import import_context

REPO_ROOT = Path(__file__).resolve().parents[1]

SHIPPED_DATA = REPO_ROOT / "data" / "indicators"

TINY = {
    "countries.csv": [
        ["code", "name", "kind", "valid_from", "valid_to", "notes"],
        ["SRB", "Serbia", "country", "1990", "", ""],
        ["MNE", "Montenegro", "country", "1990", "", ""],
        ["XKX", "Kosovo", "country", "1999", "", ""],
        ["SCG", "Serbia and Montenegro", "former state", "2003", "2006", ""],
    ],
    "indicators.csv": [
        ["code", "label", "unit", "category", "definition", "additive"],
        ["victims_identified", "Victims identified", "persons", "victims", "Victims identified.", "true"],
        ["victims_children_share", "Children among victims", "percent", "victims", "Share of children.", "false"],
        ["victim_price", "Price paid for a victim", "currency", "illicit markets", "Price.", "false"],
        ["statutory_prison_term", "Prison term in the code", "years", "law", "Term.", "false"],
    ],
    "sources.csv": [
        ["source_id", "publisher", "title", "published", "document", "url", "notes"],
        ["ministry_2020", "Test Ministry", "Annual report 2019", "2020-03-01", "report.txt", "", ""],
        ["web_2021", "Test Monitor", "Web report 2021", "2021-06", "", "https://example.org/report", ""],
    ],
    "figures.csv": [
        [
            "figure_id",
            "country",
            "indicator",
            "reference_year",
            "period_start",
            "period_end",
            "value",
            "value_high",
            "unit",
            "qualifier",
            "breakdown_type",
            "breakdown",
            "source_id",
            "quote",
            "notes",
            "supersedes",
        ],
        [
            "t1",
            "SRB",
            "victims_identified",
            "2019",
            "",
            "",
            "48",
            "",
            "persons",
            "exact",
            "total",
            "",
            "ministry_2020",
            "the ministry identified 48 victims (36 in 2018)",
            "",
            "",
        ],
        [
            "t2",
            "SRB",
            "victims_identified",
            "2019",
            "",
            "",
            "30",
            "",
            "persons",
            "exact",
            "sex",
            "female",
            "ministry_2020",
            "of whom 30 were women and 18 men",
            "",
            "",
        ],
        [
            "t3",
            "SRB",
            "victims_identified",
            "2019",
            "",
            "",
            "18",
            "",
            "persons",
            "exact",
            "sex",
            "male",
            "ministry_2020",
            "of whom 30 were women and 18 men",
            "",
            "",
        ],
        [
            "t4",
            "SRB",
            "victims_children_share",
            "2019",
            "",
            "",
            "40",
            "",
            "percent",
            "about",
            "total",
            "",
            "ministry_2020",
            "About 40% were children.",
            "",
            "",
        ],
        [
            "t5",
            "MNE",
            "victim_price",
            "2019",
            "",
            "",
            "1500",
            "3000",
            "EUR",
            "exact",
            "total",
            "",
            "ministry_2020",
            "girls were sold for EUR 1.500 to 3.000",
            "",
            "",
        ],
        [
            "t6",
            "XKX",
            "victims_identified",
            "2020",
            "",
            "",
            "17",
            "",
            "persons",
            "exact",
            "total",
            "",
            "web_2021",
            "identified 17 victims in 2020",
            "",
            "",
        ],
        [
            "t7",
            "SRB",
            "victims_identified",
            "2019",
            "",
            "",
            "49",
            "",
            "persons",
            "exact",
            "total",
            "",
            "web_2021",
            "revised the 2019 count to 49 victims",
            "",
            "t1",
        ],
    ],
}
TINY_DOCUMENT = (
    "In its annual report the ministry identified 48 victims (36 in 2018), of whom 30 were women and "
    "18 men.\nAbout 40% were children. Traffickers said girls were sold for EUR 1.500 to 3.000 each."
)


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def make_tiny(tmp_path: Path) -> dict[str, Path]:
    """Write a small valid dataset with its own source document into ``tmp_path``."""
    data, docs = tmp_path / "indicators", tmp_path / "docs"
    data.mkdir()
    docs.mkdir()
    for name, rows in TINY.items():
        write_csv(data / name, rows)
    (docs / "report.txt").write_text(TINY_DOCUMENT, encoding="utf-8")
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


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory) -> Path:
    """The shipped curated data built into a real DuckDB file, with a small context file of the tests' own."""
    root = tmp_path_factory.mktemp("shipped")
    context_csv = root / "context.csv"
    write_csv(context_csv, CONTEXT_ROWS)
    mp = pytest.MonkeyPatch()
    mp.setenv("TIP_STATS_CONTEXT", str(root / "context.parquet"))
    import_context(context_csv, ["SRB", "MNE", "XKX"])
    build_database(root / "tip.duckdb")
    mp.undo()
    return root / "tip.duckdb"


@pytest.fixture
def app_env(shipped_db: Path, monkeypatch) -> Path:
    """Point the app at the shipped test database."""
    monkeypatch.setenv("TIP_STATS_DB", str(shipped_db))
    return shipped_db
