"""Item delegates for the task table, and the colours of a task's status (shared with the details panel).

``ProgressDelegate`` paint flow: ask the model for ``TaskRole.PROGRESS`` (an int 0..100, or -1 for rows
that have no server task yet); for -1 fall back to the default text painting; otherwise fill a
``QStyleOptionProgressBar`` with the cell rectangle and let the current style draw ``CE_ProgressBar``, so
the bar matches the platform theme (light, dark, high-DPI) without any custom drawing.

``StatusChipDelegate`` paint flow: let the style draw the cell's background (selection, alternate rows,
focus) with no text; ask the model for ``TaskRole.STATUS_PARTS`` (label, meaning) and the record; draw
the label as a rounded chip tinted with the status's tone (:func:`tone_of`), then the meaning on a second
line in the palette's muted text colour, elided only if the column is narrower than the words. The chip
is sized from the font, so it grows with the font and scales at 200 %.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QWidget

from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import NEEDS_USER, TaskStatus
from happyhorse_desktop.ui.task_model import TaskRole

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

# QStyle and its options are reached through the module when a cell is painted, not imported here:
# importing them builds their many enums (~10 ms), and the window's first paint has no task cells.

ModelIndex = QModelIndex | QPersistentModelIndex
CHIP_PADDING = 8  # px left and right of the label inside the chip
CELL_PADDING = 6  # px between the cell's edge and its content


class Tone(Enum):
    """How a status feels: the colour of its chip (light palette, dark palette)."""

    RUNNING = ("#1565c0", "#90caf9")
    DONE = ("#2e7d32", "#81c784")
    WARNING = ("#b26a00", "#ffcc80")
    ERROR = ("#c62828", "#ff8a80")
    QUIET = ("#616161", "#bdbdbd")


def tone_of(record: TaskRecord) -> Tone:
    """The tone of a task's status: green when saved, red or amber when it needs the user, grey when
    nothing more will happen, blue while it runs."""
    if record.status == TaskStatus.COMPLETED:
        if record.video_path:
            return Tone.DONE
        return Tone.ERROR if record.download_error else Tone.RUNNING
    if record.status in (TaskStatus.UNKNOWN, TaskStatus.INTERRUPTED):
        return Tone.WARNING
    if record.status in NEEDS_USER:
        return Tone.ERROR
    if record.status == TaskStatus.CANCELLED or not record.tracking:
        return Tone.QUIET
    return Tone.RUNNING


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tone_colour(tone: Tone, palette: QPalette) -> QColor:
    return QColor(tone.value[1] if is_dark(palette) else tone.value[0])


def chip_size(label: str, metrics: QFontMetrics) -> QSize:
    return QSize(metrics.horizontalAdvance(label) + 2 * CHIP_PADDING, metrics.height() + 4)


def status_cell_width(label: str, meaning: str, metrics: QFontMetrics) -> int:
    """How wide a status cell must be for its chip and its meaning line to show uncut (the geometry
    :class:`StatusChipDelegate` paints with)."""
    meaning_width = metrics.horizontalAdvance(meaning) + CHIP_PADDING // 2 if meaning else 0
    return max(chip_size(label, metrics).width(), meaning_width) + 2 * CELL_PADDING


def paint_chip(
    painter: QPainter, rect: QRectF, label: str, tone: Tone, palette: QPalette, selected: bool = False
) -> None:
    """A rounded chip: a soft tint of the tone behind the label in the tone's full colour; on a
    selected row, a solid pill in the selection's text colour, so the label stays readable."""
    colour = tone_colour(tone, palette)
    fill = QColor(colour)
    fill.setAlphaF(0.22 if is_dark(palette) else 0.14)
    if selected:
        fill = QColor(palette.color(QPalette.ColorRole.HighlightedText))
        fill.setAlphaF(0.92)
        colour = QColor(tone.value[0] if fill.lightness() >= 128 else tone.value[1])
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setPen(colour)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


