"""Settings come from the project folder (working directory or TIP_STATS_HOME), never from the install location."""

from __future__ import annotations

from pathlib import Path

import pytest

from tip_stats import cli
from tip_stats.settings import ProjectNotFound, find_home, settings


def make_project(folder: Path, table: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n[tool.tip-stats]\n{table}", encoding="utf-8")
    return folder


def test_home_is_the_working_directory_or_a_parent(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project", 'data_dir = "curated"\nfirst_year = 2000\n')
    (project / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.delenv("TIP_STATS_HOME", raising=False)
    monkeypatch.chdir(project / "sub" / "deeper")
    found = settings()
    assert found.home == project.resolve()
    assert found.data_dir == (project / "curated").resolve()
    assert found.years == (2000, 2025)


def test_tip_stats_home_wins_and_single_paths_can_be_overridden(tmp_path, monkeypatch):
    project = make_project(tmp_path / "elsewhere")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIP_STATS_HOME", str(project))
    monkeypatch.setenv("TIP_STATS_DB", str(tmp_path / "other.duckdb"))
    found = settings()
    assert found.home == project.resolve()
    assert found.database == tmp_path / "other.duckdb"
    assert found.documents_dir == (project / "../shared/seeds").resolve()


def test_a_pyproject_without_the_table_is_not_a_project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'other'\n", encoding="utf-8")
    monkeypatch.delenv("TIP_STATS_HOME", raising=False)
    with pytest.raises(ProjectNotFound) as caught:
        find_home(tmp_path)
    assert str(tmp_path) in str(caught.value) and "TIP_STATS_HOME" in str(caught.value)


def test_cli_names_where_it_looked_when_there_is_no_project(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TIP_STATS_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate"]) == 2
    assert "no tip-stats project folder" in capsys.readouterr().err
