"""Quantities in a sentence: ranges merged, enumerations tied to the total they split.

Reports list breakdowns without repeating the noun: "34 were victims of sex trafficking, 18 of
forced labor, four of forced begging", "the government referred 81, social welfare referred 42",
"Other victims came from Macedonia (4), Ukraine (3)". Each listed number counts what the leading
count counts and becomes a breakdown linked to it. A sentence that only continues the one before
("Of these, 19 were subjected to sex trafficking, two to forced labor") is marked to refer back,
so the candidate builder can give it the previous sentence's indicator and total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tip_stats.extract.readings import AGE, Words, counted_noun, mentions_in, noun_unit, unit_of
from tip_stats.numbers import NumberMention, find_numbers


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
    noun_unit: str = ""  # persons or cases, for counts
    head: int | None = None  # index (in the sentence's measures) of the total this one splits
    refers_back: bool = False  # splits a total stated in the sentence before
    peer: int | None = None  # index of the figure this one compares with ("49 victims (36 in 2015)")
    noun: str = ""  # the noun it counts
    change_to: int | None = None  # where the later value of a change starts ("rose from 10 to 56"): this one is older


_YEARLIKE = re.compile(r"(?:19|20)\d{2}")
_OTHER_YEAR_AFTER = re.compile(r"^\s+(?:[a-z]+\s+){0,4}?in\s+(?:19|20)\d{2}\b", re.IGNORECASE)
_ELLIPSIS_AFTER = re.compile(r"^\s+(?:in|at|from|for|of|to|as|who|were|was|is|are)\b", re.IGNORECASE)
_CLAUSE_END_AFTER = re.compile(r"^\s*(?:[,;.)]|and\b|$)", re.IGNORECASE)
_VERB_BEFORE = re.compile(r"\b[a-z]+ed\s+$")
_RANGE_AFTER = re.compile(r"^\s*(?:to|-|–|—)\s*(?:\d|[a-z]+\b)", re.IGNORECASE)
_DISTRIBUTIVE_ONE = re.compile(r"^[^.;]{0,40}\banother\b", re.IGNORECASE)
_ONE_OF_THE_MOST = re.compile(r"^\s+of\s+the\s+(?:most\s+|\w+est\b|best\b|worst\b|first\b|few\b|main\b)", re.I)
_N_OF_M = re.compile(r"^\s+of\s+(?:the\s+)?(\d[\d,.]*)?\s*\)?\s*(?:were|was|are|is|[,;.]|$)", re.IGNORECASE)
_QUALIFIED_FRACTION = re.compile(
    r"(?:over|more\s+than|nearly|almost|about|around|at\s+least|roughly|some|one|a)[\s-]+$", re.IGNORECASE
)
# "half of the victims", "a third were minors", "half the size it was in 1990"
_FRACTION_OF = re.compile(r"\s*(?:of\s|were|was)|\s+(?:the|its|their)\s+(?:size|level|value|volume)\b", re.IGNORECASE)
_SUBCOUNT_LINK = re.compile(
    r"\b(?:of\s+whom|of\s+them|of\s+these|of\s+which|including|among\s+them)\b|\(|[:;,]|--|—|–", re.IGNORECASE
)
_CONNECTOR = re.compile(r"\s*(?:to|-|–|—|and)\s*", re.IGNORECASE)
_CHANGE = re.compile(
    r"\b(?:rose|risen|rising|increased?|grew|grown|fell|fallen|dropped|declined?|decreased?|went\s+(?:up|down)"
    r"|jumped|climbed)\s+from\s*$",
    re.IGNORECASE,
)
_REFERS_BACK = re.compile(r"^\W*(?:of\s+(?:these|them|those|whom|the\s+total)|among\s+(?:them|these|those))\b", re.I)
_LEADER_COLON = re.compile(r"\b([A-Za-z]+)\s*:\s*$")
_LISTED = re.compile(r"([A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*)\s*\($")
_LABEL_PERCENT = re.compile(r"\(\s*%|%\s*\)|\(%")


@dataclass
class _Reading:
    mention: NumberMention
    kind: str | None
    currency: str
    factor: float
    noun: str = ""
    evidence: float = 1.0
    head: _Reading | None = None
    listed: str = ""  # the name a "(N)" count belongs to
    refers_back: bool = False
    peer: _Reading | None = None  # the same count in another year
    change_to: _Reading | None = None  # the later value, when this one is where a change started


def _usable(sentence: str, mention: NumberMention, words: Words) -> bool:
    """Drop readings that are context, not figures: years, idiomatic "one", bare fractions ("third country")."""
    after = sentence[mention.end : mention.end + 60]
    if mention.unit_hint == AGE:
        return True
    if mention.unit_hint is None and _YEARLIKE.fullmatch(mention.text):  # a year, unless it counts ("2000 victims")
        return bool(counted_noun(" ".join(after.split()[:1]), words))
    if mention.unit_hint == "fraction" and "-" not in mention.text and " " not in mention.text:
        before = sentence[max(0, mention.start - 15) : mention.start]
        return bool(_QUALIFIED_FRACTION.search(before) or _FRACTION_OF.match(after))
    if mention.text.lower() == "one":
        if _DISTRIBUTIVE_ONE.match(after) or _ONE_OF_THE_MOST.match(after):
            return False
        return bool(counted_noun(after, words) or _ELLIPSIS_AFTER.match(after) or _RANGE_AFTER.match(after))
    return True


def _readings(sentence: str, words: Words, row: bool) -> list[_Reading]:
    """Each usable number with its unit and counted noun."""
    readings = []
    for mention in mentions_in(sentence, words):
        if _usable(sentence, mention, words):
            kind, currency, factor = unit_of(sentence, mention, words)
            noun = counted_noun(sentence[mention.end : mention.end + 60], words) if kind == "count" else ""
            readings.append(_Reading(mention, kind, currency, factor, noun))
    _n_of_m(sentence, readings)
    if row:
        _label_units(sentence, readings)
    _listed_counts(sentence, readings)
    _fill_ellipses(sentence, readings, words)
    _link_subcounts(sentence, readings)
    return readings


def _n_of_m(sentence: str, readings: list[_Reading]) -> None:
    """ "(46 of 62) were Serbian": the first number is a part of the second, which was stated before."""
    for index, reading in enumerate(readings):
        of = _N_OF_M.match(sentence[reading.mention.end :])
        if reading.kind is not None or not of:
            continue
        reading.kind, reading.evidence, reading.refers_back = "count", 0.7, True
        following = readings[index + 1] if index + 1 < len(readings) else None
        if of.group(1) and following and following.mention.start == reading.mention.end + of.start(1):
            following.kind = None  # the total is only referred to here; do not propose it twice


def _label_units(sentence: str, readings: list[_Reading]) -> None:
    """A table row's label gives its bare values their unit: "(% and population)" is a share, then a count."""
    bare = [r for r in readings if r.kind is None]
    if not bare:
        return
    label = sentence[: bare[0].mention.start]
    if _LABEL_PERCENT.search(label):
        bare[0].kind, bare[0].evidence = "percent", 0.9
        following = bare[1] if len(bare) > 1 else None
        if following and "population" in label.lower() and sentence[following.mention.start - 1] == "(":
            following.kind, following.noun, following.evidence = "count", "population", 0.9
    elif re.search(r"per\s+capita|per\s+head|income|wages?|earnings", label, re.IGNORECASE):
        for reading in bare:
            reading.kind, reading.currency, reading.evidence = "currency", "USD", 0.8


