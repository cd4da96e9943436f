"""The simulator's scripted faults: what a test asks to go wrong (a status, a broken or cut reply, a
dropped connection, a delay) on the next requests to a path, and how the handler answers with it.

The handler (:mod:`happyhorse_desktop.sandbox.handler`) decides *when* a fault applies (before the
request is processed, or after it, so that the work is done server-side and only the reply is lost);
this module says *what* each kind of fault sends.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any


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


def default_error_code(status: int) -> str:
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


class FaultReplies:
    """Mixed into the request handler; uses its ``_send``, ``_json`` and ``_hang_up``."""

    wfile: Any

    if TYPE_CHECKING:  # provided by the handler class; declared here for the type checker only

        def send_response(self, code: int, message: str | None = None) -> None: ...
        def send_header(self, keyword: str, value: str) -> None: ...
        def end_headers(self) -> None: ...
        def _hang_up(self) -> None: ...
        def _send(
            self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
        ) -> None: ...
        def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None: ...

    def _apply_fault(self, fault: Fault) -> bool:
        """Answer with ``fault`` instead of the route; False for kinds that are not a reply (delay)."""
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

    def _drop(self, body: bytes) -> None:
        """Announce a full body, send half of it, then cut the connection."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self._hang_up()
