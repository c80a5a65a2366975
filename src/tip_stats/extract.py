"""Propose candidate figures from a report's text: the curation assistant behind ``tip-stats extract``.

Curators read long reports to find the few sentences that state a figure. This module reads a
document the way they do. It undoes hard line wraps to get paragraphs and sentences, blanks out
numbers that are never figures (page and reference markers, access dates, phone and index numbers,
article and list numbers, dates, ages), reads the rest with ``tip_stats.numbers.find_numbers`` and
keeps the numbers that carry a unit or count something. For each it names the country, indicator,
year, qualifier and unit a curator would most likely choose, and quotes the sentence verbatim so
the validator's quote check passes once the row is curated.

Everything is rule-based and deterministic: no model, no download. ``confidence`` orders the
curator's work (how much of the row the rules could fill from the sentence itself); it is not a
probability.
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tip_stats.numbers import UNITS, NumberMention, find_numbers
from tip_stats.schema import FigureColumns
from tip_stats.settings import settings

FIGURE_COLUMNS = list(FigureColumns.to_schema().columns)  # the figures*.csv columns, in order
OUTPUT_COLUMNS = FIGURE_COLUMNS + ["confidence"]
RECALL_TARGET = 0.95
PRECISION_TARGET = 0.60
MIN_CONFIDENCE = 0.15
CONTEXT_BLOCKS = 12  # how many paragraphs back a country may still apply
ARTICLE_BLOCKS = 4  # how many paragraphs below a headline belong to its article

# --------------------------------------------------------------------------- numbers that are never figures

_NUM = r"(?:\d+|" + "|".join([*list(UNITS)[1:], "twenty"]) + ")"  # a count in digits or words, one to twenty
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
# Each pattern marks a span whose digits a reader never takes for a figure. They are blanked (not
# deleted) so that every offset in the masked text is an offset in the original document.
NOISE_PATTERNS = [
    re.compile(r"\[\s*access[^\]]*\]", re.IGNORECASE),  # [accessed 26 February 2015]
    re.compile(r"\[\s*page\s+\d+\s*\]", re.IGNORECASE),  # [page 78]
    re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]"),  # reference markers [13], [4, 5]
    re.compile(r"\(\d{1,2}\)"),  # list items (1) and note markers Kosovo(6)
    re.compile(r"(?<![\w(])\d{1,2}\)"),  # list items 1) 2)
    re.compile(r"(?m)^[ \t\]]*\d{1,2}(?:\.\d{1,2})*[.)](?=\s)"),  # numbered lines 1. 20. 1.2.
    re.compile(r"(?m)^[ \t]*\d{1,2}(?=\s+[A-Z]{3,}\b)"),  # section headings "2 DEFINITION"
    re.compile(r"\b\d+(?:\.\d+)+\.(?=\s+[A-Z]{2,})"),  # section numbers "1.2. TRAFFICKING"
    re.compile(r"(?<=[A-Za-z][.,;:])\d{1,3}(?=\s|$)"),  # superscript references "Europe.17 During"
    re.compile(r"\b[A-Z]{2,5}\s?\d+(?:/\d+)+\b"),  # index numbers EUR 70/001/2005
    re.compile(r"\b\d{1,4}(?:/\d{1,4})+\b"),  # dates written 01/09/05
    re.compile(r"(?<![\w.,])\+?\d{2,4}(?:[ \-]\d{2,4}){2,}(?![\w.,])"),  # phone numbers 11 33 47 817
    re.compile(r"\b\d+-(?![\w])"),  # dialling codes "381-"
    re.compile(r"(?i)\b(?:hotline|phone|tel\.?|fax|dial)\s*:?[\s\d+()\-]*\d"),
    re.compile(
        r"(?i)\b(?:articles?|art\.|items?|paragraphs?|sections?|rules?|chapters?|clauses?|annex)"
        r"\s*\d+[a-z]?(?:\.\d+)*(?:\.?[a-z]\b)?"
    ),  # Article 418a, item 4, section 7.c
    re.compile(r"§+\s*\d+|\b\d+\s+U\.?S\.?C\.?\b"),  # 17 USC § 107
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?![a-z])"),  # 26 January
    re.compile(r"\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\d)"),  # August 3
    re.compile(r"\b\d+(?:st|nd|rd|th)\b"),  # ordinals 21st
    re.compile(r"\b\d{4}s\b"),  # decades 1990s
    re.compile(r"\b\d+\s*(?:BC|BCE|AD)\b"),  # 2400 BC
    re.compile(r"(?<=[A-Za-z])-?\d+\b"),  # digits glued to words: B92, COVID-19, mid-2017
    re.compile(rf"(?i)\b{_NUM}[\s-]+(?:years?|months?)[\s-]+old\b"),  # 16 years old, 14-year-old
    re.compile(rf"(?i)\bages?\s+(?:of\s+)?(?:between\s+)?{_NUM}(?:\s*(?:and|to|-|–)\s*{_NUM})?\b"),
    re.compile(rf"(?i)\b(?:as\s+young\s+as|aged)\s+{_NUM}(?:\s*(?:and|to|-|–)\s*{_NUM})?\b"),
]


def _blank(match: re.Match) -> str:
    return "".join("\n" if ch == "\n" else " " for ch in match.group(0))


def mask_noise(text: str) -> str:
    """The text with every never-a-figure number blanked out, offsets unchanged."""
    for pattern in NOISE_PATTERNS:
        text = pattern.sub(_blank, text)
    return text


# --------------------------------------------------------------------------- paragraphs and sentences

_FUNCTION_WORDS = {"the", "of", "a", "an", "and", "or", "in", "to", "for", "with", "by", "from", "on", "at", "as"}
_ENUMERATION_START = re.compile(r"^(?:\(?\d{1,2}[.)]|[-•*]\s)")
_ABBREVIATION = re.compile(r"art|no|nos|mr|mrs|ms|dr|st|vs|prof|dept|gen|inc|ltd|co|jr|sr|fig|vol|pp|approx|cf", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?:\d{1,3}(?=\s))?\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` carries on the sentence of ``previous``: a hard wrap, not a new paragraph."""
    if line.startswith("[") or _ENUMERATION_START.match(line):
        return False
    if previous.endswith((".", "!", "?", ":", ";", '"', "”", ")", "]")):
        return False
    last_word = previous.rsplit(None, 1)[-1].lower() if previous.split() else ""
    return line[0].islower() or previous.endswith((",", "-", "–")) or last_word in _FUNCTION_WORDS


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) offsets, rejoining lines that a PDF export wrapped mid-sentence."""
    blocks: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group(0)
        if not line.strip():
            continue
        start = match.start() + len(line) - len(line.lstrip())
        end = match.end() - (len(line) - len(line.rstrip()))
        if blocks and _continues(text[blocks[-1][0] : blocks[-1][1]], text[start:end]):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
    return blocks


def _is_abbreviation(text: str, period: int) -> bool:
    word = re.search(r"(\w+)$", text[max(0, period - 20) : period])
    return bool(word) and (len(word.group(1)) == 1 or _ABBREVIATION.fullmatch(word.group(1)))


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one paragraph as offsets; "U.S." and "Art." do not end a sentence."""
    sentences, begin = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        stop = match.end() - (len(match.group(0)) - len(match.group(0).rstrip()))
        sentences.append((begin, stop))
        begin = match.end()
    if begin < end:
        sentences.append((begin, end))
    return sentences


