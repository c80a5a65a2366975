"""All SQL the dashboard and the command line run against the database, in one place.

Every function takes an open (read-only) connection and returns a DataFrame, so pages and the CLI
never write SQL of their own. Filters are bound parameters; ``None`` means "no filter".
"""

from __future__ import annotations

import duckdb
import pandas as pd

EXPORT_COLUMNS = """
    figure_id, country, country_name, indicator, indicator_label, category, reference_year,
    period_start, period_end, value, value_high, unit, qualifier, breakdown_type, breakdown,
    quote, quote_lang, quote_en, notes, supersedes, revised_by, source_id, publisher, authority, source_title,
    published, source_url, document
"""

EXPORT_COLUMN_NAMES = [name.strip() for name in EXPORT_COLUMNS.split(",")]

FILTERS = """
    ($countries IS NULL OR list_contains($countries, country))
    AND ($indicators IS NULL OR list_contains($indicators, indicator))
    AND ($year_from IS NULL OR reference_year >= $year_from)
    AND ($year_to IS NULL OR reference_year <= $year_to)
"""


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> pd.DataFrame:
    return con.execute(sql, params or {}).df()


def _filters(countries=None, indicators=None, year_from=None, year_to=None) -> dict:
    return {
        "countries": list(countries) if countries else None,
        "indicators": list(indicators) if indicators else None,
        "year_from": year_from,
        "year_to": year_to,
    }


def figures_export(con, countries=None, indicators=None, year_from=None, year_to=None) -> pd.DataFrame:
    """Every figure with its source, as analysts download it."""
    sql = f"""
        SELECT {EXPORT_COLUMNS} FROM figure_details WHERE {FILTERS}
        ORDER BY country, indicator, reference_year, figure_id
    """
    return _frame(con, sql, _filters(countries, indicators, year_from, year_to))


def countries(con) -> pd.DataFrame:
    return _frame(con, "SELECT * FROM countries ORDER BY kind = 'country' DESC, name")


def indicator_options(con) -> pd.DataFrame:
    """Indicators that have at least one figure, with how many figures and which units."""
    return _frame(
        con,
        """
        SELECT i.code, i.label, i.unit, i.category, i.definition, i.additive,
               count(f.figure_id) AS figures,
               count(DISTINCT f.country) AS countries,
               list_sort(list(DISTINCT f.unit)) AS units
        FROM indicators i JOIN figures f ON f.indicator = i.code
        GROUP BY ALL
        ORDER BY i.category, i.label
    """,
    )


def chart_points(
    con,
    indicator: str,
    countries=None,
    year_from=None,
    year_to=None,
    unit: str | None = None,
    authority: str | None = None,
) -> pd.DataFrame:
    """The plotted totals of one indicator: one row per country, year, unit, period and authority.

    ``authority``: None for every authority, ``"default"`` for the indicator's default authority, or a name.
    """
    params = _filters(countries, [indicator], year_from, year_to) | {"unit": unit, "authority": authority}
    return _frame(
        con,
        f"""
        SELECT * FROM chart_points
        WHERE {FILTERS} AND breakdown_type = 'total' AND ($unit IS NULL OR unit = $unit)
          AND ($authority IS NULL OR ($authority = 'default' AND is_default_authority) OR authority = $authority)
        ORDER BY country, reference_year, authority
    """,
        params,
    )


def authorities(con, indicator: str) -> pd.DataFrame:
    """Who counted this indicator, how many figures each, and which one the dashboard shows by default."""
    return _frame(
        con,
        """
        SELECT authority, count(*) AS figures, bool_or(is_default_authority) AS is_default
        FROM chart_points WHERE indicator = $indicator AND breakdown_type = 'total'
        GROUP BY authority ORDER BY is_default DESC, figures DESC, authority
    """,
        {"indicator": indicator},
    )


def disagreements(con, indicators=None, countries=None, year_from=None, year_to=None) -> pd.DataFrame:
    """Annual totals on which two or more authorities give different numbers, side by side (never averaged)."""
    return _frame(
        con,
        f"""
        SELECT * FROM chart_points
        WHERE authorities_disagree AND {FILTERS}
        ORDER BY country, indicator, reference_year, authority
    """,
        _filters(countries, indicators, year_from, year_to),
    )


