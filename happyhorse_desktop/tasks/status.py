"""Task statuses and the groups built from them — each rule stated once, in Python and in SQL.

A rule that the task list applies to the whole history in SQLite (``Outcome.sql``) and to one freshly
changed row in Python (``Outcome.of``) is written here side by side; ``tests/test_status.py`` checks the
two agree for every status.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable

log = logging.getLogger(__name__)


class TaskStatus(enum.StrEnum):
    """Where a task stands. The first six are the app's own; the rest mirror the server's."""

    QUEUED = "queued"  # a take waiting in the batch queue; nothing sent, nothing leased
    UPLOADING = "uploading"  # row written, inputs being uploaded; nothing sent to the generator yet
    SUBMITTING = "submitting"  # the POST is about to go out or is in flight
    INTERRUPTED = "interrupted"  # stopped before the POST was sent (Ctrl-C, app closed): the user decides
    UNKNOWN = "unknown"  # the POST may or may not have reached the server: the user decides
    REJECTED = "rejected"  # the server (or the app, before sending) refused it; nothing was charged
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # completed, but the 24 h result link lapsed before the video was saved

    @classmethod
    def from_server(cls, text: str) -> TaskStatus:
        """The status a server reply names; one the app does not know counts as still running (the
        task is polled on, never taken for finished)."""
        try:
            status = cls(text)
        except ValueError:
            log.warning("unknown server status %r treated as processing", text)
            return cls.PROCESSING
        return status if status in SERVER_STATUSES else cls.PROCESSING

    @classmethod
    def parse(cls, text: str) -> TaskStatus:
        """A status read back from the history (older rows may hold a raw server word)."""
        try:
            return cls(text)
        except ValueError:
            return cls.PROCESSING


SERVER_STATUSES = frozenset(
    {TaskStatus.PENDING, TaskStatus.PROCESSING, TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED}
)
# Nothing more will happen to a task in these states without the user.
FINAL_STATUSES = frozenset(
    {
        TaskStatus.INTERRUPTED,
        TaskStatus.UNKNOWN,
        TaskStatus.REJECTED,
        TaskStatus.COMPLETED,
        TaskStatus.FAILED,
        TaskStatus.CANCELLED,
        TaskStatus.EXPIRED,
    }
)
# The row exists but the server has not (knowingly) got it yet: a process is working on sending it.
SENDING_STATUSES = frozenset({TaskStatus.UPLOADING, TaskStatus.SUBMITTING})
# Running on the server: polled until it ends.
POLLABLE_STATUSES = frozenset({TaskStatus.PENDING, TaskStatus.PROCESSING})
# Holding one of the queue's concurrency slots: being sent, or running on the server.
RUNNING_STATUSES = SENDING_STATUSES | POLLABLE_STATUSES
# Failed on the server, or never got there: no bar worth drawing, credits (if any) refunded.
ENDED_WITHOUT_VIDEO = frozenset({TaskStatus.FAILED, TaskStatus.CANCELLED})
NEEDS_USER = frozenset(
    {TaskStatus.FAILED, TaskStatus.EXPIRED, TaskStatus.UNKNOWN, TaskStatus.REJECTED, TaskStatus.INTERRUPTED}
)


def sql_list(statuses: Iterable[TaskStatus]) -> str:
    """``'a', 'b'`` for an SQL ``IN (…)`` (values are this module's constants, never user input)."""
    return ", ".join(f"'{s.value}'" for s in sorted(statuses))


class Outcome(enum.StrEnum):
    """The task list's groups. Labels for people live with the UI (they are translated)."""

    ALL = "all"
    ACTIVE = "active"
    QUEUED = "queued"
    DONE = "done"
    ATTENTION = "attention"

    @staticmethod
    def of(status: TaskStatus, *, download_error: str | None) -> Outcome:
        """The group one task falls in (never ``ALL``)."""
        if status == TaskStatus.QUEUED:
            return Outcome.QUEUED
        if status in NEEDS_USER or (status == TaskStatus.COMPLETED and download_error):
            return Outcome.ATTENTION
        if status in (TaskStatus.COMPLETED, TaskStatus.CANCELLED):
            return Outcome.DONE
        return Outcome.ACTIVE

    @property
    def sql(self) -> str | None:
        """The same rule as :meth:`of`, as an SQL condition over one row (None: every row)."""
        attention = (
            f"(status IN ({sql_list(NEEDS_USER)}) "
            f"OR (status = '{TaskStatus.COMPLETED.value}' AND download_error IS NOT NULL))"
        )
        finished = f"status IN ('{TaskStatus.COMPLETED.value}', '{TaskStatus.CANCELLED.value}')"
        queued = f"status = '{TaskStatus.QUEUED.value}'"
        return {
            Outcome.ALL: None,
            Outcome.QUEUED: queued,
            Outcome.ATTENTION: attention,
            Outcome.DONE: f"({finished} AND NOT {attention})",
            Outcome.ACTIVE: f"(NOT {finished} AND NOT {attention} AND NOT {queued})",
        }[self]
