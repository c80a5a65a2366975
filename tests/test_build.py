"""The DuckDB build: complete, keyed, atomic, and never damaging the previous database."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tip_stats import cli as tip_cli
from tip_stats import queries
from tip_stats.build import (
    BuildError,
    RemovalsRefused,
    build_database,
    connect_read_only,
    content_digest,
    private_cursor,
    read_context_store,
)
from tip_stats.changelog import changelog_table
from tip_stats.settings import settings
from tip_stats.validate import DataValidationError, load_dataset

import fixtures
from conftest import read_rows, set_cell, write_csv


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


@pytest.mark.slow
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
        assert con.execute("SELECT count(*) FROM figures").fetchone()[0] == len(fixtures.FIGURES.splitlines()) - 1
        assert con.execute("SELECT count(*) FROM build_changelog").fetchone()[0] >= 2


# Nothing lost by accident: removals need --allow-removals, every build leaves a changelog row, and a
# refused build leaves the database byte for byte as it was.
def cli(tiny, *extra) -> subprocess.CompletedProcess:
    """`tip-stats build` through its real parser, in this process (a process of its own costs a second more)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = tip_cli.main(cli_build(tiny)[3:] + list(extra))
    return subprocess.CompletedProcess(cli_build(tiny), code, out.getvalue(), err.getvalue())


def changelog_rows(database: Path) -> list[tuple]:
    with connect_read_only(database) as con:
        return con.execute(
            "SELECT figures, added, changed, removed, added_ids, changed_ids, removed_ids, removals_allowed, note "
            "FROM build_changelog ORDER BY built_at, figures"
        ).fetchall()


def drop_figure_rows(tiny, *figure_ids) -> None:
    rows = read_rows(tiny["data"] / "figures.csv")
    write_csv(tiny["data"] / "figures.csv", [row for row in rows if row[0] not in figure_ids])


def test_first_build_records_every_figure_as_added(tiny):
    rows = changelog_rows(build_tiny(tiny))
    assert len(rows) == 1
    figures, added, changed, removed, added_ids, _, _, allowed, note = rows[0]
    assert (figures, added, changed, removed, note, allowed) == (16, 16, 0, 0, "first build", False)
    assert sorted(added_ids) == sorted(f"t{i}" for i in range(1, 17))


def test_removal_is_refused_and_the_database_is_unchanged(tiny):
    build_tiny(tiny)
    before = digest(tiny["db"])
    drop_figure_rows(tiny, "t9", "t10")
    with pytest.raises(RemovalsRefused, match="remove 2 figure") as caught:
        build_tiny(tiny)
    assert caught.value.changes.removed == ["t10", "t9"]
    assert str(caught.value) == (
        "the new data would remove 2 figure(s) that the current database holds: t10, t9. Nothing was written. "
        "If the removal is intended, build again with --allow-removals."
    )
    assert digest(tiny["db"]) == before
    assert sorted(p.name for p in tiny["db"].parent.glob("tip.duckdb*")) == ["tip.duckdb"]
    result = cli(tiny)
    assert result.returncode == 2 and "--allow-removals" in result.stderr and "t10, t9" in result.stderr
    assert digest(tiny["db"]) == before


def test_allowed_removal_and_changes_are_printed_and_kept_in_the_changelog(tiny):
    build_tiny(tiny)
    drop_figure_rows(tiny, "t11")
    set_cell(tiny["data"] / "figures.csv", 4, "qualifier", "exact")  # t4 changes
    rows = read_rows(tiny["data"] / "figures.csv")
    write_csv(
        tiny["data"] / "figures.csv",
        rows
        + [
            ["t17"]
            + rows[6][1:6]
            + ["18"]
            + rows[6][7:12]
            + [rows[6][12], "identified 18 victims in 2020"]
            + rows[6][14:]
        ],
    )
    result = cli(tiny, "--allow-removals")
    assert result.returncode == 0, result.stderr
    assert "1 figure(s) added, 1 changed, 1 removed." in result.stdout
    assert "added: t17" in result.stdout and "changed: t4" in result.stdout and "removed: t11" in result.stdout
    history = changelog_rows(tiny["db"])
    assert [row[:4] for row in history] == [(16, 16, 0, 0), (16, 1, 1, 1)]
    assert history[1][4:8] == (["t17"], ["t4"], ["t11"], True)


def test_an_unchanged_rebuild_adds_a_row_saying_nothing_changed(tiny):
    build_tiny(tiny)
    build_tiny(tiny)
    assert [row[:4] for row in changelog_rows(tiny["db"])] == [(16, 16, 0, 0), (16, 0, 0, 0)]


