"""Helpers for the takes tests: a simulator that renders real clips, and ffmpeg/ffprobe as an
independent reader of what the app writes (installed for the tests only: ``apt-get install ffmpeg``;
the app never needs it)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from enginekit import params, settle
from kit import TEST_KEY
from PySide6.QtGui import QColor, QImage
from videogen import solid_png

from happyhorse_desktop.engine import Engine
from happyhorse_desktop.sandbox import EvoLinkSimulator, RenderSettings
from happyhorse_desktop.tasks.record import TaskRecord

# Clips long enough for the last-frame tests, frames large enough to be a valid first frame (≥ 300 px).
CLIPS = RenderSettings(fps=8, short_side=300, max_seconds=3.0)


@pytest.fixture
def clip_sim(monkeypatch: pytest.MonkeyPatch) -> Iterator[EvoLinkSimulator]:
    """The simulator rendering real clips (``CLIPS``), with the app pointed at it (import this fixture)."""
    with EvoLinkSimulator(task_seconds=0.3, render=CLIPS) as simulator:
        monkeypatch.setenv("HAPPYHORSE_API_BASE", simulator.base_url)
        monkeypatch.setenv("HAPPYHORSE_FILES_BASE", simulator.base_url)
        monkeypatch.setenv("EVOLINK_API_KEY", TEST_KEY)
        yield simulator


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is needed by this test (tests only): apt-get install ffmpeg"
    return found


@dataclass(frozen=True)
class Probe:
    duration: float
    frames: int
    codec: str
    width: int
    height: int
    tags: dict[str, str]


def probe(path: Path) -> Probe:
    """What ffprobe reads in ``path``, decoding every frame to count them."""
    entries = "format=duration:format_tags:stream=nb_read_frames,codec_name,width,height"
    out = subprocess.run(
        [_tool("ffprobe"), "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
         entries, "-of", "json", str(path)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    data = json.loads(out.stdout)
    stream = data["streams"][0]
    return Probe(
        float(data["format"]["duration"]),
        int(stream["nb_read_frames"]),
        stream["codec_name"],
        int(stream["width"]),
        int(stream["height"]),
        data["format"].get("tags", {}),
    )


def clip_with_sound(path: Path, width: int = 320, height: int = 180, seconds: float = 1.0) -> Path:
    """An MP4 with a video and an audio track (a test pattern and a tone), written by ffmpeg: the app
    itself writes no sound, and takes from EvoLink may have it (a video edit keeping the original)."""
    picture = f"testsrc=size={width}x{height}:rate=8:duration={seconds}"
    tone = f"sine=frequency=440:duration={seconds}"
    subprocess.run(
        [_tool("ffmpeg"), "-v", "error", "-y", "-f", "lavfi", "-i", picture, "-f", "lavfi", "-i", tone,
         "-c:v", "mpeg4", "-c:a", "aac", "-shortest", str(path)],
        check=True, timeout=60,
    )  # fmt: skip
    return path


def has_sound(path: Path) -> bool:
    """Whether ffprobe finds an audio stream in ``path``."""
    out = subprocess.run(
        [_tool("ffprobe"), "-v", "error", "-select_streams", "a", "-show_entries", "stream=codec_type",
         "-of", "csv=p=0", str(path)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return "audio" in out.stdout


def rgb_frames(path: Path, width: int, height: int) -> list[bytes]:
    """Every frame of ``path`` as packed RGB, decoded by ffmpeg."""
    out = subprocess.run(
        [_tool("ffmpeg"), "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    size = width * height * 3
    return [out.stdout[i : i + size] for i in range(0, len(out.stdout), size)]


def rgb_of(image: QImage) -> bytes:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    line = rgb.width() * 3
    bits = bytes(rgb.constBits())  # type: ignore[call-overload]
    return b"".join(bits[y * rgb.bytesPerLine() : y * rgb.bytesPerLine() + line] for y in range(rgb.height()))


def mean_difference(a: bytes, b: bytes) -> float:
    step = 7  # every 7th byte: plenty for a mean, quick in Python
    picked = range(0, min(len(a), len(b)), step)
    return sum(abs(a[i] - b[i]) for i in picked) / max(1, len(picked))


def picture(tmp_path: Path, name: str = "horse.png", color: QColor | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(solid_png(color or QColor(200, 60, 40), 800, 450, stripe=QColor("white")))
    return path


async def finished_take(engine: Engine, image: Path, **kw: object) -> TaskRecord:
    record = await engine.manager.submit(params(image, **kw))
    done = await settle(engine, record.id, timeout=60)
    assert done.video_path, done
    return done
