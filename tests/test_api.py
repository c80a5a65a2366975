"""The data API's handlers, in-process through Starlette's test client against a real DuckDB file of the fixture."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.testclient import TestClient

from tip_stats import api, queries, urlstate
from tip_stats.build import build_database
from tip_stats.validate import load_dataset

import fixtures
from conftest import REPO_ROOT, make_tiny, set_cell

FIXTURE_ROWS = list(csv.DictReader(io.StringIO(fixtures.FIGURES)))


def fixture_ids(keep) -> set[str]:
    """Figure ids of the fixture's rows that ``keep`` accepts, read from the fixture text, not the database."""
    return {row["figure_id"] for row in FIXTURE_ROWS if keep(row)}


def year(row) -> int | None:
    return int(row["reference_year"]) if row["reference_year"] else None


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    tiny = make_tiny(tmp_path_factory.mktemp("api"))
    return build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"])).database


@pytest.fixture
def client(database, monkeypatch) -> TestClient:
    monkeypatch.setenv("TIP_STATS_DB", str(database))
    return TestClient(Starlette(routes=api.routes()))


def test_csv_of_one_country_holds_exactly_its_figures_with_the_export_columns(client):
    response = client.get("/api/figures.csv?country=SRB")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf") and b"\r\n" in response.content
    frame = pd.read_csv(io.BytesIO(response.content), encoding="utf-8-sig")
    assert list(frame.columns) == queries.EXPORT_COLUMN_NAMES
    assert set(frame["figure_id"]) == fixture_ids(lambda row: row["country"] == "SRB")
    assert len(frame) == len(set(frame["figure_id"]))


def test_json_honours_country_and_time_together(client):
    response = client.get("/api/figures.json?country=SRB~MNE&time=2019..2020")
    assert response.status_code == 200
    records = response.json()
    expected = fixture_ids(lambda row: row["country"] in {"SRB", "MNE"} and year(row) in {2019, 2020})
    assert {record["figure_id"] for record in records} == expected
    assert all(record["reference_year"] in (2019, 2020) for record in records)
    assert records[0]["value_high"] is None or isinstance(records[0]["value_high"], float)


def test_without_time_undated_figures_stay_and_with_time_they_go(client):
    undated = fixture_ids(lambda row: year(row) is None)
    assert undated <= {r["figure_id"] for r in client.get("/api/figures.json?country=SRB").json()}
    assert not undated & {r["figure_id"] for r in client.get("/api/figures.json?country=SRB&time=1990..2025").json()}


def test_other_filters_match_the_explorer(client):
    by_indicator = client.get("/api/figures.json?indicator=victims_identified~tip_tier").json()
    assert {r["figure_id"] for r in by_indicator} == fixture_ids(
        lambda row: row["indicator"] in {"victims_identified", "tip_tier"}
    )
    by_source = client.get("/api/figures.json?source=web_2021").json()
    assert {r["figure_id"] for r in by_source} == fixture_ids(lambda row: row["source_id"] == "web_2021")
    by_text = client.get("/api/figures.json?q=WOMEN").json()
    assert {r["figure_id"] for r in by_text} == fixture_ids(lambda row: "women" in row["quote"].lower())
    by_category = client.get("/api/figures.json?category=law").json()
    assert {r["figure_id"] for r in by_category} == {"t16"}


def test_parquet_opens_in_pandas_with_the_same_rows_as_csv(client):
    response = client.get("/api/figures.parquet?country=MNE")
    assert response.status_code == 200
    frame = pd.read_parquet(io.BytesIO(response.content))
    assert set(frame["figure_id"]) == fixture_ids(lambda row: row["country"] == "MNE")
    assert frame["value"].dtype == "float64"


def test_zip_holds_data_readme_and_datapackage_for_the_view(client):
    response = client.get("/api/figures.zip?country=XKX")
    assert response.status_code == 200
    assert 'filename="tip-stats-figures.zip"' in response.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["README.md", "datapackage.json", "figures.csv"]
    frame = pd.read_csv(io.BytesIO(archive.read("figures.csv")), encoding="utf-8-sig")
    assert set(frame["figure_id"]) == {"t6"}
    readme = archive.read("README.md").decode()
    assert "Test Monitor" in readme and "/explorer?country=XKX" in readme and "/api/figures.zip?country=XKX" in readme
    package = json.loads(archive.read("datapackage.json"))
    assert [field["name"] for field in package["resources"][0]["schema"]["fields"]] == list(frame.columns)


BAD_REQUESTS = [
    ("country=NOPE", "country"),
    ("country=SRB~NOPE", "country"),
    ("time=abc", "time"),
    ("time=2040..2050", "time"),
    ("indicator=nope", "indicator"),
    ("category=nope", "category"),
    ("source=nope", "source"),
    ("q=" + "x" * 201, "q"),
    ("colour=red", "colour"),
    ("country=SRB&country=MNE", "country"),
]


