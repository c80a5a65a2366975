"""Read the curated CSV files and validate them, turning every failure into a line a curator can act on.

The result is either a ``Dataset`` of typed frames ready for the database, or a
``DataValidationError`` whose ``report`` lists every problem at once: file, row, column, rule and
the offending value. Row numbers are the line numbers a spreadsheet or editor shows (header = 1).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

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
CATALOGUE_FILES = {"countries": "countries.csv", "indicators": "indicators.csv", "sources": "sources.csv"}
FIGURE_GLOB = "figures*.csv"
CAVEATS_FILE = "context_caveats.csv"
STRUCTURAL_CHECKS = ("column_in_dataframe", "column_in_schema", "coerce_dtype", "dtype")


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
    return report.to_string(index=False, max_colwidth=70) if len(report) else "(no problems)"


def _problem(file: str, row, column: str, rule: str, value="") -> dict:
    return {"file": file, "row": row, "column": column, "rule": rule, "value": value}


def read_csv_text(path: Path) -> tuple[pd.DataFrame | None, list[dict]]:
    """Read a CSV as text columns; an unreadable file becomes a problem, not an exception."""
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [_problem(name, "-", "-", f"file cannot be read: {err.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            _problem(name, line, "-", "file is not UTF-8 text; save it as UTF-8", repr(raw[err.start : err.start + 4]))
        ]
    if not text.strip():
        return None, [_problem(name, "-", "-", "file is empty: it needs a header row and data rows")]
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""], skipinitialspace=False)
    except (pd.errors.ParserError, ValueError) as err:
        return None, [_problem(name, "-", "-", f"not a well-formed CSV file: {err}")]
    return frame, []


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
        "str_length": "the text is too short",
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
        words = {
            "int64": "a whole number",
            "Int64": "a whole number",
            "float64": "a number",
            "bool": "true or false",
        }.get(kind, kind)
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
            key = (default_file, "-", column, words)
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
    model: type[pa.DataFrameModel], frame: pd.DataFrame, origins: list[tuple[str, int]], file: str
) -> tuple[pd.DataFrame | None, list[dict]]:
    """Validate lazily; rows with wrong types are reported and left out so the rules still run on the rest."""
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


def _read_table(path: Path) -> tuple[pd.DataFrame | None, list[tuple[str, int]], list[dict]]:
    frame, problems = read_csv_text(path)
    if frame is None:
        return None, [], problems
    return frame, [(path.name, i + 2) for i in range(len(frame))], problems


def _read_figures(data_dir: Path) -> tuple[pd.DataFrame | None, list[tuple[str, int]], list[dict]]:
    frames, origins, problems = [], [], []
    paths = sorted(data_dir.glob(FIGURE_GLOB))
    if not paths:
        return None, [], [_problem("figures.csv", "-", "-", "no figures file found in the data directory")]
    for path in paths:
        frame, origin, found = _read_table(path)
        problems += found
        if frame is not None:
            frames.append(frame)
            origins += origin
    if not frames:
        return None, [], problems
    return pd.concat(frames, ignore_index=True), origins, problems


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


def load_dataset(data_dir: Path | None = None, documents_dir: Path | None = None) -> Dataset:
    """Read and validate every curated table; raise ``DataValidationError`` listing all problems."""
    config = settings()
    data_dir = data_dir or config.data_dir
    documents_dir = documents_dir if documents_dir is not None else config.documents_dir
    problems: list[dict] = []
    tables: dict[str, pd.DataFrame | None] = {}
    models = {"countries": CountryModel, "indicators": IndicatorModel, "sources": SourceModel}
    raw: dict[str, pd.DataFrame | None] = {}
    for table, file in CATALOGUE_FILES.items():
        frame, origins, found = _read_table(data_dir / file)
        problems += found
        raw[table] = frame
        tables[table] = None
        if frame is not None:
            tables[table], found = validate_frame(models[table], frame, origins, file)
            problems += found
    figures, origins, found = _read_figures(data_dir)
    problems += found
    documents = load_documents(documents_dir, raw["sources"])
    if figures is not None and all(raw[t] is not None for t in CATALOGUE_FILES) and not _missing_keys(raw):
        catalogue = Catalogue(
            raw["countries"], raw["indicators"], raw["sources"], config.first_year, config.last_year, documents
        )
        tables["figures"], found = validate_frame(figure_model(catalogue), figures, origins, "figures.csv")
        problems += found
    caveats = None
    if (data_dir / CAVEATS_FILE).is_file():
        frame, origins, found = _read_table(data_dir / CAVEATS_FILE)
        problems += found
        if frame is not None:
            caveats, found = validate_frame(CaveatModel, frame, origins, CAVEATS_FILE)
            problems += found
    if problems:
        raise DataValidationError(pd.DataFrame(problems, columns=REPORT_COLUMNS))
    summary = {
        "figures": len(tables["figures"]),
        "sources": len(tables["sources"]),
        "countries": len(tables["countries"]),
        "indicators": len(tables["indicators"]),
        "documents_checked": sorted(documents),
        "rules": sorted(RULES),
    }
    return Dataset(tables["countries"], tables["indicators"], tables["sources"], tables["figures"], summary, caveats)


def _missing_keys(raw: dict[str, pd.DataFrame | None]) -> bool:
    needed = {
        "countries": ["code", "valid_from", "valid_to"],
        "indicators": ["code", "unit", "category", "additive"],
        "sources": ["source_id", "document"],
    }
    return any(col not in raw[table].columns for table, cols in needed.items() for col in cols)
