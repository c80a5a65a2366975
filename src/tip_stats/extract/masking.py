"""Numbers that are never figures: blanked before the text is read, so the rules never see them.

Page and reference markers, access dates, phone and index numbers, article and list numbers,
dates, age groups ("aged 14 to 17", "ages 5 to 14"), cable headers and the age columns of
child-labour tables all contain digits a reader skips without thinking. (One victim's age, "a
14-year-old girl" or "as young as three", is a figure of its own and is read, not masked.) Each
pattern's span is replaced by spaces (newlines kept), so every offset in the masked text is still
an offset in the document and quotes stay verbatim.
"""

from __future__ import annotations

import re

from tip_stats.numbers import UNITS

_NUM = r"(?:\d+|" + "|".join([*list(UNITS)[1:], "twenty"]) + ")"  # a count in digits or words, one to twenty
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
NOISE_PATTERNS = [
    re.compile(r"\[\s*access[^\]]*\]", re.IGNORECASE),  # [accessed 26 February 2015]
    re.compile(r"\[\s*page\s+\d+\s*\]", re.IGNORECASE),  # [page 78]
    re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]"),  # reference markers [13], [4, 5]
    re.compile(r"\(\d{1,2}(?:\s*[-–,;]\s*\d{1,2})+\)"),  # note markers (1-6), (1; 2; 3)
    re.compile(r"(?m)^[A-Z][A-Z ./,:()-]*\d{5,}[^\n]*$"),  # cable headers: UNCLAS SECTION 01 OF 07 BELGRADE 000272
    re.compile(r"(?m)^[ \t]*\d{1,2}\s*(?:to|-|–)\s*\d{1,2}[ \t]*$"),  # an age column on its own line: 5 to 14
    re.compile(r"\b\d{1,2}\s+to\s+\d{1,2}(?=\s+\d)"),  # an age column inside a table row
    re.compile(r"(?<![\w(])\d{1,2}\)"),  # list items 1) 2)
    re.compile(r"(?m)^[ \t\]]*\d{1,2}(?:\.\d{1,2})*[.)](?=\s)"),  # numbered lines 1. 20. 1.2.
    re.compile(r"(?m)^[ \t]*\d{1,2}(?=\s+[A-Z]{3,}\b)"),  # section headings "2 DEFINITION"
    re.compile(r"\b\d+(?:\.\d+)+\.(?=\s+[A-Z]{2,})"),  # section numbers "1.2. TRAFFICKING"
    re.compile(r"(?<=[A-Za-z][.,;:])\d{1,3}(?=\s|$)"),  # superscript references "Europe.17 During"
    re.compile(r"\b[A-Z]{2,5}\s?\d+(?:/\d+)+\b"),  # index numbers EUR 70/001/2005
    re.compile(r"\b\d{1,4}(?:/\d{1,4})+\b"),  # dates written 01/09/05
    re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}\b"),  # dates written 10.05.2022
    re.compile(r"(?<![\w.,])\+?\d{2,4}(?:[ \-]\d{2,4}){2,}(?![\w.,])"),  # phone numbers 11 33 47 817
    re.compile(r"\b\d+-(?![\w])"),  # dialling codes "381-"
    re.compile(r"(?i)\b(?:hotline|phone|tel\.?|fax|dial)\s*:?[\s\d+()\-]*\d"),
    re.compile(
        r"(?i)\b(?:articles?|art\.|items?|paragraphs?|para|sections?|rules?|chapters?|clauses?|annex|question)"
        r"\s*\d+[a-z]?(?:\.\d+)*(?:\.?[a-z]\b)?(?:\s*(?:,|and|or|to|-|–)\s*\d+[a-z]?\b)*"
    ),  # Article 418a, item 4, section 7.c, Para 1 and 3
    re.compile(r"§+\s*\d+|\b\d+\s+U\.?S\.?C\.?\b"),  # 17 USC § 107
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r"(?![a-z])"),  # 26 January
    re.compile(r"\b" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\d)"),  # August 3
    re.compile(r"\b\d+(?:st|nd|rd|th)\b"),  # ordinals 21st
    re.compile(r"\b\d{4}s\b"),  # decades 1990s
    re.compile(r"\b\d+\s*(?:BC|BCE|AD)\b"),  # 2400 BC
    re.compile(r"(?<=[A-Za-z])-?\d+\b"),  # digits glued to words: B92, COVID-19, mid-2017
    re.compile(rf"(?i)\bages?\s+(?:of\s+)?(?:between\s+)?{_NUM}(?:\s*(?:and|to|-|–)\s*{_NUM})?\b"),
    re.compile(rf"(?i)\baged\s+{_NUM}(?:\s*(?:and|to|-|–)\s*{_NUM})?\b"),  # aged 14 to 17: an age group
]
# "(4)" is a note marker ("Kosovo(6)") unless it counts the item before it in a list: "Macedonia (4), Ukraine (3)".
_PAREN_COUNT = re.compile(r"\(\d{1,2}\)")
_LISTED_COUNT = re.compile(r"[A-Za-z] \(\d{1,3}\)(?=\s*(?:[,;.]|and\b|$))")


def _blank(match: re.Match) -> str:
    return "".join("\n" if ch == "\n" else " " for ch in match.group(0))


def _listed_counts(text: str) -> set[int]:
    """Start offsets of "(N)" that count a named item in a list of at least two such items."""
    starts = [match.start() + 2 for match in _LISTED_COUNT.finditer(text)]
    return {start for start in starts if any(0 < abs(other - start) <= 80 for other in starts)}


def mask_noise(text: str) -> str:
    """The text with every never-a-figure number blanked out, offsets unchanged."""
    listed = _listed_counts(text)
    text = _PAREN_COUNT.sub(lambda m: m.group(0) if m.start() in listed else _blank(m), text)
    for pattern in NOISE_PATTERNS:
        text = pattern.sub(_blank, text)
    return text