def test_an_unreadable_database_is_replaced_only_when_removals_are_allowed(tiny):
    tiny["db"].write_bytes(b"not a database" * 100)
    before = digest(tiny["db"])
    with pytest.raises(BuildError, match="cannot tell which figures it would remove") as caught:
        build_tiny(tiny)
    assert str(caught.value).endswith(
        "so this build cannot tell which figures it would remove. Nothing was written. "
        "To replace it anyway, build again with --allow-removals."
    )
    assert digest(tiny["db"]) == before
    build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"]), allow_removals=True)
    assert changelog_rows(tiny["db"])[0][-1].startswith("replaced an unreadable database")


REFUSED = {
    "header-only figures file": lambda tiny: (tiny["data"] / "figures.csv").write_text(fixtures.FIGURE_HEADER + "\n"),
    "empty figures file": lambda tiny: (tiny["data"] / "figures.csv").write_bytes(b""),
    "figures file deleted": lambda tiny: (tiny["data"] / "figures.csv").unlink(),
    "column deleted": lambda tiny: write_csv(
        tiny["data"] / "figures.csv", [row[:-1] for row in read_rows(tiny["data"] / "figures.csv")]
    ),
    "NUL byte": lambda tiny: set_cell(tiny["data"] / "figures.csv", 1, "notes", "a\x00b"),
    "a row cut short": lambda tiny: (tiny["data"] / "figures.csv").write_text(
        (tiny["data"] / "figures.csv").read_text().replace(",en,,,\nt2", "\nt2")
    ),
    "one figure removed": lambda tiny: drop_figure_rows(tiny, "t5"),
}


@pytest.mark.parametrize("damage", list(REFUSED), ids=list(REFUSED))
def test_every_refused_build_leaves_the_database_byte_for_byte(tiny, damage):
    build_tiny(tiny)
    before = digest(tiny["db"])
    REFUSED[damage](tiny)
    result = cli(tiny)
    assert result.returncode in (1, 2), result.stdout
    assert "Nothing was written" in result.stderr
    assert digest(tiny["db"]) == before
    assert sorted(p.name for p in tiny["db"].parent.glob("tip.duckdb*")) == ["tip.duckdb"]


def test_changelog_table_for_the_coverage_page(tiny):
    build_tiny(tiny)
    drop_figure_rows(tiny, "t11")
    build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"]), allow_removals=True)
    with connect_read_only(tiny["db"]) as con:
        table = changelog_table(queries.changelog(con))
    assert list(table.columns) == ["Built (UTC)", "Figures", "Added", "Changed", "Removed", "What changed", "Note"]
    assert table[["Figures", "Added", "Changed", "Removed", "What changed"]].values.tolist() == [
        [15, 0, 0, 1, "removed: t11"],
        [16, 16, 0, 0, "first build: every figure is new"],
    ]
    assert table["Built (UTC)"].str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d").all()


def test_changelog_of_a_database_built_before_the_changelog_is_empty(tiny, tmp_path):
    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as con:
        con.execute("CREATE TABLE figures (figure_id VARCHAR)")
    with connect_read_only(old) as con:
        assert changelog_table(queries.changelog(con)).empty


# What the build reports and records, the content digest the API's cache validator uses, and the
# private read-only connection that sees a rebuilt file.


def write_context(path: Path, rows: list[tuple[str, int, float]]) -> Path:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["country", "year", "value"])
    frame = frame.assign(indicator="population", unit="persons", source="test", source_series_code="SP.POP.TOTL")
    frame.to_parquet(path, index=False)
    return path


def test_build_keeps_context_rows_of_catalogue_countries_only_and_says_so(tiny, monkeypatch):
    store = write_context(
        tiny["root"] / "context.parquet", [("SRB", 2019, 7e6), ("ZZZ", 2019, 1.0), ("MNE", 2019, 6e5)]
    )
    monkeypatch.setenv("TIP_STATS_CONTEXT", str(store))
    result = build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"]))
    assert (result.database, result.figures, result.context_rows) == (tiny["db"], 16, 2)
    assert result.changes.added == sorted(result.changes.added) and len(result.changes.added) == 16
    with connect_read_only(tiny["db"]) as con:
        assert sorted(con.execute("SELECT country FROM context_series").fetchall()) == [("MNE",), ("SRB",)]
        info = queries.build_info(con)
        caveats = con.execute("SELECT country, indicator FROM context_caveats").fetchall()
    assert info["context_rows"] == "2"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", info["built_at"])  # UTC, to the second
    assert json.loads(info["summary"])["figures"] == 16
    assert re.fullmatch(r"[0-9a-f]{32}", info["content_digest"])
    assert caveats == [("SRB", "*")]


