"""The main window: compose on the left (picture, prompt, settings, cost, submit), follow tasks on the
right (filterable table, details, embedded player).

Widgets hold no business logic: they call the task manager and react to its signals; checks come from
``validation``, prices from ``pricing``. Nothing here blocks the event loop.
"""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QCheckBox,
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
from happyhorse_desktop.api.models import Credits
from happyhorse_desktop.config import settings_for
from happyhorse_desktop.engine import Engine
from happyhorse_desktop.pricing import estimate_credits, format_credits
from happyhorse_desktop.secrets import KeySource, mask_key
from happyhorse_desktop.tasks.manager import SubmitParams
from happyhorse_desktop.tasks.store import TaskRecord, TaskStatus
from happyhorse_desktop.ui.background import run_in_background
from happyhorse_desktop.ui.composer import Composer
from happyhorse_desktop.ui.notifier import Notifier
from happyhorse_desktop.ui.task_model import (
    Category,
    TaskFilterModel,
    TaskRole,
    TaskTableModel,
    status_text,
)
from happyhorse_desktop.ui.task_table import TaskTableView
from happyhorse_desktop.validation import SEED_MAX

if TYPE_CHECKING:
    from happyhorse_desktop.ui.dialogs import SettingsValues

ADVICE = {
    TaskStatus.UNKNOWN: "Check your EvoLink dashboard. If the task is not there, use “Re-run”.",
    TaskStatus.REJECTED: "Nothing was charged. Fix the cause, then use “Re-run”.",
    TaskStatus.FAILED: "Change the picture or prompt, then use “Re-run” or “Use settings”.",
    TaskStatus.EXPIRED: "The 24-hour link lapsed; the video can no longer be downloaded.",
}


