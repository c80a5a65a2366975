"""Sources: every report with its publisher and date, and the figures read from the one chosen."""

import pandas as pd
import streamlit as st

from tip_stats import charts
from tip_stats.dashboard import ui
from tip_stats.dashboard.cached import memo, run
from tip_stats.numbers import find_numbers, readings
from tip_stats.urlstate import Param

SHOWN_FIGURES = 300

st.title("Sources")
st.caption(
    "Each report or article and the figures read from it. In each quote the number is in bold; quotes are shown "
    "as plain text, exactly as they appear in the source."
)
sources = run("sources")
specs = [Param("source", "choice", sources["source_id"].iloc[0], list(sources["source_id"]))]
ui.url_values(specs, "sources")
st.dataframe(
    sources[["publisher", "title", "published", "figures", "url", "document", "source_id"]],
    hide_index=True,
    column_config={
        "publisher": "Publisher",
        "title": "Title",
        "published": "Published",
        "figures": "Figures",
        "url": st.column_config.LinkColumn("Link"),
        "document": "Document",
        "source_id": "Source id",
    },
)


def labels() -> dict[str, str]:
    published = sources["published"].fillna("undated")
    return {
        row.source_id: f"{row.publisher}: {row.title} ({date}) · {row.figures} figure(s)"
        for row, date in zip(sources.itertuples(), published, strict=True)
    }


def number_span(quote: str, value: float, unit: str) -> tuple[int, int] | None:
    kind = "currency" if unit in {"USD", "EUR", "GBP", "RSD"} else unit
    for mention in find_numbers(quote):
        if any(abs(value - r) < 1e-9 for r in readings(mention, kind)):
            return mention.start, mention.end
    return None


source_labels = memo(labels, ("source labels",))
chosen = st.selectbox(
    "Show the figures of", list(sources["source_id"]), format_func=source_labels.get, key="sources_source"
)
query = ui.mirror_to_url({"source": chosen}, specs)
source = sources.set_index("source_id").loc[chosen]
if isinstance(source["notes"], str):
    st.caption(ui.escape_markdown(source["notes"]))
figures = run("figures_of_source", chosen)
if len(figures) > SHOWN_FIGURES:
    st.caption(f"Showing the first {SHOWN_FIGURES} of {len(figures)} figures; the Figures explorer lists them all.")
for figure in figures.head(SHOWN_FIGURES).itertuples():
    value = charts.format_value(figure.value, figure.unit, figure.qualifier, figure.value_high)
    year = "year not stated" if pd.isna(figure.reference_year) else int(figure.reference_year)
    st.markdown(
        f"**{ui.escape_markdown(figure.indicator_label)}** · {ui.escape_markdown(f'{figure.country_name}, {year}')}"
        f" · {ui.escape_markdown(value)}"
    )
    span = number_span(figure.quote, figure.value, figure.unit)
    st.markdown("> " + ui.quote_with_highlight(figure.quote, span))
ui.share_box(query)
