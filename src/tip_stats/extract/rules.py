"""Which catalogue indicator a number belongs to, and the qualifier the words before it give it.

Rules are rows of ``extract_rules.csv``: keywords that must all be in the sentence, the kinds of
quantity the indicator holds, and words that, near the number, rule it out ("adult beggars").
Keywords near the number weigh more than keywords across a clause break; a count of cases only
matches indicators counted in cases, a count of people only those counted in persons.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tip_stats.extract.measures import Measure
from tip_stats.extract.resources import Resources, Rule
from tip_stats.numbers import PLURAL_SCALE_RE

QUALIFIER_PATTERNS = [
    ("as little as", re.compile(r"\bas\s+(?:little|young)\s+as\s*$", re.IGNORECASE)),  # the lowest price or age
    ("at least", re.compile(r"\bat\s+least\s*$", re.IGNORECASE)),
    ("up to", re.compile(r"\bup\s+to\s*$", re.IGNORECASE)),
    ("more than", re.compile(r"\b(?:more\s+than|over|in\s+excess\s+of)\s*$", re.IGNORECASE)),
    ("nearly", re.compile(r"\b(?:nearly|almost|close\s+to|near)\s*$", re.IGNORECASE)),
    ("about", re.compile(r"\b(?:about|around|approximately|roughly|some)\s*$", re.IGNORECASE)),
    ("estimate", re.compile(r"\bestimated?\b[^.;]{0,20}$|\best\.\)", re.IGNORECASE)),
]
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:while|whereas|but)\b|,\s+(?:and|or)\b", re.IGNORECASE)
LOWER_BOUNDS = {"at least", "more than"}
RULE_TOLERANCE = 0.05
EXCLUDE_WINDOW = 25  # characters either side of the number where an exclusion word rules a rule out


def qualifier_for(sentence: str, start: int, end: int) -> str:
    """The qualifier the words just before the number give it ("(2005 est.)" just after); "exact" when none do.

    An amount given only in words ("hundreds of thousands") is recorded as its smallest amount, so it is a
    lower bound whatever the words before it say, unless they already make it one ("more than millions").
    """
    before = sentence[max(0, start - 40) : start]
    found = next((name for name, pattern in QUALIFIER_PATTERNS if pattern.search(before)), None)
    if PLURAL_SCALE_RE.fullmatch(sentence[start:end]):
        return found if found in LOWER_BOUNDS else "at least"
    if found:
        return found
    return "estimate" if re.match(r"[^.;()]{0,30}\((?:19|20)\d{2}\s+est\.\)", sentence[end : end + 50]) else "exact"


def _keyword_weight(sentence: str, keyword: re.Match, anchor: tuple[int, int]) -> float:
    """Near keywords weigh more; a keyword across a clause break ("..., while only ten percent") half as much."""
    distance = max(0, keyword.start() - anchor[1], anchor[0] - keyword.end())
    between = sentence[min(keyword.end(), anchor[1]) : max(keyword.start(), anchor[0])]
    weight = 1 - min(distance, 200) / 400
    return weight * (0.5 if _CLAUSE_BREAK.search(between) else 1.0)


@lru_cache(maxsize=4096)
def _matches(pattern: re.Pattern, sentence: str) -> tuple[re.Match, ...]:
    """A keyword's matches in a sentence, found once for all the numbers of that sentence."""
    return tuple(pattern.finditer(sentence))


def _rule_score(sentence: str, rule: Rule, anchor: tuple[int, int]) -> tuple[float, str]:
    """The weakest of the rule's keywords (all must be present) and the keywords found."""
    score, words = 1.0, []
    for pattern in rule.keywords:
        found = _matches(pattern, sentence)
        if not found:
            return 0.0, ""
        weighted = [(_keyword_weight(sentence, m, anchor), m.group(0)) for m in found]
        weight, word = max(weighted, default=(0.0, ""))
        score, words = min(score, weight), words + [word]
    return score, ", ".join(words)


def _applies(rule: Rule, sentence: str, measure: Measure) -> bool:
    """The rule holds this kind of quantity, counts the same thing (persons or cases) and is not excluded."""
    if measure.kind not in rule.kinds:
        return False
    if measure.kind == "count" and measure.noun_unit and rule.unit != measure.noun_unit:
        return False
    if rule.exclude is None:
        return True
    return not rule.exclude.search(sentence, max(0, measure.start - EXCLUDE_WINDOW), measure.end + EXCLUDE_WINDOW)


@lru_cache(maxsize=4096)
def indicator_for(sentence: str, measure: Measure, resources: Resources) -> tuple[str | None, float, str]:
    """(indicator, score, keywords): the catalogue indicator whose keywords sit closest to the number."""
    scored = []
    for rule in resources.rules:
        if _applies(rule, sentence, measure):
            score, words = _rule_score(sentence, rule, measure.anchor)
            if score > 0:
                scored.append((rule.indicator, score * rule.weight, words))
    if not scored:
        return None, 0.0, ""
    best = max(score for _, score, _ in scored)
    return next(item for item in scored if item[1] >= best - RULE_TOLERANCE)


def sibling_indicator(indicator: str, measure: Measure, resources: Resources) -> str:
    """The indicator of the same family counted in the measure's unit: prosecutions_cases -> prosecutions_defendants."""
    family = indicator.split("_")[0]
    if not measure.noun_unit or resources.indicator_units.get(indicator) == measure.noun_unit:
        return indicator
    siblings = [
        c for c, unit in resources.indicator_units.items() if c.startswith(family) and unit == measure.noun_unit
    ]
    return siblings[0] if siblings else indicator


def unit_for(measure: Measure, indicator: str, resources: Resources) -> str:
    """The indicator's unit; money keeps the currency the text wrote (figures are never converted)."""
    unit = resources.indicator_units[indicator]
    return (measure.currency or "USD") if unit == "currency" else unit
