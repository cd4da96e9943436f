"""Stitch: choose takes (a chain is offered in order, other takes of the shot below, unticked), order
them by dragging, and join them into one MP4 with its own sidecar — losslessly when they share codec
parameters. The parts are never modified; the job runs in a worker thread and can be cancelled. A join
that has to be re-encoded has no sound: a note says so, before joining, when ticked takes have sound."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop import formatting
from happyhorse_desktop.media.progress import Progress
from happyhorse_desktop.media.stitch import StitchResult, sound_left_out
from happyhorse_desktop.tasks.chains import stitch_takes
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.ui import widgets
from happyhorse_desktop.ui.background import WARNING_STYLE, start
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.ui.media_job import MediaJobPanel
from happyhorse_desktop.ui.widgets import path_row
from happyhorse_desktop.vocabulary import task_title

RECORD_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1


class StitchDialog(QDialog):
    def __init__(
        self, parent: QWidget, chain: list[TaskRecord], others: list[TaskRecord], folder: Path
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stitchDialog")
        self.setWindowTitle(self.tr("Stitch takes"))
        self.takes = QListWidget()
        self.takes.setObjectName("stitchTakes")
        self.takes.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for record in chain + others:
            self._add(record, checked=record in chain and len(chain) > 1)
        self.sound_note = widgets.message_label("stitchSoundNote", WARNING_STYLE)
        self.sound_note.hide()
        self._sound_checks = 0  # a newer check (the ticks changed again) makes older answers stale
        self.takes.itemChanged.connect(self._check_sound)
        self._check_sound()
        self.drop_boundary = QCheckBox(self.tr("Drop the frame a continuation repeats"))
        self.drop_boundary.setChecked(True)
        self.output = QLineEdit(str(folder / time.strftime("stitched-%Y%m%d-%H%M%S.mp4")))
        self.output.setObjectName("stitchOutput")
        where = path_row(self.output, self.tr("Browse…"), self._browse)
        self.job = MediaJobPanel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start_button = self.buttons.addButton(self.tr("&Stitch"), QDialogButtonBox.ButtonRole.ActionRole)
        self.start_button.setIcon(icon("film"))
        self.start_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Tick the takes to join and drag them into order:")))
        layout.addWidget(self.takes, 1)
        layout.addWidget(self.sound_note)
        layout.addWidget(self.drop_boundary)
        layout.addLayout(where)
        layout.addWidget(self.job)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

    def _add(self, record: TaskRecord, *, checked: bool) -> None:
        task = record.server_id or str(record.id)
        parts = (task_title(record, 60), formatting.seconds(record.duration), task)
        text = " · ".join(parts)
        if record.parent_id:
            text = "↳ " + text
        item = QListWidgetItem(text)
        item.setData(RECORD_ROLE, record)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.takes.addItem(item)

    def chosen(self) -> list[TaskRecord]:
        items = [self.takes.item(i) for i in range(self.takes.count())]
        return [i.data(RECORD_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _check_sound(self) -> None:
        """Whether joining the ticked takes drops sound (read from the files' headers, off the UI
        thread). The order of the takes does not change the answer: only which ones are ticked."""
        self._sound_checks += 1
        start(self._show_sound(self._sound_checks, self.chosen()))

    async def _show_sound(self, check: int, takes: list[TaskRecord]) -> None:
        with_video = [r for r in takes if r.video_path]
        paths = [Path(r.video_path or "") for r in with_video]
        silenced = await asyncio.to_thread(sound_left_out, paths)
        if check != self._sound_checks:
            return
        titles = ", ".join(f"“{task_title(with_video[i], 40)}”" for i in silenced)
        text = self.tr(
            "These takes differ in format, so they will be re-encoded, and a re-encoded join has no "
            "sound: the sound of {takes} will be left out."
        ).format(takes=titles)
        with contextlib.suppress(RuntimeError):  # the dialog was deleted while the files were read
            self.sound_note.setText(text if silenced else "")
            self.sound_note.setVisible(bool(silenced))

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Save the stitched video"), self.output.text(), "MP4 (*.mp4)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("mp4")
        dialog.fileSelected.connect(self.output.setText)
        dialog.open()

    def start(self) -> None:
        takes = self.chosen()
        output = Path(self.output.text().strip()).expanduser()
        if len(takes) < 2:
            self.job._failed(self.tr("Tick at least two takes."))
            return
        if output.suffix.lower() != ".mp4" or not output.parent.is_dir():
            self.job._failed(self.tr("Choose an .mp4 file in an existing folder."))
            return
        if output.exists():
            self.job._failed(self.tr("{name} exists already: choose another name.").format(name=output.name))
            return
        drop = self.drop_boundary.isChecked()
        self.start_button.setEnabled(False)
        self.job.sig_finished.connect(lambda _ok: self.start_button.setEnabled(True))

        async def job(progress: Progress) -> StitchResult:
            return await stitch_takes(takes, output, progress, drop_boundary=drop)

        self.job.run(job, self._done)

    def _done(self, result: StitchResult) -> str:
        how = self.tr("losslessly") if result.lossless else self.tr("re-encoded (the takes differ in format)")
        return self.tr("Saved {name}: {length}, {how}.").format(
            name=result.output.name, length=formatting.clock(result.seconds), how=how
        )

    def reject(self) -> None:
        self.job.cancel()
        super().reject()
