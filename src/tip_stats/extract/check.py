"""The seed check: how many curated seed figures the extractor finds in their own documents.

Recall is the share of curated figures with a candidate of the same value and country (a curated
range is found by its value alone); precision is the share of candidates matching some curated
figure of the document. Only value and country are scored, so the check copes with new seed
figures of any indicator, ages or amounts written in words.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path

from tip_stats.catalogue import figure_files, read_table
from tip_stats.extract.candidates import extract
from tip_stats.extract.inputs import read_document
from tip_stats.extract.resources import load_resources
from tip_stats.settings import settings

RECALL_TARGET = 0.95
PRECISION_TARGET = 0.60


@dataclass(frozen=True)
class CheckResult:
    """How well the extractor finds the curated figures of the seed documents."""

    curated: int
    found: int
    candidates: int
    matching: int
    seconds: float
    documents: list[str]
    missed: tuple[str, ...] = ()

    @property
    def recall(self) -> float:
        return self.found / self.curated if self.curated else 0.0

    @property
    def precision(self) -> float:
        return self.matching / self.candidates if self.candidates else 0.0

    @property
    def passed(self) -> bool:
        return self.recall >= RECALL_TARGET and self.precision >= PRECISION_TARGET


def _float(raw: str) -> float | None:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def matches(candidate: dict, figure: dict, range_by_value: bool = False) -> bool:
    """Same value and country. For recall a curated range is found by its value alone, as the issue defines."""
    value, curated = _float(candidate["value"]), _float(figure["value"])
    if value is None or curated is None or not math.isclose(value, curated, rel_tol=1e-6, abs_tol=1e-9):
        return False
    is_range = _float(figure.get("value_high") or "") is not None
    return (range_by_value and is_range) or candidate["country"] == figure["country"]


def curated_by_document(data_dir: Path) -> tuple[dict[str, list[dict]], dict[str, dict]]:
    """Curated figures grouped by the document their source names, and each document's source row."""
    sources = read_table(data_dir / "sources.csv").rows
    source_of = {row["source_id"]: row for row in sources if row.get("document")}
    grouped: dict[str, list[dict]] = {}
    documents: dict[str, dict] = {}
    for path in figure_files(data_dir):
        for row in read_table(path).rows:
            if source := source_of.get(row.get("source_id", "")):
                grouped.setdefault(source["document"], []).append(row)
                documents.setdefault(source["document"], source)
    return grouped, documents


def run_check(data_dir: Path | None = None, documents_dir: Path | None = None) -> CheckResult:
    """Run the extractor on every seed document and compare with the curated figures."""
    started = time.perf_counter()
    config = settings()
    data_dir = data_dir or config.data_dir
    documents_dir = documents_dir or config.documents_dir
    resources = load_resources(data_dir)
    curated = found = candidates = matching = 0
    missed: list[str] = []
    grouped, sources = curated_by_document(data_dir)
    for document, figures in grouped.items():
        rows = extract(read_document(documents_dir / document), resources)
        curated += len(figures)
        for figure in figures:
            if any(matches(row, figure, range_by_value=True) for row in rows):
                found += 1
            else:
                missed.append(f"{figure.get('figure_id', '?')} ({figure['value']} {figure['country']})")
        candidates += len(rows)
        matching += sum(any(matches(row, figure) for figure in figures) for row in rows)
    seconds = time.perf_counter() - started
    return CheckResult(curated, found, candidates, matching, seconds, sorted(grouped), tuple(missed))
