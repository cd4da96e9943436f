"""Desktop notifications through the system tray: "video ready", "needs attention", and one "all tasks
have finished" once the queue runs dry. Clicking a notification asks the window to show that task.

Without a system tray (some Linux desktops, offscreen) it stays silent; the status bar still tells.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from happyhorse_desktop import APP_NAME
from happyhorse_desktop.vocabulary import task_title

if TYPE_CHECKING:
    from happyhorse_desktop.ui.main_window import MainWindow

SHOWN_MS = 8000
SUMMARY_DELAY_MS = 9000  # after the last task's own message has had its time


class Notifier(QObject):
    sig_task_clicked = Signal(int)
    """The user clicked the notification about this task."""

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._last_task: int | None = None
        self._tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip(APP_NAME)
            self._tray.messageClicked.connect(self._clicked)
            self._tray.show()

    @property
    def available(self) -> bool:
        return self._tray is not None

    @property
    def tray_icon(self) -> QSystemTrayIcon | None:
        """The app's icon in the system tray (None without a tray); the tray menu attaches to it."""
        return self._tray

    def notify(self, title: str, text: str, task_id: int, queue_empty: Callable[[], bool]) -> None:
        """Show one task's message; if nothing is left to poll or download, a summary follows."""
        self._last_task = task_id
        if self._tray is None:
            return
        self._tray.showMessage(title, text, self._icon, SHOWN_MS)
        if queue_empty():
            QTimer.singleShot(SUMMARY_DELAY_MS, self._summary)

    def close(self) -> None:
        if self._tray is not None:
            self._tray.hide()
            self._tray = None

    def _summary(self) -> None:
        if self._tray is not None:
            self._tray.showMessage(APP_NAME, self.tr("All tasks have finished."), self._icon, SHOWN_MS // 2)

    def _clicked(self) -> None:
        if self._last_task is not None:
            self.sig_task_clicked.emit(self._last_task)


class TaskNotices(QObject):
    """Tells the user when a task ends: in the status bar always, as a desktop notification when the
    setting is on (also while the window is hidden in the tray); a click on one shows that task."""

    def __init__(self, window: MainWindow, notifier: Notifier) -> None:
        super().__init__(window)
        self.window = window
        self.notifier = notifier
        window.manager.sig_task_completed.connect(self._completed)
        window.manager.sig_task_failed.connect(self._failed)
        notifier.sig_task_clicked.connect(self._clicked)

    def _completed(self, task_id: int) -> None:
        record = self.window.engine.store.get(task_id)
        if record is None:
            return
        self._notify(
            self.tr("Video ready"), self.tr("“{title}” is saved.").format(title=task_title(record)), task_id
        )
        self.window.account.refresh_balance()

    def _failed(self, task_id: int, message: str) -> None:
        self._notify(self.tr("Task needs attention"), message[:200], task_id)
        self.window.account.refresh_balance()

    def _notify(self, title: str, text: str, task_id: int) -> None:
        self.window.say(self.tr("{title}: {text}").format(title=title, text=text), 10000)
        store = self.window.engine.store
        record = store.get(task_id)
        if not self.window.engine.config.settings.notifications or (record and record.batch_id is not None):
            return  # a batch's takes are summed up in one notification when the queue runs dry
        self.notifier.notify(title, text, task_id, lambda: store.open_count() == 0)

    def _clicked(self, task_id: int) -> None:
        self.window.bring_to_front()
        self.window.select_task(task_id)
