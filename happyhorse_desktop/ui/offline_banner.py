"""The offline banner: one calm notice at the top of the window while the network is gone, instead
of a stream of errors, and gone by itself when the network is back.

It says that tasks keep running on EvoLink and that the app retries by itself, and it calls out any
finished video whose 24-hour result link runs out within three hours (the caller supplies those as
data, :class:`ExpiringLink`), with the time left. The user may dismiss it; it comes back at the
next outage.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from happyhorse_desktop import formatting

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine
    from happyhorse_desktop.net.connectivity import ConnectivityMonitor

WARN_WITHIN = 3 * 3600.0  # links expiring sooner than this are called out
REFRESH_MS = 60_000  # the time left is recounted every minute while the banner shows


@dataclass(frozen=True)
class ExpiringLink:
    """A finished video not saved yet: what to call it, and seconds until its link expires."""

    title: str
    seconds_left: float


def format_time_left(seconds: float) -> str:
    """Whole minutes left, in words: ``2 h 5 min``, ``40 min`` (``2 小时 5 分``)."""
    return formatting.duration(max(0, int(seconds // 60)) * 60)


class OfflineBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#offlineBanner { background: #fff4ce; border: 1px solid #e0b400; border-radius: 4px; }"
            "#offlineBanner QLabel { color: #3b2f00; }"
        )
        self.text = QLabel()
        self.text.setObjectName("offlineText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        close = QToolButton()
        close.setObjectName("offlineDismiss")
        close.setText("✕")
        close.setToolTip(self.tr("Hide until the next time the network drops"))
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._reason = ""
        self._expiring: Callable[[], list[ExpiringLink]] = list
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.hide()

    def bind(self, monitor: ConnectivityMonitor, expiring: Callable[[], list[ExpiringLink]]) -> None:
        """Follow ``monitor``; ``expiring`` lists the unsaved videos whose links run out soon."""
        self._expiring = expiring
        monitor.sig_online_changed.connect(self.on_online_changed)
        if not monitor.is_online:
            self.on_online_changed(False, monitor.reason)

    def attach(self, engine: Engine) -> None:
        """Follow the engine's connectivity monitor, naming the finished videos whose links run out
        while the network is gone."""
        from happyhorse_desktop.tasks.downloads import link_deadline
        from happyhorse_desktop.vocabulary import task_title

        def expiring() -> list[ExpiringLink]:
            now = time.time()
            return [
                ExpiringLink(task_title(r, 50), link_deadline(r) - now)
                for r in engine.store.with_work("download")
            ]

        if engine.monitor is not None:
            self.bind(engine.monitor, expiring)

    def on_online_changed(self, online: bool, reason: str) -> None:
        if online:
            self._timer.stop()
            self.hide()
            return
        self._reason = reason
        self.refresh()
        self._timer.start()
        self.show()

    def refresh(self) -> None:
        lines = [
            "<b>"
            + self.tr("You're offline — tasks keep running on EvoLink; the app retries automatically.")
            + "</b>"
        ]
        if self._reason:
            lines.append(self.tr("Reason: {reason}.").format(reason=_escape(self._reason)))
        soon = sorted(
            (link for link in self._expiring() if link.seconds_left < WARN_WITHIN),
            key=lambda link: link.seconds_left,
        )
        for link in soon:
            lines.append(
                self.tr(
                    "“{title}”: its video link expires in {left}; it is saved as soon as the network is back."
                ).format(title=_escape(link.title), left=format_time_left(link.seconds_left))
                if link.seconds_left > 0
                else self.tr("“{title}”: its video link has expired.").format(title=_escape(link.title))
            )
        self.text.setText("<br>".join(lines))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def with_offline_banner(window: QWidget, content: QWidget) -> QWidget:
    """``content`` under the offline banner (``window.offline_banner``), which follows the engine's
    connectivity monitor once :meth:`OfflineBanner.attach` gives it the engine."""
    banner = OfflineBanner()
    banner.setParent(window)
    window.offline_banner = banner  # type: ignore[attr-defined]
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(banner)
    layout.addWidget(content, 1)
    return box
