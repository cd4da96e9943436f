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
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

import httpx

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.api.http_client import default_timeout, make_http_client, tls_context
from happyhorse_desktop.api.models import (
    DEFAULT_API_BASE,
    DEFAULT_FILES_BASE,
    Credits,
    GenerationRequest,
    TaskSnapshot,
    UploadResult,
    parse_credits,
    parse_task,
    parse_task_list,
    parse_upload,
)
from happyhorse_desktop.api.replies import (
    NEVER_SENT,
    read_reply,
    url_path,
)
from happyhorse_desktop.api.retry import RetryPolicy
from happyhorse_desktop.api.streamed_upload import ProgressFile, StreamedUpload
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.errors import (
    describe_transport_error,
    is_connectivity_failure,
)
from happyhorse_desktop.net.http_swap import HttpSwap
from happyhorse_desktop.netcheck import check_base_url
from happyhorse_desktop.secrets import key_format_problem

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

__all__ = ["EvoLinkClient", "TransportObserver", "default_timeout", "make_http_client", "tls_context"]

BATCH_LIMIT = 50
LIST_PAGE_MAX = 50

ProgressCallback = Callable[[int, int], None]


class TransportObserver(Protocol):
    """Told about every request's transport outcome (the connectivity monitor): a reply of any status
    is a success; only failures that mean the network is missing are reported as failures."""

    def report_success(self) -> None: ...

    def report_failure(self, reason: str) -> None: ...


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
                log.info(
                    "%s %s failed (%s); retry %d in %.1fs", method, url_path(url), exc.kind, attempt, delay
                )
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
        log.debug("→ %s %s", method, url_path(url))
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
            never_sent = isinstance(exc, NEVER_SENT)
            raise EvoLinkError(
                ErrorKind.NETWORK, describe_transport_error(exc), maybe_delivered=not never_sent
            ) from None
        self._observe(None)
        log.debug("← %s %s %s", response.status_code, method, url_path(url))
        return read_reply(response)