# --------------------------------------------------------------------------- catalogue and countries


@dataclass(frozen=True)
class Catalogue:
    """The codes a candidate may use, read from the curated catalogue at run time."""

    indicator_units: dict[str, str]
    indicator_categories: dict[str, str]
    countries: frozenset[str]
    first_year: int = 1990
    last_year: int = 2025


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def load_catalogue(data_dir: Path | None = None) -> Catalogue:
    """Read the codes at run time, so a new indicator or country is usable without touching this module."""
    config = settings()
    data_dir = data_dir or config.data_dir
    indicators = _read_rows(data_dir / "indicators.csv")
    countries = _read_rows(data_dir / "countries.csv")
    return Catalogue(
        {row["code"]: row["unit"] for row in indicators},
        {row["code"]: row["category"] for row in indicators},
        frozenset(row["code"] for row in countries),
        config.first_year,
        config.last_year,
    )


PLACE, ADJECTIVE, PEOPLE = 1, 2, 3  # how strongly a mention says where a figure belongs
# code -> (places, adjectives, people); codes missing from countries.csv only help to form groups
# such as ITA_GBR ("Italy and Britain"). Acronyms and "Bar" are matched case-sensitively.
COUNTRY_ALIASES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "SRB": (
        ["Serbia", "Belgrade", "Novi Sad", "Prokuplje", "Pancevo", "Pančevo", "Vojvodina", "Niš", "Kragujevac"],
        ["Serbian"],
        ["Serbians", "Serbs"],
    ),
    "MNE": (
        ["Montenegro", "Podgorica", "Bijelo Polje", "Rozaje", "Rožaje", "Bar", "Budva", "Ulcinj", "Nikšić"],
        ["Montenegrin"],
        ["Montenegrins"],
    ),
    "XKX": (
        ["Kosovo", "Pristina", "Prishtina", "Prishtinë", "Priština", "Peć", "Peja", "Gjilan", "Gnjilane"]
        + ["Prizren", "Mitrovica", "Ferizaj", "UNMIK", "KPS"],
        ["Kosovar", "Kosovan"],
        ["Kosovars"],
    ),
    "SCG": (["Serbia and Montenegro", "Serbia-Montenegro"], [], []),
    "YUG": (["Yugoslavia", "Federal Republic of Yugoslavia", "FRY"], ["Yugoslav"], []),
    "BALKANS": (["Balkans", "Balkan region", "Balkan route", "Balkan peninsula"], ["Balkan"], []),
    "WBALKANS": (["Western Balkans"], ["Western Balkan"], []),
    "SEE": (
        ["Southeast Europe", "South-East Europe", "South East Europe", "Southeastern Europe"]
        + ["South-Eastern Europe", "SEE"],
        ["Southeast European", "South-East European"],
        [],
    ),
    "EUROPE": (["Europe"], [], []),
    "MKD": (
        ["Macedonia", "North Macedonia", "Northern Macedonia", "Republic of Macedonia", "Skopje"],
        ["Macedonian"],
        ["Macedonians"],
    ),
    "ALB": (["Albania", "Tirana", "Durres", "Durrës"], ["Albanian"], ["Albanians"]),
    "GBR": (["United Kingdom", "Britain", "Great Britain", "London", "England", "UK"], ["British"], ["Britons"]),
    "ITA": (["Italy", "Rome"], ["Italian"], ["Italians"]),
}
_CASE_SENSITIVE = {"UNMIK", "KPS", "SEE", "FRY", "UK", "Bar"}
_ORIGIN_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_ETHNICITY_AFTER = re.compile(r"\s+(?:ethnicity|origin|descent|nationality|ethnic\s+origin)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CountryMention:
    code: str
    start: int
    end: int
    strength: int


@lru_cache(maxsize=8)
def _country_lexicon(codes: frozenset[str]) -> tuple[re.Pattern, dict[str, tuple[str, int]]]:
    """One regex over every alias (longest first, so "Western Balkans" beats "Balkans") and its meaning."""
    lexicon: dict[str, tuple[str, int]] = {}
    for code, groups in COUNTRY_ALIASES.items():
        for strength, names in zip((PLACE, ADJECTIVE, PEOPLE), groups, strict=True):
            for name in names:
                lexicon[name if name in _CASE_SENSITIVE else name.lower()] = (code, strength)
    names = {name for groups in COUNTRY_ALIASES.values() for names in groups for name in names}
    alternatives = sorted(names, key=lambda name: (-len(name), name))
    pattern = "|".join(re.escape(n) if n in _CASE_SENSITIVE else f"(?i:{re.escape(n)})" for n in alternatives)
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])"), lexicon


