"""The task list panel: the filter, the search, the task actions as icons, and the table.

It owns the table's model and view; the window connects the selection and the actions.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QToolBar, QVBoxLayout, QWidget

from happyhorse_desktop.tasks.status import Outcome
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.ui.task_model import OUTCOMES, TaskTableModel
from happyhorse_desktop.ui.task_table import TaskTableView
from happyhorse_desktop.vocabulary import outcome_label


class TaskPanel(QWidget):
    def __init__(self, model: TaskTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskPanel")
        self.model = model
        self.view = TaskTableView(model)
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("filterCombo")
        self.filter_combo.setToolTip(self.tr("Show all tasks, or only those running, done or needing you"))
        for outcome in OUTCOMES:
            self.filter_combo.addItem(outcome_label(outcome), outcome)
        self.filter_combo.currentIndexChanged.connect(
            lambda _i: model.set_outcome(Outcome(self.filter_combo.currentData()))
        )
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Search prompts, task IDs, seeds… (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.textChanged.connect(model.set_search)
        for changed in (self.filter_combo.currentIndexChanged, self.search_edit.textChanged):
            changed.connect(self._filter_changed)
        self.toolbar = QToolBar(self.tr("Task actions"))
        self.toolbar.setObjectName("taskToolbar")
        self.toolbar.setIconSize(QSize(18, 18))
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.filter_combo)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.toolbar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def set_actions(self, actions: Sequence[QAction]) -> None:
        for action in actions:
            self.toolbar.addAction(action)

    def _filter_changed(self, *_: object) -> None:
        self.view.set_filtered(self.filter_combo.currentIndex() > 0 or bool(self.search_edit.text().strip()))
