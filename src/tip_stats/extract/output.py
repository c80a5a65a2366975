"""What the curator gets: a CSV of candidate rows and an HTML page to review them in the report.

The CSV puts the figures*.csv columns first, so accepted rows can be pasted into a figures file.
The review page shows the report's text with every candidate highlighted and a table beside it.
All document text is escaped: text from a report is data, never markup.
"""

from __future__ import annotations

import csv
from html import escape

from tip_stats.extract.candidates import OUTPUT_COLUMNS

REVIEW_COLUMNS = ["figure_id", "country", "indicator", "reference_year", "value", "unit", "breakdown_type"]
REVIEW_COLUMNS += ["breakdown", "page", "rule", "confidence", "notes"]
_STYLE = """
body { font-family: sans-serif; margin: 1.5rem; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; }
pre { white-space: pre-wrap; line-height: 1.5; }
mark { background: #ffe58a; } mark.low { background: #f3d3d3; }
table { border-collapse: collapse; font-size: 0.85rem; } td, th { border: 1px solid #ccc; padding: 2px 4px; }
"""


def write_candidates(rows: list[dict], handle) -> None:
    """CSV with the figures*.csv columns first, then page, rule and confidence."""
    writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)


def _highlighted(text: str, rows: list[dict]) -> str:
    """The report text, escaped, with each candidate's number wrapped in a mark that links to its row."""
    spans = sorted({row["_span"]: row for row in rows}.items())
    parts, position = [], 0
    for (start, end), row in spans:
        if start < position:
            continue
        low = " class='low'" if row["confidence"] < 0.5 else ""
        title = escape(f"{row['figure_id']}: {row['indicator']} {row['country']} {row['reference_year']}", quote=True)
        parts.append(escape(text[position:start]))
        parts.append(f"<mark id='at-{escape(row['figure_id'], quote=True)}'{low} title='{title}'>")
        parts.append(f"{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def review_page(text: str, rows: list[dict], name: str) -> str:
    """A self-contained HTML page: the report with its candidates marked, and the candidates as a table."""
    head = "".join(f"<th>{escape(column)}</th>" for column in REVIEW_COLUMNS)
    body = []
    for row in sorted(rows, key=lambda row: row["_span"]):
        link = f"<a href='#at-{escape(row['figure_id'], quote=True)}'>{escape(row['figure_id'])}</a>"
        cells = [link] + [escape(str(row.get(column, ""))) for column in REVIEW_COLUMNS[1:]]
        body.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    title = escape(f"Candidate figures: {name}")
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{title}</h1><p>{len(rows)} candidates; check each against the "
        f"text before copying a row into a figures file.</p><main><pre>{_highlighted(text, rows)}</pre>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></main></body></html>\n"
    )
