"""Encoding frames into an MP4 with Qt Multimedia: ``QVideoFrameInput`` feeding a ``QMediaRecorder``.

The FFmpeg that Qt ships is the LGPL build: it has no H.264 encoder, so the result is MPEG-4 Part 2
video (which every player decodes), at Qt's high quality. The recorder pulls frames
(``readyToSendVideoFrame``): :class:`FrameEncoder` keeps a short queue, and tells the producer to pause
when it is full, so a fast decoder never floods memory. Runs in the calling worker thread's event loop,
like :mod:`happyhorse_desktop.media.decode`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtMultimedia import (
    QMediaCaptureSession,
    QMediaFormat,
    QMediaRecorder,
    QVideoFrame,
    QVideoFrameFormat,
    QVideoFrameInput,
)

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media.progress import MediaError

QUEUE_HIGH, QUEUE_LOW = 12, 4
FINISH_TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class Mpeg4Recording:
    """A recorder writing MPEG-4 video into an MP4, fed frame by frame through ``frames``; the session
    joins the two, so hold this object for as long as the recording runs."""

    frames: QVideoFrameInput
    recorder: QMediaRecorder
    session: QMediaCaptureSession


def mpeg4_recording(output: Path, size: QSize, fps: float, quality: QMediaRecorder.Quality) -> Mpeg4Recording:
    """A recording of RGBX frames of ``size`` at ``fps`` into ``output``, ready for ``record()``. It stops
    by itself after the empty frame that ends the stream (autoStop)."""
    fmt = QVideoFrameFormat(size, QVideoFrameFormat.PixelFormat.Format_RGBX8888)
    fmt.setStreamFrameRate(fps)
    frames = QVideoFrameInput(fmt)
    recorder = QMediaRecorder()
    media_format = QMediaFormat(QMediaFormat.FileFormat.MPEG4)
    media_format.setVideoCodec(QMediaFormat.VideoCodec.MPEG4)
    recorder.setMediaFormat(media_format)
    recorder.setVideoResolution(size)
    recorder.setVideoFrameRate(fps)
    recorder.setQuality(quality)
    recorder.setOutputLocation(QUrl.fromLocalFile(str(output)))
    recorder.setAutoStop(True)
    session = QMediaCaptureSession()
    session.setRecorder(recorder)
    session.setVideoFrameInput(frames)
    return Mpeg4Recording(frames, recorder, session)


class FrameEncoder:
    """Frames pushed with :meth:`push` (at ``fps``, ``size``) become ``output``; :meth:`finish` waits
    for the file. ``on_pressure(True)`` asks the producer to pause, ``(False)`` to go on."""

    def __init__(self, output: Path, size: QSize, fps: float, on_pressure: Callable[[bool], None]) -> None:
        self.size, self.fps = size, fps
        self._on_pressure = on_pressure
        self._queue: deque[QVideoFrame] = deque()
        self._index = 0
        self._ended = False
        self._error: str | None = None
        self._loop: QEventLoop | None = None
        self._recording = mpeg4_recording(output, size, fps, QMediaRecorder.Quality.VeryHighQuality)
        self._input = self._recording.frames
        self._recorder = self._recording.recorder
        self._input.readyToSendVideoFrame.connect(self._send)
        self._recorder.errorOccurred.connect(self._failed)
        self._recorder.recorderStateChanged.connect(self._state)
        self._recorder.record()

    @property
    def frames(self) -> int:
        """How many frames were pushed."""
        return self._index

    def push(self, image: QImage) -> None:
        frame = QVideoFrame(self._fit(image))
        frame.setStartTime(round(self._index * 1_000_000 / self.fps))
        frame.setEndTime(round((self._index + 1) * 1_000_000 / self.fps))
        frame.setStreamFrameRate(self.fps)
        self._index += 1
        self._queue.append(frame)
        if len(self._queue) >= QUEUE_HIGH:
            self._on_pressure(True)
        self._send()

    def finish(self) -> None:
        """Send the end of the stream and wait (in this thread's event loop) until the file is written.
        Raises :class:`MediaError` when the recorder failed."""
        self._ended = True
        self._queue.append(QVideoFrame())  # an empty frame ends the stream (autoStop)
        self._send()
        if self._recorder.recorderState() != QMediaRecorder.RecorderState.StoppedState and not self._error:
            self._loop = QEventLoop()
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self._failed(None, "timed out"))
            timer.start(FINISH_TIMEOUT_MS)
            self._loop.exec()
            timer.stop()
        if self._error:
            raise MediaError(
                translate("Media", "The video could not be encoded: {reason}").format(reason=self._error)
            )

    def abort(self) -> None:
        self._recorder.stop()

    def _fit(self, image: QImage) -> QImage:
        """The frame at the output size; another shape is letterboxed, never stretched."""
        image = image.convertToFormat(QImage.Format.Format_RGBX8888)
        if image.size() == self.size:
            return image
        scaled = image.scaled(
            self.size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        canvas = QImage(self.size, QImage.Format.Format_RGBX8888)
        canvas.fill(QColor("black"))
        painter = QPainter(canvas)
        painter.drawImage(
            (self.size.width() - scaled.width()) // 2, (self.size.height() - scaled.height()) // 2, scaled
        )
        painter.end()
        return canvas

    def _send(self) -> None:
        while self._queue:
            if not self._input.sendVideoFrame(self._queue[0]):
                return  # full: readyToSendVideoFrame comes again
            self._queue.popleft()
            if len(self._queue) <= QUEUE_LOW and not self._ended:
                self._on_pressure(False)

    def _failed(self, _error: object, text: str) -> None:
        self._error = text or "error"
        if self._loop is not None:
            self._loop.quit()

    def _state(self, state: QMediaRecorder.RecorderState) -> None:
        if state == QMediaRecorder.RecorderState.StoppedState and self._loop is not None:
            self._loop.quit()
