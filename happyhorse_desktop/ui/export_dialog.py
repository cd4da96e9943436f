"""Export a take: a poster frame (PNG) or an animated GIF/WebP of the whole take or a range, at a chosen
width and frame rate; written in a worker thread with progress and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop.media.export import ExportOptions, Format, export
from happyhorse_desktop.media.mp4read import NotPlainMp4, read_movie
from happyhorse_desktop.media.progress import Progress
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.ui.media_job import MediaJobPanel
from happyhorse_desktop.ui.widgets import choice_combo


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget, video: Path) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export {name}").format(name=video.name))
        self.video = video
        try:
            movie = read_movie(video)
            length, width = movie.duration_seconds, movie.video.width if movie.video else 1280
        except (NotPlainMp4, OSError):
            length, width = 15.0, 1280
        self.format = choice_combo(
            "exportFormat",
            (
                (self.tr("Poster frame (PNG)"), Format.PNG),
                (self.tr("Animated GIF"), Format.GIF),
                (self.tr("Animated WebP"), Format.WEBP),
            ),
        )
        self.start = self._seconds(0.0, length)
        self.end = self._seconds(length, length)
        self.width = QSpinBox()
        self.width.setObjectName("exportWidth")
        self.width.setRange(64, max(64, width))
        self.width.setValue(min(480, width))
        self.width.setSuffix(" px")
        self.fps = QSpinBox()
        self.fps.setObjectName("exportFps")
        self.fps.setRange(1, 30)
        self.fps.setValue(12)
        self.fps.setSuffix(self.tr(" fps"))
        form = QFormLayout()
        form.addRow(self.tr("&Format"), self.format)
        form.addRow(self.tr("F&rom"), self.start)
        form.addRow(self.tr("&To"), self.end)
        form.addRow(self.tr("&Width"), self.width)
        form.addRow(self.tr("Frame &rate"), self.fps)
        self.job = MediaJobPanel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setIcon(icon("image"))
        self.export_button.clicked.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        self.format.currentIndexChanged.connect(self._format_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.job)
        layout.addWidget(self.buttons)
        self._format_changed()

    def _seconds(self, value: float, maximum: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(0.0, maximum)
        spin.setDecimals(2)
        spin.setSingleStep(0.1)
        spin.setSuffix(self.tr(" s"))
        spin.setValue(value)
        return spin

    def _format_changed(self) -> None:
        animated = self.format.currentData() is not Format.PNG
        self.end.setEnabled(animated)
        self.fps.setEnabled(animated)

    def options(self) -> ExportOptions:
        fmt = Format(self.format.currentData())
        end = self.end.value() if fmt is not Format.PNG else None
        return ExportOptions(fmt, self.start.value(), end, self.width.value(), float(self.fps.value()))

    def output_path(self) -> Path:
        options = self.options()
        if options.format is Format.PNG:
            return self.video.with_name(f"{self.video.stem}.poster-{options.start:.2f}s.png")
        return self.video.with_name(
            f"{self.video.stem}.{options.start:.1f}-{options.end:.1f}s.{options.format.value}"
        )

    def run(self) -> None:
        options, output = self.options(), self.output_path()
        self.export_button.setEnabled(False)
        self.job.sig_finished.connect(lambda _ok: self.export_button.setEnabled(True))

        async def job(progress: Progress) -> int:
            import asyncio

            return await asyncio.to_thread(export, self.video, output, options, progress)

        self.job.run(
            job,
            lambda frames: self.tr("Saved {name} (%n frames).", "", frames).format(name=output.name),
        )

    def reject(self) -> None:
        self.job.cancel()
        super().reject()
