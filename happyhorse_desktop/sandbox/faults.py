"""The simulator's scripted faults: what a test asks to go wrong (a status, a broken or cut reply, a
dropped connection, a delay) on the next requests to a path, and how the handler answers with it.

The handler (:mod:`happyhorse_desktop.sandbox.handler`) decides *when* a fault applies (before the
request is processed, or after it, so that the work is done server-side and only the reply is lost)
and cuts connections; this module says which reply each other kind of fault sends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from happyhorse_desktop.sandbox.file_routes import Reply, js


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


def fault_reply(fault: Fault) -> Reply | None:
    """The reply a fault sends instead of the route's; None for the kinds that are not a reply (a delay,
    or ``drop``/``close``, which the handler acts out on the connection itself)."""
    if fault.kind == "status":
        return js(fault.status, fault.body if fault.body is not None else {}, fault.headers)
    if fault.kind == "json":
        return js(200, fault.body)
    if fault.kind == "html":
        page = f"<html><body><h1>{fault.status} Bad Gateway</h1></body></html>".encode()
        return fault.status, page, "text/html", fault.headers
    if fault.kind == "malformed":
        return 200, b'{"id": "task-unified-1-abc", "status": ', "application/json", {}
    if fault.kind == "truncated":
        return 200, b'{"id": "task-unif', "application/json", {}
    return None
