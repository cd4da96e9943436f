"""Actions on takes and chains: continue from the last frame, stitch, compare, export, star the keeper,
and the recipe of a dropped HappyHorse video or sidecar loaded back into the composer.

Heavy work runs in worker threads (:mod:`happyhorse_desktop.tasks.chains`,
:mod:`happyhorse_desktop.media`); the dialogs live in their own modules.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel

from happyhorse_desktop import formatting
from happyhorse_desktop.media.progress import MediaError
from happyhorse_desktop.tasks.chains import chain_of, prepare_continuation, summary, takes_of
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.recipe import (
    VIDEO_SUFFIXES,
    NotARecipe,
    history_sources,
    read_any,
    restore_recipe,
)
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.ui.background import async_slot, to_thread
from happyhorse_desktop.ui.icons import icon

if TYPE_CHECKING:
    from happyhorse_desktop.ui.main_window import MainWindow
    from happyhorse_desktop.ui.take_details import TakeDetails

RECIPE_SUFFIXES = (*VIDEO_SUFFIXES, ".json")


def has_video(record: TaskRecord | None) -> bool:
    return bool(
        record
        and record.status == TaskStatus.COMPLETED
        and record.video_path
        and Path(record.video_path).is_file()
    )


class TakeTools(QObject):
    """The take and chain actions of the window (shared by the Task menu and the stage's buttons)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._continues: tuple[int, str] | None = None  # (parent id, frame path) loaded in the composer
        self._details: TakeDetails | None = None
        self._chain_label = QLabel()
        self.extend = self._action(self.tr("Continue from &last frame"), "repeat", self.continue_selected)
        self.stitch = self._action(self.tr("Stitc&h…"), "film", self.stitch_selected)
        self.compare = self._action(self.tr("&Compare takes…"), "columns-2", self.compare_selected)
        self.export = self._action(self.tr("E&xport…"), "image", self.export_selected)
        self.star = self._action(self.tr("Keeper (&star)"), "star", self.toggle_star)
        tips = {
            self.extend: self.tr(
                "A new take that starts from the sharpest frame of this one's last half second"
            ),
            self.stitch: self.tr("Join this chain or chosen takes into one MP4"),
            self.compare: self.tr("Play takes of one shot side by side"),
            self.export: self.tr("A poster frame, GIF or WebP of this take"),
            self.star: self.tr("Mark this take as the one to keep"),
        }
        for act, tip in tips.items():
            act.setToolTip(tip)
        self.star.setCheckable(True)
        self.actions = (self.extend, self.stitch, self.compare, self.export, self.star)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def _action(self, text: str, icon_name: str, slot: object) -> QAction:
        act = QAction(icon(icon_name), text, self.window)
        act.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
        return act

    def attach(self, details: TakeDetails) -> None:
        """Add the chain's line to the take's details (shown for a take in a chain)."""
        self._chain_label = QLabel()
        self._chain_label.setObjectName("chainFact")
        self._chain_label.setWordWrap(True)
        details.facts.addRow(self.tr("Chain"), self._chain_label)
        self._details = details

    def update(self, record: TaskRecord | None) -> None:
        video = has_video(record)
        for act in self.actions:
            act.setEnabled(video)
        self.star.setChecked(bool(record and record.starred))
        if self._details is not None:
            line = self.chain_line(record) if record is not None else ""
            self._chain_label.setText(line)
            self._details.facts.setRowVisible(self._chain_label, bool(line))

    def chain_line(self, record: TaskRecord) -> str:
        """The details' line for a take in a chain: how many takes, how long and what it cost."""
        chain = chain_of(self.window.engine.store, record.id)
        if len(chain) < 2:
            return ""
        total = summary(chain)
        return self.tr("Chain of %n takes · {length} · {credits} credits", "", total.takes).format(
            length=formatting.duration(total.seconds),
            credits=formatting.credits(total.credits),
        )

    def present_error(self, exc: BaseException) -> None:
        if isinstance(exc, MediaError | NotARecipe):
            self.window.say(str(exc), 10000)
        else:
            self.window.present_error(exc)

    # -- continue -------------------------------------------------------------------------------

    @async_slot
    async def continue_selected(self) -> None:
        record = self.window.selected_record()
        if record is None:
            return
        self.window.say(self.tr("Finding the sharpest frame near the end…"), 5000)
        self.extend.setEnabled(False)
        try:
            continuation = await prepare_continuation(self.window.engine.store, record.id)
        finally:
            self.extend.setEnabled(has_video(self.window.selected_record()))
        self.window.composer.load(continuation.params)
        self._continues = (record.id, str(continuation.frame.path))
        self.window.say(
            self.tr("Continuing from the frame at {time}: edit the prompt and press Generate.").format(
                time=formatting.clock(continuation.frame.time)
            ),
            10000,
        )

    def chained(self, params: SubmitParams) -> SubmitParams:
        """``params`` with the parent of the continuation loaded in the composer, while its first
        frame is still the picture (a new picture is a new take, not a continuation)."""
        if self._continues and params.images[:1] == (self._continues[1],):
            return dataclasses.replace(params, parent_id=self._continues[0])
        return params

    # -- the others -----------------------------------------------------------------------------

    def toggle_star(self) -> None:
        record = self.window.selected_record()
        if record is not None:
            self.window.manager.writer.user_update(record.id, starred=not record.starred)

    def set_starred(self, task_id: int, starred: bool) -> None:
        self.window.manager.writer.user_update(task_id, starred=starred)

    def stitch_selected(self) -> None:
        from happyhorse_desktop.ui.stitch_dialog import StitchDialog

        record = self.window.selected_record()
        if record is None:
            return
        store = self.window.engine.store
        chain = chain_of(store, record.id)
        others = [r for r in takes_of(store, record) if r.id not in {c.id for c in chain}]
        StitchDialog(self.window, chain, others, self.window.engine.config.output_dir).open()

    def compare_selected(self) -> None:
        from happyhorse_desktop.ui.compare_view import CompareView

        record = self.window.selected_record()
        if record is None:
            return
        takes = takes_of(self.window.engine.store, record)
        if len(takes) < 2:
            takes = [r for r in chain_of(self.window.engine.store, record.id) if has_video(r)]
        if len(takes) < 2:
            self.window.say(self.tr("There is no other take of this shot to compare it with yet."), 8000)
            return
        first = [record] + [t for t in takes if t.id != record.id]
        view = CompareView(first[:4], self.set_starred, self.window)
        view.show()

    def export_selected(self) -> None:
        from happyhorse_desktop.ui.export_dialog import ExportDialog

        record = self.window.selected_record()
        if has_video(record):
            assert record is not None and record.video_path
            ExportDialog(self.window, Path(record.video_path)).open()

    # -- a dropped recipe -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.DragEnter, QEvent.Type.Drop):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            path = _recipe_file(event)
            if path is None:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.load_recipe(path)
            return True
        return False

    @async_slot
    async def load_recipe(self, path: Path) -> None:
        recipe = await to_thread(read_any, path)
        sources = history_sources(recipe, self.window.engine.store)  # the store stays on this thread
        restored = await to_thread(restore_recipe, recipe, path, sources)
        self._continues = None
        self.window.composer.load(restored.params)
        said = [self.tr("Settings of {name} loaded: review and press Generate.").format(name=path.name)]
        self.window.say(" ".join(said + restored.notes), 12000)


def _recipe_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in RECIPE_SUFFIXES else None
