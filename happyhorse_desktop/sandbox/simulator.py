"""The EvoLink simulator: a real HTTP server on 127.0.0.1 that behaves like the API in
``docs/evolink-api.md``, every HappyHorse route included.

One port serves both hosts (the API and the files API). The account, the tasks and the rules of
creating them live in :mod:`happyhorse_desktop.sandbox.world`; demo videos rendered from each task's
input in :mod:`~happyhorse_desktop.sandbox.render`. This module is the HTTP plumbing: routing,
request logging, scripted faults (latency, 4xx/5xx bursts, malformed or truncated replies, dropped
connections, failing tasks, dead result links) and network trouble (TLS, refused or dropped
connections for a while). The app's demo mode runs one in-process.

It runs in background threads (``ThreadingHTTPServer``), so it works beside any event loop.
"""

from __future__ import annotations

import json
import logging
import ssl
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from happyhorse_desktop.sandbox.file_routes import FileRoutes, Reply, js
from happyhorse_desktop.sandbox.render_plan import RenderSettings
from happyhorse_desktop.sandbox.server import SimServer, hang_up
from happyhorse_desktop.sandbox.world import TASK_ID_RE, SimTask, SimWorld, error_body

__all__ = ["EvoLinkSimulator", "Fault", "LoggedRequest", "SimTask"]

log = logging.getLogger(__name__)


@dataclass
class Fault:
    """A scripted misbehaviour for the next ``times`` requests matching ``method`` and ``path`` prefix.

    ``kind``: ``status`` (reply ``status`` with ``body``), ``html`` (an HTML error page), ``malformed``
    (a 200 with broken JSON), ``truncated`` (JSON cut short), ``drop`` (headers sent, connection closed
    mid-body), ``close`` (connection closed before any reply), ``delay`` (wait ``delay`` seconds, then
    behave normally), ``json`` (reply 200 with ``body`` as is).
    """

    kind: str
    method: str | None = None
    path: str = "/"
    status: int = 500
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
    delay: float = 0.0
    after: bool = False  # for "drop"/"close"/"delay": act after the request was processed (task created)

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and path.startswith(self.path)


@dataclass
class LoggedRequest:
    method: str
    path: str
    host: str
    headers: dict[str, str]
    time: float
    body_size: int
    json_body: Any = None  # the parsed body of small JSON requests (task creation, batch queries)


