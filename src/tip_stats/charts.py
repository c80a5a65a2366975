"""Plotly figures as pure functions of DataFrames: no database, no Streamlit, testable on their own.

Every figure is a marker (its id travels in ``customdata`` so a click can show its quote); lines
join only consecutive years of one country and one authority; figures for part of a year or for
several years are drawn as horizontal bars over their period, never as annual points; where
authorities disagree on a country-year the points get a ring. The shared look is in chartstyle.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from tip_stats.chartstyle import (
    AUTHORITY_DASHES,
    COUNTRY_COLOURS,
    MARKER_KEY,
    THEMES,
    alt_text,
    colour_of,
    format_value,
    hover_text,
    marker_symbol,
    period_label,
    style,
)

__all__ = [
    "COUNTRY_COLOURS", "alt_text", "chart_title", "compare_chart", "context_chart", "format_value", "period_chart"
]  # fmt: skip
KEY_COLOUR = "#888888"


def _with_gaps(points: pd.DataFrame, y: str) -> tuple[list, list]:
    """x/y arrays with a break wherever years are not consecutive, so lines never bridge a gap."""
    xs: list[int | None] = []
    ys: list = []
    previous = None
    for year, value in zip(points["reference_year"], points[y], strict=True):
        if previous is not None and year - previous > 1:
            xs.append(None)
            ys.append(None)
        xs.append(int(year))
        ys.append(value)
        previous = year
    return xs, ys


def _authorities(points: pd.DataFrame) -> list[str]:
    if "authority" not in points:
        return [""]
    return list(dict.fromkeys(points["authority"].fillna("")))


def _series_name(country_name: str, authority: str, several: bool) -> str:
    """'Serbia · Centre for Protection of Trafficking Victims' (the country is not repeated)."""
    if not several or not authority:
        return country_name
    return f"{country_name} · {authority.removeprefix(country_name + ': ')}"


def _error_bars(group: pd.DataFrame, y: str, colour: str) -> dict | None:
    if y != "value" or not group["value_high"].notna().any():
        return None
    high = (group["value_high"] - group["value"]).fillna(0)
    return dict(type="data", symmetric=False, array=high, arrayminus=[0] * len(group), color=colour, thickness=1.5)


def _series_traces(group: pd.DataFrame, y: str, name: str, dash: str, key: str) -> list[go.Scatter]:
    """A line between consecutive years and a marker per figure, for one country and one authority."""
    group = group.sort_values("reference_year")
    colour = colour_of(str(group["country"].iloc[0]))
    xs, ys = _with_gaps(group, y)
    line = go.Scatter(
        x=xs, y=ys, mode="lines", line=dict(color=colour, width=2, dash=dash), legendgroup=key, showlegend=False,
        hoverinfo="skip", name=name,
    )  # fmt: skip
    markers = go.Scatter(
        x=group["reference_year"].astype(int),
        y=group[y],
        mode="markers",
        name=name,
        legendgroup=key,
        marker=dict(color=colour, size=10, symbol=[marker_symbol(q) for q in group["qualifier"]],
                    line=dict(color=colour, width=2)),
        error_y=_error_bars(group, y, colour),
        hovertext=[hover_text(r) for _, r in group.iterrows()],
        hoverinfo="text",
        customdata=list(group["figure_id"]) if "figure_id" in group else None,
        meta={"country": str(group["country"].iloc[0])},
    )  # fmt: skip
    return [line, markers]


def _annual_traces(points: pd.DataFrame, y: str) -> list[go.Scatter]:
    authorities = _authorities(points)
    dash_of = {a: AUTHORITY_DASHES[i % len(AUTHORITY_DASHES)] for i, a in enumerate(authorities)}
    keyed = points.assign(_authority=points["authority"].fillna("") if "authority" in points else "")
    traces = []
    for (country, authority), group in keyed.groupby(["country", "_authority"], sort=False):
        name = _series_name(str(group["country_name"].iloc[0]), authority, len(authorities) > 1)
        traces += _series_traces(group, y, name, dash_of[authority], f"{country}|{authority}")
    return traces


def _year_position(date_text: str, end: bool) -> float:
    """A period's edge on the year axis: 2013 -> 2013 (or 2014 at the end), 2022-07 -> 2022.58."""
    year, _, rest = str(date_text).partition("-")
    month = int(rest[:2]) if rest else (12 if end else 1)
    return int(year) + (month if end else month - 1) / 12


