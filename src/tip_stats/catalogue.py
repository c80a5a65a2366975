"""One strict reader of the curated tables, without pandas: validation, the build and the extractor share it.

The extractor must start in well under a second, so nothing here imports pandas or pandera. The
reader refuses what a careless editor or a hostile file puts in a CSV instead of guessing: rows with
too few or too many fields, unbalanced quotes, control characters, bytes that are not UTF-8, cells
longer than ``CELL_LIMIT``, and headers that miss, add, rename or repeat a column. Each problem
names the file, the true line (blank lines and multi-line cells counted as an editor counts them),
the column and the rule. Harmless variations pass: column order, a byte-order mark, CRLF or LF,
blank lines, rows of empty cells and a missing final newline.

Python's ``csv`` module does the parsing at C speed; only a record it refuses is looked at again
here, to say which cell and which line the broken quoting started on. The validator reads a file
here first and loads it into pandas only when every row was read as written.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from tip_stats.vocabulary import CATALOGUE_COLUMNS, FIGURE_COLUMNS

CATALOGUE_FILES = {"countries": "countries.csv", "indicators": "indicators.csv", "sources": "sources.csv"}
FIGURE_GLOB = "figures*.csv"
# No curated cell comes near this (the longest quote is about 300 characters); a longer cell is a
# pasted document or a damaged file. Per-column limits for quotes and notes are in schema.py.
CELL_LIMIT = 4_000
# C0 controls except tab, line feed and carriage return; DEL; and the stand-ins for bytes that are not UTF-8.
BAD_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\udc80-\udcff]")
HARMLESS_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0x100)])
SHOWN_VALUE = 120  # characters of an offending value quoted in a report; the rule is never shortened
# The csv module's own cap (128 KiB a cell) would stop reading at an over-long cell without naming its
# column; lifted, every cell reaches the CELL_LIMIT check, which names it.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, where a curator finds it: file, line, column, rule, offending value."""

    file: str
    line: int | str
    column: str
    rule: str
    value: str = ""

    def __post_init__(self):
        # Stand-ins for bytes that are not UTF-8 cannot be printed or stored: show them as U+FFFD.
        for name in ("column", "rule", "value"):
            text = getattr(self, name)
            object.__setattr__(self, name, text.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))

    def as_dict(self) -> dict:
        return {"file": self.file, "row": self.line, "column": self.column, "rule": self.rule, "value": self.value}


class TableError(ValueError):
    """A curated file is malformed; ``problems`` lists every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [f"{p.file}:{p.line}: {p.column}: {p.rule}" + (f" [{p.value}]" if p.value else "") for p in problems]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Table:
    """A CSV file's header and well-formed rows as text, with the line each row starts on and its problems."""

    path: Path
    header: list[str]
    records: list[list[str]]  # each row's cells in header order
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    header_line: int = 1

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def rows(self) -> list[dict[str, str]]:
        """Each row as a dictionary keyed by column (empty cells are empty strings)."""
        return [dict(zip(self.header, record, strict=True)) for record in self.records]


def expected_columns(path: Path) -> list[str] | None:
    """The columns a curated file must have, known from its name; ``None`` for files of other shapes."""
    if path.match(FIGURE_GLOB):
        return FIGURE_COLUMNS
    return CATALOGUE_COLUMNS.get(path.stem)


def shown(value: str) -> str:
    """An offending value as a report quotes it: long cells are cut, with their length said."""
    if len(value) <= SHOWN_VALUE:
        return value
    return f"{value[:SHOWN_VALUE]}... ({len(value):,} characters)"


