"""What the Sources page shows: every report with who published it and who counted, and its figures."""

from __future__ import annotations

import pandas as pd

from tip_stats.chartstyle import format_value
from tip_stats.dashboard.content.text import escape_markdown, number_span, quote_with_highlight, translation_note

SHOWN_FIGURES = 300
TABLE_COLUMNS = {
    "publisher": "Published by",
    "authority": "Counted by",
    "title": "Title",
    "published": "Published",
    "figures": "Figures",
    "url": "Link",
    "document": "Document",
    "source_id": "Source id",
}


def source_labels(sources: pd.DataFrame) -> dict[str, str]:
    published = sources["published"].fillna("undated")
    return {
        row.source_id: f"{row.publisher}: {row.title} ({date}) · {row.figures} figure(s)"
        for row, date in zip(sources.itertuples(), published, strict=True)
    }


def figure_markdown(figure) -> list[str]:
    """A figure as escaped Markdown lines: what it is, then its quote with the number in bold."""
    value = format_value(figure.value, figure.unit, figure.qualifier, figure.value_high)
    year = "year not stated" if pd.isna(figure.reference_year) else int(figure.reference_year)
    lines = [
        f"**{escape_markdown(figure.indicator_label)}** · {escape_markdown(f'{figure.country_name}, {year}')}"
        f" · {escape_markdown(value)}",
        "> " + quote_with_highlight(figure.quote, number_span(figure.quote, figure.value, figure.unit)),
    ]
    note = translation_note(getattr(figure, "quote_lang", None), getattr(figure, "quote_en", None))
    if note:
        lines.append(f":gray[{escape_markdown(note)}]")
    return lines
