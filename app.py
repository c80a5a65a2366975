"""Entry point: `streamlit run app.py` serves the dashboard and its data API from one server.

Streamlit finds the ``app`` object below and runs the router script for every browser session;
the API routes under /api are answered by the same process, beside the pages.
"""

import streamlit as st

from tip_stats.api import routes
from tip_stats.dashboard import ROUTER_SCRIPT

app = st.App(ROUTER_SCRIPT, routes=routes())
