"""What part of a total a listed number is: by sex, age, exploitation, nationality or referrer.

"Of these, 29 were victims of sex trafficking, seven of forced labor" splits a total by form of
exploitation; "60 females and 2 males" by sex; "Macedonia (4)" and "13 from Kosovo" by
nationality; "the government referred 81" by referrer; "extension for another three months" is an
extension of the term stated before it. The words come from
``extract_words.csv``, so a curator can add a form of exploitation without touching code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tip_stats.extract.resources import Resources

_FROM = re.compile(r"^\W*(?:\w+\s+){0,3}?from\s+(?:the\s+)?([A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*)")
_DEMONYM = re.compile(r"^\s*([A-Z][a-z]+)\s+(?:citizens|nationals)\b")
_EXTENSION = re.compile(
    r"\b(?:exten[ds]\w*|renew\w*|prolong\w*)\b[^.;]{0,40}?\b(?:another|a\s+further|an\s+additional|by)\s+$", re.I
)
_REFERRER = re.compile(r"(?:^|[,;]\s*(?:and\s+)?)([^,;]{3,60}?)\s+referred\s*$", re.IGNORECASE)


def is_extension(sentence: str, start: int) -> bool:
    """ "can last up to three months, with ... extension for another three months": the extra time is a row of its
    own (breakdown "extension"), not the first term stated twice."""
    return bool(_EXTENSION.search(sentence[max(0, start - 80) : start]))


@lru_cache(maxsize=8)
def _lists(resources: Resources) -> tuple[dict[str, str], dict[str, str], list[tuple[re.Pattern, str]]]:
    sexes = {w.lower(): v for w, v in resources.word_list("sex").items()}
    ages = {w.lower(): v for w, v in resources.word_list("age").items()}
    forms = [(re.compile(p, re.IGNORECASE), label) for p, label in resources.word_list("exploitation").items()]
    return sexes, ages, forms


def breakdown_for(resources: Resources):
    """A ``breakdown_of`` function for ``measures``, reading the word lists of ``resources``."""
    sexes, ages, forms = _lists(resources)

    def breakdown_of(sentence: str, start: int, end: int, noun: str, listed: str, next_start: int | None):
        if listed:
            return "nationality", " ".join(listed.split())
        after = sentence[end : next_start if next_start else len(sentence)]
        after = re.split(r"[;(]", after, maxsplit=1)[0]
        people = re.match(r"\s*([A-Z][a-z]+)\b", after)
        if people and people.group(1).lower() == noun:  # "five Serbs": the counted people are a nationality
            return "nationality", people.group(1)
        if nationality := _FROM.match(after) or _DEMONYM.match(after):
            return "nationality", " ".join(nationality.group(1).split())
        for word in [noun, *re.findall(r"[a-z]+", after.lower())[:6]]:
            if word in sexes:
                return "sex", sexes[word]
            if word in ages:
                return "age_group", ages[word]
        for pattern, label in forms:
            if pattern.search(after):
                return "exploitation", label
        if referrer := _REFERRER.search(sentence[:start]):
            return "referrer", referrer.group(1).strip()
        return "other", " ".join(after.split()[:6])

    return breakdown_of
