"""What the Coverage & quality page shows: which figures exist where and when, and what was checked."""

from __future__ import annotations

import json

import pandas as pd


def shown_coverage(coverage: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    return coverage[coverage["country"].isin(countries)] if countries else coverage


def year_span(coverage: pd.DataFrame) -> tuple[int, int]:
    return int(coverage["reference_year"].min()), int(coverage["reference_year"].max())


def build_summary(info: dict[str, str]) -> dict:
    """The validation summary stored with the build: counts, rules and the documents quotes were checked in."""
    summary = json.loads(info.get("summary", "{}"))
    return {
        "figures": summary.get("figures", 0),
        "sources": summary.get("sources", 0),
        "rules": summary.get("rules", []),
        "documents": summary.get("documents_checked", []),
        "quotes": summary.get("quotes") or {},
        "context_rows": int(info.get("context_rows", 0)),
        "built_at": info.get("built_at", "?"),
    }


def quote_coverage(summary: dict) -> str:
    """How far the quote-in-document rule reached at the build: said plainly, including what it could not check."""
    quotes = summary["quotes"]
    unchecked = quotes.get("no_document", 0) + quotes.get("document_absent", 0)
    return (
        f"Built {summary['built_at']}. Every figure passed every rule. {quotes.get('verified', 0)} quotes were found "
        f"verbatim in {len(summary['documents'])} source document(s); {unchecked} come from sources with no stored "
        "document (web pages: `tip-stats verify-sources` checks them against the live pages)."
    )


def authority_grid(counts: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Authorities per indicator and year as text, a gap left blank.

    A printed 0 would read as "zero victims" or "nobody counted", which is a claim the data do not make; the
    years are column names as text so the table does not print them with thousands separators.
    """
    labels = indicators.set_index("code")["label"].to_dict()
    grid = counts.rename(index=lambda code: labels.get(code, code), columns=str)
    return grid.map(lambda n: str(n) if n else "").rename_axis(index="indicator", columns=None)
