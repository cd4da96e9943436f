"""What the app learns from a local video before uploading it (container, codec, length, size, frame
rate), and a video's first frame.

Facts come first from the file's own boxes (:mod:`happyhorse_desktop.mp4probe`): a few kilobytes are
read whatever the file's size, the answer is instant, it names the container and codec exactly as the
route rules do (an ``ftyp`` brand tells MOV from MP4, the sample entry tells H.264 from HEVC), and it is
the reader the simulator judges uploads with, so the app and the simulator agree. Qt Multimedia's
decoder (FFmpeg) is asked only when the boxes do not say: a file that is not MP4/MOV at all (so the
refusal can name what it is), or a fragmented MP4 whose ``moov`` states no length or samples.

Everything here blocks: call it in a worker thread (``asyncio.to_thread``). A thread running a
``QEventLoop`` is what Qt Multimedia needs (the simulator's renderer works the same way). Qt Multimedia is
imported only when a decoder is needed, never at start-up. Pure of widgets.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from happyhorse_desktop.mp4probe import probe_video
from happyhorse_desktop.route_rules import VideoFacts

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

DECODER_TIMEOUT_MS = 10_000
HASH_CHUNK = 1024 * 1024
# What the files API is told a video is (by container); anything else goes as octet-stream.
VIDEO_MIME_TYPES = {"mp4": "video/mp4", "mov": "video/quicktime"}


def video_mime_type(container: str) -> str:
    return VIDEO_MIME_TYPES.get(container, "application/octet-stream")


def read_video_facts(path: str | Path) -> VideoFacts | None:
    """The facts of a local video, or ``None`` when neither its boxes nor Qt's decoder can read it."""
    boxed = probe_video(path)
    if boxed is not None and boxed.duration > 0 and boxed.fps > 0 and boxed.width > 0:
        return boxed
    decoded = decoder_facts(path)
    if boxed is None or decoded is None:
        return decoded or boxed
    # The boxes name the container and codec exactly; the decoder knows what they left out.
    return VideoFacts(
        container=boxed.container,
        codec=boxed.codec if boxed.codec != "unknown" else decoded.codec,
        duration=boxed.duration or decoded.duration,
        width=boxed.width or decoded.width,
        height=boxed.height or decoded.height,
        fps=boxed.fps or decoded.fps,
        size_bytes=boxed.size_bytes,
        has_audio=boxed.has_audio or decoded.has_audio,
    )


# What Qt's decoder reports (QMediaFormat's member names) in the words of the route rules and the simulator.
CONTAINER_NAMES = {
    "MPEG4": "mp4",
    "QuickTime": "mov",
    "Matroska": "mkv",
    "WebM": "webm",
    "AVI": "avi",
    "WMV": "wmv",
    "Ogg": "ogg",
}
CODEC_NAMES = {
    "H264": "h264",
    "H265": "hevc",
    "MPEG4": "mpeg4",
    "MPEG2": "mpeg2",
    "MPEG1": "mpeg1",
    "AV1": "av1",
    "VP8": "vp8",
    "VP9": "vp9",
    "MotionJPEG": "mjpeg",
    "Theora": "theora",
    "WMV": "wmv",
}


def _qt_names(enum: str, names: dict[str, str]) -> dict[object, str]:
    """``names`` keyed by the members of ``QMediaFormat.<enum>`` (Qt Multimedia is imported only here)."""
    from PySide6.QtMultimedia import QMediaFormat

    members = getattr(QMediaFormat, enum)
    return {getattr(members, member): name for member, name in names.items()}


def decoder_facts(path: str | Path, timeout_ms: int = DECODER_TIMEOUT_MS) -> VideoFacts | None:
    """The facts Qt Multimedia's decoder reports once it has opened the file; ``None`` when it cannot
    (not a video, no Qt application in the process, or Qt Multimedia missing its libraries)."""
    try:
        from PySide6.QtCore import QCoreApplication, QEventLoop, QUrl
        from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer
    except ImportError as exc:  # e.g. a Linux without libpulse
        log.info("Qt Multimedia cannot load (%s): only MP4/MOV boxes are read", exc)
        return None
    if QCoreApplication.instance() is None:
        return None
    path = Path(path)
    loop, player = QEventLoop(), QMediaPlayer()
    ended = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.InvalidMedia)
    player.mediaStatusChanged.connect(lambda status: loop.quit() if status in ended else None)
    player.errorOccurred.connect(lambda *_: loop.quit())
    player.setSource(QUrl.fromLocalFile(str(path)))
    deadline = deadline_timer(timeout_ms, loop.quit)
    if player.mediaStatus() not in ended:
        loop.exec()
    deadline.stop()
    try:
        if player.mediaStatus() != QMediaPlayer.MediaStatus.LoadedMedia or not player.hasVideo():
            return None
        meta = player.metaData()
        key = QMediaMetaData.Key
        size = meta.value(key.Resolution)
        container = _qt_names("FileFormat", CONTAINER_NAMES).get(meta.value(key.FileFormat))
        return VideoFacts(
            container=container or path.suffix.lstrip(".").lower(),
            codec=_qt_names("VideoCodec", CODEC_NAMES).get(meta.value(key.VideoCodec), "unknown"),
            duration=round(player.duration() / 1000, 3),
            width=size.width() if size is not None else 0,
            height=size.height() if size is not None else 0,
            fps=round(float(meta.value(key.VideoFrameRate) or 0.0), 3),
            size_bytes=path.stat().st_size,
            has_audio=player.hasAudio(),
        )
    except (OSError, RuntimeError, TypeError) as exc:  # metadata Qt cannot hand to Python
        log.info("could not read the decoder's facts of %s (%s)", path.name, exc)
        return None
    finally:
        player.setSource(QUrl())


def first_video_frame(path: str | Path, timeout_ms: int = DECODER_TIMEOUT_MS) -> QImage:
    """The first decoded frame of a video file (Qt Multimedia), or a null image."""
    from PySide6.QtCore import QEventLoop, QUrl
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink

    loop, player, sink = QEventLoop(), QMediaPlayer(), QVideoSink()
    frame: list[QImage] = []

    def on_frame(video_frame: QVideoFrame) -> None:
        if not frame and video_frame.isValid():
            frame.append(video_frame.toImage())
            loop.quit()

    def on_status(status: QMediaPlayer.MediaStatus) -> None:
        if status in (QMediaPlayer.MediaStatus.InvalidMedia, QMediaPlayer.MediaStatus.EndOfMedia):
            loop.quit()

    sink.videoFrameChanged.connect(on_frame)
    player.mediaStatusChanged.connect(on_status)
    player.errorOccurred.connect(lambda *_: loop.quit())
    player.setVideoSink(sink)
    player.setSource(QUrl.fromLocalFile(str(path)))
    player.play()
    deadline = deadline_timer(timeout_ms, loop.quit)
    loop.exec()
    deadline.stop()
    player.stop()
    return frame[0] if frame else QImage()


def deadline_timer(ms: int, callback: Callable[[], object]) -> QTimer:
    """A single-shot timer owned by the caller, so a finished job can stop it (a pending
    ``QTimer.singleShot`` would fire into the next job's event loop)."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(callback)
    timer.start(ms)
    return timer


def file_sha256(path: str | Path) -> str:
    """The content hash of a file read in 1 MB pieces (a 100 MB video never sits in memory)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
