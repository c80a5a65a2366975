"""The one place that maps a page's state to URL query parameters and back.

Names follow Our World in Data's grapher, which users already know: ``country=SRB~MNE~XKX``,
``time=2008..2024``. Reading never fails: a bad or unknown value falls back to the default and
yields a notice the page shows. Writing always includes every parameter, defaults too, so a
shared link keeps meaning the same view even if the defaults change later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

LIST_SEPARATOR = "~"
RANGE_RE = re.compile(r"^\s*(\d{4})\s*\.\.\s*(\d{4})\s*$")
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
MAX_TEXT = 200


@dataclass(frozen=True)
class Param:
    """One URL parameter: its kind, the values it may take and its default."""

    name: str
    kind: str  # "choice", "multi", "range", "flag" or "text"
    default: object
    options: Sequence = ()
    bounds: tuple[int, int] | None = None


def _first(params: Mapping, name: str) -> str | None:
    value = params.get(name)
    if isinstance(value, list | tuple):
        return value[-1] if value else None
    return value


def _read_choice(raw: str, spec: Param):
    return (raw, None) if raw in spec.options else (spec.default, f"unknown {spec.name} '{raw}'")


def _read_multi(raw: str, spec: Param):
    wanted = [part for part in raw.split(LIST_SEPARATOR) if part]
    chosen = [part for part in wanted if part in spec.options]
    unknown = [part for part in wanted if part not in spec.options]
    if not chosen:
        return list(spec.default), f"no known {spec.name} in '{raw}'"
    return list(dict.fromkeys(chosen)), (f"ignored unknown {spec.name} {', '.join(unknown)}" if unknown else None)


def _read_range(raw: str, spec: Param):
    match = RANGE_RE.match(raw)
    low, high = spec.bounds
    if not match:
        return tuple(spec.default), f"{spec.name} must look like {low}..{high}, not '{raw}'"
    start, end = sorted((int(match[1]), int(match[2])))
    clipped = (max(start, low), min(end, high))
    if clipped[0] > clipped[1]:
        return tuple(spec.default), f"{spec.name} {raw} lies outside {low}..{high}"
    return clipped, (f"{spec.name} narrowed to {clipped[0]}..{clipped[1]}" if clipped != (start, end) else None)


def _read_flag(raw: str, spec: Param):
    lowered = raw.strip().lower()
    if lowered in TRUE_WORDS:
        return True, None
    if lowered in FALSE_WORDS:
        return False, None
    return spec.default, f"{spec.name} must be 1 or 0, not '{raw}'"


def _read_text(raw: str, spec: Param):
    return raw[:MAX_TEXT], (f"{spec.name} shortened to {MAX_TEXT} characters" if len(raw) > MAX_TEXT else None)


READERS = {"choice": _read_choice, "multi": _read_multi, "range": _read_range, "flag": _read_flag, "text": _read_text}


def read(params: Mapping, specs: Sequence[Param]) -> tuple[dict, list[str]]:
    """Values for every spec (defaults where the URL is silent or wrong) and notices for the reader."""
    values, notices = {}, []
    for spec in specs:
        raw = _first(params, spec.name)
        if raw is None:
            values[spec.name] = spec.default
            continue
        values[spec.name], notice = READERS[spec.kind](str(raw), spec)
        if notice:
            notices.append(notice)
    return values, notices


def encode(values: Mapping, specs: Sequence[Param]) -> dict[str, str]:
    """Query parameters for ``values``; every spec is written, defaults included."""
    encoded = {}
    for spec in specs:
        value = values.get(spec.name, spec.default)
        if spec.kind == "multi":
            encoded[spec.name] = LIST_SEPARATOR.join(value)
        elif spec.kind == "range":
            encoded[spec.name] = f"{value[0]}..{value[1]}"
        elif spec.kind == "flag":
            encoded[spec.name] = "1" if value else "0"
        elif value is not None:
            encoded[spec.name] = str(value)
    return encoded


def query_string(values: Mapping, specs: Sequence[Param]) -> str:
    from urllib.parse import urlencode

    return urlencode(encode(values, specs), safe="~.")