class MainWindow(QMainWindow):
    sig_closed = Signal()
    """The window was closed; background work is shutting down (await ``wait_closed()``)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self.manager = engine.manager
        self.settings: QSettings = settings_for(engine.config.data_dir)
        self._credits: Credits | None = None
        self._submitting = False
        self._closing: asyncio.Task[None] | None = None
        self._player = None
        self.setWindowTitle(f"{APP_NAME}{' — DEMO' if engine.config.demo else ''}")
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self._build_composer()
        self._build_tasks()
        self._build_menus()
        self._build_status_bar()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.composer)
        splitter.addWidget(self.task_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 1000])
        self.main_splitter = splitter
        self.setCentralWidget(self._with_offline_banner(splitter))
        self.resize(1400, 860)
        self._connect_engine()
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

    def _after_first_paint(self) -> None:
        self._painted = True
        if self.manager.started or self._closing is not None or self.engine.keys.pending:
            return  # with the key still on its way from the keychain, key_resolved() starts it
        self.manager.start()
        if self.engine.monitor is not None:
            self.engine.monitor.watch_system()  # [network] the platform's reachability, where offered
        run_in_background(
            self.engine.warm_up(), on_success=lambda _none: self.refresh_balance(), on_error=self._error
        )

    # -- building -----------------------------------------------------------------------------

    def _build_composer(self) -> None:
        config = self.engine.config
        self.composer = Composer(self.settings, config.cache_dir, lambda: self.engine.client.http)
        self.composer.submitRequested.connect(self.submit)
        self.composer.changed.connect(self._update_submit)
        self.composer.changed.connect(self._update_cost)

    def _build_tasks(self) -> None:
        self.model = TaskTableModel(self.engine.store, self.manager, self)
        self.proxy = TaskFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.task_view = TaskTableView(self.proxy)
        self.task_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.task_view.customContextMenuRequested.connect(self._context_menu)
        self.task_view.doubleClicked.connect(lambda _i: self.play_selected())
        self.task_view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("filterCombo")
        self.filter_combo.addItems([Category.ALL, Category.ACTIVE, Category.DONE, Category.FAILED])
        self.filter_combo.currentTextChanged.connect(self.proxy.set_category)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText("Search prompts, task ids, seeds…  (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.set_search)
        for changed in (self.filter_combo.currentIndexChanged, self.search_edit.textChanged):
            changed.connect(self._filter_changed)
        self.details = QLabel("Select a task to see its details.")
        self.details.setObjectName("taskDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.actions_bar = QToolBar("Task actions")
        self.actions_bar.setObjectName("taskToolbar")
        self._make_actions()
        for action in (
            self.act_play,
            self.act_open,
            self.act_folder,
            self.act_rerun,
            self.act_reuse,
            self.act_stop,
            self.act_retry,
            self.act_remove,
        ):
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

    def _make_actions(self) -> None:
        def action(text: str, slot, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:  # type: ignore[no-untyped-def]
            act = QAction(text, self)
            act.triggered.connect(lambda _=False: slot())
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.task_view.addAction(act)
            if tip:
                act.setToolTip(tip)
            return act

        self.act_play = action("Play", self.play_selected, "Return", "Play the video in the app")
        self.act_open = action("Open file", self.open_selected, "Ctrl+O")
        self.act_folder = action("Show in folder", self.show_in_folder)
        self.act_copy_id = action("Copy task ID", lambda: self._copy("server_id"), "Ctrl+C")
        self.act_copy_seed = action("Copy seed", lambda: self._copy("seed"))
        self.act_copy_prompt = action("Copy prompt", lambda: self._copy("prompt"))
        self.act_rerun = action(
            "Re-run", self.rerun_selected, "Ctrl+R", "Submit again with the same settings"
        )
        self.act_reuse = action(
            "Use settings", self.reuse_selected, "Ctrl+Shift+R", "Load these settings with a new random seed"
        )
        self.act_stop = action(
            "Stop tracking",
            self.stop_selected,
            None,
            "Stop polling (EvoLink has no cancel: the task still runs and is billed)",
        )
        self.act_resume = action("Resume tracking", self.resume_selected)
        self.act_retry = action("Retry download", self.retry_download_selected)
        self.act_remove = action(
            "Remove", self.remove_selected, QKeySequence.StandardKey.Delete, "Remove from history"
        )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        settings = file_menu.addAction("Settings…")
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(self.open_settings)
        open_output = file_menu.addAction("Open videos folder")
        open_output.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.engine.config.output_dir)))
        )
        file_menu.addSeparator()
        quit_action = file_menu.addAction("Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self._fill_task_menu(self.menuBar().addMenu("&Task"), only_enabled=False)
        help_menu = self.menuBar().addMenu("&Help")
        about = help_menu.addAction("About")
        about.triggered.connect(self._about)
        submit_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        submit_shortcut.activated.connect(self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self).activated.connect(self.submit)
        QShortcut(QKeySequence.StandardKey.Paste, self).activated.connect(self.paste)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.search_edit.setFocus)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        if self.engine.config.demo:
            badge = QLabel(" DEMO — simulated, nothing is billed ")
            badge.setObjectName("demoBadge")
            badge.setStyleSheet(
                "background: #ff9800; color: black; font-weight: bold; border-radius: 4px;padding: 1px 6px;"
            )
            bar.addPermanentWidget(badge)
        self.key_label = QLabel()
        self.key_label.setObjectName("keyLabel")
        bar.addPermanentWidget(self.key_label)
        self.balance_label = QLabel("Balance: …")
        self.balance_label.setObjectName("balanceLabel")
        bar.addPermanentWidget(self.balance_label)
        self._update_key_label()

    def _connect_engine(self) -> None:
        m = self.manager
        m.sig_task_completed.connect(self._task_completed)
        m.sig_task_failed.connect(self._task_failed)
        m.sig_notice.connect(lambda text: self.statusBar().showMessage(text, 15000))
        m.sig_upload_progress.connect(
            lambda _i, sent, total: self.statusBar().showMessage(
                f"Uploading image… {sent * 100 // max(1, total)}%", 3000
            )
        )
        m.sig_task_changed.connect(self._task_changed)
        self.notifier = Notifier(app_icon(), self)
        self.notifier.taskClicked.connect(self._notification_clicked)

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
        self.composer.restore(s, self.engine.config)

    def _save_state(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/main_splitter", self.main_splitter.saveState())
        s.setValue("window/task_splitter", self.task_area.saveState())
        s.setValue("window/task_header", self.task_view.horizontalHeader().saveState())
        self.composer.save(s)
        s.sync()

    # -- composing and submitting -------------------------------------------------------------

    def submit_problems(self) -> list[str]:
        problems = self.composer.problems()
        if self.engine.config.demo:
            return problems
        if self.engine.keys.pending:
            problems.append("Reading your API key from the system keychain…")
        elif not self.engine.keys.current():
            problems.append("Add your EvoLink API key in Settings (or start with --demo to try it).")
        return problems

    def show_key_state(self) -> None:
        """Say where the key stands (read, missing, still being read) in the status bar and the form."""
        self._update_key_label()
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
            problems = ["Submitting… (uploading the picture and sending the task)", *problems]
        self.composer.show_problems(problems)

    def _update_cost(self) -> None:
        self.composer.show_cost(self._credits.balance if self._credits else None)

    def submit(self) -> None:
        self._update_submit()
        if not self.composer.submit_button.isEnabled():
            return
        params = self.composer.params()
        credits = self.composer.estimated_credits() or 0.0
        balance = self._credits.balance if self._credits else None
        if balance is not None and credits > balance:
            text = (
                f"This task is estimated at {format_credits(credits)} credits, but the balance is "
                f"{format_credits(balance)}. Submit anyway?"
            )
            self._confirm_submit("overBalanceBox", "Not enough credits?", text, params)
            return
        self._do_submit(params)

    def _confirm_submit(self, name: str, title: str, text: str, params: SubmitParams) -> None:
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
            self.statusBar().showMessage("A submission is already being sent; wait for it to finish.", 5000)
            return
        self._submitting = True
        self._update_submit()
        self.composer.sent(params)

        def finished(_result: object = None) -> None:
            self._submitting = False
            self._update_submit()

        def failed(message: str) -> None:
            finished()
            self._error(message)

        def submitted(record: TaskRecord) -> None:
            finished()
            self.select_task(record.id)
            if record.status not in (TaskStatus.REJECTED, TaskStatus.UNKNOWN):
                self.statusBar().showMessage(f"Submitted as {record.server_id}.", 8000)
            self.refresh_balance()

        run_in_background(self.manager.submit(params), on_success=submitted, on_error=failed)

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.composer.image_panel.accept_mime(mime):
            self.statusBar().showMessage("The clipboard holds no picture, image file or image link.", 5000)

    # -- task actions -------------------------------------------------------------------------

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
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.task_view.selectRow(index.row())
            self.task_view.scrollTo(index)

    def _selection_changed(self, *_: object) -> None:
        record = self.selected_record()
        has_video = bool(record and record.video_path and Path(record.video_path).exists())
        self.act_play.setEnabled(has_video)
        self.act_open.setEnabled(has_video)
        self.act_folder.setEnabled(has_video)
        for act in (
            self.act_copy_id,
            self.act_copy_prompt,
            self.act_copy_seed,
            self.act_rerun,
            self.act_reuse,
            self.act_remove,
        ):
            act.setEnabled(record is not None)
        self.act_copy_id.setEnabled(bool(record and record.server_id))
        self.act_copy_seed.setEnabled(bool(record and record.seed))
        active = bool(record and not record.is_final and record.server_id)
        self.act_stop.setEnabled(active and bool(record and record.tracking))
        self.act_resume.setEnabled(active and bool(record and not record.tracking))
        self.act_retry.setEnabled(
            bool(
                record
                and record.status in (TaskStatus.COMPLETED, TaskStatus.EXPIRED)
                and not record.video_path
            )
        )
        self._show_details(record)
        if has_video and record is not None:
            # Selecting a finished task plays it (the player, and QtMultimedia, load on first use).
            player = self.player()
            if player.current_file() != Path(record.video_path or ""):
                player.play_file(Path(record.video_path or ""))

    def _show_details(self, record: TaskRecord | None) -> None:
        if record is None:
            self.details.setText("Select a task to see its details.")
            return
        lines = [
            f"<b>{status_text(record)}</b> · {record.model} · {record.quality} · {record.duration} s · "
            f"seed {record.seed or 'random'}"
        ]
        for text in (record.error_message, record.download_error):
            if text:
                lines.append(text)
        advice = ADVICE.get(record.status)  # type: ignore[call-overload]  # StrEnum keys match plain str
        if advice:
            lines.append(f"<i>{advice}</i>")
        if record.video_path:
            lines.append(f"Saved: {record.video_path}")
        self.details.setText("<br>".join(lines))

    def _task_changed(self, task_id: int) -> None:
        record = self.selected_record()
        if record is not None and record.id == task_id:
            self._selection_changed()

    def player(self):  # type: ignore[no-untyped-def]
        """The embedded player, created (and QtMultimedia imported) on first use."""
        if self._player is None:
            from happyhorse_desktop.ui.player import VideoPlayer

            self._player = VideoPlayer()
            self.player_layout.addWidget(self._player)
        self.player_box.setVisible(True)
        return self._player

    def play_selected(self) -> None:
        record = self.selected_record()
        if record and record.video_path and Path(record.video_path).exists():
            self.player().play_file(Path(record.video_path))

    def open_selected(self) -> None:
        record = self.selected_record()
        if record and record.video_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(record.video_path))

    def show_in_folder(self) -> None:
        record = self.selected_record()
        if record and record.video_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(record.video_path).parent)))

    def _copy(self, field: str) -> None:
        record = self.selected_record()
        if record is not None:
            QGuiApplication.clipboard().setText(str(getattr(record, field) or ""))
            self.statusBar().showMessage(f"Copied {field.replace('server_id', 'task ID')}.", 3000)

    def rerun_selected(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        params = self.manager.rerun(record.id)
        credits = estimate_credits(params.model, params.quality, params.duration)
        warning = ""
        if record.status == TaskStatus.UNKNOWN:
            warning = (
                "<p><b>EvoLink may already have this task.</b> Re-run only if it is not on your "
                "EvoLink dashboard, or you may pay twice.</p>"
            )
        text = (
            f"{warning}<p>Submit again with the same picture, prompt and settings "
            f"(≈ {format_credits(credits)} credits)?</p>"
        )
        self._confirm_submit("rerunBox", "Re-run this task?", text, params)

    def reuse_selected(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        params = self.manager.rerun(record.id, new_seed=random.randint(1, SEED_MAX))
        self.composer.load(params)
        self.statusBar().showMessage("Settings loaded with a new seed: review and press Generate.", 6000)

    def stop_selected(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        run_in_background(
            self.manager.stop_tracking(record.id),
            on_success=lambda text: self.statusBar().showMessage(text, 15000),
            on_error=self._error,
        )

    def resume_selected(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.manager.resume_tracking(record.id)

    def retry_download_selected(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.manager.retry_download(record.id)

    def remove_selected(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove from history?",
            "Remove this task from the history?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("removeBox")
        delete_files = QCheckBox("Also delete the video file")
        delete_files.setEnabled(bool(record.video_path))
        box.setCheckBox(delete_files)
        remove = box.addButton("Remove", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)

        def finished() -> None:
            if box.clickedButton() is remove:
                if self._player is not None and record.video_path:
                    self._player.stop()
                self.manager.remove(record.id, delete_files=delete_files.isChecked())

        box.finished.connect(finished)
        box.open()

    def _filter_changed(self, *_: object) -> None:
        self.task_view.set_filtered(
            self.filter_combo.currentIndex() > 0 or bool(self.search_edit.text().strip())
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)  # only the first paint matters
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

    def _fill_task_menu(self, menu: QMenu, *, only_enabled: bool) -> None:
        """The task actions in one order for the menu bar and the context menu (None = separator)."""
        groups = (
            (self.act_play, self.act_open, self.act_folder),
            (self.act_copy_id, self.act_copy_seed, self.act_copy_prompt),
            (self.act_rerun, self.act_reuse, self.act_stop, self.act_resume, self.act_retry),
            (self.act_remove,),
        )
        for number, group in enumerate(groups):
            if number:
                menu.addSeparator()
            for act in group:
                if act.isEnabled() or not only_enabled:
                    menu.addAction(act)

    def _context_menu(self, point: QPoint) -> None:
        if not self.task_view.indexAt(point).isValid():
            return
        menu = QMenu(self)
        self._fill_task_menu(menu, only_enabled=True)
        menu.popup(self.task_view.viewport().mapToGlobal(point))

    # -- engine events ------------------------------------------------------------------------

    def _task_completed(self, task_id: int) -> None:
        record = self.engine.store.get(task_id)
        if record is None:
            return
        prompt = record.prompt if len(record.prompt) <= 60 else record.prompt[:59].rstrip() + "…"
        self._notify("Video ready", f"“{prompt or 'Untitled'}” is saved.", task_id)
        self.refresh_balance()

    def _task_failed(self, task_id: int, message: str) -> None:
        self._notify("Task needs attention", message[:200], task_id)
        self.refresh_balance()

    def _notify(self, title: str, text: str, task_id: int) -> None:
        self.statusBar().showMessage(f"{title}: {text}", 10000)
        if not self.engine.config.notifications:
            return
        store = self.engine.store
        self.notifier.notify(title, text, task_id, lambda: not store.to_poll() and not store.to_download())

    def _notification_clicked(self, task_id: int) -> None:
        self.showNormal()
        self.activateWindow()
        self.select_task(task_id)

    def _error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.open()

    # -- balance, key, settings ---------------------------------------------------------------

    def refresh_balance(self) -> None:
        if not self.engine.config.demo and not self.engine.keys.current():
            self.balance_label.setText("Balance: no key")
            return

        def got(credits: Credits) -> None:
            self._credits = credits
            self.balance_label.setText(f"Balance: {format_credits(credits.balance)} credits")
            self._update_cost()

        run_in_background(
            self.engine.client.get_credits(),
            on_success=got,
            on_error=lambda m: self.balance_label.setText("Balance: unavailable"),
        )

    def _update_key_label(self) -> None:
        if self.engine.config.demo:
            self.key_label.setText("Demo key")
            return
        if self.engine.keys.pending:
            self.key_label.setText("Reading the API key from the keychain…")
            return
        key, source = self.engine.keys.current(), self.engine.keys.source
        if not key:
            self.key_label.setText("No API key — File ▸ Settings")
        elif source is KeySource.SESSION:
            self.key_label.setText(f"Key {mask_key(key)} (this session only)")
        elif source is KeySource.ENVIRONMENT:
            self.key_label.setText(f"Key {mask_key(key)} (from EVOLINK_API_KEY)")
        else:
            self.key_label.setText(f"Key {mask_key(key)}")

    async def _test_key(self, key: str) -> str:
        key = key or self.engine.keys.current() or ""
        if not key:
            return "Type a key first."
        from happyhorse_desktop.api.client import EvoLinkClient

        client = EvoLinkClient(
            lambda: key,
            api_base=self.engine.config.api_base,
            files_base=self.engine.config.files_base,
            http=self.engine.client.http,
        )
        credits = await client.get_credits()
        return f"✓ The key works. Balance: {format_credits(credits.balance)} credits."

    def open_settings(self) -> None:
        # Whether a keychain exists decides the "remember the key" default; finding out loads keyring's
        # backends and may talk to D-Bus, so it happens off the UI thread.
        run_in_background(
            asyncio.to_thread(self.engine.keys.keychain_available),
            on_success=self._open_settings,
            on_error=self._error,
        )

    def _open_settings(self, keychain: bool) -> None:
        from happyhorse_desktop.ui.dialogs import SettingsDialog, SettingsValues

        config = self.engine.config
        values = SettingsValues(
            api_key="",
            remember_key=keychain,
            output_dir=str(config.output_dir),
            default_model=config.default_model,
            default_quality=config.default_quality,
            default_duration=config.default_duration,
            poll_interval=config.poll_interval,
            notifications=config.notifications,
        )
        key = self.engine.keys.current()
        hint = f"{mask_key(key)} — type to replace" if key else "sk-evo-…"
        dialog = SettingsDialog(values, hint, self._test_key, self, self._network_panel())
        dialog.accepted.connect(lambda: self._apply_settings(dialog.values()))
        dialog.open()

    def _apply_settings(self, values: SettingsValues) -> None:
        config = self.engine.config
        s = settings_for(Path(str(config.data_dir)).parent if config.demo else config.data_dir)
        for key, value in (
            ("output_dir", values.output_dir),
            ("default_model", values.default_model),
            ("default_quality", values.default_quality),
            ("default_duration", values.default_duration),
            ("poll_interval", values.poll_interval),
            ("notifications", "true" if values.notifications else "false"),
        ):
            s.setValue(key, value)
        s.sync()
        if values.output_dir and not config.demo:
            config.output_dir = Path(values.output_dir)
            self.manager.output_dir = config.output_dir
        config.poll_interval = max(0.05, values.poll_interval)
        self.manager.poll_interval = config.poll_interval
        config.notifications = values.notifications
        config.default_model, config.default_quality = values.default_model, values.default_quality
        config.default_duration = values.default_duration
        if values.network is not None:  # [network] saved, and in force at once
            from happyhorse_desktop.ui.network_settings import apply_network_settings

            run_in_background(
                apply_network_settings(self.engine, values.network),
                on_success=lambda text: self.statusBar().showMessage(text, 8000),
                on_error=self._error,
            )
        if values.api_key:

            async def save() -> str:
                outcome = await asyncio.to_thread(
                    self.engine.keys.save, values.api_key, remember=values.remember_key
                )
                return outcome.message

            def saved(message: str) -> None:
                self._update_key_label()
                self._update_submit()
                self.refresh_balance()
                self.statusBar().showMessage(message, 10000)

            run_in_background(save(), on_success=saved, on_error=self._error)

    # -- network [network] ----------------------------------------------------------------------

    def _with_offline_banner(self, content: QWidget) -> QWidget:
        """``content`` under the offline banner, which follows the engine's connectivity monitor."""
        from happyhorse_desktop.ui.offline_banner import OfflineBanner

        self.offline_banner = OfflineBanner()
        if self.engine.monitor is not None:
            self.offline_banner.bind(self.engine.monitor, self._expiring_links)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.offline_banner)
        layout.addWidget(content, 1)
        return box

    def _expiring_links(self) -> list:  # type: ignore[type-arg]
        """Finished videos not saved yet, with the time left on their 24-hour links."""
        from happyhorse_desktop.tasks.manager import RESULT_LINK_LIFETIME
        from happyhorse_desktop.ui.offline_banner import ExpiringLink

        now = time.time()
        return [
            ExpiringLink(r.prompt[:50] or str(r.server_id), r.completed_at + RESULT_LINK_LIFETIME - now)
            for r in self.engine.store.to_download()
            if r.completed_at
        ]

    def _network_panel(self) -> QWidget:
        from happyhorse_desktop.config import default_data_dir
        from happyhorse_desktop.net.settings import read_network_settings
        from happyhorse_desktop.ui.network_settings import NetworkSettingsPanel, connection_check

        # What is in force (read with its password by warm_up), else the file (no keychain here).
        current = self.engine.network or read_network_settings(settings_for(default_data_dir()))
        check = connection_check(self.engine)
        return NetworkSettingsPanel(current, check, password_saved=bool(current.password))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            APP_NAME,
            f"<b>{APP_NAME}</b> {__version__}<br>Image-to-video with EvoLink's HappyHorse model.",
        )

    # -- shutdown -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close without asking: running tasks are safe in the store and resume next start."""
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

    path = asset_path("icon.svg")
    return QIcon(str(path))
