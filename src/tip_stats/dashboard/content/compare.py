"""What the Compare page shows: its URL parameters, the points to plot, and the tables under the chart."""

from __future__ import annotations

import pandas as pd

from tip_stats.charts import is_period
from tip_stats.chartstyle import edition_label, format_value, period_label
from tip_stats.dashboard.content.text import translation_note
from tip_stats.urlstate import Param
from tip_stats.vocabulary import FOCUS_COUNTRIES, PREDECESSORS

DEFAULT_INDICATOR = "victims_identified"
ALL_AUTHORITIES = "all"
DEFAULT_AUTHORITY = "default"
TABLE_COLUMNS = {
    "when": "Year",
    "country_name": "Country",
    "shown_value": "Figure",
    "authority": "Counted by",
    "publisher": "Published by",
    "published": "Published",
    "quote": "Quote",
    "figure_id": "Figure id",
}


def specs(options: pd.DataFrame, countries: list[str], contexts: list[str], years: tuple[int, int]) -> list[Param]:
    """The page's URL parameters; every one is also a control, so a shared link reopens the same view."""
    codes = list(options["code"])
    default = DEFAULT_INDICATOR if DEFAULT_INDICATOR in codes else codes[0]
    return [
        Param("indicator", "choice", default, codes),
        Param("country", "multi", FOCUS_COUNTRIES, countries),
        Param("time", "range", (2000, years[1]), bounds=years),
        Param("unit", "text", ""),
        Param("authority", "text", ALL_AUTHORITIES),
        Param("per_capita", "flag", False),
        Param("context", "choice", "none", ["none", *contexts]),
    ]


def indicator_labels(options: pd.DataFrame) -> dict[str, str]:
    return {
        row.code: f"{row.category.capitalize()} · {row.label} ({row.figures} figures)" for row in options.itertuples()
    }


def authority_choices(authorities: pd.DataFrame) -> dict[str, str]:
    """URL value -> label: every authority, the indicator's default one, or a single named authority."""
    default = authorities.loc[authorities["is_default"], "authority"]
    choices = {ALL_AUTHORITIES: "Every authority, side by side"}
    if len(default):
        choices[DEFAULT_AUTHORITY] = f"Default authority ({default.iloc[0]})"
    return choices | {name: name for name in authorities["authority"]}


def query_authority(choice: str) -> str | None:
    return None if choice == ALL_AUTHORITIES else choice


def chart_countries(indicator: str, countries: list[str]) -> list[str]:
    """Tiers of the predecessor states are shown beside their successors, labelled as such."""
    if indicator != "tip_tier":
        return countries
    predecessors = [p for p, successors in PREDECESSORS.items() if set(successors) & set(countries)]
    return [*countries, *predecessors]


def label_predecessors(points: pd.DataFrame) -> pd.DataFrame:
    predecessor = points["country"].isin(list(PREDECESSORS))
    names = points["country_name"].where(~predecessor, points["country_name"] + " (predecessor state)")
    return points.assign(country_name=names)


def order_countries(points: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    order = {code: i for i, code in enumerate(countries)}
    return points.sort_values("country", key=lambda codes: codes.map(order).fillna(len(order)), kind="stable")


def when(row: pd.Series) -> str:
    """'2023 report (covers 2022)' for tiers, '2013 to 2016' for period figures, else the year."""
    if row["unit"] == "tier":
        return edition_label(int(row["reference_year"]))
    return period_label(row) or str(int(row["reference_year"]))


def plotted_table(points: pd.DataFrame) -> pd.DataFrame:
    """Exactly the plotted figures, as a reader reads them, with who counted and the quote."""
    if points.empty:
        return pd.DataFrame(columns=list(TABLE_COLUMNS.values()))
    shown = points.assign(
        when=points.apply(when, axis=1),
        shown_value=[format_value(r.value, r.unit, r.qualifier, r.value_high) for r in points.itertuples()],
    )
    return shown[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)


def disagreement_table(points: pd.DataFrame) -> pd.DataFrame:
    """Country-years where authorities give different numbers: each authority's figure on its own row."""
    marked = points[points.get("authorities_disagree", pd.Series(False, index=points.index)).fillna(False).astype(bool)]
    return plotted_table(marked.sort_values(["country", "reference_year", "authority"]))


def split_periods(points: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Annual figures, and figures for part of a year or several years (never plotted as annual points)."""
    periods = is_period(points)
    return points[~periods], points[periods]


def notices(points: pd.DataFrame, countries: list[str], names: dict[str, str], years: tuple[int, int]) -> list[str]:
    present = set(points["country"])
    return [
        f"No figure for {names.get(code, code)} on this indicator between {years[0]} and {years[1]} in the documents."
        for code in countries
        if code not in present
    ]


def selected_figure(points: pd.DataFrame, selection: dict | None) -> pd.Series | None:
    """The figure a reader clicked (its id travels as the point's customdata), if any."""
    for point in ((selection or {}).get("selection") or {}).get("points") or []:
        figure_id = point.get("customdata")
        if isinstance(figure_id, list):
            figure_id = figure_id[0] if figure_id else None
        match = points[points["figure_id"] == figure_id]
        if len(match):
            return match.iloc[0]
    return None


def figure_details(row: pd.Series) -> list[tuple[str, str]]:
    """Label/text pairs for the clicked figure; the page shows the texts as plain text."""
    details = [
        ("Figure", f"{row['country_name']}, {when(row)}: "
         f"{format_value(row['value'], row['unit'], row['qualifier'], row.get('value_high'))}"),
        ("Qualifier", str(row["qualifier"])),
        ("Counted by", str(row.get("authority") or "")),
        ("Source", f"{row['publisher']}: {row.get('source_title') or ''} ({row.get('published') or 'undated'})"),
        ("Quote", str(row["quote"])),
    ]  # fmt: skip
    note = translation_note(row.get("quote_lang"), row.get("quote_en"))
    if note:
        details.append(("Translation", note))
    if isinstance(row.get("source_url"), str):
        details.append(("Link", row["source_url"]))
    return details