def _period_traces(periods: pd.DataFrame, y: str) -> list[go.Scatter]:
    """Figures covering part of a year or several years: a bar over their period, not an annual point."""
    traces = []
    for _, row in periods.iterrows():
        start = row["period_start"] if isinstance(row["period_start"], str) else str(int(row["reference_year"]))
        end = row["period_end"] if isinstance(row["period_end"], str) else str(int(row["reference_year"]))
        x0, x1 = _year_position(start, end=False), _year_position(end, end=True)
        colour = colour_of(str(row["country"]))
        traces.append(
            go.Scatter(
                x=[x0, x1], y=[row[y], row[y]], mode="lines+markers",
                name=f"{row['country_name']}: {period_label(row)}",
                line=dict(color=colour, width=6), opacity=0.55, marker=dict(symbol="line-ns", size=12, color=colour,
                line=dict(color=colour, width=2)), hovertext=[hover_text(row)] * 2, hoverinfo="text",
                customdata=[row.get("figure_id")] * 2, legendgroup="periods", legendgrouptitle_text="Periods",
                meta={"period": True},
            )
        )  # fmt: skip
    return traces


def _disagreement_trace(points: pd.DataFrame, y: str) -> list[go.Scatter]:
    if "authorities_disagree" not in points or not points["authorities_disagree"].fillna(False).any():
        return []
    marked = points[points["authorities_disagree"].fillna(False).astype(bool)]
    return [
        go.Scatter(
            x=marked["reference_year"].astype(int), y=marked[y], mode="markers",
            name="authorities disagree (table below)",
            marker=dict(symbol="circle-open", size=20, color=KEY_COLOUR, line=dict(width=1.5)), hoverinfo="skip",
            legendgroup="key", meta={"key": True},
        )
    ]  # fmt: skip


def _key_traces(qualifiers: set[str], has_range: bool) -> list[go.Scatter]:
    """Legend-only entries that explain the marker shapes actually used."""
    used = {marker_symbol(q) for q in qualifiers}
    shown = [entry for entry in MARKER_KEY if entry[0] in used]
    if has_range:
        shown.append(("line-ns-open", "range: bar to the upper value"))
    return [
        go.Scatter(
            x=[None], y=[None], mode="markers", name=label, legendgroup="key",
            legendgrouptitle_text="Markers" if i == 0 else None, hoverinfo="skip", meta={"key": True},
            marker=dict(symbol=symbol, color=KEY_COLOUR, size=9, line=dict(color=KEY_COLOUR, width=2)),
        )
        for i, (symbol, label) in enumerate(shown)
    ]  # fmt: skip


def is_period(points: pd.DataFrame) -> pd.Series:
    """Rows that describe part of a year or several years rather than one calendar year."""
    columns = [c for c in ("period_start", "period_end") if c in points]
    if not columns:
        return pd.Series(False, index=points.index)
    return points[columns].notna().any(axis=1)


def compare_chart(
    points: pd.DataFrame,
    title: str,
    y_title: str,
    source_line: str,
    y: str = "value",
    height: int = 480,
    theme: str = "light",
) -> go.Figure:
    """Annual figures: one series per country and authority, disagreement rings and a marker key.

    Figures for part of a year or several years are left out here: they belong in ``period_chart``.
    """
    annual = points[~is_period(points)]
    fig = go.Figure(_annual_traces(annual, y) + _disagreement_trace(annual, y))
    for trace in _key_traces(set(annual["qualifier"]), bool(annual["value_high"].notna().any())):
        fig.add_trace(trace)
    return style(fig, title, source_line, y_title, list(annual["reference_year"].astype(int)), height, theme)


def period_chart(
    periods: pd.DataFrame, title: str, y_title: str, source_line: str, y: str = "value", theme: str = "light"
) -> go.Figure:
    """Figures for part of a year or several years, each a bar over the period it covers."""
    years = [int(v) for v in periods["reference_year"]]
    starts = [int(str(s)[:4]) for s in periods["period_start"].dropna()]
    height = 260 + 28 * len(periods)
    return style(go.Figure(_period_traces(periods, y)), title, source_line, y_title, years + starts, height, theme)


