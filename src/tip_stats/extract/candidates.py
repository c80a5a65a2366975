"""Candidate figures: every quantity a rule can name, with its country, year, quote, page and confidence.

A candidate is a proposed row of a figures file. It keeps the sentence verbatim (the validator's
quote check must pass once the row is curated), the page of a PDF, the rule that fired and a
confidence that orders the curator's work: how much of the row the rules could fill from the
sentence itself. It is not a probability. Parts of a total ("Of these, 29 ...") are breakdown rows
whose notes name the total's figure_id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tip_stats.extract import dates, places
from tip_stats.extract.breakdowns import breakdown_for, is_extension
from tip_stats.extract.inputs import Document
from tip_stats.extract.layout import Layout, read_layout
from tip_stats.extract.measures import Measure, measures
from tip_stats.extract.periods import period_in
from tip_stats.extract.readings import words_of
from tip_stats.extract.resources import Resources
from tip_stats.extract.rules import indicator_for, qualifier_for, sibling_indicator, unit_for
from tip_stats.vocabulary import FIGURE_COLUMNS

OUTPUT_COLUMNS = FIGURE_COLUMNS + ["page", "rule", "confidence"]
MIN_CONFIDENCE = 0.15
INHERITED_SCORE = 0.8  # a sentence that refers back is as sure as its indicator's keywords were
COUNTRY_CONFIDENCE = {"sentence": 1.0, "document": 0.95, "paragraph": 0.9, "article": 0.9, "context": 0.75}
COUNTRY_CONFIDENCE |= {"nationality": 0.7}
YEAR_CONFIDENCE = {"sentence": 1.0, "relative": 0.9, "table source": 0.9, "citation": 0.9, "byline": 0.9}
YEAR_CONFIDENCE |= {"tip convention": 0.9, "dol convention": 0.9, "article date": 0.9, "title": 0.85, "published": 0.8}


@dataclass
class Reading:
    """What the whole document says before any sentence is read: its layout, scope and conventions."""

    document: Document
    layout: Layout
    resources: Resources
    scope: str | None
    dominant: str | None
    convention: dates.Convention
    breakdown_of: Callable = field(repr=False, default=None)


def read(document: Document, resources: Resources) -> Reading:
    """Read the document once as a whole, before its sentences: layout, scope, dominant country, conventions."""
    layout = read_layout(document.text, resources)
    scope = places.document_scope(layout, document.url, document.title, resources)
    convention = dates.report_convention(
        document.text, document.title, document.url, document.published_year, resources
    )
    dominant = places.dominant_country(layout)
    return Reading(document, layout, resources, scope, dominant, convention, breakdown_for(resources))


def quote_of(layout: Layout, sentence: int) -> str:
    """The sentence as written, whitespace collapsed, without a leading page marker or formula character."""
    return re.sub(r"^(?:[\s=+\-@]+|\[[^\]]*\]\s*)+", "", " ".join(layout.sentence_text(sentence, masked=False).split()))


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"  # two months: 0.1666666667 years


def _indicator(reading: Reading, text: str, measure: Measure, total: dict | None) -> tuple[str | None, float, str]:
    """The rule's indicator; a part of a total, or a count whose sentence names no indicator, takes the total's."""
    indicator, score, keywords = indicator_for(text, measure, reading.resources)
    if total and (measure.refers_back or measure.head is not None or indicator is None):
        inherited = sibling_indicator(total["indicator"], measure, reading.resources)
        return inherited, INHERITED_SCORE, f"refers back to {total['value']} ({total['indicator']})"
    return indicator, score, keywords


def _year(reading: Reading, sentence: int, measure: Measure, total: dict | None) -> tuple[int | None, str]:
    """The number's year; a part of a total that its own sentence does not date takes the total's year.

    The start of a change ("rose from 10 to 56 percent") is older than the year the sentence or the report
    gives: it has a year only when one is written between the two values ("from 10 in 2004 to 56").
    """
    start = reading.layout.sentences[sentence][0]
    if measure.change_to is not None:
        text = reading.layout.masked[start : start + measure.change_to]
        stated = dates.years_in(text, measure.end, len(text), reading.resources)
        return (stated[0][1], "sentence") if stated else (None, "undated start of a change")
    offset = start + measure.start
    year, year_from = dates.year_for(reading.layout, sentence, offset, reading.convention, reading.resources)
    if total and year_from != "sentence" and total["reference_year"]:
        return int(total["reference_year"]), "its total"
    return year, year_from


def _breakdown(reading: Reading, text: str, measure: Measure, indicator: str, total: dict | None):
    """(total row or None, breakdown): a sibling count (defendants of prosecuted cases) is no part of its total."""
    if total is None or indicator != total["indicator"]:
        extension = measure.kind == "years" and is_extension(text, measure.start)
        return None, ("other", "extension") if extension else ("total", "")
    if measure.breakdown[0] == "total":
        return total, reading.breakdown_of(text, measure.start, measure.end, "", "", None)
    return total, measure.breakdown


def _confidence(reading: Reading, measure: Measure, score: float, indicator: str, country_from, year_from) -> float:
    """How much of the row the rules filled from the sentence itself; it orders the curator's work."""
    law = reading.resources.indicator_categories.get(indicator) == "law"
    year_confidence = YEAR_CONFIDENCE.get(year_from, 1.0 if law or year_from == "its total" else 0.6)
    return round(measure.evidence * score * COUNTRY_CONFIDENCE.get(country_from, 0.5) * year_confidence, 3)


