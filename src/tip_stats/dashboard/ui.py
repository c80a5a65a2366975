"""Streamlit building blocks the pages share: URL state, controls, notices, charts, share box, downloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from tip_stats import package, queries, urlstate
from tip_stats.dashboard.cached import run
from tip_stats.dashboard.content import share
from tip_stats.dashboard.content.text import escape_markdown

IMAGE_FORMATS = ["png", "svg"]


@dataclass(frozen=True)
class Control:
    """A widget bound to a URL parameter (its session-state key is ``<page>_<param>``)."""

    param: urlstate.Param
    label: str
    format_func: Callable | None = None
    help: str | None = None
    disabled: bool = False


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
    return current_values(specs, prefix)


def current_values(specs: Sequence[urlstate.Param], prefix: str) -> dict:
    return {spec.name: st.session_state[f"{prefix}_{spec.name}"] for spec in specs}


def draw_controls(controls: Sequence[Control], prefix: str) -> None:
    """One widget per control, chosen by the parameter's kind."""
    for control in controls:
        spec, key = control.param, f"{prefix}_{control.param.name}"
        common = dict(key=key, help=control.help, disabled=control.disabled)
        if spec.kind == "choice":
            st.selectbox(control.label, list(spec.options), format_func=control.format_func or str, **common)
        elif spec.kind == "multi":
            st.multiselect(control.label, list(spec.options), format_func=control.format_func or str, **common)
        elif spec.kind == "range":
            st.slider(control.label, *spec.bounds, **common)
        elif spec.kind == "flag":
            st.toggle(control.label, **common)


def mirror_to_url(values: dict, specs: Sequence[urlstate.Param]) -> str:
    """Write the page state into the address bar and return the query string."""
    encoded = urlstate.encode(values, specs)
    if presenting():
        encoded["present"] = "1"
    if st.query_params.to_dict() != encoded:
        st.query_params.from_dict(encoded)
    return urlstate.query_string(values, specs)


def page_url() -> str:
    return str(getattr(st.context, "url", "") or "")


def share_box(query: str, values: dict | None = None, specs: Sequence[urlstate.Param] | None = None) -> None:
    """The view's link, and (given the page's values and specs) the same figures' link in the data API."""
    with st.expander("Share this view", icon=":material/link:"):
        st.caption(
            "Copy this link: it opens the same page with the same choices. Add `&present=1` for a "
            "presentation view without controls, or `&embed=true` to embed it in another page."
        )
        st.code(share.view_url(page_url(), query), language=None, wrap_lines=True)
        if values is not None and specs is not None:
            st.caption("The same figures for a script (CSV; also .json, .parquet and .zip):")
            st.code(urlstate.api_url(share.server_root(page_url()), values, specs), language=None, wrap_lines=True)


def zip_button(frame, label: str, file_name: str, key: str, query: str) -> None:
    """A zip of the figures with a README (sources, authorities, caveats, licence, citation) and datapackage.json."""
    view = share.view_url(page_url(), query)
    built_at = run(queries.build_info).get("built_at")
    definitions = dict(run(queries.indicator_options)[["code", "definition"]].itertuples(index=False))
    rows = frame[queries.EXPORT_COLUMN_NAMES]
    st.download_button(label, lambda: package.zip_bytes(rows, view, built_at, definitions=definitions), file_name,
                       "application/zip", on_click="ignore", key=key)  # fmt: skip


def cite_box(frame, query: str, title: str) -> None:
    """A ready citation: this dashboard view with its address and access date, then the original sources."""
    if frame.empty:
        return
    built_at = run(queries.build_info).get("built_at")
    with st.expander("Cite this", icon=":material/format_quote:"):
        st.caption("Cite the original sources for the numbers; cite tip-stats for the selection and curation.")
        citation = package.cite_view(frame[queries.EXPORT_COLUMN_NAMES], share.view_url(page_url(), query),
                                     built_at=built_at, title=title)  # fmt: skip
        st.code(citation, language=None, wrap_lines=True)


def theme() -> str:
    kind = getattr(getattr(st.context, "theme", None), "type", None)
    return "dark" if kind == "dark" else "light"


def chart_config(file_stem: str, image_format: str = "png") -> dict:
    """Plotly mode-bar settings: the camera button saves the chart (title and source inside) as PNG or SVG."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": image_format,
            "filename": file_stem,
            "scale": 2,
            "width": 1200,
            "height": 650,
        },
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def show_chart(fig: go.Figure, key: str, file_stem: str, alt: str, image_format: str = "png", clickable=False):
    """Draw a chart with its text alternative; clickable charts return the selection event."""
    return st.plotly_chart(
        fig,
        key=key,
        config=chart_config(file_stem, image_format),
        on_select="rerun" if clickable else "ignore",
        selection_mode="points",
        alt=alt,
    )


def chart_html(fig: go.Figure) -> bytes:
    """A standalone interactive page (plotly.js inlined) that opens offline."""
    return fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False}).encode("utf-8")


def show_details(details: list[tuple[str, str]]) -> None:
    """Label and document text pairs, the text always escaped (quotes are data, never markup)."""
    with st.container(border=True):
        for label, text in details:
            st.markdown(f"**{label}:** {escape_markdown(text)}")


def country_names() -> dict[str, str]:
    table = run(queries.countries)
    return dict(zip(table["code"], table["name"], strict=True))


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
        "quote_en": st.column_config.TextColumn("Our translation", width="medium"),
        "authority": "Counted by",
        "publisher": "Published by",
        "published": "Published",
        "source_title": "Title",
        "notes": "Notes",
        "figure_id": "Figure id",
        "Quote": st.column_config.TextColumn("Quote", width="large"),
    }
