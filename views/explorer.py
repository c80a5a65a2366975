"""Figures explorer: every figure with its quote and source; filter, search and download."""

import streamlit as st

from tip_stats import export
from tip_stats.dashboard import ui
from tip_stats.dashboard.cached import export_bytes, run
from tip_stats.urlstate import Param

SHOWN_ROWS = 5_000
TABLE_COLUMNS = [
    "country_name",
    "indicator_label",
    "reference_year",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "breakdown_type",
    "breakdown",
    "quote",
    "publisher",
    "published",
    "source_title",
    "notes",
    "figure_id",
]
names = ui.country_names()
options = run("indicator_options")
sources = run("sources")
categories = sorted(options["category"].unique())
specs = [
    Param("country", "multi", [], list(names)),
    Param("indicator", "multi", [], list(options["code"])),
    Param("category", "multi", [], categories),
    Param("time", "range", (1990, 2025), bounds=(1990, 2025)),
    Param("source", "choice", "", ["", *sources["source_id"]]),
    Param("q", "text", ""),
]
ui.url_values(specs, "explorer")
labels = dict(zip(options["code"], options["label"], strict=True))
source_titles = {"": "All sources"} | {
    r.source_id: f"{r.publisher}: {r.title} ({r.published or 'undated'})" for r in sources.itertuples()
}

st.title("Figures explorer")
st.caption("Every curated figure with the sentence it was read from. Filter, search the quotes, and download.")
with st.container(border=True):
    first, second, third = st.columns(3)
    first.multiselect(
        "Countries and regions", list(names), format_func=names.get, key="explorer_country", placeholder="All"
    )
    second.multiselect(
        "Indicators", list(options["code"]), format_func=labels.get, key="explorer_indicator", placeholder="All"
    )
    third.multiselect("Categories", categories, key="explorer_category", placeholder="All")
    first, second, third = st.columns(3)
    first.slider("Reference years", 1990, 2025, key="explorer_time")
    second.selectbox("Source", list(source_titles), format_func=source_titles.get, key="explorer_source")
    third.text_input("Search quotes and notes", key="explorer_q", placeholder="e.g. begging")
values = {spec.name: st.session_state[f"explorer_{spec.name}"] for spec in specs}
query = ui.mirror_to_url(values, specs)

filters = dict(
    countries=values["country"],
    indicators=values["indicator"],
    categories=values["category"],
    year_from=values["time"][0],
    year_to=values["time"][1],
    source_id=values["source"],
    text=values["q"].strip(),
)
matching = run("figures_search_count", **filters)
rows = run("figures_search", **filters, limit=SHOWN_ROWS)
st.write(f"**{matching:,}** of {run('figure_count'):,} figures match.")
if rows.empty:
    st.info("No figure matches these filters. Clear a filter or widen the years.")
else:
    if matching > SHOWN_ROWS:
        st.caption(f"Showing the first {SHOWN_ROWS:,}; the download holds all {matching:,}.")
    st.dataframe(rows, hide_index=True, column_order=TABLE_COLUMNS, column_config=ui.figure_columns())
first, second, third = st.columns(3)
first.download_button(
    "Download filtered rows (CSV)",
    export.csv_bytes(rows) if matching <= SHOWN_ROWS else (lambda: export_bytes("csv", **filters)),
    "tip-stats-filtered.csv",
    "text/csv",
    on_click="ignore",
    key="explorer_filtered_csv",
    disabled=rows.empty,
)
second.download_button(
    "Download all figures (CSV)",
    lambda: export_bytes("csv"),
    "tip-stats-figures.csv",
    "text/csv",
    on_click="ignore",
    key="explorer_all_csv",
)
third.download_button(
    "Download all figures (Parquet)",
    lambda: export_bytes("parquet"),
    "tip-stats-figures.parquet",
    "application/vnd.apache.parquet",
    on_click="ignore",
    key="explorer_all_parquet",
)
st.caption(
    "CSV files are UTF-8 and safe to open in a spreadsheet: text that a spreadsheet would run as a "
    "formula starts with an apostrophe. Each row carries its source and quote."
)
ui.share_box(query)
