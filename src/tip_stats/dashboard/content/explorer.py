"""What the Figures explorer shows: its filters as URL parameters and the columns of its table."""

from __future__ import annotations

import pandas as pd

from tip_stats.urlstate import Param

SHOWN_ROWS = 5_000
# The table's columns, in reading order: what, when, how much, the quote, who counted and who published.
TABLE_COLUMNS = [
    *["country_name", "indicator_label", "reference_year", "value", "value_high", "unit", "qualifier"],
    *["breakdown_type", "breakdown", "quote", "quote_en", "authority", "publisher", "published", "source_title"],
    *["notes", "figure_id"],
]


def specs(countries: list[str], options: pd.DataFrame, sources: pd.DataFrame, years: tuple[int, int]) -> list[Param]:
    return [
        Param("country", "multi", [], countries),
        Param("indicator", "multi", [], list(options["code"])),
        Param("category", "multi", [], sorted(options["category"].unique())),
        Param("time", "range", years, bounds=years),
        Param("source", "choice", "", ["", *sources["source_id"]]),
        Param("q", "text", ""),
    ]


def source_titles(sources: pd.DataFrame) -> dict[str, str]:
    return {"": "All sources"} | {
        row.source_id: f"{row.publisher}: {row.title} ({row.published or 'undated'})" for row in sources.itertuples()
    }


def filters(values: dict) -> dict:
    """The query filters for the page state (the same filters the API takes)."""
    return dict(
        countries=values["country"],
        indicators=values["indicator"],
        categories=values["category"],
        year_from=values["time"][0],
        year_to=values["time"][1],
        source_id=values["source"],
        text=values["q"].strip(),
    )


def count_line(matching: int, total: int) -> str:
    shown = f" Showing the first {SHOWN_ROWS:,}; the download holds all {matching:,}." if matching > SHOWN_ROWS else ""
    return f"**{matching:,}** of {total:,} figures match.{shown}"
