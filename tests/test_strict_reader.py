"""The strict CSV reader: malformed files are refused with file, true line, column and rule; harmless ones pass."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tip_stats.catalogue import CELL_LIMIT, TableError, load_catalogue, read_table, scan_table
from tip_stats.validate import checked_frame

from conftest import SHIPPED_DATA

HEADER = "code,name,kind,valid_from,valid_to,notes"
GOOD = "SRB,Serbia,country,1990,,"


def scan(tmp_path: Path, payload: bytes | str, name: str = "countries.csv"):
    path = tmp_path / name
    path.write_bytes(payload.encode("utf-8") if isinstance(payload, str) else payload)
    return scan_table(path, require_rows=True)


def only_problem(table):
    assert len(table.problems) == 1, table.problems
    return table.problems[0]


# (case, file content, line, column, words in the rule)
MALFORMED = [
    (
        "too few fields",
        f"{HEADER}\n{GOOD}\nMNE,Montenegro,country\n",
        3,
        "valid_from",
        "has 3 fields but the header has 6",
    ),
    ("too many fields", f"{HEADER}\n{GOOD}\nMNE,Montenegro,country,1990,,,extra\n", 3, "-", "extra value(s) 'extra'"),
    (
        "quote never closed",
        f'{HEADER}\n{GOOD}\nMNE,"Montenegro,country,1990,,\nXKX,Kosovo,country,1999,,\n',
        3,
        "name",
        "never closes",
    ),
    (
        "text after a closing quote",
        f'{HEADER}\n{GOOD}\nMNE,"Monte"negro,country,1990,,\n',
        3,
        "name",
        "followed by text",
    ),
    (
        "quote closed lines later",
        f'{HEADER}\nMNE,"Montenegro,country,1990,,\n{GOOD}\nXKX,"Kosovo" ,country,1999,,\n',
        2,
        "name",
        "on line 4",
    ),
    ("NUL byte", f"{HEADER}\n{GOOD}\nMNE,Monte\x00negro,country,1990,,\n", 3, "name", "U+0000"),
    ("escape character", f"{HEADER}\n{GOOD}\nMNE,Montenegro,country,1990,,\x1b[31m\n", 3, "notes", "U+001B"),
    ("form feed", f"{HEADER}\n{GOOD}\nMNE,Montenegro,country\x0c,1990,,\n", 3, "kind", "U+000C"),
    ("DEL", f"{HEADER}\n{GOOD}\nMNE,Montenegro\x7f,country,1990,,\n", 3, "name", "U+007F"),
    (
        "control character in a multi-line cell",
        f'{HEADER}\nMNE,Montenegro,country,1990,,"first line\nsecond \x07line"\n',
        3,
        "notes",
        "U+0007",
    ),
    (
        "invalid UTF-8 in the middle",
        f"{HEADER}\n{GOOD}\n".encode() + b"MNE,Montenegro,country,1990,,Cr\xe8ne Gore\n",
        3,
        "notes",
        "byte 0xE8 is not UTF-8",
    ),
    (
        "cell beyond the limit",
        f"{HEADER}\n{GOOD}\nMNE,Montenegro,country,1990,,{'x' * (CELL_LIMIT + 1)}\n",
        3,
        "notes",
        f"longer than {CELL_LIMIT:,} characters",
    ),
    (
        "10 MB cell",
        f"{HEADER}\n{GOOD}\nMNE,Montenegro,country,1990,,{'x' * 10_000_000}\n",
        3,
        "notes",
        "the cell is longer than",
    ),
    ("column missing", "code,name,kind,valid_from,notes\nMNE,Montenegro,country,1990,\n", 1, "valid_to", "is missing"),
    ("column renamed", "code,name,kind,valid_from,valid_until,notes\n" + GOOD + "\n", 1, "valid_to", "valid_until"),
    ("column unknown", HEADER + ",comment\n" + GOOD + ",x\n", 1, "comment", "not part of this table"),
    ("column repeated", HEADER + ",name\n" + GOOD + ",x\n", 1, "name", "more than once"),
    ("header cell empty", HEADER + ",\n" + GOOD + ",\n", 1, "(field 7)", "header cell is empty"),
    ("header only", HEADER + "\n", 2, "-", "header but no rows"),
    ("blank lines count", f"{HEADER}\n\n{GOOD}\n\n\nMNE,Montenegro\n", 6, "kind", "has 2 fields"),
    (
        "multi-line cells count",
        f'{HEADER}\n{GOOD}"a\nb\nc"\nMNE,Montenegro\n',
        5,
        "kind",
        "has 2 fields",
    ),
    ("CRLF lines count", f"{HEADER}\r\n\r\n{GOOD}\r\nMNE,Montenegro\r\n", 4, "kind", "has 2 fields"),
]


@pytest.mark.parametrize(("case", "payload", "line", "column", "words"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_file_is_refused_with_file_line_column_and_rule(tmp_path, case, payload, line, column, words):
    problem = only_problem(scan(tmp_path, payload))
    assert (problem.file, problem.line, problem.column) == ("countries.csv", line, column), problem
    assert words in problem.rule, problem.rule


def test_every_problem_of_a_file_is_reported_and_good_rows_are_kept(tmp_path):
    table = scan(tmp_path, f"{HEADER}\nMNE,x\x00,country,1990,,\n{GOOD}\nXKX,Kosovo\n")
    assert [(p.line, p.column) for p in table.problems] == [(2, "name"), (4, "kind")]
    assert [row["code"] for row in table.rows] == ["SRB"] and table.lines == [3]


def test_the_report_keeps_the_whole_rule_and_says_how_long_a_cut_value_was(tmp_path):
    problem = only_problem(scan(tmp_path, f"{HEADER}\n{GOOD}\nMNE,Montenegro,country,1990,,{'y' * 9000}\n"))
    assert problem.rule == f"the cell is longer than {CELL_LIMIT:,} characters"
    assert problem.value.endswith("(9,000 characters)")


HARMLESS = [
    ("column order", "name,code,kind,notes,valid_to,valid_from\nSerbia,SRB,country,,,1990\n"),
    ("byte-order mark", "\ufeff" + HEADER + "\n" + GOOD + "\n"),
    ("CRLF", HEADER + "\r\n" + GOOD + "\r\n"),
    ("blank lines", "\n" + HEADER + "\n\n" + GOOD + "\n\n"),
    ("no final newline", HEADER + "\n" + GOOD),
    ("row of empty cells", HEADER + "\n" + GOOD + "\n,,,,,\n"),
    ("row of blank cells", HEADER + "\n" + GOOD + "\n ,,,, ,\n"),
    ("HTML in notes", HEADER + "\n" + GOOD + "<b>bold</b> <script>alert(1)</script>\n"),
    ("tab in a cell", HEADER + "\n" + GOOD + "a\tb\n"),
]


@pytest.mark.parametrize(("case", "payload"), HARMLESS, ids=[c[0] for c in HARMLESS])
def test_harmless_variations_are_read_as_written(tmp_path, case, payload):
    table = scan(tmp_path, payload)
    assert table.problems == []
    assert [(row["code"], row["name"], row["valid_from"]) for row in table.rows] == [("SRB", "Serbia", "1990")]


def test_read_table_raises_naming_every_problem(tmp_path):
    path = tmp_path / "countries.csv"
    path.write_text(f"{HEADER}\nMNE,Montenegro\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"countries.csv:2: kind: the row has 2 fields"):
        read_table(path)


def test_shipped_catalogue_reads_strictly():
    catalogue = load_catalogue(SHIPPED_DATA)
    assert {"SRB", "MNE", "XKX"} <= set(catalogue.countries)
    for path in SHIPPED_DATA.glob("*.csv"):
        assert scan_table(path, require_rows=True).problems == [], path.name


# Property tests: whatever a spreadsheet or editor writes, the reader returns exactly the rows and true lines.
safe_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00\x7f\r" + "".join(map(chr, range(32)))),
    max_size=12,
) | st.sampled_from(['say "hi"', "a,b", "two\nlines", ""])
rows_strategy = st.lists(st.lists(safe_text, min_size=3, max_size=3), min_size=1, max_size=8)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def write_with_blanks(rows, blanks, ending) -> tuple[str, list[int]]:
    """CSV text of ``rows`` after a header, with blank lines inserted, and the line each row starts on."""
    out, lines, line = io.StringIO(), [], 2
    writer = csv.writer(out, lineterminator=ending)
    writer.writerow(["a", "b", "c"])
    for row, blank in zip(rows, blanks, strict=False):
        out.write(ending * blank)
        line += blank
        lines.append(line)
        writer.writerow(row)
        line += 1 + sum(cell.count("\n") for cell in row)
    return out.getvalue(), lines


@PROPERTY
@given(rows=rows_strategy, blanks=st.lists(st.integers(0, 2), min_size=8, max_size=8), crlf=st.booleans())
def test_rows_and_true_lines_survive_any_quoting_and_blank_lines(tmp_path, rows, blanks, crlf):
    kept = [row for row in rows if any(cell.strip() for cell in row)]
    text, lines = write_with_blanks(kept, blanks, "\r\n" if crlf else "\n")
    path = tmp_path / "other.csv"
    path.write_bytes(text.encode("utf-8"))
    table = scan_table(path, columns=["a", "b", "c"])
    assert table.problems == []
    assert [[row["a"], row["b"], row["c"]] for row in table.rows] == [
        [cell.replace("\r\n", "\n") if not crlf else cell for cell in row] for row in kept
    ]
    assert table.lines == lines


@PROPERTY
@given(rows=rows_strategy, where=st.integers(0, 100), char=st.sampled_from(["\x00", "\x01", "\x1b", "\x7f"]))
def test_a_control_character_anywhere_is_found_on_its_line_and_column(tmp_path, rows, where, char):
    kept = [row for row in rows if any(cell.strip() for cell in row)] or [["x", "y", "z"]]
    target_row, target_col = where % len(kept), (where // len(kept)) % 3
    kept[target_row][target_col] += char
    text, lines = write_with_blanks(kept, [0] * len(kept), "\n")
    path = tmp_path / "other.csv"
    path.write_bytes(text.encode("utf-8"))
    problems = scan_table(path, columns=["a", "b", "c"]).problems
    cell = kept[target_row][target_col]
    expected_line = lines[target_row] + sum(c.count("\n") for c in kept[target_row][:target_col]) + cell.count("\n")
    assert [(p.line, p.column) for p in problems] == [(expected_line, "abc"[target_col])]
    assert f"U+{ord(char):04X}" in problems[0].rule


@PROPERTY
@given(payload=st.binary(max_size=400))
def test_arbitrary_bytes_give_rows_or_located_problems_never_an_exception(tmp_path, payload):
    path = tmp_path / "countries.csv"
    path.write_bytes(payload)
    table = scan_table(path, require_rows=True)
    for problem in table.problems:
        assert problem.file == "countries.csv" and problem.rule
        assert problem.line == "-" or 1 <= problem.line <= payload.count(b"\n") + payload.count(b"\r") + 1
    assert len(table.rows) == len(table.lines)


awkward_text = safe_text | st.sampled_from(
    [' "quoted" after a space', 'ab"c', "  ", "\t", "trailing space ", "NA", "null"]
)


@PROPERTY
@given(
    rows=st.lists(st.lists(awkward_text, min_size=3, max_size=3), min_size=1, max_size=8),
    blanks=st.lists(st.integers(0, 2), min_size=8, max_size=8),
    empty_rows=st.booleans(),
)
def test_the_validator_loads_exactly_the_rows_the_strict_reader_read(tmp_path, rows, blanks, empty_rows):
    text, _ = write_with_blanks(rows, blanks, "\n")
    path = tmp_path / "other.csv"
    path.write_bytes((text + (",,\n" if empty_rows else "")).encode("utf-8"))
    table = scan_table(path, columns=["a", "b", "c"])
    frame = checked_frame(table)
    assert frame is not None
    assert frame.fillna("").values.tolist() == table.records
