"""``TaskManager``: the engine's front door — the one object the window and the CLI talk to.

It owns the signals and composes one module per job: :mod:`.submission` (upload and POST),
:mod:`.polling` (following running tasks), :mod:`.downloads` (saving videos), :mod:`.reconcile`
(finding the tasks of unknown submissions), :mod:`.leases` and :mod:`.work_taking` (sharing a history
between processes, taking over what a stopped one left). All writes go through
:class:`.writer.TaskWriter`, so a change and its signal are one call. The money-safety rules are in
docs/architecture.md.

The manager is a ``QObject`` only for its signals (QtCore, no widgets); it runs on any asyncio loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from happyhorse_desktop.api.errors import EvoLinkError
from happyhorse_desktop.api.models import TaskSnapshot
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.tasks import messages
from happyhorse_desktop.tasks.downloads import Downloads
from happyhorse_desktop.tasks.leases import Leases
from happyhorse_desktop.tasks.loops import Jobs, supervise
from happyhorse_desktop.tasks.params import InvalidSubmission, SubmitParams
from happyhorse_desktop.tasks.polling import Poller
from happyhorse_desktop.tasks.queue import BatchQueue
from happyhorse_desktop.tasks.reconcile import Reconciler
from happyhorse_desktop.tasks.record import TaskRecord, can_retry_download, is_url
from happyhorse_desktop.tasks.runtime import RuntimeTable
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.tasks.submission import CLOSE_WAIT, Submitter
from happyhorse_desktop.tasks.uploads import Uploader
from happyhorse_desktop.tasks.work_taking import Adoption, WorkTaking
from happyhorse_desktop.tasks.writer import TaskWriter

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient
    from happyhorse_desktop.net.connectivity import ConnectivityMonitor
    from happyhorse_desktop.tasks.download_network import DownloadNetwork

log = logging.getLogger(__name__)


@dataclass
class EngineSettings:
    """The engine's tunables, shared by its modules (changing one applies at once)."""

    output_dir: Path
    poll_interval: float = 5.0
    max_poll_interval: float = 30.0
    download_network: DownloadNetwork | None = None  # how downloads reach the CDN (None: system settings)


