"""What users see: a real Streamlit server driven by headless Debian chromium through Playwright."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tip_stats import queries
from tip_stats.build import build_database, connect_read_only
from tip_stats.validate import load_dataset

import fixtures
from conftest import make_tiny, set_cell

REPO_ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
CHART_PAGES = {"", "compare", "coverage"}
SHARED_COMPARE = "compare?indicator=victims_identified&country=SRB~XKX&time=2010..2025"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_health(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("streamlit exited early")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


def stop(process: subprocess.Popen) -> None:
    """Stop a server a test started: terminate, then kill if it has not gone after 10 s (CI must not hang)."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class ServedApp(NamedTuple):
    url: str
    pid: int


@contextlib.contextmanager
def serve(database: Path, script: Path = REPO_ROOT / "app.py"):
    """A real `streamlit run app.py` (or another script) on a free loopback port, always stopped afterwards."""
    port = free_port()
    env = os.environ | {"TIP_STATS_DB": str(database)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process)
        yield ServedApp(url, process.pid)
    finally:
        stop(process)


@pytest.fixture(scope="module")
def server(fixture_db: Path):
    with serve(fixture_db) as app:
        yield app.url


HOSTILE_QUOTE = "identified 48 victims <script>alert(1)</script> **bold** <b>tag</b> [link](http://x.test)"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A database whose quote is full of HTML, script and Markdown, to prove it stays literal text."""
    tiny = make_tiny(tmp_path_factory.mktemp("hostile"))
    set_cell(tiny["data"] / "figures.csv", 1, "quote", HOSTILE_QUOTE)
    (tiny["docs"] / "report.txt").write_text(fixtures.DOCUMENT + " The ministry " + HOSTILE_QUOTE, encoding="utf-8")
    database = build_database(tiny["db"], load_dataset(tiny["data"], tiny["docs"])).database
    with serve(database) as app:
        yield app.url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make test` (it installs it) or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield context.new_page()
    context.close()


def wait_for_app(page) -> None:
    page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(1000)


PLOTTED_NAMES = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))[0].data
    .filter(t => t.mode === 'markers' && !(t.meta && t.meta.key)).map(t => t.name)"""


def test_shared_compare_url_shows_a_series_per_country_and_authority_and_downloads_the_rows(
    server, page, fixture_db, tmp_path
):
    page.goto(f"{server}/{SHARED_COMPARE}")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert sorted(page.evaluate(PLOTTED_NAMES)) == [
        "Kosovo · Test Monitor", "Serbia · Testland: Ministry", "Serbia · U.S. Department of State"
    ]  # fmt: skip
    title = page.evaluate("() => document.querySelector('.js-plotly-plot').layout.title.text")
    assert "Victims identified, Serbia and Kosovo" in title
    assert "Source:" in page.inner_text(".js-plotly-plot")
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for(timeout=30_000)
    assert grid.get_attribute("data-testid") == "stDataFrame"
    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_role("button", name="Download these figures (CSV)").click()
    downloaded = tmp_path / "figures.csv"
    download_info.value.save_as(downloaded)
    rows = pd.read_csv(downloaded, encoding="utf-8-sig")
    with connect_read_only(fixture_db) as con:
        expected = queries.chart_points(con, "victims_identified", ["SRB", "XKX"], 2010, 2025)
    annual = expected[~expected["is_period"]]
    assert sorted(rows["figure_id"]) == sorted(annual["figure_id"])
    assert sorted(rows["value"]) == sorted(annual["value"])
    assert "country=SRB~XKX" in page.url and "authority=all" in page.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "compare-shared-link.png"), full_page=True)


def test_presentation_mode_hides_controls(server, page):
    page.goto(f"{server}/{SHARED_COMPARE}&present=1")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert page.locator("[data-testid='stSelectbox']").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "compare-present.png"), full_page=True)


def test_quotes_with_markup_render_as_literal_text(hostile_server, page):
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    page.goto(f"{hostile_server}/sources?source=ministry_2020")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stMain'] blockquote", timeout=30_000)
    text = page.inner_text("[data-testid='stMain']").replace("\u2060", "")  # invisible joiners break links
    assert "<script>alert(1)</script>" in text
    assert "**bold**" in text and "<b>tag</b>" in text and "[link](http://x.test)" in text
    assert page.locator("[data-testid='stMain'] b:text('tag')").count() == 0
    assert page.locator("[data-testid='stMain'] a[href='http://x.test']").count() == 0
    page.goto(f"{hostile_server}/compare?indicator=victims_identified&country=SRB&time=2015..2025")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert alerts == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "hostile-quote-compare.png"), full_page=True)


