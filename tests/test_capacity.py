"""A short capacity run in CI: locust sessions speaking Streamlit's websocket protocol against one real server.

The full table (10 to 200 sessions, 60 s each, beside a floor app) is `python benchmarks/capacity.py --results`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from test_browser import serve

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from capacity import measure  # noqa: E402
from streamlit_session import StreamlitSession  # noqa: E402

pytestmark = pytest.mark.slow


def test_a_protocol_session_sees_the_view_its_link_asks_for(shipped_db):
    with serve(shipped_db) as app, StreamlitSession(app.url) as session:
        compare = session.rerun("compare", "indicator=tip_tier&country=XKX&time=2005..2020")
        explorer = session.rerun("explorer", "country=MNE")
        missing = session.rerun("no-such-page")
    assert compare.problems == [] and "indicator=tip_tier" in compare.query_string
    assert "country=XKX" in compare.query_string and "time=2005..2020" in compare.query_string
    assert explorer.problems == [] and "country=MNE" in explorer.query_string
    assert any("page not found" in problem for problem in missing.problems)


def test_ten_sessions_for_fifteen_seconds_without_errors(shipped_db):
    result = measure(shipped_db, sessions=10, seconds=15)
    assert result["errors"] == 0, result["error_samples"]
    assert result["reruns"] >= 10
    assert result["server_rss_mib"] < 1024
