"""``ChainFolding``: the task list's chains of takes, one row each, unfolded on demand — the part of
``TaskTableModel`` that decides which takes of a chain have rows (the model keeps the rows)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from happyhorse_desktop.i18n_core import Context
from happyhorse_desktop.ui.chain_rows import ChainRows
from happyhorse_desktop.ui.task_cells import Column, display_text
from happyhorse_desktop.vocabulary import task_title

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, SignalInstance

    from happyhorse_desktop.tasks.record import TaskRecord

TaskTable = Context("TaskTable")


class ChainFolding:
    """Mixed into the model, which provides the rows (``_ids``), the listed ids (``_present``) and the
    row operations below."""

    chains: ChainRows
    _ids: list[int]
    _present: set[int]
    dataChanged: SignalInstance

    if TYPE_CHECKING:  # declared for the type checker only: at run time the model's own methods answer

        def row_of(self, task_id: int) -> int | None: ...
        def load_row_of(self, task_id: int) -> int | None: ...
        def index(self, row: int, column: int) -> QModelIndex: ...
        def _insert(self, position: int, ids: list[int]) -> None: ...
        def _remove(self, position: int, count: int) -> None: ...

    def chain_takes(self, task_id: int) -> int:
        """How many takes continue the chain this row starts (0: it starts none, or is inside one)."""
        return sum(1 for child in self.chains.members(task_id) if child in self._present)

    def is_unfolded(self, task_id: int) -> bool:
        return task_id in self.chains.unfolded

    def toggle_chain(self, task_id: int) -> bool:
        """Unfold a chain's takes below its first take, or fold them back; False if it is no chain."""
        row = self.row_of(task_id)
        takes = [child for child in self.chains.members(task_id) if child in self._present]
        if row is None or not takes:
            return False
        if task_id in self.chains.unfolded:
            self.chains.unfolded.discard(task_id)
            self._remove(row + 1, self._unfolded_block(row))
        else:
            self.chains.unfolded.add(task_id)
            self._insert(row + 1, takes)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        return True

    def reveal(self, task_id: int) -> None:
        """Unfold the chain a take is folded into, so that it has a row to select."""
        root = self.chains.is_hidden_under(task_id, self._present)
        if root is None or root in self.chains.unfolded:
            return
        self.load_row_of(root)
        self.toggle_chain(root)

    def _unfolded_block(self, row: int) -> int:
        """How many rows right below ``row`` are the takes of the chain it starts."""
        takes = set(self.chains.members(self._ids[row]))
        count = 0
        while row + 1 + count < len(self._ids) and self._ids[row + 1 + count] in takes:
            count += 1
        return count

    def _prompt_text(self, record: TaskRecord) -> str:
        takes = self.chain_takes(record.id)
        if takes:
            arrow = "▾" if record.id in self.chains.unfolded else "▸"
            # the chain's size first: a long prompt is cut at its end, never the count
            chain = TaskTable.tr("%n takes", "chain", takes + 1)
            return f"{arrow} {chain} · {task_title(record, 80)}"
        if self.chains.is_hidden_under(record.id, self._present) is not None:
            return "\u2003↳ " + task_title(record, 80)  # a take of an unfolded chain, indented under it
        return display_text(record, Column.PROMPT)
