"""Plotly figures as pure functions of DataFrames: no database, no Streamlit, testable on their own.

Design rules shared by every chart: one fixed colour-blind-safe colour per country (Okabe-Ito),
a marker for every figure, lines only between consecutive years, approximate and bounded
figures drawn differently and explained in the legend, integer year ticks, and a title and a
"Source:" line inside the figure so an exported PNG carries its own citation.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

COUNTRY_COLOURS = {
    "SRB": "#0072B2",  # blue
    "MNE": "#E69F00",  # orange
    "XKX": "#009E73",  # bluish green
    "SCG": "#CC79A7",
    "YUG": "#882255",
    "BALKANS": "#56B4E9",
    "WBALKANS": "#D55E00",
    "SEE": "#999933",
    "EUROPE": "#000000",
}
FALLBACK_COLOUR = "#7F7F7F"
APPROXIMATE = {"about", "nearly", "estimate"}
LOWER_BOUND = {"at least", "more than"}
UPPER_BOUND = {"up to", "as little as"}
MARKER_KEY = [
    ("circle", "exact figure"),
    ("circle-open", "approximate (about, nearly, estimate)"),
    ("triangle-up", "lower bound (at least, more than)"),
    ("triangle-down", "upper bound (up to, as little as)"),
]
TIER_LABELS = {1: "Tier 1", 2: "Tier 2", 2.5: "Tier 2 Watch List", 3: "Tier 3"}
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13, color="#1f2933")


def colour_of(country: str) -> str:
    return COUNTRY_COLOURS.get(country, FALLBACK_COLOUR)


def marker_symbol(qualifier: str) -> str:
    if qualifier in APPROXIMATE:
        return "circle-open"
    if qualifier in LOWER_BOUND:
        return "triangle-up"
    if qualifier in UPPER_BOUND:
        return "triangle-down"
    return "circle"


def format_value(value: float, unit: str, qualifier: str = "exact", value_high: float | None = None) -> str:
    """'about 40%', 'EUR 50 to 3,500', 'at least 1,400 persons': the value as a reader says it."""

    def number(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")

    text = number(value)
    if value_high is not None and not pd.isna(value_high):
        text += f" to {number(value_high)}"
    if unit == "percent":
        text += "%"
    elif unit == "tier":
        text = TIER_LABELS.get(value, f"Tier {text}")
    elif unit in {"USD", "EUR", "GBP", "RSD"}:
        text = f"{unit} {text}"
    elif unit not in {"persons", "cases"}:
        text += f" {unit}"
    return text if qualifier == "exact" else f"{qualifier} {text}"


def escape_for_hover(text: str, width: int = 70, limit: int = 420) -> str:
    """Document text shown as literal text: HTML-escaped, then wrapped with Plotly line breaks."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width))


def hover_text(row: pd.Series) -> str:
    parts = [
        f"<b>{html.escape(str(row['country_name']))}, {int(row['reference_year'])}</b>",
        html.escape(format_value(row["value"], row["unit"], row["qualifier"], row.get("value_high"))),
        f"Source: {html.escape(str(row['publisher']))} ({html.escape(str(row.get('published') or 'undated'))})",
        "“" + escape_for_hover(row["quote"]) + "”",
    ]
    if isinstance(row.get("also_reported"), str) and row["also_reported"]:
        parts.append("Also reported: " + escape_for_hover(row["also_reported"]))
    if isinstance(row.get("rate_note"), str):
        parts.append(html.escape(row["rate_note"]))
    return "<br>".join(parts)


def _with_gaps(points: pd.DataFrame, y: str) -> tuple[list, list]:
    """x/y arrays with a break wherever years are not consecutive, so lines never bridge a gap."""
    xs, ys, previous = [], [], None
    for year, value in zip(points["reference_year"], points[y], strict=True):
        if previous is not None and year - previous > 1:
            xs.append(None)
            ys.append(None)
        xs.append(int(year))
        ys.append(value)
        previous = year
    return xs, ys


