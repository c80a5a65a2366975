"""The figure rules that look across rows or into the text: values in quotes, breakdowns within totals,
revisions, calendar periods, year-only values. schema.py's figures model calls them; they are plain
functions of a DataFrame so each can be tested on a few rows.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from tip_stats.numbers import find_numbers, readings, value_in_text
from tip_stats.vocabulary import CURRENCIES, PARTIAL_DATE, unit_kind


def undated_by_note(notes: pd.Series) -> pd.Series:
    """Rows whose note starts with "Undated": the source states the figure but gives no year for it.

    A baseline such as the 10 in "rose from 10 to 56 percent" is a real statement without a year;
    guessing one would invent data, so the curator leaves the year empty and says so in the note.
    """
    return notes.fillna("").astype(str).str.startswith("Undated")


def values_in_quotes(df: pd.DataFrame, column: str) -> pd.Series:
    """Whether each row's ``column`` appears in its quote; empty values pass (value_high is optional)."""
    kinds = df["unit"].where(~df["unit"].isin(CURRENCIES), "currency").tolist()
    found = [
        pd.isna(value) or value_in_text(value, kind, quote)
        for value, kind, quote in zip(df[column].tolist(), kinds, df["quote"].tolist(), strict=True)
    ]
    return pd.Series(found, index=df.index)


POINT_KEY = ["country", "indicator", "reference_year", "source_id", "period_start", "period_end", "unit"]


def breakdowns_within_totals(df: pd.DataFrame, additive: set[str]) -> pd.Series:
    """Each breakdown row is at most its total; for additive indicators so is each breakdown's sum."""
    keyed = df[POINT_KEY].astype(str)
    totals = (
        df["value"]
        .where(df["breakdown_type"] == "total")
        .groupby([keyed[c] for c in POINT_KEY], dropna=False)
        .transform("max")
    )
    parts = df["breakdown_type"] != "total"
    part_values = df["value"].where(parts, 0)
    part_sum = part_values.groupby([keyed[c] for c in POINT_KEY] + [df["breakdown_type"]], dropna=False).transform(
        "sum"
    )
    summed = df["indicator"].isin(additive)
    within = (df["value"] <= totals) & (~summed | (part_sum <= totals))
    return ~parts | totals.isna() | within


def supersedes_valid(df: pd.DataFrame) -> pd.Series:
    """A revision names an earlier figure for the same point (country, indicator, year, breakdown), other source."""
    point = ["country", "indicator", "reference_year", "breakdown_type", "breakdown"]
    revisions = df[df["supersedes"].notna()]
    if revisions.empty:
        return pd.Series(True, index=df.index)
    earlier = df.drop_duplicates("figure_id").set_index("figure_id")
    matched = revisions.merge(
        earlier[point + ["source_id"]], left_on="supersedes", right_index=True, how="left", suffixes=("", "_old")
    ).set_index(revisions.index)
    same = pd.Series(True, index=matched.index)
    for column in point:
        new, old = matched[column], matched[column + "_old"]
        same &= (new == old).fillna(False).astype(bool) | (new.isna() & old.isna())
    valid = matched["supersedes"].isin(earlier.index) & same & (matched["source_id"] != matched["source_id_old"])
    return valid.reindex(df.index, fill_value=True)


def date_span(text) -> tuple[date, date] | None:
    """First and last day of a partial date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``); ``None`` if no such date."""
    if not isinstance(text, str) or not re.fullmatch(PARTIAL_DATE, text):
        return None
    year, month, day = (list(map(int, text.split("-"))) + [0, 0])[:3]
    try:
        if not month:
            return date(year, 1, 1), date(year, 12, 31)
        if not day:
            following = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
        return date(year, month, day), date(year, month, day)
    except ValueError:
        return None


def periods_in_order(start, end) -> bool:
    """A period may not end before it starts; a partial date covers its whole month or year."""
    first, last = date_span(start), date_span(end)
    return first is None or last is None or first[0] <= last[1]


YEAR_WORDS = (
    r"in|since|from|until|till|to|by|during|before|after|of|between|and|through|year|years|fy|fiscal|calendar|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
YEAR_BEFORE = re.compile(rf"(?:\b(?:{YEAR_WORDS})\.?\s+|[(\-–/]\s*)$", re.IGNORECASE)
YEAR_AFTER = re.compile(r"^\s*(?:[\-–/]\s*\d{2,4}\b|\))")


def values_not_only_years(df: pd.DataFrame) -> pd.Series:
    """The value-not-only-a-year rule over a frame; only values that could be years are looked at."""
    could_be_year = (df["unit"] != "years") & df["value"].between(1800, 2100) & (df["value"] % 1 == 0)
    rows = df[could_be_year]
    triples = zip(rows["value"].tolist(), rows["unit"].tolist(), rows["quote"].tolist(), strict=True)
    passed = [not value_only_as_year(value, unit_kind(unit), quote) for value, unit, quote in triples]
    return pd.Series(passed, index=rows.index, dtype=bool).reindex(df.index, fill_value=True)


def value_only_as_year(value, kind: str, quote) -> bool:
    """True when a value that looks like a year (1800-2100) is stated in ``quote`` only where a year stands.

    A year is read from its neighbours: a month or a word such as "in", "since", "until" before it, or a
    range or bracket around it ("2003-2004", "(2003)"). Any other mention of the value (plain, "2,003",
    "2003 victims") counts as the value being stated.
    """
    if not isinstance(quote, str) or pd.isna(value) or not float(value).is_integer() or not 1800 <= value <= 2100:
        return False
    digits = str(int(value))
    mentions = [m for m in find_numbers(quote) if any(r == value for r in readings(m, kind))]
    spans = [(m.start, m.end) for m in mentions]
    at = quote.find(digits)
    while at >= 0:
        end = at + len(digits)
        plain = not quote[at - 1 : at].isdigit() and not quote[end : end + 1].isdigit()
        if plain and not any(start <= at < stop for start, stop in spans):
            spans.append((at, end))
        at = quote.find(digits, at + 1)
    if not spans:
        return False
    return all(_reads_as_year(quote, start, stop) for start, stop in spans)


def _reads_as_year(quote: str, start: int, stop: int) -> bool:
    text = quote[start:stop].strip()
    if not re.fullmatch(r"\d{4}", text):
        return False  # "2,003", "$2003", "2003%": a quantity, not a year
    return bool(YEAR_BEFORE.search(quote[:start]) or YEAR_AFTER.match(quote[stop:]))
