"""The Figures explorer's parts: its filter controls and its downloads."""

import streamlit as st

from tip_stats import export
from tip_stats.dashboard import ui
from tip_stats.dashboard.cached import export_bytes
from tip_stats.dashboard.content import explorer
from tip_stats.settings import settings


def filter_controls(specs, names, options, sources) -> None:
    by_name = {spec.name: spec for spec in specs}
    labels = dict(zip(options["code"], options["label"], strict=True))
    with st.container(border=True):
        first, second, third = st.columns(3)
        first.multiselect("Countries and regions", by_name["country"].options, format_func=names.get,
                          key="explorer_country", placeholder="All")  # fmt: skip
        second.multiselect("Indicators", by_name["indicator"].options, format_func=labels.get,
                           key="explorer_indicator", placeholder="All")  # fmt: skip
        third.multiselect("Categories", by_name["category"].options, key="explorer_category", placeholder="All")
        first, second, third = st.columns(3)
        first.slider("Reference years", *settings().years, key="explorer_time")
        titles = explorer.source_titles(sources)
        second.selectbox("Source", list(titles), format_func=titles.get, key="explorer_source")
        third.text_input("Search quotes and notes", key="explorer_q", placeholder="e.g. begging")


def downloads(rows, matching: int, filters: dict, query: str) -> None:
    first, second, third, fourth = st.columns(4)
    filtered = export.csv_bytes(rows) if matching <= explorer.SHOWN_ROWS else (lambda: export_bytes("csv", **filters))
    first.download_button("Download filtered rows (CSV)", filtered, "tip-stats-filtered.csv", "text/csv",
                          on_click="ignore", key="explorer_filtered_csv", disabled=rows.empty)  # fmt: skip
    second.download_button("Download all figures (CSV)", lambda: export_bytes("csv"), "tip-stats-figures.csv",
                           "text/csv", on_click="ignore", key="explorer_all_csv")  # fmt: skip
    third.download_button("Download all figures (Parquet)", lambda: export_bytes("parquet"),
                          "tip-stats-figures.parquet", "application/vnd.apache.parquet", on_click="ignore",
                          key="explorer_all_parquet")  # fmt: skip
    with fourth:
        ui.zip_button(rows, "Filtered rows with README (ZIP)", "tip-stats-filtered.zip", "explorer_zip", query)
    st.caption("CSV files are UTF-8 and safe to open in a spreadsheet: text that a spreadsheet would run as a "
               "formula starts with an apostrophe. Each row carries its source, authority and quote.")  # fmt: skip
