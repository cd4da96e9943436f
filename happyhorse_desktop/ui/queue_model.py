"""``QueueModel``: the queue panel's table — takes under way, then the queued ones in the order they will
be sent, then those that need the user — a thin adapter over the history (the store decides the order).

Changes are coalesced: task signals mark rows dirty, and at most a few times a second the model asks the
store for the queue's ids and turns the difference into row removals, insertions and one layout change
(so selections and scroll positions survive a take leaving or a reorder) — never a reset on a poll.
Queued rows can be dragged to a new place; the drop asks the engine to reorder, and the new order comes
back through the same refresh.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    Qt,
    QTimer,
    SignalInstance,
)

from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.tasks.budget import estimate, record_cost
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import POLLABLE_STATUSES, TaskStatus
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.ui.column_table import ColumnTableModel, ModelIndex
from happyhorse_desktop.ui.record_cache import RecordCache
from happyhorse_desktop.vocabulary import status_text, task_title

TAKE_IDS_MIME = "application/x-happyhorse-take-ids"
REFRESH_MS = 150
LOCAL_ID_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1


class QueueColumn(IntEnum):
    STATUS = 0
    PICTURE = 1
    PROMPT = 2
    SETTINGS = 3
    CREDITS = 4


class QueueModel(ColumnTableModel):
    COLUMNS = QueueColumn

    def column_titles(self) -> list[str]:
        return [
            self.tr("Status"),
            self.tr("Picture"),
            self.tr("Prompt"),
            self.tr("Output"),
            self.tr("Credits"),
        ]

    def __init__(
        self,
        store: TaskStore,
        ids: Callable[[], list[int]],
        reorder: Callable[[list[int]], None],
        changes: Sequence[SignalInstance],
        parent: object = None,
    ) -> None:
        """``ids`` lists the queue's task ids in display order; ``reorder`` asks the engine to put queued
        takes in a new order; any of ``changes`` firing schedules a refresh."""
        super().__init__(parent)  # type: ignore[arg-type]
        self._source = ids
        self._reorder = reorder
        self._ids: list[int] = []
        self._records = RecordCache(store)
        self._dirty: set[int] = set()
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        for signal in changes:
            signal.connect(self._changed)
        self.refresh()

    # -- following the history ----------------------------------------------------------------

    def _changed(self, task_id: object = None) -> None:
        if self._stopped:
            return
        if isinstance(task_id, int):
            self._dirty.add(task_id)
        if not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        """Stop reading the store (the window is closing and the store is about to be closed)."""
        self._stopped = True
        self._timer.stop()

    def refresh(self) -> None:
        """Bring the rows in line with the history: removals, insertions, a new order, changed rows."""
        if self._stopped:
            return
        ids = self._source()
        dirty, self._dirty = self._dirty, set()
        wanted = set(ids)
        for row in reversed(range(len(self._ids))):
            if self._ids[row] not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._records.pop(self._ids.pop(row), None)
                self.endRemoveRows()
        present = set(self._ids)
        added = [i for i in ids if i not in present]
        reload = added + [i for i in dirty if i in present]
        loaded = {r.id for r in self._records.load(reload)}
        if added:
            self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(added) - 1)
            self._ids += added
            self.endInsertRows()
        if self._ids != ids:
            self._move_rows(ids)
        for task_id in dirty & present:
            if task_id in loaded:
                row = self._ids.index(task_id)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(QueueColumn) - 1))

    def _move_rows(self, ids: list[int]) -> None:
        self.layoutAboutToBeChanged.emit()
        old = list(self._ids)
        new_row = {task_id: row for row, task_id in enumerate(ids)}
        persistent = self.persistentIndexList()
        self._ids = list(ids)
        self.changePersistentIndexList(
            persistent, [self.index(new_row[old[p.row()]], p.column()) for p in persistent]
        )
        self.layoutChanged.emit()

    # -- reading ------------------------------------------------------------------------------

    def record_at(self, row: int) -> TaskRecord | None:
        return self._records.fetch(self._ids[row]) if 0 <= row < len(self._ids) else None

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_of(self, task_id: int) -> int | None:
        return self._ids.index(task_id) if task_id in self._ids else None

    def row_count(self) -> int:
        return len(self._ids)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        column = QueueColumn(index.column())
        if role == LOCAL_ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is QueueColumn.STATUS:
                return record.error_message or record.download_error or None
            if column is QueueColumn.PROMPT:
                return record.prompt or None
            if column is QueueColumn.PICTURE:
                return record.image_source
        return None

    def _display(self, record: TaskRecord, column: QueueColumn) -> str:
        if column is QueueColumn.STATUS:
            running = record.status in POLLABLE_STATUSES and record.progress
            return f"{status_text(record)} · {record.progress}%" if running else status_text(record)
        if column is QueueColumn.PICTURE:
            source = record.image_source
            return source if "://" in source else Path(source).name
        if column is QueueColumn.PROMPT:
            return task_title(record, 70)
        if column is QueueColumn.SETTINGS:
            seed = str(record.seed) if record.seed else self.tr("random")
            return self.tr("{quality} · {seconds} s · seed {seed}").format(
                quality=record.quality, seconds=record.duration, seed=seed
            )
        if record.status == TaskStatus.QUEUED:
            guess = estimate(record.model, record.quality, record.duration, record.input_seconds)
            return "≈ " + format_credits(guess)
        return format_credits(record_cost(record).total)

    # -- drag to reorder ----------------------------------------------------------------------

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        record = self.record_at(index.row())
        if record is not None and record.status == TaskStatus.QUEUED:
            return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [TAKE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes})
        ids = [r.id for row in rows if (r := self.record_at(row)) and r.status == TaskStatus.QUEUED]
        mime = QMimeData()
        mime.setData(TAKE_IDS_MIME, QByteArray(json.dumps(ids).encode()))
        return mime

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        """Dragged queued takes go before the row dropped on (or to the end of the queue)."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(TAKE_IDS_MIME):
            return False
        moving = [int(i) for i in json.loads(bytes(data.data(TAKE_IDS_MIME).data()) or b"[]")]
        target_row = row if row >= 0 else (parent.row() if parent.isValid() else len(self._ids))
        queued = [i for i in self._ids if (r := self._records.get(i)) and r.status == TaskStatus.QUEUED]
        after = self._ids[target_row:] if 0 <= target_row <= len(self._ids) else []
        before = next((i for i in after if i in queued and i not in moving), None)
        order = [i for i in queued if i not in moving]
        at = order.index(before) if before is not None else len(order)
        order[at:at] = [i for i in moving if i in queued]
        if order != queued:
            self._reorder(order)
        return True
