"""A media job (stitch, export) run from a dialog: a progress bar fed from the worker thread, a Cancel
button that stops the job between two steps, and one line saying how it ended."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from happyhorse_desktop.media.progress import Cancelled, MediaError, Progress
from happyhorse_desktop.ui.background import ERROR_STYLE, start, user_message

T = TypeVar("T")


class _Bridge(QObject):
    sig_fraction = Signal(float)
    """How far the job got (0..1), emitted from the worker thread, delivered in the UI thread."""


class MediaJobPanel(QWidget):
    sig_finished = Signal(bool)
    """The job ended (True: it succeeded)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setObjectName("mediaJobProgress")
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("mediaJobCancel")
        self.status = QLabel()
        self.status.setObjectName("mediaJobStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self._bridge = _Bridge(self)
        self._bridge.sig_fraction.connect(lambda f: self.bar.setValue(round(f * 1000)))
        self.progress: Progress | None = None
        self.cancel_button.clicked.connect(self.cancel)
        self.set_running(False)

    @property
    def running(self) -> bool:
        return self.progress is not None

    def set_running(self, running: bool) -> None:
        self.bar.setVisible(running or self.bar.value() > 0)
        self.cancel_button.setVisible(running)

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def run(self, job: Callable[[Progress], Awaitable[T]], done: Callable[[T], str]) -> None:
        """Start ``job`` (a coroutine using a worker thread); ``done`` turns its result into the line
        shown at the end."""
        self.progress = Progress(self._bridge.sig_fraction.emit)
        self.bar.setValue(0)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Working…"))
        self.set_running(True)
        progress = self.progress

        async def go() -> None:
            ok = False
            try:
                self.status.setText(done(await job(progress)))
                self.bar.setValue(1000)
                ok = True
            except Cancelled:
                self.status.setText(self.tr("Cancelled: nothing was written."))
                self.bar.setValue(0)
            except MediaError as exc:
                self._failed(str(exc))
            finally:
                self.progress = None
                self.set_running(False)
                self.sig_finished.emit(ok)

        start(go(), on_error=lambda exc: self._failed(user_message(exc)))

    def _failed(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)
