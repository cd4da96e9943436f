"""Exports of a take: a poster frame (PNG, with Qt) and an animated GIF or WebP of the whole take or a
range, at a chosen width and frame rate.

Qt writes still images only (its GIF plugin reads, its WebP plugin writes single frames), so the
animation is written by Pillow, the long-kept imaging library, which writes both formats with per-frame
durations and looping. Frames are decoded by Qt (:mod:`happyhorse_desktop.media.decode`), sampled at the
chosen rate, scaled, and handed to Pillow as RGB. Blocking: run in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media.decode import Frame, decode, frames_between
from happyhorse_desktop.media.lastframe import duration_of
from happyhorse_desktop.media.partial import written_beside
from happyhorse_desktop.media.progress import MediaError, Progress

MAX_ANIMATION_FRAMES = 900  # 60 s at 15 fps: beyond this a GIF is not the right format


class Format(StrEnum):
    PNG = "png"  # the poster frame
    GIF = "gif"
    WEBP = "webp"


@dataclass(frozen=True)
class ExportOptions:
    format: Format
    start: float = 0.0  # seconds
    end: float | None = None  # None: to the end
    width: int | None = None  # None: the video's own width (height follows)
    fps: float = 12.0  # animations only


def _scaled(image: QImage, width: int | None) -> QImage:
    if width and width != image.width():
        return image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    return image


def _pil(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())  # type: ignore[call-overload]
    return Image.frombuffer("RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", rgb.bytesPerLine(), 1)


def export(video: Path, output: Path, options: ExportOptions, progress: Progress) -> int:
    """Write the export; returns how many frames it holds. Written beside, then renamed into place."""
    if not video.is_file():
        raise MediaError(translate("Media", "{name} is not on disk any more.").format(name=video.name))
    if options.end is not None and options.end <= options.start:
        raise MediaError(translate("Media", "The range ends before it starts."))
    if options.format is not Format.PNG and not 1 <= options.fps <= 50:
        raise MediaError(translate("Media", "Choose a frame rate from 1 to 50 frames per second."))
    write = _poster if options.format is Format.PNG else _animation
    with written_beside(output) as partial:
        count = write(video, partial, options, progress)
        progress.check()
    progress.report(1.0)
    return count


def _poster(video: Path, partial: Path, options: ExportOptions, progress: Progress) -> int:
    frames = frames_between(video, options.start, options.start + 0.2, progress)
    if not frames:
        frames = frames_between(video, max(0.0, options.start - 1.0), None, progress)[-1:]
    if not frames:
        raise MediaError(translate("Media", "No frame could be decoded from {name}.").format(name=video.name))
    if not _scaled(frames[0].image, options.width).save(str(partial), "PNG"):
        raise MediaError(translate("Media", "The picture could not be written."))
    return 1


def _animation(video: Path, partial: Path, options: ExportOptions, progress: Progress) -> int:
    step = 1.0 / options.fps
    picked: list[Image.Image] = []
    state = {"next": options.start}
    span = (options.end if options.end is not None else duration_of(video)) - options.start
    wanted = min(MAX_ANIMATION_FRAMES, max(1, round(span * options.fps)))

    def on_frame(frame: Frame) -> bool:
        if frame.time + 1e-6 < state["next"] - step / 2:
            return False
        picked.append(_pil(_scaled(frame.image, options.width)))
        state["next"] += step
        if span > 0:
            progress.report(min(0.9, 0.9 * (frame.time - options.start) / span))
        return len(picked) >= wanted

    decode(video, on_frame, start=options.start, end=options.end, progress=progress)
    if not picked:
        raise MediaError(translate("Media", "No frame could be decoded from {name}.").format(name=video.name))
    progress.check()
    duration_ms = round(1000 / options.fps)
    extra = {"optimize": True} if options.format is Format.GIF else {"quality": 80, "method": 4}
    picked[0].save(
        str(partial),
        format=options.format.value.upper(),
        save_all=True,
        append_images=picked[1:],
        duration=duration_ms,
        loop=0,
        **extra,
    )
    return len(picked)
