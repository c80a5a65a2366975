"""Figures explorer: every figure with its quote, source and authority; filter, search and download."""

import streamlit as st

from tip_stats import queries
from tip_stats.dashboard import explorer_panels, ui
from tip_stats.dashboard.cached import run
from tip_stats.dashboard.content import explorer
from tip_stats.settings import settings


def render() -> None:
    names, options, sources = ui.country_names(), run(queries.indicator_options), run(queries.sources)
    specs = explorer.specs(list(names), options, sources, settings().years)
    ui.url_values(specs, "explorer")
    st.title("Figures explorer")
    st.caption("Every curated figure with the sentence it was read from and who counted it. Filter, search, download.")
    explorer_panels.filter_controls(specs, names, options, sources)
    values = ui.current_values(specs, "explorer")
    query, filters = ui.mirror_to_url(values, specs), explorer.filters(values)
    matching = run(queries.figures_search_count, **filters)
    rows = run(queries.figures_search, **filters, limit=explorer.SHOWN_ROWS)
    st.markdown(explorer.count_line(matching, run(queries.figure_count)))
    if rows.empty:
        st.info("No figure matches these filters. Clear a filter or widen the years.")
    else:
        st.dataframe(rows, hide_index=True, column_order=explorer.TABLE_COLUMNS, column_config=ui.figure_columns())
    disagreements = run(queries.disagreements, values["indicator"], values["country"], *values["time"])
    if len(disagreements):
        with st.expander(f"Where authorities disagree ({len(disagreements)} figures)"):
            st.dataframe(disagreements, hide_index=True, column_order=explorer.TABLE_COLUMNS,
                         column_config=ui.figure_columns())  # fmt: skip
    explorer_panels.downloads(rows, matching, filters, query)
    ui.share_box(query, values, specs)
