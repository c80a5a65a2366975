"""Sources: every report with its publisher, authority and date, and the figures read from the one chosen."""

import streamlit as st

from tip_stats import queries
from tip_stats.dashboard import ui
from tip_stats.dashboard.cached import memo, run
from tip_stats.dashboard.content import sources as content
from tip_stats.dashboard.content.text import escape_markdown
from tip_stats.urlstate import Param


def render() -> None:
    st.title("Sources")
    st.caption(
        "Each report or article, who published it and who counted the figures, and the figures read "
        "from it. In each quote the number is in bold; quotes are plain text, exactly as in the source."
    )
    sources = run(queries.sources)
    specs = [Param("source", "choice", sources["source_id"].iloc[0], list(sources["source_id"]))]
    ui.url_values(specs, "sources")
    st.dataframe(sources[list(content.TABLE_COLUMNS)], hide_index=True, column_config=content.TABLE_COLUMNS | {
        "url": st.column_config.LinkColumn("Link")})  # fmt: skip
    labels = memo(content.source_labels, ("source labels",), sources)
    chosen = st.selectbox("Show the figures of", list(sources["source_id"]), format_func=labels.get,
                          key="sources_source")  # fmt: skip
    query = ui.mirror_to_url({"source": chosen}, specs)
    source = sources.set_index("source_id").loc[chosen]
    st.caption(f"Counted by: {escape_markdown(source['authority'])}")
    if isinstance(source["notes"], str):
        st.caption(escape_markdown(source["notes"]))
    figures = run(queries.figures_of_source, chosen)
    if len(figures) > content.SHOWN_FIGURES:
        st.caption(f"Showing the first {content.SHOWN_FIGURES} of {len(figures)} figures; the explorer lists all.")
    for figure in figures.head(content.SHOWN_FIGURES).itertuples():
        for line in content.figure_markdown(figure):
            st.markdown(line)
    ui.share_box(query, {"source": chosen}, [Param("source", "choice", "", list(sources["source_id"]))])
    ui.cite_box(figures, query, str(source["title"]))
