"""Score ``tip-stats extract`` on a folder of report passages and hand-read labels.

The passages stay outside the repository (they are other people's text); this script and the
method in ``extract_heldout.md`` are what we keep. A folder holds, for each passage NAME:

- ``NAME.txt`` (or ``.html`` / ``.pdf``): the passage as stored;
- ``NAME.json`` (optional): ``{"url": ..., "published": ...}``, what a curator passes as --url/--published;
- and one ``labels.csv`` with columns ``passage,value,country,year``: every figure a curator would
  record, read by hand. An empty year means the passage does not date the figure; any year is accepted.

A label is found when a candidate of its passage has the same value and country (recall, value +
country) and, for the second recall, also the same year. A candidate is right when some label of
its passage has its value and country (precision). Usage:

    python benchmarks/extract_heldout.py FOLDER [--verbose]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from pathlib import Path

from tip_stats.extract import extract, load_resources, read_document

SUFFIXES = (".txt", ".html", ".htm", ".pdf")


def _same(a: str, b: str) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except ValueError:
        return False


def _labels(folder: Path) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    with (folder / "labels.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            grouped.setdefault(row["passage"], []).append(row)
    return grouped


def _passage(folder: Path, name: str) -> Path:
    return next(path for suffix in SUFFIXES if (path := folder / f"{name}{suffix}").is_file())


def score(folder: Path, verbose: bool = False) -> dict:
    """Recall (value+country, value+country+year) and precision over every passage of ``folder``."""
    resources = load_resources()
    labels = _labels(folder)
    totals = {"labels": 0, "found": 0, "found_year": 0, "candidates": 0, "right": 0, "seconds": 0.0}
    for name in sorted(labels):
        meta_path = folder / f"{name}.json"
        meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
        started = time.perf_counter()
        document = read_document(_passage(folder, name), meta.get("url", ""), meta.get("published", ""))
        rows = extract(document, resources)
        totals["seconds"] += time.perf_counter() - started
        _score_passage(name, labels[name], rows, totals, verbose)
    return totals


def _score_passage(name: str, labels: list[dict], rows: list[dict], totals: dict, verbose: bool) -> None:
    for label in labels:
        matching = [r for r in rows if _same(r["value"], label["value"]) and r["country"] == label["country"]]
        dated = [r for r in matching if not label["year"] or r["reference_year"] == label["year"]]
        totals["labels"] += 1
        totals["found"] += bool(matching)
        totals["found_year"] += bool(dated)
        if verbose and not dated:
            years = sorted({r["reference_year"] for r in matching})
            print(f"  miss {name}: {label['value']} {label['country']} {label['year']} (years found: {years})")
    for row in rows:
        right = any(_same(row["value"], label["value"]) and row["country"] == label["country"] for label in labels)
        totals["candidates"] += 1
        totals["right"] += right
        if verbose and not right:
            print(f"  extra {name}: {row['value']} {row['country']} {row['reference_year']} {row['indicator']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--verbose", action="store_true", help="list every missed label and every wrong candidate")
    args = parser.parse_args(argv)
    totals = score(args.folder, args.verbose)
    n, c = totals["labels"], totals["candidates"]
    print(f"passages:  {len(_labels(args.folder))}, labels: {n}, candidates: {c}")
    print(f"recall (value + country):        {totals['found'] / n:.3f} ({totals['found']}/{n})")
    print(f"recall (value + country + year): {totals['found_year'] / n:.3f} ({totals['found_year']}/{n})")
    print(f"precision (value + country):     {totals['right'] / max(c, 1):.3f} ({totals['right']}/{c})")
    print(f"extraction time: {totals['seconds'] * 1000:.0f} ms in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
