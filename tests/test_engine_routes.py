"""The engine sends every route: what it uploads, what it POSTs (and leaves out), what it records — and a
video to edit is streamed from disk, checked again before it leaves, and never sent if it changed."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from enginekit import running_engine, settle
from imagegen import make_image
from kit import run
from PySide6.QtGui import QColor
from videogen import fake_video, make_video

from happyhorse_desktop.pricing import estimate_raw_credits
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.status import TaskStatus

EDIT = "happyhorse-1.0-video-edit"
UPLOADS = "/api/v1/files/upload/stream"
POSTS = "/v1/videos/generations"


def only_task(sim: EvoLinkSimulator):  # type: ignore[no-untyped-def]
    (task,) = sim.tasks.values()
    return task


def test_text_to_video_sends_its_aspect_ratio_and_no_picture(sim_env: EvoLinkSimulator) -> None:
    params = SubmitParams(
        model="happyhorse-1.1-text-to-video", prompt="a horse on a beach", aspect_ratio="21:9", duration=4
    )

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await settle(engine, (await engine.manager.submit(params)).id)
            assert record.video_path and record.image_sources == [] and record.aspect_ratio == "21:9"
            assert record.credits_reserved == estimate_raw_credits(params.model, "720p", 4)

    run(scenario())
    task = only_task(sim_env)
    assert (task.model, task.aspect_ratio, task.duration, task.image_urls) == (params.model, "21:9", 4, ())
    assert sim_env.count("POST", UPLOADS) == 0


def test_reference_to_video_uploads_each_picture_in_order(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    horse = make_image(tmp_path / "horse.png", 640, 480)
    rider = make_image(tmp_path / "rider.jpg", 480, 640)
    params = SubmitParams(
        model="happyhorse-1.0-reference-to-video",
        images=(str(horse), str(rider)),
        prompt="character2 rides character1 along the shore",
        aspect_ratio="1:1",
    )

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await settle(engine, (await engine.manager.submit(params)).id)
            assert record.video_path and len(record.image_urls) == 2

    run(scenario())
    task = only_task(sim_env)
    assert len(task.image_urls) == 2 and task.image_urls[0] != task.image_urls[1]
    assert task.image_urls[0].endswith("horse.png") and task.image_urls[1].endswith("rider.jpg")
    assert sim_env.count("POST", UPLOADS) == 2


def test_a_video_edit_uploads_the_video_and_is_billed_on_its_length(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    source = make_video(tmp_path / "clip.mp4", 640, 360, 12, 4.0, QColor(200, 60, 40))
    params = SubmitParams(model=EDIT, prompt="make it snow", video=str(source), keep_original_sound=True)

    async def scenario() -> None:
        async with running_engine() as engine:
            first = await settle(engine, (await engine.manager.submit(params)).id)
            assert first.video_path and first.video_url and first.input_seconds == pytest.approx(4.0)
            assert first.duration == 4  # the result is as long as the kept source
            assert first.credits_reserved == estimate_raw_credits(EDIT, "720p", 4.0)
            again = await settle(engine, (await engine.manager.submit(params)).id)
            assert again.video_url == first.video_url  # the same bytes are not uploaded twice

    run(scenario())
    assert sim_env.count("POST", UPLOADS) == 1 and sim_env.count("POST", POSTS) == 2
    task = next(iter(sim_env.tasks.values()))
    assert task.keep_original_sound and task.input_seconds == pytest.approx(4.0)


def test_a_large_video_is_streamed_not_held_in_memory(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    """60 MB of video go out in 1 MB pieces: Python's memory (client and simulator together, one
    process) stays a few megabytes above where it started."""
    source = fake_video(tmp_path / "big.mp4", seconds=6.0, total_bytes=60 * 1024 * 1024)
    params = SubmitParams(model=EDIT, prompt="night", video=str(source), input_seconds=6.0, duration=6)
    progress: list[tuple[int, int]] = []

    async def scenario() -> None:
        async with running_engine() as engine:
            engine.manager.sig_upload_progress.connect(lambda _i, sent, total: progress.append((sent, total)))
            tracemalloc.start()
            try:
                record = await engine.manager.submit(params)
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            assert record.server_id, record.error_message
            assert peak < 12 * 1024 * 1024, f"the submission peaked at {peak / 1e6:.1f} MB"

    run(scenario(), timeout=60)
    size = source.stat().st_size
    assert progress[-1] == (size, size) and len(progress) >= 60
    stored = next(iter(sim_env.media.files.values()))
    assert stored.size == size and stored.mime == "video/mp4"


def test_a_video_that_changes_while_it_uploads_is_not_sent(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    source = fake_video(tmp_path / "growing.mp4", seconds=6.0, total_bytes=8 * 1024 * 1024)
    params = SubmitParams(model=EDIT, prompt="rain", video=str(source), input_seconds=6.0, duration=6)

    def grow(_task: int, sent: int, _total: int) -> None:
        if sent and source.stat().st_size < 9 * 1024 * 1024:
            with source.open("ab") as fh:  # another program writes on while the upload reads
                fh.write(b"\0" * (1024 * 1024))

    async def scenario() -> None:
        async with running_engine() as engine:
            engine.manager.sig_upload_progress.connect(grow)
            record = await engine.manager.submit(params)
            assert record.status == TaskStatus.REJECTED
            assert "changed while it was being uploaded" in (record.error_message or "")

    run(scenario())
    assert sim_env.count("POST", POSTS) == 0


@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        pytest.param({"seconds": 70.0}, "it must last 3 to 60 s", id="70-seconds"),
        pytest.param({"fps": 5.0}, "it needs more than 8", id="5-fps"),
        pytest.param({"width": 3840, "height": 2160}, "long side must be at most 2160", id="4k"),
    ],
)
def test_an_out_of_spec_video_is_refused_before_anything_is_sent(
    sim_env: EvoLinkSimulator, tmp_path: Path, facts: dict[str, float], reason: str
) -> None:
    """Even when the window or CLI was bypassed, the uploader checks the file again: nothing uploaded,
    nothing POSTed, nothing charged."""
    source = fake_video(tmp_path / "bad.mp4", **facts)  # type: ignore[arg-type]
    params = SubmitParams(model=EDIT, prompt="x", video=str(source))

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await engine.manager.submit(params)
            assert record.status == TaskStatus.REJECTED and reason in (record.error_message or "")

    run(scenario())
    assert sim_env.count("POST", UPLOADS) == 0 and sim_env.count("POST", POSTS) == 0
