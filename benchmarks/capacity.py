"""Capacity of one Streamlit server process: locust sessions over the websocket protocol, no browser.

For each session count a fresh `streamlit run app.py` serves the shipped database on loopback;
locust (benchmarks/locustfile.py) ramps up the sessions, resets its statistics once all are in,
and then measures a steady window. Beside it this script samples the server's CPU time and resident
memory from /proc, and the load generator's CPU, so a reader can see the clients are not the limit.

    python benchmarks/capacity.py --sessions 10 50 100 200 --seconds 60 --results
    python benchmarks/capacity.py --sessions 100 --profile   # py-spy profile of the server under load
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO_ROOT / "tests"))
from results_file import write_section  # noqa: E402

from tip_stats.bootstrap import ensure_database  # noqa: E402
from tip_stats.settings import settings  # noqa: E402

from test_browser import free_port, serve  # noqa: E402

GOAL_P95_MS = 1000
SPAWN_RATE = 10


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Sampler(threading.Thread):
    """CPU seconds and RSS of a few processes every half second, with the time of each sample."""

    def __init__(self, pids: dict[str, int]):
        super().__init__(daemon=True)
        self.pids, self.samples, self.stopped = pids, [], threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.5):
            try:
                now = time.monotonic()
                values = {name: (cpu_seconds(p), rss_mib(p)) for name, p in self.pids.items()}
                self.samples.append((now, values | {"machine": (os.getloadavg()[0], 0.0)}))
            except (FileNotFoundError, ProcessLookupError):
                return

    def load_average(self, start: float) -> float:
        """The machine's mean one-minute load average over the window: other work on the shared cores shows here."""
        inside = [values["machine"][0] for t, values in self.samples if t >= start]
        return statistics.fmean(inside) if inside else float("nan")

    def window(self, name: str, start: float) -> dict:
        """CPU share of one core and peak RSS of ``name`` from ``start`` on."""
        inside = [(t, values[name]) for t, values in self.samples if t >= start]
        if len(inside) < 2:
            return {"cpu_pct": float("nan"), "rss_mib": float("nan")}
        (t0, (cpu0, _)), (t1, (cpu1, _)) = inside[0], inside[-1]
        return {"cpu_pct": 100 * (cpu1 - cpu0) / (t1 - t0), "rss_mib": max(rss for _, (_, rss) in inside)}


def read_log(path: Path, since: float) -> tuple[list[float], list[str], float]:
    """Latencies (ms) and errors of the runs started at or after ``since`` (epoch seconds), and the span they cover."""
    latencies, errors, last = [], [], since
    for line in path.read_text().splitlines():
        started, _name, elapsed, error = line.split("\t")
        if float(started) < since:
            continue
        latencies.append(float(elapsed))
        last = max(last, float(started) + float(elapsed) / 1000)
        if error:
            errors.append(error)
    return latencies, errors, last - since


def percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        return {"p50_ms": float("nan"), "p95_ms": float("nan"), "p99_ms": float("nan")}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50_ms": cuts[49], "p95_ms": cuts[94], "p99_ms": cuts[98]}


def warm_up(url: str) -> None:
    """One visit to every page first: a shared link reaches a server that has already served its pages."""
    from dashboard_views import PAGE_WEIGHTS
    from streamlit_session import StreamlitSession

    with StreamlitSession(url) as session:
        for page in PAGE_WEIGHTS:
            session.rerun(page)


def run_locust(url: str, sessions: int, seconds: int, pids: list[int], workdir: Path, floor: bool = False) -> dict:
    """Ramp up ``sessions`` users, then measure ``seconds`` of steady load; server and client sampled alongside."""
    log = workdir / f"runs_{sessions}.tsv"
    ramp = sessions / SPAWN_RATE + 2
    command = [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless", "--only-summary"]
    command += ["-u", str(sessions), "-r", str(SPAWN_RATE), "-t", f"{int(ramp + seconds)}s", "--host", url]
    command += ["--stop-timeout", "30"]
    environment = os.environ | {"LOAD_LOG": str(log)} | ({"LOAD_FLOOR": "1"} if floor else {})
    client = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment)
    servers = {f"server{i}": pid for i, pid in enumerate(pids)}
    sampler = Sampler(servers | {"client": client.pid})
    sampler.start()
    spawned_at, spawned_epoch = time.monotonic() + ramp, time.time() + ramp
    for line in client.stderr:
        if "All users spawned" in line:
            spawned_at, spawned_epoch = time.monotonic(), time.time()
    client.wait()
    sampler.stopped.set()
    latencies, errors, span = read_log(log, spawned_epoch)
    server = [sampler.window(name, spawned_at) for name in servers]
    load = sampler.window("client", spawned_at)
    return {
        "sessions": sessions,
        "reruns": len(latencies),
        "reruns_per_s": len(latencies) / span if span else 0.0,
        **percentiles(latencies),
        "errors": len(errors),
        "server_cpu_pct": sum(part["cpu_pct"] for part in server),
        "server_rss_mib": sum(part["rss_mib"] for part in server),
        "client_cpu_pct": load["cpu_pct"],
        "load_average": sampler.load_average(spawned_at),
        "error_samples": [f"{n}x {text}" for text, n in Counter(errors).most_common(5)],
    }


