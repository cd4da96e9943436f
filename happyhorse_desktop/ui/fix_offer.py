"""The one-click fixes the image panel offers for a picture the model would refuse.

Each fix is prepared in a worker thread as soon as it is offered, so its button can say everything it
will do — turn upright, scale down and to what size, pad or crop, re-encode — before the user clicks it;
clicking uses that prepared copy. The original file is never touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from happyhorse_desktop.formatting import sentences
from happyhorse_desktop.imagefix import AspectMode, FixOption, PreparedFix, prepare_fix
from happyhorse_desktop.ui.background import ERROR_STYLE, start, to_thread, user_message
from happyhorse_desktop.ui.icons import icon

if TYPE_CHECKING:
    import asyncio

ICONS = {AspectMode.NONE: "wand-sparkles", AspectMode.PAD: "scan", AspectMode.CROP: "crop"}


class FixOffer(QWidget):
    sig_fix_chosen = Signal(object, object)
    """The user chose a fix: (the ``FixOption``, its ``PreparedFix``)."""

    def __init__(self, cache_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fixOffer")
        self._cache_dir = cache_dir
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._offer = 0
        self._tasks: list[asyncio.Task[None]] = []
        self.prepared: dict[AspectMode, PreparedFix] = {}
        """The fixes ready to apply for the picture on offer."""

    def clear(self) -> None:
        self._offer += 1
        for task in self._tasks:
            task.cancel()
        self._tasks.clear()
        self.prepared.clear()
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()

    def offer(self, origin: Path, options: list[FixOption]) -> None:
        """Show ``options`` for the picture at ``origin``, each prepared in the background."""
        self.clear()
        for option in options:
            name = option.aspect.value.capitalize()
            button = QPushButton(icon(ICONS[option.aspect]), option.label)
            button.setObjectName(f"fix{name}Button")
            button.setToolTip(option.explanation)
            button.setEnabled(False)
            summary = QLabel(self.tr("Preparing this fix to show what it does…"))
            summary.setObjectName(f"fix{name}Summary")
            summary.setWordWrap(True)
            self._layout.addWidget(button)
            self._layout.addWidget(summary)
            self._tasks.append(start(self._prepare(origin, option, button, summary)))

    async def _prepare(self, origin: Path, option: FixOption, button: QPushButton, summary: QLabel) -> None:
        offer = self._offer
        try:
            prepared = await to_thread(prepare_fix, origin, option.aspect, self._cache_dir)
        except Exception as exc:  # FixError, or the file went away: say so where the fix would be
            if offer == self._offer:
                summary.setText(user_message(exc))
                summary.setStyleSheet(ERROR_STYLE)
            return
        if offer != self._offer:
            return  # another picture is on offer now
        self.prepared[option.aspect] = prepared
        summary.setText(sentences(prepared.summary(), self.tr("The original file is not changed.")))
        button.setEnabled(True)
        button.clicked.connect(lambda _=False: self.sig_fix_chosen.emit(option, prepared))
