"""The composer (left side of the window): picture, prompt, model, quality, duration, seed, callback URL,
the live cost and the Generate button.

It knows what a valid request looks like and what it costs; it does not submit. The window asks it for
``params()`` and ``problems()``, tells it the balance and whether a submission is under way, and
listens to ``sig_submit_requested`` and ``sig_changed``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop import formatting
from happyhorse_desktop.api.models import MODELS, QUALITIES
from happyhorse_desktop.pricing import estimate_credits, format_credits, usd_for_credits
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.record import is_url
from happyhorse_desktop.ui.background import ERROR_STYLE
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.ui.image_panel import ImagePanel
from happyhorse_desktop.ui.prompt_editor import PromptEditor
from happyhorse_desktop.validation import DURATION_MAX, DURATION_MIN, SEED_MAX, check_callback_url
from happyhorse_desktop.vocabulary import model_label

if TYPE_CHECKING:
    import httpx

    from happyhorse_desktop.config import AppSettings


def primary_button_style(palette: QPalette) -> str:
    """The one button that spends money stands out: the palette's accent colour; disabled, the palette's
    own disabled text on a plain button, readable in light and dark themes."""
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    return (
        "QPushButton#submitButton { background: palette(highlight); color: palette(highlighted-text);"
        " border: none; border-radius: 6px; padding: 6px 14px; font-weight: bold; }"
        " QPushButton#submitButton:hover { background: palette(link); }"
        f" QPushButton#submitButton:disabled {{ background: palette(button); color: {disabled}; }}"
    )


class Composer(QWidget):
    sig_submit_requested = Signal()
    """The Generate button was pressed."""
    sig_changed = Signal()
    """Something that decides whether (or at what cost) a task can be submitted changed."""

    def __init__(self, settings: QSettings, cache_dir: Path, http: Callable[[], httpx.AsyncClient]) -> None:
        super().__init__()
        self.setObjectName("composer")
        self.image_panel = ImagePanel(cache_dir, http)
        self.prompt = PromptEditor(settings, image_sink=self.image_panel.accept_mime)

        self.model_combo = QComboBox()
        self.model_combo.setObjectName("modelCombo")
        for model_id in MODELS:
            self.model_combo.addItem(model_label(model_id), model_id)
        self.quality_combo = QComboBox()
        self.quality_combo.setObjectName("qualityCombo")
        self.quality_combo.addItems(list(QUALITIES))
        self.duration_spin = QSpinBox()
        self.duration_spin.setObjectName("durationSpin")
        self.duration_spin.setRange(DURATION_MIN, DURATION_MAX)
        self.duration_spin.setSuffix(self.tr(" s"))
        self.seed_spin = QSpinBox()
        self.seed_spin.setObjectName("seedSpin")
        self.seed_spin.setRange(0, SEED_MAX)
        self.seed_spin.setSpecialValueText(self.tr("Random"))
        self.seed_spin.setToolTip(
            self.tr("Fix a seed to make prompt iterations reproducible; “Random” sends none.")
        )
        seed_row = self._build_seed_row()
        self._build_footer()
        form = self._build_form(seed_row)
        prompt_label = QLabel(self.tr("<b>&Prompt</b>"))
        prompt_label.setBuddy(self.prompt.edit)
        # The form scrolls when the window is short (1024×640); the cost and Generate stay in view.
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 4, 0)
        fields_layout.setSpacing(8)
        fields_layout.addWidget(self.image_panel, 3)
        fields_layout.addWidget(prompt_label)
        fields_layout.addWidget(self.prompt, 2)
        fields_layout.addLayout(form)
        self._build_advanced(fields_layout)
        scroll = QScrollArea()
        scroll.setObjectName("composerScroll")
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.cost_label)
        layout.addWidget(self.submit_button)
        layout.addWidget(self.submit_reason)

        self.image_panel.sig_image_changed.connect(self.sig_changed)
        self.prompt.sig_prompt_changed.connect(self.sig_changed)
        for combo in (self.model_combo, self.quality_combo):
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

    def _build_footer(self) -> None:
        """The cost, Generate and why it is disabled: always in view, under the scrolling fields."""
        self.cost_label = QLabel()
        self.cost_label.setObjectName("costLabel")
        self.cost_label.setWordWrap(True)
        self.submit_button = QPushButton(icon("sparkles", "#ffffff"), self.tr("&Generate video"))
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setIconSize(QSize(18, 18))
        self.submit_button.setMinimumHeight(38)
        self.submit_button.setStyleSheet(primary_button_style(self.palette()))
        self.submit_button.clicked.connect(self.sig_submit_requested)
        self.submit_reason = QLabel()
        self.submit_reason.setObjectName("submitReason")
        self.submit_reason.setWordWrap(True)
        self.submit_reason.setEnabled(False)

    def _build_form(self, seed_row: QHBoxLayout) -> QFormLayout:
        """Model, quality, duration and seed, each label a mnemonic for its field (Alt+Q…)."""
        form = QFormLayout()
        form.setVerticalSpacing(6)
        for text, field in (
            (self.tr("&Model"), self.model_combo),
            (self.tr("&Quality"), self.quality_combo),
            (self.tr("&Duration"), self.duration_spin),
            (self.tr("S&eed"), seed_row),
        ):
            label = QLabel(text)
            label.setBuddy(self.seed_spin if field is seed_row else field)
            form.addRow(label, field)
        return form

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the system switched between light and dark
            self.submit_button.setStyleSheet(primary_button_style(self.palette()))

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

    # -- the request --------------------------------------------------------------------------

    def params(self) -> SubmitParams:
        source = self.image_panel.source()
        return SubmitParams(
            images=(source,) if source else (),
            prompt=self.prompt.text(),
            model=str(self.model_combo.currentData()),
            quality=self.quality_combo.currentText(),
            duration=self.duration_spin.value(),
            seed=self.seed_spin.value() or None,
            callback_url=self.callback_edit.text().strip() or None,
        )

    def problems(self) -> list[str]:
        """What keeps the request from being sent, picture first (the callback's is shown inline)."""
        problems = list(self.image_panel.problems())
        callback = check_callback_url(self.callback_edit.text().strip() or None)
        self.callback_error.setText(callback or "")
        if callback:
            problems.append(callback)
        return problems

    def show_problems(self, problems: list[str]) -> None:
        """Enable Generate only without problems; say the first one under the button, all in its tip."""
        self.submit_button.setEnabled(not problems)
        self.submit_button.setToolTip("\n".join(problems) or self.tr("Submit (Ctrl+Enter)"))
        self.submit_reason.setText(problems[0] if problems else "")

    def estimated_credits(self) -> float | None:
        model = str(self.model_combo.currentData())
        return estimate_credits(model, self.quality_combo.currentText(), self.duration_spin.value())

    def show_cost(self, balance: float | None) -> None:
        credits = self.estimated_credits()
        text = self.tr("Estimated cost: unknown for this model")
        if credits is not None:
            dollars = usd_for_credits(credits)
            text = self.tr("Estimated cost: <b>{credits} credits</b> (≈ {dollars})").format(
                credits=format_credits(credits), dollars=formatting.dollars(dollars)
            )
        if balance is not None:
            text += " · " + self.tr("balance {balance}").format(balance=format_credits(balance))
            if credits is not None and credits > balance:
                warning = self.tr("more than your balance")
                text += f" — <span style='color:#d84315'>{warning}</span>"
        self.cost_label.setText(text)

    def sent(self, params: SubmitParams) -> None:
        """A request left: remember its prompt, and return the seed to Random unless it is kept."""
        self.prompt.remember(params.prompt)
        if not self.seed_lock.isChecked():
            self.seed_spin.setValue(0)

    def load(self, params: SubmitParams) -> None:
        """Fill every field from an earlier task ("Use settings"); the picture loads and is checked."""
        self.prompt.set_text(params.prompt)
        self.model_combo.setCurrentIndex(max(0, self.model_combo.findData(params.model)))
        self.quality_combo.setCurrentText(params.quality)
        self.duration_spin.setValue(params.duration)
        self.seed_spin.setValue(params.seed or 0)
        self.callback_edit.setText(params.callback_url or "")
        if not params.image:
            self.image_panel.clear()
        elif is_url(params.image):
            self.image_panel.load_url(params.image)
        else:
            self.image_panel.load_path(Path(params.image))

    # -- remembered between runs ----------------------------------------------------------------

    def restore(self, settings: QSettings, defaults: AppSettings) -> None:
        model = str(settings.value("last/model") or defaults.default_model)
        self.model_combo.setCurrentIndex(max(0, self.model_combo.findData(model)))
        self.quality_combo.setCurrentText(str(settings.value("last/quality") or defaults.default_quality))
        self.duration_spin.setValue(int(settings.value("last/duration") or defaults.default_duration))
        locked = str(settings.value("last/seed_locked", "false")).lower() == "true"
        self.seed_lock.setChecked(locked)
        if locked:
            self.seed_spin.setValue(int(settings.value("last/seed") or 0))

    def save(self, settings: QSettings) -> None:
        settings.setValue("last/model", self.model_combo.currentData())
        settings.setValue("last/quality", self.quality_combo.currentText())
        settings.setValue("last/duration", self.duration_spin.value())
        settings.setValue("last/seed", self.seed_spin.value())
        settings.setValue("last/seed_locked", "true" if self.seed_lock.isChecked() else "false")
