"""What a demo video will be, decided without Qt: the settings of a simulator's renderer and each
task's render job. The drawing and encoding (Qt GUI and Qt Multimedia) are in
:mod:`happyhorse_desktop.sandbox.render`, imported only by the renderer's thread, so a simulator that
renders nothing never loads Qt Multimedia.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RenderSettings:
    """How demo results are rendered.

    ``short_side`` ``None`` means the requested quality's (720 or 1080 px); ``max_seconds`` ``None``
    means the full requested duration. :meth:`small` is for tests: tiny, short and still different for
    every task.
    """

    fps: int = 24
    short_side: int | None = None
    max_seconds: float | None = None

    @classmethod
    def demo(cls) -> RenderSettings:
        return cls()

    @classmethod
    def small(cls) -> RenderSettings:
        return cls(fps=4, short_side=90, max_seconds=2.0)


@dataclass(frozen=True)
class RenderJob:
    """One result video to make. Exactly one of ``picture``/``video_path`` is usually set; with neither,
    the picture is drawn from ``text``."""

    task_id: str
    output: Path
    width: int
    height: int
    fps: int
    seconds: float
    seed: int
    picture: bytes | None = None
    video_path: Path | None = None
    text: str = ""
    edited: bool = False  # video-edit: give the source frame a visibly different look


def output_size(short_side: int, aspect: float) -> tuple[int, int]:
    """Frame size with the given short side and width/height ``aspect``, both even (encoders need it)."""
    if aspect >= 1:
        width, height = short_side * aspect, short_side
    else:
        width, height = short_side, short_side / aspect
    return round(width / 2) * 2, round(height / 2) * 2


def motion_seed(seed: int | None, task_id: str) -> int:
    """The seed drives the camera move, like a model's seed: a fixed seed repeats it."""
    if seed is not None:
        return seed
    return int.from_bytes(hashlib.sha256(task_id.encode()).digest()[:4], "big")
