"""The one place that maps a page's state to URL query parameters and back.

Names follow Our World in Data's grapher, which users already know: ``country=SRB~MNE~XKX``,
``time=2008..2024``. Pages read leniently (``read``): a bad or unknown value falls back to the
default and yields a notice the page shows. The data API reads the same parameters strictly
(``read_strict``): a value that would be thrown away raises ``InvalidParameter`` instead, since a
script cannot see a notice. Writing always includes every parameter, defaults too, so a shared
link keeps meaning the same view even if the defaults change later.
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


class InvalidParameter(ValueError):
    """A parameter the strict reader cannot use: which one, what is wrong and what it accepts."""

    def __init__(self, parameter: str, problem: str, allowed: str):
        super().__init__(f"{parameter}: {problem}. Allowed: {allowed}")
        self.parameter, self.problem, self.allowed = parameter, problem, allowed


def _first(params: Mapping, name: str) -> str | None:
    value = params.get(name)
    if isinstance(value, list | tuple):
        return value[-1] if value else None
    return value


# Each reader returns (value, notice, rejected): ``rejected`` when the input (or part of it) was thrown
# away rather than merely adjusted, which the strict reader refuses.


def _read_choice(raw: str, spec: Param):
    if raw in spec.options:
        return raw, None, False
    return spec.default, f"unknown {spec.name} '{raw}'", True


def _read_multi(raw: str, spec: Param):
    wanted = [part for part in raw.split(LIST_SEPARATOR) if part]
    if not wanted:  # an empty list is how a page writes "no choice": the default, nothing to report
        return list(spec.default), None, False
    chosen = [part for part in wanted if part in spec.options]
    unknown = [part for part in wanted if part not in spec.options]
    if not chosen:
        return list(spec.default), f"no known {spec.name} in '{raw}'", True
    notice = f"ignored unknown {spec.name} {', '.join(unknown)}" if unknown else None
    return list(dict.fromkeys(chosen)), notice, bool(unknown)


def _read_range(raw: str, spec: Param):
    match = RANGE_RE.match(raw)
    low, high = spec.bounds
    if not match:
        return tuple(spec.default), f"{spec.name} must look like {low}..{high}, not '{raw}'", True
    start, end = sorted((int(match[1]), int(match[2])))
    clipped = (max(start, low), min(end, high))
    if clipped[0] > clipped[1]:
        return tuple(spec.default), f"{spec.name} {raw} lies outside {low}..{high}", True
    narrowed = clipped != (start, end)
    return clipped, (f"{spec.name} narrowed to {clipped[0]}..{clipped[1]}" if narrowed else None), False


def _read_flag(raw: str, spec: Param):
    lowered = raw.strip().lower()
    if lowered in TRUE_WORDS:
        return True, None, False
    if lowered in FALSE_WORDS:
        return False, None, False
    return spec.default, f"{spec.name} must be 1 or 0, not '{raw}'", True


def _read_text(raw: str, spec: Param):
    if len(raw) > MAX_TEXT:
        return raw[:MAX_TEXT], f"{spec.name} shortened to {MAX_TEXT} characters", True
    return raw, None, False


READERS = {"choice": _read_choice, "multi": _read_multi, "range": _read_range, "flag": _read_flag, "text": _read_text}
SHOWN_OPTIONS = 12


def allowed(spec: Param) -> str:
    """What ``spec`` accepts, in words an API user can act on (long option lists are cut short)."""
    options = [str(option) for option in spec.options if option != ""]
    listed = ", ".join(options[:SHOWN_OPTIONS]) + (
        f", ... ({len(options)} in all)" if len(options) > SHOWN_OPTIONS else ""
    )
    return {
        "choice": f"one of {listed}",
        "multi": f"one or more of {listed}, separated by {LIST_SEPARATOR}",
        "range": f"FROM..TO, two years within {spec.bounds[0]}..{spec.bounds[1]}" if spec.bounds else "FROM..TO",
        "flag": "1 or 0",
        "text": f"text of at most {MAX_TEXT} characters",
    }[spec.kind]


def _read_one(params: Mapping, spec: Param):
    """(value, notice, rejected) for one spec; a parameter the URL does not give is its default."""
    raw = _first(params, spec.name)
    return (spec.default, None, False) if raw is None else READERS[spec.kind](str(raw), spec)


def read(params: Mapping, specs: Sequence[Param]) -> tuple[dict, list[str]]:
    """Values for every spec (defaults where the URL is silent or wrong) and notices for the reader."""
    values, notices = {}, []
    for spec in specs:
        values[spec.name], notice, _ = _read_one(params, spec)
        if notice:
            notices.append(notice)
    return values, notices


def read_strict(params: Mapping, specs: Sequence[Param]) -> tuple[dict, set[str]]:
    """Values for every spec and the names the URL gave; raises ``InvalidParameter`` on an unknown name, a
    repeated name or any value the lenient reader would throw away. Adjustments (a range narrowed to the
    years the data covers) pass."""
    known = {spec.name: spec for spec in specs}
    for name, raw in params.items():
        if name not in known:
            raise InvalidParameter(name, "unknown parameter", ", ".join(known) or "no parameters")
        if isinstance(raw, list | tuple) and len(raw) > 1:
            raise InvalidParameter(name, "given more than once", f"{allowed(known[name])}, given once")
    values = {}
    for spec in specs:
        values[spec.name], notice, rejected = _read_one(params, spec)
        if rejected:
            raise InvalidParameter(spec.name, notice, allowed(spec))
    return values, set(params)


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


FILTER_NAMES = ("country", "indicator", "category", "time", "source", "q")


def figure_filter_specs(
    countries: Sequence[str],
    indicators: Sequence[str],
    categories: Sequence[str],
    sources: Sequence[str],
    years: tuple[int, int],
) -> list[Param]:
    """The figure filters the explorer offers and the data API accepts: one definition for both."""
    return [
        Param("country", "multi", [], list(countries)),
        Param("indicator", "multi", [], list(indicators)),
        Param("category", "multi", [], list(categories)),
        Param("time", "range", tuple(years), bounds=tuple(years)),
        Param("source", "choice", "", ["", *sources]),
        Param("q", "text", ""),
    ]


def search_filters(values: Mapping, include_undated: bool = True) -> dict:
    """Keyword arguments for ``queries.figures_search`` from the values of ``figure_filter_specs``."""
    year_from, year_to = values["time"]
    return {
        "countries": values["country"],
        "indicators": values["indicator"],
        "categories": values["category"],
        "year_from": year_from,
        "year_to": year_to,
        "source_id": values["source"],
        "text": values["q"].strip(),
        "include_undated": include_undated,
    }


def api_url(base: str, values: Mapping, specs: Sequence[Param], fmt: str = "csv") -> str:
    """The data API link for a page's view: its figure filters that differ from their defaults. Parameters the
    API does not take (per_capita, unit, ...) are dropped; a default time range is left out so that, as on the
    page, figures without a reference year stay in."""
    from urllib.parse import urlencode

    kept = [spec for spec in specs if spec.name in FILTER_NAMES and encode(values, [spec]) != encode({}, [spec])]
    query = urlencode(encode(values, kept), safe="~.")
    return f"{base.rstrip('/')}/api/figures.{fmt}" + (f"?{query}" if query else "")
