"""pandera models: the rules every curated row must obey before it may reach the database.

The catalogue tables (countries, indicators, sources) have fixed models. The figures model is
built per run, because its rules need the catalogues (which codes exist, each indicator's unit,
each country's years) and the text of the source documents (to find each quote verbatim).
Each dataframe-level rule reports its failure under the key of ``RULES``, which names the column
it concerns and says in plain words what a curator must fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tip_stats.figure_rules import (
    breakdowns_within_totals,
    date_span,
    periods_in_order,
    supersedes_valid,
    undated_by_note,
    values_in_quotes,
    values_not_only_years,
)
from tip_stats.vocabulary import (
    BREAKDOWN_TYPES,
    COUNT_UNITS,
    COUNTRY_KINDS,
    CURRENCIES,
    FORMULA_START,
    PARTIAL_DATE,
    QUALIFIERS,
    QUOTE_LANGUAGES,
    UNITS,
)

# rule key -> (column it concerns, what the curator reads)
RULES: dict[str, tuple[str, str]] = {
    "whole_number": ("value", "a count of persons or cases must be a whole number"),
    "percent_range": ("value", "a percentage must lie between 0 and 100"),
    "high_not_below_value": ("value_high", "the upper end of a range must not be below the value"),
    "unit_matches_indicator": ("unit", "the unit differs from the unit of the indicator in indicators.csv"),
    "year_in_country_period": (
        "reference_year",
        "the year lies outside the years the country existed (valid_from/valid_to in countries.csv)",
    ),
    "year_required": (
        "reference_year",
        "a reference year is required (only criminal-code provisions with a note, and figures whose note starts"
        " with 'Undated' and says why, may leave it empty)",
    ),
    "flag_is_true_or_false": ("", "must be true or false"),
    "value_in_quote": ("value", "the value does not appear in its quote"),
    "high_in_quote": ("value_high", "the upper value does not appear in its quote"),
    "quote_in_document": ("quote", "the quote is not found verbatim in the source document"),
    "breakdown_within_total": (
        "value",
        "breakdown rows add up to more than their total (same country, indicator, year and source)",
    ),
    "breakdown_named": ("breakdown", "a breakdown row needs a breakdown label; a total row must leave it empty"),
    "supersedes_same_point": (
        "supersedes",
        "supersedes must name a figure for the same country, indicator, year and breakdown from another source",
    ),
    "translation_matches_language": (
        "quote_en",
        "a quote not in English needs your English translation in quote_en; an English quote leaves quote_en empty",
    ),
    "not_formula_like": ("", "text must not start with = + - @ (a spreadsheet would run it as a formula)"),
    "valid_period_order": ("valid_to", "valid_to is before valid_from"),
    "period_is_calendar_date": (
        "",
        "not a real calendar date: YYYY, YYYY-MM or YYYY-MM-DD with a month 01-12 and a day that month has",
    ),
    "period_in_order": ("period_end", "the period ends before it starts (period_end is before period_start)"),
    "duplicate_evidence": (
        "figure_id",
        "the same evidence (source, country, indicator, year, breakdown, unit and value) is recorded under more "
        "than one figure_id: keep one",
    ),
    "value_only_as_year": (
        "value",
        "the value appears in its quote only as a year (as in 'since April 2003'); only indicators measured in "
        "years may take their value from a year",
    ),
    "text_within_limit": ("", "the text is longer than {limit:,} characters (quotes, translations and notes)"),
}

# Longest quote, translation or note a figure may carry: a quote is a sentence or two, not a page (the
# longest curated one is about 300 characters). Every other cell is capped by catalogue.CELL_LIMIT.
TEXT_LIMIT = 1_000
RULES["text_within_limit"] = ("", RULES["text_within_limit"][1].format(limit=TEXT_LIMIT))
EVIDENCE_KEY = [
    "source_id",
    "country",
    "indicator",
    "reference_year",
    "breakdown_type",
    "breakdown",
    "unit",
    "value",
    "value_high",
]


class CuratedTable(pa.DataFrameModel):
    """What every curated table shares: exact columns, coerced types, and no cell a spreadsheet would run."""

    class Config:
        coerce = True
        strict = True

    @pa.check(".*", regex=True, error="not_formula_like")
    def text_is_not_formula(cls, series: pd.Series) -> pd.Series:
        if not pd.api.types.is_string_dtype(series):
            return pd.Series(True, index=series.index)
        return ~series.fillna("").astype(str).str.match(FORMULA_START)


class CountryModel(CuratedTable):
    code: Series[str] = pa.Field(unique=True, str_matches=r"^[A-Z][A-Z_]{1,15}$")
    name: Series[str]
    kind: Series[str] = pa.Field(isin=COUNTRY_KINDS)
    valid_from: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1800, le=2100)
    valid_to: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1800, le=2100)
    notes: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(error="valid_period_order")
    def period_in_order(cls, df: pd.DataFrame) -> pd.Series:
        return df["valid_to"].isna() | df["valid_from"].isna() | (df["valid_to"] >= df["valid_from"])


class IndicatorModel(CuratedTable):
    code: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z][a-z0-9_]*$")
    label: Series[str]
    unit: Series[str] = pa.Field(isin=UNITS)
    category: Series[str]
    definition: Series[str]
    additive: Series[pd.BooleanDtype] = pa.Field(nullable=True)

    @pa.parser("additive")
    def additive_from_text(cls, series: pd.Series) -> pd.Series:
        """'true'/'false' as booleans. Coercing the text would make every non-empty string True (and a plain
        bool column would turn a missing value into False), so any other word becomes NA for the check below."""
        words = {"true": True, "false": False}
        return series.map(lambda value: words.get(str(value).strip().lower(), pd.NA)).astype("boolean")

    @pa.check("additive", error="flag_is_true_or_false", ignore_na=False)
    def additive_is_a_flag(cls, series: pd.Series) -> pd.Series:
        return series.notna()


class SourceModel(CuratedTable):
    source_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9][a-z0-9_]*$")
    publisher: Series[str]
    authority: Series[str]
    title: Series[str]
    published: Series[str] = pa.Field(nullable=True, str_matches=PARTIAL_DATE)
    document: Series[str] = pa.Field(nullable=True)
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://\S+$")
    notes: Series[str] = pa.Field(nullable=True)


class CaveatModel(CuratedTable):
    """Caveats on World Bank context series: method breaks are drawn on charts, notes are shown beside them."""

    country: Series[str] = pa.Field(str_matches=r"^[A-Z][A-Z_]{1,15}$")
    indicator: Series[str] = pa.Field(str_matches=r"^(\*|[a-z][a-z0-9_]*)$")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1950, le=2100)
    kind: Series[str] = pa.Field(isin=["break", "note"])
    note: Series[str]


class FigureColumns(CuratedTable):
    """Column types and single-column rules of figures*.csv; the catalogue rules come on top."""

    figure_id: Series[str] = pa.Field(unique=True, str_matches=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
    country: Series[str]
    indicator: Series[str]
    reference_year: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    period_start: Series[str] = pa.Field(nullable=True, str_matches=PARTIAL_DATE)
    period_end: Series[str] = pa.Field(nullable=True, str_matches=PARTIAL_DATE)
    value: Series[float] = pa.Field(ge=0)
    value_high: Series[float] = pa.Field(nullable=True, ge=0)
    unit: Series[str]
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS)
    breakdown_type: Series[str] = pa.Field(isin=BREAKDOWN_TYPES)
    breakdown: Series[str] = pa.Field(nullable=True)
    source_id: Series[str]
    quote: Series[str] = pa.Field(str_length={"min_value": 3})
    quote_lang: Series[str] = pa.Field(isin=QUOTE_LANGUAGES)
    quote_en: Series[str] = pa.Field(nullable=True)
    notes: Series[str] = pa.Field(nullable=True)
    supersedes: Series[str] = pa.Field(nullable=True)

    @pa.check("quote", "quote_en", "notes", error="text_within_limit")
    def text_within_limit(cls, series: pd.Series) -> pd.Series:
        return series.str.len() <= TEXT_LIMIT

    @pa.check("period_start", "period_end", error="period_is_calendar_date")
    def period_is_calendar_date(cls, series: pd.Series) -> pd.Series:
        return series.map(lambda text: date_span(text) is not None).astype(bool)

    @pa.dataframe_check(error="period_in_order")
    def period_in_order(cls, df: pd.DataFrame) -> pd.Series:
        rows = df[df["period_start"].notna() & df["period_end"].notna()]
        pairs = zip(rows["period_start"].tolist(), rows["period_end"].tolist(), strict=True)
        ordered = pd.Series([periods_in_order(start, end) for start, end in pairs], index=rows.index, dtype=bool)
        return ordered.reindex(df.index, fill_value=True)

    @pa.dataframe_check(error="duplicate_evidence")
    def one_figure_per_evidence(cls, df: pd.DataFrame) -> pd.Series:
        return ~df[EVIDENCE_KEY].duplicated(keep=False)

    @pa.dataframe_check(error="translation_matches_language")
    def translation_matches_language(cls, df: pd.DataFrame) -> pd.Series:
        translated = df["quote_en"].fillna("").str.strip() != ""
        return translated == (df["quote_lang"] != "en")

    @pa.dataframe_check(error="high_not_below_value")
    def high_not_below_value(cls, df: pd.DataFrame) -> pd.Series:
        return df["value_high"].isna() | (df["value_high"] >= df["value"])

    @pa.dataframe_check(error="breakdown_named")
    def breakdown_named(cls, df: pd.DataFrame) -> pd.Series:
        labelled = df["breakdown"].fillna("").str.strip() != ""
        return labelled == (df["breakdown_type"] != "total")


@dataclass(frozen=True)
class Catalogue:
    """What the figures rules need to know about the catalogues and the documents."""

    countries: pd.DataFrame
    indicators: pd.DataFrame
    sources: pd.DataFrame
    first_year: int = 1990
    last_year: int = 2025
    documents: dict[str, str] = field(default_factory=dict)  # file name -> whitespace-normalised text


def normalise_whitespace(text: str) -> str:
    return " ".join(text.split())


def _lookup(table: pd.DataFrame, key: str, value: str) -> dict:
    return table.set_index(key)[value].to_dict()


def figure_model(cat: Catalogue) -> type[FigureColumns]:
    """The figures model with the rules that depend on ``cat``."""
    unit_of = _lookup(cat.indicators, "code", "unit")
    category_of = _lookup(cat.indicators, "code", "category")
    additive = set(cat.indicators.loc[cat.indicators["additive"].astype(str).str.lower() == "true", "code"])
    starts = pd.to_numeric(cat.countries.set_index("code")["valid_from"]).to_dict()
    ends = pd.to_numeric(cat.countries.set_index("code")["valid_to"]).to_dict()
    document_of = _lookup(cat.sources, "source_id", "document")

    class FigureModel(FigureColumns):
        country: Series[str] = pa.Field(isin=sorted(cat.countries["code"]))
        indicator: Series[str] = pa.Field(isin=sorted(cat.indicators["code"]))
        source_id: Series[str] = pa.Field(isin=sorted(cat.sources["source_id"]))
        reference_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=cat.first_year, le=cat.last_year)

        @pa.dataframe_check(error="unit_matches_indicator")
        def unit_matches_indicator(cls, df: pd.DataFrame) -> pd.Series:
            expected = df["indicator"].map(unit_of)
            money = (expected == "currency") & df["unit"].isin(CURRENCIES)
            return expected.isna() | (df["unit"] == expected) | money

        @pa.dataframe_check(error="whole_number")
        def whole_number(cls, df: pd.DataFrame) -> pd.Series:
            counts = df["unit"].isin(COUNT_UNITS)
            high = df["value_high"]
            return ~counts | ((df["value"] % 1 == 0) & (high.isna() | (high % 1 == 0)))

        @pa.dataframe_check(error="percent_range")
        def percent_range(cls, df: pd.DataFrame) -> pd.Series:
            percent = df["unit"] == "percent"
            return ~percent | ((df["value"] <= 100) & ~(df["value_high"] > 100))

        @pa.dataframe_check(error="year_required")
        def year_required(cls, df: pd.DataFrame) -> pd.Series:
            timeless = (df["indicator"].map(category_of) == "law") & df["notes"].notna()
            return df["reference_year"].notna() | timeless | undated_by_note(df["notes"])

        @pa.dataframe_check(error="year_in_country_period")
        def year_in_country_period(cls, df: pd.DataFrame) -> pd.Series:
            year = df["reference_year"].astype("Float64")
            after_start = df["country"].map(starts).isna() | (year >= df["country"].map(starts))
            before_end = df["country"].map(ends).isna() | (year <= df["country"].map(ends))
            return (year.isna() | (after_start & before_end)).fillna(True).astype(bool)

        @pa.dataframe_check(error="value_in_quote")
        def value_in_quote(cls, df: pd.DataFrame) -> pd.Series:
            return values_in_quotes(df, "value")

        @pa.dataframe_check(error="value_only_as_year")
        def value_not_only_a_year(cls, df: pd.DataFrame) -> pd.Series:
            return values_not_only_years(df)

        @pa.dataframe_check(error="high_in_quote")
        def high_in_quote(cls, df: pd.DataFrame) -> pd.Series:
            return values_in_quotes(df, "value_high")

        @pa.dataframe_check(error="quote_in_document")
        def quote_in_document(cls, df: pd.DataFrame) -> pd.Series:
            texts = {source: cat.documents.get(document) for source, document in document_of.items()}
            found = [
                (text := texts.get(source)) is None or normalise_whitespace(quote) in text
                for quote, source in zip(df["quote"].tolist(), df["source_id"].tolist(), strict=True)
            ]
            return pd.Series(found, index=df.index)

        @pa.dataframe_check(error="breakdown_within_total")
        def breakdown_within_total(cls, df: pd.DataFrame) -> pd.Series:
            return breakdowns_within_totals(df, additive)

        @pa.dataframe_check(error="supersedes_same_point")
        def supersedes_same_point(cls, df: pd.DataFrame) -> pd.Series:
            return supersedes_valid(df)

    return FigureModel
