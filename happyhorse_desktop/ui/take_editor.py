"""Editing one queued take (prompt, quality, duration, seed) before it is sent. Only collects input: the
queue panel applies it, and the engine refuses it if the take was sent meanwhile."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.ui.batch_inputs import duration_spin, quality_combo
from happyhorse_desktop.validation import SEED_MAX


class TakeEditor(QDialog):
    def __init__(self, take: SubmitParams, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="takeEditor")
        self.setWindowTitle(self.tr("Edit queued take"))
        self._take = take
        self.prompt = QPlainTextEdit(take.prompt)
        self.prompt.setObjectName("takePrompt")
        self.quality = quality_combo("takeQuality", take.quality)
        self.duration = duration_spin("takeDuration", take.duration)
        self.seed = QSpinBox()
        self.seed.setObjectName("takeSeed")
        self.seed.setRange(0, SEED_MAX)
        self.seed.setSpecialValueText(self.tr("Random"))
        self.seed.setValue(take.seed or 0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Prompt"), self.prompt)
        form.addRow(self.tr("Quality"), self.quality)
        form.addRow(self.tr("Duration"), self.duration)
        form.addRow(self.tr("Seed"), self.seed)
        route = take.route
        # A video edit lasts as long as its source: there is no duration to edit.
        form.setRowVisible(self.duration, route is None or route.duration is not None)
        form.addRow(buttons)

    def take(self) -> SubmitParams:
        return replace(
            self._take,
            prompt=self.prompt.toPlainText().strip(),
            quality=self.quality.currentText(),
            duration=self.duration.value(),
            seed=self.seed.value() or None,
        )
