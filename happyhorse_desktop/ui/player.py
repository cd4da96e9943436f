"""The embedded video player. QtMultimedia is imported only when the player is first shown, because it
is heavy to load and not needed to start the app. If it cannot load (a Linux without PulseAudio) the
stage says why instead (``ui.stage``); errors while playing reach ``sig_error``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QVBoxLayout, QWidget

from happyhorse_desktop.ui.icons import icon


def _clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class VideoPlayer(QWidget):
    sig_error = Signal(str)
    """The video could not be played (Qt's explanation)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="videoPlayer")
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self._media = QMediaPlayer(self)
        self._audio = QAudioOutput(self)
        self._media.setAudioOutput(self._audio)
        self._video = QVideoWidget()
        self._video.setMinimumHeight(120)
        self._media.setVideoOutput(self._video)
        self.play_button = self._button("playButton", "play", self.tr("Play"))
        self.play_button.clicked.connect(self.toggle)
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setObjectName("positionSlider")
        self.position.sliderMoved.connect(self._media.setPosition)
        self.time = QLabel("0:00 / 0:00")
        self.loop = self._button("loopButton", "repeat", self.tr("Loop"))
        self.loop.setCheckable(True)
        self.loop.setChecked(True)
        self.loop.toggled.connect(self._apply_loop)
        self.mute = self._button("muteButton", "volume-2", self.tr("Mute"))
        self.mute.setCheckable(True)
        self.mute.toggled.connect(self._muted)
        controls = QHBoxLayout()
        controls.setSpacing(6)
        for widget in (self.play_button, self.position, self.time, self.loop, self.mute):
            controls.addWidget(widget, 1 if widget is self.position else 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._video, 1)
        layout.addLayout(controls)
        self._media.durationChanged.connect(lambda d: self.position.setRange(0, d))
        self._media.positionChanged.connect(self._moved)
        self._media.playbackStateChanged.connect(self._state_changed)
        self._media.errorOccurred.connect(lambda _error, text: self.sig_error.emit(text))
        self._apply_loop(True)
        self._state_changed()

    def _button(self, name: str, icon_name: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setIcon(icon(icon_name))
        button.setIconSize(QSize(18, 18))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    @property
    def media(self):  # type: ignore[no-untyped-def]
        return self._media

    @property
    def video_widget(self) -> QWidget:
        return self._video

    def current_frame(self) -> QImage:
        """The frame on screen. Offscreen, ``grab()`` cannot read the video surface, so the screenshot
        tool paints this frame where the video widget is."""
        return self._video.videoSink().videoFrame().toImage()

    def current_file(self) -> Path | None:
        source = self._media.source()
        return Path(source.toLocalFile()) if source.isLocalFile() else None

    def play_file(self, path: Path) -> None:
        self._media.setSource(QUrl.fromLocalFile(str(path)))
        self._media.play()

    def toggle(self) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if self._media.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._media.pause()
        else:
            self._media.play()

    def stop(self) -> None:
        """Stop and forget the video (its file may be about to go, or another take is shown)."""
        self._media.stop()
        self._media.setSource(QUrl())
        self.time.setText("0:00 / 0:00")

    def _apply_loop(self, on: bool) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        self._media.setLoops(QMediaPlayer.Loops.Infinite if on else 1)

    def _muted(self, on: bool) -> None:
        self._audio.setMuted(on)
        self.mute.setIcon(icon("volume-x" if on else "volume-2"))
        self.mute.setToolTip(self.tr("Unmute") if on else self.tr("Mute"))

    def _moved(self, position: int) -> None:
        if not self.position.isSliderDown():
            self.position.setValue(position)
        self.time.setText(f"{_clock(position)} / {_clock(self._media.duration())}")

    def _state_changed(self, *_: object) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = self._media.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setIcon(icon("pause" if playing else "play"))
        self.play_button.setToolTip(self.tr("Pause") if playing else self.tr("Play"))
