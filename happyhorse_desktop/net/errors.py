"""Transport failures in plain words, and which of them mean "the network is not there".

Shared by the API client (async httpx), the result downloader (sync httpx in a worker thread) and the
connection check, so all three name a failure the same way. No Qt, no widgets. httpx is imported only
when a failure is described (it costs start-up time the first paint should not pay).
"""

from __future__ import annotations

import socket
import ssl

from happyhorse_desktop.i18n_core import translate


def root_causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and everything it was raised from, outermost first."""
    chain, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def is_tls_failure(exc: BaseException) -> bool:
    causes = root_causes(exc)
    if any(isinstance(c, ssl.SSLError) for c in causes):
        return True
    text = " ".join(str(c) for c in causes).lower()
    return "certificate" in text or "ssl" in text


def is_connectivity_failure(exc: BaseException) -> bool:
    """True when ``exc`` says the network is missing or cut (name lookup, refused, timeouts, resets).

    Not for TLS failures (a certificate the app does not trust is no outage), proxy refusals (407 is a
    setting to fix) or anything the server answered (4xx/5xx prove the network works).
    """
    import httpx  # imported when a failure is named, not at start-up

    if isinstance(exc, httpx.ProxyError | httpx.UnsupportedProtocol) or is_tls_failure(exc):
        return False
    if isinstance(exc, httpx.TransportError):
        return True
    causes = root_causes(exc)
    return any(isinstance(c, OSError | TimeoutError) for c in causes)


def describe_transport_error(exc: BaseException) -> str:
    """A plain-words reason for a transport failure (refused, DNS, TLS, timeout, dropped, proxy)."""
    import httpx  # imported when a failure is named, not at start-up

    causes = root_causes(exc)
    if isinstance(exc, httpx.ProxyError):
        text = str(exc)
        if "407" in text:
            return proxy_login_wanted()
        reason = " ".join(text.split()) or translate("NetErrors", "no reason given")
        return translate("NetErrors", "the proxy refused the connection ({reason})").format(reason=reason)
    if any(isinstance(c, ssl.SSLError) for c in causes):
        return translate("NetErrors", "secure connection failed (TLS certificate or handshake error)")
    if any(isinstance(c, socket.gaierror) for c in causes):
        return translate("NetErrors", "host name could not be resolved (DNS)")
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return translate("NetErrors", "connection refused")
    if isinstance(exc, httpx.ConnectTimeout):
        return translate("NetErrors", "connection timed out")
    if isinstance(exc, httpx.ReadTimeout):
        return translate("NetErrors", "the server took too long to answer")
    if isinstance(exc, httpx.WriteTimeout):
        return translate("NetErrors", "sending the request took too long")
    if isinstance(exc, httpx.RemoteProtocolError):
        return translate("NetErrors", "the connection was dropped mid-reply")
    if isinstance(exc, httpx.ReadError):
        return translate("NetErrors", "the connection was reset")
    text = " ".join(str(exc).split()) or type(exc).__name__
    lowered = text.lower()
    if "name or service" in lowered or "nodename" in lowered or "getaddrinfo" in lowered:
        return translate("NetErrors", "host name could not be resolved (DNS)")
    if "certificate" in lowered or "ssl" in lowered:
        return translate("NetErrors", "secure connection failed (TLS certificate or handshake error)")
    if "refused" in lowered or "all connection attempts failed" in lowered:
        return translate("NetErrors", "connection refused")
    return translate("NetErrors", "could not connect: {reason}").format(reason=text)


def proxy_login_wanted() -> str:
    """A proxy answered 407 to a request that carried no user name and password."""
    return translate("NetErrors", "the proxy asks for a user name and password (HTTP 407)")