def profile_top(raw: Path, limit: int = 30) -> list[tuple[str, float]]:
    """Share of samples in which each function appears (inclusive), from py-spy's collapsed stacks."""
    inclusive, total = Counter(), 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        total += int(count)
        for frame in set(stack.split(";")):
            inclusive[frame] += int(count)
    return [(frame, 100 * n / total) for frame, n in inclusive.most_common(limit)]


def measure(database: Path, sessions: int, seconds: int, profile: Path | None = None, floor: bool = False) -> dict:
    """One fresh server, one load level; with ``profile`` py-spy records the server through the steady window."""
    script = HERE / "floor_app.py" if floor else REPO_ROOT / "app.py"
    with serve(database, script) as app, tempfile.TemporaryDirectory() as workdir:
        spy = None
        if profile:
            ramp = sessions / SPAWN_RATE + 2
            spy_command = [
                str(Path(sys.executable).with_name("py-spy")),
                "record",
                "--pid",
                str(app.pid),
                "--format",
                "raw",
                "--rate",
                "50",
            ]
            spy_command += ["--duration", str(int(seconds + ramp)), "--output", str(profile), "--nonblocking"]
            spy = subprocess.Popen(spy_command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        warm_up(app.url)
        result = run_locust(app.url, sessions, seconds, [app.pid], Path(workdir), floor)
        if spy:
            spy.wait(timeout=120)
        return result


def measure_replicated(database: Path, sessions: int, seconds: int, replicas: int) -> dict:
    """The compose topology on loopback: ``replicas`` servers behind Debian's nginx running deploy/nginx.conf."""
    from test_replicas import nginx, nginx_config

    port = free_port()
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as workdir:
        apps = [stack.enter_context(serve(database)) for _ in range(replicas)]
        config = nginx_config(Path(workdir), port, [app.url.removeprefix("http://") for app in apps])
        url = stack.enter_context(nginx(config, port))
        for app in apps:
            warm_up(app.url)
        return run_locust(url, sessions, seconds, [app.pid for app in apps], Path(workdir))


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| sessions | app | reruns/s | p50 (ms) | p95 (ms) | p99 (ms) | errors | server CPU (% of a core) | "
        "server RSS (MiB) | load generator CPU (% of a core) | machine load average (2 cores) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['sessions']} | {r['app']} | {r['reruns_per_s']:.1f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} "
            f"| {r['p99_ms']:.0f} | {r['errors']} | {r['server_cpu_pct']:.0f} | {r['server_rss_mib']:.0f} "
            f"| {r['client_cpu_pct']:.0f} | {r['load_average']:.1f} |"
        )
    return lines


def largest_meeting_goal(rows: list[dict]) -> int | None:
    passing = [r["sessions"] for r in rows if r["app"] == "dashboard" and r["p95_ms"] < GOAL_P95_MS and not r["errors"]]
    return max(passing, default=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50, 100, 200])
    parser.add_argument("--seconds", type=int, default=60, help="steady window after all sessions are in")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor app (one chart) at each count")
    parser.add_argument("--replicas", type=int, default=0, help="also measure N servers behind nginx at each count")
    parser.add_argument("--profile", action="store_true", help="py-spy the server (largest count only)")
    parser.add_argument("--results", action="store_true", help="write the table into benchmarks/RESULTS.md")
    args = parser.parse_args()
    ensure_database()
    database = settings().database
    rows = []
    for sessions in args.sessions:
        profile = HERE / "out" / f"pyspy_{sessions}.txt" if args.profile and sessions == max(args.sessions) else None
        if profile:
            profile.parent.mkdir(exist_ok=True)
        for floor in [False] if args.no_floor else [False, True]:
            rows.append(
                {"app": "floor" if floor else "dashboard"}
                | measure(database, sessions, args.seconds, None if floor else profile, floor)
            )
            print(json.dumps(rows[-1]), flush=True)
        if args.replicas:
            result = measure_replicated(database, sessions, args.seconds, args.replicas)
            rows.append({"app": f"dashboard, {args.replicas} replicas behind nginx"} | result)
            print(json.dumps(rows[-1]), flush=True)
        if profile and profile.is_file():
            for frame, share in profile_top(profile):
                print(f"{share:5.1f}%  {frame}")
    print("\n".join(table(rows)))
    print(f"largest session count with p95 < {GOAL_P95_MS} ms and no errors: {largest_meeting_goal(rows)}")
    if args.results:
        notes = HERE / "capacity_notes.md"
        prose = notes.read_text(encoding="utf-8").strip().splitlines() if notes.is_file() else []
        header = [f"Measured {date.today().isoformat()} by `benchmarks/capacity.py --seconds {args.seconds}`.", ""]
        write_section("Capacity of one server process", header + table(rows) + ["", *prose])


if __name__ == "__main__":
    main()
