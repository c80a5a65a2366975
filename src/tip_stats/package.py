"""Citable downloads: a zip of figures that carries its own README, sources, licence and citation.

Readers of statistics dashboards tend to cite the dashboard instead of the body that counted, and a
CSV on its own loses where its numbers came from. So every zip holds the figures as spreadsheet-safe
CSV, a README written for the rows it holds (their indicators, sources and authorities, qualifiers,
caveats, licence, how to cite, the view it came from and the build date) and a ``datapackage.json``
(Frictionless Data, tabular data package) that lets tools read the CSV with the right types. The data
API and the pages' download buttons call ``zip_bytes``; the pages' "Cite this" box calls ``cite_view``.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from datetime import UTC, date, datetime
from importlib import metadata

import pandas as pd

from tip_stats import export
from tip_stats.vocabulary import BREAKDOWN_TYPES, QUALIFIER_MEANINGS, QUALIFIERS

DASHBOARD = "tip-stats"
DATA_FILE = "figures.csv"
CURATION_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
REQUIRED_COLUMNS = [
    "figure_id",
    "country",
    "indicator",
    "value",
    "unit",
    "qualifier",
    "quote",
    "source_id",
    "publisher",
    "authority",
    "source_title",
    "published",
]
COLUMN_DESCRIPTIONS = {
    "figure_id": "Identifier of the figure in the curated data.",
    "country": "Country, former state or region code (ISO 3166 alpha-3 where one exists; XKX is Kosovo).",
    "country_name": "Name of the country, former state or region.",
    "indicator": "Indicator code (see the README's list of indicators).",
    "indicator_label": "Indicator name.",
    "category": "Indicator category.",
    "reference_year": "The year the figure describes (not the publication year); empty for criminal-code terms.",
    "period_start": "First year of a multi-year period the figure covers, if it covers one.",
    "period_end": "Last year of that period.",
    "value": "The number as published (the lower bound of a range).",
    "value_high": "Upper bound when the source gives a range.",
    "unit": "Unit of value: persons, cases, percent, years, tier, tonnes or a currency code.",
    "qualifier": "How the source qualifies the number (exact, about, at least, ...).",
    "breakdown_type": "total, or the dimension of a breakdown (sex, age_group, ...).",
    "breakdown": "The part of the breakdown (for example female); empty for totals.",
    "quote": "The sentence the figure was read from, verbatim, in its original language.",
    "quote_lang": "ISO 639 language code of the quote.",
    "quote_en": "English translation of a quote that is not in English (the curators' translation).",
    "notes": "Curators' note.",
    "supersedes": "Identifier of an earlier figure this one revises.",
    "revised_by": "Identifiers of later figures that revise this one.",
    "source_id": "Identifier of the source document.",
    "publisher": "Who published the source.",
    "authority": "The body that produced the number (it may differ from the publisher).",
    "source_title": "Title of the source document.",
    "published": "Publication date of the source (YYYY, YYYY-MM or YYYY-MM-DD).",
    "source_url": "Address of the source document, when it is online.",
    "document": "File name of the source document in the curators' document folder.",
}
CAVEATS = [
    "Each row is one number as one source published it. Nothing is estimated, converted or interpolated; a "
    "year without a row is a year without a published figure, not a zero.",
    "Different authorities count differently (victims identified by the police, by a coordination office or "
    "by a foreign government's report): compare rows of the same authority before comparing across them.",
    "A revised figure names the figure it revises in `supersedes`; the revised one lists it in `revised_by`. "
    "Keep one of them when you add figures up.",
    "Rows with a breakdown_type other than `total` are parts of a total: do not add them to the totals.",
    "Amounts keep the currency the source used; they are not converted or adjusted for inflation.",
    "Figures for a predecessor state (Serbia and Montenegro, Yugoslavia) or a region are context, not "
    "figures for today's countries.",
    "A figure with `period_start` and `period_end` covers several years; its reference year is the last one.",
]
LICENCE_TERMS = [
    "The curation (the selection of figures, their coding, identifiers, notes and translations) is published "
    "under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): credit tip-stats and link "
    "to the view this file came from.",
    "The numbers are facts reported by the sources listed below; the short verbatim quotes are reproduced as "
    "citations of those sources and remain theirs. Cite the original source for a number, and check its own "
    "terms before reusing longer passages of it.",
    "World Bank context series (population, unemployment, GDP, poverty) shown on the dashboard are not part "
    "of this file; they come from the World Development Indicators under CC BY 4.0 (The World Bank).",
]


def _missing_columns(frame: pd.DataFrame) -> list[str]:
    return [column for column in REQUIRED_COLUMNS if column not in frame.columns]


def _check_columns(frame: pd.DataFrame) -> None:
    missing = _missing_columns(frame)
    if missing:
        raise ValueError(f"a citable download needs the columns {', '.join(missing)} (see queries.EXPORT_COLUMNS)")


def version() -> str:
    try:
        return metadata.version("tip-stats")
    except metadata.PackageNotFoundError:
        return "0"


def _day(built_at: str | None) -> str:
    return (built_at or "")[:10] or "unknown date"


def view_summary(frame: pd.DataFrame) -> str:
    """A few words on what the rows hold: indicators, countries and years."""

    def named(codes: pd.Series, names: pd.Series | None, noun: str) -> str:
        labels = list(dict.fromkeys(names if names is not None else codes))
        return ", ".join(map(str, labels)) if len(labels) <= 4 else f"{len(labels)} {noun}"

    if frame.empty:
        return "no figures"
    indicators = named(frame["indicator"], frame.get("indicator_label"), "indicators")
    countries = named(frame["country"], frame.get("country_name"), "countries and regions")
    years = pd.to_numeric(frame["reference_year"], errors="coerce").dropna() if "reference_year" in frame else []
    span = f", {int(min(years))}-{int(max(years))}" if len(years) else ""
    return f"{indicators}; {countries}{span}"


def source_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per source of the figures in ``frame``, newest first, with how many figures it gave."""
    columns = ["source_id", "publisher", "authority", "source_title", "published"]
    if "source_url" in frame:
        columns.append("source_url")
    counts = frame.groupby("source_id").size().rename("figures")
    table = frame[columns].drop_duplicates("source_id").set_index("source_id").join(counts).reset_index()
    return table.sort_values(["published", "source_id"], ascending=[False, True], na_position="last")


