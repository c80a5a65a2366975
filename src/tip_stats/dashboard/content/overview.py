"""What the Overview shows: per country, the latest figure of each indicator, headline ones first."""

from __future__ import annotations

import pandas as pd

from tip_stats.chartstyle import format_value
from tip_stats.vocabulary import FOCUS_COUNTRIES

HEADLINES = 5
HEADLINE_FIRST = ["tip_tier", "victims_identified", "prosecutions_defendants", "convictions_persons"]
SMALL_CHARTS = 2


def headline_table(latest: pd.DataFrame, country: str) -> pd.DataFrame:
    """The country's latest figures, headline indicators first, each with its year and who counted it."""
    rows = latest[latest["country"] == country].copy()
    rows["order"] = rows["indicator"].map({code: i for i, code in enumerate(HEADLINE_FIRST)}).fillna(99)
    rows = rows.sort_values(["order", "category", "indicator_label"], kind="stable")
    rows["Figure"] = [format_value(r.value, r.unit, r.qualifier, r.value_high) for r in rows.itertuples()]
    rows["Source"] = rows["authority"] + " (" + rows["published"].fillna("undated") + ")"
    return rows.rename(columns={"indicator_label": "Indicator", "reference_year": "Year", "indicator": "code"})[
        ["code", "Indicator", "Year", "Figure", "Source"]
    ]


def context_table(latest: pd.DataFrame) -> pd.DataFrame:
    """Figures for regions, predecessor states and other countries: context, never a country's series."""
    context = latest[~latest["country"].isin(FOCUS_COUNTRIES)].copy()
    context["Figure"] = [format_value(r.value, r.unit, r.qualifier, r.value_high) for r in context.itertuples()]
    context["Kind"] = "context: " + context["country_kind"]
    columns = {"country_name": "Where", "indicator_label": "Indicator", "reference_year": "Year", "authority": "Source"}
    return context.rename(columns=columns)[["Where", "Kind", "Indicator", "Year", "Figure", "Source", "quote"]]


def compare_link(country: str, indicator: str) -> dict[str, str]:
    """Query parameters that open Compare on this indicator with the three countries, this one first."""
    ordered = [country, *[code for code in FOCUS_COUNTRIES if code != country]]
    return {"indicator": indicator, "country": "~".join(ordered)}
