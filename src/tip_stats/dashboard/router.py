"""The dashboard's main script: page set-up and navigation (app.py points Streamlit here)."""

import streamlit as st

from tip_stats import bootstrap
from tip_stats.dashboard.cached import DatabaseUnavailable
from tip_stats.dashboard.ui import presenting
from tip_stats.settings import settings

VIEWS = str(settings().home / "views")
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

pages = [
    st.Page(VIEWS + "/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page(VIEWS + "/compare.py", title="Compare over time", icon=":material/show_chart:", url_path="compare"),
    st.Page(VIEWS + "/explorer.py", title="Figures explorer", icon=":material/table_view:", url_path="explorer"),
    st.Page(VIEWS + "/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
    st.Page(VIEWS + "/coverage.py", title="Coverage & quality", icon=":material/grid_view:", url_path="coverage"),
]
page = st.navigation(pages, position="hidden" if present else "sidebar")
try:
    page.run()
except DatabaseUnavailable as err:
    st.error(str(err), icon=":material/error:")
