"""The dashboard's caches: results are keyed by what determines them, and queries are passed as functions."""

from __future__ import annotations

import pandas as pd

from tip_stats import queries
from tip_stats.dashboard import cached


def test_memo_is_keyed_by_its_key_not_by_its_arguments(app_env):
    calls = []

    def double(value):
        calls.append(value)
        return value * 2

    assert cached.memo(double, ("memo-test", "a"), 1) == 2
    assert cached.memo(double, ("memo-test", "b"), 5) == 10  # another key: computed again
    assert cached.memo(double, ("memo-test", "a"), 99) == 2  # same key: the stored result, arguments not hashed
    assert calls == [1, 5]


def test_run_calls_the_query_function_with_a_connection(app_env):
    countries = cached.run(queries.countries)
    assert isinstance(countries, pd.DataFrame) and "SRB" in set(countries["code"])
    assert cached.run(queries.figure_count) == 16
    first = cached.run(queries.chart_points, "victims_identified", ["SRB"], 2019, 2019)
    other = cached.run(queries.chart_points, "victims_identified", ["XKX"], 2019, 2025)
    assert set(first["country"]) == {"SRB"} and set(other["country"]) == {"XKX"}
