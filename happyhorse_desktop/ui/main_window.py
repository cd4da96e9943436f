"""The main window: compose on the left (picture, prompt, settings, cost, Generate); on the right the
stage (the selected take, large, with its details beside it, or the three steps when none is selected)
above the task list.

This module is about layout and wiring: each panel lives in its own module (``composer``, ``stage``,
``task_panel``, ``tray``, ``account_status``, ``window_state``; File ▸ Settings and Generate in
``settings_flow`` and ``submit_flow``) and widgets hold no business logic: they
call the engine and react to the task manager's signals; checks come from ``validation``, prices from
``pricing``, words from ``vocabulary``. Nothing here blocks the event loop: background work runs through
``ui.background`` and its errors reach :meth:`present_error`.

The window can be built without its engine (``MainWindow(config=…)``) and painted, then given it with
:meth:`attach` — how the app starts (``app.py``, ``session.py``); ``MainWindow(engine)`` does both at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter

from happyhorse_desktop import APP_NAME
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.ui import window_state
from happyhorse_desktop.ui.background import async_slot, show_error_box, user_message
from happyhorse_desktop.ui.batch_studio import BatchStudio
from happyhorse_desktop.ui.composer import Composer
from happyhorse_desktop.ui.icons import app_icon
from happyhorse_desktop.ui.menus import build_menus
from happyhorse_desktop.ui.offline_banner import with_offline_banner
from happyhorse_desktop.ui.settings_flow import SettingsFlow
from happyhorse_desktop.ui.stage import Stage
from happyhorse_desktop.ui.submit_flow import SubmitFlow
from happyhorse_desktop.ui.task_actions import TaskActions
from happyhorse_desktop.ui.task_model import TaskRole, TaskTableModel
from happyhorse_desktop.ui.task_panel import TaskPanel

if TYPE_CHECKING:
    import asyncio

    from happyhorse_desktop.config import Config
    from happyhorse_desktop.engine import Engine
    from happyhorse_desktop.ui.dialogs import SettingsValues

# The window fits a 1024×640 screen (and so any larger one); the panels share what is there.
MINIMUM_SIZE = (960, 560)


class MainWindow(QMainWindow):
    sig_closed = Signal()
    """The window was closed; background work is shutting down (await ``wait_closed()``)."""
    sig_painted = Signal()
    """The window has painted for the first time (the app opens the history and starts the engine
    after it, so they never hold up the first sight of the window)."""

    def __init__(self, engine: Engine | None = None, *, config: Config | None = None) -> None:
        """The window for ``engine``; or, with ``config`` only, the window without its engine, empty until
        :meth:`attach` (the app paints it before importing the engine and reading the history)."""
        super().__init__()
        if engine is not None:
            config = engine.config
        if config is None:
            raise TypeError("MainWindow needs an engine or a config")
        self.config = config
        self.settings = config.qsettings()
        self.attached = False
        self._key_settled = False
        self.painted = False
        self.closed = False
        self._closing: asyncio.Task[None] | None = None
        self._needs_engine: list[QAction] = []  # menu entries enabled once the engine is attached
        self.setWindowTitle(APP_NAME + (self.tr(" — DEMO") if config.demo else ""))
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self.settings_flow = SettingsFlow(self)
        self.submit_flow = SubmitFlow(self)
        self._build_composer()
        self._build_tasks()
        build_menus(self)
        self.batch_studio = BatchStudio(self)  # the queue dock and the Batch menu
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.composer)
        splitter.addWidget(self.task_area)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([360, 1000])
        self.main_splitter = splitter
        self.setCentralWidget(with_offline_banner(self, splitter))
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(1280, 800)
        window_state.restore(self)
        self._elapsed_timer = QTimer(self, interval=1000)
        self._elapsed_timer.timeout.connect(self.model.refresh_elapsed)
        self.update_submit()
        # The engine starts once the window has painted (resuming tasks, checking saved videos, the HTTP
        # client's TLS bundle); a window never painted (started minimised) starts it after a second.
        self._starting = False
        self.installEventFilter(self)
        QTimer.singleShot(1000, self._after_first_paint)
        if engine is not None:
            self.attach(engine)

    def attach(self, engine: Engine) -> None:
        """Give the window its engine: the history fills the list, the account corner, tray and
        notifications appear, the menus' engine entries are enabled; the engine starts after the paint."""
        # What works with the engine loads with it, after the first paint.
        from happyhorse_desktop.tasks.chains import ShotLookup
        from happyhorse_desktop.ui.account_status import AccountStatus

        self.engine = engine
        self.manager = m = engine.manager
        # A key still being read: nothing starts before key_resolved() (the key read, or the welcome
        # answered): no request without a key, no queue paused for a missing one behind the welcome.
        self._key_settled = not engine.keys.pending
        self.model.attach(engine.store, m.sig_task_added, m.sig_task_changed, m.sig_task_removed)
        self.shots = ShotLookup(engine.store)
        self.manager.sig_task_added.connect(lambda _id: self.shots.invalidate())
        self.account = AccountStatus(engine, self.statusBar())
        self.account.sig_balance_changed.connect(self._update_cost)
        self.account.sig_message.connect(lambda text: self.say(text, 30000))
        self._connect_engine()
        self.batch_studio.attach(engine)
        self.offline_banner.attach(engine)
        for action in self._needs_engine:
            action.setEnabled(True)
        self.attached = True
        self._elapsed_timer.start()
        self._selection_changed()
        self._update_cost()
        self.update_submit()
        self._start_when_ready()

    def needs_engine(self, action: QAction) -> QAction:
        """``action`` is enabled once the engine is attached (it opens a dialog that works with it)."""
        if not self.attached:
            action.setEnabled(False)
            self._needs_engine.append(action)
        return action

    @property
    def key_label(self):  # type: ignore[no-untyped-def]
        return self.account.key_label

    @property
    def balance_label(self):  # type: ignore[no-untyped-def]
        return self.account.balance_label

    def _after_first_paint(self) -> None:
        """The window painted (or a second passed without a paint): start the engine if it is ready."""
        if not self.painted:
            self.painted = True
            self.sig_painted.emit()
        self._start_when_ready()

    def _start_when_ready(self) -> None:
        """Start the engine once the window has painted, has its engine and the key is settled (the
        keychain answered and, without a key, the welcome too): attach() and key_resolved() call again."""
        if not self.painted or not self.attached or not self._key_settled:
            return
        if self._starting or self._closing is not None:
            return
        self._starting = True
        self._start_engine()

    @async_slot
    async def _start_engine(self) -> None:
        """Build the HTTP client (TLS trust store, in a worker thread), then start the engine: its first
        polls must not build the client on the UI thread."""
        try:
            await self.engine.warm_up()
        finally:
            if self._closing is None:
                self.manager.start()
                if self.engine.monitor is not None:
                    self.engine.monitor.watch_system()  # the platform's reachability, where offered
        self.account.refresh_balance()

    # -- building -----------------------------------------------------------------------------

    def _build_composer(self) -> None:
        self.composer = Composer(self.settings, self.config.cache_dir, lambda: self.engine.client.http)
        self.composer.sig_submit_requested.connect(self.submit)
        self.composer.sig_changed.connect(self.update_submit)
        self.composer.sig_changed.connect(self._update_cost)

    def _build_tasks(self) -> None:
        self.model = TaskTableModel(parent=self)  # empty until attach(): the history is read after the paint
        self.task_panel = TaskPanel(self.model)
        self.task_view = self.task_panel.view
        self.filter_combo = self.task_panel.filter_combo
        self.search_edit = self.task_panel.search_edit
        self.task_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.task_view.customContextMenuRequested.connect(self._context_menu)
        self.task_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.task_view.sig_columns_changed.connect(lambda: window_state.save_columns(self))
        self.actions = TaskActions(self)
        self.task_panel.set_actions(self.actions.toolbar_actions)
        self.task_view.doubleClicked.connect(lambda _i: self.actions.play_selected())
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._selection_changed)
        self.stage = Stage(self.actions.take_actions)
        self.details = self.stage.details
        self.details.sig_take_chosen.connect(self.select_task)
        self.actions.tools.attach(self.details)
        self.task_area = QSplitter(Qt.Orientation.Vertical)
        self.task_area.setObjectName("taskSplitter")
        self.task_area.addWidget(self.stage)
        self.task_area.addWidget(self.task_panel)
        self.task_area.setStretchFactor(0, 3)
        self.task_area.setStretchFactor(1, 2)
        self.task_area.setChildrenCollapsible(False)
        self.task_area.setSizes([420, 300])
        self.setTabOrder(self.composer, self.filter_combo)
        self.setTabOrder(self.filter_combo, self.search_edit)
        self.setTabOrder(self.search_edit, self.task_view)
        self._selection_changed()

    def _connect_engine(self) -> None:
        from happyhorse_desktop.ui.notifier import Notifier, TaskNotices
        from happyhorse_desktop.ui.tray import QuitFlow, Tray

        m = self.manager
        m.sig_notice.connect(lambda text: self.say(text, 15000))
        m.sig_upload_progress.connect(
            lambda _i, sent, total: self.say(
                self.tr("Uploading… {percent}%").format(percent=sent * 100 // max(1, total)), 3000
            )
        )
        m.sig_task_changed.connect(self._task_changed)
        m.sig_history_reloaded.connect(self.model.reload)
        self.notifier = Notifier(app_icon(), self)
        self.notices = TaskNotices(self, self.notifier)
        self.tray = Tray(self.notifier.tray_icon, self)
        self.tray.sig_show_requested.connect(self.bring_to_front)
        self.tray.sig_quit_requested.connect(self.request_quit)
        self.quitting = QuitFlow(self, self.tray)

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
        if not self.attached:
            problems.append(self.tr("Opening the task history…"))
        elif key_problem := self.engine.key_problem():
            problems.append(key_problem)
        return problems

    def show_key_state(self) -> None:
        """Say where the key stands (read, missing, still being read) in the status bar and the form."""
        self.account.show_key()
        self.update_submit()

    def key_resolved(self) -> None:
        """The keychain lookup that was running while the window opened has ended, and the user has
        answered the welcome if there was no key: the engine may start."""
        self._key_settled = True
        self.show_key_state()
        self._start_when_ready()

    def update_submit(self) -> None:
        problems = self.submit_problems()
        if self.submit_flow.busy:  # one submission at a time: a second click or Ctrl+Enter must not pay twice
            problems = [self.tr("Submitting… (uploading the picture and sending the task)"), *problems]
        self.composer.show_problems(problems)

    def _update_cost(self) -> None:
        self.composer.show_cost(self.account.balance if self.attached else None)

    def submit(self) -> None:
        self.submit_flow.submit()

    def confirm_submit(self, name: str, title: str, text: str, params: SubmitParams) -> None:
        """Ask before spending money (``name``: the box's object name); submit only on Yes."""
        self.submit_flow.confirm(name, title, text, params)

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.composer.accept_mime(mime):
            self.say(self.tr("The clipboard holds no picture, image file or image link."), 5000)

    # -- the task list ------------------------------------------------------------------------

    def selected_record(self) -> TaskRecord | None:
        indexes = self.task_view.selectionModel().selectedRows()
        if not indexes or not self.attached:
            return None
        task_id = indexes[0].data(TaskRole.LOCAL_ID)
        return self.engine.store.get(int(task_id)) if task_id is not None else None

    def select_task(self, task_id: int) -> None:
        self.model.reveal(task_id)  # a take folded into its chain is shown first
        row = self.model.load_row_of(task_id)  # an older task: the pages down to it load first
        if row is None:
            return
        index = self.model.index(row, 0)
        self.task_view.selectRow(index.row())
        self.task_view.scrollTo(index)

    def _selection_changed(self, *_: object) -> None:
        """Show the selected take on the stage (playing its video if it has one)."""
        record = self.selected_record()
        self.actions.update(record)
        shot = self.shots.takes(record) if self.attached else []
        # Before the history is read, the stage waits neutral: not the first-use steps of an empty one.
        empty = self.attached and self.model.total() == 0 and not self._filtered()
        self.stage.show_record(record, history_empty=empty, shot=shot)

    def _filtered(self) -> bool:
        return self.filter_combo.currentIndex() > 0 or bool(self.search_edit.text().strip())

    def _task_changed(self, task_id: int) -> None:
        record = self.selected_record()
        if record is not None and record.id == task_id:
            self._selection_changed()

    @property
    def video_player(self):  # type: ignore[no-untyped-def]
        """The embedded player if it was ever shown (None before: QtMultimedia is not loaded yet)."""
        return self.stage.video_player

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

    def bring_to_front(self) -> None:
        """Show the window again (from the tray or a notification) in front of the others."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- settings -----------------------------------------------------------------------------

    def open_settings(self) -> None:
        self.settings_flow.open()

    def apply_settings(self, values: SettingsValues) -> None:
        self.settings_flow.apply(values)

    # -- closing and quitting -----------------------------------------------------------------

    def request_quit(self) -> None:
        """Quit (File ▸ Quit, the tray's Quit): with tasks still open, first say what resumes next start."""
        if self.attached:
            self.quitting.request_quit()
        else:
            self.close()  # nothing runs yet: nothing to say

    def close_requested_by_user(self) -> bool:
        """What the window's close button does (see ``QuitFlow.close_requested``); True: close now."""
        return self.quitting.close_requested()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The user's close button goes through :meth:`close_requested_by_user`. A close by the app itself
        (Quit, the demo swap, tests) closes at once: running tasks are safe in the store and resume next
        start; a POST on the wire is given a few seconds (window already hidden) to be recorded."""
        user = self.attached and event.spontaneous() and not self.quitting.quitting and self._closing is None
        if user and not self.close_requested_by_user():
            event.ignore()
            return
        window_state.save(self)
        self._elapsed_timer.stop()
        self.model.shutdown()
        self.stage.stop()
        if self.attached:
            self.notifier.close()
            if self._closing is None:
                import asyncio  # attached: the loop runs (the window paints before asyncio is imported)

                self._closing = asyncio.ensure_future(self.engine.aclose())
        event.accept()
        self.closed = True
        self.sig_closed.emit()

    async def wait_closed(self) -> None:
        """Await the end of background work after the window closed."""
        if self._closing is not None:
            await self._closing
