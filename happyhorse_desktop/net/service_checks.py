"""The request steps of "Check connection", made with the app's own HTTP client once the chain to
EvoLink is known: is the API key accepted (``GET /v1/credits``: 401 means refused), and do the files
host and the result CDN answer at all (any HTTP answer means reachable). Each returns whether it passed
(``None``: not checked) and what happened, in plain words.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.errors import describe_transport_error

Outcome = tuple[bool | None, str]


async def check_key(http: httpx.AsyncClient, api_base: str, api_key: str | None, chain_ok: bool) -> Outcome:
    """Whether EvoLink accepts ``api_key``; not checked when the chain to it failed."""
    if not api_key:
        return False, translate("ConnectionCheck", "No API key is set. Enter it in Settings.")
    if not chain_ok:
        return None, translate("ConnectionCheck", "Not checked: EvoLink could not be reached.")
    try:
        reply = await http.get(f"{api_base}/v1/credits", headers={"Authorization": f"Bearer {api_key}"})
    except httpx.TransportError as exc:
        return False, describe_transport_error(exc).capitalize() + "."
    if reply.status_code == 401:
        return False, translate(
            "ConnectionCheck", "EvoLink refused the API key (HTTP 401). Check the key in Settings."
        )
    if reply.status_code >= 400:
        return False, translate("ConnectionCheck", "EvoLink answered HTTP {status}.").format(
            status=reply.status_code
        )
    return True, translate("ConnectionCheck", "EvoLink accepted the key.")


async def check_reach(
    http: httpx.AsyncClient, url: str, api_key: str | None, *, cdn: bool = False
) -> Outcome:
    """Whether ``url``'s host answers: the files host with the key, a CDN link with a one-byte range."""
    host = urlsplit(url).hostname or url
    headers = {"Range": "bytes=0-0"} if cdn else {"Authorization": f"Bearer {api_key or ''}"}
    try:
        reply = await http.get(url, headers=headers)
    except httpx.TransportError as exc:
        return False, translate("ConnectionCheck", "{host}: {why}.").format(
            host=host, why=describe_transport_error(exc)
        )
    return True, translate("ConnectionCheck", "{host} answered (HTTP {status}).").format(
        host=host, status=reply.status_code
    )
