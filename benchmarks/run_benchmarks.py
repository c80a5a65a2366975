"""Measure build time and memory, server-side page reruns and browser time to a drawn chart.

Run on demand (`make bench`), never in the test suite. Writes benchmarks/RESULTS.md.
Synthetic datasets are generated under benchmarks/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from results_file import sections_starting  # noqa: E402
from synthetic import generate  # noqa: E402

from tip_stats.dashboard import ROUTER_SCRIPT  # noqa: E402

OUT = REPO_ROOT / "benchmarks" / "out"
PAGES = ["views/overview.py", "views/compare.py", "views/explorer.py", "views/sources.py", "views/coverage.py"]
BUILD_SNIPPET = """
import json, resource, sys, time
from tip_stats.cli import main

start = time.perf_counter()
code = main(sys.argv[1:])
print(json.dumps({"code": code, "seconds": time.perf_counter() - start,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_build(data_dir: Path | None, documents: Path | None, database: Path) -> dict:
    """Validate and load in a fresh process; its own peak RSS is the build's peak memory."""
    args = ["build", "--database", str(database)]
    if data_dir:
        args += ["--data-dir", str(data_dir), "--documents-dir", str(documents)]
    env = os.environ | ({"TIP_STATS_CONTEXT": str(OUT / "no-context.parquet")} if data_dir else {})
    result = subprocess.run(
        [sys.executable, "-c", BUILD_SNIPPET, *args], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_reruns(script: Path, page: str | None, runs: int) -> dict:
    """Median and p95 of AppTest.run(): warm (caches kept, as when a viewer reruns a page) and cold (Streamlit's
    caches cleared before every run, as for a view nobody has opened since the server started)."""
    at = AppTest.from_file(str(script), default_timeout=120)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    result = {}
    for mode in ("warm", "cold"):
        times = []
        for _ in range(runs):
            if mode == "cold":
                st.cache_data.clear()
                st.cache_resource.clear()
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
        result[mode] = {"median": statistics.median(times), "p95": percentile(times, 0.95)}
    return result


def page_timings(database: Path, runs: int) -> dict:
    os.environ["TIP_STATS_DB"] = str(database)
    floor = time_reruns(REPO_ROOT / "benchmarks" / "floor_app.py", None, runs)
    pages = {page: time_reruns(Path(ROUTER_SCRIPT), page, runs) for page in PAGES}
    return {"floor": floor, "pages": pages}


def browser_time(database: Path, runs: int = 5) -> list[float]:
    """Navigation to a drawn Compare chart, in headless Debian chromium against a real server."""
    sys.path.insert(0, str(REPO_ROOT / "tests"))
    from playwright.sync_api import sync_playwright

    from test_browser import CHROMIUM, CHROMIUM_ARGS, serve

    times = []
    with serve(database) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs + 1):
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(f"{app.url}/compare?indicator=victims_identified&country=SRB~MNE~XKX&time=2000..2025")
            page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=60_000)
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return times[1:]  # the first load also warms the server's caches


def write_results(builds: dict, reruns: dict, browser: dict, cores: int) -> Path:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {date.today().isoformat()} on a machine with {cores} cores by `benchmarks/run_benchmarks.py`.",
        "",
        "## Build (validate + load into DuckDB)",
        "",
        "| dataset | figures | time (s) | peak memory (MiB) | target |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, result in builds.items():
        target = "<= 30 s, <= 2048 MiB" if name == "1M" else ""
        lines.append(
            f"| {name} | {result['figures']:,} | {result['seconds']:.1f} | {result['peak_mib']:.0f} | {target} |"
        )
    for name, result in reruns.items():
        for mode in ("warm", "cold"):
            floor = result["floor"][mode]["median"]
            lines += [
                "",
                f"## Server-side page rerun, {name}, {mode} caches (AppTest.run(), {result['runs']} runs)",
                "",
                "| page | median (ms) | p95 (ms) | median / floor |",
                "| --- | ---: | ---: | ---: |",
                f"| floor: one Plotly chart of three points | {floor * 1000:.0f} | "
                f"{result['floor'][mode]['p95'] * 1000:.0f} | 1.00 |",
            ]
            for page, timing in result["pages"].items():
                lines.append(
                    f"| {page} | {timing[mode]['median'] * 1000:.0f} | {timing[mode]['p95'] * 1000:.0f} | "
                    f"{timing[mode]['median'] / floor:.2f} |"
                )
    if browser:
        lines += [
            "",
            "## Browser: navigation to a drawn Compare chart (headless Debian chromium)",
            "",
            "| dataset | runs | median (s) | max (s) |",
            "| --- | ---: | ---: | ---: |",
        ]
        for name, times in browser.items():
            lines.append(f"| {name} | {len(times)} | {statistics.median(times):.2f} | {max(times):.2f} |")
    notes = REPO_ROOT / "benchmarks" / "profile_notes.md"
    if notes.is_file():
        lines += ["", notes.read_text(encoding="utf-8").strip()]
    path = REPO_ROOT / "benchmarks" / "RESULTS.md"
    kept = sections_starting(("Capacity of one server process", "Browser: Compare against the floor", "Data API"), path)
    path.write_text("\n\n".join(["\n".join(lines), *kept]) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    builds, databases = {}, {}
    shipped = OUT / "shipped.duckdb"
    builds["shipped"] = measure_build(None, None, shipped)
    with __import__("duckdb").connect(str(shipped), read_only=True) as con:
        builds["shipped"]["figures"] = con.execute("SELECT count(*) FROM figures").fetchone()[0]
    databases["shipped"] = shipped
    for size in args.sizes:
        name = f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"
        folder = generate(size, OUT / f"syn-{name}")
        databases[name] = OUT / f"syn-{name}.duckdb"
        builds[name] = measure_build(folder / "indicators", folder / "documents", databases[name]) | {"figures": size}
        print(name, builds[name], flush=True)
    reruns = {}
    for name in ["shipped", *[n for n in builds if n == "1M"]]:
        reruns[name] = page_timings(databases[name], args.runs) | {"runs": args.runs}
        print(name, json.dumps(reruns[name]), flush=True)
    browser = {} if args.skip_browser else {name: browser_time(databases[name]) for name in reruns}
    print(write_results(builds, reruns, browser, os.cpu_count() or 0))


if __name__ == "__main__":
    main()