def find_countries(text: str, start: int, end: int, codes: frozenset[str]) -> list[CountryMention]:
    """Country mentions in text[start:end], each with how strongly it places a figure there.

    "from X" names an origin, weaker than a place; "of X ethnicity" describes people, like "Albanians".
    """
    pattern, lexicon = _country_lexicon(codes)
    mentions: list[CountryMention] = []
    for match in pattern.finditer(text, start, end):
        name = match.group(0)
        code, strength = lexicon.get(name) or lexicon[name.lower()]
        if strength == PLACE and _ORIGIN_BEFORE.search(text[max(start, match.start() - 12) : match.start()]):
            strength = ADJECTIVE
        if _ETHNICITY_AFTER.match(text, match.end()):
            strength = PEOPLE
        mentions.append(CountryMention(code, match.start(), match.end(), strength))
    return [m for m in _join_groups(text, mentions, codes) if m.code in codes]


def _join_groups(text: str, mentions: list[CountryMention], codes: frozenset[str]) -> list[CountryMention]:
    """ "Italy and Britain" is the country group ITA_GBR when the catalogue has that group."""
    joined: list[CountryMention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        group = f"{previous.code}_{mention.code}" if previous else ""
        if previous and group in codes and re.fullmatch(r"\s+and\s+(?:the\s+)?", text[previous.end : mention.start]):
            joined[-1] = CountryMention(group, previous.start, mention.end, min(previous.strength, mention.strength))
        else:
            joined.append(mention)
    return joined


def _strongest(mentions: list[CountryMention], weakest: int = ADJECTIVE) -> str | None:
    """The first mention of the strongest kind present, ignoring kinds weaker than ``weakest``."""
    usable = [m for m in mentions if m.strength <= weakest]
    return min(usable, key=lambda m: (m.strength, m.start)).code if usable else None


# --------------------------------------------------------------------------- document layout


@dataclass
class Layout:
    """A document cut into paragraphs and sentences, with what each says about place and date."""

    text: str
    masked: str
    blocks: list[tuple[int, int]]
    sentences: list[tuple[int, int, int]]  # start, end, block index
    block_sentences: list[list[int]]
    countries: list[list[CountryMention]]  # per sentence
    dates: list[int | None]  # per block: the year of a byline or date line
    headings: list[bool]  # per block: a one-line title


def read_layout(text: str, catalogue: Catalogue) -> Layout:
    """Cut the text once; every candidate then looks up its context here instead of rescanning."""
    masked = mask_noise(text)
    blocks = split_blocks(text)
    sentences, block_sentences = [], []
    for index, (start, end) in enumerate(blocks):
        block_sentences.append([])
        for s, e in split_sentences(text, start, end):
            block_sentences[-1].append(len(sentences))
            sentences.append((s, e, index))
    countries = [find_countries(masked, s, e, catalogue.countries) for s, e, _ in sentences]
    dates = [date_line_year(text[s:e], catalogue) for s, e in blocks]
    headings = [date is None and _looks_like_title(text[s:e]) for (s, e), date in zip(blocks, dates, strict=True)]
    return Layout(text, masked, blocks, sentences, block_sentences, countries, dates, headings)


def _looks_like_title(line: str) -> bool:
    """A one-line title: short, no full stop, not an access note."""
    return "\n" not in line and len(line) <= 150 and not line.endswith((".", "!", "?", ":")) and line[:1] != "["


def _article_blocks(layout: Layout, heading: int) -> list[int]:
    """The blocks a headline heads: its byline and body, up to the next headline (at most a few)."""
    following = []
    for block in range(heading + 1, min(len(layout.blocks), heading + 1 + ARTICLE_BLOCKS)):
        if layout.headings[block]:
            break
        following.append(block)
    return following


def _context(layout: Layout, sentence: int) -> list[tuple[str, list[int]]]:
    """Where else to look, nearest first: the paragraph, a headline's article, the paragraphs before."""
    block = layout.sentences[sentence][2]
    siblings = sorted((j for j in layout.block_sentences[block] if j != sentence), key=lambda j: (abs(j - sentence), j))
    places = [("paragraph", siblings)]
    if layout.headings[block]:
        places.append(("article", [j for b in _article_blocks(layout, block) for j in layout.block_sentences[b]]))
    earlier = range(block - 1, max(-1, block - CONTEXT_BLOCKS), -1)
    places.append(("context", [j for b in earlier for j in reversed(layout.block_sentences[b])]))
    return places


def country_for(layout: Layout, sentence: int) -> tuple[str | None, str]:
    """(code, where found): the sentence's own place, else the nearest context's, else a nationality."""
    if code := _strongest(layout.countries[sentence]):
        return code, "sentence"
    for where, sentences in _context(layout, sentence):
        for j in sentences:
            if code := _strongest(layout.countries[j]):
                return code, where
    if code := _strongest(layout.countries[sentence], PEOPLE):
        return code, "nationality"
    return None, "none"


# --------------------------------------------------------------------------- reference years

_YEAR = re.compile(r"(?<![\d.,/\-])((?:19|20)\d{2})(?![\d%]|,\d|\.\d)")
_PERIOD_START = re.compile(r"\b(?:since|from)\s+(?:\w+\s+)?$", re.IGNORECASE)
_CITATION_YEAR = re.compile(r"\[(?![^\]]*access)[^\]]*?\b((?:19|20)\d{2})\s*\]", re.IGNORECASE)
_DATE_PATTERNS = [
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})\b"),
    re.compile(r"\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(\d{4})\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}/(\d{4}|\d{2})\b"),
    re.compile(r"\b" + _MONTH + r",?\s+(\d{4})\b"),
]


