"""The row rules of schema.py on small frames: partial dates, periods, years that are not values,
revisions and breakdowns (the validator's tests cover the same rules end to end)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tip_stats.figure_rules import (
    breakdowns_within_totals,
    date_span,
    periods_in_order,
    supersedes_valid,
    undated_by_note,
    value_only_as_year,
)
from tip_stats.schema import normalise_whitespace


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2019", (date(2019, 1, 1), date(2019, 12, 31))),
        ("2019-02", (date(2019, 2, 1), date(2019, 2, 28))),
        ("2020-02", (date(2020, 2, 1), date(2020, 2, 29))),
        ("2019-12", (date(2019, 12, 1), date(2019, 12, 31))),
        ("2019-11", (date(2019, 11, 1), date(2019, 11, 30))),
        ("2019-03-15", (date(2019, 3, 15), date(2019, 3, 15))),
        ("2019-02-30", None),
        ("2019-13", None),
        ("19", None),
        ("2019/03", None),
        (None, None),
        (2019, None),
    ],
)
def test_a_partial_date_covers_its_whole_month_or_year(text, span):
    assert date_span(text) == span


@pytest.mark.parametrize(
    ("start", "end", "ordered"),
    [
        ("2019", "2019-01", True),  # the year contains the month
        ("2019-12", "2019", True),
        ("2019-03-02", "2019-03-01", False),
        ("2020", "2019-12-31", False),
        ("2019-05", "2019-05-01", True),
        ("2019-05-31", "2019-05", True),
        (None, "2019", True),
        ("2019", "not a date", True),
    ],
)
def test_a_period_may_not_end_before_it_starts(start, end, ordered):
    assert periods_in_order(start, end) is ordered


def test_undated_rows_are_those_whose_note_starts_with_undated():
    notes = pd.Series(["Undated baseline", "undated", None, "An Undated one", "Undated"])
    assert undated_by_note(notes).tolist() == [True, False, False, False, True]


@pytest.mark.parametrize(
    ("value", "quote", "only_year"),
    [
        (2003, "in 2003 the police", True),
        (2003, "Since 2003, nothing", True),
        (2003, "between 2003-2004", True),
        (2003, "a rise (2003) was", True),
        (2003, "in March 2003", True),
        (2003, "in 2003, 2003 victims", False),
        (2003, "between 2003 and 2003", True),  # "and" reads as a year range
        (2003, "2003 victims were found", False),
        (2003, "a total of 2,003 victims", False),
        (2003, "the 12003 cases", False),
        (2003, "nothing here", False),
        (2003.5, "in 2003.5", False),
        (1799, "in 1799", False),
        (2101, "in 2101", False),
        (2003, None, False),
        (float("nan"), "in 2003", False),
    ],
)
def test_a_value_that_is_only_a_year_in_its_quote(value, quote, only_year):
    assert value_only_as_year(value, "persons", quote) is only_year


def figures(rows: list[dict]) -> pd.DataFrame:
    base = {
        "country": "SRB",
        "indicator": "victims_identified",
        "reference_year": 2019,
        "source_id": "s1",
        "period_start": None,
        "period_end": None,
        "unit": "persons",
        "breakdown_type": "total",
        "breakdown": None,
        "supersedes": None,
    }
    return pd.DataFrame([base | row for row in rows])


def test_breakdowns_must_fit_within_their_total_and_additive_ones_in_sum():
    frame = figures(
        [
            {"figure_id": "a", "value": 48.0},
            {"figure_id": "b", "value": 30.0, "breakdown_type": "sex", "breakdown": "female"},
            {"figure_id": "c", "value": 20.0, "breakdown_type": "sex", "breakdown": "male"},
            {"figure_id": "d", "value": 49.0, "breakdown_type": "age", "breakdown": "child"},
            {"figure_id": "e", "value": 5.0, "breakdown_type": "sex", "breakdown": "female", "reference_year": 2020},
        ]
    )
    assert breakdowns_within_totals(frame, {"victims_identified"}).tolist() == [True, False, False, False, True]
    assert breakdowns_within_totals(frame, set()).tolist() == [True, True, True, False, True]


def test_a_breakdown_equal_to_its_total_fits():
    frame = figures([{"value": 10.0}, {"value": 10.0, "breakdown_type": "sex", "breakdown": "female"}])
    assert breakdowns_within_totals(frame, {"victims_identified"}).tolist() == [True, True]


def test_a_revision_names_an_earlier_figure_of_the_same_point_from_another_source():
    frame = figures(
        [
            {"figure_id": "t1", "value": 48.0},
            {"figure_id": "t7", "value": 49.0, "source_id": "s2", "supersedes": "t1"},
            {"figure_id": "t8", "value": 50.0, "source_id": "s1", "supersedes": "t1"},  # same source
            {"figure_id": "t9", "value": 50.0, "source_id": "s3", "supersedes": "zz"},  # unknown figure
            {"figure_id": "t10", "value": 5.0, "source_id": "s3", "supersedes": "t1", "reference_year": 2020},
            {
                "figure_id": "t11",
                "value": 5.0,
                "source_id": "s3",
                "supersedes": "t1",
                "breakdown_type": "sex",
                "breakdown": "male",
            },  # fmt: skip
        ]
    )
    assert supersedes_valid(frame).tolist() == [True, True, False, False, False, False]
    assert supersedes_valid(frame.iloc[:1]).tolist() == [True]


def test_quotes_and_documents_are_compared_with_whitespace_runs_as_one_space():
    assert normalise_whitespace("  48 victims\n\tin   2019 ") == "48 victims in 2019"