def latest_figures(con, countries=None) -> pd.DataFrame:
    params = _filters(countries)
    return _frame(
        con, f"SELECT * FROM latest_figures WHERE {FILTERS} ORDER BY country, category, indicator_label", params
    )


def multi_year_indicators(con, country: str) -> pd.DataFrame:
    """Indicators with plotted totals in more than one year for ``country``."""
    return _frame(
        con,
        """
        SELECT indicator, any_value(indicator_label) AS indicator_label, count(DISTINCT reference_year) AS years
        FROM chart_points
        WHERE country = $country AND breakdown_type = 'total'
        GROUP BY indicator HAVING count(DISTINCT reference_year) > 1
        ORDER BY years DESC, indicator
    """,
        {"country": country},
    )


def indicator_catalogue(con) -> pd.DataFrame:
    """Every indicator of the catalogue, with how many figures it has, where and when (the API's list)."""
    return _frame(
        con,
        """
        SELECT i.code, i.label, i.unit, i.category, i.definition, i.additive,
               count(f.figure_id) AS figures, count(DISTINCT f.country) AS countries,
               min(f.reference_year) AS first_year, max(f.reference_year) AS last_year,
               coalesce(list_sort(list(DISTINCT f.unit) FILTER (f.unit IS NOT NULL)), []) AS units
        FROM indicators i LEFT JOIN figures f ON f.indicator = i.code
        GROUP BY ALL
        ORDER BY i.category, i.code
    """,
    )


def country_catalogue(con) -> pd.DataFrame:
    """Every country, former state and region, with how many figures it has (the API's list)."""
    return _frame(
        con,
        """
        SELECT c.code, c.name, c.kind, c.valid_from, c.valid_to, c.notes,
               count(f.figure_id) AS figures, count(DISTINCT f.indicator) AS indicators,
               min(f.reference_year) AS first_year, max(f.reference_year) AS last_year
        FROM countries c LEFT JOIN figures f ON f.country = c.code
        GROUP BY c.code, c.name, c.kind, c.valid_from, c.valid_to, c.notes
        ORDER BY c.kind = 'country' DESC, c.code
    """,
    )


def sources(con) -> pd.DataFrame:
    return _frame(
        con,
        """
        SELECT s.*, count(f.figure_id) AS figures
        FROM sources s LEFT JOIN figures f USING (source_id)
        GROUP BY ALL
        ORDER BY s.published DESC NULLS LAST, s.source_id
    """,
    )


def figures_of_source(con, source_id: str) -> pd.DataFrame:
    return _frame(
        con,
        f"SELECT {EXPORT_COLUMNS} FROM figure_details WHERE source_id = $source_id ORDER BY figure_id",
        {"source_id": source_id},
    )


def coverage(con) -> pd.DataFrame:
    """How many figures each country has per indicator and year (totals and breakdowns)."""
    return _frame(
        con,
        """
        SELECT country, country_name, indicator, indicator_label, category, reference_year, count(*) AS figures
        FROM figure_details
        WHERE reference_year IS NOT NULL
        GROUP BY ALL
        ORDER BY country, category, indicator, reference_year
    """,
    )


def coverage_by_country(con) -> pd.DataFrame:
    return _frame(
        con,
        """
        SELECT c.code AS country, c.name, c.kind, count(f.figure_id) AS figures,
               count(DISTINCT f.indicator) AS indicators, count(DISTINCT f.source_id) AS sources,
               min(f.reference_year) AS first_year, max(f.reference_year) AS last_year
        FROM countries c LEFT JOIN figures f ON f.country = c.code
        GROUP BY ALL
        ORDER BY figures DESC, c.code
    """,
    )


def authority_coverage(con, country: str) -> pd.DataFrame:
    """Indicator x year: how many authorities published an annual total (curators' view of the gaps)."""
    frame = _frame(
        con,
        """
        SELECT indicator, reference_year, count(DISTINCT authority) AS authorities
        FROM chart_points
        WHERE country = $country AND breakdown_type = 'total' AND NOT is_period
        GROUP BY ALL
    """,
        {"country": country},
    )
    return frame.pivot(index="indicator", columns="reference_year", values="authorities").fillna(0).astype(int)


