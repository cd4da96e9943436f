"""The task table (``taskView``): columns, sorting through the model (in SQLite), a thumbnail per row,
status chips and progress bars, a hint over an empty list, and a header menu to show or hide columns.

Columns are as wide as their words in the current font (never a cut figure: credits and times always
fit); the prompt takes what is left, on up to two lines, and is elided last. When the table is too
narrow for every column (a 1024 px window), the least important columns step aside, in a fixed order,
instead of making the table scroll sideways; everything they show is also in the details panel. The
columns the user hides through the header menu stay hidden whatever the width. A chain of takes is one
row; a click on its ▸ (or → / ← on the keyboard) unfolds and folds its takes.

It only displays; what a row can do (play, re-run, remove…) is the window's business.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMenu, QTableView, QWidget

from happyhorse_desktop import formatting
from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.routes import ROUTES
from happyhorse_desktop.ui.delegates import (
    CELL_PADDING,
    ProgressDelegate,
    StatusChipDelegate,
    TaskCellDelegate,
    status_cell_width,
)
from happyhorse_desktop.ui.task_cells import time_left_phrase
from happyhorse_desktop.ui.task_model import Column, TaskTableModel
from happyhorse_desktop.ui.thumbnails import THUMB_SIZE
from happyhorse_desktop.vocabulary import credit_phrases, mode_word, output_words, status_vocabulary

ALWAYS_SHOWN = (Column.PROMPT, Column.STATUS, Column.PROGRESS, Column.CREDITS)
# The optional columns, the one to keep longest first; a narrow table hides them from the end.
OPTIONAL_BY_PRIORITY = (Column.ELAPSED, Column.SETTINGS, Column.THUMBNAIL, Column.CREATED, Column.TASK_ID)
PROMPT_MIN_CHARS = 22  # the prompt column keeps room for about this many characters


def natural_widths(metrics: QFontMetrics) -> dict[Column, int]:
    """Each fixed column's width in this font: wide enough for its longest word or figure."""

    def widest(*texts: str) -> int:
        return max(metrics.horizontalAdvance(t) for t in texts) + 2 * CELL_PADDING + 4

    figure = format_credits(99999.99)
    credit_words = [w for phrase in credit_phrases(figure) for w in phrase.split()]
    # and the time left, the line under a running task's chip, at its widest under an hour
    statuses = [*status_vocabulary(), ("", time_left_phrase(59 * 60 + 58))]
    return {
        Column.THUMBNAIL: THUMB_SIZE.width() + 12,
        Column.TASK_ID: widest("task-uni…-h1i2vcd9"),
        Column.STATUS: max(status_cell_width(label, meaning, metrics) for label, meaning in statuses),
        Column.PROGRESS: widest(formatting.percent(100)) + 24,
        Column.CREDITS: widest(*credit_words),
        Column.SETTINGS: widest(output_words("1080p", 15), *(mode_word(model) for model in ROUTES)),
        Column.CREATED: widest(*_sample_moments()),
        Column.ELAPSED: widest("88:88", *formatting.duration(88 * 3600 + 58 * 60).split()),
    }


def _sample_moments() -> list[str]:
    """The widest ways the Created column writes a moment (``formatting.moment``): a day and time
    earlier this year, with a two-digit day and an evening hour, and a date in an earlier year."""
    now = time.mktime((2025, 12, 30, 12, 0, 0, 0, 0, -1))
    this_year, last_year = (time.mktime((y, 12, 28, 23, 58, 0, 0, 0, -1)) for y in (2025, 2024))
    return [formatting.moment(this_year, now), formatting.moment(last_year, now)]


