"""``RecordCache``: the history rows a list model has read, by task id, so a repaint reads memory rather
than SQLite. The task list and the queue panel keep one each; the model decides when a row is stale (it
drops it or loads it again), the cache only remembers what was read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from happyhorse_desktop.tasks.record import TaskRecord

if TYPE_CHECKING:
    from happyhorse_desktop.tasks.store import TaskStore


class RecordCache(dict[int, TaskRecord]):
    def __init__(self, store: TaskStore | None) -> None:
        """``store`` None: the history is not open yet (the window paints first), so nothing is read."""
        super().__init__()
        self._store = store

    def fetch(self, task_id: int) -> TaskRecord | None:
        """The row as last read, else read now and remembered; None when the history no longer has it."""
        record = self.get(task_id)
        if record is None and self._store is not None:
            record = self._store.get(task_id)
            if record is not None:
                self[task_id] = record
        return record

    def load(self, task_ids: Sequence[int]) -> list[TaskRecord]:
        """Read these rows (again) in one query and remember them; a task no longer there is left out."""
        records = self._store.get_many(list(task_ids)) if self._store is not None else []
        self.update((record.id, record) for record in records)
        return records
