"""The batch composer: many takes in one go — pictures × prompts × seeds (:mod:`.batch_compose_tab`),
or the rows of a CSV file — each checked on its own before anything is queued, with the count and the
total cost, then "Queue all".

The table shows every take with what is wrong with it; "Fix all pictures" applies the one-click image
fix to every picture that needs it, "Remove bad takes" leaves out the rest. Reading files and checking
pictures run in worker threads; the rules live in :mod:`happyhorse_desktop.tasks.takes`.
"""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop.routes import Mode
from happyhorse_desktop.tasks.queue_messages import credits_and_dollars
from happyhorse_desktop.tasks.takes import Draft, MediaCache, check, fix_all, with_fixes
from happyhorse_desktop.tasks.takes_csv import CsvError, read_csv
from happyhorse_desktop.ui.background import ERROR_STYLE, async_slot, show_error_box
from happyhorse_desktop.ui.batch_compose_tab import ComposeTab, open_file_dialog
from happyhorse_desktop.ui.batch_inputs import BatchSettings
from happyhorse_desktop.ui.batch_model import TakeColumn, TakesModel
from happyhorse_desktop.ui.widgets import table_view

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine

REBUILD_DELAY_MS = 250  # typing in the prompts rebuilds the takes once the typing pauses
COMPOSE, CSV = 0, 1  # the tabs
TAKE_COLUMN_WIDTHS = {
    TakeColumn.NUMBER: 55,
    TakeColumn.IMAGE: 110,
    TakeColumn.PROMPT: 250,
    TakeColumn.MODEL: 120,
    TakeColumn.QUALITY: 55,
    TakeColumn.DURATION: 60,
    TakeColumn.ASPECT: 50,
    TakeColumn.SEED: 90,
    TakeColumn.CREDITS: 60,
}


