"""What the stage shows when no take is selected: the three steps from a picture to a video.

A first-time user sees it over an empty history ("Turn a picture into a video"); later it says how to
bring a take back to the stage. Colours come from the palette, so it reads in light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from happyhorse_desktop.ui.icons import icon


class EmptyState(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.headline = QLabel()
        self.headline.setObjectName("emptyHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.headline.setFont(font)
        self.subline = QLabel()
        self.subline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subline.setWordWrap(True)
        self.subline.setEnabled(False)
        steps = QGridLayout()
        steps.setHorizontalSpacing(24)
        steps.setVerticalSpacing(6)
        self.steps: list[QLabel] = []
        for column, (name, title, text) in enumerate(
            (
                (
                    "image-plus",
                    self.tr("1  Add a picture"),
                    self.tr(
                        "Drop it on the left, paste it (Ctrl+V) or choose a file. It becomes the first frame."
                    ),
                ),
                (
                    "type",
                    self.tr("2  Describe the motion"),
                    self.tr("“The horse gallops through the surf, camera tracking alongside.”"),
                ),
                (
                    "sparkles",
                    self.tr("3  Generate"),
                    self.tr("Pick quality and length, check the cost, press Generate video (Ctrl+Enter)."),
                ),
            )
        ):
            for row, widget in enumerate(self._step(name, title, text)):
                steps.addWidget(widget, row, column)
            steps.setColumnStretch(column, 1)
        card = QFrame()
        card.setObjectName("emptyCard")
        card.setFrameShape(QFrame.Shape.NoFrame)
        card_layout = QVBoxLayout(card)
        card_layout.setSpacing(12)
        card_layout.addWidget(self.headline)
        card_layout.addWidget(self.subline)
        card_layout.addSpacing(8)
        card_layout.addLayout(steps)
        card.setMaximumWidth(760)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addStretch(1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.set_history_empty(True)

    def _step(self, icon_name: str, title: str, text: str) -> tuple[QLabel, QLabel, QLabel]:
        """One step: its icon, its title, and a line on how to do it."""
        badge = QLabel()
        badge.setPixmap(icon(icon_name).pixmap(QSize(32, 32), self.devicePixelRatioF()))
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading = QLabel(f"<b>{title}</b>")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(text)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        body.setMinimumWidth(150)
        body.setMaximumWidth(240)
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.steps.append(heading)
        return badge, heading, body

    def set_history_empty(self, empty: bool) -> None:
        """A first-time welcome over an empty history; otherwise how to see a take here."""
        if empty:
            self.headline.setText(self.tr("Turn a picture into a video"))
            self.subline.setText(
                self.tr("Three steps; your videos are saved on this computer and play here.")
            )
        else:
            self.headline.setText(self.tr("Select a task to watch it here"))
            self.subline.setText(self.tr("Or make a new one in three steps:"))
