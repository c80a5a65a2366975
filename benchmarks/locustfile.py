"""Locust users that behave like people on the dashboard, over Streamlit's websocket protocol (no browser).

Each user opens one session on a random page with a random view in its URL, then every few seconds
follows an in-app link to another page with another view (indicator, countries, years, as the
dashboard's URL parameters carry them) and waits for the script run to finish. A run counts as a
failure when the page shows an exception or an error box, when the server does not finish it, or when
the page did not take up the requested view (its mirrored query string must carry it).

    locust -f benchmarks/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8501

benchmarks/capacity.py runs this at several session counts and measures the server beside it.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs

from locust import User, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboard_views import PAGE_WEIGHTS, random_view  # noqa: E402
from streamlit_session import RunFailed, StreamlitSession  # noqa: E402

LOG = open(os.environ["LOAD_LOG"], "a", buffering=1) if os.environ.get("LOAD_LOG") else None  # noqa: SIM115


def log_request(started: float, name: str, elapsed_ms: float, error: Exception | None) -> None:
    """One line per run for benchmarks/capacity.py, which keeps only runs started in the steady window."""
    if LOG is not None:
        reason = "" if error is None else f"{type(error).__name__}: {error}".replace("\t", " ").replace("\n", " ")
        LOG.write(f"{started:.3f}\t{name}\t{elapsed_ms:.1f}\t{reason[:300]}\n")


def missing_echo(query_string: str, wanted: dict[str, str]) -> list[str]:
    echoed = {key: values[-1] for key, values in parse_qs(query_string, keep_blank_values=True).items()}
    return [
        f"{key}={value} not taken up (page shows {echoed.get(key)!r})"
        for key, value in wanted.items()
        if echoed.get(key) != value
    ]


class DashboardUser(User):
    wait_time = between(3, 7)

    def on_start(self) -> None:
        self.rng = random.Random()
        self.session: StreamlitSession | None = None
        self.page = self.rng.choices(list(PAGE_WEIGHTS), weights=PAGE_WEIGHTS.values())[0]
        self._timed("open", lambda: self._open(self.page))

    def _open(self, page: str):
        self.session = StreamlitSession(self.host)
        return self._visit(page)

    def _visit(self, page: str):
        query, wanted = random_view(self.rng, page)
        result = self.session.rerun(page, query)
        result.problems += missing_echo(result.query_string, wanted)
        self.page = page
        return result

    def _timed(self, name: str, action) -> None:
        start = time.perf_counter()
        length, error = 0, None
        try:
            result = action()
            length = result.received_bytes
            if result.problems:
                error = RunFailed("; ".join(result.problems))
        except Exception as err:  # noqa: BLE001 - every failure of a run is counted, none stops the test
            error = err
            self._drop_session()
        elapsed_ms = (time.perf_counter() - start) * 1000
        log_request(time.time() - elapsed_ms / 1000, name, elapsed_ms, error)
        events.request.fire(
            request_type="rerun", name=name, response_time=elapsed_ms, response_length=length, exception=error
        )

    @task
    def follow_a_link(self) -> None:
        others = {page: weight for page, weight in PAGE_WEIGHTS.items() if page != self.page} or PAGE_WEIGHTS
        page = self.rng.choices(list(others), weights=others.values())[0]
        if self.session is None:
            self._timed("open", lambda: self._open(page))
        else:
            self._timed(page or "overview", lambda: self._visit(page))

    def _drop_session(self) -> None:
        """After a lost or stuck socket the next task opens a new session, as a reloading browser would."""
        if self.session is not None:
            self.session.close()
        self.session = None

    def on_stop(self) -> None:
        self._drop_session()
