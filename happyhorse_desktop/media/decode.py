"""Decoding a video's frames with Qt Multimedia (the FFmpeg backend the app ships for its player).

A ``QMediaPlayer`` plays the file as fast as it can decode into a ``QVideoSink`` with no display, in the
calling worker thread's own ``QEventLoop`` (Qt Multimedia objects need an event loop in the thread that
owns them; a ``QCoreApplication`` must exist). Measured here: every frame arrives, in order, even at
64× speed (120 frames of 720p in ~1 s); a seek lands on the frame shown at that time. Frames come with
their presentation time, so a caller can tell a missing frame from a slow one — :func:`decode` checks
that none was skipped and raises :class:`~happyhorse_desktop.media.progress.MediaError` otherwise.

Never call these from the UI thread: they block until the range is decoded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, QUrl
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media.progress import Cancelled, MediaError, Progress

FAST = 64.0  # playback rate while decoding: as fast as the decoder goes
TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class Frame:
    time: float  # seconds from the start of the video
    image: QImage


class _Stop(Exception):
    """The consumer has what it wants."""


def decode(
    path: Path,
    on_frame: Callable[[Frame], bool | None],
    *,
    start: float = 0.0,
    end: float | None = None,
    progress: Progress | None = None,
    on_pause: Callable[[Callable[[bool], None]], None] | None = None,
) -> int:
    """Decode ``path`` from ``start`` to ``end`` seconds, calling ``on_frame`` for each frame in order
    (returning True stops early). ``on_pause`` receives a function that pauses (True) or resumes
    (False) decoding, for a consumer that must hold the producer back. Returns the number of frames."""
    # Long on purpose: the player, its sink and the local event loop share one state through the
    # closures below; as separate functions they would pass it all around.
    progress = progress or Progress()
    loop, player, sink = QEventLoop(), QMediaPlayer(), QVideoSink()
    state: dict[str, object] = {"count": 0, "error": None, "last": None}
    start_us = int(start * 1_000_000)
    end_us = None if end is None else int(end * 1_000_000)

    def finish(error: BaseException | None = None) -> None:
        if error is not None and state["error"] is None:
            state["error"] = error
        player.stop()
        loop.quit()

    def on_video_frame(frame: QVideoFrame) -> None:
        if not frame.isValid() or state["error"] is not None or not loop.isRunning():
            return
        begins = frame.startTime()
        if begins < 0 or frame.endTime() <= start_us:  # still before the range (a seek lands early)
            return
        if end_us is not None and begins >= end_us:
            finish()
            return
        if progress.cancelled:
            finish(Cancelled())
            return
        last_end = state["last"]
        length = max(1, frame.endTime() - begins)
        if isinstance(last_end, int) and begins > last_end + length // 2:  # a frame went missing
            finish(MediaError(_unreadable(path, "frames were skipped while decoding")))
            return
        state["last"] = frame.endTime()
        state["count"] = int(state["count"]) + 1  # type: ignore[call-overload]
        try:
            if on_frame(Frame(begins / 1_000_000, frame.toImage())):
                finish()
        except Exception as exc:  # handed back to the caller below, not lost in Qt's signal
            finish(exc)

    def on_status(status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and not state.get("started"):
            state["started"] = True
            if start_us:
                player.setPosition(start_us // 1000)
            player.play()
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            finish()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            finish(MediaError(_unreadable(path, player.errorString())))

    def pause(paused: bool) -> None:
        if paused:
            player.pause()
        elif state["error"] is None and loop.isRunning():
            player.play()

    sink.videoFrameChanged.connect(on_video_frame)
    player.mediaStatusChanged.connect(on_status)
    player.errorOccurred.connect(lambda _e, text: finish(MediaError(_unreadable(path, text))))
    player.setVideoSink(sink)
    player.setPlaybackRate(FAST)
    if on_pause is not None:
        on_pause(pause)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: finish(MediaError(_unreadable(path, "timed out"))))
    timer.start(TIMEOUT_MS)
    player.setSource(QUrl.fromLocalFile(str(path)))
    loop.exec()
    timer.stop()
    player.setSource(QUrl())
    if isinstance(state["error"], BaseException):
        raise state["error"]
    return int(state["count"])  # type: ignore[call-overload]


def frames_between(
    path: Path, start: float, end: float | None, progress: Progress | None = None
) -> list[Frame]:
    """Every frame shown from ``start`` to ``end`` seconds (keep the range short: frames are held)."""
    frames: list[Frame] = []
    decode(path, frames.append, start=start, end=end, progress=progress)
    return frames


def _unreadable(path: Path, reason: str) -> str:
    return translate("Media", "{name} cannot be decoded: {reason}").format(name=path.name, reason=reason)
