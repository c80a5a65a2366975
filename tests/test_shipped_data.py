"""The curated data shipped in data/indicators: valid, traceable and fully stored. Code tests use the
fixture dataset instead, so adding a figure here never breaks them; nothing below counts the figures."""

from __future__ import annotations

import duckdb
import pytest

from tip_stats.build import connect_read_only
from tip_stats.settings import settings
from tip_stats.validate import load_dataset
from tip_stats.vocabulary import FOCUS_COUNTRIES


@pytest.fixture(scope="module")
def shipped():
    return load_dataset()


def test_shipped_data_validates_with_every_quote_in_its_document(shipped):
    if settings().documents_dir.is_dir():
        assert set(shipped.summary["documents_checked"]) == set(shipped.sources["document"].dropna())
    assert (shipped.figures["quote"].str.len() > 3).all()


def test_every_source_names_who_counted_and_every_translation_is_there(shipped):
    assert shipped.sources["authority"].str.strip().ne("").all()
    foreign = shipped.figures[shipped.figures["quote_lang"] != "en"]
    assert foreign["quote_en"].fillna("").str.strip().ne("").all()


def test_each_focus_country_has_victims_and_tiers(shipped):
    figures = shipped.figures
    for country in FOCUS_COUNTRIES:
        own = figures[figures["country"] == country]
        assert {"victims_identified", "tip_tier"} <= set(own["indicator"]), country


def test_database_holds_every_figure_with_quote_and_source(shipped, shipped_db):
    with connect_read_only(shipped_db) as con:
        stored = con.execute("SELECT figure_id, quote, source_id FROM figures ORDER BY figure_id").df()
        orphans = con.execute("SELECT count(*) FROM figure_details WHERE authority IS NULL").fetchone()[0]
    expected = shipped.figures.sort_values("figure_id")[["figure_id", "quote", "source_id"]]
    assert stored.values.tolist() == expected.values.tolist()
    assert orphans == 0


def test_foreign_keys_are_enforced(shipped_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(shipped_db.read_bytes())
    with duckdb.connect(str(copy)) as con, pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO figures (figure_id, country, indicator, value, unit, qualifier, breakdown_type,"
            " source_id, quote, quote_lang) VALUES ('x', 'ZZZ', 'victims_identified', 1, 'persons', 'exact',"
            " 'total', 'usdos_tip_2009', 'q', 'en')"
        )
