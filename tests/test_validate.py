"""The validator: shipped data passes; each kind of bad input is rejected with file, row, column and rule."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tip_stats import validate
from tip_stats.cli import main
from tip_stats.settings import settings
from tip_stats.validate import MODELS, DataValidationError, format_report, load_dataset, validate_frame

import fixtures
from conftest import SHIPPED_DATA, make_tiny, read_rows, set_cell, write_csv


def problems(tiny) -> pd.DataFrame:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(tiny["data"], tiny["docs"])
    return caught.value.report


def test_tiny_dataset_is_valid(tiny):
    dataset = load_dataset(tiny["data"], tiny["docs"])
    assert list(dataset.figures["figure_id"]) == [line.split(",")[0] for line in fixtures.FIGURES.splitlines()[1:]]
    assert dataset.summary["documents_checked"] == ["report.txt"]


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
    ("missing column", _drop_column("figures.csv", "quote"), "figures.csv", 1, "quote", "column quote is missing"),
    ("foreign column", _add_column("figures.csv", "comment"), "figures.csv", 1, "comment", "not part of this table"),
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
        "publisher",
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


def _assert_reported_once(tiny, case, mutate, file, row, column, words):
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
        value="56",
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
    note = "Undated baseline: a row of the test's own (the 56 without a year), beside the dated one."
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


# Structure and strict reading through the whole validator: each kind of damage a careless editor or a
# hostile file does, reported under the damaged file's own name, at its true line, with column and rule.
def _split_figures(tiny) -> None:
    """Move figures t8-t16 to a second file, figures_tip.csv, as the shipped data is split."""
    rows = read_rows(tiny["data"] / "figures.csv")
    write_csv(tiny["data"] / "figures.csv", rows[:8])
    write_csv(tiny["data"] / "figures_tip.csv", [rows[0]] + rows[8:])


def _in_second_file(mutation):
    def mutate(tiny):
        _split_figures(tiny)
        mutation(tiny)

    return mutate


def _rename_column(file, old, new):
    def mutate(tiny):
        rows = read_rows(tiny["data"] / file)
        rows[0][rows[0].index(old)] = new
        write_csv(tiny["data"] / file, rows)

    return mutate


def _edit_line(file, line, edit):
    """Change one physical line of a file as a text editor would (``line`` counts from 1)."""

    def mutate(tiny):
        path = tiny["data"] / file
        lines = path.read_bytes().split(b"\n")
        changed = edit(lines[line - 1].decode("utf-8"))
        lines[line - 1] = changed if isinstance(changed, bytes) else changed.encode("utf-8")
        path.write_bytes(b"\n".join(lines))

    return mutate


def _then(*mutations):
    def mutate(tiny):
        for mutation in mutations:
            mutation(tiny)

    return mutate


def _copy_row_as(file, row, new_id):
    def mutate(tiny):
        rows = read_rows(tiny["data"] / file)
        write_csv(tiny["data"] / file, rows + [[new_id] + rows[row][1:]])

    return mutate


HEADER_ONLY = (fixtures.FIGURE_HEADER + "\n").encode()
STRICT_CASES = [
    ("header-only figures file", _write_bytes("figures.csv", HEADER_ONLY), "figures.csv", 2, "-", "no rows"),
    ("blank-only figures file", _write_bytes("figures.csv", b"\n\n\r\n"), "figures.csv", "-", "-", "file is empty"),
    (
        "column deleted from one of two files",
        _in_second_file(_drop_column("figures_tip.csv", "notes")),
        "figures_tip.csv",
        1,
        "notes",
        "column notes is missing",
    ),
    (
        "column renamed in the second file",
        _in_second_file(_rename_column("figures_tip.csv", "quote_en", "quote_english")),
        "figures_tip.csv",
        1,
        "quote_en",
        "has quote_english instead",
    ),
    (
        "column added to the second file",
        _in_second_file(_add_column("figures_tip.csv", "comment")),
        "figures_tip.csv",
        1,
        "comment",
        "not part of this table",
    ),
    ("column repeated", _rename_column("figures.csv", "supersedes", "notes"), "figures.csv", 1, "notes", "more than"),
    (
        "value column deleted",
        _drop_column("figures.csv", "value"),
        "figures.csv",
        1,
        "value",
        "column value is missing",
    ),
    ("trailing fields missing", _edit_line("figures.csv", 3, lambda t: t[:-2]), "figures.csv", 3, "notes", "no value"),
    ("a field too many", _edit_line("figures.csv", 3, lambda t: t + ",x"), "figures.csv", 3, "-", "extra value"),
    (
        "NUL byte",
        _edit_line("figures.csv", 2, lambda t: t.replace("48 v", "48\x00 v")),
        "figures.csv",
        2,
        "quote",
        "U+0000",
    ),
    ("escape character", _cell("figures.csv", 1, "notes", "\x1b[2J"), "figures.csv", 2, "notes", "U+001B"),
    (
        "invalid UTF-8",
        _edit_line("figures.csv", 7, lambda t: t.encode().replace(b"17 v", b"17\xff v")),
        "figures.csv",
        7,
        "quote",
        "byte 0xFF is not UTF-8",
    ),
    ("10 MB cell", _cell("figures.csv", 1, "notes", "x" * 10_000_000), "figures.csv", 2, "notes", "longer than 4,000"),
    (
        "quote over the limit",
        _cell("figures.csv", 1, "quote", "the ministry identified 48 victims " + "y" * 1000),
        "figures.csv",
        2,
        "quote",
        "longer than 1,000",
    ),
    (
        "quote never closed",
        _edit_line("figures.csv", 3, lambda t: t.replace('18 men"', "18 men")),
        "figures.csv",
        3,
        "quote",
        "unbalanced quotes",
    ),
    (
        "text after a closing quote",
        _edit_line("figures.csv", 3, lambda t: t.replace('18 men"', '18 men" (sic)')),
        "figures.csv",
        3,
        "quote",
        "followed by text",
    ),
    (
        "a blank line before a bad row",
        _then(_cell("figures.csv", 4, "value", "140"), _edit_line("figures.csv", 3, lambda t: t + "\n")),
        "figures.csv",
        6,
        "value",
        "between 0 and 100",
    ),
    (
        "a multi-line cell before a bad row",
        _then(_cell("figures.csv", 2, "notes", "first\nsecond"), _cell("figures.csv", 4, "value", "140")),
        "figures.csv",
        6,
        "value",
        "between 0 and 100",
    ),
    (
        "period not a calendar date",
        _cell("figures.csv", 1, "period_start", "2019-13-45"),
        "figures.csv",
        2,
        "period_start",
        "not a real calendar date",
    ),
    ("29 February 2019", _cell("figures.csv", 1, "period_end", "2019-02-29"), "figures.csv", 2, "period_end", "real"),
    (
        "period ending before it starts",
        _then(_cell("figures.csv", 1, "period_start", "2019-06"), _cell("figures.csv", 1, "period_end", "2019-05-31")),
        "figures.csv",
        2,
        "period_end",
        "ends before it starts",
    ),
    (
        "exact copy under a new id",
        _copy_row_as("figures.csv", 1, "t1b"),
        "figures.csv",
        18,
        "figure_id",
        "same evidence",
    ),
    (
        "value changed to a year in its quote",
        _cell("figures.csv", 9, "value", "2020"),
        "figures.csv",
        10,
        "value",
        "only as a year",
    ),
]


@pytest.mark.parametrize(
    ("case", "mutate", "file", "row", "column", "words"), STRICT_CASES, ids=[c[0] for c in STRICT_CASES]
)
def test_malformed_files_are_refused_with_true_line_column_and_rule(tiny, case, mutate, file, row, column, words):
    _assert_reported_once(tiny, case, mutate, file, row, column, words)


def test_a_missing_column_is_one_line_not_a_cascade(tiny):
    _drop_column("figures.csv", "value")(tiny)
    report = problems(tiny)
    assert report[["file", "row", "column", "rule"]].values.tolist() == [
        ["figures.csv", 1, "value", "column value is missing"]
    ]


def test_a_year_that_is_also_the_count_passes(tiny):
    set_cell(tiny["data"] / "figures.csv", 9, "value", "2020")
    set_cell(tiny["data"] / "figures.csv", 9, "quote", "identified 2020 victims in 2020")
    assert "t9" in set(load_dataset(tiny["data"], tiny["docs"]).figures["figure_id"])


def test_years_indicator_may_take_its_value_from_a_year(tiny):
    set_cell(tiny["data"] / "figures.csv", 16, "value", "2003")
    set_cell(tiny["data"] / "figures.csv", 16, "quote", "punished with imprisonment since 2003")
    set_cell(tiny["data"] / "figures.csv", 16, "qualifier", "exact")
    (tiny["docs"] / "report.txt").write_text(fixtures.DOCUMENT + " punished with imprisonment since 2003")
    assert "t16" in set(load_dataset(tiny["data"], tiny["docs"]).figures["figure_id"])


def test_harmless_variations_validate_and_html_in_notes_stays_text(tiny):
    path = tiny["data"] / "figures.csv"
    rows = read_rows(path)
    order = list(reversed(range(len(rows[0]))))
    rows = [[row[i] for i in order] for row in rows]
    rows[1][rows[0].index("notes")] = "<b>bold</b><script>alert(1)</script>"
    text = "\ufeff" + "\r\n\r\n".join(",".join(f'"{c}"' if "," in c or '"' in c else c for c in r) for r in rows)
    path.write_bytes(text.encode("utf-8"))  # reversed columns, BOM, CRLF, blank lines, no final newline
    figures = load_dataset(tiny["data"], tiny["docs"]).figures.set_index("figure_id")
    assert len(figures) == 16
    assert figures.at["t1", "notes"] == "<b>bold</b><script>alert(1)</script>"


def test_quote_coverage_is_always_counted(tiny):
    quotes = load_dataset(tiny["data"], tiny["docs"]).summary["quotes"]
    assert quotes == {"verified": 6, "document_absent": 0, "no_document": 10, "absent_documents": []}


def test_strict_refuses_a_figure_whose_document_is_absent(tiny):
    (tiny["docs"] / "report.txt").unlink()
    summary = load_dataset(tiny["data"], tiny["docs"]).summary
    assert summary["quotes"]["document_absent"] == 6 and summary["quotes"]["absent_documents"] == ["report.txt"]
    with pytest.raises(DataValidationError) as caught:
        load_dataset(tiny["data"], tiny["docs"], strict=True)
    report = caught.value.report
    assert report[["file", "row", "column", "value"]].values.tolist() == [["sources.csv", 2, "document", "report.txt"]]
    assert report.at[0, "rule"] == (
        f"the document is not in {tiny['docs']}: 6 figure(s) quote it and their quotes cannot be checked (--strict)"
    )


def test_strict_without_the_documents_folder_says_so(tiny):
    shutil.rmtree(tiny["docs"])
    with pytest.raises(DataValidationError) as caught:
        load_dataset(tiny["data"], tiny["docs"], strict=True)
    first = caught.value.report.iloc[0]
    assert (first["file"], first["row"], first["column"]) == ("-", "-", "document")
    assert first["rule"] == (
        f"the documents folder {tiny['docs']} does not exist: quotes cannot be checked (set documents_dir in "
        "pyproject.toml, TIP_STATS_DOCUMENTS or --documents-dir)"
    )


def test_cli_states_how_many_quotes_were_verified(tiny, capsys):
    assert main(["validate", "--data-dir", str(tiny["data"]), "--documents-dir", str(tiny["docs"])]) == 0
    out = capsys.readouterr().out
    assert "Quotes: 6 verified verbatim against 1 document(s); 10 could not be verified" in out


def test_cli_report_names_the_true_line_and_keeps_the_whole_rule(tiny, capsys):
    _then(_edit_line("figures.csv", 2, lambda t: t + "\n"), _edit_line("figures.csv", 4, lambda t: t[:-1]))(tiny)
    assert main(["validate", "--data-dir", str(tiny["data"]), "--documents-dir", str(tiny["docs"])]) == 1
    err = capsys.readouterr().err
    rule = "the row has 17 fields but the header has 18: no value for supersedes"
    assert f"figures.csv:4: supersedes: {rule}" in err


def test_cli_strict_on_the_shipped_data_needs_the_documents(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TIP_STATS_DOCUMENTS", str(tmp_path / "no-such-folder"))
    assert main(["validate", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "the documents folder" in err and "does not exist" in err
    assert "sources.csv:2: document: the document is not in" in err
    assert main(["validate"]) == 0
    assert "whose document is absent here" in capsys.readouterr().out


@pytest.mark.skipif(not settings().documents_dir.is_dir(), reason="the shared documents folder is not on this machine")
def test_cli_strict_passes_on_the_shipped_data_with_the_documents(capsys):
    assert main(["validate", "--strict"]) == 0
    assert "0 whose document is absent here" in capsys.readouterr().out


@pytest.mark.slow
def test_cli_stops_quietly_when_its_reader_has_gone(tiny):
    """`tip-stats validate | head -1` must not end in a BrokenPipeError traceback."""
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before the first line is written
    command = [sys.executable, "-m", "tip_stats.cli", "validate", "--data-dir", str(tiny["data"]),
               "--documents-dir", str(tiny["docs"])]  # fmt: skip
    done = subprocess.run(command, stdout=writer, stderr=subprocess.PIPE, text=True, timeout=60)
    os.close(writer)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


# ----------------------------------------------------------------- the report, word for word

# More mistakes whose rule words no case above pins down.
WORDING_CASES = CASES + [
    ("quote too short", _cell("figures.csv", 1, "quote", "48"), "figures.csv", 2, "quote", ""),
    ("year too late", _cell("figures.csv", 1, "reference_year", "2030"), "figures.csv", 2, "reference_year", ""),
    ("empty id", _cell("figures.csv", 1, "figure_id", ""), "figures.csv", 2, "figure_id", ""),
    ("source without publisher", _cell("sources.csv", 1, "publisher", ""), "sources.csv", 2, "publisher", ""),
    ("year not a number", _cell("figures.csv", 1, "reference_year", "twenty"), "figures.csv", 2, "reference_year", ""),
    ("additive not a flag", _cell("indicators.csv", 1, "additive", "maybe"), "indicators.csv", 2, "additive", ""),
]
GOLDEN_REPORT = Path(__file__).parent / "golden" / "validation_report.txt"


def _reported_lines(tiny, mutate, file, row, column) -> list[str]:
    mutate(tiny)
    report = problems(tiny)
    mine = report[(report["file"] == file) & (report["row"].astype(str) == str(row)) & (report["column"] == column)]
    return format_report(mine).splitlines()


def _golden_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    for line in GOLDEN_REPORT.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:], [])
        else:
            current.append(line)
    return sections


def _case_lines(tmp_path: Path, case: tuple) -> list[str]:
    name, mutate, file, row, column, words = case
    reported = _reported_lines(make_tiny(tmp_path), mutate, file, row, column)
    assert reported and words in "\n".join(reported), f"{name}: no '{words}' problem at {file}:{row}:{column}"
    return reported


@pytest.mark.parametrize("case", WORDING_CASES, ids=[c[0] for c in WORDING_CASES])
def test_each_mistake_reads_word_for_word_as_the_golden_report(tmp_path, case):
    """Each mistake is reported at its file, true line and column, in words a curator can act on.

    The wording is pinned too (tests/golden/validation_report.txt): any change to it shows here as a diff.
    """
    assert _case_lines(tmp_path, case) == _golden_sections()[case[0]]


def test_the_golden_report_holds_every_case_once(tmp_path, request):
    """After an intended change of wording, `pytest tests/test_validate.py --update-golden` rewrites the file."""
    if request.config.getoption("--update-golden"):
        lines = []
        for number, case in enumerate(WORDING_CASES):
            (tmp_path / str(number)).mkdir()
            lines += [f"## {case[0]}", *_case_lines(tmp_path / str(number), case)]
        GOLDEN_REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert list(_golden_sections()) == [case[0] for case in WORDING_CASES]


def test_a_frame_missing_a_column_or_with_a_foreign_one_names_it():
    """The context import validates frames directly, so the header rules come from pandera, not the reader."""
    frame = pd.DataFrame({"code": ["SRB"], "name": ["Serbia"], "colour": ["red"]})
    _, found = validate_frame(MODELS["countries"], frame, [("countries.csv", 2)], "countries.csv")
    said = {(p["file"], p["row"], p["column"], p["rule"], p["value"]) for p in found}
    assert ("countries.csv", "-", "valid_from", "a required column is missing", "valid_from") in said
    assert ("countries.csv", "-", "colour", "this column is not part of the table", "colour") in said


def test_a_file_the_two_readers_disagree_on_is_refused_not_dropped(tiny, monkeypatch):
    """Safety net: if pandas ever returned other rows than the strict reader counted, nothing is loaded silently."""
    monkeypatch.setattr(validate, "checked_frame", lambda table: None)
    report = problems(tiny)
    rule = "the file could not be loaded row for row as the strict reader read it; please report this file"
    assert report.values.tolist() == [
        [name, "-", "-", rule, ""]
        for name in ["countries.csv", "indicators.csv", "sources.csv", "figures.csv", "context_caveats.csv"]
    ]


def _remove_figures(tiny):
    for path in tiny["data"].glob("figures*.csv"):
        path.unlink()


def _cut_country_row(tiny):
    path = tiny["data"] / "countries.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:2] + [lines[2].rsplit(",", 2)[0]] + lines[3:]) + "\n", encoding="utf-8")


WHOLE_REPORT_CASES = [("no figures file", _remove_figures), ("a catalogue row cut short", _cut_country_row)]
GOLDEN_WHOLE = Path(__file__).parent / "golden" / "validation_whole_reports.txt"


def test_file_level_problems_read_word_for_word_as_the_golden_report(tmp_path, request):
    """Problems that belong to a file, not a row: '-' stands for the line and column, and nothing cascades."""
    lines = []
    for number, (case, mutate) in enumerate(WHOLE_REPORT_CASES):
        (tmp_path / str(number)).mkdir()
        tiny = make_tiny(tmp_path / str(number))
        mutate(tiny)
        lines += [f"## {case}", format_report(problems(tiny))]
    text = "\n".join(lines) + "\n"
    if request.config.getoption("--update-golden"):
        GOLDEN_WHOLE.write_text(text, encoding="utf-8")
    assert text == GOLDEN_WHOLE.read_text(encoding="utf-8")


def test_the_error_message_carries_the_whole_report():
    report = pd.DataFrame(
        [["figures.csv", 2, "value", "rule one", "7"], ["figures.csv", 3, "quote", "rule two", None],
         ["sources.csv", "-", "-", "rule three", float("nan")]],
        columns=["file", "row", "column", "rule", "value"],
    )  # fmt: skip
    expected = "figures.csv:2: value: rule one [value: 7]\nfigures.csv:3: quote: rule two\nsources.csv:-: -: rule three"
    assert format_report(report) == expected
    assert str(DataValidationError(report)) == f"3 problem(s) in the curated data:\n{expected}"
    assert format_report(report.iloc[0:0]) == "(no problems)"


def test_a_document_with_a_stray_byte_is_still_read(tiny):
    """A PDF-to-text conversion may leave a byte that is not UTF-8; the rest of the document still counts."""
    document = tiny["docs"] / "report.txt"
    document.write_bytes(document.read_bytes() + b"\n\xe8 trailing byte\n")
    dataset = load_dataset(tiny["data"], tiny["docs"])
    assert dataset.summary["quotes"]["verified"] == 6


def test_strict_ignores_an_absent_document_no_figure_quotes(tiny):
    with (tiny["data"] / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("unused_2020,Nobody,Nobody,Unused report,2020,missing.txt,,never quoted\n")
    assert load_dataset(tiny["data"], tiny["docs"], strict=True).summary["figures"] == 16


def test_one_catalogue_file_the_readers_disagree_on_stops_the_figure_rules(tiny, monkeypatch):
    real = validate.checked_frame
    monkeypatch.setattr(validate, "checked_frame", lambda table: None if table.name == "countries.csv" else real(table))
    assert format_report(problems(tiny)).splitlines() == [
        "countries.csv:-: -: the file could not be loaded row for row as the strict reader read it; please report "
        "this file",
        "figures*.csv:-: -: the figure rules did not run: fix the catalogue files above first",
    ]


def test_a_table_left_unread_without_a_problem_is_a_problem_of_its_own(tiny, monkeypatch):
    """Safety net against a silent pass: every table must be read, or the validation says which were not."""
    monkeypatch.setattr(validate, "validate_frame", lambda *args, **kwargs: None)
    assert problems(tiny).values.tolist() == [
        ["-", "-", "-", "these tables could not be read: countries, indicators, sources, figures", ""]
    ]


def test_strict_keeps_the_other_problems_beside_the_absent_document(tiny):
    (tiny["docs"] / "report.txt").unlink()
    set_cell(tiny["data"] / "figures.csv", 1, "notes", "=1+1")
    with pytest.raises(DataValidationError) as caught:
        load_dataset(tiny["data"], tiny["docs"], strict=True)
    assert caught.value.report[["file", "column"]].values.tolist() == [
        ["figures.csv", "notes"],
        ["sources.csv", "document"],
    ]


def test_the_caveats_file_is_optional_and_may_hold_no_rows(tiny):
    caveats = tiny["data"] / "context_caveats.csv"
    header = caveats.read_text(encoding="utf-8").splitlines()[0]
    caveats.write_text(header + "\n", encoding="utf-8")
    assert load_dataset(tiny["data"], tiny["docs"]).caveats.empty
    caveats.unlink()
    assert load_dataset(tiny["data"], tiny["docs"]).caveats is None


def test_a_missing_required_value_is_reported_with_an_empty_value_not_nan(tiny):
    set_cell(tiny["data"] / "figures.csv", 1, "figure_id", "")
    report = problems(tiny)
    assert report.loc[report["column"] == "figure_id", "value"].tolist() == [""]


def test_a_row_of_empty_cells_above_the_header_is_passed_over(tiny):
    """Spreadsheets leave such rows behind; the header is the first row with a name in it."""
    sources = tiny["data"] / "sources.csv"
    sources.write_text(",,,,,,,\n" + sources.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(load_dataset(tiny["data"], tiny["docs"]).sources) == len(read_rows(sources)) - 2
