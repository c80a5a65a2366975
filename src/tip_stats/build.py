"""Build the DuckDB database from the validated CSV files, atomically.

Readers (the dashboard, exports) must never see a half-written database, and DuckDB refuses a
read-only open while a writer holds the file. So the build writes a private temporary file next
to the target and swaps it in with ``os.replace``: an interrupted or failed build leaves the
previous database exactly as it was.

Nothing is lost by accident either: the build compares its figures with the database it replaces,
refuses to remove any unless ``allow_removals`` is given, and keeps the comparison in the
``build_changelog`` table (see changelog.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from tip_stats import changelog
from tip_stats.changelog import Changes, PreviousUnreadable
from tip_stats.settings import settings
from tip_stats.validate import Dataset, load_dataset

TABLE_ORDER = ["countries", "indicators", "sources", "figures"]


class BuildError(Exception):
    """The database could not be written (for example, the data directory is not writable)."""


class RemovalsRefused(BuildError):
    """The new data has no row for figures the current database holds; ``changes`` says which."""

    def __init__(self, changes: Changes):
        self.changes = changes
        super().__init__(
            f"the new data would remove {len(changes.removed)} figure(s) that the current database holds: "
            f"{', '.join(changes.removed)}. Nothing was written. If the removal is intended, build again with "
            "--allow-removals."
        )


@dataclass(frozen=True)
class BuildResult:
    database: Path
    figures: int
    context_rows: int
    changes: Changes | None = None


def sql_file(name: str) -> str:
    return resources.files("tip_stats").joinpath(f"sql/{name}").read_text(encoding="utf-8")


def read_context_store(path: Path) -> pd.DataFrame | None:
    """Context series imported earlier with ``tip-stats import-context``, if any."""
    return pd.read_parquet(path) if path.is_file() else None


def content_digest(frames: list[pd.DataFrame | None]) -> str:
    """A short hash of the loaded tables: equal data gives an equal digest on every machine, any changed cell a
    different one (the data API's cache validator builds on it; build time alone has one-second resolution)."""
    digest = hashlib.sha256()
    for frame in frames:
        if frame is not None:
            digest.update(",".join(map(str, frame.columns)).encode())
            digest.update(pd.util.hash_pandas_object(frame, index=False).values.tobytes())
    return digest.hexdigest()[:32]


def _compare(con: duckdb.DuckDBPyConnection, previous: Path, allow_removals: bool) -> Changes:
    """What this build changes; removals, or a previous database that cannot be read, need ``allow_removals``."""
    try:
        changes = changelog.compare(con, previous)
    except PreviousUnreadable as err:
        if not allow_removals:
            raise BuildError(
                f"the current database {err}, so this build cannot tell which figures it would remove. "
                "Nothing was written. To replace it anyway, build again with --allow-removals."
            ) from err
        (ids,) = con.execute("SELECT coalesce(list(figure_id ORDER BY figure_id), []) FROM figures").fetchone()
        return Changes(list(ids), note="replaced an unreadable database; earlier changelog lost")
    if changes.removed and not allow_removals:
        raise RemovalsRefused(changes)
    return changes


def _write(
    con: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    context: pd.DataFrame | None,
    previous: Path,
    allow_removals: bool,
) -> tuple[int, Changes]:
    con.execute(sql_file("schema.sql"))
    for table in TABLE_ORDER:
        frame = getattr(dataset, table)
        con.register("incoming", frame)
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
        con.unregister("incoming")
    if dataset.caveats is not None:
        con.register("incoming", dataset.caveats)
        con.execute("INSERT INTO context_caveats BY NAME SELECT * FROM incoming")
        con.unregister("incoming")
    context_rows = 0
    if context is not None and len(context):
        known = set(dataset.countries["code"])
        context = context[context["country"].isin(known)]
        con.register("incoming", context)
        con.execute("INSERT INTO context_series BY NAME SELECT * FROM incoming")
        con.unregister("incoming")
        context_rows = len(context)
    changes = _compare(con, previous, allow_removals)
    built_at = datetime.now(UTC)
    changelog.record(con, changes, built_at, allow_removals)
    con.execute(sql_file("materialize.sql"))
    info = {
        "built_at": built_at.isoformat(timespec="seconds"),
        "summary": json.dumps(dataset.summary),
        "context_rows": str(context_rows),
        "content_digest": content_digest([*(getattr(dataset, t) for t in TABLE_ORDER), dataset.caveats, context]),
    }
    con.executemany("INSERT INTO build_info VALUES (?, ?)", list(info.items()))
    con.execute("CHECKPOINT")
    return context_rows, changes


def build_database(
    target: Path | None = None, dataset: Dataset | None = None, allow_removals: bool = False
) -> BuildResult:
    """Validate (unless given a dataset), write a temporary database, then swap it in.

    Raises ``RemovalsRefused`` (and writes nothing) when figures of the current database would go,
    unless ``allow_removals``.
    """
    config = settings()
    target = Path(target or config.database)
    # Load inputs
    dataset = dataset or load_dataset()
    context = read_context_store(config.context_store)
    # Write into a private temporary file in the same directory, so the rename is atomic
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise BuildError(f"cannot write the database in {target.parent}: {err.strerror}") from err
    os.close(handle)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        with duckdb.connect(
            str(tmp), config={"memory_limit": config.duckdb_memory_limit, "preserve_insertion_order": False}
        ) as con:
            context_rows, changes = _write(con, dataset, context, target, allow_removals)
        # Save outputs
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    return BuildResult(target, len(dataset.figures), context_rows, changes)


SNAPSHOT_CATALOG = "tip"


def connect_read_only(path: Path | None = None, private: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database for reading only; the app and exports never write.

    DuckDB hands out one cached instance per file path while any connection to it is open, so after a rebuild
    swapped the file a plain open can still read the old build. ``private`` opens the file as it is now, attached
    read-only to a connection of its own; its cursors must first run ``USE tip`` (see ``private_cursor``).
    """
    path = Path(path or settings().database)
    if not path.is_file():
        raise FileNotFoundError(f"no database at {path}: run `tip-stats build` first")
    if not private:
        return duckdb.connect(str(path), read_only=True)
    con = duckdb.connect(":memory:")
    quoted = str(path).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS {SNAPSHOT_CATALOG} (READ_ONLY)")
    con.execute(f"USE {SNAPSHOT_CATALOG}")
    return con


def private_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of a ``private`` connection, reading its attached database (cursors start in their own)."""
    cursor = con.cursor()
    cursor.execute(f"USE {SNAPSHOT_CATALOG}")
    return cursor
