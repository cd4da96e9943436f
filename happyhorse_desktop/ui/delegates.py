"""Item delegates for the task table.

``ProgressDelegate`` paint flow: ask the model for ``TaskRole.PROGRESS`` (an int 0..100, or -1 for rows
that have no server task yet); for -1 fall back to the default text painting; otherwise fill a
``QStyleOptionProgressBar`` with the cell rectangle and let the current style draw ``CE_ProgressBar``, so
the bar matches the platform theme (light, dark, high-DPI) without any custom drawing.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from happyhorse_desktop.ui.task_model import TaskRole


class ProgressDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        progress = index.data(TaskRole.PROGRESS)
        if not isinstance(progress, int) or progress < 0:
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[operator]
            painter.fillRect(option.rect, option.palette.highlight())  # type: ignore[attr-defined]
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 4, -4, -4)  # type: ignore[attr-defined]
        bar.minimum, bar.maximum, bar.progress = 0, 100, progress
        bar.text = f"{progress}%"
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette  # type: ignore[attr-defined]
        style = option.widget.style() if option.widget else QApplication.style()  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)  # type: ignore[attr-defined]
