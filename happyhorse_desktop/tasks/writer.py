"""The one write path of the engine: a store change and its signal happen in one call.

Writes made by background work are *fenced*: they prove, in the same statement, that this process
still holds the task's lease with the token it claimed it with. A write that finds the task taken over
(this process was paused past its lease, say) writes nothing, drops the task from this process's work
and returns None — the caller stops quietly. The terminal transitions (done, failed, rejected, unknown,
interrupted, expired) are one method each, so every one of them writes, releases and signals alike.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Protocol

from happyhorse_desktop.tasks import messages
from happyhorse_desktop.tasks.leases import Leases
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.runtime import RuntimeTable
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

log = logging.getLogger(__name__)


class _Signal(Protocol):
    def emit(self, *args: Any) -> None: ...


class TaskSignals(Protocol):
    """The signals the writer emits (the task manager's)."""

    sig_task_added: _Signal
    sig_task_changed: _Signal
    sig_task_removed: _Signal
    sig_task_completed: _Signal
    sig_task_failed: _Signal


class TaskWriter:
    def __init__(self, store: TaskStore, signals: TaskSignals, runtime: RuntimeTable, leases: Leases) -> None:
        self.store = store
        self.signals = signals
        self.runtime = runtime
        self.leases = leases

    # -- plain writes ---------------------------------------------------------------------------

    def add(self, **values: Any) -> TaskRecord:
        """Write a new row, leased to this process (token 1), and announce it."""
        record = self.store.add(
            **values,
            lease_owner=self.leases.owner,
            lease_until=time.time() + self.leases.seconds,
            lease_token=1,
        )
        self.runtime.hold(record.id, record.lease_token)
        self.signals.sig_task_added.emit(record.id)
        return record

    def update(self, task_id: int, **values: Any) -> TaskRecord | None:
        """A fenced write by this process's work on a task it holds; None when the task is no longer
        ours (nothing written, the task dropped from our work)."""
        state = self.runtime.get(task_id)
        if state is None:
            log.debug("task %s: write skipped, not held by this process", task_id)
            return None
        record = self.store.update_fenced(
            task_id, self.leases.owner, state.token, self.leases.seconds, **values
        )
        if record is None:
            log.info("task %s: taken over by another process; this one stops working on it", task_id)
            self.runtime.forget(task_id)
            return None
        self.signals.sig_task_changed.emit(task_id)
        return record

    def user_update(self, task_id: int, **values: Any) -> TaskRecord | None:
        """A write the user asked for (stop tracking, retry, star…): no lease needed."""
        record = self.store.update(task_id, **values)
        if record is not None:
            self.signals.sig_task_changed.emit(task_id)
        return record

    def remove(self, task_id: int) -> bool:
        """Remove a row (not while its request may be on its way); False when it was refused."""
        if not self.store.remove(task_id):
            return False
        self.runtime.forget(task_id)
        self.signals.sig_task_removed.emit(task_id)
        return True

    def announce(self, task_id: int) -> None:
        """Another process changed a row: tell the views."""
        self.signals.sig_task_changed.emit(task_id)

    def record_server_id(self, task_id: int, server_id: str, **values: Any) -> TaskRecord | None:
        """The server's id from this row's own POST answer (see ``TaskStore.record_server_id``)."""
        state = self.runtime.get(task_id)
        token = state.token if state is not None else -1
        outcome = self.store.record_server_id(
            task_id, self.leases.owner, token, server_id, messages.unlinked_by_mistake(task_id), **values
        )
        if outcome is None:
            log.warning("task %s: its server id %s arrived after the row was taken over", task_id, server_id)
            self.runtime.forget(task_id)
            return None
        if outcome.conflict_with is not None:
            log.warning(
                "task %s: EvoLink answered with %s, task %s's id", task_id, server_id, outcome.conflict_with
            )
            self.mark_unknown(task_id, messages.answer_names_another_task(server_id, outcome.conflict_with))
            return None
        if outcome.unlinked is not None:
            log.warning(
                "task %s: server id %s was linked to row %s by mistake; moved",
                task_id,
                server_id,
                outcome.unlinked,
            )
            self.runtime.forget(outcome.unlinked)
            self.signals.sig_task_changed.emit(outcome.unlinked)
        self.signals.sig_task_changed.emit(task_id)
        return outcome.record

    # -- terminal transitions -------------------------------------------------------------------

    def _finish(self, task_id: int, failure: str | None, **values: Any) -> TaskRecord | None:
        record = self.update(task_id, **values)
        if record is None:
            return None
        self.leases.release(task_id)
        self.runtime.forget(task_id)
        if failure is not None:
            self.signals.sig_task_failed.emit(task_id, failure)
        return record

    def reject(self, task_id: int, code: str, message: str) -> TaskRecord | None:
        """Refused before or at submission; nothing was charged."""
        return self._finish(
            task_id,
            message,
            status=TaskStatus.REJECTED,
            error_code=code,
            error_message=message,
            finished_at=time.time(),
        )

    def mark_unknown(self, task_id: int, reason: str) -> TaskRecord | None:
        """The POST may have reached the server: never re-sent; the user (or reconciliation) decides."""
        message = messages.unknown_outcome(reason)
        return self._finish(
            task_id, message, status=TaskStatus.UNKNOWN, error_code="unknown_outcome", error_message=message
        )

    def interrupt(self, task_id: int) -> TaskRecord | None:
        """Stopped before the POST went out: kept for the user to send or discard."""
        message = messages.interrupted()
        return self._finish(
            task_id, message, status=TaskStatus.INTERRUPTED, error_code="interrupted", error_message=message
        )

    def fail(self, task_id: int, message: str, **values: Any) -> TaskRecord | None:
        """Ended on the server without a video (failed or cancelled), or unknown to it."""
        values.setdefault("status", TaskStatus.FAILED)
        values.setdefault("finished_at", time.time())
        return self._finish(task_id, message, error_message=message, **values)

    def expire(self, task_id: int, message: str) -> TaskRecord | None:
        return self._finish(task_id, message, status=TaskStatus.EXPIRED, download_error=message)

    def saved(self, task_id: int, **values: Any) -> TaskRecord | None:
        """The video is on disk: the task is done."""
        record = self._finish(task_id, None, download_error=None, **values)
        if record is not None:
            self.signals.sig_task_completed.emit(task_id)
        return record
