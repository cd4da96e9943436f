"""Takes before they are queued: a CSV file read row by row, pictures × prompts × seeds, each take
checked on its own, and the one-click fix applied to every picture that needs it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from imagegen import make_image
from PySide6.QtGui import QImageReader

from happyhorse_desktop.tasks.takes import (
    Defaults,
    check,
    compose,
    fill,
    fix_all,
    images_in,
    parse_seeds,
    parse_variables,
    prompt_blocks,
)
from happyhorse_desktop.tasks.takes_csv import CsvError, read_csv

DEFAULTS = Defaults(model="happyhorse-1.1-image-to-video", quality="1080p", duration=4)


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_reads_paths_urls_and_defaults_and_ignores_unknown_columns(tmp_path: Path) -> None:
    make_image(tmp_path / "pics" / "a.png")
    csv_file = write_csv(
        tmp_path / "takes.csv",
        "Prompt,IMAGE,notes,seed,duration,quality,model\n"
        "a horse,pics/a.png,ignore me,7,,,\n"
        '"commas, and ""quotes""",https://cdn.example/b.jpg,,,,720p,happyhorse-1.0-image-to-video\n'
        "\n"
        ",pics/a.png,,,9,,\n",
    )
    drafts = read_csv(csv_file, DEFAULTS)
    check(drafts)
    assert [d.origin for d in drafts] == ["row 2", "row 3", "row 5"]
    first, second, third = (d.params for d in drafts)
    assert first.image == str(tmp_path / "pics" / "a.png") and first.prompt == "a horse"
    assert (first.seed, first.duration, first.quality, first.model) == (7, 4, "1080p", DEFAULTS.model)
    assert second.image == "https://cdn.example/b.jpg" and second.prompt == 'commas, and "quotes"'
    assert (second.seed, second.quality, second.model) == (None, "720p", "happyhorse-1.0-image-to-video")
    assert third.prompt == "" and third.duration == 9
    assert all(d.ok for d in drafts), [d.problems for d in drafts]


def test_every_bad_row_says_exactly_why(tmp_path: Path) -> None:
    make_image(tmp_path / "small.png", 200, 250)
    make_image(tmp_path / "good.png")
    csv_file = write_csv(
        tmp_path / "takes.csv",
        "image,prompt,duration,seed,quality,model\n"
        "good.png,fine,5,1,,\n"
        "small.png,too small,5,2,,\n"
        "missing.png,gone,5,3,,\n"
        "good.png,long,20,4,,\n"
        "good.png,odd seed,5,four,,\n"
        ",no picture,5,5,,\n"
        "good.png,wrong quality,5,6,4k,\n"
        "good.png,wrong model,5,7,,sora\n",
    )
    drafts = read_csv(csv_file, Defaults())
    check(drafts)
    lines = [d.describe() for d in drafts if not d.ok]
    assert drafts[0].ok and len(lines) == 7
    expected = [
        "row 3: The image is 200×250 px; each side must be at least 300 px.",
        "row 4: The file 'missing.png' does not exist",
        "row 5: Duration must be between 3 and 15 seconds, not 20.",
        "row 6: the seed must be a whole number, not 'four'",
        "row 7: no image (the “image” cell is empty)",
        "row 8: Quality must be one of 720p, 1080p, not '4k'.",
        "row 9: Unknown model 'sora'",
    ]
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), line


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "empty", id="empty"),
        pytest.param("seed,notes\n1,hello\n", "including “image”, “prompt” or “video”", id="no-input-column"),
        pytest.param("image,prompt\n", "no takes", id="header-only"),
    ],
)
def test_a_file_that_is_no_batch_is_refused_whole(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CsvError, match=message):
        read_csv(write_csv(tmp_path / "x.csv", text), Defaults())


def test_a_file_that_is_not_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xff\xfe\x00image\x00")
    with pytest.raises(CsvError, match="UTF-8"):
        read_csv(path, Defaults())


def test_prompts_variables_and_seeds_make_every_combination(tmp_path: Path) -> None:
    prompts = prompt_blocks("A {animal} runs at {time}\n\nA calm lake\n\n\n")
    variables = parse_variables("animal = horse | zebra\ntime = dawn|dusk\n")
    filled = [p for block in prompts for p in fill(block, variables)]
    assert filled == [
        "A horse runs at dawn",
        "A horse runs at dusk",
        "A zebra runs at dawn",
        "A zebra runs at dusk",
        "A calm lake",
    ]
    images = [str(make_image(tmp_path / f"{n}.png")) for n in "ab"]
    fixed = compose(images, filled, DEFAULTS, seeds=parse_seeds("1, 5-6"))
    assert len(fixed) == 2 * 5 * 3 and [d.params.seed for d in fixed[:3]] == [1, 5, 6]
    random_seeds = compose(images, ["x"], DEFAULTS, seeds_each=4, rng=random.Random(3))
    assert len(random_seeds) == 8 and len({d.params.seed for d in random_seeds}) == 8
    assert {d.params.duration for d in fixed} == {4} and fixed[0].origin == "#1"
    assert images_in(tmp_path) == sorted(images)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(lambda: fill("a {who}", {}), "no values", id="variable-without-values"),
        pytest.param(lambda: parse_variables("just words"), "Line 1", id="not-a-variable"),
        pytest.param(lambda: parse_seeds("1, x"), "'x'", id="not-a-seed"),
    ],
)
def test_composer_input_errors_name_the_problem(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        call()


def test_one_click_fixes_every_fixable_picture_and_leaves_the_rest(tmp_path: Path) -> None:
    wide = make_image(tmp_path / "wide.png", 1600, 400)
    tiny = make_image(tmp_path / "tiny.png", 100, 100)
    before = wide.read_bytes()
    drafts = compose([str(wide), str(wide), str(tiny)], ["p"], Defaults(), seeds=[1])
    check(drafts)
    assert [d.fixable for d in drafts] == [True, True, False]
    failures = fix_all(drafts, tmp_path / "cache")
    assert failures == []
    assert drafts[0].ok and drafts[1].ok and not drafts[2].ok  # too small: a fix would only blur it
    fixed = Path(drafts[0].params.image)
    assert fixed.parent == tmp_path / "cache" and drafts[1].params.image == str(fixed)  # fixed once
    size = QImageReader(str(fixed)).size()
    assert size.width() / size.height() == pytest.approx(2.5, abs=0.01)
    assert wide.read_bytes() == before
