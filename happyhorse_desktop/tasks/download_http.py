"""How the downloader reaches a result link: the standard library's blocking HTTP client over sockets
opened by ``net.tunnel`` along the same route as the API calls (the same proxy, SOCKS and proxy
credentials included), TLS with the app's trust store, redirects followed only to http(s) addresses,
and every refusal or transport failure turned into a plain-words :class:`EvoLinkError`.

Runs in the download's worker thread (:mod:`happyhorse_desktop.tasks.downloader`), never on the UI thread.
"""

from __future__ import annotations

import functools
import http.client
import socket
import ssl
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from happyhorse_desktop import USER_AGENT
from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.errors import describe_transport_error, is_connectivity_failure
from happyhorse_desktop.net.proxy import NetworkSettings, ProxyChoice, choose_proxy
from happyhorse_desktop.net.tunnel import open_socket

MAX_REDIRECTS = 5
TIMEOUT = 30.0


class ConnectionLost(EvoLinkError):
    """A download that failed because the network is missing or was cut (not TLS, not the proxy):
    what the connectivity monitor is told about."""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most a few redirects, and only to http(s) URLs."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not newurl.lower().startswith(("http://", "https://")):
            raise EvoLinkError(
                ErrorKind.DOWNLOAD,
                translate("Downloads", "the result link redirects to a non-http(s) address"),
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _RoutedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection whose socket comes from ``net.tunnel`` (direct, or through the proxy)."""

    def __init__(self, host: str, *, route: ProxyChoice, tls: ssl.SSLContext, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._route, self._tls = route, tls

    def connect(self) -> None:
        self.sock = open_socket(self._route, f"http://{self.host}:{self.port}", self.timeout, self._tls)


class _RoutedHTTPSConnection(http.client.HTTPSConnection):
    """The same for https: the tunnel first, then TLS to the destination with the app's trust store."""

    def __init__(self, host: str, *, route: ProxyChoice, tls: ssl.SSLContext, **kwargs: Any) -> None:
        super().__init__(host, context=tls, **kwargs)
        self._route, self._tls = route, tls

    def connect(self) -> None:
        sock = open_socket(self._route, f"https://{self.host}:{self.port}", self.timeout, self._tls)
        try:
            self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


class _RoutedHandler(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    """Opens http and https URLs (redirect targets too) through the routed connections above."""

    def __init__(self, route: ProxyChoice, tls: ssl.SSLContext) -> None:
        urllib.request.HTTPHandler.__init__(self)
        urllib.request.HTTPSHandler.__init__(self, context=tls)
        self._route, self._tls = route, tls

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_RoutedHTTPConnection, route=self._route, tls=self._tls), req)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_RoutedHTTPSConnection, route=self._route, tls=self._tls), req)


def _opener(network: NetworkSettings, url: str) -> urllib.request.OpenerDirector:
    from happyhorse_desktop.net.trust import trust_context

    # ProxyHandler({}): urllib must not apply proxy variables on its own; the route does it.
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _HttpOnlyRedirects(),
        _RoutedHandler(choose_proxy(network, url), trust_context("download")),
    )


def transport_error(exc: BaseException) -> EvoLinkError:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if not isinstance(reason, BaseException):  # URLError with a text reason
        reason = exc
    if isinstance(reason, TimeoutError | socket.timeout):
        text = translate("Downloads", "the file server stopped sending data (timeout)")
    else:
        text = describe_transport_error(reason)
    kind = ConnectionLost if is_connectivity_failure(reason) else EvoLinkError
    message = translate("Downloads", "download interrupted: {reason}").format(reason=text)
    return kind(ErrorKind.NETWORK, message)


def open_result(url: str, part: Path, have: int, network: NetworkSettings) -> http.client.HTTPResponse:
    """Ask for the video (the rest of it, when ``have`` bytes are already in ``part``)."""
    headers = {"User-Agent": USER_AGENT, "Accept": "video/mp4,*/*"}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        return _opener(network, url).open(request, timeout=TIMEOUT)  # type: ignore[no-any-return]
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # our partial file is already complete (or stale): start again
            part.unlink(missing_ok=True)
        if "redirect" in str(exc.reason).lower() and 300 <= exc.code < 400:
            raise EvoLinkError(
                ErrorKind.DOWNLOAD, translate("Downloads", "the result link redirects in a loop")
            ) from None
        gone = exc.code in (403, 404, 410)
        raise EvoLinkError(
            ErrorKind.DOWNLOAD,
            translate("Downloads", "the result link has expired or is gone")
            if gone
            else translate("Downloads", "the file server refused the download"),
            status=exc.code,
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raise transport_error(exc) from None