def _text(value) -> str:
    """A cell as text, with missing values (None, NaN, NA) as the empty string."""
    return "" if value is None or (not isinstance(value, list | tuple) and pd.isna(value)) else str(value)


def _url(row) -> str:
    return _text(getattr(row, "source_url", None))


def _source_reference(row) -> str:
    link = f" {_url(row)}" if _url(row) else ""
    counted = f" Figures by {row.authority}." if row.authority != row.publisher else ""
    return f"{row.publisher} ({_text(row.published) or 'undated'}). {row.source_title}.{counted}{link}"


def cite_view(
    frame: pd.DataFrame,
    view_url: str,
    accessed: date | None = None,
    built_at: str | None = None,
    title: str = "Figures",
) -> str:
    """A ready citation for a view: the dashboard with the view's address and access date, then the original
    sources to cite for the numbers themselves."""
    _check_columns(frame)
    accessed = accessed or datetime.now(UTC).date()
    year = (built_at or accessed.isoformat())[:4]
    lines = [
        f"{DASHBOARD} ({year}). {title}: {view_summary(frame)} [data set; database built {_day(built_at)}]. "
        f"Retrieved {accessed.isoformat()} from {view_url}",
    ]
    sources = source_table(frame)
    if len(sources):
        lines += ["", "Original sources of these figures (cite them for the numbers):"]
        lines += [f"- {_source_reference(row)}" for row in sources.itertuples()]
    return "\n".join(lines)


def _field_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    return "string"


def _field(name: str, series: pd.Series) -> dict:
    field = {"name": name, "type": _field_type(series)}
    if name in COLUMN_DESCRIPTIONS:
        field["description"] = COLUMN_DESCRIPTIONS[name]
    if name in REQUIRED_COLUMNS:
        field["constraints"] = {"required": True}
    if name == "qualifier":
        field["constraints"] = {"required": True, "enum": list(QUALIFIERS)}
    if name == "breakdown_type":
        field["constraints"] = {"enum": list(BREAKDOWN_TYPES)}
    return field


def table_schema(frame: pd.DataFrame) -> dict:
    """A Frictionless table schema for ``frame`` as ``export.csv_bytes`` writes it."""
    schema = {"fields": [_field(name, frame[name]) for name in frame.columns], "missingValues": [""]}
    ids = frame["figure_id"]
    if ids.notna().all() and ids.is_unique:
        schema["primaryKey"] = ["figure_id"]
    return schema


def datapackage(frame: pd.DataFrame, csv: bytes, view_url: str, built_at: str | None, name: str) -> dict:
    """The ``datapackage.json`` describing the CSV bytes ``csv`` written from ``frame``."""
    sources = source_table(frame)
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": f"{DASHBOARD}: {view_summary(frame)}",
        "description": "Figures on human trafficking, child labour and their context, each with its source, "
        "authority and the verbatim sentence it was read from. See README.md.",
        "homepage": view_url,
        "version": version(),
        "created": built_at or "",
        "licenses": [CURATION_LICENCE],
        "sources": [
            {"title": _source_reference(row)} | ({"path": _url(row)} if _url(row) else {})
            for row in sources.itertuples()
        ],
        "resources": [
            {
                "name": "figures",
                "path": DATA_FILE,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(csv),
                "hash": "sha256:" + hashlib.sha256(csv).hexdigest(),
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
                "schema": table_schema(frame),
            }
        ],
    }


