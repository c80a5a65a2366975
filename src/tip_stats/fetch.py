"""Fetch the web pages sources point to and check that each quote taken from them is really there.

Most figures come from reports that are only online (no document in the documents folder), so the
quote-in-document rule cannot reach them; ``tip-stats verify-sources`` can. HTML goes through a
real parser (Beautiful Soup, scripts and styles dropped) and PDF through pypdf. Pages are fetched
politely: one request per URL with a short timeout and a pause between requests to the same host,
a host that did not answer is not asked again in the same run, and every page is cached (git-ignored)
so a second run asks nobody. Without a network every source is reported "unreachable"; nothing crashes.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import time
import unicodedata
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

USER_AGENT = "tip-stats verify-sources (checks quoted figures against their sources)"
MAX_BYTES = 25 * 1024 * 1024
REPORT_COLUMNS = ["source_id", "url", "status", "figure_id", "quote", "found"]
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00ad": None})


@dataclass(frozen=True)
class Page:
    """A fetched page: its text when it could be read, else why not."""

    url: str
    text: str | None
    status: str  # "reachable", "unreachable: ..." or "unreadable: ..."
    cached: bool = False

    @property
    def reachable(self) -> bool:
        return self.text is not None


def comparable(text: str) -> str:
    """Text as quotes are compared: Unicode-normalised, typographic quotes and dashes made plain, whitespace
    collapsed. Nothing else is forgiven: case, words and numbers must match."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(TYPOGRAPHY).split())


def html_text(body: bytes, charset: str | None = None) -> str:
    """The visible text of an HTML page (scripts, styles and templates left out), with selectolax: the same
    HTML parser the curation assistant uses."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(body.decode(charset or "utf-8", errors="replace"))
    tree.strip_tags(["script", "style", "noscript", "template"])
    return tree.root.text(separator=" ") if tree.root else ""


def pdf_text(body: bytes) -> str:
    """The text of every page of a PDF, as pypdf extracts it."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def page_text(body: bytes, content_type: str) -> str:
    """Text of a response body, by what it is (PDF, HTML or plain text), whatever the server claims."""
    kind = content_type.split(";")[0].strip().lower()
    charset = re.search(r"charset=([\w-]+)", content_type, re.IGNORECASE)
    if body.lstrip()[:5] == b"%PDF-" or kind == "application/pdf":
        return pdf_text(body)
    if kind == "text/plain":
        return body.decode(charset.group(1) if charset else "utf-8", errors="replace")
    return html_text(body, charset.group(1) if charset else None)


def _cache_paths(cache_dir: Path, url: str) -> tuple[Path, Path]:
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
    return cache_dir / f"{key}.body", cache_dir / f"{key}.json"


def _download(url: str, timeout: float) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (only http(s) URLs reach here)
        body = response.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        return body, response.headers.get("Content-Type", "")


def _reason(err: BaseException) -> str:
    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code}"
    if isinstance(err, urllib.error.URLError):
        return str(err.reason)
    return str(err) or type(err).__name__


def fetch_page(url: str, cache_dir: Path, timeout: float = 10.0, refresh: bool = False) -> Page:
    """The page at ``url``, from the cache when it was fetched before (unless ``refresh``).

    The whole request, name lookup included, is bounded by about twice ``timeout``.
    """
    body_path, meta_path = _cache_paths(cache_dir, url)
    if body_path.is_file() and meta_path.is_file() and not refresh:
        body, content_type, cached = body_path.read_bytes(), json.loads(meta_path.read_text())["content_type"], True
    else:
        if urlsplit(url).scheme not in {"http", "https"}:
            return Page(url, None, "unreachable: not an http(s) URL")
        pool = ThreadPoolExecutor(max_workers=1)
        try:
            body, content_type = pool.submit(_download, url, timeout).result(timeout=2 * timeout)
        except FutureTimeout:
            return Page(url, None, f"unreachable: no answer within {2 * timeout:g} s")
        except Exception as err:  # every network failure is a report line, never a crash
            return Page(url, None, f"unreachable: {_reason(err)}")
        finally:
            pool.shutdown(wait=False)
        cache_dir.mkdir(parents=True, exist_ok=True)
        body_path.write_bytes(body)
        meta_path.write_text(json.dumps({"url": url, "content_type": content_type, "fetched": time.time()}))
        cached = False
    try:
        return Page(url, comparable(page_text(body, content_type)), "reachable", cached)
    except Exception as err:  # a broken PDF or page is reported, not raised
        return Page(url, None, f"unreadable: {type(err).__name__}: {err}")


class PoliteFetcher:
    """Fetches pages one at a time, pausing between requests to one host and skipping hosts that did not answer."""

    def __init__(self, cache_dir: Path, timeout: float, delay: float, refresh: bool = False):
        self.cache_dir, self.timeout, self.delay, self.refresh = cache_dir, timeout, delay, refresh
        self.last_request: dict[str, float] = {}
        self.silent_hosts: dict[str, str] = {}

    def get(self, url: str) -> Page:
        host = urlsplit(url).netloc
        if host in self.silent_hosts:
            return Page(url, None, f"{self.silent_hosts[host]} (host did not answer earlier in this run)")
        wait = self.last_request.get(host, -1e9) + self.delay - time.monotonic()
        if wait > 0 and not self._cached(url):
            time.sleep(wait)
        page = fetch_page(url, self.cache_dir, self.timeout, self.refresh)
        if not page.cached:
            self.last_request[host] = time.monotonic()
        if page.status.startswith("unreachable") and "HTTP" not in page.status:
            self.silent_hosts[host] = page.status
        return page

    def _cached(self, url: str) -> bool:
        return not self.refresh and all(path.is_file() for path in _cache_paths(self.cache_dir, url))


def verify_sources(sources: pd.DataFrame, figures: pd.DataFrame, fetcher: PoliteFetcher) -> pd.DataFrame:
    """One row per quote of every source with a URL: the page's status and whether the quote is on it.

    ``found`` is ``None`` when the page could not be read, so an unreachable page never counts as checked.
    """
    rows = []
    with_url = sources[sources["url"].notna()]
    for source_id, url in zip(with_url["source_id"], with_url["url"], strict=True):
        quoted = figures[figures["source_id"] == source_id]
        if quoted.empty:
            continue
        page = fetcher.get(url)
        for figure_id, quote in zip(quoted["figure_id"], quoted["quote"], strict=True):
            found = comparable(quote) in page.text if page.reachable else None
            rows.append([source_id, url, page.status, figure_id, quote, found])
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)


def report_lines(report: pd.DataFrame) -> list[str]:
    """Per source: reachable or not and how many quotes were found, then each quote found or not."""
    lines = []
    for (source_id, url, status), quotes in report.groupby(["source_id", "url", "status"], sort=False):
        if quotes["found"].isna().all():
            lines.append(f"{source_id}: {status} - {url} ({len(quotes)} quote(s) not checked)")
            continue
        found = int(quotes["found"].sum())
        lines.append(f"{source_id}: reachable - {url}: {found} of {len(quotes)} quote(s) found")
        for figure_id, quote, hit in zip(quotes["figure_id"], quotes["quote"], quotes["found"], strict=True):
            lines.append(f"  {figure_id}: {'found' if hit else 'NOT FOUND'}: {quote}")
    return lines