@pytest.mark.parametrize("path", ["", "compare", "explorer", "sources", "coverage"])
def test_every_page_renders_without_error_in_the_browser(server, page, path):
    page.goto(f"{server}/{path}")
    wait_for_app(page)
    if path in CHART_PAGES:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        page.wait_for_timeout(500)
    assert page.locator("[data-testid='stException']").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{path or 'overview'}.png"), full_page=True)


def test_explorer_csv_download_matches_database(server, page, fixture_db, tmp_path):
    page.goto(f"{server}/explorer")
    wait_for_app(page)
    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_role("button", name="Download all figures (CSV)").click()
    path = tmp_path / "all.csv"
    download_info.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    with connect_read_only(fixture_db) as con:
        assert rows["figure_id"].tolist() == queries.figures_export(con)["figure_id"].tolist()


def open_compare(page, server: str, query: str = SHARED_COMPARE) -> None:
    page.goto(f"{server}/{query}")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)


def test_clicking_a_point_shows_its_quote(server, page):
    open_compare(page, server, "compare?indicator=victims_identified&country=XKX&time=2010..2025")
    details = page.locator("[data-testid='stMarkdownContainer']", has_text="Counted by:")
    for _attempt in range(3):  # the first click can land before plotly has wired its handlers
        page.locator(".js-plotly-plot .scatterlayer .points path").first.click(force=True)
        try:
            details.first.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            continue
    wait_for_app(page)
    text = page.inner_text("[data-testid='stMain']")
    assert "Counted by: Test Monitor" in text and "Quote: identified 17 victims in 2020" in text


def test_camera_button_saves_svg_when_asked(server, page, tmp_path):
    open_compare(page, server)
    page.get_by_text("SVG", exact=True).click()
    wait_for_app(page)
    page.locator(".js-plotly-plot").first.hover()
    with page.expect_download(timeout=30_000) as download_info:
        page.locator(".js-plotly-plot .modebar-btn[data-title^='Download plot']").first.click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.suffix == ".svg" and saved.read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_dark_theme_draws_charts_in_light_text(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme="dark")
    page = context.new_page()
    open_compare(page, server)
    colour = page.evaluate("() => document.querySelector('.js-plotly-plot').layout.font.color")
    page.screenshot(path=str(SCREENSHOTS / "compare-dark.png"), full_page=True)
    context.close()
    assert colour == "#e4e7eb"


def test_phone_width_keeps_title_legend_and_page_within_the_screen(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    open_compare(page, server)
    page.wait_for_selector(".js-plotly-plot .legend", timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .gtitle", timeout=30_000)
    layout = page.evaluate("""() => { const gd = document.querySelector('.js-plotly-plot');
        const box = gd.getBoundingClientRect(), size = gd._fullLayout._size;
        const title = gd.querySelector('.gtitle').getBoundingClientRect();
        const legend = gd.querySelector('.legend').getBoundingClientRect();
        return {titleRight: title.right, chartRight: box.right, legendTop: legend.top,
                plotBottom: box.top + size.t + size.h, pageWidth: document.documentElement.scrollWidth}; }""")
    page.screenshot(path=str(SCREENSHOTS / "compare-390px.png"), full_page=True)
    context.close()
    assert layout["titleRight"] <= layout["chartRight"] + 1  # the title wraps instead of being cut
    assert layout["legendTop"] >= layout["plotBottom"]  # the legend sits under the plot, not beside it
    assert layout["pageWidth"] <= 400


def test_overview_card_opens_compare_with_the_view_selected(server, page):
    page.goto(server)
    wait_for_app(page)
    page.get_by_role("link", name="Compare over time").first.click()
    page.wait_for_url("**/compare?**", timeout=30_000)
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    assert "indicator=" in page.url and "country=SRB" in page.url
    assert "Serbia" in page.evaluate("() => document.querySelector('.js-plotly-plot').layout.title.text")
