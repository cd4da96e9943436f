"""Submit, poll, download and resume tasks — the engine the window and the CLI share.

Money-safety rules (DESIGN.md):
- A row is written before anything is sent; it is ``submitting`` before the POST goes out and gets the
  server id right after. A POST whose outcome is unknown leaves the row ``unknown`` for the user to
  resolve — it is never re-sent silently.
- One scheduler polls every tracked, unfinished task with an adaptive interval; never more than one
  request per task is in flight; several due tasks are queried with one batch request.
- Tasks are leased in the store, so two processes on one history (window + CLI) never poll or download
  the same task twice; a lease of a process that died is taken over.
- On start, every unfinished task resumes polling and every completed task without its video resumes
  downloading.

The manager is a ``QObject`` only for its signals (QtCore, no widgets); it runs on any asyncio loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError, describe_task_failure
from happyhorse_desktop.api.models import DEFAULT_MODEL, GenerationRequest, TaskSnapshot
from happyhorse_desktop.pricing import credits_from_raw
from happyhorse_desktop.tasks.naming import unique_video_path, video_stem
from happyhorse_desktop.tasks.store import TaskRecord, TaskStatus, TaskStore
from happyhorse_desktop.validation import (
    check_callback_url,
    check_duration,
    check_image_bytes,
    check_image_url,
    check_model,
    check_quality,
    check_seed,
)

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient

log = logging.getLogger(__name__)

RESULT_LINK_LIFETIME = 24 * 3600.0
RECONCILE_DELAY = 3.0  # seconds before looking for an unknown submission on the server
CLOCK_SLACK = 90.0  # how far the server's creation time may be from our send time (clock skew, latency)
BATCH_WINDOW = 0.5  # fraction of the shortest poll interval by which a poll may be brought forward
UPLOAD_LIFETIME = 72 * 3600.0
MAX_IMAGE_READ = 10 * 1024 * 1024 + 1  # one byte over the limit is enough to know it is too big

UNKNOWN_OUTCOME_MESSAGE = (
    "The app could not confirm whether EvoLink received this task (the connection ended before the "
    "answer). It was NOT re-sent, to avoid paying twice. Check your EvoLink dashboard; re-run it only "
    "if it is not there."
)
STOP_TRACKING_MESSAGE = (
    "Stopped tracking. EvoLink has no cancel call: the task keeps running on the server and is billed, "
    "but this app will not poll it or save its video."
)


class InvalidSubmission(ValueError):
    """The user's input breaks a rule of the model; the message says which."""


@dataclass(frozen=True)
class SubmitParams:
    image: str  # a local file path or an http(s) URL
    prompt: str = ""
    model: str = DEFAULT_MODEL
    quality: str = "720p"
    duration: int = 5
    seed: int | None = None
    callback_url: str | None = None

    @property
    def image_is_url(self) -> bool:
        return self.image.lower().startswith(("http://", "https://"))

    def problems(self) -> list[str]:
        """Every parameter problem (the image file's content is checked when it is read)."""
        checks = [
            check_model(self.model),
            check_quality(self.quality),
            check_duration(self.duration),
            check_seed(self.seed),
            check_callback_url(self.callback_url),
            check_image_url(self.image) if self.image_is_url else None,
        ]
        return [p for p in checks if p]


