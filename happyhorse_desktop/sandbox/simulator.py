"""The EvoLink simulator: a real HTTP server on 127.0.0.1 that behaves like the API in
``docs/evolink-api.md``, every HappyHorse route included.

One port serves both hosts (the API and the files API). The account, the tasks and the rules of
creating them live in :mod:`happyhorse_desktop.sandbox.world`; demo videos rendered from each task's
input in :mod:`~happyhorse_desktop.sandbox.render`; routing and request logging in
:mod:`~happyhorse_desktop.sandbox.handler`; what each scripted fault sends in
:mod:`~happyhorse_desktop.sandbox.faults`. This module is the simulator a test or the demo holds:
start and stop, scripting faults (latency, 4xx/5xx bursts, malformed or truncated replies, dropped
connections, failing tasks, dead result links) and network trouble (TLS, refused or dropped
connections for a while). The app's demo mode runs one in-process.

It runs in background threads (``ThreadingHTTPServer``), so it works beside any event loop.
"""

from __future__ import annotations

import logging
import ssl
from pathlib import Path

from happyhorse_desktop.sandbox.faults import Fault, default_error_code
from happyhorse_desktop.sandbox.handler import ApiRequestHandler, LoggedRequest
from happyhorse_desktop.sandbox.render_plan import RenderSettings
from happyhorse_desktop.sandbox.server import SimServer
from happyhorse_desktop.sandbox.world import SimWorld

__all__ = ["EvoLinkSimulator"]

log = logging.getLogger(__name__)


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

        class Handler(ApiRequestHandler):
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
        error = {"code": code or default_error_code(status), "message": message, "type": "sim_error"}
        body = {"error": error}
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
