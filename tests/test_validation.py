from __future__ import annotations

from pathlib import Path

import pytest
from imagegen import make_image, pad_file

from happyhorse_desktop import validation as v


@pytest.mark.parametrize(
    ("text", "limit", "excess"),
    [
        ("", 5000, 0),
        ("a" * 5000, 5000, 0),
        ("a" * 5001, 5000, 1),
        ("马" * 2500, 2500, 0),
        ("马" * 2501, 2500, 1),
        ("horse 马" + "a" * 2600, 2500, 2607 - 2500),  # any Chinese switches to the lower limit
        ("🐴" * 5001, 5000, 1),  # emoji are not Chinese
    ],
)
def test_prompt_limits(text: str, limit: int, excess: int) -> None:
    check = v.check_prompt(text)
    assert check.limit == limit
    assert check.excess == excess
    assert (check.message is None) == (excess == 0)
    if excess:  # "The last character" for one, "the last 107 characters" for more (a plural form)
        said = "last character" if excess == 1 else f"last {excess} characters"
        assert said in (check.message or "")


@pytest.mark.parametrize(
    ("value", "ok"),
    [(2, False), (3, True), (5, True), (15, True), (16, False), (True, False), ("5", False), (5.0, False)],
)
def test_duration_bounds(value: object, ok: bool) -> None:
    assert (v.check_duration(value) is None) == ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (None, True),
        (0, False),
        (1, True),
        (2_147_483_647, True),
        (2_147_483_648, False),
        (-5, False),
        ("7", False),
    ],
)
def test_seed_bounds(value: object, ok: bool) -> None:
    assert (v.check_seed(value) is None) == ok


def test_quality_and_model() -> None:
    assert v.check_quality("720p") is None and v.check_quality("1080p") is None
    assert "720p" in (v.check_quality("4k") or "")
    assert v.check_model("happyhorse-1.0-image-to-video") is None
    assert v.check_model("happyhorse-1.1-image-to-video") is None
    assert "Unknown model" in (v.check_model("sora") or "")


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("https://hooks.example.com/done", None),
        ("http://hooks.example.com/done", "https"),
        ("https://127.0.0.1/x", "private or local"),
        ("https://localhost/x", "private or local"),
        ("https://10.1.2.3/x", "private or local"),
        ("https://172.16.0.1/x", "private or local"),
        ("https://172.31.255.255/x", "private or local"),
        ("https://172.32.0.1/x", None),
        ("https://192.168.1.1/x", "private or local"),
        ("https://169.254.1.1/x", "private or local"),
        ("https://[::1]/x", "private or local"),
        ("https://[::ffff:10.0.0.1]/x", "private or local"),
        ("https://[fe80::1]/x", "private or local"),
        ("https://8.8.8.8/x", None),
        ("https:///nohost", "no host"),
        ("https://example.com/" + "a" * (2048 - len("https://example.com/")), None),
        ("https://example.com/" + "a" * (2049 - len("https://example.com/")), "2048"),
    ],
)
def test_callback_url(url: str, fragment: str | None) -> None:
    result = v.check_callback_url(url)
    if fragment is None:
        assert result is None
    else:
        assert result is not None and fragment in result


def test_image_url() -> None:
    assert v.check_image_url("https://cdn.example.com/a.png") is None
    assert v.check_image_url("http://cdn.example.com/a.png") is None
    assert "http" in (v.check_image_url("ftp://x/a.png") or "")
    assert "http" in (v.check_image_url("/local/file.png") or "")


@pytest.mark.parametrize("suffix", ["jpg", "png", "webp"])
def test_accepted_formats(tmp_path: Path, suffix: str) -> None:
    check = v.check_image_file(make_image(tmp_path / f"ok.{suffix}"))
    assert check.ok, check.problems
    assert check.info is not None and check.info.mime_type is not None


def test_format_is_decided_by_content(tmp_path: Path) -> None:
    png_named_jpg = tmp_path / "really-png.jpg"
    make_image(tmp_path / "x.png").rename(png_named_jpg)
    check = v.check_image_file(png_named_jpg)
    assert check.ok and check.info and check.info.format == "png"
    text = tmp_path / "notes.png"
    text.write_text("this is not an image at all")
    assert "not an image" in v.check_image_file(text).problems[0]


def test_bmp_is_refused_with_reason(tmp_path: Path) -> None:
    check = v.check_image_file(make_image(tmp_path / "a.bmp"))
    assert check.problems == ["BMP images are not accepted; use JPEG, PNG or WEBP."]


@pytest.mark.parametrize(
    ("w", "h", "fragment"),
    [
        (299, 600, "at least 300"),
        (600, 299, "at least 300"),
        (300, 300, None),
        (750, 300, None),  # exactly 2.5:1
        (300, 750, None),  # exactly 1:2.5
        (753, 300, "aspect"),
        (300, 753, "aspect"),
    ],
)
def test_dimensions_and_aspect(tmp_path: Path, w: int, h: int, fragment: str | None) -> None:
    check = v.check_image_file(make_image(tmp_path / "i.png", w, h))
    if fragment is None:
        assert check.ok, check.problems
    else:
        assert any(fragment in p for p in check.problems), check.problems


def test_size_limit_is_exact(tmp_path: Path) -> None:
    at_limit = pad_file(make_image(tmp_path / "a.jpg"), v.IMAGE_MAX_BYTES)
    assert v.check_image_file(at_limit).ok
    over = pad_file(make_image(tmp_path / "b.jpg"), v.IMAGE_MAX_BYTES + 1)
    assert any("limit is 10 MB" in p for p in v.check_image_file(over).problems)


def test_empty_missing_and_corrupt(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    assert "empty" in v.check_image_file(empty).problems[0]
    assert "does not exist" in v.check_image_file(tmp_path / "gone.png").problems[0]
    good = make_image(tmp_path / "good.png").read_bytes()
    truncated = tmp_path / "trunc.png"
    truncated.write_bytes(good[:20])
    assert not v.check_image_file(truncated).ok


def test_bytes_check_matches_file_check(tmp_path: Path) -> None:
    path = make_image(tmp_path / "a.webp", 500, 400)
    from_bytes = v.check_image_bytes(path.read_bytes())
    assert from_bytes.ok and from_bytes.info == v.check_image_file(path).info
    assert not v.check_image_bytes(b"").ok