def _country_traces(points: pd.DataFrame, y: str) -> list[go.Scatter]:
    traces = []
    for country, group in points.groupby("country", sort=False):
        group = group.sort_values("reference_year")
        colour = colour_of(country)
        name = str(group["country_name"].iloc[0])
        xs, ys = _with_gaps(group, y)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=colour, width=2),
                legendgroup=country,
                showlegend=False,
                hoverinfo="skip",
                name=name,
            )
        )
        has_range = group["value_high"].notna().any()
        error_y = None
        if has_range and y == "value":
            error_y = dict(
                type="data",
                symmetric=False,
                array=(group["value_high"] - group["value"]).fillna(0),
                arrayminus=[0] * len(group),
                color=colour,
                thickness=1.5,
                width=6,
            )
        traces.append(
            go.Scatter(
                x=group["reference_year"].astype(int),
                y=group[y],
                mode="markers",
                name=name,
                legendgroup=country,
                marker=dict(
                    color=colour,
                    size=10,
                    symbol=[marker_symbol(q) for q in group["qualifier"]],
                    line=dict(color=colour, width=2),
                ),
                error_y=error_y,
                hovertext=[hover_text(r) for _, r in group.iterrows()],
                hoverinfo="text",
                meta={"country": country},
            )
        )
    return traces


def _key_traces(qualifiers: set[str], has_range: bool) -> list[go.Scatter]:
    """Legend-only entries that explain the marker shapes actually used."""
    used = {marker_symbol(q) for q in qualifiers}
    traces = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=label,
            legendgroup="key",
            legendgrouptitle_text="Markers" if i == 0 else None,
            marker=dict(symbol=symbol, color="#555555", size=9, line=dict(color="#555555", width=2)),
            hoverinfo="skip",
            meta={"key": True},
        )
        for i, (symbol, label) in enumerate(s for s in MARKER_KEY if s[0] in used)
    ]
    if has_range:
        traces.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name="range: bar to the upper value",
                legendgroup="key",
                marker=dict(symbol="line-ns-open", color="#555555", size=12),
                hoverinfo="skip",
                meta={"key": True},
            )
        )
    return traces


def style(fig: go.Figure, title: str, source_line: str, y_title: str, years: list[int], height: int = 480) -> go.Figure:
    """Title, source line, integer year axis and a layout that survives PNG export."""
    span = (max(years) - min(years)) if years else 0
    fig.update_layout(
        title=dict(text=html.escape(title), x=0, xanchor="left", font=dict(size=18)),
        font=FONT,
        height=height,
        template="plotly_white",
        hovermode="closest",
        margin=dict(l=60, r=20, t=70, b=120),
        legend=dict(orientation="v", x=1.02, y=1, groupclick="toggleitem"),
        hoverlabel=dict(align="left", bgcolor="white", font_size=12),
    )
    compact = height < 400
    if compact:
        fig.update_layout(showlegend=False, margin=dict(l=40, r=10, t=50, b=80), title_font_size=14)
    fig.update_xaxes(
        title_text=None if compact else "Reference year",
        tickformat="d",
        dtick=1 if span <= 12 else None,
        showgrid=False,
    )
    fig.update_yaxes(title_text=html.escape(y_title), rangemode="tozero", separatethousands=True)
    if y_title == "tier":
        fig.update_yaxes(
            tickvals=list(TIER_LABELS),
            ticktext=list(TIER_LABELS.values()),
            range=[3.3, 0.7],
            title_text="TIP tier (Tier 1 is best)",
        )
    fig.add_annotation(
        text=escape_for_hover(source_line, width=70 if compact else 140),
        xref="paper",
        yref="paper",
        x=0,
        y=-0.12 if compact else -0.22,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font=dict(size=11, color="#52606d"),
        align="left",
    )
    return fig


