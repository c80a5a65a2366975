"""Project settings, read once from ``[tool.tip-stats]`` in pyproject.toml.

Every module asks here for paths instead of hard-coding them, so a test or a benchmark can point
the whole pipeline at a temporary directory through environment variables.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

ENV_OVERRIDES = {
    "database": "TIP_STATS_DB",
    "data_dir": "TIP_STATS_DATA",
    "documents_dir": "TIP_STATS_DOCUMENTS",
    "context_store": "TIP_STATS_CONTEXT",
    "reference_dir": "TIP_STATS_REFERENCE",
}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database: Path
    context_store: Path
    documents_dir: Path
    reference_dir: Path
    first_year: int
    last_year: int
    duckdb_memory_limit: str


@cache
def _pyproject_table() -> dict:
    pyproject = REPO_ROOT / "pyproject.toml"
    if not pyproject.exists():
        return {}
    with pyproject.open("rb") as handle:
        return tomllib.load(handle).get("tool", {}).get("tip-stats", {})


def _path(key: str, default: str) -> Path:
    raw = os.environ.get(ENV_OVERRIDES[key]) or _pyproject_table().get(key, default)
    path = Path(raw)
    return path if path.is_absolute() else (REPO_ROOT / path).resolve()


def settings() -> Settings:
    """Settings as of now; environment overrides are read on every call so tests can set them."""
    return _settings_for(tuple(os.environ.get(name) for name in ENV_OVERRIDES.values()))


@cache
def _settings_for(environment: tuple) -> Settings:
    table = _pyproject_table()
    return Settings(
        data_dir=_path("data_dir", "data/indicators"),
        database=_path("database", "data/tip_stats.duckdb"),
        context_store=_path("context_store", "data/context/context.parquet"),
        documents_dir=_path("documents_dir", "../shared/seeds"),
        reference_dir=_path("reference_dir", "../shared/reference"),
        first_year=int(table.get("first_year", 1990)),
        last_year=int(table.get("last_year", 2025)),
        duckdb_memory_limit=str(table.get("duckdb_memory_limit", "768MB")),
    )