def _listed_counts(sentence: str, readings: list[_Reading]) -> None:
    """ "came from Macedonia (4), Ukraine (3)": each parenthesised number counts the named item before it."""
    for reading in readings:
        name = _LISTED.search(sentence[: reading.mention.start])
        if reading.kind is None and name and sentence[reading.mention.end : reading.mention.end + 1] == ")":
            reading.kind, reading.listed, reading.evidence = "count", name.group(1), 0.9


def _leader_noun(sentence: str, readings: list[_Reading], words: Words) -> str:
    """The noun a list counts when the list follows a colon: "local victims: 13 from Kosovo, 1 from Albania"."""
    if not readings:
        return ""
    colon = _LEADER_COLON.search(sentence[: readings[0].mention.start])
    noun = colon.group(1).lower() if colon else ""
    return noun if noun in words.count_nouns else ""


def _continues_list(sentence: str, reading: _Reading) -> bool:
    """A bare number that lists another item of the same count: "seven of forced labor", "referred 42,"."""
    after = sentence[reading.mention.end :]
    before = sentence[: reading.mention.start]
    if _RANGE_AFTER.match(after) and find_numbers(after[:20]):  # "6 To 8 Years" is a range, not a list
        return False
    return bool(_ELLIPSIS_AFTER.match(after)) or (
        bool(_CLAUSE_END_AFTER.match(after)) and bool(_VERB_BEFORE.search(before))
    )


