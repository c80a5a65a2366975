"""Browser time to a drawn Compare chart against a bare one-chart page, side by side in one run.

Two servers run at once: the dashboard (shipped data) and benchmarks/floor_variants.py (one Plotly chart
of three points, alone or with one kind of element Compare also has, to price each). Headless Debian
chromium opens each URL in a fresh browser context (a person following a link) in turn, so all see the
same machine load, and times navigation until the first Plotly trace is drawn. To say where the extra
time goes, each load also records what the page fetched (JavaScript chunks and bytes, from the Resource
Timing API) and the server's own share: a protocol-level session (benchmarks/streamlit_session.py)
times the script run and counts the bytes the server sends for it.

    python benchmarks/compare_vs_floor.py --runs 7 --results
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO_ROOT / "tests"))
from results_file import write_section  # noqa: E402
from streamlit_session import StreamlitSession  # noqa: E402

from tip_stats.bootstrap import ensure_database  # noqa: E402
from tip_stats.settings import settings  # noqa: E402

from test_browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

COMPARE = "compare?indicator=victims_identified&country=SRB~MNE~XKX&time=2000..2025"
TARGETS = {  # name -> (server, page, query)
    "floor: one Plotly chart": ("floor", "", ""),
    "floor + sidebar widgets": ("floor", "", "add=widgets"),
    "floor + st.dataframe": ("floor", "", "add=dataframe"),
    "floor + download button": ("floor", "", "add=downloads"),
    "floor + st.code (share link)": ("floor", "", "add=code"),
    "floor + all four": ("floor", "", "add=widgets~dataframe~downloads~code"),
    "Compare": ("app", "compare", COMPARE.split("?", 1)[1]),
    "Compare, present=1 (no widgets)": ("app", "compare", COMPARE.split("?", 1)[1] + "&present=1"),
}
DRAWN = ".js-plotly-plot .scatterlayer .trace"
RESOURCES = """() => performance.getEntriesByType('resource').map(e => ({name: e.name, bytes: e.encodedBodySize,
    type: e.initiatorType, end: e.responseEnd}))"""


def url_of(base: str, page: str, query: str) -> str:
    return f"{base}/{page}" + (f"?{query}" if query else "")


def browser_load(browser, url: str) -> dict:
    """One fresh context: seconds to the first drawn trace, and the JavaScript it had to fetch."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(DRAWN, timeout=60_000)
    seconds = time.perf_counter() - start
    scripts = [r for r in page.evaluate(RESOURCES) if r["name"].endswith(".js")]
    widgets = page.locator(
        "[data-testid='stSidebar'] [data-testid^='st'][data-testid$='Widget'], "
        "[data-testid='stDataFrame'], [data-testid='stDownloadButton']"
    ).count()
    context.close()
    return {
        "seconds": seconds,
        "js_files": len(scripts),
        "js_kib": sum(r["bytes"] for r in scripts) / 1024,
        "widgets": widgets,
    }


def server_run(base: str, page: str, query: str) -> dict:
    """The server's part for a new session: the first script run, timed over the protocol, and what it sends."""
    with StreamlitSession(base) as session:
        result = session.rerun(page, query)
    return {"server_s": result.seconds, "sent_kib": result.received_bytes / 1024, "messages": result.messages}


def measure(runs: int) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    ensure_database()
    database = settings().database
    samples: dict[str, list[dict]] = {name: [] for name in TARGETS}
    with serve(database) as app, serve(database, HERE / "floor_variants.py") as floor, sync_playwright() as playwright:
        bases = {"app": app.url, "floor": floor.url}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for round_ in range(runs + 1):  # round 0 warms both servers' caches and imports
            for name, (server, page, query) in TARGETS.items():
                sample = browser_load(browser, url_of(bases[server], page, query))
                sample |= server_run(bases[server], page, query)
                if round_:
                    samples[name].append(sample)
        browser.close()
    return samples


def summary(samples: dict[str, list[dict]]) -> list[str]:
    floor = statistics.median(s["seconds"] for s in samples["floor: one Plotly chart"])
    lines = [
        "| page | runs | browser median (s) | / floor | server run median (ms) | sent by server (KiB) "
        "| JS files fetched | JS fetched (KiB) | widgets and tables |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, rows in samples.items():
        median = statistics.median(s["seconds"] for s in rows)
        lines.append(
            f"| {name} | {len(rows)} | {median:.2f} | {median / floor:.2f} "
            f"| {statistics.median(s['server_s'] for s in rows) * 1000:.0f} "
            f"| {statistics.median(s['sent_kib'] for s in rows):.0f} "
            f"| {statistics.median(s['js_files'] for s in rows):.0f} "
            f"| {statistics.median(s['js_kib'] for s in rows):.0f} | {rows[0]['widgets']} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--results", action="store_true", help="write the table into benchmarks/RESULTS.md")
    args = parser.parse_args()
    samples = measure(args.runs)
    print(json.dumps(samples, indent=1))
    lines = summary(samples)
    print("\n".join(lines))
    if args.results:
        notes = HERE / "compare_notes.md"
        prose = notes.read_text(encoding="utf-8").strip().splitlines() if notes.is_file() else []
        header = [f"Measured {date.today().isoformat()} by `benchmarks/compare_vs_floor.py --runs {args.runs}`.", ""]
        write_section("Browser: Compare against the floor page, side by side", header + lines + ["", *prose])


if __name__ == "__main__":
    main()
