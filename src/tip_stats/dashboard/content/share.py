"""Links a reader copies: the view itself, and the same figures from the data API."""

from __future__ import annotations

from urllib.parse import urlsplit


def view_url(page_url: str, query: str) -> str:
    """The page's address with the view's query string, replacing whatever query the address had."""
    return f"{page_url.split('?')[0]}?{query}"


def server_root(page_url: str) -> str:
    """'https://host:port' of the page's address: the data API is served by the same server."""
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
