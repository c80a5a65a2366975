"""Paragraphs, sentences and table rows, as offsets into the document.

Reports reach us as PDF exports with hard line wraps, cables typed in capitals, and web pages whose
tables come out one cell per line. This module undoes the wraps, rejoins a table's label with the
value printed under it ("GDP - per capita (PPP):" / "$4,400 (2005 est.)"), and cuts sentences
without being fooled by "U.S." or "Art.". Everything is an offset, so quotes stay verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tip_stats.extract import dates, places
from tip_stats.extract.masking import mask_noise
from tip_stats.extract.places import looks_like_title
from tip_stats.extract.resources import Resources

_FUNCTION_WORDS = {"the", "of", "a", "an", "and", "or", "in", "to", "for", "with", "by", "from", "on", "at", "as"}
_FUNCTION_WORDS |= {"were", "was", "are", "is", "there", "these", "whom", "which", "than", "about", "some"}
_ENUMERATION_START = re.compile(r"^(?:\(?\d{1,2}[.)]|[-•*]\s)")
_ABBREVIATION = re.compile(
    r"art|no|nos|mr|mrs|ms|dr|st|vs|prof|dept|gen|inc|ltd|co|jr|sr|fig|vol|pp|approx|cf|est", re.I
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?:\d{1,3}(?=\s))?\s+(?=[\"“‘'(\[]?[A-Z0-9])")
# A table value printed under its label: "6.0 (54,045)", "$4,400 for Serbia (2005 est.)", "2009: 45%".
_VALUE_LINE = re.compile(r"^(?:(?:19|20)\d{2}:\s*)?[$€£]?\s?\d[\d.,]*\s*(?:%|[A-Za-z(])?")
_BARE_VALUE = re.compile(r"^(?:(?:19|20)\d{2}:\s*)?[$€£]?\s?\d[\d.,]*\s*%?(?:\s*\([^)]*\))*$")
_MAX_LABEL, _MAX_VALUE = 120, 160
# A label and its values on one line: "Unemployment Rate: 20.1% (2013)", "Working (% and population) 17.3".
_ONE_LINE_ROW = re.compile(r"^[^.\d\n]{3,80}?(?::|\(%[^)]*\)|\([^)]*%\))[^\n]*\d[^\n]*$")


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` carries on the sentence of ``previous``: a hard wrap, not a new paragraph."""
    if line.startswith("[") or _ENUMERATION_START.match(line):
        return False
    if previous.endswith((".", "!", "?", ":", ";", '"', "”", ")", "]")):
        return False
    last_word = previous.rsplit(None, 1)[-1].lower() if previous.split() else ""
    if _in_capitals(previous) and _in_capitals(line):  # a cable typed in capitals and wrapped at 70 columns
        return True
    return line[0].islower() or previous.endswith((",", "-", "–")) or last_word in _FUNCTION_WORDS


def _in_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 12 and all(ch.isupper() for ch in letters)


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


def _is_row(label: str, value: str) -> bool:
    """A table label and its value: the label ends in a colon or names a percentage, or the value is bare."""
    if len(label) > _MAX_LABEL or label.endswith((".", "!", "?", ";")) or _VALUE_LINE.match(label):
        return False
    if len(value) > _MAX_VALUE or not _VALUE_LINE.match(value):
        return False
    return label.endswith(":") or "%" in label or bool(_BARE_VALUE.match(value))


def join_rows(text: str, masked: str, blocks: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], set[int]]:
    """Rejoin each table label with the value lines under it; returns the blocks and which of them are rows.

    Lines the mask blanked entirely (an age column such as "5 to 14") are skipped between label and value.
    """
    joined: list[tuple[int, int]] = []
    rows: set[int] = set()
    index = 0
    while index < len(blocks):
        start, end = blocks[index]
        following = index + 1
        while following < len(blocks) and not masked[slice(*blocks[following])].strip():
            following += 1
        value = text[slice(*blocks[following])] if following < len(blocks) else ""
        if value and _is_row(text[start:end], value):
            joined.append((start, blocks[following][1]))
            rows.add(len(joined) - 1)
            index = following + 1
            continue
        joined.append((start, end))
        index += 1
    return joined, rows


def _is_abbreviation(text: str, period: int) -> bool:
    word = re.search(r"(\w+)$", text[max(0, period - 20) : period])
    return word is not None and (len(word.group(1)) == 1 or bool(_ABBREVIATION.fullmatch(word.group(1))))


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


@dataclass
class Layout:
    """A document cut into paragraphs and sentences, with what each says about place and date."""

    text: str
    masked: str
    blocks: list[tuple[int, int]]
    rows: set[int]  # blocks that are table rows or label lines
    sentences: list[tuple[int, int, int]]  # start, end, block index
    block_sentences: list[list[int]]
    countries: list[list[places.CountryMention]]  # per sentence
    dates: list[int | None]  # per block: the year of a byline or date line
    headings: list[bool]  # per block: a one-line title

    def sentence_text(self, index: int, masked: bool = True) -> str:
        start, end, _ = self.sentences[index]
        return (self.masked if masked else self.text)[start:end]


def read_layout(text: str, resources: Resources) -> Layout:
    """Cut the text once; every candidate then looks up its context here instead of rescanning."""
    masked = mask_noise(text)
    blocks, rows = join_rows(text, masked, split_blocks(text))
    rows |= {index for index, (s, e) in enumerate(blocks) if _ONE_LINE_ROW.match(text[s:e]) and text[e - 1] != "."}
    sentences: list[tuple[int, int, int]] = []
    block_sentences: list[list[int]] = []
    for index, (start, end) in enumerate(blocks):
        block_sentences.append([])
        pieces = [(start, end)] if index in rows else split_sentences(text, start, end)
        for s, e in pieces:
            block_sentences[-1].append(len(sentences))
            sentences.append((s, e, index))
    countries = [places.find_countries(masked, s, e, resources) for s, e, _ in sentences]
    block_dates = [dates.date_line_year(text[s:e], resources) for s, e in blocks]
    headings = [
        date is None and index not in rows and looks_like_title(text[s:e])
        for index, ((s, e), date) in enumerate(zip(blocks, block_dates, strict=True))
    ]
    return Layout(text, masked, blocks, rows, sentences, block_sentences, countries, block_dates, headings)
