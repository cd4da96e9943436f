"""One-click fixes produce images that pass validation, and never touch the original."""

from __future__ import annotations

from pathlib import Path

import pytest
from imagegen import make_image, pad_file, write_exif_rotated_jpeg, write_gif
from PySide6.QtGui import QColor, QImage

from happyhorse_desktop import validation as v
from happyhorse_desktop.imagefix import AspectMode, FixError, fix_image, propose_fixes, save_pasted_image


def exif_rotated_jpeg(path: Path) -> Path:
    return write_exif_rotated_jpeg(path)


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: make_image(d / "a.bmp"), "BMP"),
        (lambda d: make_image(d / "a.tif", fmt="TIFF"), "TIFF"),
        (lambda d: write_gif(d / "a.gif"), "GIF"),
        (lambda d: write_gif(d / "anim.gif", frames=3), "animated"),
        (lambda d: exif_rotated_jpeg(d / "r.jpg"), "rotation tag"),
        (lambda d: pad_file(make_image(d / "big.jpg"), v.IMAGE_MAX_BYTES + 5), "10 MB"),
        (lambda d: make_image(d / "huge.png", 9000, 4000), "largest side"),
    ],
)
def test_convert_fix(tmp_path: Path, make, fragment: str) -> None:  # type: ignore[no-untyped-def]
    source = make(tmp_path)
    before = source.read_bytes()
    check = v.check_image_file(source)
    assert any(fragment in p for p in check.problems), check.problems
    options = propose_fixes(check)
    assert [o.aspect for o in options] == [AspectMode.NONE]
    fixed = fix_image(source, AspectMode.NONE, tmp_path / "cache")
    result = v.check_image_file(fixed)
    assert result.ok, result.problems
    assert source.read_bytes() == before
    assert fixed.parent == tmp_path / "cache"


def test_exif_rotation_is_baked_in(tmp_path: Path) -> None:
    source = exif_rotated_jpeg(tmp_path / "r.jpg")
    info = v.check_image_file(source).info
    assert info is not None and info.rotated and (info.width, info.height) == (800, 400)
    fixed = v.check_image_file(fix_image(source, AspectMode.NONE, tmp_path))
    assert fixed.info is not None and not fixed.info.rotated
    assert (fixed.info.width, fixed.info.height) == (800, 400)


@pytest.mark.parametrize(("w", "h"), [(2000, 300), (300, 2000), (1200, 400)])
@pytest.mark.parametrize("mode", [AspectMode.PAD, AspectMode.CROP])
def test_aspect_fixes_reach_the_nearest_legal_ratio(tmp_path: Path, w: int, h: int, mode: AspectMode) -> None:
    source = make_image(tmp_path / "wide.png", w, h)
    check = v.check_image_file(source)
    assert [o.aspect for o in propose_fixes(check)] == [AspectMode.PAD, AspectMode.CROP]
    fixed = v.check_image_file(fix_image(source, mode, tmp_path / "c"))
    assert fixed.ok, fixed.problems
    ratio = fixed.info.width / fixed.info.height  # type: ignore[union-attr]
    assert ratio == pytest.approx(2.5 if w > h else 0.4, abs=0.01)


def test_too_small_is_not_fixable(tmp_path: Path) -> None:
    check = v.check_image_file(make_image(tmp_path / "s.png", 200, 200))
    assert not check.ok and propose_fixes(check) == []


def test_crop_that_would_go_under_300px_is_refused(tmp_path: Path) -> None:
    source = make_image(tmp_path / "tall.png", 300, 1000)
    # cropping keeps 300 wide and cuts the height to 750: still legal
    assert v.check_image_file(fix_image(source, AspectMode.CROP, tmp_path)).ok
    with pytest.raises(FixError):
        fix_image(tmp_path / "missing.png", AspectMode.PAD, tmp_path)


def test_pasted_image_is_content_addressed(tmp_path: Path) -> None:
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    first = save_pasted_image(image, tmp_path)
    assert save_pasted_image(image, tmp_path) == first
    assert v.check_image_file(first).ok
