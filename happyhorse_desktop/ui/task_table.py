"""The task table (``taskView``): columns, sorting through the model (in SQLite), a thumbnail per row, the
progress bar delegate, a hint over an empty list, and a header menu to show or hide columns.

It only displays; what a row can do (play, re-run, remove…) is the window's business.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMenu, QTableView, QWidget

from happyhorse_desktop.ui.delegates import ProgressDelegate
from happyhorse_desktop.ui.task_model import Column, TaskTableModel
from happyhorse_desktop.ui.thumbnails import THUMB_SIZE

# Narrow fixed columns so the stretching prompt column keeps most of the width.
COLUMN_WIDTHS = {
    Column.THUMBNAIL: THUMB_SIZE.width() + 12,
    Column.TASK_ID: 100,
    Column.STATUS: 130,
    Column.PROGRESS: 90,
    Column.CREDITS: 100,
    Column.SETTINGS: 80,
    Column.CREATED: 92,
    Column.ELAPSED: 96,
}
ALWAYS_SHOWN = (Column.PROMPT, Column.STATUS)


class TaskTableView(QTableView):
    def __init__(self, model: TaskTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskView")
        self.setModel(model)
        self.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The store already yields newest first, so start-up shows that order without sorting; a click on
        # a header asks the model, which asks SQLite. (setSortingEnabled would sort all loaded rows before
        # the first paint, which measurably slowed start-up with a long history.)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.CREATED, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(model.sort)
        header.setSectionResizeMode(Column.PROMPT, QHeaderView.ResizeMode.Stretch)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(THUMB_SIZE.height() + 8)
        self.setIconSize(THUMB_SIZE)
        for column, width in COLUMN_WIDTHS.items():
            self.setColumnWidth(column, width)

        # What an empty list means: no tasks yet, or nothing matching the filter.
        self.empty_hint = QLabel(self.viewport())
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setEnabled(False)
        self._filtered = False
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._update_empty_hint)
        self.viewport().installEventFilter(self)
        self._update_empty_hint()

    def set_filtered(self, filtered: bool) -> None:
        """Whether a filter or search is on (an empty list then means "no match", not "no tasks")."""
        self._filtered = filtered
        self._update_empty_hint()

    def _update_empty_hint(self, *_: object) -> None:
        if self._filtered:
            text = self.tr("No task matches this filter.")
        else:
            text = self.tr(
                "No tasks yet.\nDrop a picture on the left, describe the motion and press Generate video."
            )
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(self.model().rowCount() == 0)
        self.empty_hint.setGeometry(self.viewport().rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_hint.setGeometry(self.viewport().rect())
        return super().eventFilter(watched, event)

    def _header_menu(self, point: QPoint) -> None:
        """Right-click on the header: show or hide columns (remembered with the header state)."""
        header = self.horizontalHeader()
        menu = QMenu(self)
        for column in Column:
            if column in ALWAYS_SHOWN:
                continue
            title = self.model().headerData(column, Qt.Orientation.Horizontal) or self.tr("Thumbnail")
            action = menu.addAction(str(title))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.popup(header.mapToGlobal(point))
