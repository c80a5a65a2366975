"""Which year a figure describes: the sentence's own dating first, then the report's conventions.

A sentence such as "identified 49 victims (36 in 2015)" dates only the comparison: the 49 belong to
the reporting year, which for a Trafficking in Persons report published in year Y is Y-1. So a
sentence is cut into its main clause and its comparisons (parentheses, "compared to", "down from")
and each number takes the year of its own part. Numbers the sentence does not date take, in order,
a table's source year, a citation, the report's reporting year, a byline or the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tip_stats.extract.masking import MONTH
from tip_stats.extract.places import article_blocks
from tip_stats.extract.resources import Resources
from tip_stats.numbers import find_numbers

if TYPE_CHECKING:
    from tip_stats.extract.layout import Layout

YEAR = re.compile(r"(?<![\d.,/\-])((?:19|20)\d{2})(?![\d%]|,\d|\.\d)")
_PERIOD_START = re.compile(r"\b(?:since|from)\s+(?:\w+\s+)?$", re.IGNORECASE)
_CITATION_YEAR = re.compile(r"\[(?![^\]]*access)[^\]]*?\b((?:19|20)\d{2})\s*\]", re.IGNORECASE)
_DATE_PATTERNS = [
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(\d{4})\b"),
    re.compile(r"\b" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(\d{4})\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}/(\d{4}|\d{2})\b"),
    re.compile(r"\b\d{1,2}\.\d{1,2}\.(\d{4})\b"),
    re.compile(r"\b" + MONTH + r",?\s+(\d{4})\b"),
]
# Where a comparison starts: its numbers take the comparison's year, not the main clause's.
_COMPARISON = re.compile(
    r"\bcompared\s+(?:to|with)\b|\b(?:down|up)\s+from\b|\bversus\b|\bvs\.|\bagainst\s+(?=\d)", re.IGNORECASE
)
_OTHER_PLACE = re.compile(r"\b(?:EU|European\s+Union|average|regional|region|neighbou?r\w*|OECD|world)\b")
_RELATIVE = [
    (re.compile(r"\b(?:last|previous|past|preceding)\s+year\b", re.IGNORECASE), -1),
    (re.compile(r"\bthis\s+year\b", re.IGNORECASE), 0),
]
_TABLE_SOURCE = re.compile(r"(?im)^\s*Source(?:\s+for\s+all\s+other\s+data)?\s*:[^\n]*")
_EDITION = [
    re.compile(r"\b((?:19|20)\d{2})\s+(?:Trafficking\s+in\s+Persons|TIP)\b", re.IGNORECASE),
    re.compile(r"Trafficking\s+in\s+Persons\s+Report,?\s+((?:19|20)\d{2})\b", re.IGNORECASE),
    re.compile(r"\b((?:19|20)\d{2})-trafficking-in-persons", re.IGNORECASE),
]
_FINDINGS = re.compile(r"\b((?:19|20)\d{2})\s+Findings\s+on\s+the\s+Worst\s+Forms", re.IGNORECASE)
TABLE_SOURCE_BLOCKS = 40  # how far below a table its source line may be


@dataclass(frozen=True)
class Convention:
    """What a report's kind says about its years: which year its undated figures describe."""

    kind: str  # "tip", "dol" or "" for any other document
    reporting_year: int | None
    published_year: int | None
    title_year: int | None = None  # "19 girls ... during 2022": a news title dates its undated figures


def in_range(year: int, resources: Resources) -> bool:
    return resources.first_year <= year <= resources.last_year


def years_in(text: str, start: int, end: int, resources: Resources) -> list[tuple[int, int]]:
    """(offset, year) for each year a span states as a point in time; "since April 2003" starts a period."""
    found = []
    for match in YEAR.finditer(text, start, end):
        year = int(match.group(1))
        period_start = _PERIOD_START.search(text[max(start, match.start() - 20) : match.start()])
        if in_range(year, resources) and not period_start:
            found.append((match.start(), year))
    return found


def date_line_year(line: str, resources: Resources) -> int | None:
    """The year of a short byline or date line such as "Tanjug News Agency, BELGRADE, August 3, 2004"."""
    if len(line) > 200 or line.startswith("["):
        return None
    for pattern in _DATE_PATTERNS:
        match = next((m for m in pattern.finditer(line) if not _PERIOD_START.search(line[: m.start()])), None)
        if match:
            year = int(match.group(1))
            if year < 100:  # 01/09/05
                year += 2000 if year <= resources.last_year % 100 else 1900
            return year if in_range(year, resources) else None
    return None


def report_convention(text: str, title: str, url: str, published: int | None, resources: Resources) -> Convention:
    """The report's kind and reporting year: a TIP report of year Y and DOL findings published in Y describe Y-1."""
    head = f"{title}\n{url}\n{text[:4000]}"
    kinds = resources.word_list("report_kind")
    kind = next((kind for pattern, kind in kinds.items() if re.search(pattern, head, re.IGNORECASE)), "")
    edition = None
    if kind == "dol" and (findings := _FINDINGS.search(head)):
        return Convention(kind, int(findings.group(1)), published)
    if kind == "tip":
        edition = next((int(m.group(1)) for pattern in _EDITION if (m := pattern.search(head))), None)
    edition = edition or published
    title_years = [int(m.group(1)) for m in YEAR.finditer(title or text[:200].split("\n", 1)[0])]
    title_year = title_years[-1] if title_years and in_range(title_years[-1], resources) else None
    return Convention(kind, edition - 1 if kind and edition else None, published, title_year)