def _owner_token() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _owner_is_dead(owner: str) -> bool:
    """True when a lease owner is a process on this host that no longer runs (POSIX only)."""
    try:
        host, pid_text, _ = owner.split(":")
        pid = int(pid_text)
    except ValueError:
        return False
    if host != socket.gethostname() or pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _read_image(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(MAX_IMAGE_READ)


class TaskManager(QObject):
    sig_task_added = Signal(int)
    """A task row was created (local id)."""
    sig_task_changed = Signal(int)
    """Anything about a task changed: status, progress, credits, files (local id)."""
    sig_task_removed = Signal(int)
    """A task was removed from the history (local id)."""
    sig_task_completed = Signal(int)
    """A task's video is saved on disk (local id)."""
    sig_task_failed = Signal(int, str)
    """A task ended without a video: failed, rejected, unknown outcome or expired (local id, message)."""
    sig_upload_progress = Signal(int, int, int)
    """Image upload progress (local id, bytes sent, total bytes)."""
    sig_download_progress = Signal(int, int, int)
    """Video download progress (local id, bytes received, total bytes or -1)."""
    sig_notice = Signal(str)
    """A message for the status bar that concerns the app rather than one task (e.g. key refused)."""

    def __init__(
        self,
        store: TaskStore,
        client: Callable[[], EvoLinkClient],
        output_dir: Path,
        *,
        poll_interval: float = 5.0,
        max_poll_interval: float = 30.0,
        max_downloads: int = 3,
        lease_seconds: float = 30.0,
        rescan_interval: float = 2.0,
    ) -> None:
        super().__init__()
        self.store = store
        self._client_factory = client
        self.output_dir = output_dir
        self.poll_interval = poll_interval
        self.max_poll_interval = max(max_poll_interval, poll_interval)
        self.lease_seconds = lease_seconds
        self.rescan_interval = rescan_interval
        self.proxy: str | None = None  # an explicit proxy for downloads (None: the system's settings)
        self.owner = _owner_token()
        self._download_slots = asyncio.Semaphore(max_downloads)
        self._next_poll: dict[int, float] = {}
        self._in_flight: set[int] = set()
        self._not_found_strikes: dict[int, int] = {}
        self._download_attempts: dict[int, int] = {}
        self._download_retry_at: dict[int, float] = {}  # wall-clock time before which not to retry
        self._jobs: dict[int, asyncio.Task[None]] = {}  # submissions and downloads, by local id
        self._background: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._scheduler: asyncio.Task[None] | None = None
        self._last_seen_update = 0.0
        self._rescans = 0
        self._auth_failed_until = 0.0
        self._closed = False

    @property
    def client(self) -> EvoLinkClient:
        """The HTTP client, created the first time the manager needs it (not while the window builds)."""
        return self._client_factory()

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._scheduler is not None

    def start(self) -> None:
        """Resume unfinished work and start polling. Call with the event loop running or about to."""
        if self._scheduler is None:
            self._last_seen_update = self.store.max_updated_at()
            self.resume()
            self._scheduler = asyncio.ensure_future(self._run())
            self._spawn_background(self.verify_saved_videos())
            self._spawn_background(self.reconcile_unknown())

    def resume(self) -> None:
        for record in self.store.unsubmitted():
            if record.id in self._jobs or not self._claim(record.id):
                continue
            if record.status == TaskStatus.SUBMITTING:
                # The app stopped while the POST was out: the server may have the task. Never resend.
                self._finish_unknown(record.id)
            else:
                self._spawn_job(record.id, self._submit_row(record.id))
        for record in self.store.to_poll():
            if record.id not in self._next_poll and self._claim(record.id):
                self._next_poll[record.id] = 0.0
        now = time.time()
        for record in self.store.to_download():
            waiting = self._download_retry_at.get(record.id, 0.0) > now
            if record.id not in self._jobs and not waiting and self._claim(record.id):
                self._spawn_job(record.id, self._download(record.id))
        self._wake.set()

    async def verify_saved_videos(self) -> int:
        """Check, off the UI thread, that every saved video is still there at its recorded size; one
        that is gone or cut short (moved, deleted, power loss) is downloaded again while its link lives.
        Returns how many were found missing."""
        saved = self.store.saved_videos()

        def broken() -> list[int]:
            bad = []
            for task_id, path, size in saved:
                try:
                    actual = os.stat(path).st_size
                except OSError:
                    bad.append(task_id)
                    continue
                if size is not None and actual != size:
                    bad.append(task_id)
            return bad

        missing = await asyncio.to_thread(broken)
        now = time.time()
        for task_id in missing:
            record = self.store.get(task_id)
            if record is None or record.status != TaskStatus.COMPLETED:
                continue
            if (record.completed_at or record.created_at) + RESULT_LINK_LIFETIME < now:
                # Too late to fetch it again: say so without sending a request that must fail.
                message = "The video file is missing and its 24-hour link has expired."
                self.store.update(
                    task_id,
                    status=TaskStatus.EXPIRED,
                    video_path=None,
                    video_size=None,
                    download_error=message,
                )
            else:
                message = "Not saved: the video file is missing or incomplete."
                self.store.update(
                    task_id, video_path=None, video_size=None, sidecar_path=None, download_error=message
                )
            self.sig_task_changed.emit(task_id)
        if missing:
            log.info("%d saved video(s) missing or incomplete; downloading again", len(missing))
            self.resume()
        return len(missing)

    async def aclose(self) -> None:
        """Stop all background work and release this process's leases (the store stays open)."""
        if self._closed:
            return
        self._closed = True
        tasks = [t for t in (self._scheduler, *self._jobs.values(), *self._background) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        with contextlib.suppress(Exception):
            self.store.release(self.owner)

    async def wait_idle(self, timeout: float | None = None) -> None:
        """Wait until no task needs polling, submitting or downloading (used by the CLI and tests)."""

        async def idle() -> None:
            while self._next_poll or self._jobs or self._in_flight:
                await asyncio.sleep(0.02)

        await asyncio.wait_for(idle(), timeout)

    # -- user actions ---------------------------------------------------------------------------

    async def submit(self, params: SubmitParams) -> TaskRecord:
        """Validate, write the row, upload if needed, POST. Returns the row as it stands afterwards.

        Raises :class:`InvalidSubmission` (nothing written) when the input breaks a rule.
        """
        problems = params.problems()
        if problems:
            raise InvalidSubmission(" ".join(problems))
        if not params.image_is_url:
            path = Path(params.image)
            if not path.is_file():
                raise InvalidSubmission(f"The image file {path.name!r} does not exist.")
        record = self.store.add(
            model=params.model,
            prompt=params.prompt,
            quality=params.quality,
            duration=params.duration,
            seed=params.seed,
            callback_url=params.callback_url or None,
            image_source=params.image,
            image_url=params.image if params.image_is_url else None,
            idempotency_key=uuid.uuid4().hex,
            status=TaskStatus.UPLOADING,
            lease_owner=self.owner,
            lease_until=time.time() + self.lease_seconds,
        )
        self.sig_task_added.emit(record.id)
        job = self._spawn_job(record.id, self._submit_row(record.id))
        await asyncio.shield(job)
        return self.store.get(record.id) or record

    def rerun(self, task_id: int, *, new_seed: int | bool | None = False) -> SubmitParams:
        """The parameters of an earlier task, for a new submission (optionally with another seed)."""
        record = self._require(task_id)
        seed = record.seed if new_seed is False else (None if new_seed is True else new_seed)
        return SubmitParams(
            image=record.image_source,
            prompt=record.prompt,
            model=record.model,
            quality=record.quality,
            duration=record.duration,
            seed=seed,  # type: ignore[arg-type]
            callback_url=record.callback_url,
        )

    async def stop_tracking(self, task_id: int) -> str:
        record = self._require(task_id)
        asked = bool(record.server_id) and await self.client.cancel_task(record.server_id or "")
        self._forget(task_id)
        self.store.update(task_id, tracking=False)
        self.store.release(self.owner, task_id)
        self.sig_task_changed.emit(task_id)
        return "Cancellation requested." if asked else STOP_TRACKING_MESSAGE

    def resume_tracking(self, task_id: int) -> None:
        self.store.update(task_id, tracking=True)
        self.sig_task_changed.emit(task_id)
        self.resume()

    def retry_download(self, task_id: int) -> None:
        record = self._require(task_id)
        if record.status in (TaskStatus.COMPLETED, TaskStatus.EXPIRED) and not record.video_path:
            self.store.update(task_id, status=TaskStatus.COMPLETED, tracking=True, download_error=None)
            self._download_attempts.pop(task_id, None)
            self._download_retry_at.pop(task_id, None)
            self.sig_task_changed.emit(task_id)
            self.resume()

    def remove(self, task_id: int, *, delete_files: bool = False) -> None:
        record = self._require(task_id)
        self._forget(task_id)
        if delete_files:
            for name in (record.video_path, record.sidecar_path):
                if name:
                    with contextlib.suppress(OSError):
                        Path(name).unlink()
        self.store.remove(task_id)
        self.sig_task_removed.emit(task_id)

    # -- submission -----------------------------------------------------------------------------

    async def _submit_row(self, task_id: int) -> None:
        record = self._require(task_id)
        try:
            image_url = record.image_url or await self._upload(record)
        except EvoLinkError as exc:
            self._reject(task_id, exc.code or exc.kind.value, f"Upload failed: {exc.user_message}")
            return
        except InvalidSubmission as exc:
            self._reject(task_id, "invalid_image", str(exc))
            return
        request = GenerationRequest(
            model=record.model,
            image_url=image_url,
            prompt=record.prompt,
            quality=record.quality,
            duration=record.duration,
            seed=record.seed,
            callback_url=record.callback_url,
        )
        # Committed before the POST: if the app dies from here on, the restart knows a POST may be out.
        self.store.update(
            task_id, image_url=image_url, status=TaskStatus.SUBMITTING, submitted_at=time.time()
        )
        self.sig_task_changed.emit(task_id)
        try:
            snapshot = await self.client.create_task(request, record.idempotency_key)
        except EvoLinkError as exc:
            if exc.maybe_delivered:
                self._finish_unknown(task_id, exc.user_message)
            else:
                self._reject(task_id, exc.code or exc.kind.value, exc.user_message)
                if exc.kind is ErrorKind.AUTH:
                    self.sig_notice.emit(exc.user_message)
            return
        self.store.update(
            task_id,
            server_id=snapshot.id,
            status=snapshot.status,
            progress=snapshot.progress or 0,
            credits_reserved=snapshot.credits_reserved,
            estimated_time=snapshot.estimated_time,
            error_code=None,
            error_message=None,
        )
        self.sig_task_changed.emit(task_id)
        self._apply_snapshot(task_id, snapshot)

    async def _upload(self, record: TaskRecord) -> str:
        path = Path(record.image_source)
        try:
            data = await asyncio.to_thread(_read_image, path)
        except OSError as exc:
            raise InvalidSubmission(
                f"The image {path.name!r} can no longer be read ({exc.strerror}); was it moved or deleted?"
            ) from None
        check = await asyncio.to_thread(check_image_bytes, data)
        if not check.ok or check.info is None or check.info.mime_type is None:
            raise InvalidSubmission(" ".join(check.problems) or "The image is not JPEG, PNG or WEBP.")
        sha256 = await asyncio.to_thread(lambda: hashlib.sha256(data).hexdigest())
        self.store.update(record.id, image_sha256=sha256)
        cached = self.store.cached_upload(sha256)
        if cached:
            log.info("task %s: reusing the uploaded image", record.id)
            return cached

        def progress(sent: int, total: int) -> None:
            self.sig_upload_progress.emit(record.id, sent, total)

        result = await self.client.upload_image(data, path.name, check.info.mime_type, progress)
        self.store.remember_upload(sha256, result.file_url, time.time() + UPLOAD_LIFETIME)
        return result.file_url

    def _reject(self, task_id: int, code: str, message: str) -> None:
        self.store.update(
            task_id,
            status=TaskStatus.REJECTED,
            error_code=code,
            error_message=message,
            finished_at=time.time(),
        )
        self.store.release(self.owner, task_id)
        self.sig_task_changed.emit(task_id)
        self.sig_task_failed.emit(task_id, message)

    def _finish_unknown(self, task_id: int, detail: str = "") -> None:
        message = UNKNOWN_OUTCOME_MESSAGE + (f" ({detail})" if detail else "")
        self.store.update(
            task_id, status=TaskStatus.UNKNOWN, error_code="unknown_outcome", error_message=message
        )
        self.store.release(self.owner, task_id)
        self.sig_task_changed.emit(task_id)
        self.sig_task_failed.emit(task_id, message)
        if self._scheduler is not None:
            self._spawn_background(self.reconcile_unknown(delay=RECONCILE_DELAY))

    async def reconcile_unknown(self, delay: float = 0.0) -> int:
        """Look for the tasks of *unknown* rows among the account's recent tasks and link them.

        A row is linked only when exactly one recent task fits it (same model and duration, created
        around the moment the row's POST went out, not linked to another row), so a guess never links
        the wrong task; anything else stays *unknown* for the user. Uses an endpoint outside the public
        reference: when it is missing nothing changes. Returns how many rows were linked.
        """
        await asyncio.sleep(delay)
        rows = self.store.unknown_unlinked()
        if not rows:
            return 0
        # A POST still on the wire (here or in another process on this history) may have created one of
        # the recent tasks: never guess while one is, or its task could be taken for an unknown row's.
        for _ in range(20):
            if not any(r.status == TaskStatus.SUBMITTING for r in self.store.unsubmitted()):
                break
            await asyncio.sleep(max(0.5, delay))
        else:
            return 0
        try:
            recent = await self.client.list_recent_tasks(100)
        except EvoLinkError as exc:
            log.info("cannot look for unknown tasks on the server (%s)", exc.kind)
            return 0
        candidates = [t for t in recent if self.store.get_by_server_id(t.id) is None]
        linked = 0
        for row in rows:
            sent = row.submitted_at or row.created_at
            fits = [
                t
                for t in candidates
                if t.created is not None
                and sent - CLOCK_SLACK <= t.created <= sent + CLOCK_SLACK
                and t.model in (None, row.model)
                and t.video_duration in (None, row.duration)
            ]
            if len(fits) != 1 or not self._claim(row.id):
                continue
            task = fits[0]
            candidates.remove(task)
            self.store.update(
                row.id,
                server_id=task.id,
                status=task.status,
                error_code=None,
                error_message="Found on EvoLink after an interrupted submission, and linked.",
            )
            log.info("task %s: the unknown submission was found on the server as %s", row.id, task.id)
            self.sig_task_changed.emit(row.id)
            self._apply_snapshot(row.id, task)
            linked += 1
        return linked

    # -- polling --------------------------------------------------------------------------------

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        next_rescan = loop.time() + self.rescan_interval
        next_heartbeat = loop.time() + self.lease_seconds / 3
        while True:
            now = loop.time()
            if now >= next_rescan:
                next_rescan = now + self.rescan_interval
                self._rescan()
            if now >= next_heartbeat:
                next_heartbeat = now + self.lease_seconds / 3
                self.store.renew_leases(self.owner, self.lease_seconds)
            waiting = {i: t for i, t in self._next_poll.items() if i not in self._in_flight}
            due: list[int] = []
            if waiting and min(waiting.values()) <= now:
                # Tasks due a little later ride along, so one batch request serves them all.
                horizon = now + self.poll_interval * BATCH_WINDOW
                due = [i for i, t in waiting.items() if t <= horizon]
            if due and time.time() >= self._auth_failed_until:
                for task_id in due:
                    self._in_flight.add(task_id)
                self._spawn_background(self._poll(due))
            upcoming = [t for i, t in self._next_poll.items() if i not in self._in_flight]
            wait = min([next_rescan, next_heartbeat, *upcoming]) - loop.time()
            # Sleep until the next deadline or an early wake-up. (Not asyncio.wait_for: on Python 3.11
            # it can swallow a cancellation that races with the event being set, and aclose would hang.)
            self._wake.clear()
            timer = loop.call_later(max(0.01, wait), self._wake.set)
            try:
                await self._wake.wait()
            finally:
                timer.cancel()

    def _rescan(self) -> None:
        """Pick up rows changed by another process (a CLI submission) and leases it gave up."""
        self._rescans += 1
        changed = self.store.changed_since(self._last_seen_update)
        foreign = [r for r in changed if r.lease_owner != self.owner]
        if changed:
            self._last_seen_update = max(r.updated_at for r in changed)
        for record in foreign:
            self.sig_task_changed.emit(record.id)
        # A lease released by a process that quit does not touch the row, so look again now and then.
        if foreign or self._rescans % 5 == 0:
            self.resume()

    async def _poll(self, task_ids: list[int]) -> None:
        try:
            records = {i: r for i in task_ids if (r := self.store.get(i)) and r.needs_polling and r.server_id}
            for task_id in set(task_ids) - set(records):
                self._next_poll.pop(task_id, None)
            if not records:
                return
            by_server = {r.server_id: r.id for r in records.values()}
            # get_tasks batches several ids and asks a single one with a plain GET.
            outcome = await self.client.get_tasks(list(by_server))
            for server_id, result in outcome.items():
                task_id = by_server[server_id]
                if isinstance(result, EvoLinkError):
                    self._poll_failed(task_id, result)
                else:
                    self._not_found_strikes.pop(task_id, None)
                    self._apply_snapshot(task_id, result)
        except EvoLinkError as exc:  # a malformed batch reply: back off on all of them
            for task_id in task_ids:
                self._poll_failed(task_id, exc)
        finally:
            self._in_flight.difference_update(task_ids)
            self._wake.set()

    def poll_delay(self, record: TaskRecord) -> float:
        """Seconds until the next poll: starts at ``poll_interval``, grows with the task's age (a tenth
        of the elapsed time) and with the server's estimate of the time left, capped at the maximum."""
        elapsed = max(0.0, time.time() - (record.submitted_at or record.created_at))
        delay = max(self.poll_interval, elapsed / 10)
        if record.estimated_time:
            delay = max(delay, record.estimated_time / 6)
        return min(delay, self.max_poll_interval)

    def _schedule_poll(self, task_id: int, delay: float) -> None:
        if not self._closed:
            self._next_poll[task_id] = asyncio.get_running_loop().time() + delay
            self._wake.set()

    def _poll_failed(self, task_id: int, exc: EvoLinkError) -> None:
        record = self.store.get(task_id)
        if record is None:
            self._next_poll.pop(task_id, None)
            return
        delay = self.poll_delay(record)
        if exc.kind is ErrorKind.NOT_FOUND:
            strikes = self._not_found_strikes.get(task_id, 0) + 1
            self._not_found_strikes[task_id] = strikes
            if strikes >= 3:
                self._next_poll.pop(task_id, None)
                message = "EvoLink no longer knows this task (unknown or expired)."
                self.store.update(
                    task_id,
                    status=TaskStatus.FAILED,
                    error_code="task_not_found",
                    error_message=message,
                    finished_at=time.time(),
                )
                self.store.release(self.owner, task_id)
                self.sig_task_changed.emit(task_id)
                self.sig_task_failed.emit(task_id, message)
                return
        elif exc.kind is ErrorKind.AUTH:
            self._auth_failed_until = time.time() + 60
            self.sig_notice.emit(f"{exc.user_message} Polling paused for a minute.")
            delay = max(delay, 60.0)
        elif exc.retry_after is not None:
            delay = max(delay, exc.retry_after)
        else:
            delay = min(self.max_poll_interval, delay * 2)
        log.info("poll of task %s failed (%s); next in %.1fs", task_id, exc.kind, delay)
        self._schedule_poll(task_id, delay)

    def _apply_snapshot(self, task_id: int, snap: TaskSnapshot) -> None:
        record = self.store.get(task_id)
        if record is None:
            return
        now = time.time()
        values: dict[str, object] = {"status": snap.status}
        if snap.progress is not None:
            values["progress"] = 100 if snap.status == TaskStatus.COMPLETED else snap.progress
        elif snap.status == TaskStatus.COMPLETED:
            values["progress"] = 100
        if snap.estimated_time is not None:
            values["estimated_time"] = snap.estimated_time
        if snap.credits_reserved is not None:
            values["credits_reserved"] = snap.credits_reserved
        if snap.credits_used is not None:
            values["credits_used"] = snap.credits_used
        if snap.results:
            values["results"] = list(snap.results)
        if snap.status == TaskStatus.COMPLETED:
            values["completed_at"] = record.completed_at or now
            values["finished_at"] = record.finished_at or now
        elif snap.status in (TaskStatus.FAILED, TaskStatus.CANCELLED):
            values["finished_at"] = record.finished_at or now
            code = snap.error.code if snap.error else None
            message = snap.error.message if snap.error else None
            values["error_code"] = code or snap.status
            values["error_message"] = describe_task_failure(code, message)
        changed = any(getattr(record, k) != v for k, v in values.items() if k != "status") or (
            record.status != snap.status
        )
        if changed:
            record = self.store.update(task_id, **values) or record
            self.sig_task_changed.emit(task_id)
        if snap.status == TaskStatus.COMPLETED:
            self._next_poll.pop(task_id, None)
            if record.needs_download and task_id not in self._jobs:
                self._spawn_job(task_id, self._download(task_id))
        elif snap.status in (TaskStatus.FAILED, TaskStatus.CANCELLED):
            self._next_poll.pop(task_id, None)
            self.store.release(self.owner, task_id)
            self.sig_task_failed.emit(task_id, str(values["error_message"]))
        elif record.tracking:
            self._schedule_poll(task_id, self.poll_delay(record))

    # -- downloads ------------------------------------------------------------------------------

    async def _download(self, task_id: int) -> None:
        from happyhorse_desktop.tasks import downloader

        async with self._download_slots:
            record = self._require(task_id)
            if not record.needs_download:
                return
            # No link yet, or the last one failed: ask the server again (links may be re-issued).
            if not record.results or self._download_attempts.get(task_id):
                with contextlib.suppress(EvoLinkError):
                    if record.server_id:
                        snap = await self.client.get_task(record.server_id)
                        if snap.results:
                            record = self.store.update(task_id, results=list(snap.results)) or record
            if not record.results:
                self._download_later(
                    record,
                    EvoLinkError(
                        ErrorKind.BAD_REPLY, "the server reported the task completed but sent no video link"
                    ),
                )
                return
            final = (
                Path(record.download_path)
                if record.download_path
                else unique_video_path(
                    self.output_dir,
                    video_stem(
                        created_at=record.created_at,
                        prompt=record.prompt,
                        seed=record.seed,
                        task_id=record.server_id or str(record.id),
                    ),
                )
            )
            if not record.download_path:
                record = self.store.update(task_id, download_path=str(final)) or record
            last_percent = -1

            def progress(done: int, total: int | None) -> None:
                nonlocal last_percent
                percent = int(done * 100 / total) if total else -1
                if percent != last_percent:  # a signal per percent, not per chunk
                    last_percent = percent
                    self.sig_download_progress.emit(task_id, done, total or -1)

            try:
                size = await downloader.download_video(
                    record.results[0], final, proxy=self.proxy, on_progress=progress
                )
                sidecar = final.with_suffix(".json")
                downloader.write_sidecar(sidecar, self._sidecar(record, final))
            except EvoLinkError as exc:
                self._download_later(record, exc)
                return
            self.store.update(
                task_id,
                video_path=str(final),
                sidecar_path=str(sidecar),
                download_error=None,
                video_size=size,
            )
            self.store.release(self.owner, task_id)
            self._download_attempts.pop(task_id, None)
            self.sig_task_changed.emit(task_id)
            self.sig_task_completed.emit(task_id)

    def _download_later(self, record: TaskRecord, exc: EvoLinkError) -> None:
        completed_at = record.completed_at or time.time()
        if time.time() > completed_at + RESULT_LINK_LIFETIME:
            message = f"The 24-hour result link expired before the video was saved ({exc.detail})."
            self.store.update(record.id, status=TaskStatus.EXPIRED, download_error=message)
            self.store.release(self.owner, record.id)
            self.sig_task_changed.emit(record.id)
            self.sig_task_failed.emit(record.id, message)
            return
        attempts = self._download_attempts.get(record.id, 0) + 1
        self._download_attempts[record.id] = attempts
        delay = min(600.0, self.poll_interval * (2 ** min(attempts, 10)))
        if exc.kind is ErrorKind.DISK:
            delay = max(delay, min(60.0, self.poll_interval * 12))
        self._download_retry_at[record.id] = time.time() + delay
        self.store.update(record.id, download_error=f"Not saved yet: {exc.user_message}")
        self.sig_task_changed.emit(record.id)
        log.info("download of task %s failed (%s); retry in %.0fs", record.id, exc.kind, delay)

        async def later() -> None:
            await asyncio.sleep(delay)
            self._download_retry_at.pop(record.id, None)
            if record.id not in self._jobs and self._claim(record.id):
                self._spawn_job(record.id, self._download(record.id))

        self._spawn_background(later())

    def _sidecar(self, record: TaskRecord, video: Path) -> dict[str, object]:
        return {
            "app": "HappyHorse Desktop",
            "model": record.model,
            "prompt": record.prompt,
            "parameters": {"quality": record.quality, "duration": record.duration, "seed": record.seed},
            "seed": record.seed,
            "task_id": record.server_id,
            "local_id": record.id,
            "image": record.image_source if record.image_is_url else Path(record.image_source).name,
            "credits_reserved": credits_from_raw(record.credits_reserved),
            "credits_used": credits_from_raw(record.credits_used),
            "credits_raw": {"reserved": record.credits_reserved, "used": record.credits_used},
            "created_at": record.created_at,
            "completed_at": record.completed_at,
            "saved_at": time.time(),
            "video": video.name,
        }

    # -- helpers --------------------------------------------------------------------------------

    def _require(self, task_id: int) -> TaskRecord:
        record = self.store.get(task_id)
        if record is None:
            raise KeyError(f"no task {task_id}")
        return record

    def _claim(self, task_id: int) -> bool:
        dead = [o for o in self.store.lease_holders() if _owner_is_dead(o)]
        return self.store.claim(task_id, self.owner, self.lease_seconds, dead_owners=dead)

    def _forget(self, task_id: int) -> None:
        self._next_poll.pop(task_id, None)
        job = self._jobs.pop(task_id, None)
        if job is not None:
            job.cancel()

    def _spawn_job(self, task_id: int, coro: object) -> asyncio.Task[None]:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)  # type: ignore[arg-type]
        self._jobs[task_id] = task

        def done(t: asyncio.Task[None]) -> None:
            if self._jobs.get(task_id) is t:
                del self._jobs[task_id]
            if not t.cancelled() and t.exception() is not None:
                log.error("task %s: unexpected error", task_id, exc_info=t.exception())

        task.add_done_callback(done)
        return task

    def _spawn_background(self, coro: object) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)  # type: ignore[arg-type]
        self._background.add(task)

        def done(t: asyncio.Task[None]) -> None:
            self._background.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("background job failed", exc_info=t.exception())

        task.add_done_callback(done)


def snapshot_dict(record: TaskRecord) -> dict[str, object]:
    """A JSON-friendly view of a task for the CLI (never contains the key)."""
    data = asdict(record)
    data.pop("lease_owner", None)
    data.pop("lease_until", None)
    data.pop("idempotency_key", None)
    return data
