"""Periods: "since April 2003", "from January through September 2019", "between 2009 and 2011".

A figure counted over a period is stored with ``period_start`` and ``period_end`` (YYYY or YYYY-MM),
so a cumulative count is never read as one year's. The reference year stays the year the period ends.
"""

from __future__ import annotations

import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun")]
        + [("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct")]
        + [("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d{2}"
_THROUGH = r"\s*(?:to|through|until|till|-|–|—)\s*"
_PATTERNS = [
    # January through September 2019, January–September 2019
    re.compile(rf"\b(?P<m1>{_MONTH}){_THROUGH}(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b", re.IGNORECASE),
    # from April 2003 to August 2004, between 2009 and 2011, 2009-2011
    re.compile(
        rf"\b(?:from|between)?\s*(?:(?P<m1>{_MONTH})\s+)?(?P<y1>{_YEAR})(?:{_THROUGH}|\s+and\s+)"
        rf"(?:(?P<m2>{_MONTH})\s+)?(?P<y2>{_YEAR})\b",
        re.IGNORECASE,
    ),
    # since April 2003
    re.compile(rf"\bsince\s+(?:(?P<m1>{_MONTH})\s+)?(?P<y1>{_YEAR})\b", re.IGNORECASE),
]


def _point(year: str | None, month: str | None) -> str:
    if not year:
        return ""
    return f"{year}-{MONTHS[month.lower().rstrip('.')]:02d}" if month else year


def period_in(sentence: str, until: str = "") -> tuple[str, str]:
    """(period_start, period_end) a sentence states, or empty strings; ``until`` ends an open period ("since")."""
    for pattern in _PATTERNS:
        match = pattern.search(sentence)
        if not match:
            continue
        groups = match.groupdict()
        end_year = groups.get("y2")
        start = _point(groups.get("y1") or end_year, groups.get("m1"))
        end = _point(end_year, groups.get("m2")) if end_year else until
        if start and start != end:
            return start, end
    return "", ""
