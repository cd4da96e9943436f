"""Demo videos rendered from a task's own input with what the app ships: Qt GUI and Qt Multimedia.

A frame is the task's picture (its first frame, its first reference, the first frame of the video to
edit, or for text-to-video a picture made of the prompt's words) under a slow pan and zoom whose
direction follows the task's seed, with a small DEMO mark. Frames go to a ``QMediaRecorder`` through a
``QVideoFrameInput`` (Qt ≥ 6.8, FFmpeg backend), which encodes MPEG-4 video in an MP4 file; no external
ffmpeg binary is involved. (The FFmpeg that Qt ships is the LGPL build: it encodes MPEG-1/2/4 and Motion
JPEG, not H.264, so the demo's results are MPEG-4 Part 2, which every Qt player here decodes.)

Two things make ``QVideoFrameInput`` work, and their absence explains a probe whose
``sendVideoFrame()`` returned False and whose ``readyToSendVideoFrame`` never fired:

* after ``record()`` the encoder attaches itself to the input through a *queued* call, so the thread
  that owns the input must run an event loop: frames are sent from ``readyToSendVideoFrame`` (pull
  mode), never in a loop right after ``record()``;
* every frame carries its start/end time and the stream frame rate, and an empty frame ends the stream
  so that ``autoStop`` finishes the file.

Everything here runs on the renderer's own thread (see :mod:`happyhorse_desktop.sandbox.results`),
which owns the Qt objects it creates and runs a ``QEventLoop`` per job.
"""

from __future__ import annotations

import hashlib
import random

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QLinearGradient, QPainter, QPen
from PySide6.QtMultimedia import QMediaRecorder, QVideoFrame

from happyhorse_desktop.media.encode import mpeg4_recording
from happyhorse_desktop.sandbox.render_plan import RenderJob, output_size
from happyhorse_desktop.videofile import deadline_timer, first_video_frame

ZOOM = 0.15  # the picture grows by this much over the clip
JOB_TIMEOUT_MS = 120_000


def render(job: RenderJob) -> bool:
    """Renders ``job.output``; True when the recorder finished without error. Needs a QGuiApplication
    and runs the calling thread's event loop until the file is complete."""
    source = _source_picture(job)
    if source.isNull():
        source = text_picture(job.text or job.task_id, job.seed, job.width / job.height)
    if job.edited:
        source = _edited_look(source)
    frames = _FrameMaker(source, job)
    return _encode(job, frames)


def _source_picture(job: RenderJob) -> QImage:
    if job.picture:
        buffer = QBuffer()
        buffer.setData(QByteArray(job.picture))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setAutoTransform(True)  # an EXIF-rotated photo is shown upright, as the user sees it
        return reader.read()
    if job.video_path is not None:
        return first_video_frame(job.video_path)
    return QImage()


def text_picture(text: str, seed: int, aspect: float = 16 / 9) -> QImage:
    """A picture made of words on a gradient whose colours follow the text (text-to-video's input),
    in the video's shape so that no word is cropped away."""
    width, height = output_size(720, aspect)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    rng = random.Random(hashlib.sha256(f"{seed}:{text}".encode()).digest())
    gradient = QLinearGradient(0, 0, width, height)
    gradient.setColorAt(0, QColor.fromHsv(rng.randrange(360), 160, 200))
    gradient.setColorAt(1, QColor.fromHsv(rng.randrange(360), 200, 90))
    painter = QPainter(image)
    painter.fillRect(image.rect(), gradient)
    font = QFont()
    font.setPixelSize(min(width, height) // 11)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    words = " ".join(text.split()[:40]) or "…"
    margin = min(width, height) / 9
    area = QRectF(margin, margin, width - 2 * margin, height - 2 * margin)
    painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, words)
    painter.end()
    return image


