"""Tally mutmut's verdicts per module, the figures benchmarks/mutation.md records.

mutmut lists one verdict per mutant; this groups them by module so a module's killed share can be
read at a glance after `make mutation MODULE=...`. Timeouts are shown apart and not counted as
killed, so the share is a floor. Mutants mypy rejects ("caught by type check") are shown apart too:
`make test` runs mypy, so such a change could not land, and they count as caught.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict

VERDICTS = ("killed", "caught by type check", "survived", "timeout", "no tests", "suspicious", "skipped", "not checked")
CAUGHT = ("killed", "caught by type check")


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
    """Caught mutants (by a test or by mypy) over all mutants tried; timeouts count against the module."""
    tried = sum(n for verdict, n in counts.items() if verdict not in {"not checked", "skipped"})
    return sum(counts[verdict] for verdict in CAUGHT) / tried if tried else 0.0


def main() -> int:
    output = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    tally = verdicts_by_module(output.splitlines())
    print("| module | mutants | killed by a test | caught by mypy | survived | timeout | other | caught share |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for module in sorted(tally):
        counts = tally[module]
        if set(counts) == {"not checked"}:
            continue
        shown = ("killed", "caught by type check", "survived", "timeout")
        other = sum(counts.values()) - sum(counts[verdict] for verdict in shown)
        cells = " | ".join(str(counts[verdict]) for verdict in shown)
        print(f"| {module} | {sum(counts.values())} | {cells} | {other} | {killed_share(counts):.0%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
