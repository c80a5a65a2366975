"""Coverage & quality: which country has which indicator in which year, and what the validator checked."""

import streamlit as st

from tip_stats import charts, queries
from tip_stats.changelog import changelog_table
from tip_stats.dashboard import ui
from tip_stats.dashboard.cached import memo, run
from tip_stats.dashboard.content import coverage as content
from tip_stats.vocabulary import FOCUS_COUNTRIES


def render() -> None:
    st.title("Coverage & quality")
    names = ui.country_names()
    chosen = st.multiselect("Countries", list(names), default=FOCUS_COUNTRIES, format_func=names.get,
                            key="coverage_country")  # fmt: skip
    shown = content.shown_coverage(run(queries.coverage), chosen)
    if shown.empty:
        st.info("No dated figure for these countries in the documents.")
    else:
        first, last = content.year_span(shown)
        st.caption(f"Each cell counts the figures (totals and breakdowns) for a country, indicator and year, "
                   f"{first}–{last}. Empty cells are years the documents give no figure for.")  # fmt: skip
        fig = memo(charts.coverage_heatmap, (tuple(chosen), ui.theme()), shown, first, last, ui.theme())
        ui.show_chart(
            fig, "coverage_heatmap", "coverage", f"Heatmap of figures per indicator and year, {first}–{last}."
        )
    if chosen:
        _authority_grids(chosen, names)
    st.subheader("Validation of the current database")
    summary = content.build_summary(run(queries.build_info))
    a, b, c, d = st.columns(4)
    a.metric("Figures", summary["figures"])
    b.metric("Sources", summary["sources"])
    c.metric("Rules checked", len(summary["rules"]))
    d.metric("Context rows (World Bank)", summary["context_rows"])
    st.caption(content.quote_coverage(summary))
    st.dataframe({"rule": summary["rules"]}, hide_index=True)
    st.dataframe(run(queries.coverage_by_country), hide_index=True)
    st.subheader("Data changelog")
    st.caption("Every build of the database: when, and which figures it added, changed or removed.")
    st.dataframe(changelog_table(run(queries.changelog)), hide_index=True)


def _authority_grids(chosen: list[str], names: dict[str, str]) -> None:
    st.subheader("Authorities per indicator and year")
    st.caption(
        "How many authorities (State Department, police, GRETA, ...) gave an annual total. Two or more can be "
        "compared side by side on Compare; an empty cell is a year no authority covers in our sources."
    )
    indicators = run(queries.indicator_options)
    for tab, code in zip(st.tabs([names[code] for code in chosen]), chosen, strict=True):
        tab.dataframe(content.authority_grid(run(queries.authority_coverage, code), indicators))
