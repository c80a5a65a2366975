"""Reading one number: its value, its unit, and the noun it counts.

``tip_stats.numbers`` reads digits and number words the way the validator does. Reports also
state figures as fractions ("one-half", "three-fourths", "half the size"), as zeros in words ("did
not identify any victims"), as ages ("as young as three", "a 14-year-old girl"), as amounts in
words ("hundreds of thousands of people", "millions of euros") and as counts whose noun sits several
words away ("21 child trafficking victims", "27 of the victims"). This module adds those readings
and decides what each number counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tip_stats.extract.resources import Resources
from tip_stats.numbers import PLURAL_SCALE_RE, TENS, UNITS, NumberMention, find_numbers
from tip_stats.vocabulary import CURRENCY_SIGNS

_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4}
_DENOMINATORS |= {"fourths": 4, "fifth": 5, "fifths": 5}
_FRACTION = re.compile(
    r"\b(?P<num>one|two|three|four|a)[- ](?P<den>" + "|".join(_DENOMINATORS) + r")\b(?![- ](?:years?|months?))",
    re.IGNORECASE,
)
_AND_A_HALF = re.compile(r"\b(?P<num>[a-z]+|\d+)[- ]and[- ]a[- ]half[- ](?P<unit>years?|months?)\b", re.IGNORECASE)
_ZERO = re.compile(
    r"\b(?P<word>no|not\s+(?:\w+\s+){0,3}?any|none\s+of\s+the)\s+(?P<rest>(?:[\w-]+\s+){0,3}[\w-]+)", re.I
)
_AGE_NUMBER = r"(?P<n>\d{1,2}|" + "|".join([*UNITS, "twenty"]) + r")"
_AGE_UNIT = r"(?P<unit>years?|(?<=\s)months?)"  # "six-month-old" is not read: the validator reads no "-month"
# "some as young as three", "as young as 11 years old", "a 14-year-old girl", "one of them 16 years old"
_AGES = [
    re.compile(rf"\bas\s+young\s+as\s+{_AGE_NUMBER}(?:[\s-]+{_AGE_UNIT}(?:[\s-]+old)?)?\b", re.IGNORECASE),
    re.compile(rf"\b{_AGE_NUMBER}[\s-]+{_AGE_UNIT}[\s-]+old\b", re.IGNORECASE),
]
AGE = "age"  # the unit hint of an age, already in years
_ZERO_STOP = {"of", "in", "for", "from", "to", "with", "on", "at", "by", "longer", "more", "less", "one"}
_PHRASE_STOP = re.compile(r"[,.;:()\[\]\"“”]")
_FUNCTION = {
    "a",
    "an",
    "the",
    "of",
    "in",
    "for",
    "from",
    "to",
    "with",
    "on",
    "at",
    "by",
    "as",
    "and",
    "or",
    "who",
    "that",
    "which",
}
_FUNCTION |= {"were", "was", "is", "are", "had", "have", "has", "compared", "than", "while", "but", "during"}
_FUNCTION |= {"into", "onto", "through", "abroad", "under", "being", "between", "after", "before", "per", "each"}
_FUNCTION |= {"against", "related", "involving"}
_COPULA = {"were", "was", "is", "are"}
_DETERMINERS = {"the", "these", "those", "them", "all", "whom"}
_DEMONYM_NOUN = re.compile(r"[A-Z][a-z]+(?:ians|ans|ese|ns)")
_TONNES = re.compile(r"^\s*(?:metric\s+)?(?:tonnes?|tons?)\b", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"^\s*(?:US\s+)?(?P<word>[a-z]+?)s?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Words:
    """The word lists the readings need, as sets for quick lookup."""

    count_nouns: dict[str, str]  # noun -> persons or cases
    modifiers: frozenset[str]
    currencies: dict[str, str]


@lru_cache(maxsize=8)
def words_of(resources: Resources) -> Words:
    return Words(
        {w.lower(): unit for w, unit in resources.word_list("count_noun").items()},
        frozenset(w.lower() for w in resources.word_list("modifier")),
        {w.lower(): code for w, code in resources.word_list("currency_word").items()},
    )


def _word_number(word: str) -> float | None:
    word = word.lower()
    if word.isdigit():
        return float(word)
    if word in UNITS or word in TENS:
        return float(UNITS[word] if word in UNITS else TENS[word])
    return 1.0 if word == "a" else None


def _age_mentions(sentence: str) -> list[NumberMention]:
    """Ages, in years ("a six-month-old baby" is 0.5): the span is the number itself, so quotes still prove it."""
    found: list[NumberMention] = []
    for pattern in _AGES:
        for match in pattern.finditer(sentence):
            if any(m.start <= match.start("n") < m.end for m in found):
                continue
            value = _word_number(match["n"])
            assert value is not None, "the age patterns match only digits and number words"
            months = (match["unit"] or "").lower().startswith("month")
            found.append(NumberMention(value / 12 if months else value, *match.span("n"), match["n"], AGE))
    return found


def extra_mentions(sentence: str, words: Words) -> list[NumberMention]:
    """Fractions in words, "three-and-a-half-year" terms, ages and zeros in words, which the shared reader
    leaves out or reads without their unit."""
    found = _age_mentions(sentence)
    for match in _FRACTION.finditer(sentence):
        numerator = _word_number(match["num"])
        assert numerator is not None, "the fraction pattern matches only one to four and 'a'"
        value = numerator / _DENOMINATORS[match["den"].lower()]
        found.append(NumberMention(value, match.start(), match.end(), match.group(0), "fraction"))
    for match in _AND_A_HALF.finditer(sentence):
        if (whole := _word_number(match["num"])) is not None:
            unit = "months" if match["unit"].lower().startswith("month") else "years"
            found.append(NumberMention(whole + 0.5, match.start(), match.end(), match.group(0), unit))
    for match in _ZERO.finditer(sentence):
        noun = _zero_noun(match["rest"], words)
        if noun:
            found.append(NumberMention(0.0, match.start(), match.start("rest"), match.group("word"), None))
    return found


def _zero_noun(rest: str, words: Words) -> str:
    """The counted noun right after "no" or "not ... any", or "" when the zero counts nothing."""
    for word in rest.split():
        bare = word.lower().strip("'’")
        if bare in words.count_nouns:
            return bare
        if bare in _ZERO_STOP or bare in _FUNCTION:
            return ""
    return ""


def mentions_in(sentence: str, words: Words) -> list[NumberMention]:
    """Every number in the sentence; a fraction or zero read here replaces the shared reader's pieces of it."""
    extra = extra_mentions(sentence, words)
    plain = [m for m in find_numbers(sentence) if not any(e.start <= m.start < e.end for e in extra)]
    tiers = [m for m in plain if m.unit_hint == "tier"]
    plain = [m for m in plain if m in tiers or not any(t.start <= m.start < t.end for t in tiers)]
    if extra:
        plain = [m for m in plain if not (m.unit_hint == "fraction" and any(e.end == m.end for e in extra))]
    return sorted(plain + extra, key=lambda m: m.start)


