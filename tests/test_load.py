"""A reduced load test in CI: several concurrent browser sessions against one server, no errors allowed.

The full-size run (20 sessions, 60 s) is `python benchmarks/load_test.py --results`; see benchmarks/RESULTS.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_concurrent_sessions_get_answers_without_errors(shipped_db):
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from load_test import run_load

    summary = run_load(shipped_db, sessions=5, seconds=20)
    assert summary["errors"] == 0, summary["error_samples"]
    assert summary["requests"] >= 5
    assert summary["server_peak_mib"] < 2048
