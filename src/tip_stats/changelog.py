"""The data changelog: what each build added, changed and removed, kept in the database it builds.

A build must never drop a figure by accident, so it compares the figures it is writing with the
database it is about to replace, and the build refuses removals unless told otherwise. Every
build's summary is appended to the earlier ones (copied from the database being replaced), so
readers can see how the dataset evolved. ``changelog_table`` shapes it for the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

LISTED_IDS = 50  # ids printed per kind on the command line; the changelog table keeps them all
TABLE_COLUMNS = ["Built (UTC)", "Figures", "Added", "Changed", "Removed", "What changed", "Note"]


@dataclass(frozen=True)
class Changes:
    """Figure ids added, changed and removed by a build, against the database it replaces."""

    added: list[str]
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    note: str = ""
    history: bool = False  # the replaced database has a changelog to carry over


class PreviousUnreadable(Exception):
    """The database being replaced cannot be read, so what the build would remove is unknown."""


def _sql(name: str) -> str:
    return resources.files("tip_stats").joinpath(f"sql/{name}").read_text(encoding="utf-8")


def _attach(con: duckdb.DuckDBPyConnection, previous: Path) -> bool:
    """Attach ``previous`` read-only as ``previous``; ``False`` when it holds no figures table."""
    literal = str(previous).replace("'", "''")
    try:
        con.execute(f"ATTACH '{literal}' AS previous (READ_ONLY)")
    except duckdb.Error as err:
        raise PreviousUnreadable(f"{previous} cannot be read ({str(err).splitlines()[0]})") from err
    tables = {
        name
        for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'previous'").fetchall()
    }
    if "figures" not in tables:
        raise PreviousUnreadable(f"{previous} has no figures table")
    return "build_changelog" in tables


def compare(con: duckdb.DuckDBPyConnection, previous: Path | None) -> Changes:
    """Compare the ``figures`` just written in ``con`` with those of ``previous`` (``None``: a first build).

    Leaves ``previous`` attached when it was readable, so ``record`` can carry its changelog over.
    """
    if previous is None or not previous.is_file():
        (ids,) = con.execute("SELECT coalesce(list(figure_id ORDER BY figure_id), []) FROM figures").fetchone()
        return Changes(list(ids), note="first build")
    history = _attach(con, previous)
    added, changed, removed = con.execute(_sql("changelog.sql")).fetchone()
    return Changes(list(added), list(changed), list(removed), history=history)


def record(con: duckdb.DuckDBPyConnection, changes: Changes, built_at: datetime, removals_allowed: bool) -> None:
    """Append this build's row to the changelog carried over from the replaced database."""
    if changes.history:
        con.execute("INSERT INTO build_changelog BY NAME SELECT * FROM previous.build_changelog")
    (figures,) = con.execute("SELECT count(*) FROM figures").fetchone()
    con.execute(
        "INSERT INTO build_changelog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            built_at.replace(tzinfo=None),
            figures,
            len(changes.added),
            len(changes.changed),
            len(changes.removed),
            changes.added,
            changes.changed,
            changes.removed,
            removals_allowed,
            changes.note or None,
        ],
    )
    con.execute("DETACH DATABASE IF EXISTS previous")


def _listed(ids: list[str]) -> str:
    shown = ", ".join(ids[:LISTED_IDS])
    return shown + (f" and {len(ids) - LISTED_IDS} more (all are in the changelog)" if len(ids) > LISTED_IDS else "")


def summary_lines(changes: Changes) -> list[str]:
    """What a build prints: counts, then the ids of each kind."""
    lines = [f"{len(changes.added)} figure(s) added, {len(changes.changed)} changed, {len(changes.removed)} removed."]
    if changes.note:
        lines[0] += f" ({changes.note})"
    for kind, ids in [("added", changes.added), ("changed", changes.changed), ("removed", changes.removed)]:
        if ids and not (kind == "added" and changes.note == "first build"):
            lines.append(f"  {kind}: {_listed(ids)}")
    return lines


def _what_changed(row) -> str:
    parts = [
        f"{kind}: {', '.join(ids)}"
        for kind, ids in [("added", row.added_ids), ("changed", row.changed_ids), ("removed", row.removed_ids)]
        if len(ids) and not (kind == "added" and row.note == "first build")
    ]
    if row.note == "first build":
        return "first build: every figure is new"
    return "; ".join(parts) if parts else "no change"


def changelog_table(changelog: pd.DataFrame) -> pd.DataFrame:
    """The changelog as the Coverage & quality page shows it: newest build first, ids spelled out as text.

    ``changelog`` is what ``queries.changelog`` returns. A first build lists no ids (every figure was new).
    """
    if changelog.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    rows = changelog.sort_values("built_at", ascending=False)
    return pd.DataFrame(
        {
            "Built (UTC)": rows["built_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
            "Figures": rows["figures"],
            "Added": rows["added"],
            "Changed": rows["changed"],
            "Removed": rows["removed"],
            "What changed": [_what_changed(row) for row in rows.itertuples()],
            "Note": rows["note"].fillna(""),
        }
    ).reset_index(drop=True)
