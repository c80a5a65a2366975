"""The ``tip-stats`` command: build, validate, verify-sources, export, info, import-context, extract, serve."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from tip_stats.settings import ProjectNotFound, settings

# pandas, DuckDB and pandera are imported inside the commands that use them, so ``tip-stats extract``
# (which needs none of them) starts in a fraction of a second.


def _report_failure(err) -> int:
    from tip_stats.validate import format_report

    print(f"Validation failed: {len(err.report)} problem(s). Nothing was written.", file=sys.stderr)
    print(format_report(err.report), file=sys.stderr)
    return 1


def quote_coverage_line(summary: dict) -> str:
    """How far the quote-in-document rule reached: said on every run, so it cannot switch off unnoticed."""
    quotes = summary.get("quotes") or {}
    line = (
        f"Quotes: {quotes.get('verified', 0)} verified verbatim against {len(summary['documents_checked'])} "
        f"document(s); {quotes.get('document_absent', 0) + quotes.get('no_document', 0)} could not be verified "
        f"({quotes.get('no_document', 0)} from sources with no document - see `tip-stats verify-sources` - and "
        f"{quotes.get('document_absent', 0)} whose document is absent here)."
    )
    if quotes.get("absent_documents"):
        line += f" Absent: {', '.join(quotes['absent_documents'])}; `--strict` refuses this."
    return line


def cmd_validate(args) -> int:
    from tip_stats.validate import load_dataset

    dataset = load_dataset(args.data_dir, args.documents_dir, strict=args.strict)
    summary = dataset.summary
    print(
        f"OK: {summary['figures']} figures, {summary['sources']} sources, {summary['indicators']} indicators, "
        f"{summary['countries']} countries; {len(summary['rules'])} rules checked."
    )
    print(quote_coverage_line(summary))
    return 0


def cmd_build(args) -> int:
    from tip_stats.build import build_database
    from tip_stats.changelog import summary_lines
    from tip_stats.validate import load_dataset

    dataset = load_dataset(args.data_dir, args.documents_dir, strict=args.strict)
    print(quote_coverage_line(dataset.summary))
    result = build_database(args.database, dataset, allow_removals=args.allow_removals)
    print(f"Built {result.database.name}: {result.figures} figures, {result.context_rows} context rows.")
    assert result.changes is not None, "build_database always compares with the database it replaces"
    print("\n".join(summary_lines(result.changes)))
    return 0


def cmd_verify_sources(args) -> int:
    """Fetch every source page that has a URL and look for each quote on it; exit 1 if a reachable page lacks one."""
    from tip_stats.fetch import PoliteFetcher, report_lines, verify_sources
    from tip_stats.validate import load_dataset

    dataset = load_dataset(args.data_dir, args.documents_dir)
    sources = dataset.sources
    if args.source:
        sources = sources[sources["source_id"].isin(args.source)]
    cache = args.cache_dir or settings().database.parent / "cache" / "sources"
    fetcher = PoliteFetcher(cache, timeout=args.timeout, delay=args.delay, refresh=args.refresh)
    report = verify_sources(sources, dataset.figures, fetcher)
    print("\n".join(report_lines(report)))
    checked = report[report["found"].notna()]
    missing = int((checked["found"] == False).sum())  # noqa: E712 (a column of True, False and None)
    reachable = checked["source_id"].nunique()
    print(
        f"\n{report['source_id'].nunique()} source(s) with a URL: {reachable} reachable, "
        f"{report['source_id'].nunique() - reachable} not; {len(checked) - missing} of {len(report)} quote(s) found, "
        f"{missing} not found on a reachable page, {len(report) - len(checked)} not checked."
    )
    if args.out:
        report.to_csv(args.out, index=False)
        print(f"Wrote the per-quote report to {args.out}")
    return 1 if missing else 0


def cmd_export(args) -> int:
    from tip_stats import export, queries
    from tip_stats.build import connect_read_only

    with connect_read_only(args.database) as con:
        frame = queries.figures_export(con, args.country, args.indicator, args.year_from, args.year_to)
    path = export.write(frame, Path(args.out), args.format)
    print(f"Wrote {len(frame)} figures to {path}")
    return 0


def cmd_info(args) -> int:
    import pandas as pd

    from tip_stats import queries
    from tip_stats.build import connect_read_only

    with connect_read_only(args.database) as con:
        per_country = queries.coverage_by_country(con)
        built = queries.build_info(con).get("built_at", "?")
        coverage = {code: queries.authority_coverage(con, code) for code in args.authorities or []}
    with pd.option_context("display.width", 250, "display.max_columns", 60):
        print(per_country.to_string(index=False))
        for code, table in coverage.items():
            print(f"\n{code}: authorities with an annual total, by indicator and year (0 = none found)")
            print(table.to_string())
    print(f"\nDatabase built at {built}; {int(per_country['figures'].sum())} figures in all.")
    return 0


def cmd_import_context(args) -> int:
    from tip_stats.build import build_database
    from tip_stats.context import import_context
    from tip_stats.validate import load_dataset

    dataset = load_dataset(args.data_dir, args.documents_dir)

    stored = import_context(Path(args.path), list(dataset.countries["code"]))
    result = build_database(args.database, dataset)
    print(f"Context store holds {len(stored)} rows; database rebuilt with {result.context_rows} context rows.")
    return 0


def cmd_extract(args) -> int:
    from tip_stats.extract.command import main as extract_main

    return extract_main(args)


def cmd_serve(args) -> int:
    """Build the database when it is missing or outdated (importing shared context data when present), then serve."""
    from tip_stats.bootstrap import ensure_database

    outcome = ensure_database()
    print(outcome.message, file=sys.stdout if outcome.ok else sys.stderr)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(settings().home / "app.py"),
        "--server.port",
        str(args.port),
    ]
    return subprocess.call(command, cwd=settings().home, env=os.environ.copy())


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, help="folder of the curated CSV files")
    parser.add_argument("--documents-dir", type=Path, help="folder of the source documents (quotes are checked there)")
    parser.add_argument("--database", type=Path, help="DuckDB file to write or read")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="tip-stats", description=__doc__)
    sub = main.add_subparsers(dest="command", required=True)
    for name, func, text in [
        ("validate", cmd_validate, "check the curated data and report every problem"),
        ("build", cmd_build, "validate, then rebuild the database atomically"),
        ("info", cmd_info, "counts and coverage per country"),
    ]:
        command = sub.add_parser(name, help=text)
        _add_data_options(command)
        command.set_defaults(func=func)
        if name == "info":
            command.add_argument("--authorities", action="append", metavar="COUNTRY",
                                 help="also print indicator x year counts of authorities for this country")  # fmt: skip
        if name in {"validate", "build"}:
            command.add_argument(
                "--strict", action="store_true", help="fail when a figure's source names a document that is absent"
            )
    sub.choices["build"].add_argument(
        "--allow-removals", action="store_true", help="let the build remove figures the current database holds"
    )
    verify = sub.add_parser("verify-sources", help="fetch each source's URL and look for every quote on the page")
    _add_data_options(verify)
    verify.add_argument("--source", action="append", help="only this source_id; repeat for several")
    verify.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for a server (default 10)")
    verify.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (default 1)")
    verify.add_argument("--cache-dir", type=Path, help="where fetched pages are kept (default data/cache/sources)")
    verify.add_argument("--refresh", action="store_true", help="fetch again even when a page is cached")
    verify.add_argument("--out", help="CSV file for the per-quote report")
    verify.set_defaults(func=cmd_verify_sources)
    exp = sub.add_parser("export", help="figures with their sources, to CSV or Parquet")
    _add_data_options(exp)
    exp.add_argument("--country", action="append", help="country code; repeat for several")
    exp.add_argument("--indicator", action="append", help="indicator code; repeat for several")
    exp.add_argument("--from", dest="year_from", type=int)
    exp.add_argument("--to", dest="year_to", type=int)
    exp.add_argument("--format", choices=["csv", "parquet"])
    exp.add_argument("--out", required=True)
    exp.set_defaults(func=cmd_export)
    ctx = sub.add_parser("import-context", help="import World Bank context series (long CSV or bulk download)")
    _add_data_options(ctx)
    ctx.add_argument("path", help="a CSV file or a folder of them")
    ctx.set_defaults(func=cmd_import_context)
    ext = sub.add_parser("extract", help="propose candidate figures from a report (.txt, .html or .pdf)")
    from tip_stats.extract.command import add_arguments

    add_arguments(ext)
    ext.set_defaults(func=cmd_extract)
    srv = sub.add_parser("serve", help="build the database if missing and start the dashboard")
    srv.add_argument("--port", type=int, default=8501)
    srv.set_defaults(func=cmd_serve)
    return main


def _run_to_a_reader(args: argparse.Namespace) -> int:
    """Stop quietly when the reader goes away (`tip-stats validate | head`), as other Unix tools do.

    Python would otherwise print a traceback for the closed pipe, and a second one when it flushes
    stdout at exit; pointing stdout at the null device lets the exit flush succeed.
    """
    try:
        status = args.func(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return _run_to_a_reader(args)
    except Exception as err:  # the error classes live beside pandas and DuckDB: imported only when something failed
        from tip_stats.build import BuildError
        from tip_stats.validate import DataValidationError

        if isinstance(err, DataValidationError):
            return _report_failure(err)
        if isinstance(err, (BuildError, FileNotFoundError, ValueError, ProjectNotFound)):
            print(f"Error: {err}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
