"""Start-up time of ``tip-stats extract``, beside the floor of starting Python itself in the same run.

Issue 12 asks the command to start in under 1 s. Each command runs in a fresh process several times,
interleaved so a busy moment on the shared machine hits all of them alike; the script prints the
fastest and the median wall time of each. Usage:

    python benchmarks/extract_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def commands() -> dict[str, list[str]]:
    """What is timed: the floor (a bare interpreter), the package's own entry point and the console script."""
    script = shutil.which("tip-stats") or str(Path(sys.executable).with_name("tip-stats"))
    return {
        "floor: python -c pass": [sys.executable, "-c", "pass"],
        "python -m tip_stats.extract --help": [sys.executable, "-m", "tip_stats.extract", "--help"],
        "tip-stats extract --help": [script, "extract", "--help"],
    }


def wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    timed = commands()
    times: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(args.runs):
        for name, command in timed.items():
            times[name].append(wall_time(command))
    for name, values in times.items():
        print(f"{name:38} fastest {min(values):.2f} s, median {statistics.median(values):.2f} s ({args.runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