class BatchComposer(QDialog):
    sig_queued = Signal(int, int)
    """A batch was queued (batch id, number of takes)."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchComposer")
        self.setWindowTitle(self.tr("New batch"))
        self.engine = engine
        self.media = MediaCache()
        self._generation = itertools.count(1)
        self._current = 0
        self._csv_drafts: list[Draft] = []
        self._csv_path: Path | None = None
        self._fixed: dict[str, str] = {}  # picture → its fixed copy ("Fix all pictures")
        self._busy = False
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(REBUILD_DELAY_MS)
        self._rebuild_timer.timeout.connect(self.rebuild)

        self.compose_tab = ComposeTab()
        self.compose_tab.sig_changed.connect(self._rebuild_timer.start)
        self.compose_tab.sig_csv_dropped.connect(lambda path: self.load_csv(Path(path)))
        self.source = QTabWidget()
        self.source.setObjectName("batchSource")
        self.source.addTab(self.compose_tab, self.tr("Pictures × prompts × seeds"))
        self.source.addTab(self._csv_tab(), self.tr("CSV file"))
        self.source.currentChanged.connect(lambda _i: self.rebuild())
        self.source.setMaximumHeight(300)  # the takes table gets the rest
        self.settings = BatchSettings(engine.config.settings)
        self.settings.sig_changed.connect(self._defaults_changed)
        self.settings.sig_route_changed.connect(self.compose_tab.show_route)
        self.compose_tab.show_route(self.settings.route())

        self.model = TakesModel(self)
        self.view = self._takes_view()
        self.input_error = QLabel()
        self.input_error.setObjectName("batchInputError")
        self.input_error.setWordWrap(True)
        self.input_error.setStyleSheet(ERROR_STYLE)
        self.summary = QLabel()
        self.summary.setObjectName("batchSummary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.settings)
        layout.addWidget(self.input_error)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addLayout(self._buttons())
        self.resize(1180, 780)
        self._update_buttons()

    def _takes_view(self) -> QTableView:
        view = table_view("takesView", self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Fixed widths (measuring a 1,000-row batch's contents on every check would stall the dialog);
        # what is wrong with a take gets the room left.
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in TAKE_COLUMN_WIDTHS.items():
            view.setColumnWidth(column, width)
        view.setWordWrap(False)
        return view

    def _buttons(self) -> QHBoxLayout:
        self.fix_button = QPushButton(self.tr("Fix all pictures"))
        self.fix_button.setObjectName("fixAllButton")
        self.fix_button.setToolTip(
            self.tr("Writes fixed copies (padded to a legal shape, converted, smaller).")
        )
        self.fix_button.clicked.connect(lambda: self.fix_pictures())
        self.remove_bad_button = QPushButton(self.tr("Remove bad takes"))
        self.remove_bad_button.setObjectName("removeBadButton")
        self.remove_bad_button.clicked.connect(self.remove_bad)
        self.queue_button = QPushButton(self.tr("Queue all"))
        self.queue_button.setObjectName("queueAllButton")
        self.queue_button.setDefault(True)
        self.queue_button.clicked.connect(self.queue_all)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.fix_button, self.remove_bad_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.queue_button)
        return buttons

    def _csv_tab(self) -> QWidget:
        button = QPushButton(self.tr("Import a CSV file…"))
        button.setObjectName("importCsvButton")
        button.clicked.connect(self._pick_csv)
        self.csv_label = QLabel(
            self.tr(
                "A header row naming the columns image, prompt, model, quality, duration, seed, "
                "aspect_ratio, video, keep_original_sound (other columns are ignored). “image” is a path "
                "relative to the file, or an http(s) link; several pictures (reference-to-video, a video "
                "edit's references) are separated by “|”. “video” is the local MP4 or MOV file to edit. "
                "An empty cell takes the settings below."
            )
        )
        self.csv_label.setObjectName("csvPath")
        self.csv_label.setWordWrap(True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.csv_label)
        layout.addStretch(1)
        return tab

    # -- a CSV file ---------------------------------------------------------------------------

    def _pick_csv(self) -> None:
        title, kinds = self.tr("Import takes"), self.tr("CSV files (*.csv)")
        dialog = open_file_dialog(self, title, QFileDialog.FileMode.ExistingFile, kinds)
        dialog.fileSelected.connect(lambda path: self.load_csv(Path(path)))

    def _defaults_changed(self) -> None:
        if self.source.currentIndex() == CSV and self._csv_path is not None:
            self.load_csv(self._csv_path)  # empty cells follow the new defaults
        else:
            self._rebuild_timer.start()

    @async_slot
    async def load_csv(self, path: Path) -> None:
        self.source.setCurrentIndex(CSV)
        self._csv_path = path
        try:
            drafts = await asyncio.to_thread(read_csv, path, self.settings.defaults())
        except CsvError as exc:
            self._csv_drafts = []
            self.csv_label.setText(self.tr("{name}: {problem}").format(name=path.name, problem=exc))
            self.csv_label.setStyleSheet(ERROR_STYLE)
            self.rebuild()
            return
        self.csv_label.setStyleSheet("")
        self.csv_label.setText(self.tr("{path} — %n rows", "", len(drafts)).format(path=path))
        self._csv_drafts = drafts
        self.rebuild()

    # -- the takes ----------------------------------------------------------------------------

    def composed(self) -> list[Draft]:
        """The takes the active tab describes now (unchecked). Raises ``ValueError`` for input that is
        not understood."""
        if self.source.currentIndex() == CSV:
            return [
                Draft(d.origin, with_fixes(d.params, self._fixed), list(d.input_problems), counted=d.counted)
                for d in self._csv_drafts
            ]
        return self.compose_tab.drafts(self.settings.defaults(), self._fixed)

    def rebuild(self) -> None:
        """Compose the takes again and check them (in a worker thread)."""
        self._rebuild_timer.stop()
        try:
            drafts = self.composed()
            self.input_error.clear()
        except ValueError as exc:
            drafts = []
            self.input_error.setText(str(exc))
        generation = self._current = next(self._generation)
        self.model.set_drafts(drafts, checked=False)
        self._update_buttons()
        if drafts:
            self._check(generation, drafts)

    @async_slot
    async def _check(self, generation: int, drafts: list[Draft]) -> None:
        await asyncio.to_thread(check, drafts, self.media)
        if generation == self._current:  # newer input replaced these meanwhile
            self.model.set_drafts(drafts, checked=True)
            self._update_buttons()

    def is_checked(self) -> bool:
        """Every take shown has been checked (the table and the buttons are up to date)."""
        return self.model.checked and not self._rebuild_timer.isActive() and not self._busy

    def _update_buttons(self) -> None:
        model = self.model
        count, bad = model.rowCount(), model.bad_count()
        self.queue_button.setEnabled(model.checked and count > 0 and not bad and not self._busy)
        self.fix_button.setEnabled(model.checked and model.fixable_count() > 0 and not self._busy)
        self.remove_bad_button.setEnabled(model.checked and bad > 0 and not self._busy and self._can_remove())
        if not count:
            self.summary.setText(self.tr("No takes yet: add pictures and prompts, or import a CSV file."))
            return
        text = self.tr("%n takes · {cost}", "", count).format(cost=credits_and_dollars(model.total_credits()))
        if not model.checked:
            text += self.tr(" · checking…")
        elif bad:
            text += self.tr(" · %n need fixing before the batch can be queued", "", bad)
        self.summary.setText(text)

    @async_slot
    async def fix_pictures(self) -> None:
        """Apply the one-click fix to every fixable picture (copies in the cache; originals untouched)."""
        drafts = self.model.drafts()
        before = [d.params.image for d in drafts]
        self._busy = True
        self._update_buttons()
        try:
            failures = await asyncio.to_thread(fix_all, drafts, self.engine.config.cache_dir)
        finally:
            self._busy = False
        originals = {fixed: original for original, fixed in self._fixed.items()}
        for old, draft in zip(before, drafts, strict=True):
            if old != draft.params.image:
                self._fixed[originals.get(old, old)] = draft.params.image
        self.rebuild()
        if failures:
            self.input_error.setText("\n".join(failures))

    def remove_bad(self) -> None:
        """Leave out the takes that cannot be queued (in a CSV, those rows; otherwise their pictures or
        videos)."""
        bad = [d for d in self.model.drafts() if not d.ok]
        if self.source.currentIndex() == CSV:
            origins = {d.origin for d in bad}
            self._csv_drafts = [d for d in self._csv_drafts if d.origin not in origins]
            self.rebuild()
            return
        inputs = {d.params.video or d.params.image for d in bad}
        self.compose_tab.remove_pictures(
            {p for p in self.compose_tab.pictures.paths() if self._fixed.get(p, p) in inputs}
        )

    def _can_remove(self) -> bool:
        """Bad takes can be left out one by one: rows of a file, or takes with an input of their own
        (a first frame, a video to edit) — not prompts, nor the characters every take shares."""
        return self.source.currentIndex() == CSV or self.compose_tab.mode in (Mode.IMAGE, Mode.EDIT)

    def queue_all(self) -> None:
        if not self.queue_button.isEnabled():
            return
        takes = [d.params for d in self.model.drafts()]
        try:
            batch, ids = self.engine.manager.queue.enqueue(
                takes, name=self.settings.batch_name(), budget=self.settings.budget_credits(), origin="app"
            )
        except Exception as exc:  # the history locked, a rule broken: say so and keep the dialog open
            self.present_error(exc)
            return
        self.sig_queued.emit(batch.id, len(ids))
        self.accept()

    def present_error(self, exc: BaseException) -> None:
        show_error_box(self, exc)
