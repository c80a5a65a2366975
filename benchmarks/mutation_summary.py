"""Tally mutmut's verdicts per module, the figures benchmarks/mutation.md records.

mutmut lists one verdict per mutant; this groups them by module so a module's killed share can be
read at a glance after `make mutation MODULE=...`. Timeouts are shown apart and not counted as
killed, so the share is a floor.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict

VERDICTS = ("killed", "survived", "timeout", "no tests", "suspicious", "skipped", "not checked")


def verdicts_by_module(lines: list[str]) -> dict[str, Counter]:
    """{module: Counter(verdict -> count)} from `mutmut results --all true` lines."""
    tally: dict[str, Counter] = defaultdict(Counter)
    for line in lines:
        name, _, verdict = line.strip().rpartition(": ")
        if "__mutmut_" not in name:
            continue
        module = ".".join(name.split(".")[:2])  # tip_stats.<module>.x<function>__mutmut_<n>
        tally[module][verdict] += 1
    return tally


def killed_share(counts: Counter) -> float:
    """Killed mutants over all mutants that were run (timeouts count against the module)."""
    tried = sum(n for verdict, n in counts.items() if verdict not in {"not checked", "skipped"})
    return counts["killed"] / tried if tried else 0.0


def main() -> int:
    output = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    tally = verdicts_by_module(output.splitlines())
    print("| module | mutants | killed | survived | timeout | other | killed share |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for module in sorted(tally):
        counts = tally[module]
        if set(counts) == {"not checked"}:
            continue
        other = sum(counts.values()) - counts["killed"] - counts["survived"] - counts["timeout"]
        print(
            f"| {module} | {sum(counts.values())} | {counts['killed']} | {counts['survived']} "
            f"| {counts['timeout']} | {other} | {killed_share(counts):.0%} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