def _in_range(year: int, catalogue: Catalogue) -> bool:
    return catalogue.first_year <= year <= catalogue.last_year


def years_in(text: str, start: int, end: int, catalogue: Catalogue) -> list[tuple[int, int]]:
    """(offset, year) for each year a span states as a point in time; "since April 2003" starts a period."""
    found = []
    for match in _YEAR.finditer(text, start, end):
        year = int(match.group(1))
        period_start = _PERIOD_START.search(text[max(start, match.start() - 20) : match.start()])
        if _in_range(year, catalogue) and not period_start:
            found.append((match.start(), year))
    return found


def date_line_year(line: str, catalogue: Catalogue) -> int | None:
    """The year of a short byline or date line such as "Tanjug News Agency, BELGRADE, August 3, 2004"."""
    if len(line) > 200 or line.startswith("["):
        return None
    for pattern in _DATE_PATTERNS:
        match = next((m for m in pattern.finditer(line) if not _PERIOD_START.search(line[: m.start()])), None)
        if match:
            year = int(match.group(1))
            if year < 100:  # 01/09/05
                year += 2000 if year <= catalogue.last_year % 100 else 1900
            return year if _in_range(year, catalogue) else None
    return None


def _title_year(layout: Layout, block: int, catalogue: Catalogue) -> int | None:
    """A title's own year ("2020 Country Reports ...") names the period reported on, not the publication."""
    if block < 0 or not layout.headings[block]:
        return None
    found = years_in(layout.masked, *layout.blocks[block], catalogue)
    return found[0][1] if found else None


def year_for(layout: Layout, sentence: int, anchor: int, catalogue: Catalogue) -> tuple[int | None, str]:
    """(year, where found): the sentence's year nearest the number, a citation, the article's title or date."""
    start, end, block = layout.sentences[sentence]
    if own := years_in(layout.masked, start, end, catalogue):
        return min(own, key=lambda item: abs(item[0] - anchor))[1], "sentence"
    citation = _CITATION_YEAR.search(layout.text, *layout.blocks[block])
    if citation and _in_range(int(citation.group(1)), catalogue):
        return int(citation.group(1)), "citation"
    if layout.headings[block]:
        for following in _article_blocks(layout, block)[:1]:
            if layout.dates[following]:
                return layout.dates[following], "byline"
    for earlier in range(block - 1, -1, -1):
        if layout.dates[earlier]:
            return _title_year(layout, earlier - 1, catalogue) or layout.dates[earlier], "article date"
    return None, "none"


# --------------------------------------------------------------------------- reading one number


@dataclass(frozen=True)
class Measure:
    """A number read as a quantity, in the unit an indicator would store it in."""

    value: float
    high: float | None
    kind: str  # percent, currency, years, tonnes, count, tier
    currency: str
    start: int  # offsets within the sentence
    end: int
    evidence: float  # 1.0 when the unit or counted noun is written next to the number
    anchor: tuple[int, int]  # where the indicator's keywords are sought: the number, or the total it splits
    breakdown: tuple[str, str] = ("total", "")


COUNT_NOUN = re.compile(
    r"(?:people|persons?|individuals?|victims?|women|woman|girls?|men|man|boys?|children|child|minors?"
    r"|females?|males?|suspects?|traffickers?|perpetrators?|defendants?|offenders?|citizens?|nationals?"
    r"|migrants?|cases|arrests|prosecutions|convictions|investigations|beggars)",
    re.IGNORECASE,
)
_DEMONYM_NOUN = re.compile(r"[A-Z][a-z]+(?:ians|ans|ese|ns)")
# words that may stand between a number and the noun it counts: "four female victims", "25 were men"
_MODIFIER = re.compile(
    r"were|was|are|female|male|human|trafficking|trafficked|more|other|additional|foreign|young|underage"
    r"|identified|potential|presumed|suspected|alleged|new|local|adult|sex|child",
    re.IGNORECASE,
)
SEX_OF_NOUN = {noun: "male" for noun in ("men", "man", "boys", "boy", "males", "male")} | {
    noun: "female" for noun in ("women", "woman", "girls", "girl", "females", "female")
}
_TONNES = re.compile(r"^\s*(?:metric\s+)?(?:tonnes?|tons?)\b", re.IGNORECASE)
_CURRENCY_WORDS = {"euro": "EUR", "dollar": "USD", "pound": "GBP", "dinar": "RSD"}
_CURRENCY_AFTER = re.compile(r"^\s*(?:US\s+)?(euro|dollar|pound|dinar)s?\b", re.IGNORECASE)
_ELLIPSIS_AFTER = re.compile(r"^\s+(?:in|at|from|for)\b", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:to|-|–|—)\s*(?:\d|[a-z]+\b)", re.IGNORECASE)  # "one to ten years"
_DISTRIBUTIVE_ONE = re.compile(r"^[^.;]{0,40}\banother\b", re.IGNORECASE)  # "from one trafficker to another"
_QUALIFIED_FRACTION = re.compile(
    r"(?:over|more\s+than|nearly|almost|about|around|at\s+least|roughly|some|one|a)[\s-]+$", re.IGNORECASE
)
_SUBCOUNT_LINK = re.compile(r"\b(?:of\s+whom|of\s+them|of\s+these|including|among\s+them)\b|\(", re.IGNORECASE)
_CONNECTOR = re.compile(r"\s*(?:to|-|–|—|and)\s*", re.IGNORECASE)
_CHANGE = re.compile(
    r"\b(?:rose|risen|rising|increased?|grew|grown|fell|fallen|dropped|declined?|decreased?|went\s+(?:up|down)"
    r"|jumped|climbed)\s+from\s*$",
    re.IGNORECASE,
)


