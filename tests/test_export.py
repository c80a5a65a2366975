"""Exports: CSV and Parquet round-trip to the query result, and CSV is safe in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from tip_stats import cli, queries
from tip_stats.build import connect_read_only
from tip_stats.export import csv_bytes, neutralise_cell, neutralise_formulas, parquet_bytes, write


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


def test_a_carriage_return_start_is_neutralised_and_other_values_pass_through():
    assert neutralise_cell("\rcmd") == "'\rcmd"
    assert neutralise_cell("-") == "'-"
    assert neutralise_cell(" =1") == " =1"
    assert neutralise_cell(None) is None
    assert neutralise_cell(-5) == -5


def test_only_text_columns_change_and_the_input_is_left_alone():
    frame = pd.DataFrame({"quote": ["=x", "y"], "year": [2019, 2020], "ok": [True, False], "v": [-1.5, 2.0]})
    safe = neutralise_formulas(frame)
    assert safe["quote"].tolist() == ["'=x", "y"]
    assert frame["quote"].tolist() == ["=x", "y"]
    pd.testing.assert_frame_equal(safe.drop(columns="quote"), frame.drop(columns="quote"))


def test_csv_has_a_header_no_index_and_rfc_4180_line_ends():
    data = csv_bytes(pd.DataFrame({"a": ["x\ny", "z"], "b": [1, 2]}))
    assert data == b'\xef\xbb\xbfa,b\r\n"x\ny",1\r\nz,2\r\n'


def test_write_picks_the_format_from_the_argument_or_the_suffix(tmp_path):
    frame = pd.DataFrame({"quote": ["=1"], "value": [3.5]})
    assert write(frame, tmp_path / "a.csv") == tmp_path / "a.csv"
    assert (tmp_path / "a.csv").read_bytes() == csv_bytes(frame)
    assert write(frame, tmp_path / "noext").read_bytes() == csv_bytes(frame)
    assert write(frame, tmp_path / "b.data", "PARQUET").read_bytes() == parquet_bytes(frame)
    pd.testing.assert_frame_equal(pd.read_parquet(write(frame, tmp_path / "c.parquet")), frame)


def test_write_refuses_an_unknown_format_and_writes_nothing(tmp_path):
    with pytest.raises(ValueError, match="unknown export format 'xlsx': use csv or parquet"):
        write(pd.DataFrame({"a": [1]}), tmp_path / "out.XLSX")
    assert not (tmp_path / "out.XLSX").exists()


def test_a_filtered_frame_exports_without_its_index():
    frame = pd.DataFrame({"figure_id": ["a", "b", "c"], "value": [1.0, 2.0, 3.0]}).iloc[[2, 0]]
    back = pd.read_parquet(io.BytesIO(parquet_bytes(frame)))
    assert list(back.columns) == ["figure_id", "value"]
    assert back.index.tolist() == [0, 1]
    assert csv_bytes(frame).decode("utf-8-sig").splitlines()[0] == "figure_id,value"


def test_text_after_a_number_column_and_mixed_columns_are_neutralised():
    frame = pd.DataFrame(
        {
            "value": [1.0, 2.0, 3.0],
            "quote": ["=HYPERLINK()", None, "plain"],
            "mixed": pd.Series(["@x", 5, None], dtype=object),
        }
    )
    safe = neutralise_formulas(frame)
    assert safe["quote"].tolist()[0] == "'=HYPERLINK()" and pd.isna(safe["quote"].iloc[1])
    assert safe["quote"].tolist()[2] == "plain"
    assert safe["mixed"].tolist()[:2] == ["'@x", 5] and pd.isna(safe["mixed"].iloc[2])
