"""Per-100,000 rates against hand-computed values; no population, no rate."""

import pandas as pd
import pytest

from tip_stats.rates import per_100k


def test_rates_use_the_same_country_and_year():
    points = pd.DataFrame(
        {
            "country": ["SRB", "MNE", "XKX"],
            "reference_year": [2019, 2019, 2020],
            "value": [48.0, 6.0, 17.0],
            "value_high": [None, 9.0, None],
        }
    )
    population = pd.DataFrame(
        {
            "country": ["SRB", "MNE", "MNE", "XKX"],
            "year": [2019, 2019, 2020, 2019],
            "value": [6_945_235.0, 622_028.0, 621_306.0, 1_788_878.0],
        }
    )
    rated, dropped = per_100k(points, population)
    # 48 / 6,945,235 * 100,000 = 0.69112...; 6 / 622,028 * 100,000 = 0.96458...
    assert rated["value"].tolist() == pytest.approx([0.691121, 0.964587], rel=1e-5)
    assert rated["value_high"].tolist()[1] == pytest.approx(1.446880, rel=1e-5)
    assert dropped[["country", "reference_year"]].values.tolist() == [["XKX", 2020]]  # 2019 population not used
    assert "6,945,235" in rated["rate_note"].iloc[0]
    assert set(rated["unit"]) == {"per 100,000 people"}


def _points(countries: list[str], years: list[int], values: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {"country": countries, "reference_year": years, "value": values, "value_high": [None] * len(values)}
    )


def test_a_zero_population_gives_no_rate_and_the_smallest_real_one_does():
    points = _points(["SRB", "MNE"], [2019, 2019], [5.0, 2.0])
    population = pd.DataFrame({"country": ["SRB", "MNE"], "year": [2019, 2019], "value": [0.0, 1.0]})
    rated, dropped = per_100k(points, population)
    assert dropped["country"].tolist() == ["SRB"]  # never a division by zero
    assert rated["country"].tolist() == ["MNE"]
    assert rated["value"].tolist() == [200_000.0]


def test_both_tables_keep_a_fresh_index_and_no_extra_columns():
    points = _points(["XKX", "SRB", "MNE", "SRB"], [2019, 2020, 2019, 2019], [1.0, 2.0, 3.0, 4.0])
    population = pd.DataFrame({"country": ["SRB", "MNE"], "year": [2019, 2019], "value": [1e6, 1e6]})
    rated, dropped = per_100k(points, population)
    assert rated.index.tolist() == [0, 1]
    assert dropped.index.tolist() == [0, 1]
    assert list(dropped.columns) == list(points.columns)
    assert "index" not in rated.columns
    assert rated["count_value"].tolist() == [3.0, 4.0]
