"""Reading EvoLink's HTTP replies: which transport failures prove a request never left, the
``Retry-After`` header, EvoLink's error envelope inside a 2xx, and how a reply that is not JSON is
named in a message."""

from __future__ import annotations

import json
import time
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError, kind_for
from happyhorse_desktop.api.models import parse_error_body
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.errors import proxy_login_wanted

# Failures where the request bytes never left this machine: safe to retry even a POST.
# A ProxyError is the proxy refusing the tunnel (e.g. 407) before anything was sent to EvoLink.
NEVER_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.UnsupportedProtocol,
    httpx.ProxyError,
)


def retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None


def is_error_envelope(body: Any) -> bool:
    return (
        isinstance(body, dict)
        and isinstance(body.get("error"), dict)
        and "id" not in body
        and "data" not in body
    )


def url_path(url: str) -> str:
    return httpx.URL(url).path


def non_json(response: httpx.Response) -> str:
    return translate("ApiErrors", "non-JSON reply ({type})").format(type=content_type(response))


def content_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "no content type").split(";")[0]


def read_reply(response: httpx.Response) -> Any:
    """The JSON body of a reply, or the :class:`EvoLinkError` it means (an HTTP error, a body that is
    not JSON, EvoLink's error envelope inside a 2xx)."""
    if response.status_code == 407:  # a plain-http destination through a proxy that wants a login
        raise EvoLinkError(ErrorKind.NETWORK, proxy_login_wanted())
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        body = None
    if response.status_code >= 400:
        code, message, suggestion = parse_error_body(body)
        detail = message or (non_json(response) if body is None else "")
        if suggestion:
            detail = f"{detail} — {suggestion}" if detail else suggestion
        exc = EvoLinkError(
            kind_for(response.status_code, code),
            detail,
            status=response.status_code,
            code=code,
            retry_after=retry_after_seconds(response),
            # A gateway page instead of EvoLink's error envelope: we cannot tell whether it acted.
            maybe_delivered=response.status_code >= 500 and code is None and message is None,
        )
        raise exc
    if body is None:
        raise EvoLinkError(
            ErrorKind.BAD_REPLY,
            translate("ApiErrors", "expected JSON, got {type}").format(type=content_type(response)),
            status=response.status_code,
            maybe_delivered=True,
        )
    if is_error_envelope(body):
        # A 2xx carrying EvoLink's error object instead of a result: report the server's own code and
        # message. For a task creation nobody can tell whether it acted, so the outcome is unknown.
        code, message, suggestion = parse_error_body(body)
        detail = " — ".join(p for p in (message, suggestion) if p) or translate(
            "ApiErrors", "an error reply with status 2xx"
        )
        raise EvoLinkError(
            kind_for(response.status_code, code),
            detail,
            status=response.status_code,
            code=code,
            maybe_delivered=True,
        )
    return body