class TaskTableView(QTableView):
    sig_columns_changed = Signal()
    """The user showed or hid a column through the header menu (the window remembers the choice)."""

    def __init__(self, model: TaskTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskView")
        self.setModel(model)
        self.setItemDelegate(TaskCellDelegate({Column.TASK_ID}, self))
        self.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self))
        self.setItemDelegateForColumn(Column.STATUS, StatusChipDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setShowGrid(False)
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
        header.setHighlightSections(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)  # a prompt or "97.20 reserved" takes a second line before anything is cut
        self.verticalHeader().setVisible(False)
        metrics = self.fontMetrics()
        self.verticalHeader().setDefaultSectionSize(
            max(THUMB_SIZE.height() + 8, 2 * metrics.lineSpacing() + 12)
        )
        self.setIconSize(THUMB_SIZE)
        self._widths = natural_widths(metrics)
        self._user_hidden: set[Column] = set()
        self._fitting = False
        for column, width in self._widths.items():
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

    # -- columns --------------------------------------------------------------------------------

    def user_hidden_columns(self) -> set[Column]:
        """The columns the user hid through the header menu."""
        return set(self._user_hidden)

    def set_user_hidden_columns(self, columns: set[Column]) -> None:
        self._user_hidden = {c for c in columns if c not in ALWAYS_SHOWN}
        self.fit_columns()

    def fit_columns(self) -> None:
        """Show the wanted columns that fit beside a readable prompt, most important first."""
        if self._fitting:
            return
        self._fitting = True
        try:
            room = self.viewport().width() - PROMPT_MIN_CHARS * self.fontMetrics().averageCharWidth()
            room -= sum(self._widths[c] for c in ALWAYS_SHOWN if c in self._widths)
            header = self.horizontalHeader()
            for column in OPTIONAL_BY_PRIORITY:
                wanted = column not in self._user_hidden and room >= self._widths[column]
                if wanted:
                    room -= self._widths[column]
                if header.isSectionHidden(column) == wanted:
                    header.setSectionHidden(column, not wanted)
                    if wanted:
                        self.setColumnWidth(column, self._widths[column])
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def _header_menu(self, point: QPoint) -> None:
        """Right-click on the header: show or hide columns (remembered by the window)."""
        menu = QMenu(self)
        for column in OPTIONAL_BY_PRIORITY:
            title = self.model().headerData(column, Qt.Orientation.Horizontal) or self.tr("Picture")
            action = menu.addAction(str(title))
            action.setCheckable(True)
            action.setChecked(column not in self._user_hidden)
            action.toggled.connect(lambda on, c=column: self._toggle_column(c, on))
        menu.popup(self.horizontalHeader().mapToGlobal(point))

    def _toggle_column(self, column: Column, shown: bool) -> None:
        (self._user_hidden.discard if shown else self._user_hidden.add)(column)
        self.fit_columns()
        self.sig_columns_changed.emit()

    # -- the empty list -------------------------------------------------------------------------

    def set_filtered(self, filtered: bool) -> None:
        """Whether a filter or search is on (an empty list then means "no match", not "no tasks")."""
        self._filtered = filtered
        self._update_empty_hint()

    def _update_empty_hint(self, *_: object) -> None:
        model = self.model()
        if isinstance(model, TaskTableModel) and not model.attached:
            text = self.tr("Opening the task history…")  # the window paints before the history is read
        elif self._filtered:
            text = self.tr("No task matches this filter.")
        else:
            text = self.tr("No tasks yet: the videos you generate are listed here.")
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(self.model().rowCount() == 0)
        self.empty_hint.setGeometry(self.viewport().rect())

    # -- chains --------------------------------------------------------------------------------

    def _chain_at(self, row: int) -> int | None:
        model = self.model()
        assert isinstance(model, TaskTableModel)
        record = model.record_at(row)
        return record.id if record is not None and model.chain_takes(record.id) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if (
            index.isValid()
            and index.column() == Column.PROMPT
            and event.button() == Qt.MouseButton.LeftButton
        ):
            task_id = self._chain_at(index.row())
            arrow_end = (
                self.visualRect(index).left() + CELL_PADDING + 2 * self.fontMetrics().horizontalAdvance("▸ ")
            )
            if task_id is not None and event.position().x() <= arrow_end:
                model = self.model()
                assert isinstance(model, TaskTableModel)
                model.toggle_chain(task_id)
                self.selectRow(index.row())
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        task_id = self._chain_at(current.row()) if current.isValid() else None
        if task_id is not None and event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            model = self.model()
            assert isinstance(model, TaskTableModel)
            if model.is_unfolded(task_id) == (event.key() == Qt.Key.Key_Left):
                model.toggle_chain(task_id)
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_hint.setGeometry(self.viewport().rect())
        return super().eventFilter(watched, event)
