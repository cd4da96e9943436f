"""Network fixtures written for the network tests: a throwaway CA, the simulator served over TLS, an
HTTP CONNECT proxy (optionally asking for credentials) and a relay that can cut the network.

All of them listen on loopback only. The simulator's own TLS and cut switches (being added to the
sandbox) can replace ``TlsSimulator`` and ``Relay`` once they are there.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import select
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import qasync
import trustme
from kit import TEST_KEY
from PySide6.QtWidgets import QApplication

from happyhorse_desktop.api.client import EvoLinkClient
from happyhorse_desktop.api.models import GenerationRequest
from happyhorse_desktop.net import trust
from happyhorse_desktop.sandbox import EvoLinkSimulator

CA_NAME = "Acme Corp TLS Inspection CA"
FAKE_HOST = "api.evolink.test"  # resolvable only by the test proxy, which sends it to loopback


def make_ca() -> trustme.CA:
    return trustme.CA(organization_name=CA_NAME)


def write_ca_bundle(ca: trustme.CA, folder: Path) -> Path:
    path = folder / "company-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def server_context(ca: trustme.CA, *hosts: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*(hosts or ("localhost", "127.0.0.1", FAKE_HOST))).configure_cert(context)
    return context


class TlsSimulator(EvoLinkSimulator):
    """The simulator behind TLS (its listening socket wrapped), announcing ``https://HOST:PORT``."""

    def __init__(self, context: ssl.SSLContext, *, host: str = "localhost", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._context, self._host = context, host

    def start(self) -> TlsSimulator:
        super().start()
        assert self._server is not None
        # The handshake happens in the handler thread on first read, so a client that refuses our
        # certificate never blocks the accept loop.
        self._server.socket = self._context.wrap_socket(
            self._server.socket, server_side=True, do_handshake_on_connect=False
        )
        return self

    @property
    def base_url(self) -> str:
        return f"https://{self._host}:{self.port}"


class RelayedSimulator(EvoLinkSimulator):
    """The simulator announcing a relay's address, so result links go through the relay too."""

    public_base: str = ""

    @property
    def base_url(self) -> str:
        return self.public_base or super().base_url


def _pump(a: socket.socket, b: socket.socket, stop: threading.Event) -> None:
    """Copy bytes both ways until either side closes or ``stop`` is set."""
    try:
        while not stop.is_set():
            readable, _, _ = select.select([a, b], [], [], 0.05)
            for src in readable:
                data = src.recv(65536)
                if not data:
                    return
                (b if src is a else a).sendall(data)
    except OSError:
        return
    finally:
        for s in (a, b):
            with contextlib.suppress(OSError):
                s.close()


class _Listener:
    """A loopback TCP listener that hands each connection to ``handle`` in its own thread."""

    def __init__(self, port: int = 0) -> None:
        self._sock = socket.create_server(("127.0.0.1", port), reuse_port=False)
        self.port = self._sock.getsockname()[1]
        self._closed = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn: socket.socket) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self._closed.set()
        self._stop.set()
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()
        self._thread.join(2)


class ConnectProxy(_Listener):
    """An HTTP CONNECT proxy. Every tunnel goes to 127.0.0.1 at the asked port (so made-up host
    names work through it and only through it). With ``credentials`` it answers 407 to a missing or
    wrong ``Proxy-Authorization``."""

    def __init__(self, credentials: tuple[str, str] | None = None) -> None:
        self.credentials = credentials
        self.tunnels: list[str] = []  # "host:port" of every tunnel opened
        self.refused = 0
        super().__init__()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def handle(self, conn: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(4096)
            if not chunk:
                conn.close()
                return
            head += chunk
        lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {
            k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:] if ":" in ln)
        }
        if method != "CONNECT":
            conn.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            conn.close()
            return
        if self.credentials and not self._authorised(headers.get("proxy-authorization", "")):
            self.refused += 1
            conn.sendall(
                b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                b'Proxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n'
            )
            conn.close()
            return
        port = int(target.rsplit(":", 1)[1])
        try:
            upstream = socket.create_connection(("127.0.0.1", port), timeout=5)
        except OSError:
            conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            conn.close()
            return
        self.tunnels.append(target)
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        _pump(conn, upstream, self._stop)

    def _authorised(self, header: str) -> bool:
        assert self.credentials is not None
        expected = base64.b64encode(":".join(self.credentials).encode()).decode()
        return header == f"Basic {expected}"


