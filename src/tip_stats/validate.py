"""Read the curated CSV files and validate them, turning every failure into a line a curator can act on.

The result is either a ``Dataset`` of typed frames ready for the database, or a
``DataValidationError`` whose ``report`` lists every problem at once: file, row, column, rule and
the offending value. Row numbers are the true line numbers of the file (header = 1 when it is the
first line), as an editor shows them, whatever blank lines or multi-line cells come before.

Structure comes first: the strict reader (catalogue.py) checks each file's bytes, quoting, field
counts and header on its own, so one damaged file is reported under its own name with one line per
problem, and the row rules run only on rows that were read correctly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from tip_stats.catalogue import CATALOGUE_FILES, Problem, Table, figure_files, scan_table, shown
from tip_stats.schema import (
    RULES,
    Catalogue,
    CaveatModel,
    CountryModel,
    IndicatorModel,
    SourceModel,
    figure_model,
    normalise_whitespace,
)
from tip_stats.settings import settings

REPORT_COLUMNS = ["file", "row", "column", "rule", "value"]
CAVEATS_FILE = "context_caveats.csv"
STRUCTURAL_CHECKS = ("column_in_dataframe", "column_in_schema", "coerce_dtype", "dtype")
MODELS = {"countries": CountryModel, "indicators": IndicatorModel, "sources": SourceModel}


class DataValidationError(Exception):
    """Raised when curated data breaks a rule; ``report`` holds one row per problem."""

    def __init__(self, report: pd.DataFrame):
        self.report = report.reset_index(drop=True)
        super().__init__(f"{len(self.report)} problem(s) in the curated data:\n{format_report(self.report)}")


@dataclass(frozen=True)
class Dataset:
    countries: pd.DataFrame
    indicators: pd.DataFrame
    sources: pd.DataFrame
    figures: pd.DataFrame
    summary: dict
    caveats: pd.DataFrame | None = None


def format_report(report: pd.DataFrame) -> str:
    """One line per problem, ``file:line: column: rule [value]``, with the rule never shortened."""
    if not len(report):
        return "(no problems)"
    lines = []
    for row in report.itertuples(index=False):
        value = "" if row.value is None or (isinstance(row.value, float) and pd.isna(row.value)) else str(row.value)
        lines.append(f"{row.file}:{row.row}: {row.column}: {row.rule}" + (f" [value: {shown(value)}]" if value else ""))
    return "\n".join(lines)


def _problem(file: str, row, column: str, rule: str, value="") -> dict:
    return {"file": file, "row": row, "column": column, "rule": rule, "value": value}


def _as_dicts(problems: list[Problem]) -> list[dict]:
    return [problem.as_dict() for problem in problems]


def checked_frame(table: Table) -> pd.DataFrame | None:
    """Load a file the strict reader found well-formed as text columns (an empty cell is NA).

    pandas' C parser loads it compactly; the rows it returns must be exactly the rows the strict reader
    counted (blank rows dropped by both), or the file is not loaded at all.
    """
    frame = pd.read_csv(
        table.path,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        skiprows=table.header_line - 1,
        encoding="utf-8-sig",
    )
    frame.columns = [str(column).strip() for column in frame.columns]
    if len(frame) > len(table.lines):  # rows of empty cells, which the strict reader passed over
        blank = pd.concat([cells.isna() | (cells.str.strip() == "") for _, cells in frame.items()], axis=1)
        frame = frame[~blank.all(axis=1)].reset_index(drop=True)
    return frame if len(frame) == len(table.lines) else None


def _unread(table: Table) -> dict:
    rule = "the file could not be loaded row for row as the strict reader read it; please report this file"
    return _problem(table.name, "-", "-", rule)


def read_csv_text(path: Path) -> tuple[pd.DataFrame | None, list[tuple[str, int]], list[dict]]:
    """Read a CSV strictly as text columns, with each row's true (file, line); a malformed file becomes problems."""
    problems: list[dict] = []
    read = _read(path, problems)
    return read.frame, read.origins, problems


