"""World Bank context import: both file shapes load; bad files are rejected and lose nothing."""

from __future__ import annotations

import pandas as pd
import pytest

from tip_stats.context import import_context
from tip_stats.validate import DataValidationError

from conftest import write_csv

CODES = ["SRB", "MNE", "XKX"]
HEADER = ["country", "indicator", "year", "value", "unit", "source", "source_series_code"]


def long_file(path, rows):
    write_csv(path, [HEADER] + rows)
    return path


def wide_file(path):
    lines = [
        '"Data Source","World Development Indicators",',
        "",
        '"Last Updated Date","2025-01-28",',
        "",
        '"Country Name","Country Code","Indicator Name","Indicator Code","2019","2020","2021",',
        '"Serbia","SRB","Unemployment, total (% of total labor force) (national estimate)","SL.UEM.TOTL.NE.ZS",'
        '"10.4","9.0","",',
        '"Kosovo","XKX","Unemployment, total (% of total labor force) (national estimate)","SL.UEM.TOTL.NE.ZS",'
        '"25.7","","20.4",',
        '"Aruba","ABW","Unemployment, total (% of total labor force) (national estimate)","SL.UEM.TOTL.NE.ZS",'
        '"1.0","2.0","3.0",',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path):
    return tmp_path / "store" / "context.parquet"


def test_long_format_loads(tmp_path, store):
    path = long_file(tmp_path / "c.csv", [["SRB", "population", "2020", "6899126", "persons", "WB", "SP.POP.TOTL"]])
    stored = import_context(path, CODES, store)
    assert stored[["country", "indicator", "year", "value"]].values.tolist() == [["SRB", "population", 2020, 6899126.0]]


def test_world_bank_bulk_download_loads_catalogue_countries_only(tmp_path, store):
    stored = import_context(wide_file(tmp_path / "API_SL.UEM.TOTL.NE.ZS_DS2_en_csv_v2_1.csv"), CODES, store)
    rows = sorted(map(tuple, stored[["country", "year", "value"]].values.tolist()))
    assert rows == [("SRB", 2019, 10.4), ("SRB", 2020, 9.0), ("XKX", 2019, 25.7), ("XKX", 2021, 20.4)]
    assert set(stored["indicator"]) == {"unemployment_rate_pct"}


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (["ZZZ", "population", "2020", "1", "persons", "WB", ""], "unknown"),
        (["SRB", "population", "2020", "many", "persons", "WB", ""], "wrong type"),
        (["SRB", "population", "twenty", "1", "persons", "WB", ""], "wrong type"),
    ],
)
def test_bad_rows_are_rejected_and_the_store_is_kept(tmp_path, store, row, words):
    good = long_file(tmp_path / "good.csv", [["MNE", "population", "2020", "621306", "persons", "WB", ""]])
    import_context(good, CODES, store)
    before = store.read_bytes()
    bad = long_file(tmp_path / "bad.csv", [["SRB", "population", "2019", "1", "persons", "WB", ""], row])
    with pytest.raises(DataValidationError) as caught:
        import_context(bad, CODES, store)
    report = caught.value.report
    assert report["file"].tolist()[0] == "bad.csv" and report["row"].tolist()[0] == 3
    assert report["rule"].str.contains(words).any()
    assert store.read_bytes() == before


def test_duplicate_country_year_is_rejected(tmp_path, store):
    rows = [
        ["SRB", "population", "2020", "1", "persons", "WB", ""],
        ["SRB", "population", "2020", "2", "persons", "WB", ""],
    ]
    with pytest.raises(DataValidationError) as caught:
        import_context(long_file(tmp_path / "dup.csv", rows), CODES, store)
    assert set(caught.value.report["row"]) == {2, 3}
    assert not store.exists()


def test_reimport_replaces_same_years_and_keeps_others(tmp_path, store):
    import_context(
        long_file(
            tmp_path / "a.csv",
            [
                ["SRB", "population", "2020", "1", "persons", "WB", ""],
                ["SRB", "population", "2021", "2", "persons", "WB", ""],
            ],
        ),
        CODES,
        store,
    )
    import_context(
        long_file(tmp_path / "b.csv", [["SRB", "population", "2021", "3", "persons", "WB", ""]]), CODES, store
    )
    stored = pd.read_parquet(store).sort_values("year")
    assert stored["value"].tolist() == [1.0, 3.0]


def test_a_bad_row_after_blank_lines_is_reported_at_its_true_line(tmp_path, store):
    path = long_file(tmp_path / "gappy.csv", [["SRB", "population", "2019", "1", "persons", "WB", ""]])
    path.write_text(path.read_text() + "\n\nZZZ,population,2020,1,persons,WB,\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        import_context(path, CODES, store)
    assert caught.value.report[["file", "row", "column"]].values.tolist() == [["gappy.csv", 5, "country"]]


def test_a_malformed_context_file_is_refused_with_its_line(tmp_path, store):
    path = long_file(tmp_path / "short.csv", [["SRB", "population", "2019", "1"]])
    with pytest.raises(DataValidationError) as caught:
        import_context(path, CODES, store)
    assert caught.value.report[["file", "row"]].values.tolist() == [["short.csv", 2]]
    assert not store.exists()
