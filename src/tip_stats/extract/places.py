"""Which country a figure belongs to: the document's scope, unless a sentence clearly concerns another.

A State Department narrative on Kosovo mentions Albania, Serbia and Moldova as the origins of
victims; those are breakdowns of Kosovo's figures, not figures of Albania. So the country comes
from the document's scope (its title, headings, URL or cable subject) and a sentence overrides it
only when it places the figure elsewhere ("in Montenegro", "Serbian police"), not when it names
where people came from ("from Albania", "Albanian citizens", "Macedonia (4)"). Documents without
a scope (compiled news pages) fall back to the sentence, its paragraph and the paragraphs before.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from tip_stats.extract.resources import ADJECTIVE, PEOPLE, PLACE, Resources

if TYPE_CHECKING:
    from tip_stats.extract.layout import Layout

CONTEXT_BLOCKS = 12  # how many paragraphs back a country may still apply
ARTICLE_BLOCKS = 4  # how many paragraphs below a headline belong to its article
TITLE_BLOCKS = 3  # how many opening paragraphs may hold the title
_ORIGIN_BEFORE = re.compile(r"(\w+)?\s*\b(?:from|to)\s+(?:the\s+)?$", re.IGNORECASE)
_PEOPLE_BEFORE = re.compile(r"\b(?:citizens|nationals|natives|residents)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_PEOPLE_AFTER = re.compile(
    r"\s+(?:ethnicity|origin|descent|nationality|ethnic\s+origin|citizens?|nationals?|victims?|women|men|girls"
    r"|boys|children|workers)\b",
    re.IGNORECASE,
)
_LISTED_AFTER = re.compile(r"\s*\(\d{1,3}\)")
_SUBJECT_LINE = re.compile(r"(?m)^\s*SUBJECT:[^\n]*")


@dataclass(frozen=True)
class CountryMention:
    code: str
    start: int
    end: int
    strength: int
    institution: bool = False  # "Serbian police": an adjective that places the action, not the people
    region: bool = False  # "the Balkans": a country named as strongly in the same sentence is more precise


@lru_cache(maxsize=8)
def _lexicon(resources: Resources) -> tuple[re.Pattern, dict[str, tuple[str, int]]]:
    """One regex over every alias (longest first, so "Western Balkans" beats "Balkans") and its meaning."""
    lexicon: dict[str, tuple[str, int]] = {}
    for alias in resources.aliases:
        lexicon[alias.name if alias.case_sensitive else alias.name.lower()] = (alias.code, alias.strength)
    ordered = sorted(resources.aliases, key=lambda alias: (-len(alias.name), alias.name))
    pattern = "|".join(re.escape(a.name) if a.case_sensitive else f"(?i:{re.escape(a.name)})" for a in ordered)
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])"), lexicon


def _person_before(word: str | None, resources: Resources) -> bool:
    """ "minors from Albania": the place is where people came from, a breakdown, not where the figure belongs."""
    nouns = resources.word_list("count_noun")
    return bool(word) and nouns.get(word.lower()) == "persons"


def _institution_after(text: str, end: int, resources: Resources) -> bool:
    following = re.match(r"\s+(\w+)", text[end : end + 30])
    return bool(following) and following.group(1).lower() in resources.word_list("institution")


def find_countries(text: str, start: int, end: int, resources: Resources) -> list[CountryMention]:
    """Country mentions in text[start:end], each with how strongly it places a figure there.

    "from X" names an origin, weaker than a place; "X citizens" and "X (4)" describe people.
    """
    pattern, lexicon = _lexicon(resources)
    mentions: list[CountryMention] = []
    for match in pattern.finditer(text, start, end):
        name = match.group(0)
        code, strength = lexicon.get(name) or lexicon[name.lower()]
        if strength == PLACE and (
            origin := _ORIGIN_BEFORE.search(text[max(start, match.start() - 40) : match.start()])
        ):
            strength = PEOPLE if _person_before(origin.group(1), resources) else ADJECTIVE
        before = text[max(start, match.start() - 25) : match.start()]
        if (
            _PEOPLE_AFTER.match(text, match.end())
            or _LISTED_AFTER.match(text, match.end())
            or _PEOPLE_BEFORE.search(before)
        ):
            strength = PEOPLE
        institution = strength == ADJECTIVE and _institution_after(text, match.end(), resources)
        region = resources.catalogue.countries.get(code, {}).get("kind") == "region"
        mentions.append(CountryMention(code, match.start(), match.end(), strength, institution, region))
    return [m for m in _join_groups(text, mentions, resources.countries) if m.code in resources.countries]


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


def strongest(mentions: list[CountryMention], weakest: int = ADJECTIVE) -> str | None:
    """The first mention of the strongest kind present, ignoring kinds weaker than ``weakest``.

    A country beats a region named as strongly: "an open secret in the Balkans that rings run through
    Montenegro" places the figure in Montenegro.
    """
    usable = [m for m in mentions if m.strength <= weakest]
    return min(usable, key=lambda m: (m.strength, m.region, m.start)).code if usable else None


def document_scope(layout: Layout, url: str, title: str, resources: Resources) -> str | None:
    """The one country a report is about, from its title, opening lines, cable subject or URL.

    None when these name no country or several (a compiled page of news from many countries).
    """
    opening = [layout.text[s:e] for s, e in layout.blocks[:TITLE_BLOCKS]]
    heads = [title] + [text for text in opening if looks_like_title(text) or re.match(r"\[[^\]]{3,40}\]", text)]
    heads += [match.group(0) for match in _SUBJECT_LINE.finditer(layout.text[:5000])]
    found = [
        m for text in heads if text for m in find_countries(text, 0, len(text), resources) if _is_country(m, resources)
    ]
    codes = {m.code for m in found if m.strength <= ADJECTIVE} or {m.code for m in found}
    if len(codes) == 1 and not _other_headlines(layout, codes, resources):
        return codes.pop()
    if codes:
        return None
    words = re.sub(r"[/_\-.?=&]+", " ", url.split("://", 1)[-1].split("/", 1)[-1])
    from_url = {m.code for m in find_countries(words, 0, len(words), resources) if _is_country(m, resources)}
    return from_url.pop() if len(from_url) == 1 else None


def _other_headlines(layout: Layout, codes: set[str], resources: Resources) -> bool:
    """Whether headlines further down name other countries: a compiled page of news has no single scope."""
    for index, (start, end) in enumerate(layout.blocks):
        if not layout.headings[index] or index < TITLE_BLOCKS:
            continue
        if any(
            m.code not in codes and m.strength <= ADJECTIVE for m in find_countries(layout.text, start, end, resources)
        ):
            return True
    return False


def _is_country(mention: CountryMention, resources: Resources) -> bool:
    """Only a country (or a former state) can be a report's scope, not a region such as the Balkans."""
    return resources.catalogue.countries[mention.code].get("kind") in {"country", "former state"}


