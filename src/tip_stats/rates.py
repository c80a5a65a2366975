"""Rates per 100,000 people: the only arithmetic the dashboard does on quoted figures.

A rate uses the population of the same country and the same year, and nothing else: a figure
without that population gets no rate (it is listed as dropped), never a neighbouring year's.
"""

from __future__ import annotations

import pandas as pd

PER = 100_000
RATE_UNITS = {"persons", "cases"}


def per_100k(points: pd.DataFrame, population: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points with value and value_high as rates, points that had no population for their year)."""
    pop = population.rename(columns={"year": "reference_year", "value": "population"})[
        ["country", "reference_year", "population"]
    ]
    merged = points.merge(pop, on=["country", "reference_year"], how="left")
    has_pop = merged["population"].notna() & (merged["population"] > 0)
    rated = merged[has_pop].copy()
    rated["count_value"] = rated["value"]
    rated["unit"] = "per 100,000 people"
    rated["value"] = rated["value"] / rated["population"] * PER
    rated["value_high"] = rated["value_high"] / rated["population"] * PER
    rated["rate_note"] = [
        f"{c:,.0f} per population of {p:,.0f} (World Bank, {y})"
        for c, p, y in zip(rated["count_value"], rated["population"], rated["reference_year"], strict=True)
    ]
    return rated.reset_index(drop=True), merged[~has_pop][points.columns].reset_index(drop=True)
