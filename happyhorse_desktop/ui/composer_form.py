"""The composer's settings (``composerSettings``): version, aspect ratio, quality, duration (or a video
edit's length), seed, and the callback URL under "Advanced" — only the rows the chosen route takes.

The version list is the chosen mode's routes, newest first, each with its price (``modelCombo``'s data is
the model id); the aspect ratios are the chosen version's (1.1 offers nine, 1.0 five).
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop.api.models import DEFAULT_MODEL, QUALITIES
from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.routes import ROUTES, Mode, Route, route_for, routes_for_mode
from happyhorse_desktop.ui.background import ERROR_STYLE
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.validation import DURATION_MAX, DURATION_MIN, SEED_MAX


class ComposerSettings(QWidget):
    sig_changed = Signal()
    """A setting that decides the request or its cost changed (version, aspect, quality, duration…)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composerSettings")
        self.model_combo = QComboBox()
        self.model_combo.setObjectName("modelCombo")  # the versions of the current mode; data: model id
        self.aspect_combo = QComboBox()
        self.aspect_combo.setObjectName("aspectCombo")
        self.quality_combo = QComboBox()
        self.quality_combo.setObjectName("qualityCombo")
        self.quality_combo.addItems(list(QUALITIES))
        self.duration_spin = QSpinBox()
        self.duration_spin.setObjectName("durationSpin")
        self.duration_spin.setRange(DURATION_MIN, DURATION_MAX)
        self.duration_spin.setSuffix(self.tr(" s"))
        self.length_label = QLabel(self.tr("as long as the video (the first 15 s are edited)"))
        self.length_label.setObjectName("editLengthLabel")
        self.length_label.setWordWrap(True)
        self.seed_spin = QSpinBox()
        self.seed_spin.setObjectName("seedSpin")
        self.seed_spin.setRange(0, SEED_MAX)
        self.seed_spin.setSpecialValueText(self.tr("Random"))
        self.seed_spin.setToolTip(
            self.tr("Fix a seed to make prompt iterations reproducible; “Random” sends none.")
        )

        seed_row = self._build_seed_row()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(self._build_form(seed_row))
        self._build_advanced(layout)
        self.model_combo.currentIndexChanged.connect(self._version_changed)
        for combo in (self.quality_combo, self.aspect_combo):
            combo.currentIndexChanged.connect(self.sig_changed)
        self.duration_spin.valueChanged.connect(self.sig_changed)
        self.callback_edit.textChanged.connect(self.sig_changed)

    def _build_seed_row(self) -> QHBoxLayout:
        """The seed, a dice for a new random one, and a lock that keeps it for the next tasks."""
        dice = QToolButton()
        dice.setObjectName("diceButton")
        dice.setIcon(icon("dices"))
        dice.setText(self.tr("New"))
        dice.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        dice.setToolTip(self.tr("Pick a new random seed"))
        dice.clicked.connect(lambda: self.seed_spin.setValue(random.randint(1, SEED_MAX)))
        self.seed_lock = QToolButton()
        self.seed_lock.setObjectName("seedLock")
        self.seed_lock.setIcon(icon("lock-open"))
        self.seed_lock.setText(self.tr("Keep"))
        self.seed_lock.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.seed_lock.setCheckable(True)
        self.seed_lock.setToolTip(
            self.tr("Keep this seed for the next tasks (otherwise it returns to Random)")
        )
        self.seed_lock.toggled.connect(lambda on: self.seed_lock.setIcon(icon("lock" if on else "lock-open")))
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed_spin, 1)
        seed_row.addWidget(dice)
        seed_row.addWidget(self.seed_lock)
        return seed_row

    def _build_form(self, seed_row: QHBoxLayout) -> QFormLayout:
        """Version, aspect ratio, quality, duration (or a video edit's length) and seed, each label a
        mnemonic for its field (Alt+Q…). Rows a route does not take are hidden."""
        form = QFormLayout()
        form.setVerticalSpacing(6)
        self.form = form
        self._rows: dict[str, QWidget | QHBoxLayout] = {}
        for key, text, field in (
            ("version", self.tr("&Model"), self.model_combo),
            ("aspect", self.tr("Aspec&t ratio"), self.aspect_combo),
            ("quality", self.tr("&Quality"), self.quality_combo),
            ("duration", self.tr("&Duration"), self.duration_spin),
            ("length", self.tr("Length"), self.length_label),
            ("seed", self.tr("S&eed"), seed_row),
        ):
            label = QLabel(text)
            label.setBuddy(self.seed_spin if field is seed_row else field)
            form.addRow(label, field)
            self._rows[key] = field
        return form

    def _build_advanced(self, layout: QVBoxLayout) -> None:
        """The callback URL, folded away under an "Advanced" toggle."""
        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setObjectName("advancedToggle")
        self.advanced_toggle.setText(self.tr("&Advanced"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.callback_edit = QLineEdit()
        self.callback_edit.setObjectName("callbackEdit")
        self.callback_edit.setPlaceholderText(
            self.tr("https://your-server.example/evolink-callback (optional)")
        )
        self.callback_error = QLabel()
        self.callback_error.setStyleSheet(ERROR_STYLE)
        self.callback_error.setWordWrap(True)
        advanced = QWidget()
        advanced_layout = QFormLayout(advanced)
        advanced_layout.setContentsMargins(0, 0, 0, 0)
        advanced_layout.addRow(self.tr("Callback URL"), self.callback_edit)
        advanced_layout.addRow("", self.callback_error)
        advanced.setVisible(False)
        self.advanced_toggle.toggled.connect(advanced.setVisible)
        self.advanced_toggle.toggled.connect(
            lambda on: self.advanced_toggle.setArrowType(
                Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow
            )
        )
        layout.addWidget(self.advanced_toggle)
        layout.addWidget(advanced)

    def route(self) -> Route:
        return route_for(str(self.model_combo.currentData())) or ROUTES[DEFAULT_MODEL]

    def show_mode(self, mode: Mode, model: str | None = None, aspect: str | None = None) -> None:
        """Offer ``mode``'s versions (``model`` chosen if it is one) and only the rows its route takes."""
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for route in routes_for_mode(mode):
            price = format_credits(route.prices["720p"].credits)
            self.model_combo.addItem(
                self.tr("HappyHorse {version} · {price} credits/s").format(
                    version=route.version, price=price
                ),
                route.model,
            )
        self.model_combo.setCurrentIndex(max(0, self.model_combo.findData(model)))
        self.model_combo.setEnabled(self.model_combo.count() > 1)
        self.model_combo.blockSignals(False)
        self._fill_aspects(aspect)
        route = self.route()
        for key, shown in (
            ("aspect", bool(route.aspect_ratios)),
            ("duration", route.duration is not None),
            ("length", route.duration is None),
        ):
            self.form.setRowVisible(self._rows[key], shown)

    def choose(self, model: str, aspect: str | None) -> None:
        """Select a version of the shown mode and, if it takes it, an aspect ratio."""
        self.model_combo.setCurrentIndex(max(0, self.model_combo.findData(model)))
        if aspect in self.route().aspect_ratios:
            self.aspect_combo.setCurrentText(aspect or "")

    def _version_changed(self) -> None:
        self._fill_aspects(self.aspect_combo.currentText())
        self.sig_changed.emit()

    def _fill_aspects(self, wanted: str | None) -> None:
        """The aspect ratios of the current version (1.1 offers more), keeping the choice if it still fits."""
        ratios = self.route().aspect_ratios
        self.aspect_combo.blockSignals(True)
        self.aspect_combo.clear()
        self.aspect_combo.addItems(list(ratios))
        if wanted in ratios:
            self.aspect_combo.setCurrentText(wanted)
        self.aspect_combo.blockSignals(False)