def compare_chart(
    points: pd.DataFrame, title: str, y_title: str, source_line: str, y: str = "value", height: int = 480
) -> go.Figure:
    """One trace per country (markers; lines between consecutive years only) plus a marker key."""
    fig = go.Figure(_country_traces(points, y))
    for trace in _key_traces(set(points["qualifier"]), bool(points["value_high"].notna().any())):
        fig.add_trace(trace)
    return style(fig, title, source_line, y_title, list(points["reference_year"].astype(int)), height)


def context_chart(
    series: pd.DataFrame,
    country_names: dict[str, str],
    title: str,
    y_title: str,
    source_line: str,
    breaks: pd.DataFrame | None = None,
    height: int = 320,
) -> go.Figure:
    """World Bank context lines, labelled as context; gaps stay gaps and method breaks are marked, not smoothed."""
    frame = series.rename(columns={"year": "reference_year"})
    traces = []
    for country, group in frame.groupby("country", sort=False):
        xs, ys = _with_gaps(group.sort_values("reference_year"), "value")
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=f"{country_names.get(country, country)} (context: World Bank)",
                line=dict(color=colour_of(country), width=2, dash="dot"),
                marker=dict(size=5, color=colour_of(country)),
                hovertemplate="%{x}: %{y:,.2f}<extra>" + html.escape(country) + "</extra>",
            )
        )
    fig = style(go.Figure(traces), title, source_line, y_title, list(frame["reference_year"].astype(int)), height)
    years = set(frame["reference_year"].astype(int))
    for row in (breaks if breaks is not None else pd.DataFrame(columns=["country", "year"])).itertuples():
        if pd.notna(row.year) and int(row.year) in years:
            fig.add_vline(
                x=int(row.year) - 0.5,
                line=dict(color=colour_of(row.country), dash="dash", width=1),
                annotation_text=f"series break ({html.escape(row.country)})",
                annotation_font=dict(size=10, color="#52606d"),
            )
    return fig


def coverage_heatmap(coverage: pd.DataFrame, year_from: int, year_to: int) -> go.Figure:
    """Rows = country and indicator, columns = years; empty cells are years without any figure."""
    coverage = coverage.assign(row=coverage["country_name"] + " · " + coverage["indicator_label"])
    rows = sorted(coverage["row"].unique(), reverse=True)
    years = list(range(year_from, year_to + 1))
    grid = coverage.pivot_table(index="row", columns="reference_year", values="figures", aggfunc="sum")
    grid = grid.reindex(index=rows, columns=years)
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=years,
            y=rows,
            colorscale=[[0, "#c6dbef"], [1, "#08306b"]],
            hovertemplate="%{y}<br>%{x}: %{z} figure(s)<extra></extra>",
            xgap=2,
            ygap=2,
            colorbar=dict(title="figures"),
        )
    )
    fig.update_layout(
        height=max(320, 22 * len(rows) + 140), template="plotly_white", font=FONT, margin=dict(l=10, r=10, t=30, b=40)
    )
    fig.update_xaxes(tickformat="d", dtick=1 if len(years) <= 30 else 5, side="top")
    return fig


def chart_title(label: str, country_names: list[str], years: list[int], per_capita: bool = False) -> str:
    """'Trafficking victims identified per 100,000 people, Serbia and Kosovo, 2008-2024'."""
    names = country_names[0] if len(country_names) == 1 else ", ".join(country_names[:-1]) + " and " + country_names[-1]
    span = "" if not years else (f", {min(years)}" if min(years) == max(years) else f", {min(years)}–{max(years)}")
    return f"{label}{' per 100,000 people' if per_capita else ''}, {names}{span}"


def source_line(points: pd.DataFrame, per_capita: bool = False) -> str:
    publishers = sorted(set(points["publisher"])) if len(points) else []
    shown = "; ".join(publishers[:4]) + (f"; and {len(publishers) - 4} more" if len(publishers) > 4 else "")
    line = f"Source: {shown}. Figures as quoted in the sources, curated by tip-stats."
    if per_capita:
        line += " Rates use population from the World Bank (context: World Bank, WDI)."
    return line
