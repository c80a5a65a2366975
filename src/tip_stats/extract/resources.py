"""What the extractor knows before it reads a word: the catalogue, the rules and the word lists.

The keyword rules, place names and word lists are data files beside the catalogue
(``extract_rules.csv``, ``place_aliases.csv``, ``extract_words.csv``), so a curator can teach the
assistant a new wording or a new town without touching code. They are read with the project's one
pandas-free reader, which keeps ``tip-stats extract`` quick to start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tip_stats.catalogue import Catalogue, load_catalogue, read_table
from tip_stats.settings import settings

RULES_FILE = "extract_rules.csv"
ALIASES_FILE = "place_aliases.csv"
WORDS_FILE = "extract_words.csv"
PLACE, ADJECTIVE, PEOPLE = 1, 2, 3  # how strongly a mention says where a figure belongs
STRENGTHS = {"place": PLACE, "adjective": ADJECTIVE, "people": PEOPLE}


@dataclass(frozen=True)
class Rule:
    """One way to recognise an indicator: every keyword must be in the sentence, none of ``exclude`` near the number."""

    indicator: str
    kinds: frozenset[str]
    keywords: tuple[re.Pattern, ...]
    exclude: re.Pattern | None
    weight: float
    unit: str  # the catalogue unit: persons and cases tell two count rules apart


@dataclass(frozen=True)
class Alias:
    code: str
    strength: int
    name: str
    case_sensitive: bool


@dataclass(frozen=True, eq=False)  # hashed by identity, so per-run caches can key on it
class Resources:
    """The catalogue and the extractor's tables, loaded once per run."""

    catalogue: Catalogue
    rules: tuple[Rule, ...]
    aliases: tuple[Alias, ...]
    words: dict[str, dict[str, str]]
    first_year: int
    last_year: int

    @cached_property
    def countries(self) -> frozenset[str]:
        return frozenset(self.catalogue.countries)

    @cached_property
    def indicator_units(self) -> dict[str, str]:
        return {code: row["unit"] for code, row in self.catalogue.indicators.items()}

    @cached_property
    def indicator_categories(self) -> dict[str, str]:
        return {code: row["category"] for code, row in self.catalogue.indicators.items()}

    def word_list(self, name: str) -> dict[str, str]:
        return self.words.get(name, {})

    @cached_property
    def patterns(self) -> dict[str, re.Pattern]:
        """One case-insensitive alternation per word list, for the lists that are matched as regular expressions."""
        return {
            name: re.compile("|".join(f"(?:{word})" for word in words), re.IGNORECASE)
            for name, words in self.words.items()
        }


def _rule(row: dict[str, str], units: dict[str, str]) -> Rule | None:
    """A rule row, or None when its indicator is not in this catalogue (a trimmed test catalogue)."""
    if row["indicator"] not in units:
        return None
    keywords = tuple(re.compile(text, re.IGNORECASE) for text in (row["keyword"], row.get("also", "")) if text)
    exclude = re.compile(row["exclude"]) if row.get("exclude") else None
    kinds = frozenset(row["kinds"].split())
    return Rule(row["indicator"], kinds, keywords, exclude, float(row.get("weight") or 1), units[row["indicator"]])


def load_resources(data_dir: Path | None = None) -> Resources:
    """Read the catalogue and the extractor's tables from ``data_dir`` (the project's data folder by default)."""
    config = settings()
    data_dir = data_dir or config.data_dir
    catalogue = load_catalogue(data_dir)
    units = {code: row["unit"] for code, row in catalogue.indicators.items()}
    rules = tuple(rule for row in read_table(data_dir / RULES_FILE).rows if (rule := _rule(row, units)))
    aliases = tuple(
        Alias(row["code"], STRENGTHS[row["kind"]], row["name"], row.get("case_sensitive") == "yes")
        for row in read_table(data_dir / ALIASES_FILE).rows
    )
    words: dict[str, dict[str, str]] = {}
    for row in read_table(data_dir / WORDS_FILE).rows:
        words.setdefault(row["list"], {})[row["word"]] = row.get("value", "")
    return Resources(catalogue, rules, aliases, words, config.first_year, config.last_year)
