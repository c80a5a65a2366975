"""What the Figures explorer shows: its filters as URL parameters and the columns of its table."""

from __future__ import annotations

import pandas as pd

from tip_stats.urlstate import Param, figure_filter_specs, search_filters

SHOWN_ROWS = 5_000
# The table's columns, in reading order: what, when, how much, the quote, who counted and who published.
TABLE_COLUMNS = [
    *["country_name", "indicator_label", "reference_year", "value", "value_high", "unit", "qualifier"],
    *["breakdown_type", "breakdown", "quote", "quote_en", "authority", "publisher", "published", "source_title"],
    *["notes", "figure_id"],
]


def specs(countries: list[str], options: pd.DataFrame, sources: pd.DataFrame, years: tuple[int, int]) -> list[Param]:
    """The explorer's filters: the same parameters the data API accepts (one definition in urlstate)."""
    categories = sorted(options["category"].unique())
    return figure_filter_specs(countries, list(options["code"]), categories, list(sources["source_id"]), years)


def source_titles(sources: pd.DataFrame) -> dict[str, str]:
    return {"": "All sources"} | {
        row.source_id: f"{row.publisher}: {row.title} ({row.published or 'undated'})" for row in sources.itertuples()
    }


def filters(values: dict) -> dict:
    """The query filters for the page state (the same filters the API takes)."""
    return search_filters(values)


def count_line(matching: int, total: int) -> str:
    shown = f" Showing the first {SHOWN_ROWS:,}; the download holds all {matching:,}." if matching > SHOWN_ROWS else ""
    return f"**{matching:,}** of {total:,} figures match.{shown}"