def _rule_words(check: str, column: str) -> tuple[str, str]:
    """Translate a pandera check name into the column it concerns and plain words."""
    if check in RULES:
        rule_column, words = RULES[check]
        return rule_column or column, words
    plain = {
        "column_in_dataframe": "a required column is missing",
        "column_in_schema": "this column is not part of the table",
        "field_uniqueness": "the id is not unique",
        "not_nullable": "a value is required",
        "str_matches": "the text does not have the expected form",
        "greater_than_or_equal_to": "the value is too small (counts and amounts cannot be negative; "
        "years must lie in the allowed range)",
        "less_than_or_equal_to": "the value is too large (years must lie in the allowed range)",
        "str_length": "the text is too short (a quote needs at least 3 characters)",
    }
    for prefix, words in plain.items():
        if check.startswith(prefix):
            return column, words
    if check.startswith("isin"):
        catalogue = {"country": "countries.csv", "indicator": "indicators.csv", "source_id": "sources.csv"}
        where = catalogue.get(column)
        return column, (f"unknown code: not listed in {where}" if where else f"must be one of {check[5:-1]}")
    if check.startswith(("coerce_dtype", "dtype")):
        kind = check.split("'")[1] if "'" in check else check
        words = {"Int64": "a whole number", "float64": "a number"}.get(kind, kind)
        return column, f"wrong type: must be {words}"
    return column, check


def _failure_rows(
    cases: pd.DataFrame, frame: pd.DataFrame, origins: list[tuple[str, int]], default_file: str
) -> list[dict]:
    rows, seen = [], set()
    for case in cases.itertuples(index=False):
        column, words = _rule_words(str(case.check), str(case.column))
        if str(case.check).startswith(("column_in_dataframe", "column_in_schema")):
            column = str(case.failure_case)
        index = case.index
        if pd.isna(index):
            key: tuple[str, str | int, str, str] = (default_file, "-", column, words)
            if key not in seen:
                seen.add(key)
                rows.append(_problem(default_file, "-", column if column != "None" else "-", words, case.failure_case))
            continue
        file, line = origins[int(index)]
        value = frame.at[index, column] if column in frame.columns else case.failure_case
        key = (file, line, column, words)
        if key not in seen:
            seen.add(key)
            rows.append(_problem(file, line, column, words, "" if pd.isna(value) else value))
    return rows


def validate_frame(
    model: type[pa.DataFrameModel],
    frame: pd.DataFrame | None,
    origins: list[tuple[str, int]],
    file: str,
    problems: list[dict] | None = None,
):
    """Validate lazily; rows with wrong types are reported and left out so the rules still run on the rest.

    With ``problems`` given, the problems join it and only the valid frame (or ``None``) is returned;
    without it (the context import's way), the pair (frame or ``None``, problems) is returned.
    """
    valid, found = _validate(model, frame, origins, file) if frame is not None else (None, [])
    if problems is None:
        return valid, found
    problems += found
    return valid


def _validate(model, frame, origins, file) -> tuple[pd.DataFrame | None, list[dict]]:
    try:
        return model.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    structural = cases[cases["check"].astype(str).str.startswith(STRUCTURAL_CHECKS)]
    problems = _failure_rows(structural, frame, origins, file)
    if len(structural) == 0:
        return None, _failure_rows(cases, frame, origins, file)
    if structural["index"].isna().any():  # a column is missing or foreign: the rules cannot run
        return None, problems
    rest = frame.drop(index=structural["index"].dropna().astype(int).unique())
    try:
        return model.validate(rest, lazy=True), problems
    except pa.errors.SchemaErrors as err:
        return None, problems + _failure_rows(err.failure_cases, frame, origins, file)


@dataclass
class _Read:
    """One table as read: its frame (``None`` unless every row was read as written) and each row's (file, line)."""

    frame: pd.DataFrame | None
    origins: list[tuple[str, int]]


def _read(path: Path, problems: list[dict], require_rows: bool = True) -> _Read:
    """Read one file strictly; its problems join ``problems``. A file with any reading problem is not loaded,
    so the rules run only on files whose every row was read as written."""
    table = scan_table(path, require_rows=require_rows, keep_rows=False)
    problems += _as_dicts(table.problems)
    if table.problems or not table.header:
        return _Read(None, [])
    frame = checked_frame(table)
    if frame is None:
        problems.append(_unread(table))
        return _Read(None, [])
    return _Read(frame, [(table.name, line) for line in table.lines])


def _read_figures(data_dir: Path, problems: list[dict]) -> _Read:
    """Every figures file checked on its own (header, rows), then joined; a broken header stops the rules."""
    paths = figure_files(data_dir)
    if not paths:
        problems.append(_problem("figures.csv", "-", "-", "no figures file (figures*.csv) in the data directory"))
        return _Read(None, [])
    reads = [_read(path, problems) for path in paths]
    if any(read.frame is None for read in reads):
        return _Read(None, [])
    frame = pd.concat([read.frame for read in reads], ignore_index=True)
    return _Read(frame, [origin for read in reads for origin in read.origins])