def test_without_a_context_store_the_build_has_no_context(tiny, monkeypatch):
    monkeypatch.setenv("TIP_STATS_CONTEXT", str(tiny["root"] / "absent.parquet"))
    assert read_context_store(tiny["root"] / "absent.parquet") is None
    assert build_tiny(tiny) == tiny["db"]
    with connect_read_only(tiny["db"]) as con:
        assert con.execute("SELECT count(*) FROM context_series").fetchone()[0] == 0
        assert queries.build_info(con)["context_rows"] == "0"


def test_content_digest_changes_with_any_cell_or_column_name_only():
    import pandas as pd

    frame = pd.DataFrame({"figure_id": ["t1", "t2"], "value": [48.0, 30.0]})
    same = content_digest([frame.copy(), None])
    assert same == content_digest([frame]) and len(same) == 32
    assert content_digest([frame.assign(value=[48.0, 31.0])]) != same
    assert content_digest([frame.rename(columns={"value": "amount"})]) != same
    assert content_digest([frame, frame]) != same
    assert content_digest([frame.set_axis([5, 6])]) == same  # the index is not content


def test_a_private_connection_reads_the_file_as_it_is_now(tiny, monkeypatch):
    database = build_tiny(tiny)
    with connect_read_only(database, private=True) as con:
        assert queries.figure_count(con) == 16
        cursor = private_cursor(con)
        assert cursor.execute("SELECT count(*) FROM figures").fetchone()[0] == 16
        with pytest.raises(duckdb.Error):
            cursor.execute("DELETE FROM figures")
    quoted = tiny["root"] / "it's.duckdb"
    database.rename(quoted)
    with connect_read_only(quoted, private=True) as con:
        assert queries.figure_count(con) == 16


def test_reading_a_database_that_is_not_there_says_how_to_make_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no database at .*absent.duckdb: run `tip-stats build` first"):
        connect_read_only(tmp_path / "absent.duckdb")


def test_a_plain_connection_opens_the_file_and_a_private_one_attaches_it(tiny, monkeypatch):
    database = build_tiny(tiny).rename(tiny["root"] / "fixture.duckdb")
    workdir = tiny["root"] / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    with connect_read_only(database) as con:
        assert con.execute("SELECT current_database()").fetchone()[0] == "fixture"
    with connect_read_only(database, private=True) as con:
        assert con.execute("SELECT current_database()").fetchone()[0] == "tip"
    assert list(workdir.iterdir()) == []  # the private connection lives in memory, not in a file here


def _spy_on_the_write(monkeypatch) -> dict:
    """Record, from inside the build, the file DuckDB writes and the settings it writes with."""
    from tip_stats import build

    seen: dict = {}
    real_write = build._write

    def spying_write(con, *args, **kwargs):
        seen["file"] = Path(con.execute("SELECT file FROM pragma_database_list WHERE file IS NOT NULL").fetchone()[0])
        seen["settings"] = con.execute(
            "SELECT current_setting('memory_limit'), current_setting('preserve_insertion_order')"
        ).fetchone()
        return real_write(con, *args, **kwargs)

    monkeypatch.setattr(build, "_write", spying_write)
    return seen


def test_the_build_writes_a_temporary_file_beside_the_target_then_swaps_it_in(tiny, monkeypatch):
    """Beside the target, so the final rename stays on one file system and is atomic."""
    seen = _spy_on_the_write(monkeypatch)
    database = build_tiny(tiny)
    assert seen["file"].parent == database.parent
    assert re.fullmatch(re.escape(database.name) + r"\.\w+\.tmp", seen["file"].name)
    assert not seen["file"].exists() and sorted(p.name for p in database.parent.glob("tip.duckdb*")) == ["tip.duckdb"]


def test_the_build_runs_within_the_configured_memory(tiny, monkeypatch):
    seen = _spy_on_the_write(monkeypatch)
    build_tiny(tiny)
    expected = duckdb.connect(":memory:", config={"memory_limit": settings().duckdb_memory_limit})
    limit = expected.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert seen["settings"] == (limit, False)  # the insertion order is not kept: the tables are sorted by key


def test_a_build_into_a_folder_that_does_not_exist_yet_creates_it(tiny, tmp_path):
    target = tmp_path / "new" / "nested" / "tip.duckdb"
    assert build_database(target, load_dataset(tiny["data"], tiny["docs"])).database.is_file()


def test_a_failure_before_duckdb_made_its_file_is_reported_as_itself(tiny, monkeypatch):
    from tip_stats import build

    def refuse(*args, **kwargs):
        raise duckdb.IOException("the disk went away")

    monkeypatch.setattr(build.duckdb, "connect", refuse)
    with pytest.raises(duckdb.IOException, match="the disk went away"):
        build_tiny(tiny)
    assert list(tiny["db"].parent.glob("tip.duckdb*")) == []