def counted_noun(after: str) -> str:
    """The noun a number counts ("four female victims" -> "victims"), or "" when it counts nothing."""
    words = re.split(r"[,.;:()\[\]\"“”]", after, maxsplit=1)[0].split()[:4]
    for word in words:
        bare = word.strip("'’")
        if COUNT_NOUN.fullmatch(bare) or _DEMONYM_NOUN.fullmatch(bare):
            return bare.lower()
        if not _MODIFIER.fullmatch(bare) and not bare[:1].isupper():
            return ""
    return ""


def _plain_year(mention: NumberMention) -> bool:
    return mention.unit_hint is None and re.fullmatch(r"(?:19|20)\d{2}", mention.text) is not None


def _usable(sentence: str, mention: NumberMention) -> bool:
    """Drop readings that are context, not figures: years, idiomatic "one", bare fractions ("third country")."""
    after = sentence[mention.end : mention.end + 60]
    if _plain_year(mention):  # a year, unless the very next word is what it counts ("2000 victims")
        return bool(counted_noun(" ".join(after.split()[:1])))
    if mention.unit_hint == "fraction":
        before = sentence[max(0, mention.start - 15) : mention.start]
        return bool(_QUALIFIED_FRACTION.search(before)) or after.lstrip().lower().startswith(("of ", "were", "was"))
    if mention.text.lower() == "one":
        if _DISTRIBUTIVE_ONE.match(after):
            return False
        return bool(counted_noun(after) or _ELLIPSIS_AFTER.match(after) or _RANGE_AFTER.match(after))
    return True


def _unit_of(sentence: str, mention: NumberMention) -> tuple[str | None, str, float]:
    """(kind, currency, value factor) from the number's own suffix or the words right after it."""
    hint = mention.unit_hint
    fixed = {"percent": ("percent", "", 1.0), "tier": ("tier", "", 1.0), "fraction": ("percent", "", 100.0)}
    if hint in fixed:
        return fixed[hint]
    if hint in {"USD", "EUR", "GBP"}:
        return "currency", hint, 1.0
    if hint in {"months", "years"}:
        return "years", "", 1 / 12 if hint == "months" else 1.0
    after = sentence[mention.end : mention.end + 60]
    if _TONNES.match(after):
        return "tonnes", "", 1.0
    if money := _CURRENCY_AFTER.match(after):
        return "currency", _CURRENCY_WORDS[money.group(1).lower()], 1.0
    return ("count", "", 1.0) if counted_noun(after) else (None, "", 1.0)


@dataclass
class _Reading:
    mention: NumberMention
    kind: str | None
    currency: str
    factor: float
    noun: str = ""
    evidence: float = 1.0
    head: _Reading | None = None  # the count this one continues or breaks down


def _readings(sentence: str) -> list[_Reading]:
    """Each usable number with its unit; "Tier 2" is one tier reading, not also a bare 2."""
    mentions = list(find_numbers(sentence))
    tiers = [m for m in mentions if m.unit_hint == "tier"]
    mentions = [m for m in mentions if m in tiers or not any(t.start <= m.start < t.end for t in tiers)]
    readings = []
    for mention in mentions:
        if _usable(sentence, mention):
            kind, currency, factor = _unit_of(sentence, mention)
            noun = counted_noun(sentence[mention.end : mention.end + 60]) if kind == "count" else ""
            readings.append(_Reading(mention, kind, currency, factor, noun))
    _fill_ellipses(sentence, readings)
    _link_subcounts(sentence, readings)
    return readings


def _fill_ellipses(sentence: str, readings: list[_Reading]) -> None:
    """ "73 were children, 13 in street work": a bare number listed after a count counts the same."""
    leader = None
    for reading in readings:
        if reading.kind == "count":
            leader = leader or reading
        elif reading.kind is None and leader and _ELLIPSIS_AFTER.match(sentence[reading.mention.end :]):
            reading.kind, reading.evidence, reading.head = "count", 0.8, leader


def _link_subcounts(sentence: str, readings: list[_Reading]) -> None:
    """ "37 persons, of whom 25 were men": a smaller count introduced as part of a larger one."""
    counts = [r for r in readings if r.kind == "count"]
    for index, reading in enumerate(counts):
        for total in reversed(counts[:index]):
            between = sentence[total.mention.end : reading.mention.start]
            if total.mention.value > reading.mention.value and _SUBCOUNT_LINK.search(between) and ";" not in between:
                reading.head = reading.head or total
                break


