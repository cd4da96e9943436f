"""The menu bar and the window-wide keyboard shortcuts: every action has a menu entry with a mnemonic,
and the ones used most have a shortcut (listed in their tooltips)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox

from happyhorse_desktop import APP_NAME, __version__
from happyhorse_desktop.i18n_core import translate, without_mnemonic
from happyhorse_desktop.ui.icons import icon

if TYPE_CHECKING:
    from happyhorse_desktop.ui.main_window import MainWindow


def standard_keys(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for a standard action, or ``fallback`` where it has none (Linux desktops
    other than KDE and GNOME define no Preferences or Quit keys)."""
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]


def build_menus(window: MainWindow) -> None:
    file_menu = window.menuBar().addMenu(translate("MainWindow", "&File"))
    settings = window.needs_engine(
        file_menu.addAction(icon("settings"), translate("MainWindow", "&Settings…"))
    )
    settings.setShortcuts(standard_keys(QKeySequence.StandardKey.Preferences, "Ctrl+,"))
    settings.triggered.connect(window.open_settings)
    open_output = file_menu.addAction(icon("film"), translate("MainWindow", "Open &videos folder"))
    open_output.triggered.connect(
        lambda: window.actions.open_path(
            window.config.output_dir, translate("MainWindow", "No file manager answered.")
        )
    )
    paste = file_menu.addAction(icon("clipboard-paste"), translate("MainWindow", "&Paste picture"))
    paste.setShortcut(QKeySequence.StandardKey.Paste)
    paste.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # Ctrl+V itself is the QShortcut below
    paste.triggered.connect(window.paste)
    account = window.needs_engine(
        file_menu.addAction(icon("list-video"), translate("MainWindow", "&Import from my EvoLink account…"))
    )
    account.triggered.connect(lambda: open_account_import(window))
    file_menu.addSeparator()
    quit_action = file_menu.addAction(icon("power"), translate("MainWindow", "&Quit"))
    quit_action.setShortcuts(standard_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
    quit_action.triggered.connect(window.request_quit)
    window.actions.fill_menu(window.menuBar().addMenu(translate("MainWindow", "&Task")), only_enabled=False)
    help_menu = window.menuBar().addMenu(translate("MainWindow", "&Help"))
    about = help_menu.addAction(icon("info"), translate("MainWindow", "&About"))
    about.triggered.connect(lambda: show_about(window))
    for menu in (file_menu, help_menu):  # Qt's own tooltip keeps a Chinese "(&S)" as "(S)"
        for action in menu.actions():
            action.setToolTip(without_mnemonic(action.text()))
    QShortcut(QKeySequence("Ctrl+Return"), window).activated.connect(window.submit)
    QShortcut(QKeySequence("Ctrl+Enter"), window).activated.connect(window.submit)
    QShortcut(QKeySequence.StandardKey.Paste, window).activated.connect(window.paste)
    QShortcut(QKeySequence.StandardKey.Find, window).activated.connect(window.search_edit.setFocus)
    QShortcut(QKeySequence("Ctrl+L"), window).activated.connect(window.task_view.setFocus)
    QShortcut(QKeySequence("Ctrl+P"), window).activated.connect(window.composer.prompt.edit.setFocus)


def open_account_import(window: MainWindow) -> None:
    """The account's other videos, to save before their links expire (the dialog loads when first used)."""
    from happyhorse_desktop.ui.account_import_dialog import AccountImportDialog

    dialog = AccountImportDialog(window.engine, window)
    dialog.sig_imported.connect(lambda ids: window.select_task(ids[0]) if ids else None)
    dialog.open()
    dialog.refresh()


def show_about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        APP_NAME,
        f"<b>{APP_NAME}</b> {__version__}<br>"
        + translate(
            "MainWindow",
            "Every HappyHorse route of EvoLink: image, text and references to video, and video edits.",
        )
        + "<br><br>"
        + translate("MainWindow", "Icons: Lucide (ISC licence)."),
    )
