"""The project's words, defined once: units, currencies, qualifiers, breakdowns, languages, columns.

Validation, the database, the charts, the exports and the extractor all read these names from here,
so a new currency or qualifier is added in one place.
"""

from __future__ import annotations

import re

FOCUS_COUNTRIES = ["SRB", "MNE", "XKX"]
PREDECESSORS = {"YUG": ["SRB", "MNE", "XKX"], "SCG": ["SRB", "MNE", "XKX"]}

UNITS = ["persons", "cases", "percent", "years", "tier", "currency", "tonnes"]
COUNT_UNITS = {"persons", "cases"}
CURRENCIES = ["USD", "EUR", "GBP", "RSD"]
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP"}

QUALIFIERS = ["exact", "about", "at least", "up to", "more than", "nearly", "as little as", "estimate"]
QUALIFIER_MEANINGS = {
    "exact": "the source states the number without qualification",
    "about": "the source gives it as approximate (about, around, some)",
    "at least": "a lower bound: the true number may be higher",
    "up to": "an upper bound: the true number may be lower",
    "more than": "the true number is above this value",
    "nearly": "the true number is a little below this value",
    "as little as": "the lowest value the source mentions (typically a price)",
    "estimate": "the source calls the number an estimate",
}
BREAKDOWN_TYPES = [
    "total",
    "sex",
    "age_group",
    "nationality",
    "exploitation",
    "activity",
    "location",
    "offence",
    "referrer",
    "other",
]
COUNTRY_KINDS = ["country", "former state", "region", "country group"]
# ISO 639 codes of the languages quotes are kept in (cnr: Montenegrin); a non-English quote needs quote_en.
QUOTE_LANGUAGES = ["en", "sr", "cnr", "sq", "bs", "hr", "mk", "de", "fr", "it"]
TIER_LABELS = {1.0: "Tier 1", 2.0: "Tier 2", 2.5: "Tier 2 Watch List", 3.0: "Tier 3"}

# A cell a spreadsheet would run as a formula: refused in curated text, neutralised in every export.
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

FIGURE_COLUMNS = [
    "figure_id",
    "country",
    "indicator",
    "reference_year",
    "period_start",
    "period_end",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "breakdown_type",
    "breakdown",
    "source_id",
    "quote",
    "quote_lang",
    "quote_en",
    "notes",
    "supersedes",
]
CATALOGUE_COLUMNS = {
    "countries": ["code", "name", "kind", "valid_from", "valid_to", "notes"],
    "indicators": ["code", "label", "unit", "category", "definition", "additive"],
    "sources": ["source_id", "publisher", "authority", "title", "published", "document", "url", "notes"],
    "context_caveats": ["country", "indicator", "year", "kind", "note"],
}


def unit_kind(unit: str) -> str:
    """A figure's unit as the catalogue names it: every currency code is the unit ``currency``."""
    return "currency" if unit in CURRENCIES else unit
