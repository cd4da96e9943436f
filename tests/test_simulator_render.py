"""Demo results rendered from each task's own input, decoded back with Qt Multimedia."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtGui import QColor, QImage
from test_simulator_routes import client_for, uploaded_url, wait_status
from videogen import decode_frames, make_video, solid_png

from happyhorse_desktop.mp4probe import probe_video
from happyhorse_desktop.sandbox import EvoLinkSimulator, RenderSettings

MAGENTA, TEAL = QColor(220, 30, 200), QColor(20, 170, 160)


@pytest.fixture
def small_sim() -> Iterator[EvoLinkSimulator]:
    with EvoLinkSimulator(task_seconds=0.2, render=RenderSettings.small()) as simulator:
        yield simulator


def picture(tmp_path: Path, name: str, color: QColor, width: int = 800, height: int = 450) -> Path:
    path = tmp_path / name
    path.write_bytes(solid_png(color, width, height, stripe=QColor("white")))
    return path


def result_of(client: httpx.Client, body: dict[str, Any], tmp_path: Path) -> Path:
    created = client.post("/v1/videos/generations", json=body)
    assert created.status_code == 200, created.text
    done = wait_status(client, created.json()["id"], "completed", timeout=60)
    video = tmp_path / f"{done['id']}.mp4"
    video.write_bytes(client.get(done["results"][0]).content)
    return video


def centre(image: QImage) -> QColor:
    return image.pixelColor(image.width() // 2, image.height() // 2)


def close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_two_tasks_get_different_videos_made_from_their_pictures(
    small_sim: EvoLinkSimulator, tmp_path: Path
) -> None:
    with client_for(small_sim) as client:
        url = uploaded_url(client, picture(tmp_path, "p.png", MAGENTA), "image/png")
        body = {"model": "happyhorse-1.0-image-to-video", "image_urls": [url], "duration": 3}
        first = result_of(client, body | {"seed": 1}, tmp_path)
        second = result_of(client, body | {"seed": 2}, tmp_path)
        again = result_of(client, body | {"seed": 1}, tmp_path)
    assert first.read_bytes() != second.read_bytes()
    _, _, frames_1 = decode_frames(first)
    _, _, frames_2 = decode_frames(second)
    _, _, frames_again = decode_frames(again)
    assert frames_1 and frames_2
    last_1, last_2 = frames_1[-1], frames_2[-1]
    assert last_1 != last_2  # the seed moves the camera differently
    assert frames_again[-1] == last_1  # and a fixed seed repeats the move
    for frame in (frames_1[0], last_1, last_2):
        assert close(centre(frame), MAGENTA), centre(frame).name()  # the frames are the picture
    assert small_sim.renderer is not None and small_sim.renderer.rendered == 3


def test_a_demo_video_decodes_at_the_requested_resolution_and_duration(tmp_path: Path) -> None:
    with EvoLinkSimulator(task_seconds=0.2, render=RenderSettings.demo()) as sim, client_for(sim) as client:
        url = uploaded_url(client, picture(tmp_path, "wide.png", TEAL, 1600, 900), "image/png")
        wide = result_of(
            client, {"model": "happyhorse-1.1-image-to-video", "image_urls": [url], "duration": 3}, tmp_path
        )
        tall = result_of(
            client,
            {
                "model": "happyhorse-1.1-text-to-video",
                "prompt": "a quiet lake",
                "seed": 1,  # its colours follow the seed: a random one can come out near teal
                "duration": 3,
                "aspect_ratio": "9:16",
                "quality": "1080p",
            },
            tmp_path,
        )
    duration, size, frames = decode_frames(wide)
    assert (duration, size) == (3000, (1280, 720))
    assert len(frames) == 72 and close(centre(frames[0]), TEAL)
    duration, size, frames = decode_frames(tall)
    assert (duration, size) == (3000, (1080, 1920))
    assert not close(centre(frames[0]), TEAL)  # text-to-video draws its own picture
    facts = probe_video(wide)
    assert facts is not None and (facts.fps, facts.codec) == (24.0, "mpeg4")


def test_reference_and_edit_results_come_from_their_inputs(
    small_sim: EvoLinkSimulator, tmp_path: Path
) -> None:
    source = make_video(tmp_path / "source.mp4", 640, 360, 12, 3.5, TEAL)
    with client_for(small_sim) as client:
        first = uploaded_url(client, picture(tmp_path, "c1.png", MAGENTA), "image/png")
        second = uploaded_url(client, picture(tmp_path, "c2.png", TEAL), "image/png")
        reference = result_of(
            client,
            {
                "model": "happyhorse-1.1-reference-to-video",
                "prompt": "character1 and character2",
                "image_urls": [first, second],
                "duration": 3,
            },
            tmp_path,
        )
        video_url = uploaded_url(client, source, "video/mp4")
        edited = result_of(
            client,
            {"model": "happyhorse-1.0-video-edit", "prompt": "snow", "video_urls": [video_url]},
            tmp_path,
        )
    _, _, frames = decode_frames(reference)
    assert close(centre(frames[0]), MAGENTA)  # the first reference leads
    duration, size, frames = decode_frames(edited)
    assert size == (160, 90) and duration == 2000  # the small setting caps the length at 2 s
    # the edit look: the source colour inverted, then warmed
    inverted = QColor(255 - TEAL.red(), 255 - TEAL.green(), 255 - TEAL.blue())
    warm = QColor(inverted.red(), inverted.green() * 190 // 255, inverted.blue() * 120 // 255)
    assert close(centre(frames[0]), warm), (centre(frames[0]).name(), warm.name())


def test_a_result_asked_for_before_its_render_ends_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from happyhorse_desktop.sandbox import render

    real_render = render.render

    def slow_render(job: Any) -> bool:
        time.sleep(1.0)
        return real_render(job)

    monkeypatch.setattr(render, "render", slow_render)
    with EvoLinkSimulator(task_seconds=0.05, render=RenderSettings.small()) as sim, client_for(sim) as client:
        body = {"model": "happyhorse-1.0-text-to-video", "prompt": "waiting", "duration": 3}
        started = time.monotonic()
        video = result_of(client, body, tmp_path)
        waited = time.monotonic() - started
    facts = probe_video(video)
    assert facts is not None and (facts.width, facts.height) == (160, 90)  # the rendered one, not the sample
    assert waited >= 1.0


def test_without_render_every_task_gets_the_fixed_sample(sim: EvoLinkSimulator, tmp_path: Path) -> None:
    with client_for(sim) as client:
        body = {"model": "happyhorse-1.0-text-to-video", "prompt": "a"}
        videos = [result_of(client, body, tmp_path).read_bytes() for _ in range(2)]
    assert videos == [sim.result_bytes, sim.result_bytes] and sim.renderer is None


def _python(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env, check=False
    )


def test_without_a_gui_application_results_fall_back_to_the_sample() -> None:
    """A console process cannot paint: the simulator serves the sample, and says so only in the debug log
    (the CLI's console is not the place; its demo creates the GUI application it needs)."""
    done = _python(
        "from happyhorse_desktop.sandbox import EvoLinkSimulator, RenderSettings\n"
        "sim = EvoLinkSimulator(render=RenderSettings.small()).start()\n"
        "print('renderer', sim.renderer)\n"
        "sim.stop()\n"
    )
    assert done.returncode == 0, done.stderr
    assert "renderer None" in done.stdout and "fixed sample video" not in done.stderr


def test_the_standalone_simulator_renders_with_render_flag(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "happyhorse_desktop.sandbox", "--render", "--task-seconds", "0.2"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        try:
            assert process.stdout is not None
            base = process.stdout.readline().split()[-1]
            with httpx.Client(base_url=base, headers={"Authorization": "Bearer sk-x"}, timeout=30) as client:
                body = {"model": "happyhorse-1.1-text-to-video", "prompt": "standalone", "duration": 3}
                video = result_of(client, body, tmp_path)
        finally:
            process.terminate()
    facts = probe_video(video)
    assert facts is not None and (facts.width, facts.height, facts.duration) == (1280, 720, 3.0)
