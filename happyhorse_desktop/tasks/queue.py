"""The batch queue: takes waiting in the history, sent by a scheduler that keeps at most N tasks running
and never lets spending pass a cap.

One scheduler runs in each process that runs the queue (the window, ``happyhorse-cli batch --wait``,
``queue run``); they share the queue through the history. Each round it asks
:meth:`.queue_claim.Claims.claim_next` — one transaction that checks the pause, the back-off gate,
the concurrency cap and the budgets, and claims the head of the queue with a lease — and hands the
claimed take to the engine's existing submission (:class:`.submission.Submitter`: upload, fenced
``submitting``, one POST). So every money-safety rule of a single submission holds for each take.

When the POST is refused:
- for a passing reason (429, 5xx, no connection before sending) the take goes back to its place in
  the queue and nothing is sent before a back-off (``Retry-After`` honoured) — see :meth:`take_back`;
- for lack of credits (402) or a refused key (401) it goes back too, and the queue pauses saying why;
- for its own fault (parameters, content) it is refused like any task, and the queue goes on.
An unknown outcome is never put back: the row stays *unknown*, exactly as for a single submission.

Queue takes stopped before their POST (the app closed mid-upload) return to the queue; when the queue
runs dry, one summary is announced; a command can run per saved video (:mod:`.after_video`), and a
watched folder can feed the queue (:mod:`.watch`).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.tasks import queue_messages
from happyhorse_desktop.tasks.after_video import run_after_video
from happyhorse_desktop.tasks.leases import Leases
from happyhorse_desktop.tasks.loops import Jobs
from happyhorse_desktop.tasks.params import InvalidSubmission, SubmitParams
from happyhorse_desktop.tasks.queue_claim import Claims
from happyhorse_desktop.tasks.queue_state import Gate, Pause, PauseKind, QueueSettings
from happyhorse_desktop.tasks.queue_store import Batch, Drained, QueueStore
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.runtime import RuntimeTable
from happyhorse_desktop.tasks.status import POLLABLE_STATUSES, TaskStatus
from happyhorse_desktop.tasks.watch import FolderWatch
from happyhorse_desktop.tasks.worker import EngineWorker
from happyhorse_desktop.tasks.writer import TaskWriter

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient

log = logging.getLogger(__name__)

ANNOUNCE_SLICE = 50  # new takes announced to the views per turn of the event loop
# Seconds between rounds (a slot freed by another process is seen this fast), with a little jitter so
# two processes running one queue do not fall into step and always find the other one first.
ROUND_REST, ROUND_JITTER = 0.5, 0.2
# While submissions with an unknown outcome may hold slots: how often the account's task list is read
# to count the running tasks linked to no row, and how long such a count is trusted.
ORPHAN_REFRESH, ORPHAN_FRESH = 3.0, 10.0
BACKOFF_BASE, BACKOFF_MAX = 2.0, 120.0  # seconds after the 1st transient refusal in a row; ceiling
RETRY_AFTER_MAX = 900.0  # a longer Retry-After is capped (the user can always pause)
_TRANSIENT = frozenset({ErrorKind.RATE_LIMITED, ErrorKind.SERVER, ErrorKind.NETWORK})
_PAUSING = {ErrorKind.INSUFFICIENT_CREDITS: PauseKind.CREDITS, ErrorKind.AUTH: PauseKind.KEY}


class _Signal(Protocol):
    def emit(self, *args: Any) -> None: ...


class QueueSignals(Protocol):
    """The task manager's signals the queue emits."""

    sig_queue_changed: _Signal
    sig_queue_drained: _Signal
    sig_notice: _Signal


@dataclass(frozen=True)
class QueueState:
    """The queue at a glance (the panel's header, ``queue list``)."""

    queued: int
    running: int
    settings: QueueSettings
    pause: Pause | None
    retry_at: float | None  # the back-off gate, while it is closed
    spent_today: float

    @property
    def paused(self) -> bool:
        return self.pause is not None


def backoff(refusals: int, base: float = BACKOFF_BASE) -> float:
    return min(BACKOFF_MAX, base * 2 ** max(0, refusals - 1))


