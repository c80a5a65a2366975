"""`tip-stats verify-sources` against a real HTTP server on loopback serving fixture pages the tests write."""

from __future__ import annotations

import functools
import socket
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tip_stats.cli import main
from tip_stats.fetch import PoliteFetcher, comparable, fetch_page, page_text

from conftest import set_cell


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF drawing ``text`` in Helvetica, written by hand so the test needs no PDF writer."""
    stream = f"BT /F1 11 Tf 40 700 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def site(tmp_path):
    """A real HTTP server on a free loopback port serving ``tmp_path/site``; stopped after the test."""
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def point_sources_at(tiny, urls: dict[int, str]) -> None:
    for row, url in urls.items():
        set_cell(tiny["data"] / "sources.csv", row, "url", url)


def verify(tiny, capsys, *extra) -> tuple[int, str]:
    code = main(
        ["verify-sources", "--data-dir", str(tiny["data"]), "--documents-dir", str(tiny["docs"])]
        + ["--cache-dir", str(tiny["root"] / "cache"), "--delay", "0", "--timeout", "3", *extra]
    )
    return code, capsys.readouterr().out


def test_html_and_pdf_pages_are_read_and_each_quote_is_found_or_not(tiny, site, capsys):
    root, base = site
    # web_2021 (row 2): HTML with markup, an entity and a script; ministry_2021 (row 3): a PDF;
    # tip_2021 (row 4): HTML holding only some of its quotes; daily_2017 (row 5): a page that is not there.
    (root / "monitor.html").write_text(
        "<html><head><script>var x = 'identified 99 victims';</script></head><body><p>The monitor "
        "<b>identified</b>&nbsp;17 victims in 2020.</p></body></html>",
        encoding="utf-8",
    )
    (root / "ministry.pdf").write_bytes(pdf_with_text("The ministry revised the 2019 count to 49 victims."))
    (root / "tip.html").write_text(
        "<p>In 2020 the government identified 57 victims,</p><p>and 39 victims in 2020.</p>", encoding="utf-8"
    )
    point_sources_at(
        tiny, {2: f"{base}/monitor.html", 3: f"{base}/ministry.pdf", 4: f"{base}/tip.html", 5: f"{base}/gone.html"}
    )
    code, out = verify(tiny, capsys)
    assert code == 1  # a reachable page lacks a quote
    assert f"web_2021: reachable - {base}/monitor.html: 1 of 1 quote(s) found" in out
    assert f"ministry_2021: reachable - {base}/ministry.pdf: 1 of 1 quote(s) found" in out
    assert f"tip_2021: reachable - {base}/tip.html: 2 of 7 quote(s) found" in out
    assert "  t8: found: the government identified 57 victims" in out
    assert "  t10: NOT FOUND: Montenegro identified five victims in 2018" in out
    assert f"daily_2017: unreachable: HTTP 404 - {base}/gone.html (1 quote(s) not checked)" in out
    assert "4 source(s) with a URL: 3 reachable, 1 not; 4 of 10 quote(s) found, 5 not found" in out


def test_pages_come_from_the_cache_once_fetched(tiny, site, capsys):
    root, base = site
    (root / "monitor.html").write_text("<p>identified 17 victims in 2020</p>", encoding="utf-8")
    point_sources_at(tiny, {2: f"{base}/monitor.html"})
    assert verify(tiny, capsys, "--source", "web_2021")[0] == 0
    (root / "monitor.html").unlink()
    code, out = verify(tiny, capsys, "--source", "web_2021")
    assert code == 0 and "1 of 1 quote(s) found" in out
    code, out = verify(tiny, capsys, "--source", "web_2021", "--refresh")
    assert "unreachable: HTTP 404" in out


def test_without_a_network_every_source_is_unreachable_quickly_never_a_crash(tiny, capsys):
    point_sources_at(
        tiny,
        {
            2: f"http://127.0.0.1:{closed_port()}/report",
            3: "https://tip-stats-test.invalid/report.pdf",
            4: "https://tip-stats-test.invalid/other",
        },
    )
    started = time.monotonic()
    code, out = verify(tiny, capsys)
    assert time.monotonic() - started < 15
    assert code == 0
    assert "web_2021: unreachable: [Errno 111] Connection refused" in out
    assert "ministry_2021: unreachable:" in out
    assert "tip_2021: unreachable:" in out and "host did not answer earlier in this run" in out
    assert "0 reachable" in out and "not checked" in out


def test_a_server_that_never_answers_is_cut_off_by_the_timeout(tmp_path):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        started = time.monotonic()
        page = fetch_page(f"http://127.0.0.1:{silent.getsockname()[1]}/", tmp_path, timeout=0.5)
    assert not page.reachable and page.status.startswith("unreachable")
    assert time.monotonic() - started < 3


def test_a_broken_pdf_is_reported_unreadable(tmp_path, site):
    root, base = site
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a PDF")
    page = PoliteFetcher(tmp_path / "cache", timeout=3, delay=0).get(f"{base}/broken.pdf")
    assert page.status.startswith("unreadable") and page.text is None


def test_page_text_drops_scripts_and_compares_typography_loosely():
    text = comparable(page_text(b"<p>\xe2\x80\x9cSome\xe2\x80\x9d<script>x()</script> text</p>", "text/html"))
    assert text == '"Some" text'
    assert comparable("it\u2019s  done \u2013 now") == "it's done - now"


def test_text_from_a_pdf_is_found(tmp_path: Path):
    assert "49 victims" in comparable(page_text(pdf_with_text("revised the count to 49 victims"), ""))
