"""Exports: CSV and Parquet round-trip to the query result, and CSV is safe in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

from tip_stats import cli, queries
from tip_stats.build import connect_read_only
from tip_stats.export import csv_bytes, neutralise_formulas, parquet_bytes


def test_csv_round_trip_equals_query_result(fixture_db):
    with connect_read_only(fixture_db) as con:
        frame = queries.figures_export(con, ["SRB", "XKX"], None, 2000, 2020)
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(back) == len(frame) > 0
    assert back["figure_id"].tolist() == frame["figure_id"].tolist()
    assert back["quote"].tolist() == frame["quote"].tolist()
    assert [float(v) for v in back["value"]] == frame["value"].tolist()
    assert set(back["country"]) == {"SRB", "XKX"}


def test_parquet_round_trip_is_exact(fixture_db):
    with connect_read_only(fixture_db) as con:
        frame = queries.figures_export(con)
    back = pd.read_parquet(io.BytesIO(parquet_bytes(frame)))
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)


def test_formula_cells_are_neutralised():
    frame = pd.DataFrame({"quote": ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "plain", "a=b"], "value": range(7)})
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig", dtype=str)
    assert back["quote"].tolist() == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx", "plain", "a=b"]
    assert back["value"].tolist() == [str(v) for v in range(7)]
    assert neutralise_formulas(frame)["value"].dtype == frame["value"].dtype


def test_csv_is_utf8_with_byte_order_mark():
    data = csv_bytes(pd.DataFrame({"place": ["Prishtinë/Pristina", "Peć"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Prishtinë" in data.decode("utf-8-sig")


def test_cli_export_filters_by_country_indicator_and_years(fixture_db, tmp_path):
    out = tmp_path / "out.csv"
    args = ["export", "--database", str(fixture_db), "--country", "SRB", "--indicator", "victims_identified"]
    assert cli.main([*args, "--from", "2019", "--to", "2019", "--out", str(out)]) == 0
    back = pd.read_csv(out, encoding="utf-8-sig")
    assert sorted(back["figure_id"]) == ["t1", "t2", "t3", "t7", "t8"]  # 2019 totals, breakdowns and revisions
    assert set(back["authority"]) == {"Testland: Ministry", "U.S. Department of State"}
    parquet = tmp_path / "out.parquet"
    assert cli.main(["export", "--database", str(fixture_db), "--out", str(parquet)]) == 0
    with connect_read_only(fixture_db) as con:
        assert len(pd.read_parquet(parquet)) == con.execute("SELECT count(*) FROM figures").fetchone()[0]
