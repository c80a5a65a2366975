"""Citable downloads: the zip's files, its Frictionless descriptor and README, and the citation text."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tomllib
import zipfile
from datetime import date

import pandas as pd
import pytest

from tip_stats import package, queries
from tip_stats.build import build_database, connect_read_only
from tip_stats.validate import load_dataset

from conftest import REPO_ROOT, make_tiny

VIEW = "https://dash.example/explorer?country=SRB"
BUILT = "2026-11-20T10:00:00+00:00"
TABLE_SCHEMA_TYPES = {"string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year"}


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> pd.DataFrame:
    tiny = make_tiny(tmp_path_factory.mktemp("package"))
    database = build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"])).database
    with connect_read_only(database) as con:
        return queries.figures_export(con)


def unpack(frame: pd.DataFrame, **kwargs) -> dict[str, bytes]:
    data = package.zip_bytes(frame, VIEW, BUILT, accessed=date(2026, 11, 23), **kwargs)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_zip_holds_csv_readme_and_datapackage(figures):
    files = unpack(figures)
    assert sorted(files) == ["README.md", "datapackage.json", "figures.csv"]
    rows = list(csv.reader(io.StringIO(files["figures.csv"].decode("utf-8-sig"))))
    assert rows[0] == queries.EXPORT_COLUMN_NAMES and len(rows) == len(figures) + 1


def test_datapackage_describes_the_csv_as_a_tabular_data_package(figures):
    files = unpack(figures)
    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["name"].replace("-", "").isalnum() and descriptor["name"] == descriptor["name"].lower()
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0" and descriptor["homepage"] == VIEW
    assert descriptor["created"] == BUILT
    (resource,) = descriptor["resources"]
    assert resource["path"] in files and resource["profile"] == "tabular-data-resource"
    assert resource["bytes"] == len(files["figures.csv"])
    assert resource["hash"] == "sha256:" + hashlib.sha256(files["figures.csv"]).hexdigest()
    fields = resource["schema"]["fields"]
    assert [field["name"] for field in fields] == queries.EXPORT_COLUMN_NAMES
    assert {field["type"] for field in fields} <= TABLE_SCHEMA_TYPES
    types = {field["name"]: field["type"] for field in fields}
    assert types["value"] == "number" and types["reference_year"] == "integer" and types["quote"] == "string"
    assert all(field.get("description") for field in fields)
    assert resource["schema"]["primaryKey"] == ["figure_id"]
    qualifier = next(field for field in fields if field["name"] == "qualifier")
    assert set(figures["qualifier"]) <= set(qualifier["constraints"]["enum"])
    assert {source.get("path") for source in descriptor["sources"]} >= {"https://example.org/tip"}
    assert "NaN" not in files["datapackage.json"].decode()


def test_csv_values_fit_the_declared_types(figures):
    files = unpack(figures)
    fields = json.loads(files["datapackage.json"])["resources"][0]["schema"]["fields"]
    table = pd.read_csv(io.BytesIO(files["figures.csv"]), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for field in fields:
        cells = [cell for cell in table[field["name"]] if cell != ""]
        if field["type"] == "integer":
            assert all(cell.lstrip("-").isdigit() for cell in cells), field["name"]
        if field["type"] == "number":
            assert all(pd.notna(pd.to_numeric(cell)) for cell in cells), field["name"]
        if field.get("constraints", {}).get("required"):
            assert len(cells) == len(table), field["name"]


def test_readme_names_view_build_sources_authorities_qualifiers_licence_and_citation(figures):
    readme = unpack(figures, api_url="https://dash.example/api/figures.zip?country=SRB")["README.md"].decode()
    assert VIEW in readme and "/api/figures.zip?country=SRB" in readme
    assert "Database built on 2026-11-20" in readme and "downloaded on 2026-11-23" in readme
    for publisher, authority in [("Test Daily", "Testland: Police"), ("Test Ministry", "Testland: Ministry")]:
        assert publisher in readme and authority in readme
    assert "`about`:" in readme and "`at least`:" in readme and "`estimate`:" not in readme
    for heading in ("## Caveats", "## Licence", "## How to cite", "## Columns"):
        assert heading in readme
    assert "CC BY 4.0" in readme and "World Bank" in readme


def test_readme_table_cells_cannot_break_the_table(figures):
    hostile = figures.copy()
    hostile.loc[hostile["source_id"] == "web_2021", "source_title"] = "A | B\nC"
    readme = unpack(hostile)["README.md"].decode()
    assert "A \\| B C" in readme


def test_definitions_appear_when_given(figures):
    readme = unpack(figures, definitions={"tip_tier": "Tier placement in the yearly report."})["README.md"].decode()
    assert "Tier placement in the yearly report." in readme


def test_citation_names_the_view_the_date_and_every_original_source(figures):
    serbia = figures[figures["country"] == "SRB"]
    text = package.cite_view(serbia, VIEW, date(2026, 11, 23), BUILT, title="Figures explorer")
    first = text.splitlines()[0]
    assert first.startswith("tip-stats (2026). Figures explorer: ")
    assert "Serbia" in first and "Retrieved 2026-11-23 from " + VIEW in first
    for source in serbia["source_id"].unique():
        row = serbia[serbia["source_id"] == source].iloc[0]
        assert f"{row['publisher']} ({row['published']}). {row['source_title']}." in text
    assert "Figures by Testland: Police." in text  # the authority that counted, when not the publisher


def test_a_frame_without_source_columns_is_refused(figures):
    with pytest.raises(ValueError, match="authority"):
        package.zip_bytes(figures.drop(columns=["authority"]), VIEW)


def test_an_empty_view_still_packs(figures):
    files = unpack(figures.iloc[0:0])
    assert json.loads(files["datapackage.json"])["resources"][0]["schema"]["fields"]
    assert "0 figures from 0 sources" in files["README.md"].decode()


def test_citation_file_has_the_required_keys_and_the_project_version():
    text = (REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8")
    keys = dict(re.findall(r"^([a-z-]+):\s*(.*)$", text, re.M))
    assert {"cff-version", "message", "title", "authors", "type", "license", "version"} <= set(keys)
    assert keys["cff-version"] == "1.2.0" and keys["type"] in {"dataset", "software"}
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert keys["version"] == project["version"]
    assert re.search(r"^authors:\n  - name: \S", text, re.M)


def test_compare_points_pack_with_the_export_columns(tmp_path):
    """What the Compare page's zip button passes: its plotted points, cut to the export columns."""
    tiny = make_tiny(tmp_path)
    database = build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"])).database
    with connect_read_only(database) as con:
        points = queries.chart_points(con, "victims_identified", ["SRB", "XKX"], 2015, 2025)
    files = unpack(points[queries.EXPORT_COLUMN_NAMES])
    table = pd.read_csv(io.BytesIO(files["figures.csv"]), encoding="utf-8-sig")
    assert set(table["figure_id"]) == set(points["figure_id"]) and len(table) == len(points)
    assert "Test Monitor" in files["README.md"].decode()
