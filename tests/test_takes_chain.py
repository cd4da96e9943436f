"""Continue from the last frame, chains and stitching, on real clips rendered by the simulator."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import takeskit
from enginekit import running_engine, settle
from kit import run
from PySide6.QtGui import QImage
from takeskit import CLIPS, finished_take, mean_difference, picture, probe, rgb_frames, rgb_of

from happyhorse_desktop.media.progress import Cancelled, MediaError, Progress
from happyhorse_desktop.media.tags import read_recipe
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.chains import chain_of, prepare_continuation, stitch_takes, summary

clip_sim = takeskit.clip_sim  # the fixture: the simulator rendering real clips


def uploaded_bytes(sim: EvoLinkSimulator, sha256: str) -> bytes:
    for stored in sim.media.files.values():
        data = stored.path.read_bytes()
        if hashlib.sha256(data).hexdigest() == sha256:
            return data
    raise AssertionError("the simulator received no such upload")


def test_a_continuation_starts_from_a_frame_near_the_end_of_its_parent(
    clip_sim: EvoLinkSimulator, tmp_path: Path
) -> None:
    async def scenario() -> tuple[object, object, object]:
        async with running_engine() as engine:
            parent = await finished_take(engine, picture(tmp_path), duration=3, seed=11)
            continuation = await prepare_continuation(engine.store, parent.id)
            child = await engine.manager.submit(continuation.params)
            child = await settle(engine, child.id, timeout=60)
            return parent, child, continuation

    parent, child, continuation = run(scenario(), timeout=120)
    assert child.parent_id == parent.id and child.video_path
    assert (child.quality, child.duration, child.prompt) == (parent.quality, parent.duration, parent.prompt)
    assert continuation.frame.path == Path(parent.video_path).with_name(
        Path(parent.video_path).stem + ".last-frame.png"
    )
    # What was uploaded is exactly the PNG kept beside the parent's video...
    sent = uploaded_bytes(clip_sim, child.image_sha256)
    assert sent == continuation.frame.path.read_bytes()
    # ...and it is one of the parent's frames from its last half second, as ffmpeg decodes them.
    image = QImage.fromData(sent)
    info = probe(Path(parent.video_path))
    frames = rgb_frames(Path(parent.video_path), info.width, info.height)
    differences = [mean_difference(rgb_of(image), frame) for frame in frames]
    best = min(range(len(frames)), key=differences.__getitem__)
    tail = round(0.5 * CLIPS.fps)
    assert best >= len(frames) - tail - 1, (best, len(frames))
    assert differences[best] < 4.0, differences[best]
    assert differences[best] < min(differences[: len(frames) // 2]) / 3  # and unlike the start


def test_a_chain_stitches_to_the_sum_of_its_parts_minus_the_repeated_frames(
    clip_sim: EvoLinkSimulator, tmp_path: Path
) -> None:
    async def scenario() -> tuple[list[object], object, object, object]:
        async with running_engine() as engine:
            first = await finished_take(engine, picture(tmp_path), duration=3, seed=5)
            records = [first]
            for _ in range(2):
                continuation = await prepare_continuation(engine.store, records[-1].id)
                nxt = await engine.manager.submit(continuation.params)
                records.append(await settle(engine, nxt.id, timeout=60))
            chain = chain_of(engine.store, records[1].id)
            lossless = await stitch_takes(chain, tmp_path / "out" / "chain.mp4", Progress())
            reencoded = await stitch_takes(chain, tmp_path / "out" / "again.mp4", Progress(), reencode=True)
            return chain, summary(chain), lossless, reencoded

    (tmp_path / "out").mkdir()
    chain, total, lossless, reencoded = run(scenario(), timeout=180)
    assert [r.id for r in chain] == sorted(r.id for r in chain) and len(chain) == 3
    assert total.takes == 3 and total.seconds == 9.0 and total.credits > 0
    parts = [probe(Path(r.video_path)) for r in chain]
    frame = 1 / CLIPS.fps
    expected_frames = sum(p.frames for p in parts) - 2  # two continuations, one repeated frame each
    expected_seconds = sum(p.duration for p in parts) - 2 * frame
    for result, name in ((lossless, "chain.mp4"), (reencoded, "again.mp4")):
        stitched = probe(tmp_path / "out" / name)
        assert stitched.frames == expected_frames, (name, stitched.frames, expected_frames)
        assert stitched.duration == pytest.approx(expected_seconds, abs=0.02), name
        assert result.dropped_frames == 2
    assert lossless.lossless and not reencoded.lossless
    assert probe(tmp_path / "out" / "chain.mp4").codec == parts[0].codec  # copied, not re-encoded
    sidecar = (tmp_path / "out" / "chain.json").read_text()
    assert all(r.server_id in sidecar for r in chain) and '"lossless": true' in sidecar
    assert not list((tmp_path / "out").glob("*.part"))


def test_stitching_never_changes_the_parts_and_a_cancel_leaves_nothing(
    clip_sim: EvoLinkSimulator, tmp_path: Path
) -> None:
    async def scenario() -> list[object]:
        async with running_engine() as engine:
            a = await finished_take(engine, picture(tmp_path), duration=3, seed=1)
            b = await finished_take(engine, picture(tmp_path, "b.png"), duration=3, seed=2)
            return [a, b]

    takes = run(scenario(), timeout=120)
    hashes = [hashlib.sha256(Path(r.video_path).read_bytes()).hexdigest() for r in takes]
    cancelled = Progress()
    cancelled.cancel()
    with pytest.raises(Cancelled):
        run(stitch_takes(takes, tmp_path / "x.mp4", cancelled))
    assert not (tmp_path / "x.mp4").exists() and not list(tmp_path.glob("x.mp4*"))
    result = run(stitch_takes(takes, tmp_path / "y.mp4", Progress()))
    assert result.dropped_frames == 0  # not a chain: nothing repeats
    assert probe(tmp_path / "y.mp4").frames == sum(probe(Path(r.video_path)).frames for r in takes)
    assert [hashlib.sha256(Path(r.video_path).read_bytes()).hexdigest() for r in takes] == hashes
    with pytest.raises(MediaError, match="replace one of its parts"):
        run(stitch_takes(takes, Path(takes[0].video_path), Progress()))


def test_a_saved_video_carries_its_recipe_in_its_own_tags(clip_sim: EvoLinkSimulator, tmp_path: Path) -> None:
    async def scenario() -> object:
        async with running_engine() as engine:
            take = await finished_take(
                engine, picture(tmp_path), prompt="a horse jumps 跳", duration=3, seed=77
            )
            assert await engine.manager.verify_saved_videos() == 0  # the tagged size is the recorded one
            return take

    take = run(scenario(), timeout=90)
    recipe = read_recipe(Path(take.video_path))
    assert recipe is not None
    assert recipe["prompt"] == "a horse jumps 跳" and recipe["seed"] == 77 and recipe["duration"] == 3
    assert (recipe["model"], recipe["quality"], recipe["task_id"]) == (
        take.model,
        take.quality,
        take.server_id,
    )
    assert (
        recipe["image_sha256"]
        == take.image_sha256
        == hashlib.sha256(picture(tmp_path).read_bytes()).hexdigest()
    )
    # Another reader sees them too, and the tagged file still decodes whole.
    tags = probe(Path(take.video_path)).tags
    assert tags.get("description") == "a horse jumps 跳" and take.server_id in tags.get("recipe", "")
    assert probe(Path(take.video_path)).frames == 3 * CLIPS.fps
    assert Path(take.video_path).stat().st_size == take.video_size