def _pair(sentence: str, first: _Reading, second: _Reading) -> str | None:
    """How two adjacent numbers relate: "range" (EUR 50 to 3,500), "change" (rose from 10 to 56) or None."""
    between = sentence[first.mention.end : second.mention.start]
    kinds = {first.kind, second.kind} - {None}
    if len(kinds) != 1 or not _CONNECTOR.fullmatch(between):
        return None
    before = sentence[: first.mention.start]
    if "and" in between.lower() and not re.search(r"\bbetween\s*$", before, re.IGNORECASE):
        return None
    return "change" if _CHANGE.search(before) else "range"


def measures(sentence: str) -> list[Measure]:
    """Every quantity a (masked) sentence states, ranges merged into one measure."""
    readings, found, index = _readings(sentence), [], 0
    while index < len(readings):
        first = readings[index]
        second = readings[index + 1] if index + 1 < len(readings) else None
        relation = _pair(sentence, first, second) if second else None
        if relation:
            _share_unit(first, second)
        if relation == "range":
            found.append(_measure(first, second))
            index += 2
            continue
        if first.kind:
            found.append(_measure(first, None))
        index += 1
    return found


def _share_unit(first: _Reading, second: _Reading) -> None:
    """A range writes its unit once ("10 To 12 Years", "EUR 50 to 3,500"); give it to both ends."""
    source, target = (second, first) if first.kind is None else (first, second)
    target.kind, target.currency = source.kind, target.currency or source.currency
    if target.mention.unit_hint is None:
        target.factor = source.factor


def _measure(first: _Reading, second: _Reading | None) -> Measure:
    value = first.mention.value * first.factor
    high = second.mention.value * second.factor if second else None
    end = second.mention.end if second else first.mention.end
    evidence = first.evidence * (0.9 if first.mention.text.lower() == "one" else 1.0)
    anchor = (first.head.mention.start, first.head.mention.end) if first.head else (first.mention.start, end)
    sex = SEX_OF_NOUN.get(first.noun) if first.head and first.evidence == 1.0 else None
    breakdown = ("sex", sex) if sex else ("total", "")
    return Measure(value, high, first.kind, first.currency, first.mention.start, end, evidence, anchor, breakdown)


# --------------------------------------------------------------------------- qualifier and indicator

QUALIFIER_PATTERNS = [
    ("as little as", re.compile(r"\bas\s+little\s+as\s*$", re.IGNORECASE)),
    ("at least", re.compile(r"\bat\s+least\s*$", re.IGNORECASE)),
    ("up to", re.compile(r"\bup\s+to\s*$", re.IGNORECASE)),
    ("more than", re.compile(r"\b(?:more\s+than|over|in\s+excess\s+of)\s*$", re.IGNORECASE)),
    ("nearly", re.compile(r"\b(?:nearly|almost|close\s+to)\s*$", re.IGNORECASE)),
    ("about", re.compile(r"\b(?:about|around|approximately|roughly|some)\s*$", re.IGNORECASE)),
    ("estimate", re.compile(r"\bestimated?\b[^.;]{0,20}$", re.IGNORECASE)),
]


def qualifier_for(sentence: str, start: int) -> str:
    """The qualifier the words just before the number give it; "exact" when none do."""
    before = sentence[max(0, start - 40) : start]
    for name, pattern in QUALIFIER_PATTERNS:
        if pattern.search(before):
            return name
    return "exact"


