"""What a server reply about a task changes in its row — a pure function, tested alone."""

from __future__ import annotations

import time
from typing import Any

from happyhorse_desktop.api.errors import describe_task_failure
from happyhorse_desktop.api.models import TaskSnapshot
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import ENDED_WITHOUT_VIDEO, TaskStatus


def _credit(known: float | None, reported: float | None) -> float | None:
    """A later reply never replaces a known credit figure with a missing or zero one (gateways drop
    ``usage`` from some replies; a zero there means "not reported", not "free")."""
    if reported is None or (reported == 0 and known):
        return known
    return reported


def snapshot_values(record: TaskRecord, snap: TaskSnapshot, now: float | None = None) -> dict[str, Any]:
    """The columns to write after ``snap`` (only those that change)."""
    now = time.time() if now is None else now
    status = TaskStatus.from_server(snap.status)
    values: dict[str, Any] = {"status": status}
    if status == TaskStatus.COMPLETED:
        values["progress"] = 100
    elif snap.progress is not None:
        values["progress"] = snap.progress
    if snap.estimated_time is not None:
        values["estimated_time"] = snap.estimated_time
    values["credits_reserved"] = _credit(record.credits_reserved, snap.credits_reserved)
    values["credits_used"] = _credit(record.credits_used, snap.credits_used)
    if snap.results:
        values["results"] = list(snap.results)
    if status == TaskStatus.COMPLETED:
        values["completed_at"] = record.completed_at or now
        values["finished_at"] = record.finished_at or now
    elif status in ENDED_WITHOUT_VIDEO:
        values["finished_at"] = record.finished_at or now
        code = snap.error.code if snap.error else None
        message = snap.error.message if snap.error else None
        values["error_code"] = code or status.value
        values["error_message"] = describe_task_failure(code, message)
    return {k: v for k, v in values.items() if getattr(record, k) != v}
