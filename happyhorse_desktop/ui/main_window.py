"""The main window: compose on the left (picture, prompt, settings, cost, submit), follow tasks on the
right (filterable table, details, embedded player).

Widgets hold no business logic: they call the engine and react to the task manager's signals; checks
come from ``validation``, prices from ``pricing``, words from ``vocabulary``. Nothing here blocks the
event loop: background work runs through ``ui.background`` and its errors reach :meth:`present_error`.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop import APP_NAME, __version__
from happyhorse_desktop.engine import Engine
from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.secrets import mask_key
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import Outcome, TaskStatus
from happyhorse_desktop.ui.account_status import AccountStatus
from happyhorse_desktop.ui.background import async_slot, show_error_box, user_message
from happyhorse_desktop.ui.batch_studio import BatchStudio
from happyhorse_desktop.ui.composer import Composer
from happyhorse_desktop.ui.notifier import Notifier
from happyhorse_desktop.ui.task_actions import TaskActions
from happyhorse_desktop.ui.task_model import OUTCOMES, TaskRole, TaskTableModel
from happyhorse_desktop.ui.task_table import TaskTableView
from happyhorse_desktop.vocabulary import outcome_label, status_text, task_title

if TYPE_CHECKING:
    from happyhorse_desktop.ui.dialogs import SettingsValues


class MainWindow(QMainWindow):
    sig_closed = Signal()
    """The window was closed; background work is shutting down (await ``wait_closed()``)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self.manager = engine.manager
        self.settings = engine.config.qsettings()
        self._submitting = False
        self._closing: asyncio.Task[None] | None = None
        self._player = None
        self.setWindowTitle(APP_NAME + (self.tr(" — DEMO") if engine.config.demo else ""))
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self._build_composer()
        self._build_tasks()
        self._build_menus()
        self.account = AccountStatus(engine, self.statusBar())
        self.account.sig_balance_changed.connect(self._update_cost)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.composer)
        splitter.addWidget(self.task_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 1000])
        self.main_splitter = splitter
        self.setCentralWidget(splitter)
        self.resize(1400, 860)
        self._connect_engine()
        self.batch_studio = BatchStudio(self)  # the queue dock and the Batch menu
        self._restore_state()
        self._elapsed_timer = QTimer(self)
        self._elapsed_timer.setInterval(1000)
        self._elapsed_timer.timeout.connect(self.model.refresh_elapsed)
        self._elapsed_timer.start()
        self._update_cost()
        self._update_submit()
        # The engine starts once the window has painted: resuming tasks, checking saved videos and
        # building the HTTP client (TLS bundle) must not hold up the first sight of the window. A
        # window that is never painted (started minimised) starts it after a second all the same.
        self._painted = False
        self.installEventFilter(self)
        QTimer.singleShot(1000, self._after_first_paint)

    @property
    def key_label(self) -> QLabel:
        return self.account.key_label

    @property
    def balance_label(self) -> QLabel:
        return self.account.balance_label

    def _after_first_paint(self) -> None:
        self._painted = True
        if self.manager.started or self._closing is not None or self.engine.keys.pending:
            return  # with the key still on its way from the keychain, key_resolved() starts it
        self.manager.start()
        self._warm_up()

    @async_slot
    async def _warm_up(self) -> None:
        await self.engine.warm_up()
        self.account.refresh_balance()

    # -- building -----------------------------------------------------------------------------

    def _build_composer(self) -> None:
        self.composer = Composer(self.settings, self.engine.config.cache_dir, lambda: self.engine.client.http)
        self.composer.sig_submit_requested.connect(self.submit)
        self.composer.sig_changed.connect(self._update_submit)
        self.composer.sig_changed.connect(self._update_cost)

    def _build_tasks(self) -> None:
        m = self.manager
        self.model = TaskTableModel(
            self.engine.store, m.sig_task_added, m.sig_task_changed, m.sig_task_removed, self
        )
        self.task_view = TaskTableView(self.model)
        self.task_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.task_view.customContextMenuRequested.connect(self._context_menu)
        self.task_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.actions = TaskActions(self)
        self.task_view.doubleClicked.connect(lambda _i: self.actions.play_selected())

        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("filterCombo")
        for outcome in OUTCOMES:
            self.filter_combo.addItem(outcome_label(outcome), outcome)
        self.filter_combo.currentIndexChanged.connect(
            lambda _i: self.model.set_outcome(Outcome(self.filter_combo.currentData()))
        )
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Search prompts, task ids, seeds…  (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.model.set_search)
        for changed in (self.filter_combo.currentIndexChanged, self.search_edit.textChanged):
            changed.connect(self._filter_changed)
        self.details = QLabel(self.tr("Select a task to see its details."))
        self.details.setObjectName("taskDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.actions_bar = QToolBar(self.tr("Task actions"))
        self.actions_bar.setObjectName("taskToolbar")
        for action in self.actions.toolbar_actions:
            self.actions_bar.addAction(action)

        top = QHBoxLayout()
        top.addWidget(self.filter_combo)
        top.addWidget(self.search_edit, 1)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(top)
        table_layout.addWidget(self.actions_bar)
        table_layout.addWidget(self.task_view, 1)
        table_layout.addWidget(self.details)
        self.player_box = QWidget()
        self.player_box.setObjectName("playerBox")
        self.player_layout = QVBoxLayout(self.player_box)
        self.player_layout.setContentsMargins(0, 0, 0, 0)
        self.player_box.setVisible(False)
        self.task_area = QSplitter(Qt.Orientation.Vertical)
        self.task_area.setObjectName("taskSplitter")
        self.task_area.addWidget(table_box)
        self.task_area.addWidget(self.player_box)
        self.task_area.setSizes([480, 320])
        self._selection_changed()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        settings = file_menu.addAction(self.tr("Settings…"))
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(self.open_settings)
        open_output = file_menu.addAction(self.tr("Open videos folder"))
        open_output.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.engine.config.output_dir)))
        )
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.actions.fill_menu(self.menuBar().addMenu(self.tr("&Task")), only_enabled=False)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = help_menu.addAction(self.tr("About"))
        about.triggered.connect(self._about)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self).activated.connect(self.submit)
        QShortcut(QKeySequence.StandardKey.Paste, self).activated.connect(self.paste)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.search_edit.setFocus)

    def _connect_engine(self) -> None:
        m = self.manager
        m.sig_task_completed.connect(self._task_completed)
        m.sig_task_failed.connect(self._task_failed)
        m.sig_notice.connect(lambda text: self.say(text, 15000))
        m.sig_upload_progress.connect(
            lambda _i, sent, total: self.say(
                self.tr("Uploading… {percent}%").format(percent=sent * 100 // max(1, total)), 3000
            )
        )
        m.sig_task_changed.connect(self._task_changed)
        self.notifier = Notifier(app_icon(), self)
        self.notifier.sig_task_clicked.connect(self._notification_clicked)

    # -- state --------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for key, widget in (
            ("window/main_splitter", self.main_splitter),
            ("window/task_splitter", self.task_area),
        ):
            value = s.value(key)
            if isinstance(value, QByteArray):
                widget.restoreState(value)
        header = s.value("window/task_header")
        if isinstance(header, QByteArray):
            self.task_view.horizontalHeader().restoreState(header)
        self.composer.restore(s, self.engine.config.settings)

    def _save_state(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/main_splitter", self.main_splitter.saveState())
        s.setValue("window/task_splitter", self.task_area.saveState())
        s.setValue("window/task_header", self.task_view.horizontalHeader().saveState())
        self.composer.save(s)
        s.sync()

    # -- messages -----------------------------------------------------------------------------

    def say(self, text: str, ms: int = 8000) -> None:
        self.statusBar().showMessage(text, ms)

    def present_error(self, exc: BaseException) -> None:
        """The one place errors of background work are shown: the status bar, and a box."""
        self.say(user_message(exc), 15000)
        show_error_box(self, exc)

    # -- composing and submitting -------------------------------------------------------------

    def submit_problems(self) -> list[str]:
        problems = self.composer.problems()
        key_problem = self.engine.key_problem()
        if key_problem:
            problems.append(key_problem)
        return problems

    def show_key_state(self) -> None:
        """Say where the key stands (read, missing, still being read) in the status bar and the form."""
        self.account.show_key()
        self._update_submit()

    def key_resolved(self) -> None:
        """The keychain lookup that was running while the window opened has ended, and the user has
        answered the welcome if there was no key: the engine may start."""
        self.show_key_state()
        if self._painted:
            self._after_first_paint()

    def _update_submit(self) -> None:
        problems = self.submit_problems()
        if self._submitting:  # one submission at a time: a second click or Ctrl+Enter must not pay twice
            problems = [self.tr("Submitting… (uploading the picture and sending the task)"), *problems]
        self.composer.show_problems(problems)

    def _update_cost(self) -> None:
        self.composer.show_cost(self.account.balance)

    def submit(self) -> None:
        self._update_submit()
        if not self.composer.submit_button.isEnabled():
            return
        params = self.composer.params()
        credits = self.composer.estimated_credits() or 0.0
        balance = self.account.balance
        if balance is not None and credits > balance:
            text = self.tr(
                "This task is estimated at {credits} credits, but the balance is {balance}. Submit anyway?"
            ).format(credits=format_credits(credits), balance=format_credits(balance))
            self.confirm_submit("overBalanceBox", self.tr("Not enough credits?"), text, params)
            return
        self._do_submit(params)

    def confirm_submit(self, name: str, title: str, text: str, params: SubmitParams) -> None:
        """Ask before spending money; submit only on Yes. open(), not exec(): no nested event loop."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName(name)
        box.accepted.connect(lambda: self._do_submit(params))
        box.open()

    def _do_submit(self, params: SubmitParams) -> None:
        if self._submitting:
            self.say(self.tr("A submission is already being sent; wait for it to finish."), 5000)
            return
        self._submitting = True
        self._update_submit()
        self.composer.sent(params)
        self._send(params)

    @async_slot
    async def _send(self, params: SubmitParams) -> None:
        try:
            record = await self.manager.submit(params)
        finally:
            self._submitting = False
            self._update_submit()
        self.select_task(record.id)
        if record.server_id:
            self.say(self.tr("Submitted as {task}.").format(task=record.server_id), 8000)
        self.account.refresh_balance()

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.composer.image_panel.accept_mime(mime):
            self.say(self.tr("The clipboard holds no picture, image file or image link."), 5000)

    # -- the task list ------------------------------------------------------------------------

    def selected_record(self) -> TaskRecord | None:
        indexes = self.task_view.selectionModel().selectedRows()
        if not indexes:
            return None
        task_id = indexes[0].data(TaskRole.LOCAL_ID)
        return self.engine.store.get(int(task_id)) if task_id is not None else None

    def select_task(self, task_id: int) -> None:
        row = self.model.row_of(task_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.task_view.selectRow(index.row())
        self.task_view.scrollTo(index)

    def _selection_changed(self, *_: object) -> None:
        record = self.selected_record()
        self.actions.update(record)
        self._show_details(record)
        if record is not None and self.actions.play.isEnabled():
            # Selecting a finished task plays it (the player, and QtMultimedia, load on first use).
            player = self.player()
            if player.current_file() != Path(record.video_path or ""):
                player.play_file(Path(record.video_path or ""))

    def _show_details(self, record: TaskRecord | None) -> None:
        if record is None:
            self.details.setText(self.tr("Select a task to see its details."))
            return
        seed = str(record.seed) if record.seed else self.tr("random")
        lines = [
            f"<b>{status_text(record)}</b> · {record.model} · {record.quality} · {record.duration} s · "
            + self.tr("seed {seed}").format(seed=seed)
        ]
        for text in (record.error_message, record.download_error):
            if text:
                lines.append(text)
        advice = self._advice(record.status)
        if advice:
            lines.append(f"<i>{advice}</i>")
        if record.video_path:
            lines.append(self.tr("Saved: {path}").format(path=record.video_path))
        self.details.setText("<br>".join(lines))

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

    def _task_changed(self, task_id: int) -> None:
        record = self.selected_record()
        if record is not None and record.id == task_id:
            self._selection_changed()

    @property
    def video_player(self):  # type: ignore[no-untyped-def]
        """The embedded player if it was ever shown (None before: QtMultimedia is not loaded yet)."""
        return self._player

    def player(self):  # type: ignore[no-untyped-def]
        """The embedded player, created (and QtMultimedia imported) on first use."""
        if self._player is None:
            from happyhorse_desktop.ui.player import VideoPlayer

            self._player = VideoPlayer()
            self.player_layout.addWidget(self._player)
        self.player_box.setVisible(True)
        return self._player

    def forget_player_file(self, path: str | None) -> None:
        """A video is about to be removed: stop playing it (the file may be deleted)."""
        if self._player is not None and path:
            self._player.stop()

    def _filter_changed(self, *_: object) -> None:
        self.task_view.set_filtered(
            self.filter_combo.currentIndex() > 0 or bool(self.search_edit.text().strip())
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)  # only the first paint matters
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

    def _context_menu(self, point: QPoint) -> None:
        if not self.task_view.indexAt(point).isValid():
            return
        menu = QMenu(self)
        self.actions.fill_menu(menu, only_enabled=True)
        menu.popup(self.task_view.viewport().mapToGlobal(point))

    # -- engine events ------------------------------------------------------------------------

    def _task_completed(self, task_id: int) -> None:
        record = self.engine.store.get(task_id)
        if record is None:
            return
        self._notify(
            self.tr("Video ready"), self.tr("“{title}” is saved.").format(title=task_title(record)), task_id
        )
        self.account.refresh_balance()

    def _task_failed(self, task_id: int, message: str) -> None:
        self._notify(self.tr("Task needs attention"), message[:200], task_id)
        self.account.refresh_balance()

    def _notify(self, title: str, text: str, task_id: int) -> None:
        self.say(f"{title}: {text}", 10000)
        record = self.engine.store.get(task_id)
        if not self.engine.config.settings.notifications or (record and record.batch_id is not None):
            return  # a batch's takes are summed up in one notification when the queue runs dry
        store = self.engine.store
        self.notifier.notify(title, text, task_id, lambda: store.open_count() == 0)

    def _notification_clicked(self, task_id: int) -> None:
        self.showNormal()
        self.activateWindow()
        self.select_task(task_id)

    # -- settings -----------------------------------------------------------------------------

    @async_slot
    async def open_settings(self) -> None:
        # Whether a keychain exists decides the "remember the key" default; finding out loads keyring's
        # backends and may talk to D-Bus, so it happens off the UI thread.
        keychain = await asyncio.to_thread(self.engine.keys.keychain_available)
        from happyhorse_desktop.ui.dialogs import SettingsDialog

        key = self.engine.keys.current()
        hint = self.tr("{key} — type to replace").format(key=mask_key(key)) if key else "sk-evo-…"
        dialog = SettingsDialog(self.engine.config.settings, keychain, hint, self.engine.test_key, self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.values()))
        dialog.open()

    def apply_settings(self, values: SettingsValues) -> None:
        for note in self.engine.apply_settings(values.settings):
            self.say(note, 8000)
        if values.api_key:
            self._save_key(values.api_key, values.remember_key)

    @async_slot
    async def _save_key(self, key: str, remember: bool) -> None:
        outcome = await self.engine.save_key(key, remember=remember)
        self.show_key_state()
        self.account.refresh_balance()
        self.say(outcome.message, 10000)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            APP_NAME,
            f"<b>{APP_NAME}</b> {__version__}<br>"
            + self.tr("Image-to-video with EvoLink's HappyHorse model."),
        )

    # -- shutdown -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close without asking: running tasks are safe in the store and resume next start; a POST on
        the wire is given a few seconds (window already hidden) to be answered and recorded."""
        self._save_state()
        self._elapsed_timer.stop()
        self.model.shutdown()
        if self._player is not None:
            self._player.stop()
        self.notifier.close()
        if self._closing is None:
            self._closing = asyncio.ensure_future(self.engine.aclose())
        event.accept()
        self.sig_closed.emit()

    async def wait_closed(self) -> None:
        """Await the end of background work after the window closed."""
        if self._closing is not None:
            await self._closing


def app_icon() -> QIcon:
    from happyhorse_desktop.assets import asset_path

    return QIcon(str(asset_path("icon.svg")))
