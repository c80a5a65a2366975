"""The compose topology without Docker: two `streamlit run app.py` replicas behind Debian's nginx, on loopback.

nginx runs deploy/nginx.conf itself (only the upstream addresses and the port are swapped in), and a
browser goes through it: every person (browser context) must stay on one replica for the page, its
websocket and its downloads, people must be spread over both replicas, and every download must arrive.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from tip_stats import queries
from tip_stats.build import connect_read_only

import test_browser
from test_browser import free_port, serve, stop, wait_for_app

pytestmark = pytest.mark.browser
browser = test_browser.browser  # the browser tests' fixture, shared
REPO_ROOT = Path(__file__).resolve().parents[1]
SITE = REPO_ROOT / "deploy" / "nginx.conf"
UPSTREAM_LINE = '    server app:8501;  # compose resolves "app" to every replica\n'
LISTEN_LINE = "    listen 80;\n"
LOG_FORMAT = "'$cookie_tipstats_replica $upstream_addr $status $request_uri'"
DOWNLOADS_PER_PERSON = 3
MAX_PEOPLE = 12


def nginx_config(folder: Path, port: int, replicas: list[str]) -> Path:
    """deploy/nginx.conf with the replicas' addresses and a loopback port, inside a main file of our own."""
    site = SITE.read_text(encoding="utf-8")
    assert UPSTREAM_LINE in site and LISTEN_LINE in site, "deploy/nginx.conf changed: update the test's markers"
    site = site.replace(UPSTREAM_LINE, "".join(f"    server {address};\n" for address in replicas))
    site = site.replace(LISTEN_LINE, f"    listen 127.0.0.1:{port};\n")
    (folder / "site.conf").write_text(site, encoding="utf-8")
    temp_paths = "".join(
        f"    {kind}_temp_path {folder / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Run as root (CI), the workers would drop to `nobody`, who cannot enter pytest's private temporary folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = (
        f"{user}daemon off;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n{temp_paths}    log_format replica {LOG_FORMAT};\n"
        f"    access_log {folder / 'access.log'} replica;\n    include {folder / 'site.conf'};\n}}\n"
    )
    (folder / "nginx.conf").write_text(main, encoding="utf-8")
    return folder / "nginx.conf"


@contextlib.contextmanager
def nginx(config: Path, port: int):
    """Debian's nginx in the foreground on ``port``, always stopped afterwards."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("Debian's nginx is missing: run `make test` (it installs it) or apt-get install nginx")
    checked = subprocess.run([binary, "-t", "-c", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(f"http://127.0.0.1:{port}/_stcore/health", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def wait_for_port(url: str, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("nginx exited early")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise TimeoutError("nginx did not answer")


@pytest.fixture(scope="module")
def balancer(shipped_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    with serve(shipped_db) as first, serve(shipped_db) as second:
        replicas = [app.url.removeprefix("http://") for app in (first, second)]
        with nginx(nginx_config(folder, port, replicas), port) as url:
            yield url, folder / "access.log", replicas


def replicas_by_person(access_log: Path) -> dict[str, set[str]]:
    """For each affinity cookie in the log, the replicas that answered its requests."""
    seen = defaultdict(set)
    for line in access_log.read_text().splitlines():
        cookie, upstream, _status, _uri = line.split(" ", 3)
        if cookie != "-" and upstream != "-":
            seen[cookie].add(upstream)
    return seen


def download_all_figures(page, folder: Path, attempt: int) -> pd.DataFrame:
    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_role("button", name="Download all figures (CSV)").click()
    path = folder / f"all-{attempt}.csv"
    download_info.value.save_as(path)
    return pd.read_csv(path, encoding="utf-8-sig")


def test_people_stick_to_one_replica_and_every_download_arrives(balancer, browser, shipped_db, tmp_path):
    url, access_log, replicas = balancer
    with connect_read_only(shipped_db) as con:
        expected = queries.figures_export(con)["figure_id"].tolist()
    downloads = 0
    for person in range(MAX_PEOPLE):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        page.goto(f"{url}/compare?indicator=victims_identified&country=SRB~MNE~XKX&time=2000..2025")
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        page.get_by_role("link", name="Figures explorer").click()
        wait_for_app(page)
        for attempt in range(DOWNLOADS_PER_PERSON):
            rows = download_all_figures(page, tmp_path, attempt)
            assert rows["figure_id"].tolist() == expected, f"person {person}, download {attempt}"
            downloads += 1
        assert page.locator("[data-testid='stException']").count() == 0
        context.close()
        seen = replicas_by_person(access_log)
        if person >= 1 and set().union(*seen.values()) == set(replicas):
            break
    seen = replicas_by_person(access_log)
    assert all(len(upstreams) == 1 for upstreams in seen.values()), seen
    assert set().union(*seen.values()) == set(replicas), f"every person landed on one replica: {seen}"
    assert downloads >= 2 * DOWNLOADS_PER_PERSON
    media = [line for line in access_log.read_text().splitlines() if "/media/" in line]
    assert media and all(line.split(" ")[2] == "200" for line in media), media
