"""The real window in a child process, started the way ``happyhorse`` starts it (its language chosen
from the settings or the environment before any widget exists), on a demo history. It reports as JSON
on stdout what the language tests look at: the language installed, the submit button, Qt's own
buttons in the settings dialog, every text a person can read in the window and its dialogs, the
widgets whose text does not fit, and a screenshot.

    python tests/window_child.py [--screenshot PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from typing import Any

import qasync
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QTabBar,
    QWidget,
)

from happyhorse_desktop import i18n
from happyhorse_desktop.app import create_main_window, prepare_application

TEXT_GETTERS = ("windowTitle", "toolTip", "text", "placeholderText", "title", "specialValueText", "suffix")
CJK = re.compile(r"[\u3400-\u9fff]")


def _menu_texts(menu: QMenu, where: str) -> list[tuple[str, str]]:
    found = [(where, menu.title())]
    for action in menu.actions():
        found += [(f"{where} ▸ action", action.text()), (f"{where} ▸ tooltip", action.toolTip())]
        if action.menu() is not None:
            found += _menu_texts(action.menu(), f"{where} ▸ {action.text()}")
    return found


def readable_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text of ``root`` and its children a person can read: labels, buttons,
    tooltips, placeholders, combo items, headers, tabs, menus and toolbar actions."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        where = widget.objectName() or type(widget).__name__
        for getter in TEXT_GETTERS:
            method = getattr(widget, getter, None)
            if getter == "windowTitle" and not widget.isWindow():
                continue
            if isinstance(widget, QAbstractSpinBox) and getter == "text":
                continue  # the value: the suffix and the special value are read on their own
            if callable(method):
                value = method()
                if isinstance(value, str):
                    found.append((f"{where}.{getter}", value))
        if isinstance(widget, QComboBox):
            found += [(f"{where}[{i}]", widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            found += [(f"{where} tab", widget.tabText(i)) for i in range(widget.count())]
        header = getattr(widget, "horizontalHeader", lambda: None)()
        if isinstance(widget, QAbstractItemView) and header is not None and not header.isHidden():
            model = widget.model()
            found += [
                (f"{where} header", str(model.headerData(i, _horizontal()) or ""))
                for i in range(model.columnCount())
            ]
        if isinstance(widget, QMenu):
            found += _menu_texts(widget, where)
        for action in QWidget.actions(widget):  # the window names an attribute "actions"
            found += [(f"{where} action", action.text()), (f"{where} action tooltip", action.toolTip())]
            if action.menu() is not None:
                found += _menu_texts(action.menu(), f"{where} menu")
    return list(dict.fromkeys((where, text) for where, text in found if text and text.strip()))


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def shown_text(label: QLabel) -> str:
    """A label's text as painted: with a buddy, its ``&`` marks a mnemonic (underlined, not drawn)."""
    text = label.text()
    if label.buddy() is None:
        return text
    return re.sub(r"&(.)", r"\1", text)


def cramped(root: QWidget) -> list[str]:
    """Visible single-line labels and buttons whose text is wider than the room they were given."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if (
            isinstance(widget, QLabel)
            and not widget.wordWrap()
            and widget.text()
            and "<" not in widget.text()
        ):
            need = widget.fontMetrics().horizontalAdvance(shown_text(widget))
            room = widget.contentsRect().width()
        elif isinstance(widget, QAbstractButton) and widget.text():
            need, room = widget.sizeHint().width(), widget.width()
        else:
            continue
        if need > room + 1:
            name = widget.objectName() or type(widget).__name__
            found.append(f"{name}: {widget.text()!r} needs {need} px, has {room}")
    return found


async def inspect(screenshot: str | None) -> dict[str, Any]:
    from happyhorse_desktop.ui.dialogs import SettingsDialog, WelcomeDialog

    window = create_main_window(demo=True)
    window.resize(1100, 720)
    window.show()
    await asyncio.sleep(0.6)  # painted, and the engine's first steps are done
    submit = window.findChild(QAbstractButton, "submitButton")
    settings = SettingsDialog(window.engine.config.settings, True, "", window.engine.test_key, window)
    welcome = WelcomeDialog(window)
    box = settings.findChild(QDialogButtonBox)
    report = {
        "language": i18n.installed_language().value,
        # what a reader sees: the mnemonic marker ("&G" in English, "(&G)" in Chinese) left out
        "submit": re.sub(r"\(&\w\)|&(?=\w)", "", submit.text()) if submit is not None else None,
        "dialog_buttons": [button.text() for button in box.buttons()] if box is not None else [],
        "texts": readable_texts(window),  # the dialogs are the window's children
        "cramped": cramped(window),
        "cjk_fonts": QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)[:5],
        "submit_fits": submit is not None and submit.sizeHint().width() <= submit.width(),
        "submit_size": [submit.width(), submit.sizeHint().width()] if submit is not None else [],
        "device_pixel_ratio": window.devicePixelRatio(),
    }
    if screenshot:
        window.grab().save(screenshot)
    settings.deleteLater()
    welcome.deleteLater()
    window.close()
    await window.wait_closed()
    return report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    app = prepare_application([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        report = loop.run_until_complete(inspect(args.screenshot))
    report["has_cjk"] = bool(CJK.search(report["submit"] or ""))
    sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
