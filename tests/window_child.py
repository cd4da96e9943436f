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
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import qasync
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)

from happyhorse_desktop import i18n
from happyhorse_desktop.api.models import DEFAULT_MODEL
from happyhorse_desktop.app import create_main_window, prepare_application
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

if TYPE_CHECKING:
    from happyhorse_desktop.ui.main_window import MainWindow

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
            if isinstance(widget, QLineEdit) and not widget.isReadOnly() and getter == "text":
                continue  # what the user types (a name, a file's path): the placeholder is read
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


def two_takes(folder: Path) -> list[TaskRecord]:
    """Two finished takes of one shot, in a history of their own (the demo's stays as it starts): what
    the stitch, compare, export and take-editor dialogs are opened on. Their videos need not exist."""
    store = TaskStore(folder / "takes.sqlite3")
    common = {
        "model": DEFAULT_MODEL,
        "quality": "720p",
        "duration": 5,
        "prompt": "a horse in the snow",
        "image_sources": [str(folder / "horse.png")],
        "idempotency_key": "k",
        "status": TaskStatus.COMPLETED,
        "tracking": False,
    }
    first = store.add(
        **common, seed=7, server_id="task-unified-1764000000-a1b2c3d4", video_path=str(folder / "a.mp4")
    )
    second = store.add(
        **common, seed=8, server_id="task-unified-1764000001-e5f6a7b8", video_path=str(folder / "b.mp4")
    )
    second = store.update(second.id, parent_id=first.id) or second
    store.close()
    return [first, second]


async def other_dialogs(window: MainWindow, folder: Path) -> list[QWidget]:
    """Every other dialog that opens without the network, built as the app builds it (batch_studio,
    menus, take_tools, queue_panel) but not shown: the window's children, so ``readable_texts`` finds
    them. The tray's menu has no parent: it is returned to be read on its own."""
    from happyhorse_desktop.ui.account_import_dialog import AccountImportDialog
    from happyhorse_desktop.ui.batch_composer import BatchComposer
    from happyhorse_desktop.ui.compare_view import CompareView
    from happyhorse_desktop.ui.export_dialog import ExportDialog
    from happyhorse_desktop.ui.ledger_dialog import LedgerDialog
    from happyhorse_desktop.ui.stitch_dialog import StitchDialog
    from happyhorse_desktop.ui.take_editor import TakeEditor

    takes = two_takes(folder)
    engine = window.engine
    account = AccountImportDialog(engine, window)
    await account.refresh()  # the demo's simulator answers the account listing on this computer
    return [
        BatchComposer(engine, window),
        LedgerDialog(engine.config.db_path, window),
        account,
        StitchDialog(window, takes, [], engine.config.output_dir),
        CompareView(takes, lambda _id, _on: None, window),
        ExportDialog(window, Path(takes[0].video_path or "")),
        TakeEditor(SubmitParams.of(takes[0]), window),
        window.tray.menu,
    ]


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
    with tempfile.TemporaryDirectory() as scratch:
        others = await other_dialogs(window, Path(scratch))
    parentless = [widget for widget in others if widget.parent() is None]
    report = {
        "language": i18n.installed_language().value,
        # what a reader sees: the mnemonic marker ("&G" in English, "(&G)" in Chinese) left out
        "submit": re.sub(r"\(&\w\)|&(?=\w)", "", submit.text()) if submit is not None else None,
        "dialog_buttons": [button.text() for button in box.buttons()] if box is not None else [],
        # the dialogs are the window's children; the tray's menu is not
        "texts": readable_texts(window) + [text for widget in parentless for text in readable_texts(widget)],
        "cramped": cramped(window),
        "cjk_fonts": QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)[:5],
        "submit_fits": submit is not None and submit.sizeHint().width() <= submit.width(),
        "submit_size": [submit.width(), submit.sizeHint().width()] if submit is not None else [],
        "device_pixel_ratio": window.devicePixelRatio(),
    }
    if screenshot:
        window.grab().save(screenshot)
    for dialog in (settings, welcome, *others):
        if dialog not in parentless:
            dialog.close()
            dialog.deleteLater()
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