class TaskManager(QObject, WorkTaking):
    sig_task_added = Signal(int)
    """A task row was created (local id)."""
    sig_task_changed = Signal(int)
    """Anything about a task changed: status, progress, credits, files (local id)."""
    sig_task_removed = Signal(int)
    """A task was removed from the history (local id)."""
    sig_task_completed = Signal(int)
    """A task's video is saved on disk (local id)."""
    sig_task_failed = Signal(int, str)
    """A task ended without a video: failed, rejected, unknown, interrupted or expired (local id, message)."""
    sig_upload_progress = Signal(int, int, int)
    """Upload progress of a task's inputs (local id, bytes sent, total bytes)."""
    sig_download_progress = Signal(int, int, int)
    """Video download progress (local id, bytes received, total bytes or -1)."""
    sig_history_reloaded = Signal()
    """Many rows changed at once (a bulk check): views reload what they show."""
    sig_notice = Signal(str)
    """A message for the status bar that concerns the app rather than one task (e.g. key refused)."""
    sig_queue_changed = Signal()
    """The batch queue changed: takes queued, sent or reordered, paused or resumed (and why), settings."""
    sig_queue_drained = Signal(str, int)
    """The batch queue ran dry: a one-line summary (done, failed, credits spent), its last take's id."""

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
        preflight: Callable[[], str | None] = lambda: None,
        origin: str = "app",
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = EngineSettings(output_dir, poll_interval, max(max_poll_interval, poll_interval))
        self.rescan_interval = rescan_interval
        self.origin = origin
        self._client = client
        self._preflight = preflight
        self.leases = Leases(store, lease_seconds)
        self.runtime = RuntimeTable()
        self.jobs = Jobs()
        self.writer = TaskWriter(store, self, self.runtime, self.leases)
        self.submitter = Submitter(self.writer, Uploader(store, client), client, self)
        self.downloads = Downloads(
            self.writer,
            self.runtime,
            client,
            self.settings,
            self.jobs,
            progress=self.sig_download_progress.emit,
            max_downloads=max_downloads,
        )
        self.poller = Poller(
            self.writer,
            self.runtime,
            client,
            self.settings,
            self.jobs,
            on_completed=self.downloads.start,
            notice=self.sig_notice.emit,
            let_go=self._let_go,
        )
        self.reconciler = Reconciler(
            self.writer, self.runtime, self.leases, client, on_linked=self.poller.apply
        )
        # The batch queue (its own module); ``manager.queue`` is its front door for the window and the CLI.
        self.queue = BatchQueue(self.writer, self.leases, self.runtime, self.jobs, self._send, self, client)
        self.sig_task_completed.connect(self.queue.video_saved)
        self.adoption = Adoption.ALL
        self.connectivity: ConnectivityMonitor | None = None
        self._loops: list[asyncio.Task[None]] = []
        self._last_seen_update = 0.0
        self._rescans = 0
        self._closed = False

    # -- settings -------------------------------------------------------------------------------

    @property
    def owner(self) -> str:
        return self.leases.owner

    @property
    def lease_seconds(self) -> float:
        return self.leases.seconds

    @lease_seconds.setter
    def lease_seconds(self, seconds: float) -> None:
        self.leases.seconds = seconds

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return bool(self._loops)

    def start(self, adoption: Adoption = Adoption.ALL, *, run_queue: bool | None = None) -> None:
        """Take over unfinished work and start polling — and sending queued takes when ``run_queue``
        (default: when adopting all work, as the window does). Call with the event loop running or about
        to."""
        if self._loops or self._closed:
            return
        self.adoption = adoption
        self._last_seen_update = self.store.max_updated_at()
        self._loops = [
            self.jobs.spawn(supervise("polling", self.poller.round, wake=self.poller.wake), "polling loop"),
            self.jobs.spawn(supervise("leases", self._leases_round), "lease loop"),
        ]
        self.adopt_unowned_work()
        run_queue = adoption is Adoption.ALL if run_queue is None else run_queue
        self.jobs.spawn(self._after_start(run_queue), "start-up checks")

    async def _after_start(self, run_queue: bool) -> None:
        try:
            await self.verify_saved_videos()
            await self.reconciler.run()
        finally:
            # The queue sends once the start-up checks are done: unknown submissions left by a crash
            # are looked for on the server before new POSTs (none is linked while one is on the wire).
            if run_queue and not self._closed:
                queue = supervise("queue", self.queue.round, wake=self.queue.wake)
                self._loops.append(self.jobs.spawn(queue, "queue loop"))

    async def aclose(self) -> None:
        """Stop all background work and release this process's leases (the store stays open).

        A POST already on the wire is first given up to ``CLOSE_WAIT`` seconds to be answered, so the
        task it created is recorded; an upload not yet sent is kept *interrupted*."""
        if self._closed:
            return
        self._closed = True
        for loop in self._loops:
            loop.cancel()
        self.submitter.stop_preparing()  # nothing new goes out once closing has begun
        await self.submitter.wait_for_posts(CLOSE_WAIT)
        await self.jobs.cancel_all()
        with contextlib.suppress(Exception):
            self.leases.release()

    async def wait_idle(self, timeout: float | None = None) -> None:
        """Wait until no held task needs polling, sending or saving (used by the CLI and tests)."""

        async def idle() -> None:
            while self.runtime.any_busy():
                await asyncio.sleep(0.02)

        await asyncio.wait_for(idle(), timeout)

    # -- user actions ---------------------------------------------------------------------------

    async def submit(self, params: SubmitParams) -> TaskRecord:
        """Validate, write the row, upload, POST. Returns the row as it stands afterwards.

        Raises :class:`InvalidSubmission` (nothing written) when the input breaks a rule or no usable
        API key is set.
        """
        problems = params.problems()
        for problem in (self._preflight(), self.store.gone()):
            if problem:
                problems.append(problem)
        for source in (*params.images, *([params.video] if params.video else [])):
            if not is_url(source) and not Path(source).is_file():
                problems.append(
                    translate("Validation", "The file {name} does not exist.").format(
                        name=repr(Path(source).name)
                    )
                )
        if problems:
            raise InvalidSubmission(" ".join(problems))
        record = self.writer.add(
            **params.row_values(),
            idempotency_key=uuid.uuid4().hex,
            status=TaskStatus.UPLOADING,
            origin=self.origin,
        )
        job = self._send(record.id)
        await asyncio.shield(job)
        return self.store.get(record.id) or record

    def _send(self, task_id: int) -> asyncio.Task[None]:
        state = self.runtime.get(task_id)
        assert state is not None, "a row is sent only by the process that holds it"
        state.job = self.jobs.spawn(self.submitter.send(task_id), f"send task {task_id}")
        return state.job

    def params_of(self, task_id: int) -> SubmitParams:
        """The parameters an earlier task was made with."""
        return SubmitParams.of(self._require(task_id))

    async def stop_tracking(self, task_id: int) -> str:
        record = self._require(task_id)
        asked = bool(record.server_id) and await self._client().cancel_task(record.server_id or "")
        self.runtime.forget(task_id)
        self.leases.release(task_id)
        self.writer.user_update(task_id, tracking=False)
        return messages.cancellation_requested() if asked else messages.stop_tracking()

    def resume_tracking(self, task_id: int) -> None:
        self.writer.user_update(task_id, tracking=True)
        self._take(task_id)

    def retry_download(self, task_id: int) -> None:
        record = self._require(task_id)
        if can_retry_download(record):
            self.writer.user_update(task_id, status=TaskStatus.COMPLETED, tracking=True, download_error=None)
            self.downloads.reset_retries(task_id)
            self._take(task_id)

    def send_interrupted(self, task_id: int) -> asyncio.Task[None] | None:
        """ "Submit now" on a row interrupted before it was sent: the sending job (await it to know the
        POST was answered), or None when the row is not interrupted or another process holds it."""
        record = self._require(task_id)
        if record.status != TaskStatus.INTERRUPTED:
            return None
        claim = self.leases.claim(task_id)
        if claim is None:
            return None
        self.runtime.hold(task_id, claim.token)
        if (
            self.writer.update(task_id, status=TaskStatus.UPLOADING, error_code=None, error_message=None)
            is None
        ):
            return None
        return self._send(task_id)

    def remove(self, task_id: int, *, delete_files: bool = False) -> bool:
        """Remove a task from the history (and its files when asked). Refused (False) while its request
        may be on its way: the answer must find its row, or a billed task would be in none."""
        record = self._require(task_id)
        if not self.writer.remove(task_id):
            return False
        self.leases.release(task_id)
        doomed = [record.video_path, record.sidecar_path] if delete_files else []
        if record.download_path:  # a download cut short by the removal leaves its partial file behind
            final = Path(record.download_path)
            doomed += [str(p) for p in final.parent.glob(f"{glob.escape(final.name)}*.part")]
        for name in doomed:
            if name:
                with contextlib.suppress(OSError):
                    Path(name).unlink()
        return True

    async def reconcile_unknown(self, delay: float = 0.0) -> int:
        return await self.reconciler.run(delay)

    async def verify_saved_videos(self) -> int:
        """Check the saved videos; returns how many were missing. Views reload once rather than being
        told about each row (a moved folder can affect the whole history)."""
        outcome = await self.downloads.verify_saved()
        for folder in outcome.unreachable:
            self.sig_notice.emit(messages.videos_folder_unreachable(folder))
        if outcome.broken:
            self._last_seen_update = self.store.max_updated_at()
            self.sig_history_reloaded.emit()
            self.adopt_unowned_work()
        return outcome.broken

    def attach_connectivity(self, monitor: ConnectivityMonitor) -> None:
        """Back off while the network is gone and pick everything up the moment it returns: polls wait
        for the network instead of failing one by one, downloads and sends wait instead of counting
        failures, and nothing turns *failed* because of an outage."""
        self.connectivity = monitor
        self.poller.connectivity = monitor
        self.downloads.connectivity = monitor
        self.submitter.connectivity = monitor
        monitor.sig_online_changed.connect(self._online_changed)

    def _online_changed(self, online: bool, _reason: str) -> None:
        if online and self._loops:
            self.poller.poll_all_now()

    # -- events from the modules ----------------------------------------------------------------

    def upload_progress(self, task_id: int, sent: int, total: int) -> None:
        self.sig_upload_progress.emit(task_id, sent, total)

    def notice(self, text: str) -> None:
        self.sig_notice.emit(text)

    def created(self, task_id: int, snapshot: TaskSnapshot) -> None:
        self.queue.sent(task_id)
        self.poller.apply(task_id, snapshot)

    def unknown(self, task_id: int) -> None:
        self._reconcile_soon()

    def taken_back(self, task_id: int, exc: EvoLinkError) -> bool:
        return self.queue.take_back(task_id, exc)

    # -- helpers --------------------------------------------------------------------------------

    def _require(self, task_id: int) -> TaskRecord:
        record = self.store.get(task_id)
        if record is None:
            raise KeyError(f"no task {task_id}")
        return record
