"""The Streamlit layer: the router, the caches around the database, shared widgets and one module per page.

Nothing outside this package (and the root app.py) imports Streamlit.
"""

from pathlib import Path

ROUTER_SCRIPT = str(Path(__file__).with_name("router.py"))