class BatchQueue(EngineWorker):
    def __init__(
        self,
        writer: TaskWriter,
        leases: Leases,
        runtime: RuntimeTable,
        jobs: Jobs,
        send: Callable[[int], object],
        signals: QueueSignals,
        client: Callable[[], EvoLinkClient],
    ) -> None:
        super().__init__(writer, runtime, client)
        self.sql = QueueStore(writer.store)
        self.claims = Claims(self.sql)
        self.leases = leases
        self.jobs = jobs
        self._send = send  # starts the engine's submission of a take this process has claimed
        self.signals = signals
        self._orphans: tuple[float, int] | None = None  # (when listed, running tasks linked to no row)
        self._listing: asyncio.Task[None] | None = None
        self._listing_unsupported = False
        self.wake = asyncio.Event()
        self.backoff_base = BACKOFF_BASE  # tests shorten it
        self.watch = FolderWatch(self.sql, self._announce_added, signals.sig_notice.emit)

    # -- composing (the window's batch composer, ``happyhorse-cli batch``) --------------------------

    def enqueue(
        self,
        takes: Sequence[SubmitParams],
        *,
        name: str = "",
        budget: float | None = None,
        origin: str = "app",
    ) -> tuple[Batch, list[int]]:
        """Queue a new batch (one transaction). Raises :class:`InvalidSubmission` when a take breaks a
        rule of the model — callers validate first (files included); this is the last guard."""
        for number, take in enumerate(takes, 1):
            problems = take.problems()
            if problems:
                raise InvalidSubmission(f"#{number}: " + " ".join(problems))
        batch, ids = self.sql.enqueue(takes, name=name, budget=budget if budget else None, origin=origin)
        self._announce_added(ids)
        return batch, ids

    def _announce_added(self, ids: list[int]) -> None:
        """Tell the views about new takes — a thousand of them in slices, one slice per turn of the
        event loop, so the window keeps breathing while its lists take them in."""
        for task_id in ids[:ANNOUNCE_SLICE]:
            self.writer.signals.sig_task_added.emit(task_id)
        rest = ids[ANNOUNCE_SLICE:]
        if rest:
            try:
                asyncio.get_running_loop().call_soon(self._announce_added, rest)
                return
            except RuntimeError:  # no event loop (plain code): announce them all now
                self._announce_added(rest)
                return
        self._changed()

    # -- the user's controls ------------------------------------------------------------------------

    def state(self, now: float | None = None) -> QueueState:
        now = time.time() if now is None else now
        gate = self.sql.gate()
        return QueueState(
            queued=self.sql.queued_count(),
            running=self.claims.running_count(now, self._orphans_running(now)),
            settings=self.sql.settings(),
            pause=self.sql.pause(),
            retry_at=gate.retry_at if gate.retry_at > now else None,
            spent_today=self.sql.spent_today(now),
        )

    def pause(self) -> None:
        if self.sql.pause() is None:
            self.sql.set_pause(Pause(PauseKind.USER, time.time()))
        self._changed()

    def resume(self) -> None:
        """Send again: lifts a pause (whatever caused it) and the back-off gate. A cap that still
        does not fit pauses the queue again at once, saying so."""
        self.sql.set_pause(None)
        self.sql.set_gate(Gate())
        self._changed()

    def save_settings(self, settings: QueueSettings) -> None:
        self.sql.save_settings(settings)
        self._changed()

    def set_batch_budget(self, batch_id: int, budget: float | None) -> None:
        self.store.connection.execute(
            "UPDATE batches SET budget_credits = ? WHERE id = ?", (budget if budget else None, batch_id)
        )
        self._changed()

    def reorder(self, ids: Sequence[int]) -> None:
        self.sql.reorder(ids)
        self._announce(ids)

    def move_to_top(self, ids: Sequence[int]) -> None:
        self.sql.move_to_top(ids)
        self._announce(ids)

    def edit(self, task_id: int, take: SubmitParams) -> bool:
        """Change a queued take; False when it has already left the queue (being sent)."""
        problems = take.problems()
        if problems:
            raise InvalidSubmission(" ".join(problems))
        edited = self.sql.edit(task_id, take)
        if edited:
            self._announce([task_id])
        return edited

    def remove(self, ids: Sequence[int] | None = None) -> list[int]:
        """Remove queued takes (all when ``ids`` is None): their rows are deleted; nothing was sent."""
        removed = self.sql.remove_queued(ids)
        for task_id in removed:
            self.writer.signals.sig_task_removed.emit(task_id)
        self._changed()
        return removed

    def dismiss(self, ids: Sequence[int]) -> list[int]:
        dismissed = self.sql.dismiss(ids)
        self._announce(dismissed)
        return dismissed

    def retry_candidates(self, ids: Sequence[int] | None = None) -> list[TaskRecord]:
        return self.sql.retry_candidates(ids)

    def retry(self, records: Sequence[TaskRecord], origin: str = "app") -> list[int]:
        """Queue new paid takes with these takes' settings (the caller has confirmed the total)."""
        new_ids = self.sql.retry(records, origin)
        self._announce([r.id for r in records])
        self._announce_added(new_ids)
        return new_ids

    def _announce(self, ids: Sequence[int]) -> None:
        for task_id in ids:
            self.writer.announce(task_id)
        self._changed()

    def _changed(self) -> None:
        self.wake.set()
        self.signals.sig_queue_changed.emit()

    # -- the scheduler ------------------------------------------------------------------------------

    async def round(self) -> float:
        """Send what the caps allow; returns how long to rest (a change in the queue cuts it short)."""
        requeued = self.sql.requeue_interrupted()
        if requeued:
            log.info("%d queued take(s) stopped before sending are back in the queue", len(requeued))
            self._announce(requeued)
        self.sql.retire_saved()
        now = time.time()
        if self.watch.due(now):
            self.watch.started(self.jobs.spawn(self.watch.scan(), "watched folder"))
        self._look_for_orphans(now)
        while self.claims.may_claim(now, self._orphans_running(now)):
            decision = self.claims.claim_next(
                self.leases.owner, self.leases.seconds, now, self._orphans_running(now)
            )
            if decision.pause is not None and decision.new_pause:
                log.info("queue paused: %s", decision.pause.kind)
                self.signals.sig_notice.emit(queue_messages.pause_text(decision.pause))
                self.signals.sig_queue_changed.emit()
            if decision.task_id is None:
                break
            self.runtime.hold(decision.task_id, decision.token)
            self.writer.announce(decision.task_id)
            self._send(decision.task_id)
            self.signals.sig_queue_changed.emit()
            now = time.time()
        drained = self.sql.take_drained()
        if drained is not None:
            self._drained(drained)
        return ROUND_REST * random.uniform(1 - ROUND_JITTER, 1 + ROUND_JITTER)

    # -- submissions with an unknown outcome: are their tasks still running? -----------------------

    def _orphans_running(self, now: float) -> int | None:
        """Running tasks of the account linked to no row, from a recent look at its task list (None:
        no such look; every unknown submission then holds its slot for a while)."""
        if self._orphans is not None and now - self._orphans[0] < ORPHAN_FRESH:
            return self._orphans[1]
        return None

    def _look_for_orphans(self, now: float) -> None:
        if self._listing_unsupported or (self._listing is not None and not self._listing.done()):
            return
        if self._orphans is not None and now - self._orphans[0] < ORPHAN_REFRESH:
            return
        if self.claims.unknown_blocking(now):
            self._listing = self.jobs.spawn(self._count_orphans(), "count tasks of unknown submissions")

    async def _count_orphans(self) -> None:
        asked = time.time()
        try:
            tasks = await self._client().list_recent_tasks(100)
        except EvoLinkError as exc:
            if exc.status in (404, 405):
                log.info("the account's task list is not available; unknown submissions hold their slots")
                self._listing_unsupported = True
            return
        running = [t for t in tasks if TaskStatus.from_server(t.status) in POLLABLE_STATUSES]
        orphans = sum(1 for t in running if self.store.get_by_server_id(t.id) is None)
        self._orphans = (asked, orphans)
        self.wake.set()

    def _drained(self, drained: Drained) -> None:
        log.info("queue drained: %d done, %d failed", drained.done, drained.failed)
        if drained.last_task is not None:
            self.signals.sig_queue_drained.emit(queue_messages.drained_text(drained), drained.last_task)
        self.signals.sig_queue_changed.emit()

    # -- what the submission reports ----------------------------------------------------------------

    def take_back(self, task_id: int, exc: EvoLinkError) -> bool:
        """A queue take's upload or POST was refused *before* EvoLink created anything: put it back in
        the queue when the reason passes (back-off) or calls for a pause (402, 401). False: not a queue
        take, or refused for its own fault — the caller refuses it as usual."""
        record = self.store.get(task_id)
        if record is None or record.batch_id is None:
            return False
        pausing = _PAUSING.get(exc.kind)
        if exc.kind not in _TRANSIENT and pausing is None:
            return False
        now = time.time()
        retry_at: float | None = None
        if pausing is not None:
            self.sql.set_pause(Pause(pausing, now, detail=exc.summary))
        else:
            refusals = self.sql.gate().refusals + 1
            delay = exc.retry_after if exc.retry_after is not None else backoff(refusals, self.backoff_base)
            retry_at = now + min(RETRY_AFTER_MAX, max(0.0, delay))
            self.sql.set_gate(Gate(retry_at, refusals))
        written = self.writer.update(
            task_id,
            status=TaskStatus.QUEUED,
            not_before=retry_at,
            submitted_at=None,
            error_code=exc.code or exc.kind.value,
            error_message=queue_messages.back_in_queue(exc.summary + ".", retry_at),
        )
        if written is not None:
            self.leases.release(task_id)
            self.runtime.forget(task_id)
        log.info("task %s: %s; back in the queue", task_id, exc.kind)
        if pausing is not None:
            self.signals.sig_notice.emit(queue_messages.pause_text(Pause(pausing, now, detail=exc.summary)))
        self._changed()
        return True

    def sent(self, task_id: int) -> None:
        """EvoLink created a task: transient refusals are over, the back-off starts afresh."""
        if self.sql.gate().refusals:
            self.sql.set_gate(Gate())

    def video_saved(self, task_id: int) -> None:
        """A video was saved by this process: run the user's command for it if it is a queue take."""
        command = self.sql.settings().on_finish.strip()
        record = self.store.get(task_id)
        if command and record is not None and record.batch_id is not None and record.video_path:
            self.jobs.spawn(run_after_video(command, record), f"command after task {task_id}")
