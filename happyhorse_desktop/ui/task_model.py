"""``TaskTableModel``: a thin Qt adapter over the task store (after napari's item models).

The store is the source of truth. The model keeps the ids newest first, loads records lazily in pages
(``canFetchMore``/``fetchMore``), inserts a row when the manager reports a new task, and refreshes only
the rows that changed — coalesced, so a burst of progress updates costs one repaint per row per tick.
It never resets itself on a poll.
"""

from __future__ import annotations

import time
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    SignalInstance,
)

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import QT_TRANSLATE_NOOP, translate
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import ENDED_WITHOUT_VIDEO, Outcome, TaskStatus
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.ui.thumbnails import ThumbnailCache, thumbnail_source
from happyhorse_desktop.vocabulary import (
    credits_text,
    model_label,
    route_output_text,
    status_parts,
    status_text,
    task_title,
)

PAGE_SIZE = 200  # a screenful is ~25 rows; more pages load as the view scrolls
ModelIndex = QModelIndex | QPersistentModelIndex


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
_COLUMNS = list(Column)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)


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
    return translate("Task", "about {time} left").format(time=_duration(record.estimated_time))


def status_meaning(record: TaskRecord) -> tuple[str, str]:
    """The status chip's label and the line beside it: what the status means, or the time left."""
    label, meaning = status_parts(record)
    return label, meaning or time_left_text(record)


