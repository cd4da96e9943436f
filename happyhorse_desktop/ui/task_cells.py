"""What each cell of the task list says: the columns, their roles, and the text, sort key and tooltip
of a task in each column (pure functions of the record; the table model adds its rows' state)."""

from __future__ import annotations

import time
from enum import IntEnum

from PySide6.QtCore import Qt

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import QT_TRANSLATE_NOOP, translate
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import Outcome, TaskStatus
from happyhorse_desktop.vocabulary import (
    credits_text,
    model_label,
    route_output_text,
    status_parts,
    status_text,
    task_title,
)


class Column(IntEnum):
    THUMBNAIL = 0
    PROMPT = 1
    TASK_ID = 2
    STATUS = 3
    PROGRESS = 4
    CREDITS = 5
    SETTINGS = 6
    CREATED = 7
    ELAPSED = 8


HEADERS = {  # marked here, translated in headerData (context "TaskTable")
    Column.THUMBNAIL: "",
    Column.PROMPT: QT_TRANSLATE_NOOP("TaskTable", "Prompt"),
    Column.TASK_ID: QT_TRANSLATE_NOOP("TaskTable", "Task ID"),
    Column.STATUS: QT_TRANSLATE_NOOP("TaskTable", "Status"),
    Column.PROGRESS: QT_TRANSLATE_NOOP("TaskTable", "Progress"),
    Column.CREDITS: QT_TRANSLATE_NOOP("TaskTable", "Credits"),
    Column.SETTINGS: QT_TRANSLATE_NOOP("TaskTable", "Output"),
    Column.CREATED: QT_TRANSLATE_NOOP("TaskTable", "Created"),
    Column.ELAPSED: QT_TRANSLATE_NOOP("TaskTable", "Time"),
}


_USER = int(Qt.ItemDataRole.UserRole.value)


class TaskRole:
    RECORD = _USER + 1  # the TaskRecord itself
    PROGRESS = _USER + 2  # int 0..100, or -1 when there is no bar to draw
    SORT = _USER + 3  # a value that sorts naturally
    LOCAL_ID = _USER + 4
    STATUS_PARTS = _USER + 5  # (label, what it means): the status chip and the line beside it


# data() runs for every visible cell on every repaint: plain ints and a list lookup keep it cheap
# (constructing an enum per call was a measurable part of start-up).
COLUMNS = list(Column)
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole.value)
DECORATION_ROLE = int(Qt.ItemDataRole.DecorationRole.value)
TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole.value)


# Columns → the store's sort keys.
SORT_KEYS = {
    Column.PROMPT: "prompt",
    Column.TASK_ID: "server_id",
    Column.STATUS: "status",
    Column.PROGRESS: "progress",
    Column.CREDITS: "credits",
    Column.SETTINGS: "settings",
    Column.CREATED: "created",
    Column.ELAPSED: "elapsed",
}
OUTCOMES = [Outcome.ALL, Outcome.ACTIVE, Outcome.QUEUED, Outcome.DONE, Outcome.ATTENTION]


def short_time(timestamp: float, now: float | None = None) -> str:
    """The time today, the day and time this year, the date before — in the reader's language."""
    return formatting.moment(timestamp, now)


def _duration(seconds: float) -> str:
    """``4:05`` under an hour; beyond, in words (``1 h 4 min``) that a narrow column can wrap."""
    return formatting.clock(int(seconds)) if seconds < 3600 else formatting.duration(60 * (seconds // 60))


def elapsed_text(record: TaskRecord, now: float) -> str:
    """How long the task has taken so far (or took): the time since it was sent."""
    if record.status == TaskStatus.QUEUED:
        return ""  # not sent yet: no time to count
    start = record.submitted_at or record.created_at
    end = record.finished_at or (now if not record.is_final else record.updated_at)
    return _duration(end - start)


def time_left_text(record: TaskRecord) -> str:
    """EvoLink's estimate of the time left for a running task ("about 0:40 left"), or ""."""
    if record.is_final or not record.tracking or not record.estimated_time:
        return ""
    return time_left_phrase(record.estimated_time)


def time_left_phrase(seconds: float) -> str:
    """The time left, e.g. "about 0:40 left" (also sizes the status column: the line under the chip)."""
    return translate("Task", "about {time} left").format(time=_duration(seconds))


def status_meaning(record: TaskRecord) -> tuple[str, str]:
    """The status chip's label and the line beside it: what the status means, or the time left."""
    label, meaning = status_parts(record)
    return label, meaning or time_left_text(record)


def display_text(record: TaskRecord, column: Column) -> str:
    if column is Column.THUMBNAIL:
        return ""
    if column is Column.PROMPT:  # a continuation is marked as the next link of its chain
        return ("↳ " if record.parent_id else "") + task_title(record, 80)
    if column is Column.TASK_ID:
        return record.server_id or "—"
    if column is Column.STATUS:
        return status_text(record)
    if column is Column.PROGRESS:
        return formatting.percent(record.progress)
    if column is Column.CREDITS:
        return credits_text(record)
    if column is Column.SETTINGS:
        return route_output_text(record)
    if column is Column.CREATED:
        return short_time(record.created_at)
    return elapsed_text(record, time.time())


def sort_key(record: TaskRecord, column: Column) -> object:
    if column is Column.PROGRESS:
        return record.progress
    if column is Column.CREDITS:
        return record.credits_used or record.credits_reserved or 0
    if column is Column.CREATED:
        return record.created_at
    if column is Column.ELAPSED:
        return (record.finished_at or time.time()) - (record.submitted_at or record.created_at)
    if column is Column.SETTINGS:
        return (record.quality, record.duration)
    return display_text(record, column).lower()


def tooltip_text(record: TaskRecord, column: Column) -> str | None:
    if column is Column.PROMPT:
        return record.prompt or None
    if column is Column.SETTINGS:
        return model_label(record.model)
    if column is Column.CREATED:
        return formatting.date_time(record.created_at)
    if column is Column.ELAPSED:
        return translate("Task", "Time since the task was sent") + (
            f" ({left})" if (left := time_left_text(record)) else ""
        )
    if column is Column.CREDITS:
        raw = translate("Task", "Raw figures from EvoLink — reserved: {reserved}, charged: {used}")
        return raw.format(reserved=record.credits_reserved, used=record.credits_used)
    if column is Column.STATUS:
        parts = [status_text(record), record.error_message, record.download_error]
        if not record.tracking and not record.is_final:
            parts.append(translate("Task", "Not tracked: it still runs (and is billed) on EvoLink."))
        return "\n".join(p for p in parts if p) or None
    return None
