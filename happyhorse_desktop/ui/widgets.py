"""Small factories for the named widgets that panels and dialogs build alike (the object names are what
tests and screenshots find them by)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from happyhorse_desktop.ui.icons import icon


def message_label(name: str, style: str = "") -> QLabel:
    """An empty, named, word-wrapped label for a message, in ``style`` (``ERROR_STYLE``…) if given."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


def push_button(name: str, text: str, on_click: Callable[[], object], icon_name: str = "") -> QPushButton:
    """A named push button, with a palette-following icon if ``icon_name``, calling ``on_click``."""
    button = QPushButton(icon(icon_name), text) if icon_name else QPushButton(text)
    button.setObjectName(name)
    # Called with no arguments: ``clicked`` would hand a signal's ``emit`` its ``checked`` flag too.
    button.clicked.connect(lambda: on_click())
    return button


def choice_combo(name: str, choices: Iterable[tuple[str, object]]) -> QComboBox:
    """A named combo box offering ``(label, data)`` choices in order (the data is what the code reads)."""
    combo = QComboBox()
    combo.setObjectName(name)
    for label, data in choices:
        combo.addItem(label, data)
    return combo


def table_view(name: str, model: QAbstractItemModel) -> QTableView:
    """A named table over ``model``, without the row numbers Qt shows by default (they name nothing here)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    return view


def read_only_table(name: str, model: QAbstractItemModel) -> QTableView:
    """A :func:`table_view` to read, not edit, its columns as wide as their contents."""
    view = table_view(name, model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def save_file_dialog(
    parent: QWidget, title: str, suggested: Path, name_filter: str, on_chosen: Callable[[Path], object]
) -> QFileDialog:
    """A "save as" dialog proposing ``suggested``, shown with ``open()`` (never ``exec()``: no nested event
    loop); ``on_chosen`` gets the path the user chose."""
    dialog = QFileDialog(parent, title, str(suggested))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(name_filter)
    dialog.fileSelected.connect(lambda path: on_chosen(Path(path)))
    dialog.open()
    return dialog


def path_row(field: QLineEdit, button_text: str, on_browse: Callable[[], object]) -> QHBoxLayout:
    """``field`` taking the room, beside a button that lets the user pick the path instead (``on_browse``)."""
    button = QPushButton(button_text)
    button.clicked.connect(lambda: on_browse())
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(button)
    return row
