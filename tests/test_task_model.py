"""The task table model over a real store: lazy pages, inserts, coalesced updates, filters."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from storekit import add

from happyhorse_desktop.tasks.store import TaskStatus, TaskStore
from happyhorse_desktop.ui.task_model import (
    PAGE_SIZE,
    Category,
    Column,
    TaskFilterModel,
    TaskRole,
    TaskTableModel,
    category_of,
    credits_text,
    short_time,
    status_text,
)


class FakeManager:
    """Only the three signals the model listens to."""

    def __init__(self) -> None:
        from PySide6.QtCore import QObject, Signal

        class Signals(QObject):
            sig_task_added = Signal(int)
            sig_task_changed = Signal(int)
            sig_task_removed = Signal(int)

        self.signals = Signals()
        self.sig_task_added = self.signals.sig_task_added
        self.sig_task_changed = self.signals.sig_task_changed
        self.sig_task_removed = self.signals.sig_task_removed


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = TaskStore(tmp_path / "t.db")
    yield s
    s.close()


def test_lazy_pages_and_newest_first(store: TaskStore, qapp) -> None:  # type: ignore[no-untyped-def]
    for i in range(PAGE_SIZE * 2 + 10):
        add(store, prompt=f"p{i}")
    model = TaskTableModel(store, FakeManager())  # type: ignore[arg-type]
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore(QModelIndex())
    assert model.index(0, Column.PROMPT).data() == f"p{PAGE_SIZE * 2 + 9}"
    model.fetchMore(QModelIndex())
    model.fetch_all()
    assert model.rowCount() == PAGE_SIZE * 2 + 10 and not model.canFetchMore(QModelIndex())
    assert model.index(model.rowCount() - 1, Column.PROMPT).data() == "p0"


def test_insert_update_remove(store: TaskStore, qapp) -> None:  # type: ignore[no-untyped-def]
    manager = FakeManager()
    model = TaskTableModel(store, manager)  # type: ignore[arg-type]
    first = add(store, prompt="first")
    manager.sig_task_added.emit(first.id)
    second = add(store, prompt="second")
    manager.sig_task_added.emit(second.id)
    assert [model.index(r, Column.PROMPT).data() for r in range(2)] == ["second", "first"]
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=(): changes.append((a.row(), b.row())))
    store.update(first.id, progress=40, status="processing", server_id="task-a")
    for _ in range(5):  # a burst of updates to one row repaints it once
        manager.sig_task_changed.emit(first.id)
    deadline = time.time() + 2
    while not changes and time.time() < deadline:
        QCoreApplication.processEvents()
    assert changes == [(1, 1)]
    assert model.index(1, Column.PROGRESS).data(TaskRole.PROGRESS) == 40
    manager.sig_task_removed.emit(second.id)
    assert model.rowCount() == 1 and model.index(0, Column.PROMPT).data() == "first"


def test_filters_and_search_see_the_whole_history(store: TaskStore, qapp) -> None:  # type: ignore[no-untyped-def]
    for i in range(PAGE_SIZE + 50):
        add(store, prompt=f"horse {i}", status=TaskStatus.COMPLETED, video_path="/v.mp4")
    add(store, prompt="needle in the hay", status=TaskStatus.FAILED, server_id="task-needle")
    oldest_failed = store.get(1)
    store.update(oldest_failed.id, status=TaskStatus.EXPIRED)  # type: ignore[union-attr]
    model = TaskTableModel(store, FakeManager())  # type: ignore[arg-type]
    proxy = TaskFilterModel()
    proxy.setSourceModel(model)
    proxy.set_category(Category.FAILED)
    assert proxy.rowCount() == 2  # includes the oldest row, which was not loaded at first
    assert {model.index(r, Column.PROMPT).data() for r in range(2)} >= {"needle in the hay"}
    proxy.set_category(Category.ALL)
    proxy.set_search("task-needle")
    assert proxy.rowCount() == 1
    proxy.set_search("100%_")  # LIKE wildcards are searched literally
    assert proxy.rowCount() == 0
    proxy.set_search("")
    proxy.set_category(Category.DONE)
    assert model.total() == PAGE_SIZE + 49 and proxy.rowCount() == PAGE_SIZE  # loaded page by page
    proxy.sort(Column.PROMPT, Qt.SortOrder.AscendingOrder)
    prompts = [model.index(r, Column.PROMPT).data() for r in range(model.rowCount())]
    assert prompts == sorted(prompts, key=str.lower) and prompts[0] == "horse 1"  # horse 0 expired


def test_texts(store: TaskStore) -> None:
    r = add(store, status=TaskStatus.COMPLETED, credits_reserved=607500)
    assert status_text(r) == "Completed — saving…" and credits_text(r) == "60.75 reserved"
    r = store.update(r.id, download_error="Not saved yet: disk full")
    assert status_text(r) == "Completed — not saved" and category_of(r) == Category.FAILED  # type: ignore[arg-type]
    r = store.update(r.id, video_path="/v.mp4", download_error=None, credits_used=500000)
    assert status_text(r) == "Completed" and credits_text(r) == "50.00"  # type: ignore[arg-type]
    f = add(store, status=TaskStatus.FAILED, credits_reserved=607500)
    assert credits_text(f) == "60.75 refunded" and category_of(f) == Category.FAILED
    u = add(store, status=TaskStatus.UNKNOWN)
    assert "check before re-running" in status_text(u)
    p = add(store, status="processing", server_id="t", tracking=False)
    assert status_text(p) == "Generating (not tracked)" and category_of(p) == Category.ACTIVE
    now = time.mktime((2026, 11, 25, 15, 0, 0, 0, 0, -1))
    assert short_time(now - 3600, now) == "14:00"
    assert short_time(now - 86400 * 3, now) == "Nov 22 15:00"
    assert short_time(now - 86400 * 400, now).startswith("2025-")


def test_headers_follow_the_contract(store: TaskStore) -> None:
    model = TaskTableModel(store, FakeManager())  # type: ignore[arg-type]
    labels = {model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())}
    assert {"Task ID", "Status", "Progress", "Credits"} <= labels
