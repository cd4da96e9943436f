"""The embedded video player. QtMultimedia is imported only when the player is first shown, because it
is heavy to load and not needed to start the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)


def _clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class VideoPlayer(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoPlayer")
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self._media = QMediaPlayer(self)
        self._audio = QAudioOutput(self)
        self._media.setAudioOutput(self._audio)
        self._video = QVideoWidget()
        self._video.setMinimumHeight(160)
        self._media.setVideoOutput(self._video)
        self.play_button = QPushButton()
        self.play_button.setObjectName("playButton")
        self.play_button.clicked.connect(self.toggle)
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setObjectName("positionSlider")
        self.position.sliderMoved.connect(self._media.setPosition)
        self.time = QLabel("0:00 / 0:00")
        self.loop = QCheckBox("Loop")
        self.loop.setChecked(True)
        self.loop.toggled.connect(self._apply_loop)
        self.mute = QCheckBox("Mute")
        self.mute.toggled.connect(self._audio.setMuted)
        self.title = QLabel()
        self.title.setEnabled(False)
        controls = QHBoxLayout()
        for widget in (self.play_button, self.position, self.time, self.loop, self.mute):
            controls.addWidget(widget, 1 if widget is self.position else 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._video, 1)
        layout.addLayout(controls)
        layout.addWidget(self.title)
        self._media.durationChanged.connect(lambda d: self.position.setRange(0, d))
        self._media.positionChanged.connect(self._moved)
        self._media.playbackStateChanged.connect(self._state_changed)
        self._apply_loop(True)
        self._state_changed()

    @property
    def media(self):  # type: ignore[no-untyped-def]
        return self._media

    def current_file(self) -> Path | None:
        source = self._media.source()
        return Path(source.toLocalFile()) if source.isLocalFile() else None

    def play_file(self, path: Path) -> None:
        self._media.setSource(QUrl.fromLocalFile(str(path)))
        self.title.setText(path.name)
        self._media.play()

    def toggle(self) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if self._media.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._media.pause()
        else:
            self._media.play()

    def stop(self) -> None:
        self._media.stop()
        self._media.setSource(QUrl())

    def _apply_loop(self, on: bool) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        self._media.setLoops(QMediaPlayer.Loops.Infinite if on else 1)

    def _moved(self, position: int) -> None:
        if not self.position.isSliderDown():
            self.position.setValue(position)
        self.time.setText(f"{_clock(position)} / {_clock(self._media.duration())}")

    def _state_changed(self, *_: object) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = self._media.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setToolTip("Pause" if playing else "Play")
