"""The dashboard's main script: page set-up and navigation (app.py points Streamlit here)."""

import streamlit as st

from tip_stats import bootstrap
from tip_stats.dashboard.cached import DatabaseUnavailable
from tip_stats.dashboard.ui import presenting
from tip_stats.dashboard.views import compare, coverage, explorer, overview, sources

present = presenting()
st.set_page_config(
    page_title="tip-stats: trafficking statistics for Serbia, Montenegro and Kosovo",
    page_icon=":material/bar_chart:",
    layout="wide",
    initial_sidebar_state="collapsed" if present else "auto",
)

if bootstrap.needs_build():  # first start, or the curated data changed: build once, visibly
    with st.status("Building the database ...") as status:
        outcome = bootstrap.ensure_database()
        status.update(label=outcome.message, state="complete" if outcome.ok else "error")

compare_page = st.Page(compare.render, title="Compare over time", icon=":material/show_chart:", url_path="compare")
pages = [
    st.Page(lambda: overview.render(compare_page), title="Overview", icon=":material/home:", url_path="overview",
            default=True),
    compare_page,
    st.Page(explorer.render, title="Figures explorer", icon=":material/table_view:", url_path="explorer"),
    st.Page(sources.render, title="Sources", icon=":material/menu_book:", url_path="sources"),
    st.Page(coverage.render, title="Coverage & quality", icon=":material/grid_view:", url_path="coverage"),
]  # fmt: skip
page = st.navigation(pages, position="hidden" if present else "sidebar")
try:
    page.run()
except DatabaseUnavailable as err:
    st.error(str(err), icon=":material/error:")
