"""``EvoLinkClient``: every HTTP call the app makes to EvoLink, on one shared ``httpx.AsyncClient``.

Safety rules enforced here, in one place:
- the API key is attached per request, only to the configured API and files hosts (never a client-wide
  default header), so media downloads and image URLs never see it;
- read-only calls retry 429/5xx/network failures with backoff; creating a task is retried only when the
  connection provably never reached the server, and always carries an ``Idempotency-Key``;
- a plain ``http://`` base is refused unless its host is loopback (the simulator);
- every call has a timeout.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
import logging
import ssl
import time
from collections.abc import Callable, Sequence
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

import httpx

from happyhorse_desktop import USER_AGENT
from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError, kind_for
from happyhorse_desktop.api.models import (
    DEFAULT_API_BASE,
    DEFAULT_FILES_BASE,
    Credits,
    GenerationRequest,
    TaskSnapshot,
    UploadResult,
    parse_credits,
    parse_error_body,
    parse_task,
    parse_task_list,
    parse_upload,
)
from happyhorse_desktop.api.retry import RetryPolicy
from happyhorse_desktop.api.streamed_upload import ProgressFile, StreamedUpload
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.errors import (
    describe_transport_error,
    is_connectivity_failure,
    proxy_login_wanted,
)
from happyhorse_desktop.net.http_swap import HttpSwap
from happyhorse_desktop.netcheck import check_base_url
from happyhorse_desktop.secrets import key_format_problem

if TYPE_CHECKING:
    from happyhorse_desktop.net.proxy import ProxyChoice

log = logging.getLogger(__name__)

BATCH_LIMIT = 50
LIST_PAGE_MAX = 50

# Failures where the request bytes never left this machine: safe to retry even a POST.
# A ProxyError is the proxy refusing the tunnel (e.g. 407) before anything was sent to EvoLink.
_NEVER_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.UnsupportedProtocol,
    httpx.ProxyError,
)

ProgressCallback = Callable[[int, int], None]


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


class TransportObserver(Protocol):
    """Told about every request's transport outcome (the connectivity monitor): a reply of any status
    is a success; only failures that mean the network is missing are reported as failures."""

    def report_success(self) -> None: ...

    def report_failure(self, reason: str) -> None: ...


def _retry_after(response: httpx.Response) -> float | None:
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


class EvoLinkClient:
    def __init__(
        self,
        key_provider: Callable[[], str | None],
        *,
        api_base: str = DEFAULT_API_BASE,
        files_base: str = DEFAULT_FILES_BASE,
        http: httpx.AsyncClient | None = None,
        retry: RetryPolicy | None = None,
        max_concurrent: int = 6,
    ) -> None:
        self.api_base = check_base_url(api_base)
        self.files_base = check_base_url(files_base)
        self._key_provider = key_provider
        self._http = HttpSwap(http or make_http_client())
        self._owns_http = http is None
        self.observer: TransportObserver | None = None
        self.retry = retry or RetryPolicy()
        self.batch_supported = True
        # The global cap on concurrent requests to EvoLink (downloads from the CDN are not counted).
        self._limiter = asyncio.Semaphore(max_concurrent)

    @property
    def http(self) -> httpx.AsyncClient:
        """The httpx client new requests go through."""
        return self._http.current

    async def aclose(self) -> None:
        if self._owns_http:
            await self.http.aclose()
        await self._http.aclose_retired()

    def replace_http(self, http: httpx.AsyncClient) -> None:
        """Send new requests through ``http`` (new proxy or trust settings) from now on. The old
        client finishes the requests it carries and is then closed; the client owns the new one."""
        self._http.replace(http)
        self._owns_http = True

    def _observe(self, exc: BaseException | None) -> None:
        if self.observer is None:
            return
        if exc is None:
            self.observer.report_success()
        elif is_connectivity_failure(exc):
            self.observer.report_failure(describe_transport_error(exc))

    # -- public calls ---------------------------------------------------------------------------

    async def create_task(self, request: GenerationRequest, idempotency_key: str) -> TaskSnapshot:
        data = await self._call(
            "POST",
            f"{self.api_base}/v1/videos/generations",
            json_body=request.to_json(),
            idempotent=False,
            headers={"Idempotency-Key": idempotency_key},
        )
        try:
            return parse_task(data)
        except EvoLinkError as exc:
            exc.maybe_delivered = True  # the server answered 2xx: it probably created the task
            raise

    async def get_task(self, task_id: str) -> TaskSnapshot:
        # The id came from the server: quote it, so it can only ever name a path segment.
        url = f"{self.api_base}/v1/tasks/{quote(task_id, safe='')}"
        snapshot = parse_task(await self._call("GET", url, idempotent=True))
        if snapshot.id != task_id:
            raise EvoLinkError(
                ErrorKind.BAD_REPLY,
                translate("ApiErrors", "asked for task {asked}, got {got}").format(
                    asked=task_id, got=snapshot.id
                ),
            )
        return snapshot

    async def get_tasks(self, task_ids: Sequence[str]) -> dict[str, TaskSnapshot | EvoLinkError]:
        """Query many tasks: batch endpoint in chunks of 50, per-task GET once batch is unsupported.

        The result maps every asked id to its snapshot, or to the error for that id (an id the batch
        reply omitted is asked about with its own GET).
        """
        out: dict[str, TaskSnapshot | EvoLinkError] = {}
        ids = list(dict.fromkeys(task_ids))
        if self.batch_supported and len(ids) > 1:
            for start in range(0, len(ids), BATCH_LIMIT):
                chunk = ids[start : start + BATCH_LIMIT]
                try:
                    data = await self._call(
                        "POST",
                        f"{self.api_base}/v1/tasks/batch",
                        json_body={"task_ids": chunk},
                        idempotent=True,
                    )
                except EvoLinkError as exc:
                    if exc.status in (404, 405):
                        log.info("batch query unsupported (HTTP %s); using per-task GET", exc.status)
                        self.batch_supported = False
                        break
                    for task_id in chunk:
                        out[task_id] = exc
                    continue
                # An id the reply leaves out (replica lag, a truncated reply) is not "no such task": it
                # is asked about on its own below, and only EvoLink's own answer counts.
                out.update({t.id: t for t in parse_task_list(data) if t.id in chunk})
        remaining = [t for t in ids if t not in out]

        async def one(task_id: str) -> None:
            try:
                out[task_id] = await self.get_task(task_id)
            except EvoLinkError as exc:
                out[task_id] = exc

        await asyncio.gather(*(one(t) for t in remaining))
        return out

    async def list_recent_tasks(self, page_size: int = LIST_PAGE_MAX, page: int = 1) -> list[TaskSnapshot]:
        """The account's most recent tasks, newest first: ``GET /v1/tasks?page=P&page_size=N``.

        Not in the public reference (EvoLink's own CLI uses it, never with more than 50 a page): callers
        must treat any error as "not available" and carry on without it. Items carry no result links
        and few request fields (docs/evolink-api.md, "The task list").
        """
        size = max(1, min(LIST_PAGE_MAX, page_size))
        url = f"{self.api_base}/v1/tasks?page={max(1, page)}&page_size={size}"
        return parse_task_list(await self._call("GET", url, idempotent=True))

    async def get_credits(self) -> Credits:
        return parse_credits(await self._call("GET", f"{self.api_base}/v1/credits", idempotent=True))

    async def upload_image(
        self, data: bytes, filename: str, mime_type: str, on_progress: ProgressCallback | None = None
    ) -> UploadResult:
        """Upload image bytes with the multipart stream endpoint; returns the public URL.

        The caller passes the bytes it validated and hashed, so what is uploaded is exactly what was
        checked even if the file changes on disk meanwhile. Re-sending an upload is harmless (another
        stored file, no charge), so it is retried like a read.
        """
        url = f"{self.files_base}/api/v1/files/upload/stream"
        attempt = 0
        while True:
            attempt += 1
            wrapped = ProgressFile(io.BytesIO(data), len(data), on_progress)
            try:
                body = await self._send(
                    "POST", url, files={"file": (filename, wrapped, mime_type)}, data={"file_name": filename}
                )
                return parse_upload(body)
            except EvoLinkError as exc:
                delay = self.retry.delay_for(exc, attempt, idempotent=True)
                if delay is None:
                    raise
                await asyncio.sleep(delay)

    async def upload_file(
        self, path: Path, filename: str, mime_type: str, on_progress: ProgressCallback | None = None
    ) -> UploadResult:
        """Upload a local file (a video to edit: up to 100 MB) with the multipart stream endpoint,
        streamed from disk; the result's ``sha256`` is the hash of the bytes actually sent, so the caller
        can tell whether they are the ones it checked. Retried like a read (another stored file, no
        charge). Raises ``streamed_upload.SourceChanged`` when the file's size changes during the upload."""
        url = f"{self.files_base}/api/v1/files/upload/stream"
        attempt = 0
        while True:
            attempt += 1
            body = StreamedUpload(path, filename, mime_type, on_progress)
            headers = {"Content-Type": body.content_type, "Content-Length": str(body.length)}
            try:
                reply = await self._send("POST", url, headers=headers, content=body)
                return dataclasses.replace(parse_upload(reply), sha256=body.digest.hexdigest())
            except EvoLinkError as exc:
                delay = self.retry.delay_for(exc, attempt, idempotent=True)
                if delay is None:
                    raise
                await asyncio.sleep(delay)

    async def cancel_task(self, task_id: str) -> bool:
        """The hook for a real cancel endpoint. EvoLink publishes none, so nothing is sent and the caller
        only stops tracking; returns whether the server was asked to cancel."""
        return False

    # -- plumbing -------------------------------------------------------------------------------

    def _auth_headers(self) -> dict[str, str]:
        key = self._key_provider()
        if not key:
            raise EvoLinkError(ErrorKind.AUTH, translate("ApiErrors", "no API key is set"))
        problem = key_format_problem(key)
        if problem:  # keys are checked where they enter; this guard keeps a bad one off the wire
            raise EvoLinkError(ErrorKind.AUTH, problem)
        return {"Authorization": f"Bearer {key}"}

    async def _call(
        self,
        method: str,
        url: str,
        *,
        idempotent: bool,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._send(method, url, json_body=json_body, headers=headers)
            except EvoLinkError as exc:
                delay = self.retry.delay_for(exc, attempt, idempotent=idempotent)
                if delay is None:
                    raise
                log.info("%s %s failed (%s); retry %d in %.1fs", method, _path(url), exc.kind, attempt, delay)
                await asyncio.sleep(delay)

    async def _send(
        self,
        method: str,
        url: str,
        *,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
        files: Any = None,
        data: Any = None,
        content: Any = None,
    ) -> Any:
        all_headers = {**self._auth_headers(), **(headers or {})}
        log.debug("→ %s %s", method, _path(url))
        try:
            async with self._limiter:
                with self._http.using() as http:
                    response = await http.request(
                        method,
                        url,
                        json=json_body,
                        headers=all_headers,
                        files=files,
                        data=data,
                        content=content,
                    )
        except httpx.TransportError as exc:
            self._observe(exc)
            # Failures where the request bytes never left this machine may be retried even for a POST.
            never_sent = isinstance(exc, _NEVER_SENT)
            raise EvoLinkError(
                ErrorKind.NETWORK, describe_transport_error(exc), maybe_delivered=not never_sent
            ) from None
        self._observe(None)
        log.debug("← %s %s %s", response.status_code, method, _path(url))
        if response.status_code == 407:  # a plain-http destination through a proxy that wants a login
            raise EvoLinkError(ErrorKind.NETWORK, proxy_login_wanted())
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
            body = None
        if response.status_code >= 400:
            code, message, suggestion = parse_error_body(body)
            detail = message or (_non_json(response) if body is None else "")
            if suggestion:
                detail = f"{detail} — {suggestion}" if detail else suggestion
            exc = EvoLinkError(
                kind_for(response.status_code, code),
                detail,
                status=response.status_code,
                code=code,
                retry_after=_retry_after(response),
                # A gateway page instead of EvoLink's error envelope: we cannot tell whether it acted.
                maybe_delivered=response.status_code >= 500 and code is None and message is None,
            )
            raise exc
        if body is None:
            raise EvoLinkError(
                ErrorKind.BAD_REPLY,
                translate("ApiErrors", "expected JSON, got {type}").format(type=_content_type(response)),
                status=response.status_code,
                maybe_delivered=True,
            )
        if _is_error_envelope(body):
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


def _is_error_envelope(body: Any) -> bool:
    return (
        isinstance(body, dict)
        and isinstance(body.get("error"), dict)
        and "id" not in body
        and "data" not in body
    )


def _path(url: str) -> str:
    return httpx.URL(url).path


def _non_json(response: httpx.Response) -> str:
    return translate("ApiErrors", "non-JSON reply ({type})").format(type=_content_type(response))


def _content_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "no content type").split(";")[0]
