"""Media jobs on their own: the sharpest late frame, exports, joins of unlike clips, the recipe of a
dropped file. Clips are encoded here with the app's own encoder and read back by ffprobe."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from storekit import add
from takeskit import probe
from videogen import make_video

from happyhorse_desktop.media.encode import FrameEncoder
from happyhorse_desktop.media.export import ExportOptions, Format, export
from happyhorse_desktop.media.lastframe import sharpest_last_frame, sharpness
from happyhorse_desktop.media.progress import MediaError, Progress
from happyhorse_desktop.media.stitch import StitchPart, stitch
from happyhorse_desktop.media.tags import write_recipe
from happyhorse_desktop.sandbox.render import render
from happyhorse_desktop.sandbox.render_plan import RenderJob
from happyhorse_desktop.tasks.recipe import NotARecipe, recipe_for, restore
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

T = TypeVar("T")


def in_worker(job: Callable[[], T]) -> T:
    """Media jobs run in a worker thread in the app; so they do here."""
    result: list[T] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(job())
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(120)
    if failure:
        raise failure[0]
    return result[0]


def checkerboard(size: int = 320, cell: int = 8, blur: int = 0) -> QImage:
    image = QImage(size, size * 9 // 16 // 2 * 2, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for y in range(0, image.height(), cell):
        for x in range(0, image.width(), cell):
            painter.fillRect(x, y, cell, cell, QColor("black") if (x + y) // cell % 2 else QColor("white"))
    painter.end()
    if blur:  # a cheap blur: down and up again
        smooth = Qt.TransformationMode.SmoothTransformation
        keep = Qt.AspectRatioMode.IgnoreAspectRatio
        small = image.scaled(image.width() // blur, image.height() // blur, keep, smooth)
        image = small.scaled(image.width(), image.height(), keep, smooth)
    return image


def encode_clip(path: Path, frames: list[QImage], fps: float = 8.0) -> Path:
    def job() -> Path:
        encoder = FrameEncoder(path, frames[0].size(), fps, lambda _paused: None)
        for frame in frames:
            encoder.push(frame)
        encoder.finish()
        return path

    return in_worker(job)


def test_the_sharpest_of_the_last_half_second_wins_not_blindly_the_last(tmp_path: Path) -> None:
    sharp, blurred = checkerboard(), checkerboard(cell=16, blur=8)
    assert sharpness(sharp) > 10 * sharpness(blurred)
    # 2 s at 8 fps: frame 13 (1.625 s) is the only sharp one in the last half second.
    frames = [sharp] * 12 + [blurred, sharp] + [blurred] * 2
    video = encode_clip(tmp_path / "take.mp4", frames)
    chosen = in_worker(lambda: sharpest_last_frame(video))
    assert chosen.time == pytest.approx(13 / 8, abs=0.01)
    assert chosen.path == tmp_path / "take.last-frame.png" and chosen.path.is_file()
    assert sharpness(QImage(str(chosen.path))) > 10 * sharpness(blurred)


def test_exports_poster_gif_and_webp_at_the_chosen_size_and_rate(tmp_path: Path) -> None:
    video = tmp_path / "v.mp4"  # a moving picture: every frame differs (GIF merges equal ones)
    assert render(RenderJob("export", video, 320, 180, 24, 3.0, seed=3, text="a moving picture"))
    poster = tmp_path / "poster.png"
    assert in_worker(lambda: export(video, poster, ExportOptions(Format.PNG, start=1.0), Progress())) == 1
    assert Image.open(poster).size == (320, 180)
    gif = tmp_path / "range.gif"
    count = in_worker(lambda: export(video, gif, ExportOptions(Format.GIF, 0.5, 2.5, 160, 10), Progress()))
    with Image.open(gif) as image:
        assert (image.size, image.n_frames, count) == ((160, 90), 20, 20)
        assert image.info["duration"] == 100 and image.info.get("loop") == 0
    webp = tmp_path / "all.webp"
    in_worker(lambda: export(video, webp, ExportOptions(Format.WEBP, width=240, fps=5), Progress()))
    with Image.open(webp) as image:
        assert image.size == (240, 135) and image.n_frames == 15
    with pytest.raises(MediaError, match="ends before it starts"):
        export(video, tmp_path / "bad.gif", ExportOptions(Format.GIF, 2.0, 1.0), Progress())
    assert not list(tmp_path.glob("*.part"))


def test_unlike_clips_are_re_encoded_to_the_first_ones_size(tmp_path: Path) -> None:
    a = make_video(tmp_path / "a.mp4", 320, 180, 12, 2.0, QColor("red"))
    b = make_video(tmp_path / "b.mp4", 480, 270, 12, 1.0, QColor("blue"))
    result = in_worker(lambda: stitch([StitchPart(a), StitchPart(b)], tmp_path / "ab.mp4", Progress()))
    assert not result.lossless and result.why_reencoded and "differ" in result.why_reencoded
    joined = probe(tmp_path / "ab.mp4")
    assert (joined.width, joined.height, joined.frames) == (320, 180, 36)
    assert joined.duration == pytest.approx(3.0, abs=0.05)


@pytest.fixture
def store(tmp_path: Path) -> TaskStore:
    return TaskStore(tmp_path / "history.db")


def tagged_take(store: TaskStore, tmp_path: Path, picture: Path) -> Path:
    import hashlib

    record = add(
        store,
        prompt="the horse trots",
        quality="1080p",
        duration=7,
        seed=4242,
        image_sources=[str(picture)],
        image_sha256=hashlib.sha256(picture.read_bytes()).hexdigest(),
        server_id="task-unified-1761313744-abcd1234",
        status=TaskStatus.COMPLETED,
    )
    video = make_video(tmp_path / "saved" / "take.mp4", 320, 180, 8, 1.0, QColor("green"))
    write_recipe(video, recipe_for(record))
    return video


def test_a_dropped_video_restores_its_settings_and_its_picture(store: TaskStore, tmp_path: Path) -> None:
    (tmp_path / "saved").mkdir()
    picture = tmp_path / "horse.png"
    checkerboard().save(str(picture))
    video = tagged_take(store, tmp_path, picture)
    restored = restore(video, store)
    p = restored.params
    assert (p.prompt, p.quality, p.duration, p.seed, p.model) == (
        "the horse trots", "1080p", 7, 4242, "happyhorse-1.0-image-to-video",
    )  # fmt: skip
    assert p.images == (str(picture),) and restored.notes == []
    # The picture edited since is not the source any more: the settings come back, the picture does not.
    checkerboard(blur=4).save(str(picture))
    again = restore(video, store)
    assert again.params.images == () and "horse.png" in again.notes[0]
    assert again.params.prompt == "the horse trots"


def test_a_dropped_sidecar_restores_too_and_a_foreign_video_is_refused(
    store: TaskStore, tmp_path: Path
) -> None:
    sidecar = tmp_path / "take.json"
    sidecar.write_text(
        json.dumps(
            {"app": "HappyHorse Desktop", "model": "happyhorse-1.1-text-to-video", "prompt": "rain",
             "parameters": {"quality": "720p", "duration": 4, "seed": 9, "aspect_ratio": "9:16"},
             "seed": 9, "task_id": "task-unified-1-x", "images": []}
        )
    )  # fmt: skip
    restored = restore(sidecar, store)
    assert restored.params.model == "happyhorse-1.1-text-to-video" and restored.params.aspect_ratio == "9:16"
    assert (restored.params.duration, restored.params.seed, restored.notes) == (4, 9, [])
    foreign = make_video(tmp_path / "other.mp4", 320, 180, 8, 1.0, QColor("white"))
    with pytest.raises(NotARecipe, match=r"other\.mp4 carries no HappyHorse recipe"):
        restore(foreign, store)
    (tmp_path / "notes.json").write_text("[1, 2]")
    with pytest.raises(NotARecipe):
        restore(tmp_path / "notes.json", store)


def test_frame_encoder_letterboxes_another_shape(tmp_path: Path) -> None:
    tall = QImage(90, 160, QImage.Format.Format_RGB32)
    tall.fill(QColor("yellow"))

    def job() -> QSize:
        encoder = FrameEncoder(tmp_path / "l.mp4", QSize(160, 90), 4, lambda _p: None)
        encoder.push(tall)
        encoder.finish()
        return encoder.size

    assert in_worker(job) == QSize(160, 90)
    assert probe(tmp_path / "l.mp4").width == 160
