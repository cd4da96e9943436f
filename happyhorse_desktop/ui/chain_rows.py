"""Which rows the task list shows when chains are folded: a chain is one item, its first take, which
unfolds to show the takes continued from it right below.

Pure bookkeeping over task ids, so the table model stays a flat, SQL-ordered list: the store gives the
matching ids in the chosen order and the parent links (few: only continuations have one); this module
hides each continuation under the first take of its chain and, for an unfolded chain, lists its takes
after it in the order they were made. A continuation whose first take is filtered out of the list is
shown on its own, where the order puts it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MAX_DEPTH = 500  # a guard against a cycle written by hand into the history


def chain_root(task_id: int, parents: Mapping[int, int]) -> int:
    """The first take of the chain ``task_id`` belongs to (itself when it continues nothing)."""
    seen = {task_id}
    current = task_id
    while (parent := parents.get(current)) is not None and parent not in seen and len(seen) < MAX_DEPTH:
        seen.add(parent)
        current = parent
    return current


@dataclass
class ChainRows:
    """The parent links of the history and which chains the user unfolded."""

    parents: dict[int, int] = field(default_factory=dict)  # continuation -> the take it continues
    unfolded: set[int] = field(default_factory=set)  # first takes of the chains shown unfolded
    _groups: dict[int, list[int]] | None = None  # first take -> its continuations (built on demand)

    def root_of(self, task_id: int) -> int:
        return chain_root(task_id, self.parents)

    def members(self, root: int) -> list[int]:
        """The takes continued (directly or not) from ``root``, in the order they were made."""
        if self._groups is None:
            groups: dict[int, list[int]] = {}
            for child in sorted(self.parents):
                root_id = self.root_of(child)
                if root_id != child:
                    groups.setdefault(root_id, []).append(child)
            self._groups = groups
        return self._groups.get(root, [])

    def link(self, task_id: int, parent_id: int | None) -> None:
        if parent_id is not None and parent_id != task_id and self.parents.get(task_id) != parent_id:
            self.parents[task_id] = parent_id
            self._groups = None

    def forget(self, task_id: int) -> None:
        self.parents.pop(task_id, None)
        self.unfolded.discard(task_id)
        self._groups = None

    def is_hidden_under(self, task_id: int, present: set[int]) -> int | None:
        """The first take a continuation is listed under (None: it is a row of its own)."""
        if task_id not in self.parents:
            return None
        root = self.root_of(task_id)
        return root if root != task_id and root in present else None

    def arrange(self, ids: Iterable[int]) -> list[int]:
        """The rows to show, given the matching ids in the list's order."""
        ordered = list(ids)
        present = set(ordered)
        rows: list[int] = []
        for task_id in ordered:
            if self.is_hidden_under(task_id, present) is not None:
                continue  # listed under the first take of its chain
            rows.append(task_id)
            if task_id in self.unfolded:
                rows.extend(child for child in self.members(task_id) if child in present)
        return rows
