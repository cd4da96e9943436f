"""The batch studio's place in the main window, installed with one call: the queue dock, the Batch menu
(new batch, import CSV, pause/resume, show the queue, cost ledger), the tray menu's "Pause queue" (kept
in step with the Batch menu and the panel), and one notification when the queue runs dry. Takes of a
batch do not each raise a desktop notification: the summary stands for them (the window's own hook
skips them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

DOCK_HEIGHT = 330

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine
    from happyhorse_desktop.ui.batch_composer import BatchComposer
    from happyhorse_desktop.ui.ledger_dialog import LedgerDialog
    from happyhorse_desktop.ui.main_window import MainWindow
    from happyhorse_desktop.ui.queue_panel import QueuePanel


class BatchStudio(QObject):
    """Built with the window (its menu is there from the first paint, its entries enabled once the
    history is open); :meth:`attach` connects it to the engine."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._panel: QueuePanel | None = None
        self.dock = QDockWidget(self.tr("Queue"), window)
        self.dock.setObjectName("queueDock")
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self._build_menu()

    def attach(self, engine: Engine) -> None:
        from happyhorse_desktop.tasks.takes import Defaults  # the engine's modules: after the first paint

        self.engine = engine
        manager = engine.manager
        config = engine.config
        manager.queue.watch.defaults = lambda: Defaults(
            config.settings.default_model,
            config.settings.default_quality,
            config.settings.default_duration,
        )
        self.window.tray.enable_queue_control()  # its check mark follows the queue in _show_pause_state
        self.window.tray.sig_queue_pause_toggled.connect(lambda paused: self.panel.set_paused(paused))
        manager.sig_queue_drained.connect(self.drained)
        manager.sig_queue_changed.connect(self._show_pause_state)
        self.window.sig_closed.connect(self._closed)
        # The panel (its modules, its queries) is built after the window's first paint: the first sight
        # of the window must not wait for it.
        if self.window.painted:
            QTimer.singleShot(0, self._show_queue_if_any)
        else:
            self.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self._show_queue_if_any)
        return False

    def _show_queue_if_any(self) -> None:
        if self.engine.closed:
            return
        self._show_pause_state()
        if self.engine.manager.queue.sql.view_ids():
            self.show_dock()

    @property
    def panel(self) -> QueuePanel:
        """The queue panel, built on first use."""
        if self._panel is None:
            from happyhorse_desktop.ui import queue_panel

            self._panel = queue_panel.QueuePanel(self.engine)
            self._panel.sig_message.connect(lambda text: self.window.say(text, 8000))
            self._panel.sig_new_batch.connect(self.open_composer)
            self._panel.sig_ledger.connect(self.open_ledger)
            self.dock.setWidget(self._panel)
            self._show_pause_state()
        return self._panel

    def show_dock(self) -> None:
        """Show the queue (a useful height the first time, not its minimum)."""
        first = self._panel is None
        self.dock.setWidget(self.panel)
        self.dock.show()
        if first:
            QTimer.singleShot(
                0, lambda: self.window.resizeDocks([self.dock], [DOCK_HEIGHT], Qt.Orientation.Vertical)
            )

    def _closed(self) -> None:
        if self._panel is not None:
            self._panel.shutdown()

    def _build_menu(self) -> None:
        bar = self.window.menuBar()
        menu = QMenu(self.tr("&Batch"), bar)
        menu.setObjectName("batchMenu")
        last = bar.actions()[-1] if bar.actions() else None  # Help stays last
        bar.insertMenu(last, menu) if last is not None else bar.addMenu(menu)
        new = menu.addAction(self.tr("&New batch…"))
        new.setObjectName("newBatchAction")
        new.setShortcut(QKeySequence("Ctrl+Shift+B"))
        new.triggered.connect(self.open_composer)
        import_csv = menu.addAction(self.tr("&Import a CSV file…"))
        import_csv.triggered.connect(lambda: self.open_composer().source.setCurrentIndex(1))
        menu.addSeparator()
        self.pause_action = QAction(self.tr("&Pause the queue"), self)
        self.pause_action.setObjectName("pauseQueueAction")
        self.pause_action.triggered.connect(lambda: self.panel.toggle_pause())
        menu.addAction(self.pause_action)
        show = menu.addAction(self.tr("Show the &queue"))
        show.setObjectName("showQueueAction")
        show.triggered.connect(self.show_dock)
        ledger = menu.addAction(self.tr("Cost &ledger…"))
        ledger.setObjectName("ledgerAction")
        ledger.triggered.connect(self.open_ledger)
        for action in menu.actions():
            self.window.needs_engine(action)  # every entry works with the engine: enabled by attach()

    def _show_pause_state(self) -> None:
        if self.engine.closed:
            return
        paused = self.engine.manager.queue.sql.pause() is not None
        self.pause_action.setText(self.tr("&Resume the queue") if paused else self.tr("&Pause the queue"))
        self.window.tray.set_queue_paused(paused)

    def open_composer(self) -> BatchComposer:
        from happyhorse_desktop.ui.batch_composer import BatchComposer

        dialog = BatchComposer(self.engine, self.window)
        dialog.sig_queued.connect(self._queued)
        dialog.open()  # not exec(): the event loop (and the queue) carry on
        return dialog

    def open_ledger(self) -> LedgerDialog:
        from happyhorse_desktop.ui.ledger_dialog import LedgerDialog

        dialog = LedgerDialog(self.engine.config.db_path, self.window)
        dialog.open()
        return dialog

    def _queued(self, batch_id: int, count: int) -> None:
        self.show_dock()
        self.window.say(self.tr("Queued %n takes (batch {batch}).", "", count).format(batch=batch_id), 8000)

    def drained(self, summary: str, last_task: int) -> None:
        """The queue ran dry: one message for the whole run (clicking it shows its last take)."""
        self.window.say(summary, 20000)
        if self.engine.config.settings.notifications:
            self.window.notifier.notify(self.tr("Queue finished"), summary, last_task, lambda: False)