def build_info(con) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM build_info").fetchall())


def context_indicators(con) -> pd.DataFrame:
    return _frame(
        con,
        """
        SELECT indicator, any_value(unit) AS unit, any_value(source) AS source,
               any_value(source_series_code) AS series_code, count(*) AS rows
        FROM context_series GROUP BY indicator ORDER BY indicator
    """,
    )


def context_series(con, indicator: str, countries=None, year_from=None, year_to=None) -> pd.DataFrame:
    params = {
        "countries": list(countries) if countries else None,
        "year_from": year_from,
        "year_to": year_to,
        "indicator": indicator,
    }
    return _frame(
        con,
        """
        SELECT country, indicator, year, value, unit, source, source_series_code
        FROM context_series
        WHERE indicator = $indicator
          AND ($countries IS NULL OR list_contains($countries, country))
          AND ($year_from IS NULL OR year >= $year_from)
          AND ($year_to IS NULL OR year <= $year_to)
        ORDER BY country, year
    """,
        params,
    )


SEARCH_WHERE = """
    ($countries IS NULL OR list_contains($countries, country))
    AND ($indicators IS NULL OR list_contains($indicators, indicator))
    AND ($categories IS NULL OR list_contains($categories, category))
    AND ((reference_year IS NULL AND $include_undated)
         OR (($year_from IS NULL OR reference_year >= $year_from)
             AND ($year_to IS NULL OR reference_year <= $year_to)))
    AND ($source_id IS NULL OR source_id = $source_id)
    AND ($text IS NULL OR quote ILIKE $text OR notes ILIKE $text OR indicator_label ILIKE $text)
"""


def _search_params(
    countries=None,
    indicators=None,
    categories=None,
    year_from=None,
    year_to=None,
    source_id=None,
    text=None,
    include_undated=True,
) -> dict:
    return _filters(countries, indicators) | {
        "categories": list(categories) if categories else None,
        "year_from": year_from,
        "year_to": year_to,
        "source_id": source_id or None,
        "text": f"%{text}%" if text else None,
        "include_undated": include_undated,
    }


def figures_search(con, limit: int | None = None, **filters) -> pd.DataFrame:
    """The explorer's filtered table (filters as in ``_search_params``); undated figures (criminal-code
    provisions) stay unless ``include_undated`` is false."""
    sql = f"""
        SELECT {EXPORT_COLUMNS} FROM figure_details WHERE {SEARCH_WHERE}
        ORDER BY country, indicator, reference_year, figure_id
        LIMIT coalesce($limit, 9223372036854775807)
    """
    return _frame(con, sql, _search_params(**filters) | {"limit": limit})


def figures_search_count(con, **filters) -> int:
    sql = f"SELECT count(*) FROM figure_details WHERE {SEARCH_WHERE}"
    return int(con.execute(sql, _search_params(**filters)).fetchone()[0])


def figure_count(con) -> int:
    return int(con.execute("SELECT count(*) FROM figures").fetchone()[0])


def context_caveats(con, indicator: str, countries=None) -> pd.DataFrame:
    """Caveats for one context indicator (or for all of a country's indicators) in the chosen countries."""
    return _frame(
        con,
        """
        SELECT country, indicator, year, kind, note FROM context_caveats
        WHERE (indicator = $indicator OR indicator = '*')
          AND ($countries IS NULL OR list_contains($countries, country))
        ORDER BY country, year NULLS FIRST
    """,
        {"indicator": indicator, "countries": list(countries) if countries else None},
    )


def changelog(con) -> pd.DataFrame:
    """Every build's summary, newest first: when, how many figures added, changed and removed, and which ids.

    A database built before the changelog existed has no such table; it answers with no rows.
    """
    known = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'build_changelog'").fetchone()[0]
    if not known:
        return pd.DataFrame(
            columns=["built_at", "figures", "added", "changed", "removed", "added_ids", "changed_ids", "removed_ids"]
            + ["removals_allowed", "note"]
        )
    return _frame(con, "SELECT * FROM build_changelog ORDER BY built_at DESC")
