"""Links a reader copies: the view itself, and the same figures from the data API."""

from __future__ import annotations

from urllib.parse import urlsplit


def view_url(page_url: str, query: str) -> str:
    """The page's address with the view's query string, replacing whatever query the address had."""
    return f"{page_url.split('?')[0]}?{query}"


def api_url(page_url: str, api_query: str, extension: str = "csv") -> str:
    """``/api/figures.<ext>`` on the same server, with the page's filters in the API's own syntax."""
    parts = urlsplit(page_url)
    root = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    return f"{root}/api/figures.{extension}?{api_query}"
