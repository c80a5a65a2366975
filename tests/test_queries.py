"""The SQL in queries.py against the fixture database: what each query returns, row for row."""

from __future__ import annotations

import pytest

from tip_stats import queries
from tip_stats.build import connect_read_only


@pytest.fixture(scope="module")
def con(fixture_db):
    with connect_read_only(fixture_db) as connection:
        yield connection


def ids(frame) -> list[str]:
    return sorted(frame["figure_id"])


def test_chart_points_filter_by_country_years_and_authority(con):
    everyone = queries.chart_points(con, "victims_identified", ["SRB"], 2019, 2020)
    assert ids(everyone) == ["t7", "t8", "t9"]  # t1 is revised by t7; t12 is a 2013-2016 period ending 2016
    assert ids(queries.chart_points(con, "victims_identified", ["SRB"], 2019, 2020, authority="default")) == [
        "t8", "t9"
    ]  # fmt: skip
    named = queries.chart_points(con, "victims_identified", ["SRB"], authority="Testland: Ministry")
    assert ids(named) == ["t7"]


def test_authorities_name_the_default_first(con):
    table = queries.authorities(con, "victims_identified")
    assert table["authority"].iloc[0] == "U.S. Department of State" and bool(table["is_default"].iloc[0])
    assert set(table["authority"]) == {"U.S. Department of State", "Testland: Ministry", "Test Monitor",
                                       "Testland: Police"}  # fmt: skip


def test_disagreements_are_the_differing_authorities_of_one_country_year(con):
    table = queries.disagreements(con, ["victims_identified"])
    assert ids(table) == ["t7", "t8"] and set(table["reference_year"]) == {2019}


def test_latest_figures_take_the_newest_year(con):
    latest = queries.latest_figures(con)
    victims = latest[latest["indicator"] == "victims_identified"].set_index("country")["value"].to_dict()
    assert victims == {"MNE": 3.0, "SRB": 39.0, "XKX": 17.0}  # Montenegro's 2020 figure, not its 2018 one


def test_search_filters_text_years_and_keeps_undated_law(con):
    assert ids(queries.figures_search(con, text="ministry")) == ["t1"]
    assert queries.figures_search_count(con, countries=["SRB"], year_from=2020, year_to=2020) == 4
    dated_only = queries.figures_search(con, countries=["SRB"], year_from=2020, include_undated=False)
    assert "t16" not in ids(dated_only) and "t16" in ids(queries.figures_search(con, countries=["SRB"]))


def test_export_joins_source_and_authority(con):
    frame = queries.figures_export(con, ["SRB"], ["victims_identified"], 2019, 2019)
    row = frame.set_index("figure_id").loc["t8"]
    assert (row["authority"], row["publisher"], row["quote_lang"]) == (
        "U.S. Department of State", "U.S. Department of State", "en"
    )  # fmt: skip


def test_catalogue_and_build_queries(con):
    assert queries.figure_count(con) == 16
    assert "summary" in queries.build_info(con)
    assert list(queries.countries(con)["code"][:3]) == ["XKX", "MNE", "SRB"]  # countries first, by name
    assert queries.multi_year_indicators(con, "SRB")["indicator"].tolist() == ["victims_identified"]
    of_source = queries.figures_of_source(con, "daily_2017")
    assert ids(of_source) == ["t12"] and of_source["quote_en"].iloc[0].startswith("from 2013")


def test_additive_is_stored_as_written(con):
    stored = dict(con.execute("SELECT code, additive FROM indicators").fetchall())
    assert stored["victims_identified"] is True and stored["victims_children_share"] is False
