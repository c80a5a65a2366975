"""One reader of the curated tables, without pandas: validation, the build and the extractor share it.

The extractor must start in well under a second, so nothing here imports pandas or pandera; the
validator turns these rows into DataFrames itself. Each row remembers the line of the file it
starts on, so every report can name file and line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

CATALOGUE_FILES = {"countries": "countries.csv", "indicators": "indicators.csv", "sources": "sources.csv"}
FIGURE_GLOB = "figures*.csv"


@dataclass(frozen=True)
class Table:
    """A CSV file's header and rows as text, with the line each row starts on."""

    path: Path
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


def read_table(path: Path) -> Table:
    """Rows of ``path`` as dictionaries of text (empty cells are empty strings)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        rows, lines = [], []
        start = reader.line_num + 1
        for record in reader:
            if record:
                rows.append(dict(zip(header, record, strict=False)))
                lines.append(start)
            start = reader.line_num + 1
    return Table(path, header, rows, lines)


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
