"""The take's details beside the video: its status as a chip, the prompt, every figure the table may
have had to leave out at a narrow width, what went wrong and what to do, and the actions it allows.

The action buttons are the window's shared ``QAction`` objects (menu, context menu, keyboard): a button
shows only while its action is enabled, so the panel lists what can be done with this take.
"""

from __future__ import annotations

import html
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop import formatting
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.ui.delegates import is_dark, tone_colour, tone_of
from happyhorse_desktop.ui.task_model import elapsed_text, short_time, time_left_text
from happyhorse_desktop.vocabulary import (
    credits_text,
    inputs_text,
    model_label,
    output_details,
    seed_text,
    status_parts,
    task_title,
)

BREAKABLE = str.maketrans({"/": "/\u200b", "\\": "\\\u200b", "_": "_\u200b", "-": "-\u200b"})


def breakable(text: str) -> str:
    """Long paths and ids wrap at their separators (a zero-width space after each)."""
    return text.translate(BREAKABLE)


class TakeDetails(QScrollArea):
    sig_take_chosen = Signal(int)  # a task id picked in the "takes of this shot" line

    def __init__(self, action_groups: Sequence[Sequence[QAction]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("takeDetails")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.chip = QLabel()
        self.chip.setObjectName("statusChip")
        self.meaning = QLabel()
        self.meaning.setWordWrap(True)
        self.prompt = QLabel()
        self.prompt.setObjectName("takePrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shot = QLabel()
        self.shot.setObjectName("shotTakes")
        self.shot.setWordWrap(True)
        self.shot.setTextFormat(Qt.TextFormat.RichText)
        self.shot.linkActivated.connect(self._take_link)
        self._build_facts()
        self.messages = QLabel()
        self.messages.setObjectName("takeMessages")
        self.messages.setWordWrap(True)
        self.messages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_buttons(action_groups)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(8)
        layout.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.meaning)
        layout.addWidget(self.prompt)
        layout.addWidget(self.shot)
        layout.addLayout(self.facts)
        layout.addWidget(self.messages)
        layout.addLayout(self.buttons)
        layout.addStretch(1)
        self.setWidget(body)
        self._arrange_buttons()

    def _build_facts(self) -> None:
        """The form of figures: a title and a selectable, wrapping value per fact."""
        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.facts.setHorizontalSpacing(10)
        self.facts.setVerticalSpacing(3)
        self._fact_labels: dict[str, QLabel] = {}
        self._fact_titles: dict[str, str] = {}
        for key, title in (
            ("task", self.tr("Task ID")),
            ("route", self.tr("Route")),
            ("inputs", self.tr("Inputs")),
            ("output", self.tr("Output")),
            ("seed", self.tr("Seed")),
            ("credits", self.tr("Credits")),
            ("created", self.tr("Created")),
            ("time", self.tr("Time")),
            ("file", self.tr("Saved as")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self._fact_labels[key] = value
            self._fact_titles[key] = title
            self.facts.addRow(title, value)

    def _build_buttons(self, action_groups: Sequence[Sequence[QAction]]) -> None:
        self.buttons = QGridLayout()
        self.buttons.setSpacing(4)
        self._buttons: list[QToolButton] = []
        self._columns = 2
        for action in (a for group in action_groups for a in group):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setVisible(action.isEnabled())
            action.enabledChanged.connect(lambda on, b=button: self._button_enabled(b, on))
            self._buttons.append(button)

    def _button_enabled(self, button: QToolButton, on: bool) -> None:
        button.setVisible(on)
        self._arrange_buttons()

    def _arrange_buttons(self) -> None:
        """Two buttons a row when the widest two fit side by side (else one), only those the take
        allows, in the actions' order: a narrow panel never cuts a button's text."""
        for button in self._buttons:
            self.buttons.removeWidget(button)
        shown = [b for b in self._buttons if not b.isHidden()]
        self._columns = columns = self._columns_that_fit()
        for number, button in enumerate(shown):
            self.buttons.addWidget(button, number // columns, number % columns)

    def _columns_that_fit(self) -> int:
        widest = max((b.sizeHint().width() for b in self._buttons if not b.isHidden()), default=0)
        return 2 if 2 * widest + self.buttons.spacing() + 8 <= self.viewport().width() else 1

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._columns_that_fit() != self._columns:
            self._arrange_buttons()

    def text(self) -> str:
        """Everything the panel says, as plain text (one line per part)."""
        from PySide6.QtGui import QTextDocumentFragment

        shown = self.shot.isVisibleTo(self)
        shot = QTextDocumentFragment.fromHtml(self.shot.text()).toPlainText() if shown else ""
        parts = [self.chip.text(), self.meaning.text(), self.prompt.text(), shot]
        parts += [f"{self._fact_titles[key]}: {self.fact(key)}" for key in self._fact_labels]
        parts.append(QTextDocumentFragment.fromHtml(self.messages.text()).toPlainText())
        return "\n".join(p for p in parts if p)

    def fact(self, key: str) -> str:
        """The text shown for one fact (``task``, ``output``, ``seed``, ``credits``, ``file``…)."""
        return self._fact_labels[key].text().replace("\u200b", "")

    def show_record(self, record: TaskRecord, shot: Sequence[TaskRecord] = ()) -> None:
        """Show a take; ``shot``: every take of its shot, oldest first (stacked as numbered links)."""
        label, meaning = status_parts(record)
        tone = tone_colour(tone_of(record), self.palette())
        fill = (
            f"rgba({tone.red()}, {tone.green()}, {tone.blue()}, {0.22 if is_dark(self.palette()) else 0.14})"
        )
        self.chip.setText(label)
        self.chip.setStyleSheet(
            f"color: {tone.name()}; background: {fill}; border-radius: 9px; padding: 2px 10px;"
            " font-weight: bold;"
        )
        left = time_left_text(record)
        self.meaning.setText(" · ".join(t for t in (meaning, left, self._progress(record)) if t))
        self.meaning.setVisible(bool(self.meaning.text()))
        self.prompt.setText(html.escape(task_title(record, limit=len(record.prompt) + 1)))
        facts = {
            "task": breakable(record.server_id or "—"),
            "route": model_label(record.model),
            "inputs": breakable(inputs_text(record)),
            "output": output_details(record),
            "seed": seed_text(record.seed),
            "credits": credits_text(record),
            "created": short_time(record.created_at),
            "time": elapsed_text(record, time.time()),
            "file": breakable(Path(record.video_path).name) if record.video_path else "—",
        }
        for key, text in facts.items():
            self._fact_labels[key].setText(text)
        self._fact_labels["file"].setToolTip(record.video_path or "")
        self.messages.setText("<br>".join(self._messages(record)))
        self.messages.setVisible(bool(self.messages.text()))
        self._show_shot(record, shot)

    def _show_shot(self, record: TaskRecord, shot: Sequence[TaskRecord]) -> None:
        """The takes of this shot as one line: "Take 2 of 4: 1 · 2 · ★3 · 4", this one in bold, the
        others links that select them; a starred take (the keeper) carries a star, a failed one a cross."""
        if len(shot) < 2:
            self.shot.clear()
            self.shot.setVisible(False)
            return
        marks = []
        for number, take in enumerate(shot, start=1):
            mark = ("★" if take.starred else "") + str(number)
            if take.status in (TaskStatus.FAILED, TaskStatus.REJECTED, TaskStatus.EXPIRED):
                mark += "✕"
            marks.append(f"<b>{mark}</b>" if take.id == record.id else f'<a href="take:{take.id}">{mark}</a>')
        position = next((n for n, take in enumerate(shot, start=1) if take.id == record.id), 0)
        title = self.tr("Take %1 of %n of this shot:", "", len(shot)).replace("%1", str(position))
        self.shot.setText(f"{html.escape(title)} {' · '.join(marks)}")
        self.shot.setToolTip(
            self.tr("Takes with the same prompt and source pictures. Click a number to show it.")
        )
        self.shot.setVisible(True)

    def _take_link(self, link: str) -> None:
        if link.startswith("take:") and link[5:].isdigit():
            self.sig_take_chosen.emit(int(link[5:]))

    def _progress(self, record: TaskRecord) -> str:
        running = record.server_id and not record.is_final and record.tracking
        return formatting.percent(record.progress) if running else ""

    def _messages(self, record: TaskRecord) -> list[str]:
        lines = [html.escape(t) for t in (record.error_message, record.download_error) if t]
        advice = self._advice(record.status)
        if advice:
            lines.append(f"<i>{html.escape(advice)}</i>")
        return lines

    def _advice(self, status: TaskStatus) -> str | None:
        return {
            TaskStatus.UNKNOWN: self.tr(
                "Check your EvoLink dashboard. If the task is not there, use “Re-run”."
            ),
            TaskStatus.REJECTED: self.tr("Nothing was charged. Fix the cause, then use “Re-run”."),
            TaskStatus.FAILED: self.tr("Change the picture or prompt, then use “Re-run” or “Use settings”."),
            TaskStatus.EXPIRED: self.tr("The 24-hour link lapsed; the video can no longer be downloaded."),
            TaskStatus.INTERRUPTED: self.tr("Nothing was sent. Use “Submit now” to send it, or “Discard”."),
        }.get(status)
