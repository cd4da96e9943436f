"""The queue panel (a dock in the main window): what runs, what waits and in which order, why the queue
is paused, what today cost — and the controls: pause/resume, move to top, edit, remove, retry failed
takes (new paid tasks: the total is confirmed first), drag to reorder, and the shared queue settings
(tasks at once, daily cap, a command per finished video, a watched folder).

Every control calls the engine's queue (``manager.queue``); the panel holds no state of its own and
refreshes from the history when the engine says something changed (and once a second for the day's
spending, which running tasks change).
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop import formatting
from happyhorse_desktop.pricing import format_credits, usd_for_credits
from happyhorse_desktop.tasks.budget import estimate
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.queue_messages import credits_and_dollars, pause_text
from happyhorse_desktop.tasks.queue_state import MAX_CONCURRENCY, MIN_CONCURRENCY, QueueSettings
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.ui.background import ERROR_STYLE, show_error_box
from happyhorse_desktop.ui.queue_model import LOCAL_ID_ROLE, QueueColumn, QueueModel
from happyhorse_desktop.ui.take_editor import TakeEditor
from happyhorse_desktop.ui.widgets import table_view

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine

STATE_REFRESH_MS = 1000
COLUMN_WIDTHS = {
    QueueColumn.STATUS: 210,
    QueueColumn.PICTURE: 150,
    QueueColumn.SETTINGS: 200,
    QueueColumn.CREDITS: 90,
}


class QueuePanel(QWidget):
    sig_message = Signal(str)
    """A short message for the status bar."""
    sig_new_batch = Signal()
    """The user asked for the batch composer."""
    sig_ledger = Signal()
    """The user asked for the cost ledger."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self.engine = engine
        self.queue = engine.manager.queue
        self._stopped = False
        m = engine.manager
        self.model = QueueModel(
            engine.store,
            self.queue.sql.view_ids,
            self.queue.reorder,
            [m.sig_task_added, m.sig_task_changed, m.sig_task_removed, m.sig_queue_changed],
            self,
        )
        self.view = self._queue_view()
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.state_label = QLabel()
        self.state_label.setObjectName("queueState")
        self.pause_label = QLabel()
        self.pause_label.setObjectName("queuePauseReason")
        self.pause_label.setWordWrap(True)
        self.pause_label.setStyleSheet(ERROR_STYLE)

        self.pause_button = self._button("pauseQueueButton", self.tr("Pause"), self.toggle_pause)
        self.top_button = self._button("moveToTopButton", self.tr("Move to top"), self.move_to_top)
        self.edit_button = self._button("editTakeButton", self.tr("Edit…"), self.edit_selected)
        self.remove_button = self._button("removeTakesButton", self.tr("Remove"), self.remove_selected)
        self.retry_button = self._button("retryFailedButton", self.tr("Retry failed…"), self.retry_failed)
        self.dismiss_button = self._button("dismissButton", self.tr("Dismiss"), self.dismiss_selected)
        self.budget_button = self._button("batchBudgetButton", self.tr("Batch budget…"), self.edit_budget)
        new_batch = self._button("newBatchButton", self.tr("New batch…"), self.sig_new_batch.emit)
        ledger = self._button("ledgerButton", self.tr("Ledger…"), self.sig_ledger.emit)
        tools = QHBoxLayout()
        for button in (self.pause_button, self.top_button, self.edit_button, self.remove_button):
            tools.addWidget(button)
        for button in (self.retry_button, self.dismiss_button, self.budget_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(new_batch)
        tools.addWidget(ledger)

        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(self.pause_label)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._settings_row())
        m.sig_queue_changed.connect(self.refresh_state)
        self._timer = QTimer(self)
        self._timer.setInterval(STATE_REFRESH_MS)
        self._timer.timeout.connect(self.refresh_state)
        self._timer.start()
        self.refresh_state()

    def _queue_view(self) -> QTableView:
        view = table_view("queueView", self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDragDropOverwriteMode(False)
        view.setWordWrap(False)  # long names are elided, rows keep one height
        # Fixed widths, never "resize to contents": that measures every row of a 1,000-take queue on
        # each change (a third of a second per poll reply).
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(QueueColumn.PROMPT, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            view.setColumnWidth(column, width)
        return view

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())  # type: ignore[operator]
        return button

    def _settings_row(self) -> QHBoxLayout:
        settings = self.queue.sql.settings()
        self.concurrency = QSpinBox()
        self.concurrency.setObjectName("concurrencySpin")
        self.concurrency.setRange(MIN_CONCURRENCY, MAX_CONCURRENCY)
        self.concurrency.setValue(settings.concurrency)
        self.concurrency.setToolTip(self.tr("Tasks running on EvoLink at once (queued or not)."))
        self.concurrency.valueChanged.connect(lambda _v: self.save_settings())
        self.daily_cap = QDoubleSpinBox()
        self.daily_cap.setObjectName("dailyCapSpin")
        self.daily_cap.setRange(0.0, 10_000_000.0)
        self.daily_cap.setDecimals(2)
        self.daily_cap.setSpecialValueText(self.tr("No daily cap"))
        self.daily_cap.setSuffix(self.tr(" credits"))
        self.daily_cap.setValue(settings.daily_cap or 0.0)
        self.daily_cap.editingFinished.connect(self.save_settings)
        self.cap_dollars = QLabel()
        self.on_finish = QLineEdit(settings.on_finish)
        self.on_finish.setObjectName("onFinishEdit")
        self.on_finish.setPlaceholderText(self.tr("After each video, run: e.g. notify-send Done {video}"))
        self.on_finish.setToolTip(
            self.tr("Run without a shell; {video}, {task_id}, {prompt} and {seed} are filled in.")
        )
        self.on_finish.editingFinished.connect(self.save_settings)
        self.watch_folder = QLineEdit(settings.watch_folder)
        self.watch_folder.setObjectName("watchFolderEdit")
        self.watch_folder.setPlaceholderText(self.tr("Watched folder (pictures saved there are queued)"))
        self.watch_folder.editingFinished.connect(self.save_settings)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("At once")))
        row.addWidget(self.concurrency)
        row.addWidget(QLabel(self.tr("Daily cap")))
        row.addWidget(self.daily_cap)
        row.addWidget(self.cap_dollars)
        row.addWidget(self.on_finish, 2)
        row.addWidget(self.watch_folder, 2)
        return row

    # -- state --------------------------------------------------------------------------------

    def refresh_state(self) -> None:
        if self._stopped:
            return  # the window closed: the store is being closed
        state = self.queue.state()
        cap = state.settings.daily_cap
        today = format_credits(state.spent_today) + (f" / {format_credits(cap)}" if cap else "")
        text = self.tr("{running} of {limit} running · {queued} queued · today {today} credits ({dollars})")
        self.state_label.setText(
            text.format(
                running=state.running,
                limit=state.settings.concurrency,
                queued=state.queued,
                today=today,
                dollars=formatting.dollars(usd_for_credits(state.spent_today)),
            )
        )
        reason = pause_text(state.pause) if state.pause else ""
        if not reason and state.retry_at:
            when = formatting.time_of_day(state.retry_at)
            reason = self.tr("Waiting after a refusal from EvoLink: the next take goes at {time}.").format(
                time=when
            )
        self.pause_label.setText(reason)
        self.pause_label.setVisible(bool(reason))
        self.pause_button.setText(self.tr("Resume") if state.paused else self.tr("Pause"))
        self.cap_dollars.setText(f"≈ {formatting.dollars(usd_for_credits(cap))}" if cap else "")
        self._show_settings(state.settings)
        self._update_buttons()

    def _show_settings(self, settings: QueueSettings) -> None:
        """Settings changed elsewhere (another window, the CLI) show up here, except in a field the user
        is editing."""
        fields = (
            (self.concurrency, settings.concurrency, self.concurrency.setValue),
            (self.daily_cap, settings.daily_cap or 0.0, self.daily_cap.setValue),
            (self.on_finish, settings.on_finish, self.on_finish.setText),
            (self.watch_folder, settings.watch_folder, self.watch_folder.setText),
        )
        for widget, value, setter in fields:
            if not widget.hasFocus():
                widget.blockSignals(True)
                setter(value)  # type: ignore[operator]
                widget.blockSignals(False)

    def selected(self) -> list[TaskRecord]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [r for row in rows if (r := self.model.record_at(row)) is not None]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        queued = [r for r in chosen if r.status == TaskStatus.QUEUED]
        retryable = {r.id for r in self.queue.retry_candidates([r.id for r in chosen])} if chosen else set()
        self.top_button.setEnabled(bool(queued))
        self.remove_button.setEnabled(bool(queued))
        self.edit_button.setEnabled(len(chosen) == 1 and len(queued) == 1)
        self.dismiss_button.setEnabled(any(r.is_final or r.video_path for r in chosen))
        self.retry_button.setEnabled(bool(retryable) or (not chosen and bool(self.queue.retry_candidates())))
        self.budget_button.setEnabled(len({r.batch_id for r in chosen}) == 1)

    # -- actions ------------------------------------------------------------------------------

    def toggle_pause(self) -> None:
        self.set_paused(not self.queue.state().paused)

    def set_paused(self, paused: bool) -> None:
        """Pause or resume (the tray's check mark says which it wants, not "the other one")."""
        if paused:
            self.queue.pause()
            self.sig_message.emit(self.tr("Queue paused: running tasks go on, nothing new is sent."))
        else:
            self.queue.resume()
            self.sig_message.emit(self.tr("Queue resumed."))

    def move_to_top(self) -> None:
        self.queue.move_to_top([r.id for r in self.selected() if r.status == TaskStatus.QUEUED])

    def remove_selected(self) -> None:
        removed = self.queue.remove([r.id for r in self.selected() if r.status == TaskStatus.QUEUED])
        self.sig_message.emit(self.tr("Removed %n queued takes; nothing was sent.", "", len(removed)))

    def dismiss_selected(self) -> None:
        self.queue.dismiss([r.id for r in self.selected()])

    def edit_selected(self) -> TakeEditor | None:
        chosen = [r for r in self.selected() if r.status == TaskStatus.QUEUED]
        if len(chosen) != 1:
            return None
        record = chosen[0]
        editor = TakeEditor(SubmitParams.of(record), self)

        def apply() -> None:
            try:
                if not self.queue.edit(record.id, editor.take()):
                    self.sig_message.emit(
                        self.tr("That take has already been sent; it can no longer be edited.")
                    )
            except Exception as exc:  # a rule broken: say which, nothing changed
                self.present_error(exc)

        editor.accepted.connect(apply)
        editor.open()
        return editor

    def retry_failed(self) -> QMessageBox | None:
        """Queue the failed takes (the selected ones, or all) again as new paid tasks, once the user has
        confirmed the total."""
        chosen = self.selected()
        records = self.queue.retry_candidates([r.id for r in chosen] if chosen else None)
        if not records:
            return None
        total = sum(estimate(r.model, r.quality, r.duration, r.input_seconds) for r in records)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Retry failed takes?"),
            self.tr("Queue %n takes again as new paid tasks, ≈ {cost}?", "", len(records)).format(
                cost=credits_and_dollars(total)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("retryBox")
        box.accepted.connect(lambda: self.queue.retry(records))
        box.open()
        return box

    def edit_budget(self) -> QInputDialog | None:
        """Change the budget of the selected takes' batch (0: none), e.g. after it paused the queue."""
        batch_ids = {r.batch_id for r in self.selected()}
        batch = (
            self.queue.sql.batch(batch_ids.pop()) if len(batch_ids) == 1 and None not in batch_ids else None
        )
        if batch is None:
            return None
        dialog = QInputDialog(self)
        dialog.setObjectName("batchBudgetDialog")
        dialog.setWindowTitle(self.tr("Batch budget"))
        dialog.setLabelText(
            self.tr("Credits batch “{name}” may spend at most (0: no budget):").format(
                name=batch.name or batch.id
            )
        )
        dialog.setInputMode(QInputDialog.InputMode.DoubleInput)
        dialog.setDoubleRange(0.0, 10_000_000.0)
        dialog.setDoubleDecimals(2)
        dialog.setDoubleValue(batch.budget or 0.0)
        dialog.doubleValueSelected.connect(lambda value: self.queue.set_batch_budget(batch.id, value or None))
        dialog.open()
        return dialog

    def save_settings(self) -> None:
        settings = self.queue.sql.settings()
        command = self.on_finish.text().strip()
        try:
            if command:
                shlex.split(command)
        except ValueError as exc:
            self.sig_message.emit(
                self.tr("The command cannot be read ({reason}); not saved.").format(reason=exc)
            )
            return
        settings.concurrency = self.concurrency.value()
        settings.daily_cap = self.daily_cap.value() or None
        settings.on_finish = command
        settings.watch_folder = self.watch_folder.text().strip()
        self.queue.save_settings(settings)

    def select_take(self, task_id: int) -> None:
        row = self.model.row_of(task_id)
        if row is not None:
            self.view.selectRow(row)

    def take_id_at(self, row: int) -> int | None:
        value = self.model.index(row, 0).data(LOCAL_ID_ROLE)
        return int(value) if value is not None else None

    def shutdown(self) -> None:
        self._stopped = True
        self._timer.stop()
        self.model.stop()

    def present_error(self, exc: BaseException) -> None:
        show_error_box(self, exc)