def _markdown_cell(value) -> str:
    return " ".join(_text(value).split()).replace("|", "\\|")


def _markdown_table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(_markdown_cell(cell) for cell in row) + " |" for row in rows]


def _indicator_rows(frame: pd.DataFrame, definitions: Mapping[str, str]) -> list[list]:
    labels = frame.get("indicator_label", frame["indicator"])
    table = pd.DataFrame({"indicator": frame["indicator"], "label": labels, "unit": frame["unit"]})
    rows = []
    for code, part in table.groupby("indicator", sort=True):
        units = ", ".join(sorted(part["unit"].dropna().unique()))
        rows.append([f"`{code}`", part["label"].iloc[0], units, definitions.get(code, ""), len(part)])
    return rows


def readme_text(
    frame: pd.DataFrame,
    view_url: str,
    built_at: str | None,
    accessed: date,
    api_url: str | None = None,
    definitions: Mapping[str, str] | None = None,
) -> str:
    """The README of a zip, written for the rows it holds."""
    sources = source_table(frame)
    qualifiers = [q for q in QUALIFIERS if q in set(frame["qualifier"])]
    lines = [
        f"# {DASHBOARD} figures: {view_summary(frame)}",
        "",
        f"{len(frame)} figures from {len(sources)} sources, downloaded on {accessed.isoformat()} from the view",
        f"<{view_url}>" + (f" (data API: <{api_url}>)" if api_url else "") + ".",
        f"Database built on {_day(built_at)}.",
        "",
        "## What the figures are",
        "",
        "Every row is one number read from a published report, stored with the report (`source_id`, "
        "`publisher`, `authority`) and the verbatim sentence it was read from (`quote`).",
        "",
        *_markdown_table(
            ["indicator", "label", "unit", "definition", "figures"], _indicator_rows(frame, definitions or {})
        ),
        "",
        "## Files",
        "",
        f"- `{DATA_FILE}`: the figures, UTF-8 with a byte-order mark, comma-separated, CRLF line ends. Text that "
        "a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) starts with an "
        "apostrophe.",
        "- `datapackage.json`: a Frictionless Data tabular data package (column types, descriptions, sources, "
        "licence).",
        "- `README.md`: this file.",
        "",
        "## Columns",
        "",
        *_markdown_table(["column", "meaning"], [[f"`{c}`", COLUMN_DESCRIPTIONS.get(c, "")] for c in frame.columns]),
        "",
        "## Sources and authorities",
        "",
        *_markdown_table(
            ["source_id", "publisher", "authority", "title", "published", "address", "figures"],
            [
                [f"`{r.source_id}`", r.publisher, r.authority, r.source_title, r.published] + [_url(r), r.figures]
                for r in sources.itertuples()
            ],
        ),
        "",
        "## Qualifiers",
        "",
        *[f"- `{q}`: {QUALIFIER_MEANINGS[q]}" for q in qualifiers],
        "",
        "## Caveats",
        "",
        *[f"- {caveat}" for caveat in CAVEATS],
        "",
        "## Licence",
        "",
        *[f"- {term}" for term in LICENCE_TERMS],
        "",
        "## How to cite",
        "",
        "```text",
        cite_view(frame, view_url, accessed, built_at),
        "```",
        "",
    ]
    return "\n".join(lines)


def zip_bytes(
    frame: pd.DataFrame,
    view_url: str,
    built_at: str | None = None,
    *,
    api_url: str | None = None,
    definitions: Mapping[str, str] | None = None,
    accessed: date | None = None,
    name: str = "tip-stats-figures",
) -> bytes:
    """A zip of ``frame`` (figures with the columns of ``queries.EXPORT_COLUMNS``) with README.md and
    datapackage.json. ``view_url`` is the page that shows these rows, ``built_at`` the database's build time
    (``queries.build_info``), ``definitions`` indicator code -> definition for the README."""
    _check_columns(frame)
    accessed = accessed or datetime.now(UTC).date()
    csv = export.csv_bytes(frame)
    package = datapackage(frame, csv, view_url, built_at, name)
    readme = readme_text(frame, view_url, built_at, accessed, api_url, definitions)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DATA_FILE, csv)
        archive.writestr("README.md", readme)
        archive.writestr("datapackage.json", json.dumps(package, indent=2, ensure_ascii=False, allow_nan=False))
    return buffer.getvalue()
