"""Blocking connections through the chosen proxy, for the result downloader.

The downloader reads video bodies with the standard library's HTTP client straight into one buffer
(measured ~1.8 × faster than httpx's blocking client, whose HTTP/1.1 parser copies every byte four
times: benchmarks/download.py). The standard library cannot reach a SOCKS proxy or keep proxy
credentials out of the proxy URL, so this module opens the socket itself, following the same
:class:`~happyhorse_desktop.net.proxy.ProxyChoice` the API client follows:

- no proxy: a plain TCP connection;
- an HTTP(S) proxy: a ``CONNECT`` tunnel (with ``Proxy-Authorization`` when a user is set; TLS to the
  proxy itself for ``https://`` proxies);
- a SOCKS5 proxy: the SOCKS5 handshake (user name and password when set) through ``socksio``, the
  sans-IO SOCKS library httpx uses;
- "system" with proxy environment variables: the variable for the destination's scheme, unless
  ``NO_PROXY`` exempts the host (the standard library's reading of them).

The caller wraps the socket in TLS for https destinations. The ``CONNECT`` request and reply helpers
are shared with the connection check.
"""

from __future__ import annotations

import base64
import socket
import ssl
import urllib.request
from urllib.parse import urlsplit

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.errors import proxy_login_wanted
from happyhorse_desktop.net.proxy import ProxyChoice


class TunnelError(OSError):
    """The proxy refused to open the way (407, a SOCKS refusal, an unexpected answer): a setting
    to fix, not an outage."""


def connect_request(host: str, port: int, username: str = "", password: str = "") -> bytes:
    """An HTTP ``CONNECT`` request for ``host:port``, with Basic proxy credentials when given."""
    lines = [f"CONNECT {host}:{port} HTTP/1.1", f"Host: {host}:{port}"]
    if username:
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        lines.append(f"Proxy-Authorization: Basic {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def connect_status(head: bytes) -> tuple[int, str]:
    """The status code and status line of a proxy's reply to ``CONNECT`` (0 when unreadable)."""
    line = head.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split(" ", 2)
    return (int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0), line


def proxy_refusal(status: int, line: str, with_credentials: bool) -> str:
    if status == 407:
        if with_credentials:
            return translate("NetErrors", "the proxy refused the user name and password (HTTP 407)")
        return proxy_login_wanted()
    answer = line or translate("NetErrors", "no answer")
    return translate("NetErrors", "the proxy would not open a connection ({answer})").format(answer=answer)


def proxy_for(choice: ProxyChoice, url: str) -> tuple[str | None, str, str]:
    """The proxy URL (or None: direct) and its credentials for ``url`` under ``choice``."""
    if choice.url is not None:
        return choice.url, choice.username, choice.password
    if not choice.trust_env:
        return None, "", ""
    parts = urlsplit(url)
    proxies = urllib.request.getproxies_environment()
    if urllib.request.proxy_bypass_environment(parts.hostname or "", proxies):
        return None, "", ""
    found = proxies.get(parts.scheme) or proxies.get("all")
    if not found:
        return None, "", ""
    proxy = urlsplit(found if "://" in found else f"http://{found}")
    plain = f"{proxy.scheme}://{proxy.hostname}:{proxy.port or 80}"
    return plain, proxy.username or "", proxy.password or ""


def open_socket(choice: ProxyChoice, url: str, timeout: float, tls: ssl.SSLContext) -> socket.socket:
    """A connected socket to ``url``'s host and port, through the proxy ``choice`` names."""
    target = urlsplit(url)
    host = target.hostname or ""
    port = target.port or (443 if target.scheme == "https" else 80)
    proxy_url, username, password = proxy_for(choice, url)
    if proxy_url is None:
        return socket.create_connection((host, port), timeout)
    proxy = urlsplit(proxy_url)
    scheme = proxy.scheme.lower()
    default_port = 1080 if scheme.startswith("socks") else 80
    sock = socket.create_connection((proxy.hostname or "", proxy.port or default_port), timeout)
    try:
        if scheme == "https":
            sock = tls.wrap_socket(sock, server_hostname=proxy.hostname)
        if scheme in ("http", "https"):
            _http_tunnel(sock, host, port, username, password)
        else:
            _socks5_tunnel(sock, host, port, username, password)
    except BaseException:
        sock.close()
        raise
    return sock


def _http_tunnel(sock: socket.socket, host: str, port: int, username: str, password: str) -> None:
    sock.sendall(connect_request(host, port, username, password))
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
        if len(head) > 65536:
            break
    status, line = connect_status(head)
    if not 200 <= status < 300:
        raise TunnelError(proxy_refusal(status, line, bool(username)))


def _socks5_tunnel(sock: socket.socket, host: str, port: int, username: str, password: str) -> None:
    from socksio import socks5

    conn = socks5.SOCKS5Connection()
    method = (
        socks5.SOCKS5AuthMethod.USERNAME_PASSWORD if username else socks5.SOCKS5AuthMethod.NO_AUTH_REQUIRED
    )

    def exchange(request: object) -> object:
        conn.send(request)  # type: ignore[arg-type]
        sock.sendall(conn.data_to_send())
        data = sock.recv(4096)
        if not data:
            raise TunnelError(translate("NetErrors", "the SOCKS proxy closed the connection"))
        return conn.receive_data(data)

    reply = exchange(socks5.SOCKS5AuthMethodsRequest([method]))
    if getattr(reply, "method", None) != method:
        if not username:
            raise TunnelError(translate("NetErrors", "the SOCKS proxy asks for a user name and password"))
        raise TunnelError(translate("NetErrors", "the SOCKS proxy asks for another way of logging in"))
    if username:
        login = exchange(socks5.SOCKS5UsernamePasswordRequest(username.encode(), password.encode()))
        if not getattr(login, "success", False):
            raise TunnelError(translate("NetErrors", "the SOCKS proxy refused the user name and password"))
    command = socks5.SOCKS5CommandRequest.from_address(socks5.SOCKS5Command.CONNECT, (host, port))
    answer = exchange(command)
    if getattr(answer, "reply_code", None) != socks5.SOCKS5ReplyCode.SUCCEEDED:
        raise TunnelError(
            translate("NetErrors", "the SOCKS proxy could not reach {host} ({code})").format(
                host=host, code=getattr(answer, "reply_code", "?")
            )
        )
