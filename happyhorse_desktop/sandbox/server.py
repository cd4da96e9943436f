"""The simulator's listening socket, with TLS and network trouble on demand.

* TLS: each accepted connection is wrapped with the given ``ssl.SSLContext`` on its own handler thread,
  so a client that connects and never finishes the handshake cannot stall the accept loop.
* Refusing: the listening socket is closed (new connections get "connection refused") and opened again
  on the same port when the outage ends; established connections are cut too, as a real outage does.
* Dropping: connections are accepted and closed at once, without a reply; or, for result downloads,
  cut in the middle of the body.
"""

from __future__ import annotations

import contextlib
import errno
import socket
import ssl
import struct
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from typing import Any


class NetworkTrouble:
    """Timed outages. ``until`` times are ``time.monotonic()``; ``None`` means no trouble of that kind."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.drop_until: float | None = None
        self.cut_downloads_until: float | None = None

    def drop(self, seconds: float) -> None:
        with self._lock:
            self.drop_until = time.monotonic() + seconds

    def cut_downloads(self, seconds: float) -> None:
        with self._lock:
            self.cut_downloads_until = time.monotonic() + seconds

    def clear(self) -> None:
        with self._lock:
            self.drop_until = self.cut_downloads_until = None

    def dropping(self) -> bool:
        with self._lock:
            return self.drop_until is not None and time.monotonic() < self.drop_until

    def cutting_downloads(self) -> bool:
        with self._lock:
            return self.cut_downloads_until is not None and time.monotonic() < self.cut_downloads_until


class SimServer(ThreadingHTTPServer):
    request_queue_size = 128  # many clients connect at once in load tests
    daemon_threads = True

    def __init__(self, handler: Any, ssl_context: ssl.SSLContext | None, port: int = 0) -> None:
        self.ssl_context = ssl_context
        self.trouble = NetworkTrouble()
        self.open_connections: set[socket.socket] = set()
        self.accepted = 0  # connections accepted so far (keep-alive reuse shows in tests)
        self._connections_lock = threading.Lock()
        self._serving: threading.Thread | None = None
        self._relisten: threading.Timer | None = None
        super().__init__(("127.0.0.1", port), handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    # -- serving ----------------------------------------------------------------------------------

    def serve_in_thread(self) -> None:
        self._serving = threading.Thread(target=self.serve_forever, name="evolink-sim", daemon=True)
        self._serving.start()

    def stop(self) -> None:
        if self._relisten is not None:
            self._relisten.cancel()
        if self._serving is not None:
            self.shutdown()
            self._serving = None
        self.server_close()
        self.close_open_connections()

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Runs on the connection's own thread: drop it, or wrap it in TLS, then serve it."""
        with self._connections_lock:
            self.accepted += 1
        if self.trouble.dropping():
            hang_up(request)
            return
        if self.ssl_context is not None:
            request = self.ssl_context.wrap_socket(request, server_side=True)
        with self._connections_lock:
            self.open_connections.add(request)
        try:
            super().finish_request(request, client_address)
        finally:
            with self._connections_lock:
                self.open_connections.discard(request)
            if self.ssl_context is not None:
                with contextlib.suppress(OSError):
                    request.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-reply (killed, timed out, refused our certificate) and the
        # outages scripted by tests are part of the tests, not news.
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError | ssl.SSLError):
            return
        if isinstance(error, OSError) and error.errno in (errno.EBADF, errno.ENOTCONN, errno.EPIPE):
            return  # a connection we cut ourselves (refused or dropped on purpose)
        super().handle_error(request, client_address)

    def close_open_connections(self) -> None:
        with self._connections_lock:
            connections = list(self.open_connections)
        for connection in connections:
            hang_up(connection)

    # -- refusing ---------------------------------------------------------------------------------

    def refuse(self, seconds: float | None) -> None:
        """Stop listening (and cut open connections) now; listen again on the same port after
        ``seconds`` (``None``: only when :meth:`listen_again` is called)."""
        if self._serving is not None:
            self.shutdown()
            self._serving = None
        self.socket.close()
        self.close_open_connections()
        if seconds is not None:
            self._relisten = threading.Timer(seconds, self.listen_again)
            self._relisten.daemon = True
            self._relisten.start()

    def listen_again(self) -> None:
        if self._serving is not None:
            return
        self.socket = socket.socket(self.address_family, self.socket_type)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(self.server_address)
        self.socket.listen(self.request_queue_size)
        self.serve_in_thread()


def hang_up(connection: socket.socket) -> None:
    """Close a connection so that the peer sees it end at once (a reset where the OS allows)."""
    with contextlib.suppress(OSError):
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        connection.close()
