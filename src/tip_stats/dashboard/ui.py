"""Small Streamlit building blocks the pages share: URL state, notices, share box, downloads."""

from __future__ import annotations

import re
from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from tip_stats import urlstate
from tip_stats.dashboard.cached import run

FOCUS_COUNTRIES = ["SRB", "MNE", "XKX"]
URL_LIKE = re.compile(r"(?i)(://|www\.|@)")
WORD_JOINER = "\u2060"  # invisible; placed inside "://", "www." and "@" so no link is detected in a quote
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>#+\-.!|~$:@&\"']")


def figure_columns() -> dict:
    """Column labels for tables of figures, shared by every page that lists them."""
    return {
        "reference_year": st.column_config.NumberColumn("Year", format="%d"),
        "country_name": "Country",
        "indicator_label": "Indicator",
        "value": st.column_config.NumberColumn("Value"),
        "value_high": st.column_config.NumberColumn("Upper value"),
        "unit": "Unit",
        "qualifier": "Qualifier",
        "breakdown_type": "Breakdown",
        "breakdown": "Part",
        "quote": st.column_config.TextColumn("Quote", width="large"),
        "publisher": "Source",
        "published": "Published",
        "source_title": "Title",
        "notes": "Notes",
        "figure_id": "Figure id",
    }


def presenting() -> bool:
    values, _ = urlstate.read(st.query_params, [urlstate.Param("present", "flag", False)])
    return bool(values["present"])


def url_values(specs: Sequence[urlstate.Param], prefix: str) -> dict:
    """Values from the URL on a session's first run of the page, else from the widgets' session state."""
    values, notices = urlstate.read(st.query_params.to_dict(), specs)
    for notice in notices:
        st.warning(f"Link parameter ignored: {notice}. Showing the default instead.", icon=":material/warning:")
    for spec in specs:
        key = f"{prefix}_{spec.name}"
        if key not in st.session_state:
            st.session_state[key] = values[spec.name]
    return {spec.name: st.session_state[f"{prefix}_{spec.name}"] for spec in specs}


def mirror_to_url(values: dict, specs: Sequence[urlstate.Param]) -> str:
    """Write the page state into the address bar and return the query string."""
    encoded = urlstate.encode(values, specs)
    if presenting():
        encoded["present"] = "1"
    if st.query_params.to_dict() != encoded:
        st.query_params.from_dict(encoded)
    return urlstate.query_string(values, specs)


def share_box(query: str) -> None:
    base = str(getattr(st.context, "url", "") or "").split("?")[0]
    with st.expander("Share this view", icon=":material/link:"):
        st.caption(
            "Copy this link: it opens the same page with the same choices. Add `&present=1` for a "
            "presentation view without controls, or `&embed=true` to embed it in another page."
        )
        st.code(f"{base}?{query}", language=None, wrap_lines=True)


def escape_markdown(text: str) -> str:
    """Document text as literal Markdown: every character that Markdown, HTML or link detection could act on
    becomes a numeric character reference, which the renderer shows as that character and nothing more."""
    text = URL_LIKE.sub(lambda m: m.group(0)[0] + WORD_JOINER + m.group(0)[1:], " ".join(str(text).split()))
    return MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)


def quote_with_highlight(quote: str, span: tuple[int, int] | None) -> str:
    """The quote as escaped text, with the figure's number in bold."""
    if span is None:
        return escape_markdown(quote)
    start, end = span
    return (
        escape_markdown(quote[:start])
        + " **"
        + escape_markdown(quote[start:end]).strip()
        + "** "
        + escape_markdown(quote[end:])
    )


def chart_config(file_stem: str) -> dict:
    """Plotly mode-bar settings: the camera button saves a PNG with the title and source inside."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2, "width": 1200, "height": 650},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def chart_html(fig: go.Figure) -> bytes:
    """A standalone interactive page (plotly.js inlined) that opens offline."""
    return fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False}).encode("utf-8")


def country_names() -> dict[str, str]:
    table = run("countries")
    return dict(zip(table["code"], table["name"], strict=True))