def _segments(sentence: str) -> list[tuple[int, int, bool]]:
    """(start, end, main) parts of a sentence: parentheses holding a number and comparisons are not main."""
    cuts: list[tuple[int, int, bool]] = []
    for match in re.finditer(r"\(([^()]*)\)", sentence):
        if find_numbers(YEAR.sub("", match.group(1))):
            cuts.append((match.start(), match.end(), False))
    for match in _COMPARISON.finditer(sentence):
        if not any(s <= match.start() < e for s, e, _ in cuts):
            stop = next((m.start() for m in _COMPARISON.finditer(sentence, match.end())), len(sentence))
            stop = min([stop] + [s for s, _, _ in cuts if s > match.start()])
            cuts.append((match.start(), stop, False))
    cuts.sort()
    parts, position = [], 0
    for start, end, main in cuts:
        if start >= position:
            parts.append((position, start, True))
            parts.append((start, end, main))
            position = end
    parts.append((position, len(sentence), True))
    return [part for part in parts if part[1] > part[0]]


def sentence_year(sentence: str, offset: int, resources: Resources) -> int | None:
    """The year a sentence gives the number at ``offset``: the first year after it in its own part, else before.

    Clauses between semicolons are read as sentences of their own.
    """
    clause_start = sentence.rfind(";", 0, offset) + 1
    clause_end = sentence.find(";", offset)
    clause = sentence[clause_start : clause_end if clause_end >= 0 else len(sentence)]
    return _clause_year(clause, offset - clause_start, resources)


def _clause_year(sentence: str, offset: int, resources: Resources) -> int | None:
    segments = _segments(sentence)
    own = next(((s, e, main) for s, e, main in segments if s <= offset < e), (0, len(sentence), True))
    years = years_in(sentence, own[0], own[1], resources)
    after = [year for position, year in years if position > offset]
    before = [year for position, year in years if position < offset]
    if after or before:
        return after[0] if after else before[-1]
    if own[2]:  # an undated main clause takes the year another main part states ("In 2015, ...; 21 ...")
        main_years = [y for s, e, main in segments if main for _, y in years_in(sentence, s, e, resources)]
        if len(set(main_years)) == 1:
            return main_years[0]
        return _shared_comparison_year(sentence, segments, resources)
    return None


def _shared_comparison_year(sentence: str, segments, resources: Resources) -> int | None:
    """ "EUR 5,000, compared to the EU average of EUR 24,400 in 2010": a comparison with another place or an
    average is of the same year, unlike "49 victims (36 in 2015)", which compares with another year."""
    others = [(s, e) for s, e, main in segments if not main and _OTHER_PLACE.search(sentence, s, e)]
    years = {year for s, e in others for _, year in years_in(sentence, s, e, resources)}
    return years.pop() if len(years) == 1 else None


def relative_year(sentence: str, convention: Convention) -> int | None:
    """ "last year" in a news item dated 2008 is 2007; "this year" in a TIP report is its reporting year."""
    base = convention.reporting_year + 1 if convention.reporting_year else convention.published_year
    if base is None:
        return None
    for pattern, shift in _RELATIVE:
        if pattern.search(sentence):
            return base + shift - (1 if convention.reporting_year else 0) * (shift == 0)
    return None


def table_source_year(layout: Layout, block: int, resources: Resources) -> int | None:
    """A table row's year: the last year its source line names ("... Cluster Survey 3, 2005.")."""
    end = layout.blocks[min(len(layout.blocks) - 1, block + TABLE_SOURCE_BLOCKS)][1]
    lines = list(_TABLE_SOURCE.finditer(layout.text, layout.blocks[block][1], end))
    preferred = [m for m in lines if "other data" in m.group(0).lower()] or lines
    for match in preferred[:1]:
        found = years_in(layout.masked, match.start(), match.end(), resources)
        if found:
            return found[-1][1]
    return None


def _title_year(layout: Layout, block: int, resources: Resources) -> int | None:
    """A title's own year ("2020 Country Reports ...") names the period reported on, not the publication."""
    if block < 0 or not layout.headings[block]:
        return None
    found = years_in(layout.masked, *layout.blocks[block], resources)
    return found[0][1] if found else None


def year_for(
    layout: Layout, sentence: int, anchor: int, convention: Convention, resources: Resources
) -> tuple[int | None, str]:
    """(year, where found) for the number at document offset ``anchor``."""
    start, end, block = layout.sentences[sentence]
    text = layout.masked[start:end]
    if year := sentence_year(text, anchor - start, resources):
        return year, "sentence"
    if year := relative_year(text, convention):
        return year, "relative"
    if block in layout.rows and (year := table_source_year(layout, block, resources)):
        return year, "table source"
    citation = _CITATION_YEAR.search(layout.text, *layout.blocks[block])
    if citation and in_range(int(citation.group(1)), resources):
        return int(citation.group(1)), "citation"
    if convention.reporting_year:
        return convention.reporting_year, f"{convention.kind} convention"
    if dated := _dated_article(layout, block, resources):
        return dated
    if convention.title_year:
        return convention.title_year, "title"
    return (convention.published_year, "published") if convention.published_year else (None, "none")


def _dated_article(layout: Layout, block: int, resources: Resources) -> tuple[int, str] | None:
    """The year of the article's byline or of the nearest date line above."""
    if layout.headings[block]:
        for following in article_blocks(layout, block)[:1]:
            if year := layout.dates[following]:
                return year, "byline"
    for earlier in range(block - 1, -1, -1):
        if year := layout.dates[earlier]:
            return _title_year(layout, earlier - 1, resources) or year, "article date"
    return None
