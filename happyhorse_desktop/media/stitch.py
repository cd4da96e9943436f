"""Joining takes into one MP4: losslessly when the parts share codec parameters, re-encoded otherwise.

The parts are only read. The result is written to a partial file beside the output and renamed into
place when complete, so a cancelled or failed join leaves nothing behind. A continuation's first frame
repeats the frame it was made from; by default it is dropped (hidden by the edit list in a lossless
join, left out in a re-encode).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media.decode import Frame, decode
from happyhorse_desktop.media.encode import FrameEncoder
from happyhorse_desktop.media.mp4join import JoinPart, incompatibility, join_copy
from happyhorse_desktop.media.mp4read import Movie, NotPlainMp4, read_movie
from happyhorse_desktop.media.partial import written_beside
from happyhorse_desktop.media.progress import Cancelled, MediaError, Progress


@dataclass(frozen=True)
class StitchPart:
    path: Path
    drop_first_frame: bool = False  # a continuation of the part before it


@dataclass(frozen=True)
class StitchResult:
    output: Path
    lossless: bool
    seconds: float  # how long the result plays
    dropped_frames: int
    why_reencoded: str | None = None


def sound_left_out(paths: list[Path], *, reencode: bool = False) -> list[int]:
    """Which of ``paths`` (by index) have sound that joining them in this order would leave out: a
    re-encoded join has no audio track, so every part with sound when the parts cannot be copied (or
    ``reencode`` asks for it), none otherwise. Reads only the files' headers (still: a worker thread).
    A part that is gone or unreadable is left for the join itself to report."""
    if len(paths) < 2:
        return []
    try:
        movies, why = _read_all([StitchPart(path) for path in paths])
    except MediaError:
        return []
    if why is None and not reencode:
        return []
    return [i for i, movie in enumerate(movies) if movie is not None and movie.track(b"soun") is not None]


def stitch(
    parts: list[StitchPart], output: Path, progress: Progress, *, reencode: bool = False
) -> StitchResult:
    """Join ``parts`` in order into ``output`` (blocking: run it in a worker thread)."""
    if len(parts) < 2:
        raise MediaError(translate("Media", "Choose at least two takes to stitch."))
    for part in parts:
        if part.path.resolve() == output.resolve():
            raise MediaError(translate("Media", "The stitched file cannot replace one of its parts."))
    movies, why = _read_all(parts)
    with written_beside(output) as partial:
        if why is None and not reencode:
            join_parts = [
                JoinPart(movie, _frame_seconds(movie) if part.drop_first_frame else 0.0)
                for part, movie in zip(parts, movies, strict=True)  # type: ignore[arg-type]
            ]
            join_copy(join_parts, partial, progress)
            seconds = read_movie(partial).duration_seconds
            lossless = True
        else:
            seconds = _reencode(parts, movies, partial, progress)
            lossless = False
        progress.check()
    dropped = sum(p.drop_first_frame for p in parts[1:])
    return StitchResult(output, lossless, seconds, dropped, None if lossless else why or "asked for")


def _read_all(parts: list[StitchPart]) -> tuple[list[Movie | None], str | None]:
    movies: list[Movie | None] = []
    why: str | None = None
    for part in parts:
        if not part.path.is_file():
            raise MediaError(
                translate("Media", "{name} is not on disk any more.").format(name=part.path.name)
            )
        try:
            movies.append(read_movie(part.path))
        except (NotPlainMp4, OSError) as exc:
            movies.append(None)
            why = why or f"{part.path.name}: {exc}"
    if why is None:
        why = incompatibility([m for m in movies if m is not None])
    return movies, why


def _frame_seconds(movie: Movie) -> float:
    video = movie.video
    assert video is not None
    return video.durations[0] / video.timescale if video.durations else 0.0


def _reencode(parts: list[StitchPart], movies: list[Movie | None], output: Path, progress: Progress) -> float:
    """Decode every part and encode one stream at the first part's size and frame rate. Frames are
    placed by time, so parts with other frame rates keep their length."""
    first = movies[0]
    fps = 24.0
    if first is not None and first.video is not None and first.video.media_duration:
        video = first.video
        fps = len(video.sizes) * video.timescale / video.media_duration
    lengths = [m.duration_seconds if m is not None else 1.0 for m in movies]
    total = sum(lengths) or 1.0
    pause: list[object] = []
    state: dict[str, object] = {"encoder": None, "held": None, "offset": 0.0}

    def pressure(paused: bool) -> None:
        if pause:
            pause[0](paused)  # type: ignore[operator]

    def emit_until(moment: float) -> None:
        encoder = state["encoder"]
        held = state["held"]
        assert isinstance(encoder, FrameEncoder) and isinstance(held, QImage)
        while encoder.frames / fps < moment - 1e-6:
            encoder.push(held)

    def on_frame(frame: Frame) -> None:
        at = float(state["offset"]) + frame.time - state["skip"]  # type: ignore[operator]
        if state["encoder"] is None:
            size = frame.image.size()
            state["encoder"] = FrameEncoder(
                output, QSize(size.width() // 2 * 2, size.height() // 2 * 2), fps, pressure
            )
        elif at > 0:
            emit_until(at)
        state["held"] = frame.image
        progress.report(min(0.99, at / total))

    for index, part in enumerate(parts):
        movie = movies[index]
        skip = _frame_seconds(movie) if part.drop_first_frame and movie is not None else 0.0
        state["skip"] = skip
        pause.clear()
        decode(part.path, on_frame, start=skip, progress=progress, on_pause=pause.append)
        state["offset"] = float(state["offset"]) + lengths[index] - skip  # type: ignore[arg-type]
    encoder = state["encoder"]
    if not isinstance(encoder, FrameEncoder):
        raise MediaError(translate("Media", "No frame could be decoded from the takes."))
    try:
        progress.check()
        emit_until(float(state["offset"]))  # type: ignore[arg-type]
        encoder.finish()
    except Cancelled:
        encoder.abort()
        raise
    return encoder.frames / fps