# indicator -> (kinds of measure it can hold, keywords that must all appear in the sentence). More
# specific rules come first: among rules scoring nearly as well as the best, the first one wins.
INDICATOR_RULES: list[tuple[str, set[str], list[str]]] = [
    ("tip_tier", {"tier"}, [r"\btier\b"]),
    ("victims_denied_medical_care_share", {"percent"}, [r"denied[^.;]{0,30}(?:medical|health)"]),
    ("victims_regular_health_care_share", {"percent"}, [r"regular\s+health\s+care|provided\s+with[^.;]{0,30}care"]),
    ("unemployment_rate", {"percent"}, [r"unemploy"]),
    ("children_combining_work_school_pct", {"percent"}, [r"work\w*\s+and\s+(?:attend\w*\s+)?school"]),
    ("child_labour_rate_pct", {"percent"}, [r"child\s+lab\w+|working\s+children"]),
    ("victims_nationals_share", {"percent"}, [r"victim", r"citizens|nationals"]),
    ("victims_children_share", {"percent"}, [r"\bchild|\bminors?\b"]),
    ("income_per_capita", {"currency"}, [r"\bincome|per\s+capita|\bgdp\b"]),
    ("pimp_earnings_per_woman_year", {"currency"}, [r"\bpimps?\b"]),
    ("opiate_trafficking_profits", {"currency"}, [r"profits?\b|opiate|heroin"]),
    ("victim_price", {"currency"}, [r"\bsold\b|\bsell|\bprices?\b|\bbought\b|\bbuy"]),
    ("cannabis_seized", {"tonnes"}, [r"cannabis|marijuana|seiz"]),
    ("statutory_prison_term", {"years"}, [r"punish|imprisonment|penalt"]),
    ("prison_sentence_imposed", {"years"}, [r"sentenc|\bjail|prison|convicted"]),
    ("victims_transiting_per_year", {"count"}, [r"pass\w*\s+(?:through|via)|transit", r"(?:per|a|each)\s+year"]),
    ("women_trafficked_into_prostitution_per_year", {"count"}, [r"prostitution", r"(?:per|a|each)\s+year"]),
    ("potential_victims_pending", {"count"}, [r"status[^.]{0,80}(?:unknown|undetermined|pending|unclear)"]),
    ("potential_victims_referred", {"count"}, [r"potential\s+victims|presumed\s+victims|referred|screened"]),
    ("child_beggars_identified", {"count"}, [r"beggars|identified[^.]{0,40}begging"]),
    ("children_in_hazardous_work", {"count"}, [r"hazard|begging|street\s+work|coal|minors?\b[^.]{0,40}work"]),
    ("children_working", {"count"}, [r"working\s+children|children\s+(?:\w+\s+)?work"]),
    ("labour_inspections", {"count"}, [r"inspections?\b"]),
    ("victims_sheltered", {"count"}, [r"shelter"]),
    ("trafficking_arrests", {"count"}, [r"arrest|custody|detained"]),
    ("convictions_persons", {"count"}, [r"convict"]),
    ("prosecutions_defendants", {"count"}, [r"prosecut|indict"]),
    ("victims_rescued", {"count"}, [r"rescu|\bfree[ds]?\b|liberat|discovered"]),
    ("persons_found_in_raid", {"count"}, [r"\braid|\bfound\b(?!\s+out)|\bsearch"]),
    ("trafficking_cases_reported", {"count"}, [r"cases?\b[^.]{0,40}reported|reported[^.]{0,40}cases", r"traf"]),
    ("victims_in_case", {"count"}, [r"victim", r"\bcase\b|investigation|trial|operation"]),
    ("victims_identified", {"count"}, [r"identified"]),
    ("investigations_suspects", {"count"}, [r"investigat", r"suspect"]),
]
# A count of "victims" with no other keyword is most likely victims identified, but that is weak evidence.
FALLBACK_RULE = ("victims_identified", {"count"}, [r"victims"])
FALLBACK_WEIGHT = 0.7
_WEIGHTED_RULES = [(*rule, 1.0) for rule in INDICATOR_RULES] + [(*FALLBACK_RULE, FALLBACK_WEIGHT)]
_COMPILED_RULES = [
    (code, kinds, [re.compile(p, re.IGNORECASE) for p in patterns], weight)
    for code, kinds, patterns, weight in _WEIGHTED_RULES
]
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:while|whereas|but)\b|,\s+(?:and|or)\b", re.IGNORECASE)
RULE_TOLERANCE = 0.05


def _keyword_weight(sentence: str, keyword: re.Match, anchor: tuple[int, int]) -> float:
    """Near keywords weigh more; a keyword across a clause break ("..., while only ten percent") half as much."""
    distance = max(0, keyword.start() - anchor[1], anchor[0] - keyword.end())
    between = sentence[min(keyword.end(), anchor[1]) : max(keyword.start(), anchor[0])]
    weight = 1 - min(distance, 200) / 400
    return weight * (0.5 if _CLAUSE_BREAK.search(between) else 1.0)


def _rule_score(sentence: str, patterns: list[re.Pattern], anchor: tuple[int, int]) -> tuple[float, str]:
    """The weakest of the rule's keywords (all must be present) and the keywords found."""
    score, words = 1.0, []
    for pattern in patterns:
        weighted = [(_keyword_weight(sentence, m, anchor), m.group(0)) for m in pattern.finditer(sentence)]
        weight, word = max(weighted, default=(0.0, ""))
        score, words = min(score, weight), words + [word]
    return score, ", ".join(words)


def indicator_for(sentence: str, measure: Measure, catalogue: Catalogue) -> tuple[str | None, float, str]:
    """(indicator, score, keywords): the catalogue indicator whose keywords sit closest to the number."""
    scored = []
    for code, kinds, patterns, weight in _COMPILED_RULES:
        if code in catalogue.indicator_units and measure.kind in kinds:
            score, words = _rule_score(sentence, patterns, measure.anchor)
            if score > 0:
                scored.append((code, score * weight, words))
    if not scored:
        return None, 0.0, ""
    best = max(score for _, score, _ in scored)
    return next(item for item in scored if item[1] >= best - RULE_TOLERANCE)


def unit_for(measure: Measure, indicator: str, catalogue: Catalogue) -> str:
    """The indicator's unit; money keeps the currency the text wrote (figures are never converted)."""
    unit = catalogue.indicator_units[indicator]
    return (measure.currency or "USD") if unit == "currency" else unit


# --------------------------------------------------------------------------- candidates

COUNTRY_CONFIDENCE = {"sentence": 1.0, "paragraph": 0.9, "article": 0.9, "context": 0.75, "nationality": 0.7}
YEAR_CONFIDENCE = {"sentence": 1.0, "citation": 0.9, "byline": 0.9, "article date": 0.9}
_QUOTE_LEAD = re.compile(r"^(?:[\s=+\-@]+|\[[^\]]*\]\s*)+")  # formula characters, "[page 12]" markers


def quote_of(layout: Layout, sentence: int) -> str:
    """The sentence as written (whitespace collapsed), without a leading page marker or formula character."""
    start, end, _ = layout.sentences[sentence]
    return _QUOTE_LEAD.sub("", " ".join(layout.text[start:end].split()))


def _format_number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


