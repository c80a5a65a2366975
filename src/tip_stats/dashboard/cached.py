"""Streamlit's caches around the read-only database: one shared connection, cached query results.

The connection is keyed on the database file's modification time, so a rebuild (which swaps in a
new file) is picked up on the next rerun without restarting the server.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import duckdb
import streamlit as st

from tip_stats import export, queries
from tip_stats.build import connect_read_only, private_cursor
from tip_stats.settings import settings

P = ParamSpec("P")
T = TypeVar("T")


class DatabaseUnavailable(Exception):
    """The database is missing or unreadable; the page explains how to rebuild it."""


def database_stamp() -> float:
    path = settings().database
    if not path.is_file():
        raise DatabaseUnavailable(f"No database found at {path.name}. Run `tip-stats build` (or `make run`).")
    return path.stat().st_mtime


@st.cache_resource(show_spinner=False, max_entries=2)
def _connection(path: str, stamp: float) -> duckdb.DuckDBPyConnection:
    """A private read-only connection: after a rebuild swaps the file, the new stamp opens the new file."""
    return connect_read_only(Path(path), private=True)


def connection() -> duckdb.DuckDBPyConnection:
    """A cursor of the shared read-only connection (cursors are safe to use per thread)."""
    stamp = database_stamp()
    try:
        return private_cursor(_connection(str(settings().database), stamp))
    except (duckdb.Error, OSError) as err:
        raise DatabaseUnavailable(
            f"The database file {settings().database.name} cannot be opened ({type(err).__name__}). "
            "It may be corrupt or truncated: run `tip-stats build` to rebuild it."
        ) from err


@st.cache_resource(show_spinner=False, max_entries=512)
def _memo(name: str, stamp: float, key: tuple, _func, _args: tuple, _kwargs: dict):
    return _func(*_args, **_kwargs)


def memo(func: Callable[P, T], key: tuple, *args: P.args, **kwargs: P.kwargs) -> T:
    """``func(*args, **kwargs)`` computed once per database and ``key`` and then shared.

    ``key`` must determine the arguments (for example the page's URL state); the arguments themselves are not
    hashed, which is what makes this cheaper than hashing DataFrames on every rerun. Callers must not mutate the
    result.
    """
    return _memo(f"{func.__module__}.{func.__qualname__}", database_stamp(), key, func, args, kwargs)


def _freeze(value):
    return tuple(value) if isinstance(value, list) else value


@st.cache_data(show_spinner=False, max_entries=512)
def _run(name: str, stamp: float, args: tuple, kwargs: tuple, _query: Callable):
    return _query(connection(), *args, **dict(kwargs))


def run(query: Callable[Concatenate[duckdb.DuckDBPyConnection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``query(connection, ...)`` from tip_stats.queries, cached per database and arguments.

    The query is passed as a function, not a name, so a typo fails at import and the result keeps its type.
    """
    frozen_args = tuple(_freeze(a) for a in args)
    frozen_kwargs = tuple(sorted((k, _freeze(v)) for k, v in kwargs.items()))
    try:
        return _run(query.__qualname__, database_stamp(), frozen_args, frozen_kwargs, query)
    except duckdb.Error as err:
        raise DatabaseUnavailable(
            f"The database could not answer ({type(err).__name__}: {str(err).splitlines()[0][:160]}). "
            "Run `tip-stats build` to rebuild it."
        ) from err


def export_bytes(fmt: str, **filters) -> bytes:
    """Bytes of a download, computed on click with a connection of its own (no Streamlit context is there)."""
    with connect_read_only(settings().database) as con:
        frame = queries.figures_search(con, **filters) if filters else queries.figures_export(con)
    return export.csv_bytes(frame) if fmt == "csv" else export.parquet_bytes(frame)
