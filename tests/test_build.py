"""The DuckDB build: complete, keyed, atomic, and never damaging the previous database."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tip_stats.build import BuildError, build_database, connect_read_only
from tip_stats.validate import DataValidationError, load_dataset

from conftest import set_cell


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli_build(tiny) -> list[str]:
    """The `tip-stats build` command line for the tiny dataset, run in a process of its own."""
    return [
        sys.executable,
        "-m",
        "tip_stats.cli",
        "build",
        "--data-dir",
        str(tiny["data"]),
        "--documents-dir",
        str(tiny["docs"]),
        "--database",
        str(tiny["db"]),
    ]


def build_tiny(tiny) -> Path:
    return build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"])).database


def test_database_holds_every_figure_with_quote_and_source(shipped_db):
    dataset = load_dataset()
    with connect_read_only(shipped_db) as con:
        stored = con.execute("SELECT figure_id, quote, source_id FROM figures ORDER BY figure_id").df()
        orphans = con.execute("SELECT count(*) FROM figure_details WHERE publisher IS NULL").fetchone()[0]
    expected = dataset.figures.sort_values("figure_id")[["figure_id", "quote", "source_id"]]
    assert stored.values.tolist() == expected.values.tolist()
    assert orphans == 0


def test_foreign_keys_are_enforced(shipped_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(shipped_db.read_bytes())
    with duckdb.connect(str(copy)) as con, pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO figures (figure_id, country, indicator, value, unit, qualifier, breakdown_type,"
            " source_id, quote) VALUES ('x', 'ZZZ', 'victims_identified', 1, 'persons', 'exact', 'total',"
            " 'usdos_tip_2009', 'q')"
        )


def test_chart_points_keep_authorities_apart_and_revisions_within_one(tiny):
    with connect_read_only(build_tiny(tiny)) as con:
        points = con.execute(
            "SELECT figure_id, authority, value, also_reported, authorities_disagree FROM chart_points "
            "WHERE country = 'SRB' AND indicator = 'victims_identified' AND breakdown_type = 'total' "
            "AND reference_year = 2019 AND NOT is_period ORDER BY authority"
        ).fetchall()
        latest = con.execute(
            "SELECT country, value, authority FROM latest_figures WHERE indicator = 'victims_identified' "
            "ORDER BY country"
        ).fetchall()
        revised = con.execute("SELECT revised_by FROM figure_details WHERE figure_id = 't1'").fetchone()[0]
        default = con.execute("SELECT authority FROM default_authorities WHERE indicator = 'victims_identified'")
        default_authority = default.fetchone()[0]
    # the ministry's revision (t7) replaces its own earlier count (t1); the State Department's 57 stays apart
    assert [(p[0], p[1], p[2]) for p in points] == [
        ("t7", "Testland: Ministry", 49.0),
        ("t8", "U.S. Department of State", 57.0),
    ]
    assert points[0][3].startswith("48.0")  # the revised figure travels along for the hover
    assert [p[4] for p in points] == [True, True]  # 49 against 57: marked as a disagreement
    assert latest == [("MNE", 3.0, "U.S. Department of State"), ("SRB", 39.0, "U.S. Department of State"),
                      ("XKX", 17.0, "Test Monitor")]  # fmt: skip
    assert default_authority == "U.S. Department of State"  # covers the most country-years
    assert revised == "t7"


def test_period_figures_are_not_annual_points(tiny):
    with connect_read_only(build_tiny(tiny)) as con:
        period = con.execute("SELECT is_period, authorities_disagree FROM chart_points WHERE figure_id = 't12'")
        assert period.fetchone() == (True, False)


def test_readers_open_read_only(tiny):
    with connect_read_only(build_tiny(tiny)) as con, pytest.raises(duckdb.Error):
        con.execute("DELETE FROM figures")


def test_failed_build_leaves_previous_database_byte_for_byte(tiny):
    database = build_tiny(tiny)
    before = digest(database)
    set_cell(tiny["data"] / "figures.csv", 1, "country", "ZZZ")
    with pytest.raises(DataValidationError):
        build_tiny(tiny)
    assert digest(database) == before
    assert sorted(p.name for p in database.parent.glob("tip.duckdb*")) == ["tip.duckdb"]


def test_cli_build_fails_with_report_and_nonzero_exit(tiny):
    build_tiny(tiny)
    before = digest(tiny["db"])
    set_cell(tiny["data"] / "figures.csv", 4, "value", "140")
    result = subprocess.run(
        cli_build(tiny),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "figures.csv" in result.stderr and "between 0 and 100" in result.stderr
    assert digest(tiny["db"]) == before


def test_unwritable_directory_gives_a_clear_error(tiny, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.access(locked, os.W_OK):  # root ignores permissions; use a path under a file instead
        target = tmp_path / "a-file" / "tip.duckdb"
        (tmp_path / "a-file").write_text("not a folder")
    else:
        target = locked / "tip.duckdb"
    with pytest.raises(BuildError, match="cannot write the database"):
        build_database(target, load_dataset(tiny["data"], tiny["docs"]))


KILL_SCRIPT = """
import sys
from pathlib import Path
from tip_stats.build import build_database
from tip_stats.validate import load_dataset
dataset = load_dataset(Path(sys.argv[1]), Path(sys.argv[2]))
print("ready", flush=True)
while True:
    build_database(Path(sys.argv[3]), dataset)
"""


@pytest.mark.slow
def test_builds_killed_at_random_moments_never_damage_the_database(tiny):
    database = build_tiny(tiny)
    with connect_read_only(database) as con:
        expected = con.execute("SELECT count(*) FROM figures").fetchone()[0]
    for attempt in range(12):
        process = subprocess.Popen(
            [sys.executable, "-c", KILL_SCRIPT, str(tiny["data"]), str(tiny["docs"]), str(database)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout.readline().strip() == "ready"
        time.sleep(0.05 + (attempt * 0.037) % 0.4)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with connect_read_only(database) as con:
            assert con.execute("SELECT count(*) FROM figures").fetchone()[0] == expected


@pytest.mark.slow
def test_two_builds_at_once_leave_a_valid_database(tiny):
    build_tiny(tiny)
    command = cli_build(tiny)
    processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL) for _ in range(3)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0, 0]
    with connect_read_only(tiny["db"]) as con:
        assert con.execute("SELECT count(*) FROM figures").fetchone()[0] == 7