class Relay:
    """A TCP relay to ``target_port`` that can cut the network: ``cut()`` stops listening (new
    connections are refused) and resets the connections under way; ``restore()`` listens again on
    the same port."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self._listener: _RelayListener | None = None
        self.restore()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def restore(self) -> None:
        if self._listener is None:
            self._listener = _RelayListener(self.target_port, self.port)
            self.port = self._listener.port

    def cut(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def close(self) -> None:
        self.cut()


class _RelayListener(_Listener):
    def __init__(self, target_port: int, port: int) -> None:
        self.target_port = target_port
        super().__init__(port)

    def handle(self, conn: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
        except OSError:
            conn.close()
            return
        _pump(conn, upstream, self._stop)


@contextlib.contextmanager
def running(*servers: object) -> Iterator[None]:
    try:
        yield
    finally:
        for server in servers:
            server.close()  # type: ignore[attr-defined]


class Socks5Proxy(_Listener):
    """A SOCKS5 proxy (RFC 1928, CONNECT only) with optional user/password auth (RFC 1929). Like
    :class:`ConnectProxy`, every connection goes to 127.0.0.1 at the asked port."""

    def __init__(self, credentials: tuple[str, str] | None = None) -> None:
        self.credentials = credentials
        self.tunnels: list[str] = []
        super().__init__()

    @property
    def url(self) -> str:
        return f"socks5://127.0.0.1:{self.port}"

    def _read(self, conn: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise OSError("closed")
            data += chunk
        return data

    def handle(self, conn: socket.socket) -> None:
        try:
            _, count = self._read(conn, 2)
            methods = self._read(conn, count)
            wanted = 2 if self.credentials else 0
            if wanted not in methods:
                conn.sendall(b"\x05\xff")
                return conn.close()
            conn.sendall(bytes([5, wanted]))
            if self.credentials:
                _, ulen = self._read(conn, 2)
                user = self._read(conn, ulen).decode()
                plen = self._read(conn, 1)[0]
                password = self._read(conn, plen).decode()
                ok = (user, password) == self.credentials
                conn.sendall(b"\x01\x00" if ok else b"\x01\x01")
                if not ok:
                    return conn.close()
            _, _, _, atyp = self._read(conn, 4)
            if atyp == 3:
                host = self._read(conn, self._read(conn, 1)[0]).decode()
            else:
                host = socket.inet_ntoa(self._read(conn, 4)) if atyp == 1 else "ipv6"
            port = int.from_bytes(self._read(conn, 2), "big")
            upstream = socket.create_connection(("127.0.0.1", port), timeout=5)
            self.tunnels.append(f"{host}:{port}")
            conn.sendall(b"\x05\x00\x00\x01\x7f\x00\x00\x01" + port.to_bytes(2, "big"))
        except OSError:
            return conn.close()
        _pump(conn, upstream, self._stop)


PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY")


@contextlib.contextmanager
def clean_network_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No inherited trust-store override or proxy variable; the app's TLS contexts built afresh."""
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR", *PROXY_VARIABLES, *(n.lower() for n in PROXY_VARIABLES)):
        monkeypatch.delenv(name, raising=False)
    trust.reset()
    yield
    trust.reset()


def trust_ca(ca: trustme.CA, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put ``ca`` in the trust store the app reads (OpenSSL's ``SSL_CERT_FILE``, read by truststore)."""
    bundle = write_ca_bundle(ca, folder)
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    trust.reset()
    return bundle


@contextlib.contextmanager
def qt_loop(app: QApplication) -> Iterator[qasync.QEventLoop]:
    """A qasync loop as the current loop for one window test, closed afterwards (its worker threads
    stop before the interpreter exits)."""
    loop = qasync.QEventLoop(app, already_running=False)
    asyncio.set_event_loop(loop)
    app.setQuitOnLastWindowClosed(False)
    yield loop
    asyncio.set_event_loop(None)
    loop.close()


async def finished_link(base: str, http: httpx.AsyncClient | None = None) -> str:
    """Create a task on the simulator at ``base`` and return its result link once it has one."""
    client = EvoLinkClient(lambda: TEST_KEY, api_base=base, http=http)
    task = await client.create_task(
        GenerationRequest("happyhorse-1.0-image-to-video", ("https://x/a.png",)), "k"
    )
    while not (snap := await client.get_task(task.id)).results:
        await asyncio.sleep(0.05)
    await (http.aclose() if http is not None else client.aclose())
    return snap.results[0]
