"""The video panel (``videoPanel``): drop or pick the video to edit, see its first frame and what it is,
and see at once whether video-edit takes it.

Its facts (length, frame size, frame rate, codec, container, size) are read locally before anything is
uploaded — from the file's boxes, or by Qt Multimedia's decoder when the boxes do not say (see
:mod:`happyhorse_desktop.videofile`) — and checked against the route's rules: an out-of-spec video is
refused with the reason, a merely unusual one (HEVC, longer than the 15 s that are edited) gets a warning.
Reading and decoding run in worker threads; a 100 MB file costs a few kilobytes of reading.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFileDialog, QFrame, QWidget

from happyhorse_desktop import formatting
from happyhorse_desktop.media_rules import check_video
from happyhorse_desktop.route_rules import Problem, VideoFacts
from happyhorse_desktop.routes import Route
from happyhorse_desktop.tasks.record import is_url
from happyhorse_desktop.ui.background import ERROR_STYLE, WARNING_STYLE, start, to_thread, user_message
from happyhorse_desktop.ui.drop_zone import (
    FileDropTarget,
    PreviewLabel,
    drop_zone_style,
    show_fitted,
    stack_drop_zone,
)
from happyhorse_desktop.ui.widgets import message_label, push_button
from happyhorse_desktop.videofile import first_video_frame, read_video_facts

if TYPE_CHECKING:
    import asyncio

VIDEO_FILTER = "Videos (*.mp4 *.mov *.m4v *.mkv *.webm *.avi);;All files (*)"


class VideoPanel(FileDropTarget, QFrame):
    sig_video_changed = Signal()
    """The video, what is known about it, or whether it is acceptable changed."""

    def __init__(self, route: Route, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoPanel")
        self.setAcceptDrops(True)
        self.setStyleSheet(drop_zone_style("videoPanel"))
        self.route = route
        self._source: str | None = None
        self._facts: VideoFacts | None = None
        self._found: list[Problem] = []
        self._busy = False
        self._generation = 0
        self._frame: QPixmap | None = None
        self.preview = PreviewLabel()
        self.info = message_label("videoInfo")
        self.problem = message_label("videoProblem", ERROR_STYLE)
        self.warning = message_label("videoWarning", WARNING_STYLE)
        choose = push_button("chooseVideoButton", self.tr("C&hoose video…"), self.choose_file, "film")
        self.clear_button = push_button("clearVideoButton", self.tr("C&lear"), self.clear, "x")
        details = (self.info, self.problem, self.warning)
        stack_drop_zone(self, self.preview, details, choose, self.clear_button)
        self._render()

    # -- what the composer asks -----------------------------------------------------------------

    def source(self) -> str | None:
        return self._source

    def facts(self) -> VideoFacts | None:
        return self._facts

    def is_busy(self) -> bool:
        return self._busy

    def problems(self) -> list[str]:
        if self._busy:
            return [self.tr("Reading the video…")]
        if self._source is None:
            return [self.tr("Add the video to edit: drop it here or choose a file (MP4 or MOV, 3–60 s).")]
        return [p.message for p in self._found if p.blocking]

    def warnings(self) -> list[str]:
        return [p.message for p in self._found if not p.blocking]

    # -- loading ----------------------------------------------------------------------------------

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the video to edit"), "", VIDEO_FILTER)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.load)
        dialog.open()  # not exec(): no nested event loop inside the asyncio loop

    def clear(self) -> None:
        self._generation += 1
        self._source, self._facts, self._found, self._busy, self._frame = None, None, [], False, None
        self._render()
        self.sig_video_changed.emit()

    def load(self, source: str) -> asyncio.Task[None] | None:
        """A local video (read and checked at once) or an http(s) link (sent as is)."""
        self._generation += 1
        self._source, self._facts, self._found, self._frame = source, None, [], None
        if is_url(source):
            self._busy = False
            self._render()
            self.sig_video_changed.emit()
            return None
        self._busy = True
        self._render()
        self.sig_video_changed.emit()
        generation = self._generation

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._busy = False
                self.problem.setText(user_message(exc))
                self.problem.setVisible(True)
                self.sig_video_changed.emit()

        return start(self._inspect(Path(source), generation), on_error=failed)

    async def _inspect(self, path: Path, generation: int) -> None:
        facts = await to_thread(read_video_facts, path)
        if generation != self._generation:
            return
        self._facts, self._found, self._busy = facts, check_video(self.route, facts), False
        self._render()
        self.sig_video_changed.emit()
        if facts is not None:
            frame: QImage = await to_thread(first_video_frame, path)
            if generation == self._generation and not frame.isNull():
                self._frame = QPixmap.fromImage(frame)
                self._scale_frame()

    def take_dropped(self, sources: list[str]) -> None:
        self.load(sources[0])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_frame()

    # -- showing ----------------------------------------------------------------------------------

    def facts_text(self) -> str:
        facts = self._facts
        if facts is None:
            return ""
        return self.tr(
            "{width}×{height} · {fps} fps · {seconds} s · {codec} in {container} · {size} MB"
        ).format(
            width=facts.width,
            height=facts.height,
            fps=formatting.number(facts.fps, 2 if facts.fps % 1 else 0),
            seconds=formatting.number(facts.duration, 1),
            codec=facts.codec.upper(),
            container=facts.container.upper(),
            size=formatting.megabytes(facts.size_bytes),
        )

    def _render(self) -> None:
        self.clear_button.setEnabled(self._source is not None)
        self.preview.setPixmap(QPixmap())
        if self._busy:
            self.preview.setText(self.tr("Reading {name}…").format(name=Path(self._source or "").name))
        elif self._source is None:
            self.preview.setText(
                self.tr(
                    "Drop the video to edit here\n\nMP4 or MOV (H.264 recommended) · 3–60 s, the first 15 s "
                    "are edited · up to 2160 px, at least 320 px · more than 8 fps · up to 100 MB"
                )
            )
        elif is_url(self._source):
            self.preview.setText(self._source)
        else:
            self.preview.setText(Path(self._source).name)
        if self._source is not None and is_url(self._source):
            self.info.setText(
                self.tr("This link is sent as is: EvoLink reads the video (and its length) itself.")
            )
        else:
            self.info.setText(self.facts_text())
        problems = [p.message for p in self._found if p.blocking]
        self.problem.setText("\n".join(f"• {p}" for p in problems))
        self.warning.setText("\n".join(f"• {w}" for w in self.warnings()))
        for label in (self.info, self.problem, self.warning):  # an empty line would still take its height
            label.setVisible(bool(label.text()))
        self._scale_frame()

    def _scale_frame(self) -> None:
        show_fitted(self.preview, self._frame, self.devicePixelRatioF())