def muted_colour(palette: QPalette) -> QColor:
    colour = QColor(palette.color(QPalette.ColorRole.Text))
    colour.setAlphaF(0.62)
    return colour


class TaskCellDelegate(QStyledItemDelegate):
    """Plain cells; ids lose their middle rather than their unique end when the column is narrow."""

    def __init__(self, middle_elided: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._middle_elided = middle_elided

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() in self._middle_elided:  # one line, its unique end kept
            option.textElideMode = Qt.TextElideMode.ElideMiddle  # type: ignore[attr-defined]
            option.features &= ~QtWidgets.QStyleOptionViewItem.ViewItemFeature.WrapText  # type: ignore[attr-defined]


class StatusChipDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        parts = index.data(TaskRole.STATUS_PARTS)
        record = index.data(TaskRole.RECORD)
        if not parts or record is None:
            super().paint(painter, option, index)
            return
        cell = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.text = ""  # type: ignore[attr-defined]
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QtWidgets.QStyle.ControlElement.CE_ItemViewItem, cell, painter, widget)
        label, meaning = parts
        selected = bool(option.state & QtWidgets.QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined, operator]
        palette = option.palette  # type: ignore[attr-defined]
        metrics = option.fontMetrics  # type: ignore[attr-defined]
        rect = option.rect.adjusted(CELL_PADDING, 0, -CELL_PADDING, 0)  # type: ignore[attr-defined]
        size = chip_size(label, metrics)
        lines = 2 if meaning else 1
        top = rect.top() + (rect.height() - size.height() - (metrics.height() if meaning else 0)) // 2
        chip = QRectF(rect.left(), top, min(size.width(), rect.width()), size.height())
        paint_chip(
            painter,
            chip,
            metrics.elidedText(label, Qt.TextElideMode.ElideRight, rect.width()),
            tone_of(record),
            palette,
            selected,
        )
        if lines == 2:
            painter.save()
            painter.setPen(
                palette.color(QPalette.ColorRole.HighlightedText) if selected else muted_colour(palette)
            )
            text_rect = rect.adjusted(CHIP_PADDING // 2, int(chip.bottom() - rect.top()), 0, 0)
            text_rect.setHeight(metrics.height())
            elided = metrics.elidedText(meaning, Qt.TextElideMode.ElideRight, text_rect.width())
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        label, meaning = index.data(TaskRole.STATUS_PARTS) or ("", "")
        metrics = option.fontMetrics  # type: ignore[attr-defined]
        height = chip_size(label, metrics).height() + (metrics.height() if meaning else 0) + 6
        return QSize(status_cell_width(label, meaning, metrics), height)


class ProgressDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        progress = index.data(TaskRole.PROGRESS)
        if not isinstance(progress, int) or progress < 0:
            super().paint(painter, option, index)
            return
        qstyle = QtWidgets.QStyle
        if option.state & qstyle.StateFlag.State_Selected:  # type: ignore[operator]
            painter.fillRect(option.rect, option.palette.highlight())  # type: ignore[attr-defined]
        bar = QtWidgets.QStyleOptionProgressBar()
        height = option.fontMetrics.height() + 6  # type: ignore[attr-defined]
        rect = option.rect.adjusted(CELL_PADDING, 0, -CELL_PADDING, 0)  # type: ignore[attr-defined]
        rect.setTop(rect.top() + (rect.height() - height) // 2)
        rect.setHeight(height)
        bar.rect = rect
        bar.minimum, bar.maximum, bar.progress = 0, 100, progress
        bar.text = f"{progress}%"
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = qstyle.StateFlag.State_Enabled | qstyle.StateFlag.State_Horizontal
        bar.palette = option.palette  # type: ignore[attr-defined]
        style = option.widget.style() if option.widget else QApplication.style()  # type: ignore[attr-defined]
        style.drawControl(qstyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)  # type: ignore[attr-defined]