def context_chart(
    series: pd.DataFrame,
    country_names: dict[str, str],
    title: str,
    y_title: str,
    source_line: str,
    breaks: pd.DataFrame | None = None,
    height: int = 320,
    theme: str = "light",
) -> go.Figure:
    """World Bank context lines, labelled as context; gaps stay gaps and method breaks are marked, not smoothed."""
    frame = series.rename(columns={"year": "reference_year"})
    traces = []
    for country, group in frame.groupby("country", sort=False):
        xs, ys = _with_gaps(group.sort_values("reference_year"), "value")
        traces.append(
            go.Scatter(
                x=xs, y=ys, mode="lines+markers", name=f"{country_names.get(country, country)} (context: World Bank)",
                line=dict(color=colour_of(country), width=2, dash="dot"), marker=dict(size=5, color=colour_of(country)),
                hovertemplate="%{x}: %{y:,.2f}<extra>" + html.escape(country) + "</extra>",
            )
        )  # fmt: skip
    years = list(frame["reference_year"].astype(int))
    fig = style(go.Figure(traces), title, source_line, y_title, years, height, theme)
    for row in (breaks if breaks is not None else pd.DataFrame(columns=["country", "year"])).itertuples():
        if pd.notna(row.year) and int(row.year) in set(years):
            fig.add_vline(
                x=int(row.year) - 0.5,
                line=dict(color=colour_of(row.country), dash="dash", width=1),
                annotation_text=f"series break ({html.escape(row.country)})",
                annotation_font=dict(size=10, color=THEMES[theme]["muted"]),
            )
    return fig


def coverage_heatmap(coverage: pd.DataFrame, year_from: int, year_to: int, theme: str = "light") -> go.Figure:
    """Rows = country and indicator, columns = years; empty cells are years without any figure."""
    coverage = coverage.assign(row=coverage["country_name"] + " · " + coverage["indicator_label"])
    rows = sorted(coverage["row"].unique(), reverse=True)
    years = list(range(year_from, year_to + 1))
    grid = coverage.pivot_table(index="row", columns="reference_year", values="figures", aggfunc="sum")
    grid = grid.reindex(index=rows, columns=years)
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(), x=years, y=rows, colorscale=[[0, "#c6dbef"], [1, "#08306b"]], xgap=2, ygap=2,
            hovertemplate="%{y}<br>%{x}: %{z} figure(s)<extra></extra>", colorbar=dict(title="figures"),
        )
    )  # fmt: skip
    fig.update_layout(
        height=max(320, 22 * len(rows) + 140),
        template=THEMES[theme]["template"],
        paper_bgcolor="rgba(0,0,0,0)",
        font=dict(color=THEMES[theme]["text"]),
        margin=dict(l=10, r=10, t=30, b=40),
    )
    fig.update_xaxes(tickformat="d", dtick=1 if len(years) <= 30 else 5, side="top")
    return fig


def chart_title(label: str, country_names: list[str], years: list[int], per_capita: bool = False) -> str:
    """'Trafficking victims identified per 100,000 people, Serbia and Kosovo, 2008-2024'."""
    names = country_names[0] if len(country_names) == 1 else ", ".join(country_names[:-1]) + " and " + country_names[-1]
    span = "" if not years else (f", {min(years)}" if min(years) == max(years) else f", {min(years)}–{max(years)}")
    return f"{label}{' per 100,000 people' if per_capita else ''}, {names}{span}"


def source_line(points: pd.DataFrame, per_capita: bool = False) -> str:
    column = "authority" if "authority" in points else "publisher"
    counted = sorted(set(points[column].dropna())) if len(points) else []
    shown = "; ".join(counted[:4]) + (f"; and {len(counted) - 4} more" if len(counted) > 4 else "")
    line = f"Source: {shown}. Figures as quoted in the sources, curated by tip-stats."
    if per_capita:
        line += " Rates use population from the World Bank (context: World Bank, WDI)."
    return line
