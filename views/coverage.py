"""Coverage & quality: which country has which indicator in which year, and what the validator checked."""

import json

import streamlit as st

from tip_stats import charts
from tip_stats.dashboard import ui
from tip_stats.dashboard.cached import memo, run

st.title("Coverage & quality")
coverage = run("coverage")
names = ui.country_names()
chosen = st.multiselect(
    "Countries", list(names), default=ui.FOCUS_COUNTRIES, format_func=names.get, key="coverage_country"
)
shown = coverage[coverage["country"].isin(chosen)] if chosen else coverage
if shown.empty:
    st.info("No dated figure for these countries in the documents.")
else:
    first, last = int(shown["reference_year"].min()), int(shown["reference_year"].max())
    st.caption(
        f"Each cell counts the figures (totals and breakdowns) for a country, indicator and year, "
        f"{first}–{last}. Empty cells are years the documents give no figure for."
    )
    st.plotly_chart(
        memo(charts.coverage_heatmap, tuple(chosen), shown, first, last),
        key="coverage_heatmap",
        config=ui.chart_config("coverage"),
    )

st.subheader("Validation of the current database")
info = run("build_info")
summary = json.loads(info.get("summary", "{}"))
a, b, c, d = st.columns(4)
a.metric("Figures", summary.get("figures", 0))
b.metric("Sources", summary.get("sources", 0))
c.metric("Rules checked", len(summary.get("rules", [])))
d.metric("Context rows (World Bank)", int(info.get("context_rows", 0)))
st.caption(
    f"Built {info.get('built_at', '?')}. Every figure passed every rule; quotes were checked verbatim "
    f"against {len(summary.get('documents_checked', []))} source document(s)."
)
st.dataframe({"rule": summary.get("rules", [])}, hide_index=True)
st.dataframe(run("coverage_by_country"), hide_index=True)
