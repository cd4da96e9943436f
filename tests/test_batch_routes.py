"""Batches on every route: a CSV mixing text-, image-, reference-to-video rows and a video edit is read,
checked against each row's route, costed from the one price table, queued and sent — each take with its
own route and parameters, as the simulator received them — from the engine and from ``happyhorse-cli
batch`` in a child process; rows a route does not take are refused naming the cell and the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from enginekit import running_engine
from imagegen import make_image
from kit import run
from processkit import child_env, cli
from PySide6.QtGui import QColor
from queuekit import drained
from videogen import make_video

from happyhorse_desktop.pricing import estimate_credits, estimate_raw_credits
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.sandbox.world import SimTask
from happyhorse_desktop.tasks.takes import Defaults, Draft, check
from happyhorse_desktop.tasks.takes_csv import read_csv

TEXT, IMAGE = "happyhorse-1.1-text-to-video", "happyhorse-1.0-image-to-video"
REFERENCE, EDIT = "happyhorse-1.0-reference-to-video", "happyhorse-1.0-video-edit"
EDIT_SECONDS = 4.0
POSTS = "/v1/videos/generations"


def mixed_batch(folder: Path) -> Path:
    """Four rows, one per kind of route; the header in its own order, with a column the app ignores."""
    make_image(folder / "pics" / "horse.png", 1280, 720)
    make_image(folder / "pics" / "rider.png", 600, 800)
    (folder / "clips").mkdir(parents=True, exist_ok=True)
    make_video(folder / "clips" / "walk.mp4", 640, 360, 12, EDIT_SECONDS, QColor(40, 90, 200))
    path = folder / "mixed.csv"
    path.write_text(
        "model,prompt,image,video,aspect_ratio,duration,seed,quality,keep_original_sound,notes\n"
        f"{TEXT},a horse at dawn,,,9:16,3,11,,,text\n"
        f"{IMAGE},the horse runs,pics/horse.png,,,4,12,,,image\n"
        f'{REFERENCE},"character1 rides character2",pics/rider.png | pics/horse.png,,1:1,3,13,,,ref\n'
        f"{EDIT},autumn leaves,pics/horse.png,clips/walk.mp4,,,14,1080p,yes,edit\n",
        encoding="utf-8",
    )
    return path


def checked(path: Path, defaults: Defaults | None = None) -> list[Draft]:
    drafts = read_csv(path, defaults or Defaults())
    check(drafts)
    return drafts


EXPECTED_CREDITS = [
    estimate_credits(TEXT, "720p", 3),
    estimate_credits(IMAGE, "720p", 4),
    estimate_credits(REFERENCE, "720p", 3),
    estimate_credits(EDIT, "1080p", EDIT_SECONDS),  # billed on the source's seconds, in and out
]


def test_a_csv_mixing_every_route_reads_each_row_on_its_own_route(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    drafts = checked(mixed_batch(tmp_path))
    assert all(d.ok for d in drafts), [d.describe() for d in drafts]
    text, image, reference, edit = (d.params for d in drafts)
    pics = tmp_path / "pics"
    assert (text.model, text.images, text.aspect_ratio, text.duration) == (TEXT, (), "9:16", 3)
    assert (image.images, image.aspect_ratio) == ((str(pics / "horse.png"),), None)
    assert reference.images == (str(pics / "rider.png"), str(pics / "horse.png"))  # character1, character2
    assert reference.aspect_ratio == "1:1"
    assert edit.video == str(tmp_path / "clips" / "walk.mp4") and edit.images == (str(pics / "horse.png"),)
    assert edit.keep_original_sound and edit.quality == "1080p"
    # The video was read before anything is sent: its length sets the result's length and the cost.
    assert edit.input_seconds == pytest.approx(EDIT_SECONDS, abs=0.1) and edit.duration == 4
    assert [d.credits for d in drafts] == pytest.approx(EXPECTED_CREDITS, abs=0.5)
    assert any("H.264 is recommended" in w for w in drafts[3].warnings)  # Qt encodes MPEG-4 Part 2


def test_an_empty_model_cell_takes_the_batchs_route_and_aspect_ratio(tmp_path: Path) -> None:
    path = tmp_path / "prompts.csv"
    path.write_text("prompt\na storm over the sea\na calm lake\n", encoding="utf-8")
    drafts = checked(path, Defaults(model=TEXT, aspect_ratio="21:9", duration=6))
    assert all(d.ok for d in drafts)
    assert {(d.params.model, d.params.aspect_ratio, d.params.duration) for d in drafts} == {(TEXT, "21:9", 6)}
    # HappyHorse 1.0 offers no 21:9: the batch's choice is refused for its rows, not silently changed.
    older = tmp_path / "older.csv"
    older.write_text("prompt,model\na storm,happyhorse-1.0-text-to-video\n", encoding="utf-8")
    (bad,) = checked(older, Defaults(model=TEXT, aspect_ratio="21:9"))
    assert bad.describe() == (
        "row 2: HappyHorse 1.0 does not take the batch's aspect ratio 21:9: write one of 16:9, 9:16, 1:1, "
        "4:3, 3:4 in the “aspect_ratio” cell"
    )


def test_every_cell_a_route_does_not_take_is_refused_with_the_fix(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_image(tmp_path / "a.png", 800, 800)
    make_image(tmp_path / "b.png", 800, 800)
    path = tmp_path / "bad.csv"
    path.write_text(
        "model,prompt,image,video,aspect_ratio,duration,keep_original_sound\n"
        f"{TEXT},a horse,a.png,,,,\n"
        f"{IMAGE},a horse,,,,,\n"
        f"{IMAGE},a horse,a.png|b.png,,,,\n"
        f"{IMAGE},a horse,a.png,,16:9,,\n"
        f"{REFERENCE},character1 meets character3,a.png|b.png,,,,\n"
        f"{REFERENCE},character1,,,,,\n"
        f"{EDIT},snow,,,,,\n"
        f"{EDIT},snow,,https://cdn.example/walk.mp4,,,\n"
        f"{EDIT},snow,,walk.mp4,,5,\n"
        f"{TEXT},a horse,,walk.mp4,,,yes\n"
        f"{TEXT},,,,4:5,,maybe\n"
        "happyhorse-1.0-text-to-video,a horse,,,21:9,,\n",
        encoding="utf-8",
    )
    lines = [d.describe() for d in checked(path)]
    expected = [
        "row 2: Text → Video takes no pictures: empty the “image” cell, or set “model” to a route that "
        "takes them",
        "row 3: no image (the “image” cell is empty): Image → Video starts from a picture",
        "row 4: Image → Video takes one picture, the “image” cell names 2",
        "row 5: Image → Video takes no aspect ratio (the video keeps the shape of its input): empty the "
        "“aspect_ratio” cell",
        "row 6: The prompt names character3, but there are only 2 reference images.",
        "row 7: no pictures (the “image” cell is empty): References → Video needs 1 to 9, separated by “|”",
        "row 8: no video to edit (the “video” cell is empty): give the path of an MP4 or MOV file",
        "row 9: the video to edit must be a local file in a batch",
        "row 10: Edit a video takes no duration (the result is as long as its source video, at most 15 s): "
        "empty the “duration” cell",
        "row 11: Text → Video takes no video: empty the “video” cell, or set “model” to "
        "happyhorse-1.0-video-edit; only “Edit a video” keeps the original sound",
        "row 12: keep_original_sound must be yes or no, not 'maybe'",
        "row 13: The aspect ratio must be one of 16:9, 9:16, 1:1, 4:3, 3:4, not '21:9'.",
    ]
    assert len(lines) == len(expected), lines
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), line
    assert "Text → Video needs a prompt" in lines[10]  # every problem of a row, not only the first


def test_a_mixed_batch_is_queued_and_each_take_sent_on_its_route(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    drafts = checked(mixed_batch(tmp_path))

    async def scenario() -> None:
        async with running_engine() as engine:
            _batch, ids = engine.manager.queue.enqueue([d.params for d in drafts], name="mixed")
            queued = engine.store.get_many(ids)
            edit = queued[3]
            assert edit.input_seconds == pytest.approx(EDIT_SECONDS, abs=0.1)  # the budget counts it
            await drained(engine, timeout=60)
            rows = sorted(engine.store.all(), key=lambda r: r.id)
            assert [r.model for r in rows] == [TEXT, IMAGE, REFERENCE, EDIT]
            assert all(r.video_path and Path(r.video_path).is_file() for r in rows)

    run(scenario(), timeout=90)
    sent = {t.model: t for t in sim_env.tasks.values()}
    assert_received_like_the_csv(sim_env, sent)


def assert_received_like_the_csv(sim_env: EvoLinkSimulator, sent: dict[str, SimTask]) -> None:
    """What the simulator received for the four rows of :func:`mixed_batch`, and what it reserved."""
    assert set(sent) == {TEXT, IMAGE, REFERENCE, EDIT}
    text, image, reference, edit = sent[TEXT], sent[IMAGE], sent[REFERENCE], sent[EDIT]
    assert (text.image_urls, text.aspect_ratio, text.duration, text.seed) == ((), "9:16", 3, 11)
    assert (len(image.image_urls), image.aspect_ratio, image.duration) == (1, None, 4)
    assert (len(reference.image_urls), reference.aspect_ratio, reference.prompt) == (
        2,
        "1:1",
        "character1 rides character2",
    )
    assert edit.video_url and len(edit.image_urls) == 1 and edit.keep_original_sound
    assert edit.input_seconds == pytest.approx(EDIT_SECONDS, abs=0.1)
    bodies = [r.json_body for r in sim_env.requests if r.method == "POST" and r.path == POSTS]
    by_model = {b["model"]: b for b in bodies}
    assert "aspect_ratio" not in by_model[IMAGE] and "duration" not in by_model[EDIT]
    assert "image_urls" not in by_model[TEXT] or by_model[TEXT]["image_urls"] in ([], None)
    for model, quality, seconds in (
        (TEXT, "720p", 3),
        (IMAGE, "720p", 4),
        (REFERENCE, "720p", 3),
        (EDIT, "1080p", edit.input_seconds or 0),
    ):
        assert sent[model].reserved == estimate_raw_credits(model, quality, seconds), model


def test_cli_batch_queues_and_sends_every_route_in_a_child_process(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    path = mixed_batch(tmp_path)
    process = cli(child_env(sim_env, tmp_path), "batch", str(path), "--wait", "--json")
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    takes = json.loads(out)
    assert [t["model"] for t in takes] == [TEXT, IMAGE, REFERENCE, EDIT]
    assert [t["route"]["mode"] for t in takes] == ["text", "image", "reference", "edit"]
    assert all(t["status"] == "completed" and Path(t["video_path"]).is_file() for t in takes)
    total = sum(EXPECTED_CREDITS)  # type: ignore[arg-type]
    assert f"Queued 4 takes as batch 1 “mixed” ({total:,.2f} credits" in err
    assert_received_like_the_csv(sim_env, {t.model: t for t in sim_env.tasks.values()})


def test_cli_batch_refuses_a_file_whose_rows_break_their_routes(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"model,prompt,image\n{TEXT},a horse,\n{TEXT},a horse,x.png\n", encoding="utf-8")
    process = cli(child_env(sim_env, tmp_path), "batch", str(path))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "error: row 3: Text → Video takes no pictures: empty the “image” cell" in err
    assert "Nothing was queued: 1 of 2 rows need fixing." in err
    assert not sim_env.requests


def test_a_tall_reference_picture_is_sent_with_a_warning_not_refused(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    """A reference's shape outside 1:2.5 … 2.5:1 is only a recommendation: the batch warns and sends it
    (the first frame's stricter rule must not refuse it at upload)."""
    make_image(tmp_path / "tall.png", 500, 1300)
    path = tmp_path / "tall.csv"
    path.write_text(f"model,prompt,image\n{REFERENCE},character1 waves,tall.png\n", encoding="utf-8")
    (draft,) = checked(path)
    assert draft.ok and any("EvoLink recommends staying inside it" in w for w in draft.warnings)

    async def scenario() -> None:
        async with running_engine() as engine:
            engine.manager.queue.enqueue([draft.params], name="tall")
            await drained(engine, timeout=30)
            (row,) = engine.store.all()
            assert row.video_path, row.error_message

    run(scenario(), timeout=60)
    (task,) = sim_env.tasks.values()
    assert len(task.image_urls) == 1
