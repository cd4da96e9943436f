"""Every action on the selected task — one ``QAction`` each, shared by the menu bar, the context menu,
the toolbar and the keyboard — with the rule that enables it and what it does. The actions call the
engine; the window supplies the selection, the player and the composer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QCheckBox, QMenu, QMessageBox

from happyhorse_desktop.i18n_core import without_mnemonic
from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.tasks.record import TaskRecord, can_retry_download
from happyhorse_desktop.tasks.status import SENDING_STATUSES, TaskStatus
from happyhorse_desktop.ui.background import async_slot
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.ui.take_tools import TakeTools

if TYPE_CHECKING:
    from happyhorse_desktop.ui.main_window import MainWindow


class TaskActions(QObject):
    # __init__ is long on purpose: one declaration per action (text, icon, slot, keys, tip), read as a table.
    def __init__(self, window: MainWindow) -> None:
        # Long on purpose: one flat table of the task actions (text, icon, shortcut, slot) and their
        # groups, read top to bottom like the menu they make; split, the order would be lost.
        super().__init__(window)
        self.window = window
        view = window.task_view

        def action(
            text: str,
            icon_name: str | None,
            slot: Callable[[], object],
            shortcut: QKeySequence | str | None = None,
            tip: str = "",
        ) -> QAction:
            act = QAction(text, window)
            act.setIconText(without_mnemonic(text))  # toolbar and take buttons: no "(R)" left in Chinese
            if icon_name:
                act.setIcon(icon(icon_name))
            act.triggered.connect(lambda _=False: slot())
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                view.addAction(act)
            tip = tip or without_mnemonic(text)
            if shortcut:
                keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                tip += f" ({keys})"
            act.setToolTip(tip)
            return act

        self.url_opener: Callable[[QUrl], bool] = QDesktopServices.openUrl
        """Opens files and folders in the desktop's programs (tests replace it: nothing may launch)."""
        self.play = action(
            self.tr("&Play"), "play", self.play_selected, "Return", self.tr("Play the video in the app")
        )
        self.open_file = action(
            self.tr("&Open file"),
            "external-link",
            self.open_selected,
            "Ctrl+O",
            self.tr("Open in your video player"),
        )
        self.folder = action(
            self.tr("Show in &folder"),
            "folder-open",
            self.show_in_folder,
            "Ctrl+Shift+O",
            self.tr("Show the video file"),
        )
        self.copy_id = action(self.tr("Copy task &ID"), "copy", lambda: self.copy("server_id"), "Ctrl+C")
        self.copy_seed = action(self.tr("Copy s&eed"), None, lambda: self.copy("seed"))
        self.copy_prompt = action(self.tr("Copy pro&mpt"), None, lambda: self.copy("prompt"))
        self.rerun = action(
            self.tr("&Re-run"),
            "rotate-ccw",
            self.rerun_selected,
            "Ctrl+R",
            self.tr("Submit again with the same settings"),
        )
        self.reuse = action(
            self.tr("&Use settings"),
            "sliders-horizontal",
            self.reuse_selected,
            "Ctrl+Shift+R",
            self.tr("Load these settings with a new random seed"),
        )
        self.send_now = action(
            self.tr("Submit &now"),
            "send",
            self.send_selected,
            None,
            self.tr("Send this task, which was interrupted before it was sent"),
        )
        self.discard = action(
            self.tr("&Discard"), "x", self.discard_selected, None, self.tr("Remove this unsent task")
        )
        self.stop = action(
            self.tr("S&top tracking"),
            "circle-stop",
            lambda: self.stop_selected(),
            None,
            self.tr("Stop polling (EvoLink has no cancel: the task still runs and is billed)"),
        )
        self.resume = action(self.tr("Resume trac&king"), "eye", self.resume_selected)
        self.retry = action(self.tr("Retry do&wnload"), "download", self.retry_download_selected)
        self.remove = action(
            self.tr("Remo&ve"),
            "trash-2",
            self.remove_selected,
            QKeySequence.StandardKey.Delete,
            self.tr("Remove from history"),
        )
        self.tools = TakeTools(window)
        """Takes and chains: continue, stitch, compare, export, star (``ui/take_tools.py``)."""
        self.groups = (
            (self.play, self.open_file, self.folder),
            (self.copy_id, self.copy_seed, self.copy_prompt),
            (self.rerun, self.reuse, self.send_now, self.discard, self.stop, self.resume, self.retry),
            self.tools.actions,
            (self.remove,),
        )

    @property
    def toolbar_actions(self) -> list[QAction]:
        return [
            self.play,
            self.folder,
            self.rerun,
            self.reuse,
            self.send_now,
            self.stop,
            self.retry,
            self.remove,
        ]

    @property
    def take_actions(self) -> tuple[tuple[QAction, ...], ...]:
        """The actions offered beside the selected take (copying stays in the menus)."""
        return (
            (self.play, self.open_file, self.folder),
            (self.rerun, self.reuse, self.send_now, self.discard, self.stop, self.resume, self.retry),
            self.tools.actions,
            (self.remove,),
        )

    def update(self, record: TaskRecord | None) -> None:
        """Enable what the selected task allows."""
        has_video = bool(record and record.video_path and Path(record.video_path).exists())
        for act in (self.play, self.open_file, self.folder):
            act.setEnabled(has_video)
        for act in (self.copy_prompt, self.rerun, self.reuse):
            act.setEnabled(record is not None)
        # A task whose request may be on its way stays: its answer must find its row.
        self.remove.setEnabled(bool(record and record.status not in SENDING_STATUSES))
        self.copy_id.setEnabled(bool(record and record.server_id))
        self.copy_seed.setEnabled(bool(record and record.seed))
        interrupted = bool(record and record.status == TaskStatus.INTERRUPTED)
        self.send_now.setEnabled(interrupted)
        self.discard.setEnabled(interrupted)
        active = bool(record and not record.is_final and record.server_id)
        self.stop.setEnabled(active and bool(record and record.tracking))
        self.resume.setEnabled(active and bool(record and not record.tracking))
        self.retry.setEnabled(bool(record and can_retry_download(record)))
        self.tools.update(record)

    def fill_menu(self, menu: QMenu, *, only_enabled: bool) -> None:
        """The actions in one order for the menu bar and the context menu."""
        for number, group in enumerate(self.groups):
            if number:
                menu.addSeparator()
            for act in group:
                if act.isEnabled() or not only_enabled:
                    menu.addAction(act)

    # -- what they do ---------------------------------------------------------------------------

    def _selected(self) -> TaskRecord | None:
        return self.window.selected_record()

    def play_selected(self) -> None:
        record = self._selected()
        if record and record.video_path and Path(record.video_path).exists():
            self.window.stage.play(Path(record.video_path))

    def open_selected(self) -> None:
        record = self._selected()
        if record and record.video_path:
            self.open_path(Path(record.video_path), self.tr("No video player answered."))

    def show_in_folder(self) -> None:
        record = self._selected()
        if record and record.video_path:
            self.open_path(
                Path(record.video_path).parent, self.tr("No file manager answered."), record.video_path
            )

    def open_path(self, path: Path, failure: str, shown: str | None = None) -> bool:
        """Open a file or folder with the desktop; when nothing answers, say so and offer the path
        (``shown``, default ``path``) to copy instead of doing nothing visible."""
        if self.url_opener(QUrl.fromLocalFile(str(path))):
            return True
        shown = shown or str(path)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Nothing opened"),
            failure + " " + self.tr("The file is here:") + f"\n\n{shown}",
            QMessageBox.StandardButton.Close,
            self.window,
        )
        box.setObjectName("pathFallbackBox")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = box.addButton(self.tr("Copy path"), QMessageBox.ButtonRole.ActionRole)
        copy.setIcon(icon("copy"))
        copy.clicked.connect(lambda: self._copy_path(shown))
        box.open()
        return False

    def _copy_path(self, path: str) -> None:
        QGuiApplication.clipboard().setText(path)
        self.window.say(self.tr("Copied the path: {path}").format(path=path), 5000)

    def copy(self, field: str) -> None:
        record = self._selected()
        if record is None:
            return
        QGuiApplication.clipboard().setText(str(getattr(record, field) or ""))
        names = {"server_id": self.tr("task ID"), "seed": self.tr("seed"), "prompt": self.tr("prompt")}
        self.window.say(self.tr("Copied the {what}.").format(what=names[field]), 3000)

    def rerun_selected(self) -> None:
        record = self._selected()
        if record is None:
            return
        params = self.window.manager.params_of(record.id)
        credits = params.estimated_credits()  # the route's bill: a video edit counts its source
        warning = ""
        if record.status == TaskStatus.UNKNOWN:
            warning = self.tr(
                "<p><b>EvoLink may already have this task.</b> Re-run only if it is not on your "
                "EvoLink dashboard, or you may pay twice.</p>"
            )
        question = self.tr(
            "<p>Submit again with the same inputs, prompt and settings (≈ {credits} credits)?</p>"
        )
        text = warning + question.format(credits=format_credits(credits))
        self.window.confirm_submit("rerunBox", self.tr("Re-run this task?"), text, params)

    def reuse_selected(self) -> None:
        record = self._selected()
        if record is None:
            return
        self.window.composer.load(self.window.manager.params_of(record.id).with_new_seed())
        self.window.say(self.tr("Settings loaded with a new seed: review and press Generate."), 6000)

    def send_selected(self) -> None:
        record = self._selected()
        if record is not None and not self.window.manager.send_interrupted(record.id):
            self.window.say(self.tr("Another HappyHorse window or command is working on this task."), 8000)

    def discard_selected(self) -> None:
        record = self._selected()
        if record is not None and record.status == TaskStatus.INTERRUPTED:
            self._remove(record.id, delete_files=False)

    @async_slot
    async def stop_selected(self) -> None:
        record = self._selected()
        if record is not None:
            self.window.say(await self.window.manager.stop_tracking(record.id), 15000)

    def present_error(self, exc: BaseException) -> None:
        self.window.present_error(exc)

    def resume_selected(self) -> None:
        record = self._selected()
        if record is not None:
            self.window.manager.resume_tracking(record.id)

    def retry_download_selected(self) -> None:
        record = self._selected()
        if record is not None:
            self.window.manager.retry_download(record.id)

    def _remove(self, task_id: int, *, delete_files: bool) -> None:
        if not self.window.manager.remove(task_id, delete_files=delete_files):
            self.window.say(
                self.tr("This task is being sent: it can be removed once the server has answered."), 10000
            )

    def remove_selected(self) -> None:
        record = self._selected()
        if record is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove from history?"),
            self.tr("Remove this task from the history?"),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        box.setObjectName("removeBox")
        delete_files = QCheckBox(self.tr("Also delete the video file"))
        delete_files.setEnabled(bool(record.video_path))
        box.setCheckBox(delete_files)
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)

        def finished() -> None:
            if box.clickedButton() is remove:
                self.window.stage.forget_file(record.video_path)
                self._remove(record.id, delete_files=delete_files.isChecked())

        box.finished.connect(finished)
        box.open()
