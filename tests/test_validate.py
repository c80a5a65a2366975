"""The validator: shipped data passes; each kind of bad input is rejected with file, row, column and rule."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from tip_stats.settings import settings
from tip_stats.validate import DataValidationError, load_dataset

import fixtures
from conftest import SHIPPED_DATA, read_rows, set_cell, write_csv


def problems(tiny) -> pd.DataFrame:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(tiny["data"], tiny["docs"])
    return caught.value.report


def test_tiny_dataset_is_valid(tiny):
    dataset = load_dataset(tiny["data"], tiny["docs"])
    assert list(dataset.figures["figure_id"]) == [line.split(",")[0] for line in fixtures.FIGURES.splitlines()[1:]]
    assert dataset.summary["documents_checked"] == ["report.txt"]


def test_shipped_data_validates_with_every_quote_in_its_document():
    dataset = load_dataset(SHIPPED_DATA)
    documents = settings().documents_dir
    if documents.is_dir():
        assert set(dataset.summary["documents_checked"]) == set(dataset.sources["document"].dropna())
    assert len(dataset.figures) >= 40
    assert dataset.figures["quote"].str.len().min() > 3


def _cell(file, row, column, value):
    def mutate(tiny):
        set_cell(tiny["data"] / file, row, column, value)

    return mutate


def _drop_column(file, column):
    def mutate(tiny):
        rows = read_rows(tiny["data"] / file)
        index = rows[0].index(column)
        write_csv(tiny["data"] / file, [r[:index] + r[index + 1 :] for r in rows])

    return mutate


def _add_column(file, column):
    def mutate(tiny):
        rows = read_rows(tiny["data"] / file)
        write_csv(tiny["data"] / file, [rows[0] + [column]] + [r + ["x"] for r in rows[1:]])

    return mutate


def _write_bytes(file, payload: bytes):
    def mutate(tiny):
        (tiny["data"] / file).write_bytes(payload)

    return mutate


def _edit_document(tiny):
    (tiny["docs"] / "report.txt").write_text("The ministry published a report.", encoding="utf-8")


# (case, mutation, file, row, column, words the rule must contain)
CASES = [
    ("wrong type", _cell("figures.csv", 1, "value", "forty-eight"), "figures.csv", 2, "value", "wrong type"),
    ("missing column", _drop_column("figures.csv", "quote"), "figures.csv", "-", "quote", "required column"),
    ("foreign column", _add_column("figures.csv", "comment"), "figures.csv", "-", "comment", "not part of the table"),
    ("unknown country", _cell("figures.csv", 1, "country", "ZZZ"), "figures.csv", 2, "country", "countries.csv"),
    (
        "unknown indicator",
        _cell("figures.csv", 1, "indicator", "victims_found"),
        "figures.csv",
        2,
        "indicator",
        "indicators.csv",
    ),
    (
        "unknown source",
        _cell("figures.csv", 1, "source_id", "nobody_2020"),
        "figures.csv",
        2,
        "source_id",
        "sources.csv",
    ),
    ("unit mismatch", _cell("figures.csv", 1, "unit", "cases"), "figures.csv", 2, "unit", "unit of the indicator"),
    ("negative count", _cell("figures.csv", 1, "value", "-48"), "figures.csv", 2, "value", "cannot be negative"),
    ("140 percent", _cell("figures.csv", 4, "value", "140"), "figures.csv", 5, "value", "between 0 and 100"),
    (
        "year 1850",
        _cell("figures.csv", 1, "reference_year", "1850"),
        "figures.csv",
        2,
        "reference_year",
        "allowed range",
    ),
    (
        "year after the country ended",
        _cell("figures.csv", 6, "country", "SCG"),
        "figures.csv",
        7,
        "reference_year",
        "years the country existed",
    ),
    (
        "value absent from quote",
        _cell("figures.csv", 1, "value", "47"),
        "figures.csv",
        2,
        "value",
        "does not appear in its quote",
    ),
    (
        "upper value absent from quote",
        _cell("figures.csv", 5, "value_high", "3500"),
        "figures.csv",
        6,
        "value_high",
        "upper value does not appear",
    ),
    ("quote absent from document", _edit_document, "figures.csv", 2, "quote", "not found verbatim"),
    ("duplicate id", _cell("figures.csv", 2, "figure_id", "t1"), "figures.csv", 3, "figure_id", "not unique"),
    (
        "breakdown above total",
        _cell("figures.csv", 1, "value", "36"),
        "figures.csv",
        3,
        "value",
        "more than their total",
    ),
    (
        "value_high below value",
        _cell("figures.csv", 5, "value_high", "1.500"),
        "figures.csv",
        6,
        "value_high",
        "must not be below",
    ),
    ("empty file", _write_bytes("figures.csv", b""), "figures.csv", "-", "-", "file is empty"),
    (
        "non-UTF-8 file",
        _write_bytes("sources.csv", "source_id,publisher\nm,Minist\xe8re\n".encode("latin-1")),
        "sources.csv",
        2,
        "-",
        "not UTF-8",
    ),
    (
        "formula-like text",
        _cell("figures.csv", 1, "notes", '=HYPERLINK("http://x")'),
        "figures.csv",
        2,
        "notes",
        "formula",
    ),
    ("fractional count", _cell("figures.csv", 6, "value", "17.5"), "figures.csv", 7, "value", "whole number"),
    (
        "unknown qualifier",
        _cell("figures.csv", 1, "qualifier", "roughly"),
        "figures.csv",
        2,
        "qualifier",
        "must be one of",
    ),
    (
        "breakdown without label",
        _cell("figures.csv", 2, "breakdown", ""),
        "figures.csv",
        3,
        "breakdown",
        "needs a breakdown label",
    ),
    (
        "supersedes unknown figure",
        _cell("figures.csv", 7, "supersedes", "t99"),
        "figures.csv",
        8,
        "supersedes",
        "supersedes must name",
    ),
    (
        "period not a date",
        _cell("figures.csv", 1, "period_start", "April 2019"),
        "figures.csv",
        2,
        "period_start",
        "expected form",
    ),
    (
        "country period reversed",
        _cell("countries.csv", 4, "valid_to", "2001"),
        "countries.csv",
        5,
        "valid_to",
        "before valid_from",
    ),
    ("source url not a link", _cell("sources.csv", 2, "url", "example.org"), "sources.csv", 3, "url", "expected form"),
    (
        "missing year",
        _cell("figures.csv", 1, "reference_year", ""),
        "figures.csv",
        2,
        "reference_year",
        "reference year is required",
    ),
]


@pytest.mark.parametrize(("case", "mutate", "file", "row", "column", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_with_file_row_column_and_rule(tiny, case, mutate, file, row, column, words):
    mutate(tiny)
    report = problems(tiny)
    assert list(report.columns) == ["file", "row", "column", "rule", "value"]
    hits = report[
        (report["file"] == file)
        & (report["row"].astype(str) == str(row))
        & (report["column"] == column)
        & report["rule"].str.contains(words, regex=False)
    ]
    assert len(hits) == 1, f"{case}: expected one '{words}' problem at {file}:{row}:{column}\n{report}"


def test_all_problems_are_reported_at_once(tiny):
    figures = tiny["data"] / "figures.csv"
    set_cell(figures, 1, "country", "ZZZ")
    set_cell(figures, 4, "value", "140")
    set_cell(figures, 6, "value", "abc")
    report = problems(tiny)
    assert {(r.row, r.column) for r in report.itertuples()} >= {(2, "country"), (5, "value"), (7, "value")}


def test_offending_value_is_shown(tiny):
    set_cell(tiny["data"] / "figures.csv", 1, "country", "ZZZ")
    report = problems(tiny)
    assert report.loc[report["column"] == "country", "value"].tolist() == ["ZZZ"]


def test_quotes_are_not_checked_when_the_document_is_absent(tiny):
    (tiny["docs"] / "report.txt").unlink()
    dataset = load_dataset(tiny["data"], tiny["docs"])
    assert dataset.summary["documents_checked"] == []


UNDATED_QUOTE = "The number of trafficked children rose from 10 to 56 percent"


def _shipped_with_undated_row(tmp_path, note: str):
    """The shipped data plus one file holding a single figure without a reference year."""
    data = tmp_path / "indicators"
    shutil.copytree(SHIPPED_DATA, data)
    header = read_rows(SHIPPED_DATA / "figures.csv")[0]
    row = dict.fromkeys(header, "")
    row.update(
        figure_id="undated-1",
        country="SRB",
        indicator="victims_children_share",
        value="10",
        unit="percent",
        qualifier="exact",
        breakdown_type="total",
        source_id="makfax_2006_12_22",
        quote=UNDATED_QUOTE,
        quote_lang="en",
        notes=note,
    )
    write_csv(data / "figures_undated.csv", [header, [row[column] for column in header]])
    docs = tmp_path / "docs"
    docs.mkdir()
    return data, docs


def test_empty_year_is_accepted_when_the_note_starts_with_undated(tmp_path):
    note = "Undated baseline: the minister gives no year for the earlier 10 percent."
    dataset = load_dataset(*_shipped_with_undated_row(tmp_path, note))
    undated = dataset.figures[dataset.figures["figure_id"] == "undated-1"]
    assert len(undated) == 1 and undated["reference_year"].isna().all()


@pytest.mark.parametrize(
    "note",
    [
        "",
        "Baseline; the source is undated.",
        "undated baseline: lower case is not the marker",
        " Undated baseline: a leading space is not the marker",
    ],
)
def test_empty_year_is_refused_without_an_undated_note(tmp_path, note):
    with pytest.raises(DataValidationError) as caught:
        load_dataset(*_shipped_with_undated_row(tmp_path, note))
    report = caught.value.report
    hits = report[
        (report["file"] == "figures_undated.csv")
        & (report["row"].astype(str) == "2")
        & (report["column"] == "reference_year")
        & report["rule"].str.contains("reference year is required", regex=False)
    ]
    assert len(hits) == 1, report