def _candidate(
    reading: Reading, sentence: int, measure: Measure, total: dict | None, peer: dict | None = None
) -> dict | None:
    """A proposed row, or None when no catalogue indicator fits (then it is a number, not a figure)."""
    layout = reading.layout
    start, end, _ = layout.sentences[sentence]
    text = layout.masked[start:end]
    indicator, score, keywords = _indicator(reading, text, measure, total or peer)
    if indicator is None:
        return None
    country, country_from = places.country_for(layout, sentence, reading.scope, reading.dominant)
    year, year_from = _year(reading, sentence, measure, total)
    total, breakdown = _breakdown(reading, text, measure, indicator, total)
    page = reading.document.page_of(start)
    period = period_in(layout.sentence_text(sentence, masked=False), reading.document.published[:7])
    return {
        "country": country or "",
        "indicator": indicator,
        "reference_year": "" if year is None else str(year),
        "period_start": period[0],
        "period_end": period[1],
        "value": format_number(measure.value),
        "value_high": format_number(measure.high),
        "unit": unit_for(measure, indicator, reading.resources),
        "qualifier": qualifier_for(text, measure.start, measure.end),
        "breakdown_type": breakdown[0],
        "breakdown": breakdown[1],
        "quote": quote_of(layout, sentence),
        "quote_lang": "en",
        "notes": f"proposed: country from {country_from}; year from {year_from}",
        "page": "" if page is None else str(page),
        "rule": f"{indicator}: {keywords}",
        "confidence": _confidence(reading, measure, score, indicator, country_from, year_from),
        "_total": total,
        "_noun": measure.noun,
        "_span": (start + measure.start, start + measure.end),
    }


def _sentence_rows(reading: Reading, sentence: int, previous: dict | None) -> list[dict]:
    """The candidates of one sentence; parts link to their total here or in the sentence before."""
    layout = reading.layout
    row = layout.sentences[sentence][2] in layout.rows
    found = measures(layout.sentence_text(sentence), words_of(reading.resources), row, reading.breakdown_of)
    rows: list[dict | None] = []
    for measure in found:
        if measure.head is not None:
            total = rows[measure.head]
        elif measure.refers_back:
            total = previous
        else:
            total = _weak_total(reading, sentence, measure, previous)
        peer = rows[measure.peer] if measure.peer is not None else None
        rows.append(_candidate(reading, sentence, measure, total, peer))
    return [row for row in rows if row]


def _weak_total(reading: Reading, sentence: int, measure: Measure, previous: dict | None) -> dict | None:
    """A count whose own sentence names no indicator may continue the previous sentence's figure."""
    if previous is None or measure.kind != "count":
        return None
    text = reading.layout.sentence_text(sentence)
    indicator, _, _ = indicator_for(text, measure, reading.resources)
    stem = previous.get("_noun", "").rstrip("s")
    mentions_total = bool(stem) and re.search(rf"\b{re.escape(stem)}s?\b", text, re.IGNORECASE)
    restates_total = format_number(measure.value) == previous["value"]  # "The seven suspects" after "seven people"
    return previous if indicator is None and (mentions_total or restates_total) else None


def extract_rows(reading: Reading) -> list[dict]:
    """Candidate rows for every figure the document states, in reading order (confidence not yet applied)."""
    layout, rows, previous, previous_block = reading.layout, [], None, -1
    for index, (_, _, block) in enumerate(layout.sentences):
        if block > previous_block + 1:
            previous = None
        found = _sentence_rows(reading, index, previous)
        rows.extend(found)
        totals = [row for row in found if row["breakdown_type"] == "total"]
        previous, previous_block = (totals[0], block) if totals else (previous, previous_block)
    return rows


def candidates_of(source: Document | str, resources: Resources, source_id: str = "") -> list[dict]:
    """Candidate rows, most confident first, numbered, with their private ``_span`` for the review page."""
    document = source if isinstance(source, Document) else Document(source)
    rows = [row for row in extract_rows(read(document, resources)) if row["confidence"] >= MIN_CONFIDENCE]
    rows.sort(key=lambda row: -row["confidence"])  # stable: reading order within equal confidence
    prefix = source_id or "candidate"
    for number, row in enumerate(rows, start=1):
        row["figure_id"] = f"{prefix}-{number:03d}"
        row["source_id"] = source_id
    for row in rows:
        if row["_total"] and row["_total"].get("figure_id"):
            row["notes"] += f"; breakdown of {row['_total']['figure_id']}"
    return rows


def extract(source: Document | str, resources: Resources, source_id: str = "") -> list[dict]:
    """Candidate rows for every figure a document (or a text) states, most confident first."""
    return [
        {column: row.get(column, "") for column in OUTPUT_COLUMNS}
        for row in candidates_of(source, resources, source_id)
    ]
