"""The frame a continuation starts from: the sharpest of a video's last ~0.5 s, kept as a PNG beside it.

Generated clips often end on a blurred or fading frame; continuing from it would carry the blur into
the next take. Each candidate is scored by a simple focus measure — the variance of a Laplacian on a
grey copy scaled to 160 px wide (blur lowers it, detail raises it) — and the sharpest wins; on a tie
the later frame, which is closer to where the motion stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media.decode import frames_between
from happyhorse_desktop.media.mp4read import NotPlainMp4, read_movie
from happyhorse_desktop.media.partial import written_beside
from happyhorse_desktop.media.progress import MediaError, Progress

TAIL_SECONDS = 0.5
FOCUS_WIDTH = 160


@dataclass(frozen=True)
class ChosenFrame:
    path: Path  # the PNG beside the video
    time: float  # seconds into the video
    sharpness: float


def sharpness(image: QImage) -> float:
    """Variance of the 4-neighbour Laplacian of a small grey copy of ``image``."""
    small = image.scaledToWidth(FOCUS_WIDTH, Qt.TransformationMode.SmoothTransformation)
    grey = small.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    if width < 3 or height < 3:
        return 0.0
    data = bytes(grey.constBits())  # type: ignore[call-overload]
    total = total_sq = 0.0
    count = 0
    for y in range(1, height - 1):
        row, up, down = y * stride, (y - 1) * stride, (y + 1) * stride
        for x in range(1, width - 1):
            value = data[up + x] + data[down + x] + data[row + x - 1] + data[row + x + 1] - 4 * data[row + x]
            total += value
            total_sq += value * value
            count += 1
    mean = total / count
    return total_sq / count - mean * mean


def frame_path(video: Path) -> Path:
    return video.with_name(f"{video.stem}.last-frame.png")


def duration_of(video: Path) -> float:
    try:
        return read_movie(video).duration_seconds
    except (NotPlainMp4, OSError) as exc:
        raise MediaError(
            translate("Media", "{name} cannot be read: {reason}").format(name=video.name, reason=exc)
        ) from None


def sharpest_last_frame(video: Path, progress: Progress | None = None) -> ChosenFrame:
    """Decode the last ~0.5 s of ``video``, keep the sharpest frame as a PNG beside it (blocking)."""
    progress = progress or Progress()
    if not video.is_file():
        raise MediaError(translate("Media", "{name} is not on disk any more.").format(name=video.name))
    length = duration_of(video)
    frames = frames_between(video, max(0.0, length - TAIL_SECONDS), None, progress)
    if not frames:
        raise MediaError(translate("Media", "No frame could be decoded from {name}.").format(name=video.name))
    best, best_score = frames[-1], -1.0
    for index, frame in enumerate(frames):
        progress.check()
        score = sharpness(frame.image)
        if score >= best_score:
            best, best_score = frame, score
        progress.report((index + 1) / len(frames))
    target = frame_path(video)
    with written_beside(target) as partial:
        if not best.image.save(str(partial), "PNG"):
            failed = translate("Media", "The frame could not be written beside {name}.")
            raise MediaError(failed.format(name=video.name))
    return ChosenFrame(target, best.time, best_score)
