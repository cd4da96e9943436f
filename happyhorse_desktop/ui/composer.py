"""The composer (left side of the window): the mode (Image → Video, Text → Video, References → Video, Edit
a video), that mode's inputs, the prompt, version, aspect ratio, quality, duration, seed, callback URL,
the live cost and the Generate button.

It knows what a valid request looks like and what it costs; it does not submit. The window asks it for
``params()`` and ``problems()``, tells it the balance and whether a submission is under way, and
listens to ``sig_submit_requested`` and ``sig_changed``. Each mode keeps what it had (inputs, prompt,
version, aspect ratio) while another is shown; a mode first opened takes the prompt along.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop import formatting
from happyhorse_desktop.api.models import DEFAULT_MODEL
from happyhorse_desktop.pricing import format_credits, usd_for_credits
from happyhorse_desktop.routes import ROUTES, Mode, Route, route_for
from happyhorse_desktop.tasks.params import SubmitParams, edit_output_seconds
from happyhorse_desktop.ui.background import WARNING_STYLE
from happyhorse_desktop.ui.composer_form import ComposerSettings
from happyhorse_desktop.ui.drop_zone import mime_sources
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.ui.mode_inputs import ModeInputs
from happyhorse_desktop.ui.mode_switch import ModeSwitch
from happyhorse_desktop.ui.prompt_editor import PromptEditor
from happyhorse_desktop.validation import (
    check_callback_url,
    check_prompt,
)

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
        self.mode_switch = ModeSwitch()
        self.inputs = ModeInputs(cache_dir, http)
        self.image_panel = self.inputs.image_panel
        self.prompt = PromptEditor(settings, image_sink=self.accept_mime)
        self._mode = Mode.IMAGE
        self._memory: dict[Mode, dict[str, Any]] = {}  # what each mode had when another was chosen
        self.settings_form = ComposerSettings()
        form = self.settings_form
        # The fields tests and the window reach by name, kept on the composer itself.
        self.model_combo, self.aspect_combo = form.model_combo, form.aspect_combo
        self.quality_combo, self.duration_spin = form.quality_combo, form.duration_spin
        self.seed_spin, self.seed_lock = form.seed_spin, form.seed_lock
        self.callback_edit, self.callback_error = form.callback_edit, form.callback_error
        self._build_footer()
        prompt_label = QLabel(self.tr("<b>&Prompt</b>"))
        prompt_label.setBuddy(self.prompt.edit)
        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("composerWarnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(WARNING_STYLE)
        self.warnings_label.setVisible(False)  # shown when there is something to say
        # The form scrolls when the window is short (1024×640); the cost and Generate stay in view.
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 4, 0)
        fields_layout.setSpacing(8)
        fields_layout.addWidget(self.mode_switch)
        fields_layout.addWidget(self.inputs, 3)
        self.fields_layout = fields_layout
        fields_layout.addWidget(prompt_label)
        fields_layout.addWidget(self.prompt, 2)
        fields_layout.addWidget(self.warnings_label)
        fields_layout.addWidget(form)
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

        self.mode_switch.sig_mode_changed.connect(self._mode_changed)
        self.inputs.sig_changed.connect(self.sig_changed)
        self.inputs.sig_name_clicked.connect(self.insert_name)
        self.prompt.sig_prompt_changed.connect(self.sig_changed)
        form.sig_changed.connect(self.sig_changed)
        self._show_mode(Mode.IMAGE, None)

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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the system switched between light and dark
            self.submit_button.setStyleSheet(primary_button_style(self.palette()))

    # -- modes ----------------------------------------------------------------------------------

    def mode(self) -> Mode:
        return self._mode

    def route(self) -> Route:
        return self.settings_form.route()

    def set_mode(self, mode: Mode) -> None:
        self.mode_switch.set_mode(mode)  # tells _mode_changed when it is a change

    def _mode_changed(self, value: str) -> None:
        mode = Mode(value)
        if mode is self._mode:
            return
        self._memory[self._mode] = {
            "prompt": self.prompt.edit.toPlainText(),
            "model": self.model_combo.currentData(),
            "aspect": self.aspect_combo.currentText(),
        }
        remembered = self._memory.get(mode)
        self._show_mode(mode, remembered)
        if remembered is not None:  # a mode shown before gets its own prompt back; a new one keeps this one
            self.prompt.set_text(str(remembered["prompt"]))
        self.sig_changed.emit()

    def _show_mode(self, mode: Mode, remembered: dict[str, Any] | None) -> None:
        self._mode = mode
        self.inputs.set_mode(mode)
        memory = remembered or {}
        self.settings_form.show_mode(mode, memory.get("model"), memory.get("aspect"))
        self.prompt.edit.setPlaceholderText(self.placeholder(mode))
        # Text → Video has only the prompt: it takes the room the other modes give their inputs.
        self.fields_layout.setStretchFactor(self.inputs, 0 if mode is Mode.TEXT else 3)

    def accept_mime(self, mime: QMimeData) -> bool:
        """A paste (Ctrl+V, or into the prompt) goes to the shown mode's inputs: the first frame, the
        next character slots, the video to edit. Text → Video takes none: False, and text stays text."""
        if self._mode is Mode.IMAGE:
            return self.image_panel.accept_mime(mime)
        sources = mime_sources(mime)
        if not sources:
            return False
        if self._mode is Mode.REFERENCE:
            self.inputs.references.take_dropped(sources)
            return True
        if self._mode is Mode.EDIT:
            self.inputs.video_panel.load(sources[0])
            return True
        return False

    def insert_name(self, name: str) -> None:
        """Write a reference's name ("character2") into the prompt at the cursor, spaced from its words."""
        edit = self.prompt.edit
        cursor = edit.textCursor()
        before = edit.toPlainText()[: cursor.position()]
        cursor.insertText(("" if not before or before[-1].isspace() else " ") + name + " ")
        edit.setTextCursor(cursor)
        edit.setFocus()

    def placeholder(self, mode: Mode) -> str:
        """What the prompt is for in each mode (translated in the composer's context)."""
        texts = {
            Mode.IMAGE: self.tr(
                "Describe the motion: “the horse gallops through the surf at sunset, camera tracking "
                "alongside”. Leave empty to let the picture drive it."
            ),
            Mode.TEXT: self.tr(
                "Describe the video: “a white horse gallops along a beach at dawn, slow motion”."
            ),
            Mode.REFERENCE: self.tr(
                "Tell what the characters do: “character1 rides character2 across a meadow”."
            ),
            Mode.EDIT: self.tr("Say what to change: “make it snow”, “turn it into a watercolour”."),
        }
        return texts[mode]

    # -- the request --------------------------------------------------------------------------

    def params(self) -> SubmitParams:
        mode, route = self._mode, self.route()
        facts = self.inputs.video_facts(mode)
        duration = self.duration_spin.value()
        if route.duration is None:
            duration = (
                edit_output_seconds(route, facts.duration)
                if facts
                else route.video.used_seconds
                if route.video
                else 5
            )
        return SubmitParams(
            images=self.inputs.images(mode),
            prompt=self.prompt.text(),
            model=route.model,
            quality=self.quality_combo.currentText(),
            duration=int(duration),
            seed=self.seed_spin.value() or None,
            callback_url=self.callback_edit.text().strip() or None,
            video=self.inputs.video(mode),
            aspect_ratio=self.aspect_combo.currentText() if route.aspect_ratios else None,
            keep_original_sound=self.inputs.keeps_sound(mode),
            input_seconds=facts.duration if facts else None,
        )

    def problems(self) -> list[str]:
        """What keeps the request from being sent: the mode's inputs first, then the rest of the request
        (a prompt the route needs, characters named without a picture…); the callback's is shown inline."""
        problems = self.inputs.problems(self._mode)
        params = replace(self.params(), callback_url=None)
        problems += [p for p in params.problems(counts=not problems) if p not in problems]
        callback = check_callback_url(self.callback_edit.text().strip() or None)
        self.callback_error.setText(callback or "")
        if callback:
            problems.append(callback)
        self._show_warnings(params)
        return problems

    def _show_warnings(self, params: SubmitParams) -> None:
        """What is sent all the same but may disappoint (the prompt's own counter says when it is long)."""
        long_prompt = check_prompt(params.prompt).message
        warnings = [w for w in params.warnings() if w != long_prompt] + self.inputs.warnings(self._mode)
        self.warnings_label.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings_label.setVisible(bool(warnings))

    def show_problems(self, problems: list[str]) -> None:
        """Enable Generate only without problems; say the first one under the button, all in its tip."""
        self.submit_button.setEnabled(not problems)
        self.submit_button.setToolTip("\n".join(problems) or self.tr("Submit (Ctrl+Enter)"))
        self.submit_reason.setText(problems[0] if problems else "")

    def estimated_credits(self) -> float | None:
        return self.params().estimated_credits()

    def show_cost(self, balance: float | None) -> None:
        params = self.params()
        credits = params.estimated_credits()
        if credits is not None:
            dollars = usd_for_credits(credits)
            text = self.tr("Estimated cost: <b>{credits} credits</b> (≈ {dollars})").format(
                credits=format_credits(credits), dollars=formatting.dollars(dollars)
            )
            if params.input_seconds is not None:
                text += " · " + self.tr("{input} s of source in, {output} s out").format(
                    input=formatting.number(min(params.input_seconds, 15.0), 1),
                    output=formatting.number(params.duration),
                )
        elif self._mode is Mode.EDIT:
            text = self.tr("Estimated cost: it depends on the video's length (in and out): add the video")
        else:
            text = self.tr("Estimated cost: unknown for this model")
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
        """Fill every field from an earlier task ("Use settings", a take to continue): its mode and
        version, its inputs (pictures and video load and are checked), prompt and settings."""
        route = params.route or ROUTES[DEFAULT_MODEL]
        self.set_mode(route.mode)
        self.settings_form.choose(route.model, params.aspect_ratio)
        self.prompt.set_text(params.prompt)
        self.quality_combo.setCurrentText(params.quality)
        if route.duration is not None:
            self.duration_spin.setValue(params.duration)
        self.seed_spin.setValue(params.seed or 0)
        self.callback_edit.setText(params.callback_url or "")
        self.inputs.load(route.mode, params)

    # -- remembered between runs ----------------------------------------------------------------

    def restore(self, settings: QSettings, defaults: AppSettings) -> None:
        model = str(settings.value("last/model") or defaults.default_model)
        route = route_for(model) or ROUTES[DEFAULT_MODEL]
        self.set_mode(route.mode)
        self.settings_form.choose(route.model, str(settings.value("last/aspect_ratio") or ""))
        self.quality_combo.setCurrentText(str(settings.value("last/quality") or defaults.default_quality))
        self.duration_spin.setValue(int(settings.value("last/duration") or defaults.default_duration))
        locked = str(settings.value("last/seed_locked", "false")).lower() == "true"
        self.seed_lock.setChecked(locked)
        if locked:
            self.seed_spin.setValue(int(settings.value("last/seed") or 0))

    def save(self, settings: QSettings) -> None:
        settings.setValue("last/model", self.model_combo.currentData())
        settings.setValue("last/aspect_ratio", self.aspect_combo.currentText())
        settings.setValue("last/quality", self.quality_combo.currentText())
        settings.setValue("last/duration", self.duration_spin.value())
        settings.setValue("last/seed", self.seed_spin.value())
        settings.setValue("last/seed_locked", "true" if self.seed_lock.isChecked() else "false")
