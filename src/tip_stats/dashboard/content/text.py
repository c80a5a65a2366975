"""Document text made safe to show: quotes are data, so nothing in them may act as Markdown, HTML or a link."""

from __future__ import annotations

import re

from tip_stats.numbers import find_numbers, readings
from tip_stats.vocabulary import unit_kind

URL_LIKE = re.compile(r"(?i)(://|www\.|@)")
WORD_JOINER = "\u2060"  # invisible; placed inside "://", "www." and "@" so no link is detected in a quote
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>#+\-.!|~$:@&\"']")


def escape_markdown(text: str) -> str:
    """Document text as literal Markdown: every character that Markdown, HTML or link detection could act on
    becomes a numeric character reference, which the renderer shows as that character and nothing more."""
    text = URL_LIKE.sub(lambda m: m.group(0)[0] + WORD_JOINER + m.group(0)[1:], " ".join(str(text).split()))
    return MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)


def number_span(quote: str, value: float, unit: str) -> tuple[int, int] | None:
    """Where the figure's number stands in its quote, so it can be shown in bold."""
    for mention in find_numbers(quote):
        if any(abs(value - reading) < 1e-9 for reading in readings(mention, unit_kind(unit))):
            return mention.start, mention.end
    return None


def quote_with_highlight(quote: str, span: tuple[int, int] | None) -> str:
    """The quote as escaped text, with the figure's number in bold."""
    if span is None:
        return escape_markdown(quote)
    start, end = span
    number = escape_markdown(quote[start:end]).strip()
    return f"{escape_markdown(quote[:start])} **{number}** {escape_markdown(quote[end:])}"


def translation_note(quote_lang: str | None, quote_en: str | None) -> str | None:
    """'Translation (sr → en, ours): …' for quotes not in English; None when the quote is English."""
    if not quote_en or quote_lang in (None, "en"):
        return None
    return f"Translation ({quote_lang} → en, by tip-stats): {quote_en}"
