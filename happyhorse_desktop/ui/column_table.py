"""``ColumnTableModel``: what the flat tables of takes (the batch composer's, the queue's) share — a list
of rows, columns named by an ``IntEnum`` and a horizontal header of their titles."""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex


class ColumnTableModel(QAbstractTableModel):
    """A subclass names its columns (``COLUMNS``) and their titles, in their order, through its own
    ``self.tr`` (``column_titles``); it says how many rows it has (``row_count``)."""

    COLUMNS: ClassVar[type[IntEnum]]

    def row_count(self) -> int:
        raise NotImplementedError

    def column_titles(self) -> list[str]:
        raise NotImplementedError

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.column_titles()
        return titles[section] if 0 <= section < len(titles) else None
