"""``tip-stats extract``: candidates for one report, or ``--check`` against the curated seeds."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from tip_stats.catalogue import read_table
from tip_stats.extract.candidates import candidates_of
from tip_stats.extract.check import PRECISION_TARGET, RECALL_TARGET, CheckResult, run_check
from tip_stats.extract.inputs import read_document
from tip_stats.extract.output import review_page, write_candidates
from tip_stats.extract.resources import load_resources
from tip_stats.settings import settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``tip-stats extract`` (also ``python -m tip_stats.extract``, which starts without pandas)."""
    parser.add_argument("document", nargs="?", help="a report: UTF-8 text, a web page (.html) or a PDF")
    parser.add_argument("--source-id", default="", help="the source's id; its URL and date are read from sources.csv")
    parser.add_argument("--url", help="where the report was published (its country and edition may be in it)")
    parser.add_argument("--published", help="publication date, YYYY[-MM[-DD]] (TIP reports describe the year before)")
    parser.add_argument("--out", help="CSV file for the candidates (default: print)")
    parser.add_argument("--html", metavar="OUT.html", help="also write a review page with each candidate highlighted")
    parser.add_argument("--check", action="store_true", help="measure recall and precision on the seed documents")


def _print_check(result: CheckResult) -> None:
    print(f"documents: {', '.join(result.documents)}")
    print(f"recall:    {result.recall:.3f} ({result.found}/{result.curated} curated figures found)")
    print(f"precision: {result.precision:.3f} ({result.matching}/{result.candidates} candidates match)")
    print(f"candidates: {result.candidates}")
    print(f"time:      {result.seconds:.2f} s")
    for missed in result.missed:
        print(f"missed:    {missed}")
    targets = f"targets: recall >= {RECALL_TARGET:.2f}, precision >= {PRECISION_TARGET:.2f}"
    print(f"{'PASS' if result.passed else 'FAIL'} ({targets})")


def _source_metadata(source_id: str) -> dict[str, str]:
    """The URL and publication date sources.csv records for ``source_id`` (empty when it is not there yet)."""
    if not source_id:
        return {}
    path = settings().data_dir / "sources.csv"
    rows = read_table(path).rows if path.is_file() else []
    return next((row for row in rows if row.get("source_id") == source_id), {})


def main(args) -> int:
    """Read one document and write its candidates (CSV, and an HTML review page with --html)."""
    if args.check:
        documents_dir = settings().documents_dir
        if not documents_dir.is_dir():
            print(f"Error: the documents folder {documents_dir} does not exist", file=sys.stderr)
            return 2
        result = run_check(documents_dir=documents_dir)
        _print_check(result)
        return 0 if result.passed else 1
    if not args.document:
        print("Error: name a document to read, or use --check", file=sys.stderr)
        return 2
    source = _source_metadata(getattr(args, "source_id", "") or "")
    url = getattr(args, "url", None) or source.get("url", "")
    published = getattr(args, "published", None) or source.get("published", "")
    document = read_document(Path(args.document), url, published)
    rows = candidates_of(document, load_resources(), args.source_id or "")
    if getattr(args, "html", None):
        Path(args.html).write_text(review_page(document.text, rows, Path(args.document).name), encoding="utf-8")
        print(f"Wrote the review page to {args.html}", file=sys.stderr)
    if args.out:
        with Path(args.out).open("w", encoding="utf-8", newline="") as handle:
            write_candidates(rows, handle)
        print(f"Wrote {len(rows)} candidate figures to {args.out}")
    else:
        buffer = io.StringIO()
        write_candidates(rows, buffer)
        sys.stdout.write(buffer.getvalue())
    return 0