def _candidate(layout: Layout, sentence: int, measure: Measure, catalogue: Catalogue) -> dict | None:
    """A proposed row, or None when no catalogue indicator fits (then it is a number, not a figure)."""
    start, end, _ = layout.sentences[sentence]
    text = layout.masked[start:end]
    indicator, score, keywords = indicator_for(text, measure, catalogue)
    if indicator is None:
        return None
    country, country_from = country_for(layout, sentence)
    year, year_from = year_for(layout, sentence, start + measure.start, catalogue)
    law = catalogue.indicator_categories.get(indicator) == "law"
    year_confidence = YEAR_CONFIDENCE.get(year_from, 1.0 if law else 0.8)
    confidence = measure.evidence * score * COUNTRY_CONFIDENCE.get(country_from, 0.5) * year_confidence
    return {
        "country": country or "",
        "indicator": indicator,
        "reference_year": "" if year is None else str(year),
        "value": _format_number(measure.value),
        "value_high": _format_number(measure.high),
        "unit": unit_for(measure, indicator, catalogue),
        "qualifier": qualifier_for(text, measure.start),
        "breakdown_type": measure.breakdown[0],
        "breakdown": measure.breakdown[1],
        "quote": quote_of(layout, sentence),
        "notes": f"proposed: indicator from '{keywords}'; country from {country_from}; year from {year_from}",
        "confidence": round(confidence, 3),
    }


def extract(text: str, catalogue: Catalogue, source_id: str = "") -> list[dict]:
    """Candidate rows for every figure the text states, most confident first."""
    layout = read_layout(text, catalogue)
    rows = []
    for index, (start, end, _) in enumerate(layout.sentences):
        for measure in measures(layout.masked[start:end]):
            row = _candidate(layout, index, measure, catalogue)
            if row and row["confidence"] >= MIN_CONFIDENCE:
                rows.append(row)
    rows.sort(key=lambda row: -row["confidence"])  # stable: reading order within equal confidence
    prefix = source_id or "candidate"
    for number, row in enumerate(rows, start=1):
        row["figure_id"] = f"{prefix}-{number:03d}"
        row["source_id"] = source_id
    return [{column: row.get(column, "") for column in OUTPUT_COLUMNS} for row in rows]


def write_candidates(rows: list[dict], handle) -> None:
    """CSV with the figures*.csv columns first, so accepted rows can be pasted into a figures file."""
    writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


# --------------------------------------------------------------------------- measuring against the curated seeds


@dataclass(frozen=True)
class CheckResult:
    """How well the extractor finds the curated figures of the seed documents."""

    curated: int
    found: int
    candidates: int
    matching: int
    seconds: float
    documents: list[str]

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


def curated_by_document(data_dir: Path) -> dict[str, list[dict]]:
    """Curated figures grouped by the document their source names; sources without one are left out."""
    document_of = {row["source_id"]: row.get("document") or "" for row in _read_rows(data_dir / "sources.csv")}
    grouped: dict[str, list[dict]] = {}
    for path in sorted(data_dir.glob("figures*.csv")):
        for row in _read_rows(path):
            if document := document_of.get(row["source_id"]):
                grouped.setdefault(document, []).append(row)
    return grouped


def run_check(data_dir: Path | None = None, documents_dir: Path | None = None) -> CheckResult:
    """Run the extractor on every seed document and compare with the curated figures."""
    started = time.perf_counter()
    config = settings()
    data_dir = data_dir or config.data_dir
    documents_dir = documents_dir or config.documents_dir
    catalogue = load_catalogue(data_dir)
    curated = found = candidates = matching = 0
    grouped = curated_by_document(data_dir)
    for document, figures in grouped.items():
        text = (documents_dir / document).read_text(encoding="utf-8", errors="replace")
        rows = extract(text, catalogue)
        curated += len(figures)
        found += sum(any(matches(row, figure, range_by_value=True) for row in rows) for figure in figures)
        candidates += len(rows)
        matching += sum(any(matches(row, figure) for figure in figures) for row in rows)
    return CheckResult(curated, found, candidates, matching, time.perf_counter() - started, sorted(grouped))


# --------------------------------------------------------------------------- command line


def _print_check(result: CheckResult) -> None:
    print(f"documents: {', '.join(result.documents)}")
    print(f"recall:    {result.recall:.3f} ({result.found}/{result.curated} curated figures found)")
    print(f"precision: {result.precision:.3f} ({result.matching}/{result.candidates} candidates match)")
    print(f"candidates: {result.candidates}")
    print(f"time:      {result.seconds:.2f} s")
    targets = f"targets: recall >= {RECALL_TARGET:.2f}, precision >= {PRECISION_TARGET:.2f}"
    print(f"{'PASS' if result.passed else 'FAIL'} ({targets})")


def main(args) -> int:
    """``tip-stats extract``: candidates for one document, or ``--check`` against the curated seeds."""
    if args.check:
        documents_dir = settings().documents_dir
        if not documents_dir.is_dir():
            print(f"Error: the documents folder {documents_dir} does not exist", file=sys.stderr)
            return 2
        result = run_check(documents_dir=documents_dir)
        _print_check(result)
        return 0 if result.passed else 1
    if not args.document:
        print("Error: name a document to read, or use --check", file=sys.stderr)
        return 2
    text = Path(args.document).read_text(encoding="utf-8", errors="replace")
    rows = extract(text, load_catalogue(), args.source_id or "")
    if args.out:
        with Path(args.out).open("w", encoding="utf-8", newline="") as handle:
            write_candidates(rows, handle)
        print(f"Wrote {len(rows)} candidate figures to {args.out}")
    else:
        buffer = io.StringIO()
        write_candidates(rows, buffer)
        sys.stdout.write(buffer.getvalue())
    return 0
