"""Project settings, read from ``[tool.tip-stats]`` in the project folder's pyproject.toml.

The project folder is where the curated data lives, not where the package is installed: after a
plain ``pip install .`` the code sits in site-packages while the data stays in the checkout. So the
folder is ``TIP_STATS_HOME`` when set, else the working directory or the nearest parent holding a
pyproject.toml with a ``[tool.tip-stats]`` table. Paths in the table are relative to that folder;
the ``TIP_STATS_*`` variables below override single paths (tests point them at temporary folders).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HOME_VARIABLE = "TIP_STATS_HOME"
ENV_OVERRIDES = {
    "database": "TIP_STATS_DB",
    "data_dir": "TIP_STATS_DATA",
    "documents_dir": "TIP_STATS_DOCUMENTS",
    "context_store": "TIP_STATS_CONTEXT",
    "reference_dir": "TIP_STATS_REFERENCE",
}
DEFAULT_PATHS = {
    "data_dir": "data/indicators",
    "database": "data/tip_stats.duckdb",
    "context_store": "data/context/context.parquet",
    "documents_dir": "../shared/seeds",
    "reference_dir": "../shared/reference",
}


class ProjectNotFound(RuntimeError):
    """No project folder: the message names every place that was looked at."""


@dataclass(frozen=True)
class Settings:
    home: Path
    data_dir: Path
    database: Path
    context_store: Path
    documents_dir: Path
    reference_dir: Path
    first_year: int
    last_year: int
    duckdb_memory_limit: str

    @property
    def years(self) -> tuple[int, int]:
        return self.first_year, self.last_year


def _tool_table(pyproject: Path) -> dict | None:
    if not pyproject.is_file():
        return None
    with pyproject.open("rb") as handle:
        return tomllib.load(handle).get("tool", {}).get("tip-stats")


def find_home(start: Path | None = None) -> Path:
    """The project folder: ``TIP_STATS_HOME``, else ``start`` (the working directory) or a parent of it."""
    explicit = os.environ.get(HOME_VARIABLE)
    candidates = (
        [Path(explicit)] if explicit else [(start or Path.cwd()).resolve(), *(start or Path.cwd()).resolve().parents]
    )
    for folder in candidates:
        if _tool_table(folder / "pyproject.toml") is not None:
            return folder.resolve()
    looked = ", ".join(str(folder) for folder in candidates[:4]) + (" and their parents" if len(candidates) > 4 else "")
    how = f"{HOME_VARIABLE}={explicit}" if explicit else "the working directory"
    raise ProjectNotFound(
        f"no tip-stats project folder found from {how}: looked for a pyproject.toml with a [tool.tip-stats] table "
        f"in {looked}. Run from the repository folder or set {HOME_VARIABLE} to it."
    )


def settings() -> Settings:
    """Settings as of now; the environment is read on every call so tests can point it elsewhere."""
    variables = (HOME_VARIABLE, *ENV_OVERRIDES.values())
    return _settings_for(str(Path.cwd()), tuple(os.environ.get(name) for name in variables))


@cache
def _settings_for(cwd: str, environment: tuple) -> Settings:
    home = find_home(Path(cwd))
    table = _tool_table(home / "pyproject.toml") or {}

    def path(key: str) -> Path:
        raw = Path(os.environ.get(ENV_OVERRIDES[key]) or table.get(key, DEFAULT_PATHS[key]))
        return raw if raw.is_absolute() else (home / raw).resolve()

    return Settings(
        home=home,
        **{key: path(key) for key in DEFAULT_PATHS},
        first_year=int(table.get("first_year", 1990)),
        last_year=int(table.get("last_year", 2025)),
        duckdb_memory_limit=str(table.get("duckdb_memory_limit", "768MB")),
    )
