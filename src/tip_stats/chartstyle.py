"""The look every chart shares: colours, marker shapes, value wording, hover text, layout and alt text.

Design rules: one fixed colour-blind-safe colour per country (Okabe-Ito) on every page; marker
shape tells the qualifier, line dash tells the authority; a title and a "Source:" line inside the
figure so an exported image carries its own citation; integer year ticks; a legend under the plot
so a phone-width chart keeps its plot area; colours that read on the light and the dark theme.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from tip_stats.vocabulary import COUNT_UNITS, CURRENCIES, TIER_LABELS

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
AUTHORITY_DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
APPROXIMATE = {"about", "nearly", "estimate"}
LOWER_BOUND = {"at least", "more than"}
UPPER_BOUND = {"up to", "as little as"}
MARKER_KEY = [
    ("circle", "exact figure"),
    ("circle-open", "approximate (about, nearly, estimate)"),
    ("triangle-up", "lower bound (at least, more than)"),
    ("triangle-down", "upper bound (up to, as little as)"),
]
THEMES = {
    "light": {"template": "plotly_white", "text": "#1f2933", "muted": "#52606d", "hover_bg": "white"},
    "dark": {"template": "plotly_dark", "text": "#e4e7eb", "muted": "#9aa5b1", "hover_bg": "#1f2933"},
}
TITLE_WIDTH = 40  # characters per title line: a title wraps within a 390 px phone screen instead of being cut


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
    """'about 40%', 'EUR 50 to 3,500', 'at least 1,400': the value as a reader says it."""

    def number(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")

    text = number(value)
    if value_high is not None and not pd.isna(value_high):
        text += f" to {number(value_high)}"
    if unit == "percent":
        text += "%"
    elif unit == "tier":
        text = TIER_LABELS.get(float(value), f"Tier {text}")
    elif unit in CURRENCIES:
        text = f"{unit} {text}"
    elif unit not in COUNT_UNITS:
        text += f" {unit}"
    return text if qualifier == "exact" else f"{qualifier} {text}"


def edition_label(reference_year: int) -> str:
    """A TIP tier is published in the report of the year after the one it assesses."""
    return f"{reference_year + 1} report (covers {reference_year})"


def period_label(row: pd.Series) -> str | None:
    start, end = row.get("period_start"), row.get("period_end")
    if not isinstance(start, str) and not isinstance(end, str):
        return None
    return f"{start or '?'} to {end or '?'}"


def escape_for_hover(text: str, width: int = 70, limit: int = 420) -> str:
    """Document text shown as literal text: HTML-escaped, then wrapped with Plotly line breaks."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width))


def hover_text(row: pd.Series) -> str:
    year = int(row["reference_year"])
    when = edition_label(year) if row["unit"] == "tier" else (period_label(row) or str(year))
    parts = [
        f"<b>{html.escape(str(row['country_name']))}, {html.escape(when)}</b>",
        html.escape(format_value(row["value"], row["unit"], row["qualifier"], row.get("value_high"))),
        f"Counted by: {html.escape(str(row.get('authority') or row['publisher']))}",
        f"Source: {html.escape(str(row['publisher']))} ({html.escape(str(row.get('published') or 'undated'))})",
        "“" + escape_for_hover(row["quote"]) + "”",
    ]
    for key, label in [("also_reported", "Also reported"), ("rate_note", None)]:
        if isinstance(row.get(key), str) and row[key]:
            parts.append((f"{label}: " if label else "") + escape_for_hover(row[key]))
    if row.get("authorities_disagree") is True:
        parts.append("<i>Other authorities give a different number for this year (see the table).</i>")
    return "<br>".join(parts)


def wrap_title(title: str) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(title, TITLE_WIDTH))


def style(
    fig: go.Figure,
    title: str,
    source_line: str,
    y_title: str,
    years: list[int],
    height: int = 480,
    theme: str = "light",
) -> go.Figure:
    """Title with the source line under it (so an exported image cites itself), integer year axis, legend
    under the plot, and the chosen theme's colours."""
    colours = THEMES.get(theme, THEMES["light"])
    span = (max(years) - min(years)) if years else 0
    compact = height < 400
    source = escape_for_hover(source_line, width=60)
    top = 50 + 22 * (wrap_title(title).count("<br>") + 1) + 18 * (source.count("<br>") + 1)
    fig.update_layout(
        title=dict(
            text=wrap_title(title),
            x=0,
            xanchor="left",
            font=dict(size=14 if compact else 17),
            subtitle=dict(text=source, font=dict(size=11, color=colours["muted"])),
        ),
        font=dict(family="Source Sans Pro, Arial, sans-serif", size=13, color=colours["text"]),
        height=height,
        template=colours["template"],
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        hovermode="closest",
        margin=dict(l=55, r=40, t=top, b=30),
        legend=dict(orientation="h", x=0, y=-0.08, yanchor="top", groupclick="toggleitem"),
        modebar=dict(orientation="v"),
        hoverlabel=dict(align="left", bgcolor=colours["hover_bg"], font_size=12),
        showlegend=not compact,
    )
    fig.update_xaxes(tickformat="d", dtick=1 if span <= 12 else None, showgrid=False)
    fig.update_yaxes(title_text=html.escape(y_title), rangemode="tozero", separatethousands=True)
    if y_title == "tier":
        fig.update_yaxes(
            tickvals=list(TIER_LABELS),
            ticktext=list(TIER_LABELS.values()),
            range=[3.3, 0.7],
            title_text="TIP tier (Tier 1 is best)",
        )
    return fig


def alt_text(points: pd.DataFrame, title: str) -> str:
    """What a screen reader hears for a chart: what it shows and each series' latest value."""
    if points.empty:
        return f"{title}: no figures."
    years = points["reference_year"].astype(int)
    latest = points.sort_values("reference_year").groupby("country_name", sort=False).tail(1)
    values = "; ".join(
        f"{row.country_name} {format_value(row.value, row.unit, row.qualifier, row.value_high)}"
        f" in {int(row.reference_year)}"
        for row in latest.itertuples()
    )
    return (
        f"Chart: {title}. {len(points)} figure(s) from {years.min()} to {years.max()}. "
        f"Latest: {values}. The table below the chart lists every figure with its source and quote."
    )