@pytest.mark.parametrize(("query", "parameter"), BAD_REQUESTS)
def test_a_bad_parameter_gets_400_naming_it_and_what_is_allowed(client, query, parameter):
    for fmt in ("csv", "json"):
        response = client.get(f"/api/figures.{fmt}?{query}")
        assert response.status_code == 400, (query, response.text)
        body = response.json()
        assert body["parameter"] == parameter
        assert body["error"].startswith(f"{parameter}: ") and body["allowed"] in body["error"]


def test_allowed_values_are_listed(client):
    body = client.get("/api/figures.csv?country=NOPE").json()
    assert re.search(r"\bSRB\b", body["allowed"]) and "~" in body["allowed"]
    assert "1990..2025" in client.get("/api/figures.csv?time=abc").json()["allowed"]


def test_catalogues_list_every_code(client):
    indicators = client.get("/api/indicators.json").json()
    assert {row["code"] for row in indicators} == {line.split(",")[0] for line in fixtures_lines("indicators.csv")}
    tier = next(row for row in indicators if row["code"] == "tip_tier")
    assert tier["figures"] == 2 and tier["units"] == ["tier"]
    countries = client.get("/api/countries.json").json()
    assert {row["code"]: row["figures"] for row in countries}["XKX"] == 1
    sources = client.get("/api/sources.json").json()
    assert {row["source_id"] for row in sources} == {line.split(",")[0] for line in fixtures_lines("sources.csv")}
    assert client.get("/api/sources.json?country=SRB").status_code == 400


def fixtures_lines(name: str) -> list[str]:
    return fixtures.TABLES[name].strip().splitlines()[1:]


def test_etag_from_the_build_and_304_on_if_none_match(client, database, tmp_path):
    first = client.get("/api/figures.csv?country=SRB")
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = client.get("/api/figures.csv?country=SRB", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert client.get("/api/figures.csv", headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert client.get("/api/figures.csv", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/api/figures.json").headers["etag"] != etag  # one validator per representation
    assert client.get("/api/figures.csv?country=NOPE", headers={"If-None-Match": etag}).status_code == 400


def test_a_rebuild_with_a_changed_figure_changes_the_etag(monkeypatch, tmp_path):
    tiny = make_tiny(tmp_path)
    monkeypatch.setenv("TIP_STATS_DB", str(tiny["db"]))
    client = TestClient(Starlette(routes=api.routes()))
    build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"]))
    before = client.get("/api/figures.csv").headers["etag"]
    set_cell(tiny["data"] / "figures.csv", 6, "notes", "a changed note")
    build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"]))  # most likely within the same second
    after = client.get("/api/figures.csv", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["etag"] != before
    assert "a changed note" in after.text


def test_missing_database_is_503(monkeypatch, tmp_path):
    monkeypatch.setenv("TIP_STATS_DB", str(tmp_path / "absent.duckdb"))
    client = TestClient(Starlette(routes=api.routes()))
    for path in ("/api/figures.csv", "/api/indicators.json"):
        response = client.get(path)
        assert response.status_code == 503
        assert "tip-stats build" in response.json()["error"] and str(tmp_path) not in response.text


def test_corrupt_database_is_503(monkeypatch, tmp_path):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("TIP_STATS_DB", str(broken))
    response = TestClient(Starlette(routes=api.routes())).get("/api/figures.json")
    assert response.status_code == 503 and "cannot be read" in response.json()["error"]


def test_an_unexpected_failure_is_a_short_json_500_without_traceback(client, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(queries, "figures_search", fail)
    response = client.get("/api/figures.csv")
    assert response.status_code == 500
    assert response.json()["error"].startswith("internal error")
    assert "secret" not in response.text and "Traceback" not in response.text


def test_unknown_endpoints_and_formats_are_json_404(client):
    for path in ("/api/figures.xml", "/api/nothing", "/api/indicators.csv"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["error"]
    index = client.get("/api").json()
    assert set(index["parameters"]) == set(urlstate.FILTER_NAMES)


@pytest.mark.slow  # a property test: many requests
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from([*urlstate.FILTER_NAMES, "x", "present"]),
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
        | st.sampled_from(["SRB", "SRB~MNE", "2019..2020", "1980..2030", "victims_identified", "~", ".."]),
        max_size=4,
    )
)
def test_any_query_gets_200_or_400_never_500(client, params):
    response = client.get("/api/figures.json", params=params)
    assert response.status_code in (200, 400), (params, response.text)
    assert isinstance(response.json(), list if response.status_code == 200 else dict)


def readme_section(title: str) -> str:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_every_api_parameter_and_endpoint_is_documented_in_the_readme():
    section = readme_section("Data API")
    for name in urlstate.FILTER_NAMES:
        assert re.search(rf"^\| `{name}` \|", section, re.M), f"parameter {name} is not in the README's table"
    for fmt in api.FORMATS:
        assert f"/api/figures.{fmt}" in section
    for name in api.CATALOGUES:
        assert f"/api/{name}.json" in section
    assert "pandas.read_csv(" in section or "pd.read_csv(" in section