def load_documents(documents_dir: Path | None, sources: pd.DataFrame | None) -> dict[str, str]:
    """Whitespace-normalised text of each source document that is present on this machine."""
    if documents_dir is None or sources is None or "document" not in sources or not documents_dir.is_dir():
        return {}
    texts = {}
    for name in sources["document"].dropna().unique():
        path = documents_dir / name
        if path.is_file():
            texts[name] = normalise_whitespace(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def quote_coverage(figures: pd.DataFrame, sources: pd.DataFrame, documents: dict[str, str]) -> dict:
    """How many quotes were checked against their document, and why the others could not be."""
    document = figures["source_id"].map(sources.set_index("source_id")["document"])
    present = document.isin(list(documents))
    absent = document.notna() & ~present
    return {
        "verified": int(present.sum()),
        "document_absent": int(absent.sum()),
        "no_document": int(document.isna().sum()),
        "absent_documents": sorted(document[absent].unique().tolist()),
    }


def absent_document_problems(
    sources: pd.DataFrame, origins: list[tuple[str, int]], coverage: dict, documents_dir: Path, figures: pd.DataFrame
) -> list[dict]:
    """``--strict``: a figure whose source names a document that is not here is a problem, one line per source."""
    problems = []
    if coverage["absent_documents"] and not documents_dir.is_dir():
        problems.append(
            _problem(
                "-",
                "-",
                "document",
                f"the documents folder {documents_dir} does not exist: quotes cannot be checked (set documents_dir in "
                "pyproject.toml, TIP_STATS_DOCUMENTS or --documents-dir)",
            )
        )
    used = figures["source_id"].value_counts()
    for position, (source_id, document) in enumerate(sources[["source_id", "document"]].to_numpy()):
        if source_id in used and document in coverage["absent_documents"]:
            file, line = origins[position]
            rule = (
                f"the document is not in {documents_dir}: {used[source_id]} figure(s) quote it and their quotes "
                "cannot be checked (--strict)"
            )
            problems.append(_problem(file, line, "document", rule, document))
    return problems


def _figure_catalogue(raw: dict[str, _Read], documents: dict[str, str]) -> Catalogue:
    config = settings()
    frames = {name: raw[name].frame for name in CATALOGUE_FILES}
    return Catalogue(**frames, first_year=config.first_year, last_year=config.last_year, documents=documents)


def load_dataset(data_dir: Path | None = None, documents_dir: Path | None = None, strict: bool = False) -> Dataset:
    """Read and validate every curated table; raise ``DataValidationError`` listing all problems.

    ``strict`` also refuses figures whose source names a document that is absent, so the quote-in-document
    rule cannot silently switch off on a machine without the documents.
    """
    config = settings()
    data_dir = data_dir or config.data_dir
    documents_dir = documents_dir if documents_dir is not None else config.documents_dir
    problems: list[dict] = []
    raw = {table: _read(data_dir / file, problems) for table, file in CATALOGUE_FILES.items()}
    tables = {
        table: validate_frame(MODELS[table], read.frame, read.origins, CATALOGUE_FILES[table], problems)
        for table, read in raw.items()
    }
    figures_read = _read_figures(data_dir, problems)
    documents = load_documents(documents_dir, raw["sources"].frame)
    coverage = {}
    if figures_read.frame is not None and all(read.frame is not None for read in raw.values()):
        model = figure_model(_figure_catalogue(raw, documents))
        tables["figures"] = validate_frame(model, figures_read.frame, figures_read.origins, "figures.csv", problems)
        coverage = quote_coverage(figures_read.frame, raw["sources"].frame, documents)
        if strict:
            problems += absent_document_problems(
                raw["sources"].frame, raw["sources"].origins, coverage, documents_dir, figures_read.frame
            )
    elif figures_read.frame is not None:
        problems.append(
            _problem("figures*.csv", "-", "-", "the figure rules did not run: fix the catalogue files above first")
        )
    caveats = None
    if (data_dir / CAVEATS_FILE).is_file():
        read = _read(data_dir / CAVEATS_FILE, problems, require_rows=False)
        caveats = validate_frame(CaveatModel, read.frame, read.origins, CAVEATS_FILE, problems)
    unread = [name for name in [*CATALOGUE_FILES, "figures"] if tables.get(name) is None]
    if unread and not problems:  # never a silent pass: a table that was not read is a problem of its own
        problems.append(_problem("-", "-", "-", f"these tables could not be read: {', '.join(unread)}"))
    if problems:
        raise DataValidationError(pd.DataFrame(problems, columns=REPORT_COLUMNS))
    summary = {
        "figures": len(tables["figures"]),
        "sources": len(tables["sources"]),
        "countries": len(tables["countries"]),
        "indicators": len(tables["indicators"]),
        "documents_checked": sorted(documents),
        "quotes": coverage,
        "rules": sorted(RULES),
    }
    return Dataset(tables["countries"], tables["indicators"], tables["sources"], tables["figures"], summary, caveats)
