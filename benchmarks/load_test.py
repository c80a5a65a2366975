"""Load test on loopback: many browser sessions at once against one real Streamlit server.

Each session is a Playwright browser context (its own websocket session) that, until the time is up,
opens a shared Compare link with random countries and years, then switches between the explorer and
Compare inside the app, timing each step until the page shows its table or chart.
Bounded in sessions and seconds; it only talks to 127.0.0.1. Prints a JSON summary (errors, median
and p95 response, server memory) and, with --results, appends a table to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from tip_stats.settings import settings

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))
from test_browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

COUNTRY_SETS = ["SRB~MNE~XKX", "SRB", "MNE~XKX", "XKX~SRB"]
INDICATORS = ["victims_identified", "tip_tier", "potential_victims_referred", "victims_identified"]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    """Resident memory of the server process and its children (streamlit runs in one process)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def timed(timings: list, action, ready: str, page) -> None:
    start = time.perf_counter()
    await action
    await page.wait_for_selector(ready, timeout=90_000)
    timings.append(time.perf_counter() - start)


async def session(url: str, browser, stop_at: float, seed: int, timings: list, errors: list) -> None:
    """Open a shared Compare link, then switch pages in the app (each switch is a server rerun over the
    session's websocket) and now and then open a new link with other countries and years."""
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    chart = ".js-plotly-plot .scatterlayer, [data-testid='stAlert']"
    try:
        for step in range(10_000):
            if time.monotonic() >= stop_at:
                break
            if step % 4 == 0:
                first = rng.randint(2000, 2015)
                link = (
                    f"{url}/compare?indicator={rng.choice(INDICATORS)}&country={rng.choice(COUNTRY_SETS)}"
                    f"&time={first}..{rng.randint(first + 5, 2025)}"
                )
                await timed(timings, page.goto(link), chart, page)
            await timed(
                timings, page.get_by_role("link", name="Figures explorer").click(), "[data-testid='stDataFrame']", page
            )
            await timed(timings, page.get_by_role("link", name="Compare over time").click(), chart, page)
            if await page.locator("[data-testid='stException']").count():
                errors.append(f"exception after step {step}")
    except Exception as exc:  # noqa: BLE001 - every failure of a session counts as an error
        errors.append(f"{type(exc).__name__}: {exc}".splitlines()[0])
    finally:
        await context.close()


async def drive(url: str, sessions: int, seconds: float, timings: list, errors: list, memory: list, pid: int):
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stop_at = time.monotonic() + seconds
        tasks = [asyncio.create_task(session(url, browser, stop_at, i, timings, errors)) for i in range(sessions)]
        while not all(task.done() for task in tasks):
            memory.append(rss_mib(pid))
            await asyncio.sleep(1)
        await asyncio.gather(*tasks)
        await browser.close()


def run_load(database: Path, sessions: int, seconds: float) -> dict:
    """Every session is its own browser context, hence its own Streamlit session and websocket."""
    timings: list[float] = []
    errors: list[str] = []
    memory: list[float] = []
    with serve(database) as app:
        cpu_before, wall_before = cpu_seconds(app.pid), time.monotonic()
        asyncio.run(drive(app.url, sessions, seconds, timings, errors, memory, app.pid))
        server_cpu, wall = cpu_seconds(app.pid) - cpu_before, time.monotonic() - wall_before
    return {
        "sessions": sessions,
        "seconds": seconds,
        "requests": len(timings),
        "errors": len(errors),
        "error_samples": errors[:5],
        "median_s": statistics.median(timings) if timings else None,
        "p95_s": sorted(timings)[int(0.95 * (len(timings) - 1))] if timings else None,
        "server_peak_mib": max(memory) if memory else None,
        "server_cpu_share": server_cpu / (wall * (os.cpu_count() or 1)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database", type=Path, default=settings().database)
    parser.add_argument("--results", action="store_true", help="append the summary to benchmarks/RESULTS.md")
    args = parser.parse_args()
    summary = run_load(args.database, args.sessions, args.seconds)
    print(json.dumps(summary, indent=2))
    if args.results:
        with (REPO_ROOT / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write(
                f"\n## Load test: {summary['sessions']} concurrent browser sessions for {summary['seconds']:.0f} s "
                "(loopback)\n\n| requests | errors | median (s) | p95 (s) | server peak memory (MiB) | "
                "server share of all CPU |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n"
                f"| {summary['requests']} | {summary['errors']} | {summary['median_s']:.2f} | "
                f"{summary['p95_s']:.2f} | {summary['server_peak_mib']:.0f} | {summary['server_cpu_share']:.0%} |\n"
                f"\nA request is one step of a session: opening a shared Compare link, or switching to the explorer or "
                f"back to Compare inside the app, timed until the table or chart is drawn. The Streamlit server used "
                f"{summary['server_cpu_share']:.0%} of the machine's CPU; the {summary['sessions']} headless chromium "
                "tabs that generate the load run on the same cores and used the rest, so these response times "
                "mostly measure the clients drawing the pages, not the server (its reruns take tens of "
                "milliseconds, see above).\n"
            )


if __name__ == "__main__":
    main()