class TaskTableModel(QAbstractTableModel):
    """The history as a table. Filtering, searching and sorting are asked of SQLite (``set_outcome``,
    ``set_search``, ``sort``), never done row by row in Python: a long history stays quick."""

    def __init__(
        self,
        store: TaskStore,
        added: SignalInstance,
        changed: SignalInstance,
        removed: SignalInstance,
        parent: object = None,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._store = store
        self._query: dict[str, object] = {
            "outcome": Outcome.ALL,
            "needle": "",
            "order": "created",
            "descending": True,
        }
        self.thumbnails = ThumbnailCache(self)
        self.thumbnails.sig_thumbnail_ready.connect(self._thumbnail_ready)
        self._ids: list[int] = []
        self._id_set: set[int] = set()
        self._max_id = 0
        self._row_cache: dict[int, int] | None = None
        self._set_ids(store.search_ids(**self._query))  # type: ignore[arg-type]
        self._records: dict[int, TaskRecord] = {}
        self._loaded = 0
        self._dirty: set[int] = set()
        self._closed = False
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(100)
        self._flush.timeout.connect(self._refresh_dirty)
        added.connect(self.task_added)
        changed.connect(self.task_changed)
        removed.connect(self.task_removed)
        self.fetchMore(QModelIndex())

    def _set_ids(self, ids: list[int]) -> None:
        self._ids = ids
        self._id_set = set(ids)
        self._max_id = max(ids, default=0)
        self._row_cache = None

    def _rows(self) -> dict[int, int]:
        """Row of each task id (built on demand after rows were inserted or removed)."""
        if self._row_cache is None:
            self._row_cache = {task_id: row for row, task_id in enumerate(self._ids)}
        return self._row_cache

    # -- lazy loading -----------------------------------------------------------------------

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded < len(self._ids)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        count = min(PAGE_SIZE, len(self._ids) - self._loaded)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
        for record in self._store.get_many(self._ids[self._loaded : self._loaded + count]):
            self._records[record.id] = record
        self._loaded += count
        self.endInsertRows()

    def set_query(self, **changes: object) -> None:
        """Show the tasks matching a new filter/search/order (a reset: this is a user action, not a poll)."""
        query = {**self._query, **changes}
        if query == self._query:
            return
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Read the matching tasks again (after a change to many rows at once)."""
        if self._closed:
            return
        query = self._query
        self._records.clear()
        self.beginResetModel()
        self._set_ids(self._store.search_ids(**query))  # type: ignore[arg-type]
        self._loaded = 0
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def set_outcome(self, outcome: Outcome) -> None:
        self.set_query(outcome=outcome)

    def set_search(self, text: str) -> None:
        self.set_query(needle=text.strip())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(_COLUMNS[column]) if 0 <= column < len(_COLUMNS) else None
        if key is not None:
            self.set_query(order=key, descending=order == Qt.SortOrder.DescendingOrder)

    def _matches(self, task_id: int) -> bool:
        outcome, needle = self._query["outcome"], str(self._query["needle"])
        return self._store.matches(task_id, outcome=outcome, needle=needle)  # type: ignore[arg-type]

    def total(self) -> int:
        """How many tasks match the current query (loaded or not)."""
        return len(self._ids)

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    # -- reacting to the manager --------------------------------------------------------------

    def task_added(self, task_id: int) -> None:
        if self._closed:
            return
        if task_id in self._id_set:
            self.task_changed(task_id)
            return
        record = self._store.get(task_id)
        if record is None or not self._matches(task_id):
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._ids.insert(0, task_id)
        self._id_set.add(task_id)
        self._max_id = max(self._max_id, task_id)
        self._row_cache = None  # rebuilt once when next asked: a burst of inserts costs one pass
        self._records[task_id] = record
        self._loaded += 1
        self.endInsertRows()

    def task_changed(self, task_id: int) -> None:
        if self._closed:
            return
        if task_id not in self._id_set:
            # a row written by another process (the CLI): newer ids go on top
            if task_id > self._max_id:
                self.task_added(task_id)
            return
        self._dirty.add(task_id)
        if not self._flush.isActive():
            self._flush.start()

    def task_removed(self, task_id: int) -> None:
        row = self._rows().get(task_id)
        if row is None:
            return
        loaded = row < self._loaded
        if loaded:
            self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._id_set.discard(task_id)
        self._records.pop(task_id, None)
        self._row_cache = None
        if loaded:
            self._loaded -= 1
            self.endRemoveRows()

    def shutdown(self) -> None:
        """Stop reading the store (the window is closing and the store is about to be closed)."""
        self._closed = True
        self._flush.stop()
        self._dirty.clear()
        self.thumbnails.cancel()

    def _refresh_dirty(self) -> None:
        if self._closed:
            return
        dirty, self._dirty = self._dirty, set()
        shown = [
            task_id
            for task_id in dirty
            if (row := self._rows().get(task_id)) is not None and row < self._loaded
        ]
        for record in self._store.get_many(shown):  # one query for a burst of changes
            self._records[record.id] = record
            row = self._rows()[record.id]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def _thumbnail_ready(self, source: str) -> None:
        for row, task_id in enumerate(self._ids[: self._loaded]):
            record = self._records.get(task_id)
            if record is not None and thumbnail_source(record) == source:
                index = self.index(row, Column.THUMBNAIL)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def refresh_elapsed(self) -> None:
        """Repaint the elapsed column of unfinished rows only (a queued take has no time running yet)."""
        for row, task_id in enumerate(self._ids[: self._loaded]):
            record = self._records.get(task_id)
            if record is not None and not record.is_final and record.status != TaskStatus.QUEUED:
                index = self.index(row, Column.ELAPSED)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    # -- the model API ------------------------------------------------------------------------

    def record_at(self, row: int) -> TaskRecord | None:
        if 0 <= row < self._loaded:
            task_id = self._ids[row]
            record = self._records.get(task_id)
            if record is None:
                record = self._store.get(task_id)
                if record is not None:
                    self._records[task_id] = record
            return record
        return None

    def row_of(self, task_id: int) -> int | None:
        row = self._rows().get(task_id)
        return row if row is not None and row < self._loaded else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            title = HEADERS.get(_COLUMNS[section]) if 0 <= section < len(_COLUMNS) else None
            return translate("TaskTable", title) if title else title
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        record = self.record_at(index.row())
        if record is None:
            return None
        column = _COLUMNS[index.column()]
        role = int(role)
        if column is Column.THUMBNAIL:
            if role == _DECORATION:
                return self.thumbnails.get(thumbnail_source(record))
            if role == _TOOLTIP:
                return thumbnail_source(record)
            if role not in (TaskRole.RECORD, TaskRole.LOCAL_ID, TaskRole.SORT):
                return None
        if role == _DISPLAY:
            return self._display(record, column)
        if role == TaskRole.RECORD:
            return record
        if role == TaskRole.LOCAL_ID:
            return record.id
        if role == TaskRole.PROGRESS:
            # A bar only while it means something: running, or done; a failed task's last % is noise.
            drawn = record.server_id and record.status not in ENDED_WITHOUT_VIDEO
            return record.progress if column is Column.PROGRESS and drawn else -1
        if role == TaskRole.SORT:
            return self._sort_key(record, column)
        if role == TaskRole.STATUS_PARTS:
            return status_meaning(record)
        if role == _TOOLTIP:
            return self._tooltip(record, column)
        return None

    @staticmethod
    def _display(record: TaskRecord, column: Column) -> str:
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

    @staticmethod
    def _sort_key(record: TaskRecord, column: Column) -> object:
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
        return TaskTableModel._display(record, column).lower()

    @staticmethod
    def _tooltip(record: TaskRecord, column: Column) -> str | None:
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
