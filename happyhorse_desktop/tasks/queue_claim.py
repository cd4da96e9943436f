"""The one decision of the batch queue that must hold across processes: *may another take be sent now,
and which one?*

:meth:`Claims.claim_next` is one write transaction (``BEGIN IMMEDIATE``): it reads the pause, the
back-off gate, the tasks holding a concurrency slot and the spending, checks the caps, and — when they
allow — hands the head of the queue to the caller with a lease and a fencing token. A second process
asking at the same moment waits for the lock and then sees that take already counted, so neither the
concurrency cap nor a budget can be passed by two processes deciding together. Qt-free.

A slot is held by every tracked task being sent or running on EvoLink (queued or not), and by a
submission whose outcome is unknown — EvoLink may be running it. How many of those still run is learnt
from the account's task list when it can be read (``orphans``: running tasks linked to no row; see
:meth:`.queue.BatchQueue`); otherwise each holds its slot for twice the longest run of the last day's
tasks (``UNKNOWN_HOLD_DEFAULT`` without one), within ``UNKNOWN_HOLD_MIN``…``UNKNOWN_HOLD_MAX`` seconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from happyhorse_desktop.tasks.budget import estimate, spent_in_batch, spent_today
from happyhorse_desktop.tasks.queue_state import Pause, PauseKind, QueueSettings
from happyhorse_desktop.tasks.queue_store import QUEUED, QueueStore
from happyhorse_desktop.tasks.record import TaskRecord, record_from_row
from happyhorse_desktop.tasks.status import RUNNING_STATUSES, TaskStatus, sql_list

CAP_SLACK = 1e-6  # credits: rounding never pauses a queue that fits its cap exactly
UNKNOWN_HOLD_MIN, UNKNOWN_HOLD_DEFAULT, UNKNOWN_HOLD_MAX = 60.0, 600.0, 1800.0
DAY = 86400.0
_RUNNING = f"status IN ({sql_list(RUNNING_STATUSES)}) AND tracking = 1"


@dataclass(frozen=True)
class Decision:
    """What :meth:`Claims.claim_next` decided."""

    task_id: int | None = None  # claimed: send it (this process holds it with ``token``)
    token: int = 0
    pause: Pause | None = None  # the queue is paused (``new_pause``: by this very decision)
    new_pause: bool = False


class Claims:
    def __init__(self, queue: QueueStore) -> None:
        self.queue = queue
        self.db = queue.db

    def running_count(self, now: float, orphans: int | None = None) -> int:
        """Tasks holding a concurrency slot (see the module's docstring)."""
        tracked = self.db.execute(f"SELECT COUNT(*) FROM tasks WHERE {_RUNNING}").fetchone()[0]
        since = now - (DAY if orphans is not None else self._unknown_hold(now))
        unknown = self.db.execute(
            f"SELECT COUNT(*) FROM tasks WHERE status = '{TaskStatus.UNKNOWN.value}' "
            "AND server_id IS NULL AND submitted_at > ?",
            (since,),
        ).fetchone()[0]
        return int(tracked) + (int(unknown) if orphans is None else min(int(unknown), orphans))

    def unknown_blocking(self, now: float) -> bool:
        """Whether submissions with an unknown outcome are what keeps the next queued take from being
        sent (only then is it worth reading the account's task list to count them)."""
        if self.db.execute(f"SELECT 1 FROM tasks WHERE status = {QUEUED} LIMIT 1").fetchone() is None:
            return False
        if self.queue.pause() is not None or self.queue.gate().retry_at > now:
            return False
        tracked = self.db.execute(f"SELECT COUNT(*) FROM tasks WHERE {_RUNNING}").fetchone()[0]
        limit = self.queue.settings().concurrency
        return int(tracked) < limit <= self.running_count(now)

    def _unknown_hold(self, now: float) -> float:
        longest = self.db.execute(
            "SELECT MAX(completed_at - submitted_at) FROM tasks "
            f"WHERE submitted_at > ? AND status = '{TaskStatus.COMPLETED.value}'",
            (now - DAY,),
        ).fetchone()[0]
        hold = 2 * float(longest) if longest else UNKNOWN_HOLD_DEFAULT
        return min(UNKNOWN_HOLD_MAX, max(UNKNOWN_HOLD_MIN, hold))

    def may_claim(self, now: float, orphans: int | None = None) -> bool:
        """A cheap look without the write lock: could :meth:`claim_next` hand out a take right now?"""
        if self.db.execute(f"SELECT 1 FROM tasks WHERE status = {QUEUED} LIMIT 1").fetchone() is None:
            return False
        pause = self.queue.pause()
        if pause is not None and not lifts(pause, now):
            return False
        if self.queue.gate().retry_at > now:
            return False
        return self.running_count(now, orphans) < self.queue.settings().concurrency

    def claim_next(
        self, owner: str, lease_seconds: float, now: float, orphans: int | None = None
    ) -> Decision:
        """Decide and claim in one transaction (see the module's docstring)."""
        with self.queue.store.immediate() as db:
            pause = self.queue.pause()
            if pause is not None:
                if not lifts(pause, now):
                    return Decision(pause=pause)
                self.queue.set_pause(None)  # a new day under a daily cap
            settings = self.queue.settings()
            if self.queue.gate().retry_at > now or self.running_count(now, orphans) >= settings.concurrency:
                return Decision()
            head = db.execute(
                f"SELECT * FROM tasks WHERE status = {QUEUED} AND (not_before IS NULL OR not_before <= ?) "
                "ORDER BY queue_position, id LIMIT 1",
                (now,),
            ).fetchone()
            if head is None:
                return Decision()
            take = record_from_row(head)
            over = self._over_a_cap(take, settings, now)
            if over is not None:
                self.queue.set_pause(over)
                return Decision(pause=over, new_pause=True)
            token = db.execute(
                f"UPDATE tasks SET status = '{TaskStatus.UPLOADING.value}', lease_owner = ?, "
                "lease_until = ?, lease_token = lease_token + 1, not_before = NULL, error_code = NULL, "
                f"error_message = NULL, updated_at = ? WHERE id = ? AND status = {QUEUED} "
                "RETURNING lease_token",
                (owner, now + lease_seconds, now, take.id),
            ).fetchone()
            return Decision(task_id=take.id, token=int(token[0])) if token else Decision()

    def _over_a_cap(self, take: TaskRecord, settings: QueueSettings, now: float) -> Pause | None:
        """The pause a cap calls for if this take were sent now, or None when every cap allows it."""
        needed = estimate(take.model, take.quality, take.duration, take.input_seconds)
        if settings.daily_cap is not None:
            spent = spent_today(self.db, now)
            if spent + needed > settings.daily_cap + CAP_SLACK:
                day = time.strftime("%Y-%m-%d", time.localtime(now))
                return Pause(
                    PauseKind.DAILY_CAP, now, cap=settings.daily_cap, spent=spent, needed=needed, day=day
                )
        batch = self.queue.batch(take.batch_id) if take.batch_id is not None else None
        if batch is not None and batch.budget is not None:
            spent = spent_in_batch(self.db, batch.id)
            if spent + needed > batch.budget + CAP_SLACK:
                return Pause(
                    PauseKind.BATCH_CAP, now, cap=batch.budget, spent=spent, needed=needed, batch=batch.name
                )
        return None


def lifts(pause: Pause, now: float) -> bool:
    """A pause for the daily cap ends with its day; every other pause waits for the user."""
    today = time.strftime("%Y-%m-%d", time.localtime(now))
    return pause.kind is PauseKind.DAILY_CAP and bool(pause.day) and pause.day != today
