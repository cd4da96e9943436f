"""Small factories for the named labels and buttons that panels and dialogs build alike (the object names
are what tests and screenshots find them by)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPushButton

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