class EvoLinkSimulator(SimWorld):
    def __init__(
        self,
        *,
        api_key: str | None = None,
        balance: float = 10_000.0,
        task_seconds: float = 2.0,
        latency: float = 0.0,
        batch_enabled: bool = True,
        adopt_unknown_tasks: bool = False,
        result_bytes: bytes | None = None,
        result_size: int | None = None,
        fast_tasks: int = 0,
        fast_seconds: float = 1.0,
        max_running_per_key: int | None = None,
        render: RenderSettings | None = None,
        ssl_context: ssl.SSLContext | None = None,
        ledger_path: Path | None = None,
    ) -> None:
        super().__init__(
            balance=balance,
            task_seconds=task_seconds,
            adopt_unknown_tasks=adopt_unknown_tasks,
            fast_tasks=fast_tasks,
            fast_seconds=fast_seconds,
            max_running_per_key=max_running_per_key,
            result_bytes=result_bytes,
            result_size=result_size,
            render=render,
            ledger_path=ledger_path,
        )
        self.api_key = api_key
        self.latency = latency
        self.batch_enabled = batch_enabled
        self.list_enabled = True
        self.ssl_context = ssl_context
        self.requests: list[LoggedRequest] = []
        self.faults: list[Fault] = []
        self.idempotency_keys: list[str] = []
        self._server: SimServer | None = None
        self._port = 0  # kept after stop(), for requests still being answered

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> EvoLinkSimulator:
        simulator = self

        class Handler(_Handler):
            sim = simulator

        if self.renderer is not None and not self.renderer.start():
            log.debug("no QGuiApplication in this process: demo results are the fixed sample video")
            self.renderer = None
        self._server = SimServer(Handler, self.ssl_context)
        self._port = self._server.port
        self._server.serve_in_thread()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self.renderer is not None:
            self.renderer.stop()
        self.media.close()
        if self.ledger is not None:
            self.ledger.close()

    def __enter__(self) -> EvoLinkSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._port, "simulator not started"
        return self._port

    @property
    def base_url(self) -> str:
        if self.ssl_context is not None:  # certificates name the host, not the address
            return f"https://localhost:{self.port}"
        return f"http://127.0.0.1:{self.port}"

    @property
    def connections_accepted(self) -> int:
        return self._server.accepted if self._server is not None else 0

    # -- scripting ------------------------------------------------------------------------------

    def add_fault(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    def fail_requests(
        self,
        method: str | None,
        path: str,
        status: int,
        *,
        times: int = 1,
        code: str | None = None,
        retry_after: float | None = None,
        message: str = "simulated failure",
    ) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        body = {"error": {"code": code or _default_code(status), "message": message, "type": "sim_error"}}
        self.add_fault(Fault("status", method, path, status=status, body=body, headers=headers, times=times))

    def fail_next_task(self, code: str, message: str = "simulated task failure") -> None:
        self.next_task_failure = (code, message)

    def count(self, method: str, path_prefix: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.method == method and r.path.startswith(path_prefix))

    # -- network trouble --------------------------------------------------------------------------

    def refuse_connections(self, seconds: float | None) -> None:
        """Stop listening for ``seconds`` (``None``: until :meth:`restore_network`): new connections
        are refused and open ones cut; then listen again on the same port."""
        assert self._server is not None, "simulator not started"
        self._server.refuse(seconds)

    def drop_connections(self, seconds: float) -> None:
        """For ``seconds``, accept every connection (new or kept alive) and close it without a reply."""
        assert self._server is not None, "simulator not started"
        self._server.trouble.drop(seconds)

    def cut_downloads(self, seconds: float) -> None:
        """For ``seconds``, send only half of every result download's body, then close."""
        assert self._server is not None, "simulator not started"
        self._server.trouble.cut_downloads(seconds)

    def restore_network(self) -> None:
        if self._server is not None:
            self._server.trouble.clear()
            self._server.listen_again()

    # -- behaviour ------------------------------------------------------------------------------

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.matches(method, path):
                    fault.times -= 1
                    return fault
        return None

    def authorised(self, header: str | None) -> bool:
        if not header or not header.startswith("Bearer "):
            return False
        key = header[7:].strip()
        return key == self.api_key if self.api_key else key.startswith("sk-")


def _default_code(status: int) -> str:
    return {
        400: "invalid_request",
        401: "unauthorized",
        402: "insufficient_quota",
        403: "permission_denied",
        404: "task_not_found",
        413: "payload_too_large",
        429: "rate_limit_exceeded",
        500: "internal_error",
        502: "upstream_error",
        503: "service_unavailable_error",
    }.get(status, "error")


class _Handler(FileRoutes, BaseHTTPRequestHandler):
    sim: EvoLinkSimulator
    server: SimServer
    unread_body = 0  # bytes of an upload body its route has not read (yet)
    protocol_version = "HTTP/1.1"
    server_version = "EvoLinkSimulator/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    # -- reply helpers --------------------------------------------------------------------------

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(data).encode(), "application/json", headers)

    def _drop(self, body: bytes) -> None:
        """Announce a full body, send half of it, then cut the connection."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self._hang_up()

    def _hang_up(self) -> None:
        self.close_connection = True
        self.connection.shutdown(2)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def send_response(self, code: int, message: str | None = None) -> None:
        # An upload body is read by its route as it streams in; any other reply to it (a scripted
        # fault, 401…) first reads it away, or the rest of the body would be taken for the next request.
        while self.unread_body > 0:
            chunk = self.rfile.read(min(self.unread_body, 65536))
            self.unread_body = self.unread_body - len(chunk) if chunk else 0
        super().send_response(code, message)

    # -- dispatch -------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def _handle(self, method: str) -> None:
        sim = self.sim
        if self.server.trouble.dropping():  # a kept-alive connection meets the outage too
            self.close_connection = True
            hang_up(self.connection)
            return
        path = urlsplit(self.path).path
        streamed_upload = method == "POST" and path == "/api/v1/files/upload/stream"
        body = self._read_body() if method == "POST" and not streamed_upload else b""
        if len(body) < int(self.headers.get("Content-Length") or 0) and not streamed_upload:
            # The client went away mid-body (a killed process): no request arrived, as on a real server.
            self.close_connection = True
            return
        size = int(self.headers.get("Content-Length") or 0) if streamed_upload else len(body)
        self.unread_body = size if streamed_upload else 0
        with sim._lock:
            sim.requests.append(
                LoggedRequest(
                    method,
                    path,
                    self.headers.get("Host", ""),
                    {k.lower(): v for k, v in self.headers.items()},
                    time.time(),
                    size,
                    _small_json(body),
                )
            )
        if sim.latency:
            time.sleep(sim.latency)
        fault = sim._take_fault(method, path)
        if fault is not None and fault.kind == "delay" and not fault.after:
            time.sleep(fault.delay)
            fault = None
        if fault is not None and not fault.after and self._apply_fault(fault):
            return
        status, payload, ctype, headers = self._route(method, path, body)
        if status == 0:  # the route streamed its own reply
            return
        if fault is not None and fault.after and fault.kind == "delay":  # done server-side, answered late
            time.sleep(fault.delay)
        elif fault is not None and fault.after:  # the work is done server-side; the reply is lost
            if fault.kind == "drop":
                self._drop(payload)
            else:
                self._hang_up()
            return
        self._send(status, payload, ctype, headers)

    def _apply_fault(self, fault: Fault) -> bool:
        if fault.kind == "status":
            self._json(fault.status, fault.body if fault.body is not None else {}, fault.headers)
        elif fault.kind == "json":
            self._json(200, fault.body)
        elif fault.kind == "html":
            page = f"<html><body><h1>{fault.status} Bad Gateway</h1></body></html>".encode()
            self._send(fault.status, page, "text/html", fault.headers)
        elif fault.kind == "malformed":
            self._send(200, b'{"id": "task-unified-1-abc", "status": ', "application/json")
        elif fault.kind == "truncated":
            self._send(200, b'{"id": "task-unif', "application/json")
        elif fault.kind == "drop":
            self._drop(json.dumps({"padding": "x" * 512}).encode())
        elif fault.kind == "close":
            self._hang_up()
        else:
            return False
        return True

    def _route(self, method: str, path: str, body: bytes) -> Reply:
        sim = self.sim
        if path.startswith("/results/"):
            return self._result(path)
        if path.startswith("/loop/"):  # a link that redirects to itself forever
            return 302, b"", "text/plain", {"Location": path}
        if path.startswith("/files/"):
            return self._hosted_file(path)
        if not sim.authorised(self.headers.get("Authorization")):
            return js(401, error_body("unauthorized", "Invalid or missing API key.", "authentication_error"))
        if method == "POST" and path == "/v1/videos/generations":
            idempotency_key = self.headers.get("Idempotency-Key")
            if idempotency_key:
                with sim._lock:
                    sim.idempotency_keys.append(idempotency_key)
            try:
                data = json.loads(body or b"null")
            except ValueError:
                return js(400, error_body("invalid_request", "The body is not valid JSON."))
            api_key = (self.headers.get("Authorization") or "")[7:].strip()
            return js(*sim.create(data, idempotency_key, api_key))
        if method == "GET" and path == "/v1/tasks":  # the account's recent tasks (EvoLink CLI's endpoint)
            if not sim.list_enabled:
                return js(404, error_body("not_found", "No such endpoint."))
            return js(*sim.list_body(parse_qs(urlsplit(self.path).query)))
        if method == "GET" and path.startswith("/v1/tasks/"):
            task_id = path[len("/v1/tasks/") :]
            if not TASK_ID_RE.match(task_id):
                return js(400, error_body("invalid_task_id", "Malformed task id."))
            task = sim.lookup(task_id)
            if task is None:
                return js(404, error_body("task_not_found", "Task not found."))
            return js(200, sim.task_body(task))
        if method == "POST" and path == "/v1/tasks/batch":
            if not sim.batch_enabled:
                return js(404, error_body("not_found", "No such endpoint."))
            try:
                data = json.loads(body or b"null")
            except ValueError:
                data = None
            return js(*sim.batch_body(data))
        if method == "GET" and path == "/v1/credits":
            return js(200, sim.credits_body())
        if method == "POST" and path == "/api/v1/files/upload/stream":
            return self._upload()
        return js(404, error_body("not_found", f"No route for {method} {path}."))


def _small_json(body: bytes) -> Any:
    if not body or len(body) > 65536 or not body.lstrip().startswith(b"{"):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None
