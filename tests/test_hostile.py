"""Hostile input: arbitrary bytes and rows never crash the validator, arbitrary links never crash a page,
and every exported string is safe in a spreadsheet."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tip_stats.export import FORMULA_START, csv_bytes
from tip_stats.validate import REPORT_COLUMNS, DataValidationError, load_dataset

import fixtures
from conftest import make_tiny, read_rows, write_csv

FIGURE_COLUMNS = fixtures.FIGURE_HEADER.split(",")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict[str, Path]:
    return make_tiny(tmp_path_factory.mktemp("hostile-base"))


def fresh_copy(base: dict[str, Path], tmp: Path) -> dict[str, Path]:
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(base["root"], tmp)
    return {"data": tmp / "indicators", "docs": tmp / "docs"}


def validate_or_report(paths) -> pd.DataFrame | None:
    """Only two outcomes are allowed: a dataset, or our own structured error with a full report."""
    try:
        load_dataset(paths["data"], paths["docs"])
        return None
    except DataValidationError as err:
        assert list(err.report.columns) == REPORT_COLUMNS
        assert len(err.report) > 0
        assert err.report["rule"].map(lambda r: isinstance(r, str) and r != "").all()
        return err.report


HOSTILE_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@HOSTILE_SETTINGS
@given(payload=st.binary(max_size=600))
def test_arbitrary_bytes_as_figures_file(base, tmp_path, payload):
    paths = fresh_copy(base, tmp_path / "case")
    (paths["data"] / "figures.csv").write_bytes(payload)
    validate_or_report(paths)


@HOSTILE_SETTINGS
@given(text=st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400))
def test_arbitrary_text_as_sources_file(base, tmp_path, text):
    paths = fresh_copy(base, tmp_path / "case")
    (paths["data"] / "sources.csv").write_text(text, encoding="utf-8")
    validate_or_report(paths)


cell = st.one_of(
    st.text(max_size=30),
    st.integers(-(10**6), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "SRB", "t1", "2019"]),
)


@HOSTILE_SETTINGS
@given(
    rows=st.lists(st.lists(cell, min_size=len(FIGURE_COLUMNS), max_size=len(FIGURE_COLUMNS)), min_size=1, max_size=5)
)
def test_arbitrary_rows_in_figures(base, tmp_path, rows):
    paths = fresh_copy(base, tmp_path / "case")
    clean = [[value.replace("\x00", "") for value in row] for row in rows]
    write_csv(paths["data"] / "figures.csv", read_rows(paths["data"] / "figures.csv") + clean)
    report = validate_or_report(paths)
    if report is not None:
        assert set(report["file"]) <= {"figures.csv", "countries.csv", "indicators.csv", "sources.csv"}


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.text(max_size=40), min_size=1, max_size=8))
def test_exported_csv_cells_never_start_a_formula(values):
    frame = pd.DataFrame({"quote": values, "value": range(len(values))})
    text = csv_bytes(frame).decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text)))
    quotes = [row[0] for row in parsed[1:]]
    assert len(quotes) == len(values) or "\r" in "".join(values) or "\n" in "".join(values)
    for cell_text in quotes:
        assert not FORMULA_START.match(cell_text)
    for original in values:
        if FORMULA_START.match(original):
            assert ("'" + original).replace("\r\n", "\n") in [q.replace("\r\n", "\n") for q in quotes]


PARAM_NAMES = [
    "indicator",
    "country",
    "time",
    "unit",
    "per_capita",
    "context",
    "present",
    "category",
    "source",
    "q",
    "embed",
    "page",
]
param_value = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["SRB~MNE", "2000..2025", "1", "victim_price", "~~", "9999..1", "<script>alert(1)</script>", "%00", ""]
    ),
)


@pytest.mark.parametrize("page", ["compare", "explorer", "sources", "coverage"])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(PARAM_NAMES), param_value, max_size=6))
def test_arbitrary_links_never_produce_a_traceback(app_env, page, params):
    from test_pages import open_view

    clean = {key: value.replace("\x00", "") for key, value in params.items()}
    at = open_view(page, clean)
    assert not at.exception, [e.message for e in at.exception]
