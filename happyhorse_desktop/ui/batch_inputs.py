"""Pieces of the batch composer: the batch's own settings (its route and the defaults its takes use, its
name and budget), and the quality and duration inputs the take editor shares."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from happyhorse_desktop import formatting
from happyhorse_desktop.api.models import DEFAULT_MODEL, QUALITIES
from happyhorse_desktop.config import AppSettings
from happyhorse_desktop.pricing import usd_for_credits
from happyhorse_desktop.routes import ROUTES, Route, route_for
from happyhorse_desktop.tasks.takes import Defaults
from happyhorse_desktop.validation import DURATION_MAX, DURATION_MIN
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
    """The route (every model), and the settings it takes — aspect ratio, quality, duration or "keep
    the original sound" — that composed takes and empty CSV cells use; the batch's name and its budget
    in credits (0: none; dollars shown beside). Only the settings the chosen route takes are shown."""

    sig_changed = Signal()
    """A setting changed: the takes must be composed again."""
    sig_route_changed = Signal(object)
    """Another route was chosen (its :class:`~happyhorse_desktop.routes.Route`)."""

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.model = QComboBox()
        self.model.setObjectName("batchModel")
        for route in ROUTES.values():
            self.model.addItem(model_label(route.model), route.model)  # the routes' own labels are English
        self.model.setCurrentIndex(max(0, self.model.findData(settings.default_model)))
        self.aspect = QComboBox()
        self.aspect.setObjectName("batchAspect")
        self.aspect.setToolTip(self.tr("The shape of the videos (an empty “aspect_ratio” cell takes it)"))
        self.quality = quality_combo("batchQuality", settings.default_quality)
        self.duration = duration_spin("batchDuration", settings.default_duration)
        self.keep_sound = QCheckBox(self.tr("Keep the original sound"))
        self.keep_sound.setObjectName("batchKeepSound")
        self.keep_sound.setToolTip(self.tr("Otherwise EvoLink makes new audio for the edited video."))
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
        self.model.currentIndexChanged.connect(self._route_changed)
        for signal in (
            self.aspect.currentIndexChanged,
            self.quality.currentIndexChanged,
            self.duration.valueChanged,
            self.keep_sound.toggled,
        ):
            signal.connect(lambda *_: self.sig_changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.model, self.aspect, self.quality, self.duration, self.keep_sound):
            layout.addWidget(widget)
        layout.addSpacing(16)
        layout.addWidget(self.name, 1)
        layout.addWidget(QLabel(self.tr("Budget")))
        layout.addWidget(self.budget)
        layout.addWidget(self.dollars)
        self._show_route_settings()

    def route(self) -> Route:
        return route_for(str(self.model.currentData())) or ROUTES[DEFAULT_MODEL]

    def _route_changed(self) -> None:
        self._show_route_settings()
        self.sig_route_changed.emit(self.route())
        self.sig_changed.emit()

    def _show_route_settings(self) -> None:
        """Offer the chosen route's aspect ratios (keeping the choice if it still fits) and show only
        the settings it takes."""
        route = self.route()
        wanted = self.aspect.currentText()
        self.aspect.blockSignals(True)
        self.aspect.clear()
        self.aspect.addItems(list(route.aspect_ratios))
        if wanted in route.aspect_ratios:
            self.aspect.setCurrentText(wanted)
        self.aspect.blockSignals(False)
        self.aspect.setVisible(bool(route.aspect_ratios))
        self.duration.setVisible(route.duration is not None)  # a video edit lasts as long as its source
        self.keep_sound.setVisible(route.keep_original_sound)

    def _show_dollars(self, value: float) -> None:
        self.dollars.setText(f"≈ {formatting.dollars(usd_for_credits(value))}" if value else "")

    def defaults(self) -> Defaults:
        route = self.route()
        return Defaults(
            route.model,
            self.quality.currentText(),
            self.duration.value(),
            self.aspect.currentText() if route.aspect_ratios else None,
            route.keep_original_sound and self.keep_sound.isChecked(),
        )

    def batch_name(self) -> str:
        return self.name.text().strip()

    def budget_credits(self) -> float | None:
        return self.budget.value() or None