def looks_like_title(line: str) -> bool:
    """A one-line title: short, no full stop, not an access note."""
    return "\n" not in line and len(line) <= 150 and not line.endswith((".", "!", "?", ":")) and line[:1] != "["


def dominant_country(layout: Layout) -> str | None:
    """The country the document places most often, for sentences that name none and have no context."""
    counts = Counter(m.code for mentions in layout.countries for m in mentions if m.strength <= ADJECTIVE)
    return counts.most_common(1)[0][0] if counts else None


def first_nationality(layout: Layout) -> str | None:
    """The first nationality the document names, as a last resort."""
    return next((strongest(mentions, PEOPLE) for mentions in layout.countries if mentions), None)


def _overrides_scope(mentions: list[CountryMention], scope: str) -> str | None:
    """Another country the sentence clearly places the figure in, when it does not name the scope too."""
    if any(m.code == scope and m.strength <= ADJECTIVE for m in mentions):
        return None
    placing = [m for m in mentions if m.strength == PLACE or m.institution]
    return min(placing, key=lambda m: m.start).code if placing else None


def article_blocks(layout: Layout, heading: int) -> list[int]:
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
        places.append(("article", [j for b in article_blocks(layout, block) for j in layout.block_sentences[b]]))
    earlier = range(block - 1, max(-1, block - CONTEXT_BLOCKS), -1)
    places.append(("context", [j for b in earlier for j in reversed(layout.block_sentences[b])]))
    return places


def country_for(layout: Layout, sentence: int, scope: str | None, dominant: str | None) -> tuple[str | None, str]:
    """(code, where found): the scope unless the sentence places the figure elsewhere; else the nearest context."""
    own = layout.countries[sentence]
    if scope:
        other = _overrides_scope(own, scope)
        return (other, "sentence") if other else (scope, "document")
    if code := strongest(own):
        return code, "sentence"
    for where, sentences in _context(layout, sentence):
        for j in sentences:
            if code := strongest(layout.countries[j]):
                return code, where
    if dominant:
        return dominant, "document"
    if code := strongest(own, PEOPLE) or first_nationality(layout):
        return code, "nationality"
    return None, "none"
