"""Sending a task: upload its inputs, prove the lease, POST once, record the server's id.

The money-safety rules live here (docs/architecture.md, "Money safety"):
- the row exists before anything is sent; the step that marks it ``submitting`` is the same fenced
  write that proves this process still holds it, so a process paused past its lease never POSTs a row
  another process has taken over (that one finds it ``submitting`` and marks it *unknown*);
- a POST whose outcome is unknown leaves the row *unknown*: it is never re-sent silently;
- a submission stopped before its POST went out (Ctrl-C, window closed) is kept *interrupted* for the
  user to send or discard — no other process sends it on its own;
- closing while a POST is on the wire waits (bounded) for its answer, so the task id is recorded;
- a network that fails before anything was sent (an upload cut, a POST whose connection never opened)
  makes the submission wait for the network, then go on: nothing was charged, so nothing is lost by
  waiting, and the row is back to *uploading* meanwhile, so a crash leaves it to be sent, not *unknown*.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.api.models import GenerationRequest, TaskSnapshot
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.routes import route_for
from happyhorse_desktop.tasks import messages
from happyhorse_desktop.tasks.loops import retry_while_unwritable
from happyhorse_desktop.tasks.params import InvalidSubmission, edit_output_seconds
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.uploads import Uploader
from happyhorse_desktop.tasks.writer import TaskWriter

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient
    from happyhorse_desktop.net.connectivity import ConnectivityMonitor

log = logging.getLogger(__name__)

CLOSE_WAIT = 10.0  # seconds closing waits for a POST already on the wire
FIRST_NETWORK_PAUSE = 1.0  # then doubling, up to MAX_NETWORK_PAUSE, while nothing can be sent
MAX_NETWORK_PAUSE = 30.0


class _Unreachable(Exception):
    """Nothing of the submission left this machine because the network failed: wait, then try again."""

    def __init__(self, error: EvoLinkError) -> None:
        super().__init__(error.user_message)
        self.error = error


def _never_sent(exc: EvoLinkError) -> bool:
    return exc.kind is ErrorKind.NETWORK and not exc.maybe_delivered


class _Events(Protocol):
    def upload_progress(self, task_id: int, sent: int, total: int) -> None: ...
    def notice(self, text: str) -> None: ...
    def created(self, task_id: int, snapshot: TaskSnapshot) -> None: ...
    def unknown(self, task_id: int) -> None: ...
    def taken_back(self, task_id: int, exc: EvoLinkError) -> bool: ...


def build_request(record: TaskRecord, image_urls: list[str]) -> GenerationRequest:
    """The body for the row's route. A field the route does not take is not sent at all: video-edit
    takes no duration or aspect ratio, image-to-video no aspect ratio (a row of a model this version does
    not know sends what it has, and the server decides)."""
    route = route_for(record.model)

    def taken(name: str, value: Any) -> Any:
        return value if route is None or name in route.fields else None

    return GenerationRequest(
        model=record.model,
        image_urls=tuple(image_urls),
        prompt=record.prompt,
        quality=record.quality,
        duration=taken("duration", record.duration),
        seed=record.seed,
        callback_url=record.callback_url,
        video_urls=(record.video_url,) if record.video_url else (),
        aspect_ratio=taken("aspect_ratio", record.aspect_ratio),
        keep_original_sound=taken("keep_original_sound", record.keep_original_sound or None),
    )


class Submitter:
    def __init__(
        self, writer: TaskWriter, uploader: Uploader, client: Callable[[], EvoLinkClient], events: _Events
    ) -> None:
        # The client is built on first use (not while the window builds), hence a factory.
        self.writer = writer
        self.uploader = uploader
        self._client = client
        self.events = events
        self._posting: set[asyncio.Task[object]] = set()  # the jobs whose POST is on the wire
        self._preparing: set[asyncio.Task[object]] = set()  # the jobs uploading, before their POST
        self.connectivity: ConnectivityMonitor | None = None

    async def send(self, task_id: int) -> None:
        """The whole submission of one row this process holds (``uploading``), waiting for the network
        as long as it fails before anything was sent."""
        pause = FIRST_NETWORK_PAUSE
        while True:
            try:
                await self._send_once(task_id)
                return
            except _Unreachable as unreachable:
                log.info(
                    "task %s: nothing sent (%s); trying again when the network answers", task_id, unreachable
                )
                if pause == FIRST_NETWORK_PAUSE:
                    self.events.notice(messages.waiting_for_network(unreachable.error.user_message))
                await self._wait_for_network(task_id, pause)
                pause = min(MAX_NETWORK_PAUSE, pause * 2)

    async def _wait_for_network(self, task_id: int, pause: float) -> None:
        job = asyncio.current_task()
        assert job is not None
        self._preparing.add(job)  # closing stops the wait as it stops an upload
        try:
            if self.connectivity is not None and not self.connectivity.is_online:
                # Back the moment the network is (a reply elsewhere, the platform), else after the pause:
                # with nothing else asking, only trying again can show the network has returned.
                await self.connectivity.wait_online(timeout=pause)
            else:
                await asyncio.sleep(pause)
        except asyncio.CancelledError:
            with contextlib.suppress(sqlite3.Error):
                self.writer.interrupt(task_id)
            raise
        finally:
            self._preparing.discard(job)

    async def _send_once(self, task_id: int) -> None:
        record = self.writer.store.get(task_id)
        if record is None or record.status != TaskStatus.UPLOADING:
            return
        job = asyncio.current_task()
        assert job is not None
        self._preparing.add(job)
        try:
            record = await self._prepare(record)
        except asyncio.CancelledError:
            # Stopped before sending (Ctrl-C, window closed). Should the history be locked right now, the
            # row stays "uploading" and the next start of the app finishes it, as after a crash.
            with contextlib.suppress(sqlite3.Error):
                self.writer.interrupt(task_id)
            raise
        except EvoLinkError as exc:
            error = exc
            if exc.kind is ErrorKind.NETWORK:  # an upload cut short: nothing billed, nothing sent
                if await retry_while_unwritable(lambda: self.events.taken_back(task_id, error), "back"):
                    return  # a queued take goes back to its queue, which waits in its own way
                raise _Unreachable(exc) from None
            code, message = exc.code or exc.kind.value, messages.upload_failed(exc.user_message)
            await retry_while_unwritable(
                lambda: self.events.taken_back(task_id, error) or self.writer.reject(task_id, code, message),
                "reject",
            )
            return
        except InvalidSubmission as exc:
            problem = str(exc)
            await retry_while_unwritable(
                lambda: self.writer.reject(task_id, "invalid_input", problem), "reject"
            )
            return
        except Exception as exc:  # nothing was sent: say so, never leave the row half-way
            log.exception("task %s: unexpected error before sending", task_id)
            message = messages.unexpected_before_sending(type(exc).__name__)
            await retry_while_unwritable(lambda: self.writer.reject(task_id, "unexpected", message), "reject")
            return
        finally:
            self._preparing.discard(job)
        if record is not None:
            await self._post(record)

    async def _prepare(self, record: TaskRecord) -> TaskRecord | None:
        """Upload what needs uploading, then prove the lease and mark the row ``submitting`` in one
        fenced write: from here on a restart knows a POST may be out. None when the row was lost."""

        def progress(sent: int, total: int) -> None:
            self.events.upload_progress(record.id, sent, total)

        image_urls, sha256 = await self.uploader.image_urls(record, progress)
        video_url, input_seconds = await self.uploader.video_url(record, progress)
        video: dict[str, Any] = {}
        if video_url:
            # The length of the bytes actually uploaded decides the bill and the result's length.
            video = {"video_url": video_url, "input_seconds": input_seconds}
            if input_seconds is not None:
                video["duration"] = edit_output_seconds(route_for(record.model), input_seconds)
        gone = self.writer.store.gone()  # checked right before the point of no return
        if gone:
            raise InvalidSubmission(gone)
        return await retry_while_unwritable(
            lambda: self.writer.update(
                record.id,
                image_urls=image_urls,
                image_sha256=sha256 or record.image_sha256,
                status=TaskStatus.SUBMITTING,
                submitted_at=time.time(),
                **video,
            ),
            f"task {record.id}: mark submitting",
        )

    async def _post(self, record: TaskRecord) -> None:
        job = asyncio.current_task()
        assert job is not None
        request = build_request(record, record.image_urls)
        self._posting.add(job)
        try:
            snapshot = await self._client().create_task(request, record.idempotency_key)
        except asyncio.CancelledError:
            # Closing gave up waiting for the answer: the server may have the task.
            reason = translate("TaskMessages", "the app was closed before EvoLink answered")
            with contextlib.suppress(sqlite3.Error):  # locked: left "submitting", the next start says unknown
                self.writer.mark_unknown(record.id, reason)
            raise
        except EvoLinkError as exc:
            error = exc
            if _never_sent(exc):
                if await retry_while_unwritable(lambda: self.events.taken_back(record.id, error), "back"):
                    return  # a queued take goes back to its queue
                # Provably never left: back to *uploading* (fenced), so that waiting costs nothing.
                back = await retry_while_unwritable(
                    lambda: self.writer.update(
                        record.id, status=TaskStatus.UPLOADING, submitted_at=None, error_message=None
                    ),
                    f"task {record.id}: not sent",
                )
                if back is not None:
                    raise _Unreachable(exc) from None
                return
            await retry_while_unwritable(
                lambda: self._refused(record.id, error), f"task {record.id}: refusal"
            )
            return
        except Exception as exc:
            log.exception("task %s: unexpected error while sending", record.id)
            reason = type(exc).__name__
            if await retry_while_unwritable(lambda: self.writer.mark_unknown(record.id, reason), "unknown"):
                self.events.unknown(record.id)
            return
        finally:
            self._posting.discard(job)
        # The task exists and is billed: its id must reach the history, however long a lock lasts.
        recorded = await retry_while_unwritable(
            lambda: self.writer.record_server_id(
                record.id,
                snapshot.id,
                status=TaskStatus.from_server(snapshot.status),
                progress=snapshot.progress or 0,
                credits_reserved=snapshot.credits_reserved,
                estimated_time=snapshot.estimated_time,
                error_code=None,
                error_message=None,
            ),
            f"task {record.id}: record server id {snapshot.id}",
        )
        if recorded is not None:
            self.events.created(record.id, snapshot)

    def _refused(self, task_id: int, exc: EvoLinkError) -> None:
        if exc.maybe_delivered:
            reason = exc.summary if exc.status else messages.connection_ended()
            if self.writer.mark_unknown(task_id, reason):
                self.events.unknown(task_id)
            return
        if self.events.taken_back(task_id, exc):  # a queued take goes back to its queue
            return
        self.writer.reject(task_id, exc.code or exc.kind.value, exc.user_message)
        if exc.kind is ErrorKind.AUTH:
            self.events.notice(exc.user_message)

    def stop_preparing(self) -> None:
        """Closing: submissions still uploading are stopped before they send anything (they become
        *interrupted*), so that none goes out while the POSTs already on the wire are waited for."""
        for job in list(self._preparing):
            job.cancel()

    async def wait_for_posts(self, timeout: float = CLOSE_WAIT) -> None:
        """Let the POSTs on the wire get their answers (at most ``timeout`` seconds)."""
        if self._posting:
            log.info("waiting up to %.0fs for %d submission(s) on the wire", timeout, len(self._posting))
            await asyncio.wait(set(self._posting), timeout=timeout)
