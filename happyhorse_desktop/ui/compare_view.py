"""Compare 2–4 takes side by side with one transport, an A/B wipe for two, and a star for the keeper.

Each take has its own ``QMediaPlayer`` drawing into a ``QVideoSink``; the panes paint the sinks' latest
frames themselves (so the wipe can show half of one take and half of the other, and a screenshot can
grab them). The first take's player is the clock: play, pause, scrub and frame steps go to every
player, and a timer pulls a player that drifted more than half a frame from the clock back onto it, so
the takes stay within one frame of each other. Sound is off: this is a view for pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop import formatting
from happyhorse_desktop.media.mp4read import NotPlainMp4, read_movie
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.vocabulary import seed_text

SYNC_MS = 40  # how often drift is checked
DEFAULT_FRAME_MS = 1000 / 24


def frame_ms(path: Path) -> float:
    """One frame's duration in ms (the take's average), from its MP4 header."""
    try:
        video = read_movie(path).video
    except (NotPlainMp4, OSError):
        return DEFAULT_FRAME_MS
    if video is None or not video.sizes:
        return DEFAULT_FRAME_MS
    return video.media_duration / video.timescale * 1000 / len(video.sizes)


def _fit(image: QImage, area: QRectF) -> QRectF:
    size = QSize(image.width(), image.height()).scaled(
        area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
    )
    return QRectF(
        area.x() + (area.width() - size.width()) / 2,
        area.y() + (area.height() - size.height()) / 2,
        size.width(),
        size.height(),
    )


class TakePane(QWidget):
    """One take: its player, the frame it shows, its name and its star."""

    def __init__(
        self, record: TaskRecord, on_star: Callable[[int, bool], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.record = record
        self.image = QImage()
        self.player = QMediaPlayer(self)
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._frame)
        self.player.setVideoSink(self.sink)
        self.player.setSource(QUrl.fromLocalFile(record.video_path or ""))
        self.canvas = QWidget()
        self.canvas.setMinimumSize(200, 120)
        self.canvas.paintEvent = self._paint_canvas  # type: ignore[method-assign]
        self.star = QToolButton()
        self.star.setObjectName("compareStar")
        self.star.setIcon(icon("star"))
        self.star.setCheckable(True)
        self.star.setChecked(record.starred)
        self.star.setToolTip(self.tr("Keeper: star this take"))
        self.star.toggled.connect(lambda on: on_star(record.id, on))
        title = QLabel(
            self.tr("Seed {seed} · {task}").format(
                seed=seed_text(record.seed), task=record.server_id or record.id
            )
        )
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(title, 1)
        row.addWidget(self.star)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(row)

    def _frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.image = frame.toImage()
            self.canvas.update()

    def _paint_canvas(self, _event: QPaintEvent) -> None:
        painter = QPainter(self.canvas)
        painter.fillRect(self.canvas.rect(), Qt.GlobalColor.black)
        if not self.image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(_fit(self.image, QRectF(self.canvas.rect())), self.image)
        painter.end()


class WipePane(QWidget):
    """Take A left of a vertical line, take B right of it; drag to move the line."""

    def __init__(self, a: TakePane, b: TakePane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareWipe")
        self.a, self.b = a, b
        self.split = 0.5
        self.setMinimumSize(320, 180)
        self.setCursor(Qt.CursorShape.SplitHCursor)
        for pane in (a, b):
            pane.sink.videoFrameChanged.connect(lambda _f: self.update())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._move(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._move(event.position())

    def _move(self, point: QPointF) -> None:
        self.split = min(1.0, max(0.0, point.x() / max(1, self.width())))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        image = self.a.image if not self.a.image.isNull() else self.b.image
        if image.isNull():
            return
        target = _fit(image, QRectF(self.rect()))
        line = target.x() + target.width() * self.split
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for pane, clip in (
            (self.a, QRectF(target.x(), target.y(), line - target.x(), target.height())),
            (self.b, QRectF(line, target.y(), target.right() - line, target.height())),
        ):
            if not pane.image.isNull():
                painter.save()
                painter.setClipRect(clip)
                painter.drawImage(target, pane.image)
                painter.restore()
        painter.setPen(Qt.GlobalColor.white)
        painter.drawLine(QPointF(line, target.top()), QPointF(line, target.bottom()))
        painter.drawText(target.adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignLeft, "A")
        painter.drawText(target.adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignRight, "B")
        painter.end()


class CompareView(QWidget):
    """A window with 2–4 takes and one transport."""

    def __init__(
        self, takes: list[TaskRecord], on_star: Callable[[int, bool], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compareView")
        self.setWindowTitle(self.tr("Compare takes"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.panes = [TakePane(r, on_star) for r in takes[:4]]
        self.frame_ms = frame_ms(Path(takes[0].video_path or ""))
        grid = QGridLayout()
        columns = 2
        for index, pane in enumerate(self.panes):
            grid.addWidget(pane, index // columns, index % columns)
        self.grid_host = QWidget()
        self.grid_host.setLayout(grid)
        self.wipe = WipePane(self.panes[0], self.panes[1]) if len(self.panes) == 2 else None
        self.play_button = self._button("comparePlay", "play", self.tr("Play / pause all"), self.toggle)
        back = self._button("compareStepBack", "step-back", self.tr("One frame back"), lambda: self.step(-1))
        forward = self._button(
            "compareStepForward", "step-forward", self.tr("One frame forward"), lambda: self.step(1)
        )
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("compareSlider")
        self.slider.sliderMoved.connect(self.seek)
        self.time = QLabel("0:00")
        self.wipe_box = QCheckBox(self.tr("A/B &wipe"))
        self.wipe_box.setObjectName("compareWipeToggle")
        self.wipe_box.setEnabled(self.wipe is not None)
        self.wipe_box.toggled.connect(self.set_wipe)
        transport = QHBoxLayout()
        for widget in (self.play_button, back, forward, self.slider, self.time, self.wipe_box):
            transport.addWidget(widget, 1 if widget is self.slider else 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid_host, 1)
        if self.wipe is not None:
            layout.addWidget(self.wipe, 1)
            self.wipe.hide()
        layout.addLayout(transport)
        self.clock = self.panes[0].player
        self.clock.durationChanged.connect(lambda d: self.slider.setRange(0, d))
        self.clock.positionChanged.connect(self._moved)
        self.clock.mediaStatusChanged.connect(self._status)
        self._sync = QTimer(self)
        self._sync.setInterval(SYNC_MS)
        self._sync.timeout.connect(self.resync)
        self._sync.start()
        self.resize(960, 600)
        for pane in self.panes:  # show the first frame of each
            pane.player.play()
            pane.player.pause()

    def _button(self, name: str, icon_name: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setIcon(icon(icon_name))
        button.setToolTip(tip)
        button.clicked.connect(lambda _=False: slot())
        return button

    # -- the transport ----------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self.clock.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def positions(self) -> list[int]:
        """Each take's position in ms (the transport keeps them within one frame)."""
        return [pane.player.position() for pane in self.panes]

    def toggle(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        position = self.clock.position()
        for pane in self.panes:
            pane.player.setPosition(position)
            pane.player.play()
        self.play_button.setIcon(icon("pause"))

    def pause(self) -> None:
        for pane in self.panes:
            pane.player.pause()
        self.seek(self.clock.position())
        self.play_button.setIcon(icon("play"))

    def seek(self, position: int) -> None:
        for pane in self.panes:
            pane.player.setPosition(position)

    def step(self, frames: int) -> None:
        """Pause and move every take by whole frames (frame-accurate seeks)."""
        if self.playing:
            self.pause()
        target = round(self.clock.position() + frames * self.frame_ms)
        self.seek(max(0, min(target, self.clock.duration())))

    def resync(self) -> None:
        """Pull any player that drifted more than half a frame back onto the clock."""
        if not self.playing:
            return
        now = self.clock.position()
        for pane in self.panes[1:]:
            player = pane.player
            if now >= player.duration():
                continue  # a shorter take has ended; it waits on its last frame
            if player.playbackState() != QMediaPlayer.PlaybackState.PlayingState:
                player.play()
            if abs(player.position() - now) > self.frame_ms / 2:
                player.setPosition(now)

    def _moved(self, position: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(position)
        self.time.setText(formatting.clock(position / 1000))

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:  # loop, all together
            self.seek(0)
            self.play()

    def set_wipe(self, on: bool) -> None:
        if self.wipe is None:
            return
        self.wipe.setVisible(on)
        self.grid_host.setVisible(not on)

    def closeEvent(self, event: object) -> None:
        self._sync.stop()
        for pane in self.panes:
            pane.player.stop()
        super().closeEvent(event)  # type: ignore[arg-type]