def _edited_look(source: QImage) -> QImage:
    """The source frame in warm, inverted tones: unmistakably derived from it, and different."""
    image = source.convertToFormat(QImage.Format.Format_RGB32)
    image.invertPixels()
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    painter.fillRect(image.rect(), QColor(255, 190, 120))
    painter.end()
    return image


class _FrameMaker:
    """Frame ``i`` of a job: the source, cropped to the output shape, zoomed and panned over time."""

    def __init__(self, source: QImage, job: RenderJob) -> None:
        self.job = job
        self.count = max(1, round(job.fps * job.seconds))
        # Scale once to just above the output size: per-frame scaling then stays cheap.
        cover = QSize(round(job.width * (1 + ZOOM) + 2), round(job.height * (1 + ZOOM) + 2))
        self.source = source.scaled(
            cover, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
        )
        rng = random.Random(job.seed)
        self.pan = (rng.uniform(-1, 1), rng.uniform(-1, 1))
        self.zoom_in = rng.random() < 0.7

    def frame(self, index: int) -> QVideoFrame:
        job, t = self.job, index / max(1, self.count - 1)
        zoom = 1 + ZOOM * (t if self.zoom_in else 1 - t)
        src_w, src_h = self.source.width(), self.source.height()
        scale = min(src_w / job.width, src_h / job.height) / zoom
        crop_w, crop_h = job.width * scale, job.height * scale
        x = (src_w - crop_w) / 2 * (1 + self.pan[0] * (2 * t - 1))
        y = (src_h - crop_h) / 2 * (1 + self.pan[1] * (2 * t - 1))
        image = QImage(job.width, job.height, QImage.Format.Format_RGBX8888)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(0, 0, job.width, job.height), self.source, QRectF(x, y, crop_w, crop_h))
        _demo_mark(painter, job.width, job.height)
        painter.end()
        frame = QVideoFrame(image)
        frame.setStartTime(index * 1_000_000 // job.fps)
        frame.setEndTime((index + 1) * 1_000_000 // job.fps)
        frame.setStreamFrameRate(job.fps)
        return frame


def _demo_mark(painter: QPainter, width: int, height: int) -> None:
    size = max(8, min(width, height) // 26)
    font = QFont()
    font.setPixelSize(size)
    font.setBold(True)
    painter.setFont(font)
    box = QRectF(width - size * 4.2, height - size * 1.9, size * 3.6, size * 1.4)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 140))
    painter.drawRoundedRect(box, size * 0.3, size * 0.3)
    painter.setPen(QPen(QColor("white")))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "DEMO")


def _encode(job: RenderJob, frames: _FrameMaker) -> bool:
    """Pull-mode recording: each ``readyToSendVideoFrame`` sends frames until the input is full."""
    loop = QEventLoop()
    recording = mpeg4_recording(
        job.output, QSize(job.width, job.height), job.fps, QMediaRecorder.Quality.HighQuality
    )
    video_input, recorder = recording.frames, recording.recorder
    state = {"next": 0, "error": False}

    def send() -> None:
        while state["next"] <= frames.count:
            index = state["next"]
            frame = frames.frame(index) if index < frames.count else QVideoFrame()  # empty: the end
            if not video_input.sendVideoFrame(frame):
                return  # full: readyToSendVideoFrame comes again when there is room
            state["next"] += 1

    def on_state(recorder_state: QMediaRecorder.RecorderState) -> None:
        if recorder_state == QMediaRecorder.RecorderState.StoppedState:
            loop.quit()

    def on_error(*_: object) -> None:
        state["error"] = True
        loop.quit()

    video_input.readyToSendVideoFrame.connect(send)
    recorder.recorderStateChanged.connect(on_state)
    recorder.errorOccurred.connect(on_error)
    recorder.record()
    deadline = deadline_timer(JOB_TIMEOUT_MS, on_error)
    loop.exec()
    deadline.stop()
    if recorder.recorderState() != QMediaRecorder.RecorderState.StoppedState:
        recorder.stop()
    return not state["error"] and state["next"] > frames.count and job.output.exists()
