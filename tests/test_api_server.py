"""The data API from outside the process: a real `streamlit run app.py` on loopback, with the fixture's database."""

from __future__ import annotations

import csv
import http.client
import io
import json
import zipfile
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pandas as pd
import pytest

from tip_stats import queries
from tip_stats.build import build_database
from tip_stats.validate import load_dataset

import fixtures
from conftest import make_tiny
from test_browser import serve

pytestmark = pytest.mark.slow  # a real `streamlit run` server on loopback

FIXTURE_ROWS = list(csv.DictReader(io.StringIO(fixtures.FIGURES)))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tiny = make_tiny(tmp_path_factory.mktemp("api_server"))
    database = build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"])).database
    with serve(database) as app:
        yield app.url


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Status, headers and body of a GET, whatever the status (urllib would raise on 304 and 400)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_csv_for_serbia_returns_exactly_the_fixtures_serbian_figures(server):
    frame = pd.read_csv(f"{server}/api/figures.csv?country=SRB")  # the README's example, over HTTP
    assert list(frame.columns) == queries.EXPORT_COLUMN_NAMES
    expected = sorted(row["figure_id"] for row in FIXTURE_ROWS if row["country"] == "SRB")
    assert sorted(frame["figure_id"]) == expected
    by_id = {row["figure_id"]: row for row in FIXTURE_ROWS}
    assert all(
        float(by_id[fid]["value"]) == value for fid, value in zip(frame["figure_id"], frame["value"], strict=True)
    )


def test_json_honours_country_and_time_together(server):
    status, headers, body = get(f"{server}/api/figures.json?country=SRB~XKX&time=2020..2020")
    assert status == 200 and headers["content-type"].startswith("application/json")
    expected = {
        row["figure_id"] for row in FIXTURE_ROWS if row["country"] in {"SRB", "XKX"} and row["reference_year"] == "2020"
    }
    assert {record["figure_id"] for record in json.loads(body)} == expected == {"t6", "t9", "t14", "t15"}


def test_parquet_opens_in_pandas(server):
    status, _, body = get(f"{server}/api/figures.parquet?indicator=victims_identified")
    assert status == 200
    frame = pd.read_parquet(io.BytesIO(body))
    assert set(frame["figure_id"]) == {r["figure_id"] for r in FIXTURE_ROWS if r["indicator"] == "victims_identified"}


def test_zip_holds_data_readme_and_datapackage(server):
    status, headers, body = get(f"{server}/api/figures.zip?country=MNE&time=2018..2020")
    assert status == 200 and headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert sorted(archive.namelist()) == ["README.md", "datapackage.json", "figures.csv"]
        descriptor = json.loads(archive.read("datapackage.json"))
        readme = archive.read("README.md").decode()
        rows = pd.read_csv(io.BytesIO(archive.read("figures.csv")), encoding="utf-8-sig")
    assert set(rows["figure_id"]) == {"t5", "t10", "t11"}
    assert descriptor["resources"][0]["path"] == "figures.csv"
    assert f"{server}/explorer?country=MNE" in readme and "U.S. Department of State" in readme


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("country=NOPE", "country"), ("time=abc", "time"), ("indicator=nope", "indicator"), ("format=xlsx", "format")],
)
def test_a_bad_parameter_gets_400_naming_it(server, query, parameter):
    status, headers, body = get(f"{server}/api/figures.csv?{query}")
    assert status == 400 and headers["content-type"].startswith("application/json")
    message = json.loads(body)
    assert message["parameter"] == parameter and message["error"].startswith(f"{parameter}: ")
    assert b"Traceback" not in body


def test_etag_and_304(server):
    status, headers, _ = get(f"{server}/api/indicators.json")
    assert status == 200 and headers["etag"]
    status, again, body = get(f"{server}/api/indicators.json", {"If-None-Match": headers["etag"]})
    assert status == 304 and body == b"" and again["etag"] == headers["etag"]


def test_catalogues_and_pages_are_served_side_by_side(server):
    for name, key in [("indicators", "code"), ("countries", "code"), ("sources", "source_id")]:
        status, _, body = get(f"{server}/api/{name}.json")
        assert status == 200 and all(key in row for row in json.loads(body))
    status, headers, body = get(f"{server}/compare")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert get(f"{server}/_stcore/health")[0] == 200
    status, _, body = get(f"{server}/api/unknown")
    assert status == 404 and json.loads(body)["error"]


def test_concurrent_requests_get_the_same_answer(server):
    paths = ["/api/figures.json?country=SRB", "/api/figures.csv", "/api/countries.json", "/api/figures.parquet"] * 6
    expected = {path: get(f"{server}{path}")[2] for path in set(paths)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda path: (path, get(f"{server}{path}")), paths))
    assert all(status == 200 and body == expected[path] for path, (status, _, body) in answers)
