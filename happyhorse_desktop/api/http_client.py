"""The one shared ``httpx.AsyncClient`` the API calls go through, and its TLS context and timeouts."""

from __future__ import annotations

import importlib
import ssl
from typing import TYPE_CHECKING, Any

import httpx

from happyhorse_desktop import USER_AGENT

if TYPE_CHECKING:
    from happyhorse_desktop.net.proxy import ProxyChoice


def default_timeout() -> httpx.Timeout:
    return httpx.Timeout(connect=10.0, read=30.0, write=60.0, pool=30.0)


def tls_context() -> ssl.SSLContext:
    """The app's verifying TLS context for API calls: the OS trust store, else certifi (slow the first
    time: call it off the UI thread)."""
    from happyhorse_desktop.net.trust import trust_context

    return trust_context("api")


def make_http_client(
    proxy: ProxyChoice | str | None = None,
    timeout: httpx.Timeout | None = None,
    verify: ssl.SSLContext | None = None,
) -> httpx.AsyncClient:
    """The one shared AsyncClient: keep-alive, HTTP/2 when offered, TLS verification always on.

    ``proxy``: a :class:`~happyhorse_desktop.net.proxy.ProxyChoice` (credentials kept apart from the
    URL), a bare proxy URL, or None for the system's settings (proxy environment variables).
    """
    # httpcore's first request imports anyio's asyncio backend (~35 ms): here, in the worker thread that
    # builds the client, rather than on the event loop's (the UI's) thread at the first poll
    importlib.import_module("anyio._backends._asyncio")
    limits = httpx.Limits(max_connections=16, max_keepalive_connections=8)
    context = verify if verify is not None else tls_context()
    if proxy is None or isinstance(proxy, str):
        options: dict[str, Any] = {"proxy": proxy or None, "trust_env": not proxy}
    else:
        options = proxy.client_options(context)
    return httpx.AsyncClient(
        http2=True,
        timeout=timeout or default_timeout(),
        limits=limits,
        headers={"User-Agent": USER_AGENT},
        follow_redirects=False,
        verify=context,
        **options,
    )