def counted_noun(after: str, words: Words) -> str:
    """The noun a number counts ("21 child trafficking victims" -> "victims", "27 of the victims" -> "victims").

    The head of the noun phrase decides: "32 child labor violations" counts violations, so nothing we count.
    """
    phrase = _PHRASE_STOP.split(after, maxsplit=1)[0].split()[:7]
    if len(phrase) >= 2 and phrase[0].lower() == "of" and phrase[1].lower() in _DETERMINERS:
        phrase = phrase[2:]
    elif phrase and phrase[0].lower() in _COPULA:
        phrase = phrase[1:]
    if len(phrase) >= 3 and phrase[0].lower() == "cases" and phrase[1].lower() == "of":
        person = phrase[2].strip("'’,.;:)").lower()  # "116 cases of minors" counts minors
        crime = len(phrase) > 3 and phrase[3].lower().startswith(("traf", "smug"))  # "cases of people trafficking"
        if words.count_nouns.get(person) == "persons" and not crime:
            return person
    head = ""
    for word in phrase:
        bare = word.strip("'’").lower()
        if bare in _FUNCTION:
            break
        if bare in words.count_nouns or _DEMONYM_NOUN.fullmatch(word.strip("'’")):
            head = bare
        elif _plural_noun(bare, words) and not word[:1].isupper():
            return ""  # the phrase's head counts something else: "32 child labor violations"
    return head


def _plural_noun(word: str, words: Words) -> bool:
    return (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in words.modifiers
    )


def noun_unit(noun: str, words: Words) -> str:
    """Whether a counted noun counts persons or cases (demonyms count persons)."""
    return words.count_nouns.get(noun, "persons")


def in_words(mention: NumberMention) -> bool:
    """An amount given only in words ("hundreds of thousands"): it stands for its smallest amount, a lower bound."""
    return bool(PLURAL_SCALE_RE.fullmatch(mention.text))


def unit_of(sentence: str, mention: NumberMention, words: Words) -> tuple[str | None, str, float]:
    """(kind, currency, value factor) from the number's own suffix or the words right after it."""
    hint = mention.unit_hint
    fixed = {"percent": ("percent", "", 1.0), "tier": ("tier", "", 1.0), "fraction": ("percent", "", 100.0)}
    fixed[AGE] = ("age", "", 1.0)
    if hint in fixed:
        return fixed[hint]
    if hint in set(CURRENCY_SIGNS.values()):
        return "currency", hint, 1.0
    if hint in {"months", "years"}:
        return "years", "", 1 / 12 if hint == "months" else 1.0
    after = sentence[mention.end : mention.end + 60]
    if in_words(mention):  # "millions of euros", "hundreds of thousands of people"
        after = re.sub(r"^\s*of\b", "", after, flags=re.IGNORECASE)
    if _TONNES.match(after):
        return "tonnes", "", 1.0
    money = _CURRENCY_AFTER.match(after)
    if money and money["word"].lower() in words.currencies:
        return "currency", words.currencies[money["word"].lower()], 1.0
    return ("count", "", 1.0) if counted_noun(after, words) or mention.value == 0 else (None, "", 1.0)
