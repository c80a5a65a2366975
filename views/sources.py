"""Sources: each document with its publisher and date, and every figure taken from it."""

import pandas as pd
import streamlit as st

from tip_stats import charts, ui
from tip_stats.cached import run
from tip_stats.numbers import find_numbers, readings

st.title("Sources")
st.caption(
    "Each report or article, and the figures read from it. The number in each quote is in bold; "
    "quotes are shown as plain text exactly as they appear in the source."
)
sources = run("sources")


def number_span(quote: str, value: float, unit: str) -> tuple[int, int] | None:
    kind = "currency" if unit in {"USD", "EUR", "GBP", "RSD"} else unit
    for mention in find_numbers(quote):
        if any(abs(value - r) < 1e-9 for r in readings(mention, kind)):
            return mention.start, mention.end
    return None


for source in sources.itertuples():
    published = "undated" if pd.isna(source.published) else source.published
    header = f"{source.publisher}: {source.title} ({published}) · {source.figures} figure(s)"
    with st.expander(header):
        if isinstance(source.url, str):
            st.markdown(f"Link: <{source.url}>" if source.url.startswith("http") else "")
        if isinstance(source.document, str):
            st.caption(f"Read from the document {source.document}.")
        if isinstance(source.notes, str):
            st.caption(ui.escape_markdown(source.notes))
        for figure in run("figures_of_source", source.source_id).itertuples():
            value = charts.format_value(figure.value, figure.unit, figure.qualifier, figure.value_high)
            year = "year not stated" if pd.isna(figure.reference_year) else int(figure.reference_year)
            where = f"{figure.country_name}, {year}"
            st.markdown(
                f"**{ui.escape_markdown(figure.indicator_label)}** · {ui.escape_markdown(where)} · "
                f"{ui.escape_markdown(value)}"
            )
            span = number_span(figure.quote, figure.value, figure.unit)
            st.markdown("> " + ui.quote_with_highlight(figure.quote, span))
