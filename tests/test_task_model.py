"""The task table model over a real store: lazy pages, inserts, coalesced updates, filters."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, Signal
from storekit import add

from happyhorse_desktop.tasks.status import Outcome, TaskStatus
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.ui.task_model import PAGE_SIZE, Column, TaskRole, TaskTableModel, short_time
from happyhorse_desktop.vocabulary import credits_text, status_text


class TaskEvents(QObject):
    """The three signals the model listens to (the task manager's, without an engine)."""

    sig_task_added = Signal(int)
    sig_task_changed = Signal(int)
    sig_task_removed = Signal(int)


def model_over(store: TaskStore, events: TaskEvents | None = None) -> TaskTableModel:
    events = events or TaskEvents()
    return TaskTableModel(store, events.sig_task_added, events.sig_task_changed, events.sig_task_removed)


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = TaskStore(tmp_path / "t.db")
    yield s
    s.close()


def test_lazy_pages_and_newest_first(store: TaskStore, qapp) -> None:  # type: ignore[no-untyped-def]
    for i in range(PAGE_SIZE * 2 + 10):
        add(store, prompt=f"p{i}")
    model = model_over(store)
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore(QModelIndex())
    assert model.index(0, Column.PROMPT).data() == f"p{PAGE_SIZE * 2 + 9}"
    model.fetchMore(QModelIndex())
    model.fetch_all()
    assert model.rowCount() == PAGE_SIZE * 2 + 10 and not model.canFetchMore(QModelIndex())
    assert model.index(model.rowCount() - 1, Column.PROMPT).data() == "p0"


def test_a_new_row_shows_only_when_it_matches_the_filter(store: TaskStore, qapp) -> None:  # type: ignore[no-untyped-def]
    events = TaskEvents()
    model = model_over(store, events)
    model.set_outcome(Outcome.ATTENTION)
    running = add(store, prompt="running", status=TaskStatus.PROCESSING)
    events.sig_task_added.emit(running.id)
    failed = add(store, prompt="failed", status=TaskStatus.FAILED)
    events.sig_task_added.emit(failed.id)
    assert [model.index(r, Column.PROMPT).data() for r in range(model.rowCount())] == ["failed"]


def test_insert_update_remove(store: TaskStore, qapp) -> None:  # type: ignore[no-untyped-def]
    manager = TaskEvents()
    model = model_over(store, manager)
    first = add(store, prompt="first")
    manager.sig_task_added.emit(first.id)
    second = add(store, prompt="second")
    manager.sig_task_added.emit(second.id)
    assert [model.index(r, Column.PROMPT).data() for r in range(2)] == ["second", "first"]
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=(): changes.append((a.row(), b.row())))
    store.update(first.id, progress=40, status=TaskStatus.PROCESSING, server_id="task-a")
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
    model = model_over(store)
    model.set_outcome(Outcome.ATTENTION)
    assert model.rowCount() == 2  # includes the oldest row, which was not loaded at first
    assert {model.index(r, Column.PROMPT).data() for r in range(2)} >= {"needle in the hay"}
    model.set_outcome(Outcome.ALL)
    model.set_search("task-needle")
    assert model.rowCount() == 1
    model.set_search("100%_")  # LIKE wildcards are searched literally
    assert model.rowCount() == 0
    model.set_search("")
    model.set_outcome(Outcome.DONE)
    assert model.total() == PAGE_SIZE + 49 and model.rowCount() == PAGE_SIZE  # loaded page by page
    model.sort(Column.PROMPT, Qt.SortOrder.AscendingOrder)
    prompts = [model.index(r, Column.PROMPT).data() for r in range(model.rowCount())]
    assert prompts == sorted(prompts, key=str.lower) and prompts[0] == "horse 1"  # horse 0 expired


def test_texts(store: TaskStore) -> None:
    r = add(store, status=TaskStatus.COMPLETED, credits_reserved=607500)
    assert status_text(r) == "Completed — saving…" and credits_text(r) == "60.75 reserved"
    r = store.update(r.id, download_error="Not saved yet: disk full")
    assert status_text(r) == "Completed — not saved"  # type: ignore[arg-type]
    r = store.update(r.id, video_path="/v.mp4", download_error=None, credits_used=500000)
    assert status_text(r) == "Completed" and credits_text(r) == "50.00"  # type: ignore[arg-type]
    f = add(store, status=TaskStatus.FAILED, credits_reserved=607500)
    assert credits_text(f) == "60.75 refunded"
    u = add(store, status=TaskStatus.UNKNOWN)
    assert "check before re-running" in status_text(u)
    p = add(store, status=TaskStatus.PROCESSING, server_id="t", tracking=False)
    assert status_text(p) == "Generating (not tracked)"
    i = add(store, status=TaskStatus.INTERRUPTED)
    assert status_text(i) == "Interrupted — not sent"
    now = time.mktime((2026, 11, 25, 15, 0, 0, 0, 0, -1))
    # QLocale's short formats (the suite reads en_US; CLDR puts a narrow no-break space before PM)
    assert short_time(now - 3600, now) == "2:00\u202fPM"
    assert short_time(now - 86400 * 3, now) == "Nov 22 3:00\u202fPM"
    assert short_time(now - 86400 * 400, now) == "10/21/25"


def test_headers_follow_the_contract(store: TaskStore) -> None:
    model = model_over(store)
    labels = {model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())}
    assert {"Task ID", "Status", "Progress", "Credits"} <= labels
