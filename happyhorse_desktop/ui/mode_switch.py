"""The composer's mode switch (``modeSwitch``): Image → Video, Text → Video, References → Video, Edit a
video — one checkable button each (``modeImage``, ``modeText``, ``modeReference``, ``modeEdit``) in one
row, so the composer's fields keep their room in a 720 px window. Each button says its mode in one word
beside its icon; its tooltip and accessible name give the route table's full name and what it does."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from happyhorse_desktop.routes import MODE_LABELS, Mode
from happyhorse_desktop.ui.icons import icon

ICONS = {Mode.IMAGE: "image", Mode.TEXT: "type", Mode.REFERENCE: "users", Mode.EDIT: "clapperboard"}
ORDER = (Mode.IMAGE, Mode.TEXT, Mode.REFERENCE, Mode.EDIT)


class ModeSwitch(QWidget):
    sig_mode_changed = Signal(str)
    """The user chose another mode (the ``Mode`` value)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="modeSwitch")
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[Mode, QToolButton] = {}
        words = {
            Mode.IMAGE: self.tr("Image"),
            Mode.TEXT: self.tr("Text"),
            Mode.REFERENCE: self.tr("References"),
            Mode.EDIT: self.tr("Edit"),
        }
        tips = {
            Mode.IMAGE: self.tr("A picture becomes the first frame of the video."),
            Mode.TEXT: self.tr("Only words: the prompt describes the whole video."),
            Mode.REFERENCE: self.tr("Up to 9 pictures of characters, named character1… in the prompt."),
            Mode.EDIT: self.tr("Change a video you have (3–60 s; the first 15 s are edited)."),
        }
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        for mode in ORDER:
            name = QCoreApplication.translate("Routes", MODE_LABELS[mode])
            button = QToolButton()
            button.setObjectName(f"mode{mode.name.title()}")
            button.setText(words[mode])
            button.setIcon(icon(ICONS[mode]))
            button.setToolTip(f"<b>{name}</b><br>{tips[mode]}")
            button.setAccessibleName(name)
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self._group.addButton(button)
            self.buttons[mode] = button
            layout.addWidget(button)
        self.buttons[Mode.IMAGE].setChecked(True)
        self._group.buttonToggled.connect(self._toggled)

    def mode(self) -> Mode:
        return next(m for m, b in self.buttons.items() if b.isChecked())

    def set_mode(self, mode: Mode) -> None:
        """Show ``mode`` as chosen (and tell, like a click would, when it changes)."""
        self.buttons[mode].setChecked(True)

    def _toggled(self, button: QToolButton, checked: bool) -> None:
        if checked:
            self.sig_mode_changed.emit(next(m for m, b in self.buttons.items() if b is button).value)
