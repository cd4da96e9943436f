"""The prompt editor (``promptEdit``) with a live counter against the right limit and recent prompts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QSettings, QSize, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from happyhorse_desktop.formatting import number
from happyhorse_desktop.validation import check_prompt

RECENT_KEY = "recent_prompts"
RECENT_MAX = 15


class PromptTextEdit(QPlainTextEdit):
    """Pasting a picture (or an image file) while typing sends it to ``image_sink`` instead."""

    def __init__(self, image_sink: Callable[[QMimeData], bool] | None) -> None:
        super().__init__()
        self._image_sink = image_sink

    def sizeHint(self) -> QSize:
        """About five lines: the composer gives it more when the window is tall."""
        return QSize(256, 5 * self.fontMetrics().lineSpacing() + 12)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self._image_sink and (source.hasImage() or source.hasUrls()) and self._image_sink(source):
            return
        super().insertFromMimeData(source)


class PromptEditor(QWidget):
    sig_prompt_changed = Signal(str)
    """The prompt text changed (the text)."""

    def __init__(
        self,
        settings: QSettings,
        image_sink: Callable[[QMimeData], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.edit = PromptTextEdit(image_sink)
        self.edit.setObjectName("promptEdit")
        self.edit.setPlaceholderText(
            self.tr(
                "Describe the motion: “the horse gallops through the surf at sunset, "
                "camera tracking alongside”. Leave empty to let the picture drive it."
            )
        )
        self.edit.setTabChangesFocus(True)
        self.counter = QLabel()
        self.counter.setObjectName("promptCounter")
        self.recent = QToolButton()
        self.recent.setText(self.tr("Recent"))
        self.recent.setToolTip(self.tr("Prompts you sent before"))
        self.recent.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent.setMenu(QMenu(self.recent))
        self.recent.menu().aboutToShow.connect(self._fill_recent)
        row = QHBoxLayout()
        row.addWidget(self.counter, 1)
        row.addWidget(self.recent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addLayout(row)
        self.edit.textChanged.connect(self._changed)
        self._changed()

    def text(self) -> str:
        return self.edit.toPlainText().strip()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def remember(self, text: str) -> None:
        if not text:
            return
        recent = [p for p in self.recent_prompts() if p != text]
        self._settings.setValue(RECENT_KEY, [text, *recent][:RECENT_MAX])

    def recent_prompts(self) -> list[str]:
        value = self._settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value or []]

    def _fill_recent(self) -> None:
        menu = self.recent.menu()
        menu.clear()
        prompts = self.recent_prompts()
        if not prompts:
            empty = QAction(self.tr("No recent prompts"), menu)
            empty.setEnabled(False)
            menu.addAction(empty)
        for prompt in prompts:
            label = prompt if len(prompt) <= 70 else prompt[:69] + "…"
            action = menu.addAction(label.replace("&", "&&"))
            action.setToolTip(prompt)
            action.triggered.connect(lambda _=False, p=prompt: self.set_text(p))

    def _changed(self) -> None:
        text = self.edit.toPlainText()
        check = check_prompt(text.strip())
        if check.has_chinese:
            count = self.tr("{length} / {limit} characters (Chinese text)")
        else:
            count = self.tr("{length} / {limit} characters")
        self.counter.setText(count.format(length=number(check.length), limit=number(check.limit)))
        if check.excess:
            self.counter.setText(f"⚠ {check.message}")
            self.counter.setStyleSheet("color: #d84315; font-weight: bold;")
        elif check.length > check.limit * 0.9:
            self.counter.setStyleSheet("color: #ef6c00;")
        else:
            self.counter.setStyleSheet("")
        self.sig_prompt_changed.emit(text)
