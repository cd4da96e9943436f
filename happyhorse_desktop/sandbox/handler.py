"""The simulator's HTTP request handler: it logs each request, applies the scripted faults at the
right moment (before the request is processed, or after it so that only the reply is lost) and routes
the request to the simulated account (:mod:`happyhorse_desktop.sandbox.world`) or to the file routes
(:mod:`happyhorse_desktop.sandbox.file_routes`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from happyhorse_desktop.sandbox.faults import Fault, fault_reply
from happyhorse_desktop.sandbox.file_routes import FileRoutes, Reply, js
from happyhorse_desktop.sandbox.reply_bodies import error_body
from happyhorse_desktop.sandbox.server import SimServer, hang_up
from happyhorse_desktop.sandbox.world import TASK_ID_RE

if TYPE_CHECKING:
    from happyhorse_desktop.sandbox.simulator import EvoLinkSimulator


@dataclass
class LoggedRequest:
    method: str
    path: str
    host: str
    headers: dict[str, str]
    time: float
    body_size: int
    json_body: Any = None  # the parsed body of small JSON requests (task creation, batch queries)


class ApiRequestHandler(FileRoutes, BaseHTTPRequestHandler):
    """One connection to the simulator; :class:`EvoLinkSimulator` subclasses it to set ``sim``."""

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
        """Answer with ``fault`` instead of the route; False for a kind that is not an answer (delay)."""
        if fault.kind == "drop":
            self._drop(json.dumps({"padding": "x" * 512}).encode())
        elif fault.kind == "close":
            self._hang_up()
        elif (reply := fault_reply(fault)) is not None:
            self._send(*reply)
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
