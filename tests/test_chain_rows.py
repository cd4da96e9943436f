"""A chain of takes is one item in the task list: folded under its first take, unfolded on demand,
in the pure bookkeeping, the table model over a real store, and the real window's table."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from storekit import add
from test_task_model import TaskEvents, model_over

from happyhorse_desktop.tasks.status import Outcome, TaskStatus
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.ui.chain_rows import ChainRows, chain_root
from happyhorse_desktop.ui.task_model import Column
from happyhorse_desktop.ui.task_table import TaskTableView


def test_roots_follow_parents_and_survive_a_cycle() -> None:
    parents = {2: 1, 3: 2, 5: 4}
    assert [chain_root(i, parents) for i in (1, 2, 3, 4, 5, 6)] == [1, 1, 1, 4, 4, 6]
    assert chain_root(7, {7: 8, 8: 7}) in (7, 8)  # a cycle written by hand ends, somewhere


def test_arrange_folds_continuations_and_unfolds_them_in_the_order_they_were_made() -> None:
    chains = ChainRows(parents={3: 1, 5: 3, 6: 2})
    newest_first = [6, 5, 4, 3, 2, 1]
    assert chains.arrange(newest_first) == [4, 2, 1]
    chains.unfolded.add(1)
    assert chains.arrange(newest_first) == [4, 2, 1, 3, 5]
    # a continuation whose first take is filtered out stands on its own, where the order puts it
    assert chains.arrange([6, 5, 3]) == [6, 5, 3]


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = TaskStore(tmp_path / "t.db")
    yield s
    s.close()


def _prompts(model) -> list[str]:  # type: ignore[no-untyped-def]
    """Each row's prompt cell, a chain's size reduced to its figure: "▸ [3] gallop"."""
    shown = []
    for row in range(model.rowCount()):
        text = model.index(row, Column.PROMPT).data()
        arrow, chain, title = text.partition(" · ") if " · " in text else ("", "", text)
        shown.append(f"{arrow[0]} [{''.join(c for c in arrow if c.isdigit())}] {title}" if chain else title)
    return shown


def _chain(store: TaskStore) -> list[int]:
    first = add(store, prompt="gallop", status=TaskStatus.COMPLETED)
    second = add(store, prompt="slows", status=TaskStatus.COMPLETED, parent_id=first.id)
    third = add(store, prompt="stops", status=TaskStatus.COMPLETED, parent_id=second.id)
    return [first.id, second.id, third.id]


def test_the_model_shows_a_chain_as_one_row_that_unfolds_and_folds(store: TaskStore, qapp) -> None:  # type: ignore[no-untyped-def]
    add(store, prompt="alone")
    first, second, third = _chain(store)
    events = TaskEvents()
    model = model_over(store, events)
    assert _prompts(model) == ["▸ [3] gallop", "alone"]
    assert model.chain_takes(first) == 2 and model.chain_takes(second) == 0

    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, a, b: inserted.append((a, b)))
    assert model.toggle_chain(first)
    assert inserted == [(1, 2)]  # rows inserted, not a reset: the selection stays where it was
    assert _prompts(model)[:3] == ["▾ [3] gallop", "\u2003↳ slows", "\u2003↳ stops"]

    fourth = add(store, prompt="turns", status=TaskStatus.PROCESSING, parent_id=third)
    events.sig_task_added.emit(fourth.id)
    assert _prompts(model)[3] == "\u2003↳ turns"  # a new take of an unfolded chain joins its end
    assert model.toggle_chain(first)
    assert _prompts(model) == ["▸ [4] gallop", "alone"]
    assert not model.toggle_chain(second)  # inside a chain: nothing to unfold

    model.reveal(third)  # selecting a folded take unfolds its chain
    assert model.row_of(third) == 2


def test_removing_a_link_splits_the_chain_and_a_filter_can_show_a_take_alone(store: TaskStore, qapp) -> None:  # type: ignore[no-untyped-def]
    first, second, _third = _chain(store)
    events = TaskEvents()
    model = model_over(store, events)
    model.set_search("stops")
    assert _prompts(model) == ["↳ stops"]  # its first take does not match: it stands alone
    model.set_search("")
    store.remove(second)
    events.sig_task_removed.emit(second)
    assert _prompts(model) == ["stops", "gallop"]  # the link is cut: two takes of their own
    model.set_outcome(Outcome.ALL)
    assert model.chain_takes(first) == 0


def test_a_click_on_the_arrow_and_the_arrow_keys_unfold_in_the_table(store: TaskStore, qtbot) -> None:  # type: ignore[no-untyped-def]
    first, second, _third = _chain(store)
    model = model_over(store)
    view = TaskTableView(model)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    cell = view.visualRect(model.index(0, Column.PROMPT))
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(cell.left() + 6, cell.center().y())
    )
    assert model.rowCount() == 3 and model.is_unfolded(first)
    qtbot.mouseClick(  # a click elsewhere on the row selects it and folds nothing
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(cell.right() - 4, cell.center().y())
    )
    assert model.rowCount() == 3
    view.setCurrentIndex(model.index(0, Column.PROMPT))
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert model.rowCount() == 1 and not model.is_unfolded(first)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert model.rowCount() == 3 and model.row_of(second) == 1
