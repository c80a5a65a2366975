"""Find the numbers a sentence states, the way a careful reader would.

The validator uses this to prove that a curated value really is in its quote, and the extractor
uses it to propose candidate figures. Both need the same reading of "120.000" (a European
thousands separator), "$2,300", "40%", "3 thousand", "three" or "six months", and of amounts
given only in words ("hundreds of thousands", "millions of euros"), which stand for their smallest amount.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "usd": "USD", "eur": "EUR", "gbp": "GBP"}

_WORD_NUMBER = (
    r"(?:(?P<tens>" + "|".join(TENS) + r")(?:[- ](?P<tens_unit>" + "|".join(list(UNITS)[1:10]) + r"))?"
    r"|(?P<unit>" + "|".join(UNITS) + r"))"
)
_DIGITS = r"(?P<digits>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_CURRENCY = r"(?:(?P<currency>[$€£]|\b(?:USD|EUR|GBP)\b)\s?)?"
_SCALE = r"(?:\s+(?P<scale>hundred|thousand|million|billion)\b)?"
_SUFFIX = r"(?:\s*(?P<suffix>%|percent\b|per cent\b|months?\b|years?\b))?"

NUMBER_RE = re.compile(
    _CURRENCY + r"(?:" + _DIGITS + r"|\b" + _WORD_NUMBER + r"\b)" + _SCALE + _SUFFIX,
    re.IGNORECASE | re.ASCII,
)
FRACTION_RE = re.compile(r"\b(?P<fraction>" + "|".join(FRACTIONS) + r")\b", re.IGNORECASE | re.ASCII)
# "did not convict any"; ASCII matching everywhere here, so a look-alike letter ("sıx") never reads as a number
ZERO_RE = re.compile(r"\b(?:no|none|zero|nil|not\b[^.;]{0,40}?\bany)\b", re.IGNORECASE | re.ASCII)
# "hundreds of thousands", "tens of thousands", "millions": a plural scale word, optionally multiplied
PLURAL_SCALE_RE = re.compile(
    r"\b(?:(?P<multiplier>tens|hundreds)\s+of\s+)?(?P<scale>hundreds|thousands|millions|billions)\b",
    re.IGNORECASE | re.ASCII,
)
TIER_RE = re.compile(r"\btier\s*(?P<tier>1|2|3|one|two|three)\b(?P<watch>\s*watch\s*list)?", re.IGNORECASE | re.ASCII)


@dataclass(frozen=True)
class NumberMention:
    """One number as written in a text, with what the words around it say about its unit."""

    value: float
    start: int
    end: int
    text: str
    unit_hint: str | None = None  # "percent", "months", "years", "tier", "fraction" or a currency code


def parse_digits(raw: str) -> float:
    """Read '120.000' and '1,400' as thousands, '1.7' and '0,5' as decimals."""
    separators = [ch for ch in raw if ch in ".,"]
    if not separators:
        return float(raw)
    groups = re.split(r"[.,]", raw)
    if len(set(separators)) == 1:
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            return float("".join(groups))
        return float(raw.replace(",", "."))
    decimal_mark = raw[max(raw.rfind("."), raw.rfind(","))]
    thousands_mark = "," if decimal_mark == "." else "."
    return float(raw.replace(thousands_mark, "").replace(decimal_mark, "."))


def _digits_value(raw: str) -> float | None:
    """``parse_digits``, or None for digits whose marks contradict each other ("1.000,000.5", "12.345.6").

    No careful reader takes such a string as one number, and one odd reference in a quote must not
    stop the validator or the extractor reading the rest of it.
    """
    try:
        return parse_digits(raw)
    except ValueError:
        return None


def _word_value(match: re.Match) -> float:
    if match["unit"]:
        return float(UNITS[match["unit"].lower()])
    value = TENS[match["tens"].lower()]
    if match["tens_unit"]:
        value += UNITS[match["tens_unit"].lower()]
    return float(value)


def _unit_hint(match: re.Match) -> str | None:
    if match["currency"]:
        return CURRENCY_SYMBOLS[match["currency"].lower()]
    suffix = (match["suffix"] or "").lower()
    if suffix in {"%", "percent", "per cent"}:
        return "percent"
    if suffix.startswith("month"):
        return "months"
    if suffix.startswith("year"):
        return "years"
    return None


def _follows_a_number(text: str, start: int, mentions: list[NumberMention]) -> bool:
    """True when only spaces separate ``start`` from the end of an earlier number ("1.7 millions")."""
    return any(m.end <= start and not text[m.end : start].strip() for m in mentions)


def _plural_scale_mentions(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """Amounts given only in words, read as the smallest amount the words can mean.

    Sources write "hundreds of thousands of people" or "profits reaching millions of euros" when
    they have no exact number. A curator records such an amount as a lower bound ("at least"), so
    the reader must know that "hundreds of thousands" stands for 100,000 and "millions" for
    1,000,000. A plural scale word right after a number ("1.7 millions") belongs to that number and
    is left alone.
    """
    found = []
    for match in PLURAL_SCALE_RE.finditer(text):
        if _follows_a_number(text, match.start(), mentions):
            continue
        value = float(SCALES[match["scale"].lower().removesuffix("s")])
        if match["multiplier"]:
            value *= 10 if match["multiplier"].lower() == "tens" else 100
        found.append(NumberMention(value, match.start(), match.end(), match.group(0)))
    return found


@lru_cache(maxsize=65_536)
def find_numbers(text: str) -> tuple[NumberMention, ...]:
    """Every number stated in ``text``, in reading order."""
    mentions: list[NumberMention] = []
    for match in NUMBER_RE.finditer(text):
        value = _digits_value(match["digits"]) if match["digits"] else _word_value(match)
        if value is None:
            continue
        if match["scale"]:
            value *= SCALES[match["scale"].lower()]
        mentions.append(NumberMention(value, match.start(), match.end(), match.group(0), _unit_hint(match)))
    mentions += _plural_scale_mentions(text, mentions)
    for match in FRACTION_RE.finditer(text):
        mentions.append(
            NumberMention(FRACTIONS[match["fraction"].lower()], match.start(), match.end(), match.group(0), "fraction")
        )
    for match in TIER_RE.finditer(text):
        tier = match["tier"].lower()
        value = float({"one": 1, "two": 2, "three": 3}.get(tier, tier or 0))
        if match["watch"]:
            value += 0.5
        mentions.append(NumberMention(value, match.start(), match.end(), match.group(0), "tier"))
    return tuple(sorted(mentions, key=lambda m: m.start))


def readings(mention: NumberMention, unit: str) -> set[float]:
    """The values a mention can stand for when the figure is measured in ``unit``."""
    if unit == "tier" or mention.unit_hint == "tier":
        return {mention.value} if unit == mention.unit_hint == "tier" else set()
    if mention.unit_hint == "fraction":
        return {mention.value * 100} if unit == "percent" else {mention.value}
    if mention.unit_hint == "months" and unit == "years":
        return {mention.value / 12, mention.value}
    return {mention.value}


def _integer_written_plainly(value: float, text: str) -> bool:
    """Fast path for the common case: the integer appears as digits, not inside a longer number."""
    if not float(value).is_integer():
        return False
    digits, start = str(int(value)), 0
    while (at := text.find(digits, start)) >= 0:
        end = at + len(digits)
        before = text[at - 1] if at else " "
        after = text[end : end + 2]
        if (
            not before.isdigit()
            and before not in ".,"
            and not (after[:1].isdigit() or (after[:1] in ".," and after[1:2].isdigit()))
        ):
            return True
        start = at + 1
    return False


def value_in_text(value: float, unit: str, text: str) -> bool:
    """True when ``text`` states ``value`` (in ``unit``) in any of the ways ``find_numbers`` reads."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or not isinstance(text, str):
        return False
    if value == 0 and unit != "tier" and ZERO_RE.search(text):
        return True
    if unit != "tier" and _integer_written_plainly(value, text):
        return True
    for mention in find_numbers(text):
        if any(math.isclose(value, reading, rel_tol=1e-9, abs_tol=1e-9) for reading in readings(mention, unit)):
            return True
    return False
