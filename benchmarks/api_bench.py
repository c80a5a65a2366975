"""Data API response times on loopback, beside a floor measured in the same run.

A real `streamlit run app.py` serves the shipped data and a synthetic 100k-figure dataset in turn; each
request is timed from sending it to reading the last byte, one at a time (no concurrency). The floor is
Streamlit's own `/_stcore/health`, the cheapest answer the same server gives. Prints a Markdown table and,
with --results, appends it to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).parent))
from run_benchmarks import OUT, measure_build  # noqa: E402
from synthetic import generate  # noqa: E402
from test_browser import serve  # noqa: E402

REQUESTS = [
    ("floor: /_stcore/health", "/_stcore/health", {}),
    ("countries.json", "/api/countries.json", {}),
    ("figures.json?country=SRB&time=2008..2024", "/api/figures.json?country=SRB&time=2008..2024", {}),
    ("figures.csv (all figures)", "/api/figures.csv", {}),
    ("figures.parquet (all figures)", "/api/figures.parquet", {}),
    ("figures.zip?country=SRB", "/api/figures.zip?country=SRB", {}),
    ("figures.csv (all), revalidated: 304", "/api/figures.csv", {"etag": True}),
    ("figures.csv?country=NOPE: 400", "/api/figures.csv?country=NOPE", {}),
]


def fetch(url: str, headers: dict) -> tuple[int, dict, int]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), len(response.read())
    finally:
        connection.close()


def time_requests(base: str, runs: int) -> list[dict]:
    rows = []
    for label, path, options in REQUESTS:
        headers = {}
        if options.get("etag"):
            status, answer, _ = fetch(base + path, {})
            if "etag" not in answer:
                raise RuntimeError(f"{path} answered {status} without an ETag: {answer}")
            headers["If-None-Match"] = answer["etag"]
        status, _, size = fetch(base + path, headers)  # warm-up, and the status and size reported
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            fetch(base + path, headers)
            timings.append((time.perf_counter() - start) * 1000)
        rows.append({"label": label, "status": status, "bytes": size, "median_ms": statistics.median(timings)})
    floor = rows[0]["median_ms"]
    return [row | {"ratio": row["median_ms"] / floor} for row in rows]


def table(name: str, figures: int, rows: list[dict], runs: int) -> str:
    lines = [
        f"## Data API on loopback, {name} ({figures:,} figures; median of {runs} sequential requests)",
        "",
        "| request | status | bytes | median (ms) | median / floor |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['label']} | {r['status']} | {r['bytes']:,} | {r['median_ms']:.1f} | {r['ratio']:.1f} |" for r in rows
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--synthetic", type=int, default=100_000, help="figures in the synthetic dataset (0: skip)")
    parser.add_argument("--results", action="store_true", help="append the tables to benchmarks/RESULTS.md")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    datasets = [("shipped", None, None)]
    if args.synthetic:
        folder = generate(args.synthetic, OUT / f"api-{args.synthetic}")
        datasets.append((f"synthetic {args.synthetic // 1000}k", folder / "indicators", folder / "documents"))
    tables = [f"\nMeasured {date.today().isoformat()} by `benchmarks/api_bench.py`.\n"]
    for name, data_dir, documents in datasets:
        database = OUT / f"api-{name.replace(' ', '-')}.duckdb"
        measure_build(data_dir, documents, database)
        with serve(database) as app:
            rows = time_requests(app.url, args.runs)
        tables.append(table(name, count_figures(database), rows, args.runs))
    text = "\n".join(tables)
    print(text)
    if args.results:
        with (REPO_ROOT / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write(text)


def count_figures(database: Path) -> int:
    from tip_stats import queries
    from tip_stats.build import connect_read_only

    with connect_read_only(database) as con:
        return queries.figure_count(con)


if __name__ == "__main__":
    main()
