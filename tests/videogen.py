"""Test videos: real ones encoded with Qt Multimedia, and MP4/MOV box skeletons with chosen facts."""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage, QPainter

from happyhorse_desktop.sandbox.render import render
from happyhorse_desktop.sandbox.render_plan import RenderJob


def solid_png(color: QColor, width: int = 640, height: int = 360, stripe: QColor | None = None) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(color)
    if stripe is not None:
        painter = QPainter(image)
        painter.fillRect(0, 0, width // 8, height, stripe)
        painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def make_video(path: Path, width: int, height: int, fps: int, seconds: float, color: QColor) -> Path:
    """A real MP4 (MPEG-4 video) of one colour, encoded by Qt like the simulator's results."""
    job = RenderJob("test-video", path, width, height, fps, seconds, seed=1, picture=solid_png(color))
    assert render(job), f"could not encode {path}"
    return path


def make_matroska(path: Path, width: int, height: int, fps: int, seconds: float, color: QColor) -> Path:
    """A real Matroska video (MPEG-4 in MKV), encoded by Qt: what a screen recorder might give. The
    simulator's renderer writes MP4 (through media.encode's recording); its media format is swapped for
    this one call."""
    from unittest import mock

    from PySide6.QtMultimedia import QMediaFormat

    from happyhorse_desktop.media import encode

    class MatroskaFormat(QMediaFormat):
        def __init__(self, _format: QMediaFormat.FileFormat) -> None:
            super().__init__(QMediaFormat.FileFormat.Matroska)

    job = RenderJob("test-mkv", path, width, height, fps, seconds, seed=1, picture=solid_png(color))
    with mock.patch.object(encode, "QMediaFormat", MatroskaFormat):
        assert render(job), f"could not encode {path}"
    return path


def decode_frames(path: Path, timeout_ms: int = 20_000) -> tuple[int, tuple[int, int], list[QImage]]:
    """(duration in ms, resolution, decoded frames) of a video file, as Qt Multimedia plays it."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer, QVideoSink

    loop, player, sink = QEventLoop(), QMediaPlayer(), QVideoSink()
    frames: list[QImage] = []
    sink.videoFrameChanged.connect(lambda f: f.isValid() and frames.append(f.toImage()))
    player.mediaStatusChanged.connect(
        lambda s: (
            loop.quit()
            if s in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia)
            else None
        )
    )
    player.setVideoSink(sink)
    player.setSource(QUrl.fromLocalFile(str(path)))
    player.setPlaybackRate(16.0)
    player.play()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    loop.exec()
    timer.stop()
    size = player.metaData().value(QMediaMetaData.Key.Resolution)
    duration = player.duration()
    player.stop()
    return duration, (size.width(), size.height()), frames


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def fake_video(
    path: Path,
    *,
    container: str = "mp4",
    codec: bytes = b"avc1",
    seconds: float = 6.0,
    width: int = 1280,
    height: int = 720,
    fps: float = 24.0,
    total_bytes: int = 0,
) -> Path:
    """An ISO media file whose boxes state these facts (no real picture data): enough for a probe."""
    timescale = 1000
    duration = round(seconds * timescale)
    ftyp = _box(b"ftyp", (b"qt  " if container == "mov" else b"isom") + b"\x00\x00\x02\x00isom")
    mvhd = _box(b"mvhd", b"\x00" * 4 + b"\x00" * 8 + struct.pack(">II", timescale, duration) + b"\x00" * 80)
    tkhd = _box(b"tkhd", b"\x00" * 76 + struct.pack(">II", width << 16, height << 16))
    mdhd = _box(b"mdhd", b"\x00" * 4 + b"\x00" * 8 + struct.pack(">II", timescale, duration) + b"\x00" * 4)
    hdlr = _box(b"hdlr", b"\x00" * 8 + b"vide" + b"\x00" * 13)
    entry = struct.pack(">I4s", 86, codec) + b"\x00" * 6 + b"\x00\x01" + b"\x00" * 16
    entry += struct.pack(">HH", width, height) + b"\x00" * 50
    stsd = _box(b"stsd", b"\x00" * 4 + struct.pack(">I", 1) + entry)
    frames = round(seconds * fps)
    stts = _box(b"stts", b"\x00" * 4 + struct.pack(">III", 1, frames, round(timescale / fps)))
    stbl = _box(b"stbl", stsd + stts)
    mdia = _box(b"mdia", mdhd + hdlr + _box(b"minf", stbl))
    moov = _box(b"moov", mvhd + _box(b"trak", tkhd + mdia))
    data = ftyp + moov
    padding = max(0, total_bytes - len(data) - 8)
    path.write_bytes(data + struct.pack(">I4s", 8 + padding, b"mdat"))
    with path.open("ab") as fh:  # the media data: zeros, written sparsely
        fh.truncate(len(data) + 8 + padding)
    return path


def png_bytes_of(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())
