"""``TaskTableModel``: a thin Qt adapter over the task store (after napari's item models).

The store is the source of truth. The model keeps the ids newest first, loads records lazily in pages
(``canFetchMore``/``fetchMore``), inserts a row when the manager reports a new task, and refreshes only
the rows that changed — coalesced, so a burst of progress updates costs one repaint per row per tick.
It never resets itself on a poll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    SignalInstance,
)

from happyhorse_desktop.i18n_core import Context, translate
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import ENDED_WITHOUT_VIDEO, Outcome, TaskStatus
from happyhorse_desktop.ui.chain_folding import ChainFolding
from happyhorse_desktop.ui.chain_rows import ChainRows
from happyhorse_desktop.ui.record_cache import RecordCache
from happyhorse_desktop.ui.task_cells import (
    COLUMNS,
    DECORATION_ROLE,
    DISPLAY_ROLE,
    HEADERS,
    OUTCOMES,
    SORT_KEYS,
    TOOLTIP_ROLE,
    Column,
    TaskRole,
    display_text,
    elapsed_text,
    short_time,
    sort_key,
    status_meaning,
    time_left_text,
    tooltip_text,
)
from happyhorse_desktop.ui.thumbnails import ThumbnailCache, thumbnail_source

if TYPE_CHECKING:
    from happyhorse_desktop.tasks.store import TaskStore

__all__ = [
    "OUTCOMES",
    "Column",
    "TaskRole",
    "TaskTableModel",
    "elapsed_text",
    "short_time",
    "time_left_text",
]

TaskTable = Context("TaskTable")
PAGE_SIZE = 64  # a screenful is ~25 rows; more pages load as the view scrolls (each search loads one)
ModelIndex = QModelIndex | QPersistentModelIndex


class TaskTableModel(ChainFolding, QAbstractTableModel):
    """The history as a table. Filtering, searching and sorting are asked of SQLite (``set_outcome``,
    ``set_search``, ``sort``), never done row by row in Python: a long history stays quick."""

    def __init__(
        self,
        store: TaskStore | None = None,
        added: SignalInstance | None = None,
        changed: SignalInstance | None = None,
        removed: SignalInstance | None = None,
        parent: object = None,
    ) -> None:
        """Empty until :meth:`attach` gives it the store (the window paints before the history is read);
        given a store and the manager's signals here, it attaches at once."""
        super().__init__(parent)  # type: ignore[arg-type]
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
        self._matched: list[int] = []  # every matching id in the list's order, folded takes included
        self._present: set[int] = set()
        self.chains = ChainRows()
        self._store: TaskStore | None = None
        self._records = RecordCache(None)
        self._loaded = 0
        self._dirty: set[int] = set()
        self._closed = False
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(100)
        self._flush.timeout.connect(self._refresh_dirty)
        if store is not None and added is not None and changed is not None and removed is not None:
            self.attach(store, added, changed, removed)

    def attach(
        self, store: TaskStore, added: SignalInstance, changed: SignalInstance, removed: SignalInstance
    ) -> None:
        """Read the history (its first page) and follow the manager's signals from now on."""
        self.beginResetModel()
        self._store = store
        self.chains = ChainRows(parents=store.parent_links())
        self._set_ids(store.search_ids(**self._query))  # type: ignore[arg-type]
        self._records = RecordCache(store)
        self._loaded = 0
        self.endResetModel()
        added.connect(self.task_added)
        changed.connect(self.task_changed)
        removed.connect(self.task_removed)
        self.fetchMore(QModelIndex())

    @property
    def attached(self) -> bool:
        """Whether the history is open (before :meth:`attach` the model is empty, not the history)."""
        return self._store is not None

    def _set_ids(self, matched: list[int]) -> None:
        self._matched = matched
        self._present = set(matched)
        self._ids = self.chains.arrange(matched)  # rows: each chain folded under its first take
        self._id_set = set(self._ids)
        self._max_id = max(matched, default=0)
        self._row_cache = None

    def _insert(self, position: int, ids: list[int]) -> None:
        """Put rows in at ``position`` (beyond the loaded rows they wait for ``fetchMore``)."""
        loaded = position <= self._loaded
        if loaded:
            self.beginInsertRows(QModelIndex(), position, position + len(ids) - 1)
        self._ids[position:position] = ids
        self._id_set.update(ids)
        self._row_cache = None  # rebuilt once when next asked: a burst of inserts costs one pass
        if loaded:
            self._records.load([i for i in ids if i not in self._records])
            self._loaded += len(ids)
            self.endInsertRows()

    def _remove(self, position: int, count: int) -> None:
        shown = max(0, min(count, self._loaded - position))
        if shown:
            self.beginRemoveRows(QModelIndex(), position, position + shown - 1)
        removed = self._ids[position : position + count]
        del self._ids[position : position + count]
        self._id_set.difference_update(removed)
        self._row_cache = None
        if shown:
            self._loaded -= shown
            self.endRemoveRows()

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
        self._records.load(self._ids[self._loaded : self._loaded + count])
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
        if self._closed or self._store is None:
            return  # not attached yet: attach() reads the history with the query as it is then
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
        key = SORT_KEYS.get(COLUMNS[column]) if 0 <= column < len(COLUMNS) else None
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
        if record is None or not self._matches(task_id) or task_id in self._present:
            return
        self._matched.insert(0, task_id)
        self._present.add(task_id)
        self._max_id = max(self._max_id, task_id)
        self._records[task_id] = record
        self.chains.link(task_id, record.parent_id)
        root = self.chains.is_hidden_under(task_id, self._present)
        if root is None:
            self._insert(0, [task_id])
            return
        # A new take of a chain: at the end of the chain when it is unfolded, else counted in it.
        row = self._rows().get(root)
        if root in self.chains.unfolded and row is not None:
            self._insert(row + 1 + self._unfolded_block(row), [task_id])
        self.task_changed(root)

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
        if task_id in self._present:
            self._present.discard(task_id)
            self._matched.remove(task_id)
        self._records.pop(task_id, None)
        if task_id in self.chains.parents or self.chains.members(task_id):
            # A link of a chain: the takes after it start chains of their own (the store cut the link).
            self.chains = ChainRows(self._store.parent_links(), self.chains.unfolded - {task_id})
            self.reload()
            return
        row = self._rows().get(task_id)
        if row is not None:
            self._remove(row, 1)

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
        for record in self._records.load(shown):  # one query for a burst of changes
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
        return self._records.fetch(self._ids[row]) if 0 <= row < self._loaded else None

    def row_of(self, task_id: int) -> int | None:
        row = self._rows().get(task_id)
        return row if row is not None and row < self._loaded else None

    def load_row_of(self, task_id: int) -> int | None:
        """The row of a listed task, loading the pages down to it first (None: it is not listed)."""
        row = self._rows().get(task_id)
        if row is None:
            return None
        while row >= self._loaded and self.canFetchMore():
            self.fetchMore()
        return self.row_of(task_id)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            title = HEADERS.get(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
            return translate("TaskTable", title) if title else title
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        record = self.record_at(index.row())
        if record is None:
            return None
        column = COLUMNS[index.column()]
        role = int(role)
        if column is Column.THUMBNAIL:
            if role == DECORATION_ROLE:
                return self.thumbnails.get(thumbnail_source(record))
            if role == TOOLTIP_ROLE:
                return thumbnail_source(record)
            if role not in (TaskRole.RECORD, TaskRole.LOCAL_ID, TaskRole.SORT):
                return None
        if role == DISPLAY_ROLE:
            return self._prompt_text(record) if column is Column.PROMPT else display_text(record, column)
        if role == TaskRole.RECORD:
            return record
        if role == TaskRole.LOCAL_ID:
            return record.id
        if role == TaskRole.PROGRESS:
            # A bar only while it means something: running, or done; a failed task's last % is noise.
            drawn = record.server_id and record.status not in ENDED_WITHOUT_VIDEO
            return record.progress if column is Column.PROGRESS and drawn else -1
        if role == TaskRole.SORT:
            return sort_key(record, column)
        if role == TaskRole.STATUS_PARTS:
            return status_meaning(record)
        if role == TOOLTIP_ROLE:
            tip = tooltip_text(record, column)
            if column is Column.PROMPT and self.chain_takes(record.id):
                hint = TaskTable.tr("The first take of a chain: click ▸ or press → to show the others.")
                tip = f"{tip}\n\n{hint}" if tip else hint
            return tip
        return None
