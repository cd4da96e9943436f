"""``ColumnTableModel``: what the flat tables of takes (the batch composer's, the queue's) share — a list
of rows, columns named by an ``IntEnum`` and a horizontal header of their translated titles."""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from happyhorse_desktop.i18n_core import translate

ModelIndex = QModelIndex | QPersistentModelIndex


class ColumnTableModel(QAbstractTableModel):
    """A subclass names its columns (``COLUMNS``) and their titles, marked with
    ``QT_TRANSLATE_NOOP("<its class name>", …)`` and translated here in that context, the one its own
    ``self.tr`` uses; it says how many rows it has (``row_count``)."""

    COLUMNS: ClassVar[type[IntEnum]]
    COLUMN_TITLES: ClassVar[dict[IntEnum, str]]

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        title = self.COLUMN_TITLES.get(self.COLUMNS(section))
        return translate(type(self).__name__, title) if title else None
