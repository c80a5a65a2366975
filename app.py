"""tip-stats dashboard: a router over the pages in views/ (run with `streamlit run app.py`)."""

import streamlit as st

from tip_stats.cached import DatabaseUnavailable
from tip_stats.ui import presenting

present = presenting()
st.set_page_config(
    page_title="tip-stats: trafficking statistics for Serbia, Montenegro and Kosovo",
    page_icon=":material/bar_chart:",
    layout="wide",
    initial_sidebar_state="collapsed" if present else "auto",
)

pages = [
    st.Page("views/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("views/compare.py", title="Compare over time", icon=":material/show_chart:", url_path="compare"),
    st.Page("views/explorer.py", title="Figures explorer", icon=":material/table_view:", url_path="explorer"),
    st.Page("views/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
    st.Page("views/coverage.py", title="Coverage & quality", icon=":material/grid_view:", url_path="coverage"),
]
page = st.navigation(pages, position="hidden" if present else "sidebar")
try:
    page.run()
except DatabaseUnavailable as err:
    st.error(str(err), icon=":material/error:")
