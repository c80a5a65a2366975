"""The data API: figures and catalogues as CSV, JSON, Parquet or a citable zip, beside the dashboard's pages.

``routes()`` gives Starlette routes that root app.py hands to ``st.App``, so the API runs in the same
server as the pages. Parameters have the explorer's names and syntax (``country=SRB~MNE``,
``time=2008..2024``) and are read by ``urlstate.read_strict``: a bad one is answered with 400 and a JSON
message naming the parameter and what it accepts, since a script cannot see a page's notice. A missing or
unreadable database is 503 (the server's state, not the client's fault, and over once it is rebuilt).
Every answer carries an ETag derived from the database build, and a matching If-None-Match gets 304.
Handlers are plain functions, which Starlette runs in its thread pool: DuckDB calls block.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tip_stats import export, package, queries, urlstate
from tip_stats.build import connect_read_only, private_cursor
from tip_stats.settings import ProjectNotFound, settings

log = logging.getLogger(__name__)

PREFIX = "/api"
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "zip": "application/zip",
}
CATALOGUES = {
    "indicators": queries.indicator_catalogue,
    "countries": queries.country_catalogue,
    "sources": queries.sources,
}
PARAMETER_HELP = {
    "country": "country or region codes separated by ~ (SRB~MNE~XKX); see /api/countries.json",
    "indicator": "indicator codes separated by ~ (victims_identified~tip_tier); see /api/indicators.json",
    "category": "indicator categories separated by ~ (victims~enforcement); see /api/indicators.json",
    "time": "reference years FROM..TO (2008..2024); figures without a reference year are left out when given",
    "source": "one source_id; see /api/sources.json",
    "q": "text searched in quotes, notes and indicator names (case-insensitive)",
}
HEADERS = {
    "Cache-Control": "no-cache",  # keep a copy, but ask each time: the ETag makes asking cheap
    "Access-Control-Allow-Origin": "*",  # public, read-only data: notebooks in a browser may fetch it
    "X-Content-Type-Options": "nosniff",
}


class DatabaseUnavailable(Exception):
    """No database to answer from; the message says how to get one (and names no server path)."""


@dataclass(frozen=True)
class Snapshot:
    """One build of the database as the API sees it: a shared read-only connection and what is derived
    from the build once (its cache validator and the parameters' allowed values)."""

    connection: duckdb.DuckDBPyConnection
    stamp: str
    built_at: str
    specs: list[urlstate.Param]
    definitions: dict[str, str]


def _file_key(path: Path) -> tuple:
    try:
        status = path.stat()
    except OSError as err:
        raise DatabaseUnavailable(f"no database {path.name}: run `tip-stats build`") from err
    return str(path), status.st_ino, status.st_mtime_ns, status.st_size


def _snapshot(path: Path) -> Snapshot:
    try:
        con = connect_read_only(path, private=True)
        info = queries.build_info(con)
        countries, indicators = queries.countries(con), queries.indicator_catalogue(con)
        source_ids = list(queries.sources(con)["source_id"])
    except (duckdb.Error, OSError) as err:
        raise DatabaseUnavailable(
            f"the database {path.name} cannot be read ({type(err).__name__}): run `tip-stats build`"
        ) from err
    digest = hashlib.sha256(json.dumps([info, package.version()], sort_keys=True).encode()).hexdigest()[:20]
    specs = urlstate.figure_filter_specs(
        countries["code"], indicators["code"], sorted(indicators["category"].unique()), source_ids, settings().years
    )
    definitions = dict(zip(indicators["code"], indicators["definition"], strict=True))
    return Snapshot(con, digest, info.get("built_at", ""), specs, definitions)


class SharedDatabase:
    """The database file opened once per build: a rebuild swaps in a new file, which is opened on the next
    request; requests use cursors of the shared connection."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._snapshot: Snapshot | None = None

    def current(self) -> Snapshot:
        try:
            path = settings().database
        except ProjectNotFound as err:
            raise DatabaseUnavailable("no tip-stats project folder: set TIP_STATS_HOME") from err
        key = _file_key(path)
        with self._lock:
            if key != self._key:
                self._snapshot, self._key = _snapshot(path), key
            return self._snapshot


DATABASE = SharedDatabase()


def error(status: int, message: str, **details) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **details}, status_code=status, headers=HEADERS)


def answers_json_errors(handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
    """Bad parameters become 400, a missing or unreadable database 503, anything else a 500 whose body is a short
    JSON message (the traceback goes to the server log, never to the client)."""

    @functools.wraps(handler)
    def guarded(request: Request) -> Response:
        try:
            return handler(request)
        except urlstate.InvalidParameter as err:
            help_text = PARAMETER_HELP.get(err.parameter, "")
            return error(
                400, str(err), parameter=err.parameter, problem=err.problem, allowed=err.allowed, help=help_text
            )
        except DatabaseUnavailable as err:
            return error(503, f"database unavailable: {err}")
        except duckdb.Error as err:
            log.warning("API query failed: %s", err)
            return error(503, "the database could not answer; it may be rebuilding or damaged")
        except Exception:
            log.exception("API request failed: %s", request.url)
            return error(500, "internal error: the request was valid but the server failed to answer it")

    return guarded


def _matches(request: Request, etag: str) -> bool:
    wanted = request.headers.get("if-none-match", "")
    tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
    return "*" in tags or etag in tags


def _respond(request: Request, etag: str, render: Callable[[], tuple[bytes, str]], filename: str | None) -> Response:
    headers = HEADERS | {"ETag": etag}
    if _matches(request, etag):
        return Response(status_code=304, headers=headers)
    body, media_type = render()
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(body, media_type=media_type, headers=headers)


def _json_records(frame: pd.DataFrame) -> bytes:
    # pandas writes missing values as null and lists as arrays; ISO dates stay text
    return frame.to_json(orient="records", force_ascii=False, date_format="iso").encode("utf-8")


def _params(request: Request) -> dict[str, list[str]]:
    query = request.query_params
    return {name: query.getlist(name) for name in query}


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def render_figures(fmt: str, frame: pd.DataFrame, snapshot: Snapshot, view_url: str, api_url: str) -> bytes:
    if fmt == "csv":
        return export.csv_bytes(frame)
    if fmt == "parquet":
        return export.parquet_bytes(frame)
    if fmt == "zip":
        return package.zip_bytes(frame, view_url, snapshot.built_at, api_url=api_url, definitions=snapshot.definitions)
    return _json_records(frame)


@answers_json_errors
def figures(request: Request) -> Response:
    """GET /api/figures.{csv,json,parquet,zip}: figures with their sources, filtered like the explorer."""
    fmt = request.path_params["fmt"]
    if fmt not in FORMATS:
        return error(404, f"no format '{fmt}'", allowed=", ".join(f"figures.{f}" for f in FORMATS))
    snapshot = DATABASE.current()
    values, given = urlstate.read_strict(_params(request), snapshot.specs)
    day = datetime.now(UTC).date().isoformat() if fmt == "zip" else ""  # the zip's README names the access date
    etag = f'"{snapshot.stamp}-figures-{fmt}{day}"'
    view_url = f"{_base(request)}/explorer?{urlstate.query_string(values, snapshot.specs)}"

    def render() -> tuple[bytes, str]:
        filters = urlstate.search_filters(values, include_undated="time" not in given)
        cursor = private_cursor(snapshot.connection)
        try:
            frame = queries.figures_search(cursor, **filters)
        finally:
            cursor.close()
        return render_figures(fmt, frame, snapshot, view_url, str(request.url)), FORMATS[fmt]

    return _respond(request, etag, render, None if fmt == "json" else f"tip-stats-figures.{fmt}")


def catalogue(name: str) -> Callable[[Request], Response]:
    """GET /api/<name>.json: one catalogue (indicators, countries or sources) as a list of records."""

    @answers_json_errors
    def handler(request: Request) -> Response:
        urlstate.read_strict(_params(request), [])  # takes no parameters: refuse any rather than ignore it
        snapshot = DATABASE.current()

        def render() -> tuple[bytes, str]:
            cursor = private_cursor(snapshot.connection)
            try:
                return _json_records(CATALOGUES[name](cursor)), FORMATS["json"]
            finally:
                cursor.close()

        return _respond(request, f'"{snapshot.stamp}-{name}"', render, None)

    handler.__name__ = f"{name}_catalogue"
    return handler


def index(request: Request) -> Response:
    """GET /api: what the API offers, for someone who found it by hand."""
    base = _base(request)
    return JSONResponse(
        {
            "figures": {fmt: f"{base}{PREFIX}/figures.{fmt}" for fmt in FORMATS},
            "catalogues": {name: f"{base}{PREFIX}/{name}.json" for name in CATALOGUES},
            "parameters": PARAMETER_HELP,
            "example": f"{base}{PREFIX}/figures.csv?country=SRB~MNE&indicator=victims_identified&time=2008..2024",
        },
        headers=HEADERS,
    )


def not_found(request: Request) -> Response:
    return error(404, f"no API endpoint {request.url.path}", allowed=f"{PREFIX}, {PREFIX}/figures.csv and the like")


def routes() -> list[Route]:
    """The API's routes, for ``st.App(..., routes=routes())``."""
    return [
        Route(PREFIX, index, methods=["GET"]),
        Route(f"{PREFIX}/figures.{{fmt}}", figures, methods=["GET"]),
        *[Route(f"{PREFIX}/{name}.json", catalogue(name), methods=["GET"]) for name in CATALOGUES],
        Route(f"{PREFIX}/{{rest:path}}", not_found, methods=["GET"]),
    ]
