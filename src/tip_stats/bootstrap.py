"""First start: build the database when it is missing or older than its inputs, once, whoever asks first.

A fresh clone, a Community Cloud deployment or a container started without a prebuilt database has
no ``data/tip_stats.duckdb`` (it is git-ignored). Every way of starting the app calls
``ensure_database`` before the first page: ``tip-stats serve`` before it launches Streamlit, the
router before it renders. Several sessions (threads) or server processes may arrive together, so the
build runs under a file lock beside the database and each waiter checks again once it holds the
lock; the build itself swaps the file in atomically, so readers never see half a database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from tip_stats.build import BuildError, build_database
from tip_stats.settings import Settings, settings
from tip_stats.validate import DataValidationError, load_dataset

log = logging.getLogger(__name__)
LOCK_TIMEOUT_SECONDS = 600
_failed: set[tuple] = set()  # (database, input stamp) pairs whose build failed in this process


@dataclass(frozen=True)
class Outcome:
    """What ``ensure_database`` did, in words a page can show."""

    built: bool
    ok: bool
    message: str


def _newest_mtime(paths: list[Path]) -> float:
    return max((path.stat().st_mtime for path in paths if path.is_file()), default=0.0)


def _reference_files(config: Settings) -> list[Path]:
    return sorted(config.reference_dir.glob("*.csv")) if config.reference_dir.is_dir() else []


def input_stamp(config: Settings) -> float:
    """The newest modification time among the curated CSVs, the context store and the reference files."""
    curated = sorted(config.data_dir.glob("*.csv"))
    return _newest_mtime([*curated, config.context_store, *_reference_files(config)])


def needs_build(config: Settings | None = None) -> bool:
    """True when the database is missing or older than an input, unless that exact build already failed here."""
    config = config or settings()
    stamp = input_stamp(config)
    if (str(config.database), stamp) in _failed:
        return False
    return not config.database.is_file() or config.database.stat().st_mtime < stamp


def _context_outdated(config: Settings) -> bool:
    references = _reference_files(config)
    if not references:
        return False
    return not config.context_store.is_file() or config.context_store.stat().st_mtime < _newest_mtime(references)


def _import_context(config: Settings, country_codes: list[str]) -> str:
    """Import the shared World Bank series; a bad reference file is reported, never fatal to the build."""
    from tip_stats.context import import_context

    try:
        import_context(config.reference_dir, country_codes)
    except (DataValidationError, OSError, ValueError) as err:
        log.warning("context series in %s not imported: %s", config.reference_dir, err)
        return f" Context series in {config.reference_dir.name} were not imported ({type(err).__name__})."
    return f" Context series imported from {config.reference_dir.name}."


def _build(config: Settings) -> Outcome:
    dataset = load_dataset()
    note = _import_context(config, list(dataset.countries["code"])) if _context_outdated(config) else ""
    result = build_database(dataset=dataset)
    return Outcome(True, True, f"Database built: {result.figures} figures, {result.context_rows} context rows.{note}")


def _failure(config: Settings, stamp: float, err: Exception) -> Outcome:
    _failed.add((str(config.database), stamp))
    kept = "The previous database stays in use." if config.database.is_file() else "There is no database yet."
    what = "the curated data did not validate" if isinstance(err, DataValidationError) else str(err)
    log.error("database build failed: %s", err)
    return Outcome(False, False, f"Could not build the database: {what}. {kept} Run `tip-stats build` to see why.")


def ensure_database(config: Settings | None = None) -> Outcome:
    """Build the database if it is missing or outdated; concurrent callers wait and then find it built."""
    config = config or settings()
    if not needs_build(config):
        return Outcome(False, True, "Database up to date.")
    stamp = input_stamp(config)
    lock_path = config.database.with_name(config.database.name + ".lock")
    try:
        config.database.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(lock_path, timeout=LOCK_TIMEOUT_SECONDS):
            if not needs_build(config):  # another session or process built it while we waited
                return Outcome(False, True, "Database ready: another session built it.")
            return _build(config)
    except (BuildError, DataValidationError, OSError, Timeout) as err:
        return _failure(config, stamp, err)