def _line_breaks(text: str) -> int:
    """Line breaks as universal newlines count them: CRLF, LF and a lone CR are one each."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


@dataclass
class _Record:
    start: int
    end: int
    fields: list[str] | None
    error: str = ""
    raw: str = ""


def _physical_lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        return handle.readlines()


def _has_bad_characters(raw: bytes) -> bool:
    """Whether any cell may hold a control character or a byte that is not UTF-8 (fast, on the raw bytes)."""
    if raw.translate(None, delete=HARMLESS_BYTES):
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _locate_quote_error(raw: str) -> tuple[int, int, int]:
    """Where broken quoting starts in a refused record: (line offset of the opening quote, field index,
    line offset where it went wrong)."""
    field_index, line, opened_line, opened_field, state = 0, 0, 0, 0, "start"
    for position, char in enumerate(raw):
        if char == "\n" or (char == "\r" and raw[position + 1 : position + 2] != "\n"):
            line += 1
        if state == "quoted":
            if char == '"':
                state = "closing"
        elif state == "closing":
            if char == '"':
                state = "quoted"
            elif char == ",":
                field_index, state = field_index + 1, "start"
            elif char not in "\r\n":
                return opened_line, opened_field, line
        elif char == '"' and state == "start":
            opened_line, opened_field, state = line, field_index, "quoted"
        elif char == ",":
            field_index, state = field_index + 1, "start"
        elif char not in "\r\n":
            state = "plain"
    return opened_line, opened_field, line


def _column_name(header: list[str], index: int) -> str:
    return header[index] if index < len(header) else f"(field {index + 1})"


def _refused_record(name: str, record: _Record, header: list[str]) -> Problem:
    opened, index, broke = _locate_quote_error(record.raw)
    column = _column_name(header, index)
    first = record.raw.splitlines()[opened] if record.raw.splitlines() else ""
    if "unexpected end of data" in record.error:
        rule = "unbalanced quotes: a quoted cell opens here and never closes (the rest of the file became one cell)"
    else:
        rule = (
            f"unbalanced quotes: a quoted cell opens here and its closing quote, on line {record.start + broke}, "
            'is followed by text; write a quote inside a quoted cell as two quotes ("")'
        )
    return Problem(name, record.start + opened, column, rule, shown(first))


def _bad_characters(name: str, record: _Record, header: list[str]) -> list[Problem]:
    """Control characters and non-UTF-8 bytes, each on the line it stands on."""
    problems, line = [], record.start
    for index, cell in enumerate(record.fields):
        for match in BAD_CHARACTER.finditer(cell):
            char = match.group()
            where = line + _line_breaks(cell[: match.start()])
            if "\udc80" <= char <= "\udcff":
                byte = ord(char) - 0xDC00
                rule = f"byte 0x{byte:02X} is not UTF-8 text: save the file as UTF-8"
            else:
                rule = f"control character U+{ord(char):04X} is not allowed in a cell (only tab and line breaks are)"
            problems.append(Problem(name, where, _column_name(header, index), rule, shown(cell)))
        line += _line_breaks(cell)
    return problems


def _field_count(name: str, record: _Record, header: list[str]) -> Problem | None:
    have, want = len(record.fields), len(header)
    if have == want:
        return None
    span = f" (the record runs from line {record.start} to {record.end})" if record.end > record.start else ""
    if have < want:
        missing = ", ".join(header[have:])
        return Problem(
            name,
            record.start,
            header[have],
            f"the row has {have} fields but the header has {want}: no value for {missing}{span}",
        )
    extra = ", ".join(repr(shown(cell)) for cell in record.fields[want:])
    return Problem(
        name, record.start, "-", f"the row has {have} fields but the header has {want}: extra value(s) {extra}{span}"
    )


def _long_cells(name: str, record: _Record, header: list[str]) -> list[Problem]:
    if max(map(len, record.fields), default=0) <= CELL_LIMIT:
        return []
    return [
        Problem(
            name, record.start, _column_name(header, i), f"the cell is longer than {CELL_LIMIT:,} characters", shown(c)
        )
        for i, c in enumerate(record.fields)
        if len(c) > CELL_LIMIT
    ]


def header_problems(name: str, line: int, header: list[str], expected: list[str]) -> list[Problem]:
    """Missing, unknown, renamed, repeated or unnamed columns: one line each, before any row is read."""
    problems, seen = [], set()
    for index, column in enumerate(header):
        if not column:
            problems.append(
                Problem(name, line, f"(field {index + 1})", "a header cell is empty: every column needs its name")
            )
        elif column in seen:
            problems.append(Problem(name, line, column, f"column {column} appears more than once in the header"))
        seen.add(column)
    missing = [column for column in expected if column not in seen]
    unknown = [column for column in dict.fromkeys(header) if column and column not in expected]
    for column in unknown:
        match = difflib.get_close_matches(column, missing, n=1, cutoff=0.6)
        if match:
            missing.remove(match[0])
            rule = f"column {match[0]} is missing; the header has {column} instead: rename it back to {match[0]}"
            problems.append(Problem(name, line, match[0], rule, column))
        else:
            rule = f"column {column} is not part of this table (its columns are: {', '.join(expected)})"
            problems.append(Problem(name, line, column, rule))
    problems += [Problem(name, line, column, f"column {column} is missing") for column in missing]
    return problems


@dataclass
class _Scan:
    """What a scan has found so far; ``add`` takes each record the fast path could not."""

    name: str
    columns: list[str] | None
    checks_characters: bool
    keep_rows: bool = True
    header: list[str] | None = None
    header_line: int = 1
    width: int = -1
    records: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, record: _Record) -> None:
        if not any(cell.strip() for cell in record.fields):
            return  # a blank line, or a row of empty cells a spreadsheet left behind
        header = self.header or []
        found = _bad_characters(self.name, record, header) if self.checks_characters else []
        found += _long_cells(self.name, record, header)
        if self.header is None:
            self.header, self.header_line = [cell.strip() for cell in record.fields], record.start
            self.width = len(self.header)
            self.problems += found
            if self.columns is not None:
                self.problems += header_problems(self.name, record.start, self.header, self.columns)
            return
        count = _field_count(self.name, record, header)
        found = found + [count] if count else found
        if found:
            self.problems += found
            return
        if self.keep_rows:
            self.records.append(record.fields)
        self.lines.append(record.start)


def _parse(path: Path, scan: _Scan) -> None:
    """Feed every record of ``path`` to ``scan``, with its true first and last line.

    Complete rows of plain text take a fast path inside the csv loop; a record the csv module refuses is
    shown to ``_refused_record`` as written, and reading goes on with the next line.
    """
    fast, keep, records, lines = not scan.checks_characters, scan.keep_rows, scan.records, scan.lines
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        start = 1
        while True:
            try:
                for fields in reader:
                    if fast and len(fields) == scan.width and fields[0].strip() and max(map(len, fields)) <= CELL_LIMIT:
                        if keep:
                            records.append(fields)
                        lines.append(start)
                    else:
                        scan.add(_Record(start, reader.line_num, fields))
                    start = reader.line_num + 1
                return
            except csv.Error as err:
                raw = "".join(_physical_lines(path)[start - 1 : reader.line_num])
                refused = _Record(start, reader.line_num, None, str(err), raw)
                scan.problems.append(_refused_record(scan.name, refused, scan.header or []))
                start = reader.line_num + 1


def scan_table(
    path: Path, columns: list[str] | None = None, require_rows: bool = False, keep_rows: bool = True
) -> Table:
    """Read ``path`` strictly and list its problems instead of raising; only well-formed rows are kept.

    ``columns`` are the columns the header must have (any order); ``None`` takes them from the file name.
    Without ``keep_rows`` only the lines of the well-formed rows are kept: a million rows held as Python
    strings would take about a gigabyte, so the validator checks the file here and lets pandas load it.
    """
    name = path.name
    columns = columns if columns is not None else expected_columns(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        return Table(path, [], [], [], [Problem(name, "-", "-", f"file cannot be read: {err.strerror}")])
    if not raw.strip() or raw.strip() == b"\xef\xbb\xbf":
        return Table(path, [], [], [], [Problem(name, "-", "-", "file is empty: it needs a header row and data rows")])
    scan = _Scan(name, columns, _has_bad_characters(raw), keep_rows)
    del raw
    _parse(path, scan)
    problems = scan.problems
    if scan.header is None and not problems:
        problems.append(Problem(name, "-", "-", "file is empty: it holds only blank lines or empty cells, no header"))
    if scan.header is not None and require_rows and not scan.lines and not problems:
        problems.append(Problem(name, scan.header_line + 1, "-", "the file has a header but no rows"))
    return Table(path, scan.header or [], scan.records, scan.lines, problems, scan.header_line)


def read_table(path: Path) -> Table:
    """Rows of ``path`` as dictionaries of text (empty cells are empty strings); ``TableError`` if malformed."""
    table = scan_table(path)
    if table.problems:
        raise TableError(table.problems)
    return table


def figure_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob(FIGURE_GLOB))


@dataclass(frozen=True)
class Catalogue:
    """The three catalogue tables keyed by code, as the extractor and the checks look them up."""

    countries: dict[str, dict[str, str]]
    indicators: dict[str, dict[str, str]]
    sources: dict[str, dict[str, str]]


def load_catalogue(data_dir: Path) -> Catalogue:
    """Countries, indicators and sources of ``data_dir``, each keyed by its code."""
    keys = {"countries": "code", "indicators": "code", "sources": "source_id"}
    tables = {
        name: {row[keys[name]]: row for row in read_table(data_dir / file).rows}
        for name, file in CATALOGUE_FILES.items()
    }
    return Catalogue(**tables)