def _fill_ellipses(sentence: str, readings: list[_Reading], words: Words) -> None:
    """A bare number listed after a count counts the same; without a count it may continue the sentence before."""
    leader = next((r for r in readings if r.kind == "count" and not r.listed), None)
    colon_noun = _leader_noun(sentence, readings, words)
    listing = [r for r in readings if r.kind is None and _continues_list(sentence, r)]
    refers_back = bool(_REFERS_BACK.match(sentence)) or (len(listing) >= 2 and not leader and not colon_noun)
    for reading in listing:
        if leader and reading.mention.start > leader.mention.start:
            reading.kind, reading.evidence, reading.noun = "count", 0.8, leader.noun
            if _OTHER_YEAR_AFTER.match(sentence[reading.mention.end :]):
                reading.peer = leader
            elif not refers_back:
                reading.head = leader
        elif colon_noun:
            reading.kind, reading.evidence, reading.noun = "count", 0.8, colon_noun
        elif refers_back:
            reading.kind, reading.evidence = "count", 0.7
    for reading in readings:
        alone = reading.listed and not leader
        if reading.kind == "count" and reading.head is None and reading.peer is None and (refers_back or alone):
            reading.refers_back = True


def _link_subcounts(sentence: str, readings: list[_Reading]) -> None:
    """ "37 persons, of whom 25 were men": a smaller count introduced as part of a larger one."""
    counts = [r for r in readings if r.kind == "count"]
    for index, reading in enumerate(counts):
        if reading.head or reading.refers_back or reading.peer:
            continue
        for total in reversed(counts[:index]):
            between = sentence[total.mention.end : reading.mention.start]
            if between.rstrip().endswith("(") and _OTHER_YEAR_AFTER.match(sentence[reading.mention.end :]):
                reading.peer = total.head or total  # "six victims (nine victims in 2018)": another year
                break
            if total.mention.value > reading.mention.value and _SUBCOUNT_LINK.search(between) and ";" not in between:
                reading.head = total.head or total
                break


def _pair(sentence: str, first: _Reading, second: _Reading) -> str | None:
    """How two adjacent numbers relate: "range" (EUR 50 to 3,500), "change" (rose from 10 to 56) or None."""
    between = sentence[first.mention.end : second.mention.start]
    kinds = {first.kind, second.kind} - {None}
    if len(kinds) != 1 or not _CONNECTOR.fullmatch(between) or first.listed or second.listed:
        return None
    before = sentence[: first.mention.start]
    if "and" in between.lower() and not re.search(r"\bbetween\s*$", before, re.IGNORECASE):
        return None
    return "change" if _CHANGE.search(before) else "range"


def _share_unit(first: _Reading, second: _Reading) -> None:
    """A range writes its unit once ("10 To 12 Years", "EUR 50 to 3,500"); give it to both ends."""
    source, target = (second, first) if first.kind is None else (first, second)
    target.kind, target.currency = source.kind, target.currency or source.currency
    target.noun = target.noun or source.noun
    if target.mention.unit_hint is None:
        target.factor = source.factor


def measures(sentence: str, words: Words, row: bool = False, breakdown_of=None) -> list[Measure]:
    """Every quantity a (masked) sentence states, ranges merged into one measure.

    ``breakdown_of(sentence, start, end, noun, listed)`` names the breakdown of a part of a total.
    """
    readings, pairs, index = _readings(sentence, words, row), [], 0
    while index < len(readings):
        first = readings[index]
        second = readings[index + 1] if index + 1 < len(readings) else None
        relation = _pair(sentence, first, second) if second else None
        if relation:
            _share_unit(first, second)
        if relation == "change":
            first.change_to = second
        if relation == "range":
            pairs.append((first, second))
            index += 2
            continue
        if first.kind:
            pairs.append((first, None))
        index += 1
    firsts = [first for first, _ in pairs]
    return [_measure(sentence, first, second, words, firsts, breakdown_of) for first, second in pairs]


def _measure(sentence, first: _Reading, second: _Reading | None, words: Words, firsts, breakdown_of) -> Measure:
    value = first.mention.value * first.factor
    high = second.mention.value * second.factor if second else None
    end = second.mention.end if second else first.mention.end
    evidence = first.evidence * (0.9 if first.mention.text.lower() == "one" else 1.0)
    head = first.head if first.head in firsts else None
    peer = first.peer if first.peer in firsts else None
    anchor = (head.mention.start, head.mention.end) if head else (first.mention.start, end)
    part = head is not None or first.refers_back or bool(first.listed)
    breakdown = ("total", "")
    if part and breakdown_of:
        next_start = min((r.mention.start for r in firsts if r.mention.start > first.mention.start), default=None)
        breakdown = breakdown_of(sentence, first.mention.start, end, first.noun, first.listed, next_start)
    return Measure(
        value,
        high,
        first.kind,
        first.currency,
        first.mention.start,
        end,
        evidence,
        anchor,
        breakdown,
        noun_unit(first.noun, words) if first.kind == "count" else "",
        firsts.index(head) if head else None,
        first.refers_back and head is None,
        firsts.index(peer) if peer else None,
        first.noun,
        first.change_to.mention.start if first.change_to else None,
    )
