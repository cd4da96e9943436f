"""Pieces of the batch composer: the batch's own settings (the defaults its takes use, its name and
budget) and a cache of picture checks shared by the worker threads that check takes."""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from happyhorse_desktop import formatting
from happyhorse_desktop.api.models import MODELS, QUALITIES
from happyhorse_desktop.config import AppSettings
from happyhorse_desktop.pricing import usd_for_credits
from happyhorse_desktop.tasks.takes import Defaults
from happyhorse_desktop.validation import DURATION_MAX, DURATION_MIN, ImageCheck, check_image_file
from happyhorse_desktop.vocabulary import model_label

BUDGET_MAX = 10_000_000.0


def quality_combo(name: str, current: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItems(list(QUALITIES))
    combo.setCurrentText(current)
    return combo


def duration_spin(name: str, seconds: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(DURATION_MIN, DURATION_MAX)
    spin.setSuffix(QCoreApplication.translate("Batch", " s"))
    spin.setValue(seconds)
    return spin


class BatchSettings(QWidget):
    """Model, quality and duration (what composed takes and empty CSV cells use), the batch's name and
    its budget in credits (0: none; dollars shown beside)."""

    sig_changed = Signal()
    """Model, quality or duration changed: the takes must be composed again."""

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.model = QComboBox()
        self.model.setObjectName("batchModel")
        for model_id in MODELS:
            self.model.addItem(model_label(model_id), model_id)  # MODELS' own labels are not translated
        self.model.setCurrentIndex(max(0, self.model.findData(settings.default_model)))
        self.quality = quality_combo("batchQuality", settings.default_quality)
        self.duration = duration_spin("batchDuration", settings.default_duration)
        self.name = QLineEdit()
        self.name.setObjectName("batchName")
        self.name.setPlaceholderText(self.tr("Batch name"))
        self.budget = QDoubleSpinBox()
        self.budget.setObjectName("batchBudget")
        self.budget.setRange(0.0, BUDGET_MAX)
        self.budget.setDecimals(2)
        self.budget.setSpecialValueText(self.tr("No budget"))
        self.budget.setSuffix(self.tr(" credits"))
        self.budget.setToolTip(self.tr("The queue pauses rather than let this batch spend more."))
        self.dollars = QLabel()
        self.budget.valueChanged.connect(self._show_dollars)
        for signal in (
            self.model.currentIndexChanged,
            self.quality.currentIndexChanged,
            self.duration.valueChanged,
        ):
            signal.connect(lambda *_: self.sig_changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.model, self.quality, self.duration):
            layout.addWidget(widget)
        layout.addSpacing(16)
        layout.addWidget(self.name, 1)
        layout.addWidget(QLabel(self.tr("Budget")))
        layout.addWidget(self.budget)
        layout.addWidget(self.dollars)

    def _show_dollars(self, value: float) -> None:
        self.dollars.setText(f"≈ {formatting.dollars(usd_for_credits(value))}" if value else "")

    def defaults(self) -> Defaults:
        return Defaults(str(self.model.currentData()), self.quality.currentText(), self.duration.value())

    def batch_name(self) -> str:
        return self.name.text().strip()

    def budget_credits(self) -> float | None:
        return self.budget.value() or None


class ImageCache:
    """Picture checks by path, reused while the file is unchanged (same size and modification time), so
    composing again after a keystroke does not read every picture again. Safe across worker threads."""

    def __init__(self) -> None:
        self._checks: dict[str, tuple[tuple[int, int], ImageCheck]] = {}
        self._lock = threading.Lock()

    def check(self, path: str) -> ImageCheck:
        try:
            stat = os.stat(path)
        except OSError:
            return check_image_file(path)  # says exactly why it cannot be read
        key = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            known = self._checks.get(path)
        if known is not None and known[0] == key:
            return known[1]
        result = check_image_file(path)
        with self._lock:
            self._checks[path] = (key, result)
        return result
