"""The system tray: the app keeps running there when its window is closed while tasks run (a setting,
on by default where a tray exists), with a menu to show the window, pause the queue and quit.

The queue itself is another module's business: this offers the hook (``sig_queue_pause_toggled``,
``enable_queue_control``, ``set_queue_paused``) and no queue logic. Without a system tray (some Linux
desktops, offscreen) nothing is shown and closing the window quits, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QSystemTrayIcon

from happyhorse_desktop.i18n_core import Context, translate
from happyhorse_desktop.ui.icons import icon

if TYPE_CHECKING:
    from happyhorse_desktop.ui.main_window import MainWindow


Quit = Context("Quit")  # the quit sentence counts tasks (plural forms)


def resume_sentence(count: int) -> str:
    """What happens to the tasks still open when the app quits."""
    return Quit.tr(
        "%n tasks are still running on EvoLink. They keep running there (and are billed); HappyHorse "
        "resumes following and saving them the next time you start it.",
        "",
        count,
    )


class Tray(QObject):
    sig_show_requested = Signal()
    """The user asked to see the window (tray icon clicked, or "Show HappyHorse")."""
    sig_quit_requested = Signal()
    """The user chose Quit in the tray menu."""
    sig_queue_pause_toggled = Signal(bool)
    """The user paused (True) or resumed (False) the queue from the tray menu."""

    def __init__(self, tray_icon: QSystemTrayIcon | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = tray_icon
        self.menu = QMenu()
        self.show_action = self._action(translate("Tray", "&Show HappyHorse"), "app-window")
        self.show_action.triggered.connect(self.sig_show_requested)
        self.menu.addSeparator()
        self.pause_action = self._action(translate("Tray", "&Pause queue"), "circle-pause")
        self.pause_action.setCheckable(True)
        self.pause_action.setVisible(False)  # until a queue connects to the hook
        self.pause_action.toggled.connect(self.sig_queue_pause_toggled)
        self.menu.addSeparator()
        self.quit_action = self._action(translate("Tray", "&Quit"), "power")
        self.quit_action.triggered.connect(self.sig_quit_requested)
        self._told_hidden = False
        if tray_icon is not None:
            tray_icon.setContextMenu(self.menu)
            tray_icon.activated.connect(self._activated)

    def _action(self, text: str, icon_name: str) -> QAction:
        action = self.menu.addAction(icon(icon_name), text)
        return action

    @property
    def available(self) -> bool:
        """Whether a system tray shows the app's icon (closing the window can then keep the app)."""
        return self._icon is not None

    def enable_queue_control(self, paused: bool = False) -> None:
        """Offer "Pause queue" in the menu (called by the queue when it exists)."""
        self.pause_action.setVisible(True)
        self.set_queue_paused(paused)

    def set_queue_paused(self, paused: bool) -> None:
        """Show the queue's state without emitting ``sig_queue_pause_toggled`` back."""
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(paused)
        self.pause_action.blockSignals(False)

    def tell_still_running(self, count: int) -> None:
        """The window was closed into the tray: say so, once per run, with what is still going on."""
        if self._icon is None or self._told_hidden:
            return
        self._told_hidden = True
        text = self.tr(
            "HappyHorse keeps running here: %n tasks still running. Click the icon to open the "
            "window; Quit is in its menu.",
            "",
            count,
        )
        self._icon.showMessage(
            translate("Tray", "Still running"), text, QSystemTrayIcon.MessageIcon.Information
        )

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.sig_show_requested.emit()


class QuitFlow(QObject):
    """Quitting with tasks still open: say how many resume next start, and keep the app in the tray
    instead when the user closed the window (where a tray exists and the setting is on)."""

    def __init__(self, window: MainWindow, tray: Tray) -> None:
        super().__init__(window)
        self.window = window
        self.tray = tray
        self.quitting = False
        """The user confirmed Quit: the window's close now ends the app."""

    def _open_count(self) -> int:
        engine = self.window.engine
        return engine.store.open_count() if not engine.closed else 0

    def close_requested(self) -> bool:
        """The window's close button was pressed; True when it may close now."""
        count = self._open_count()
        if not count:
            return True
        if self.tray.available and self.window.engine.config.settings.close_to_tray:
            self.window.hide()
            self.tray.tell_still_running(count)
        else:
            self.request_quit()
        return False

    def request_quit(self) -> None:
        """Quit now, or — with tasks still open — after the user read what resumes next start."""
        count = self._open_count()
        if count == 0:
            self.quit_now()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("Quit", "Quit HappyHorse?"),
            resume_sentence(count),
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("quitBox")
        quit_button = box.addButton(translate("Quit", "&Quit"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(quit_button)
        box.finished.connect(lambda _r: box.clickedButton() is quit_button and self.quit_now())
        box.open()

    def quit_now(self) -> None:
        self.quitting = True
        self.window.close()
