"""A browser-less Streamlit client: one websocket session speaking the protobuf protocol of the browser app.

The browser opens ``/_stcore/stream`` with the ``streamlit`` subprotocol and, for every run, sends a
``BackMsg.rerun_script`` carrying the page (its URL path) and the query string; the server answers
with ``ForwardMsg``s (deltas, page info) and ends each run with ``script_finished``. This client
does the same and nothing else, so a load test measures the server's work and not a browser's
drawing. It reads every message the server sends (a slow reader would fill the server's queue).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websocket
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

SUCCESS = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


class RunFailed(Exception):
    """A run that did not finish cleanly: an exception or error box on the page, a bad status, a lost socket."""


@dataclass
class RunResult:
    seconds: float
    messages: int
    received_bytes: int
    query_string: str = ""
    problems: list[str] = field(default_factory=list)


def stream_url(base_url: str) -> str:
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"


def _element_problem(element) -> str | None:
    kind = element.WhichOneof("type")
    if kind == "exception":
        return f"exception on the page: {element.exception.type}: {element.exception.message[:120]}"
    if kind == "alert" and element.alert.format == Alert.ERROR:
        return f"error box on the page: {element.alert.body[:120]}"
    return None


class StreamlitSession:
    """One session, like one browser tab; ``rerun`` is what a page load or an in-app link does."""

    def __init__(self, base_url: str, timeout: float = 60, headers: dict | None = None):
        self.timeout = timeout
        header = [f"{name}: {value}" for name, value in (headers or {}).items()]
        self.socket = websocket.create_connection(
            stream_url(base_url), subprotocols=["streamlit"], timeout=timeout, header=header
        )

    def rerun(self, page: str, query_string: str = "") -> RunResult:
        """Run ``page`` (its URL path, "" for the default page) with ``query_string``; wait for the run to end."""
        message = BackMsg()
        message.rerun_script.page_name = page
        message.rerun_script.query_string = query_string
        start = time.perf_counter()
        self.socket.send_binary(message.SerializeToString())
        return self._read_until_finished(start)

    def _read_until_finished(self, start: float) -> RunResult:
        result = RunResult(0.0, 0, 0)
        deadline = start + self.timeout
        while time.perf_counter() < deadline:
            frame = self.socket.recv()
            result.messages += 1
            result.received_bytes += len(frame)
            forward = ForwardMsg()
            forward.ParseFromString(frame)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                problem = _element_problem(forward.delta.new_element)
                if problem:
                    result.problems.append(problem)
            elif kind == "page_info_changed":
                result.query_string = forward.page_info_changed.query_string
            elif kind == "page_not_found":
                result.problems.append(f"page not found: {forward.page_not_found.page_name}")
            elif kind == "script_finished":
                result.seconds = time.perf_counter() - start
                if forward.script_finished not in SUCCESS:
                    result.problems.append(f"script finished with status {forward.script_finished}")
                return result
        raise RunFailed(f"no script_finished within {self.timeout} s")

    def close(self) -> None:
        self.socket.close()

    def __enter__(self) -> StreamlitSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
