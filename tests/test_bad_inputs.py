"""A corpus of bad pictures, generated here: each is refused with its exact reason or fixed by the
one-click fix; none crashes, hangs, or reaches the server invalid."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from enginekit import params, running_engine
from imagegen import make_image, pad_file, write_animated_webp, write_exif_rotated_jpeg, write_gif
from kit import run
from PySide6.QtGui import QImage

from happyhorse_desktop import validation as v
from happyhorse_desktop.imagefix import AspectMode, fix_image, propose_fixes
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.params import InvalidSubmission
from happyhorse_desktop.tasks.status import TaskStatus


def png_bomb(path: Path, side: int = 20000) -> Path:
    """A 20000×20000 PNG of a few hundred KB: a decompression bomb if anyone decoded it whole."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x00" * side  # filter byte + one grey byte per pixel
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )
    return path


def cmyk_jpeg(path: Path) -> Path:
    image = QImage(640, 480, QImage.Format.Format_CMYK8888)
    image.fill(0)
    assert image.save(str(path), "JPEG")
    return path


def truncated(path: Path) -> Path:
    data = make_image(path, 800, 600, "JPEG").read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def text_named_png(path: Path) -> Path:
    path.write_text("not really a picture\n")
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


Maker = Callable[[Path], Path]
REFUSED: list[tuple[str, Maker, str]] = [
    ("too small", lambda d: make_image(d / "small.png", 299, 400), "at least 300 px"),
    ("truncated JPEG", lambda d: truncated(d / "cut.jpg"), "cut off"),
    ("text named .png", lambda d: text_named_png(d / "notes.png"), "not an image"),
    ("0 bytes", lambda d: empty(d / "empty.jpg"), "empty (0 bytes)"),
    ("decompression bomb", lambda d: png_bomb(d / "bomb.png"), "decompression bomb"),
    (
        "spaces and non-ASCII path, too small",
        lambda d: make_image(d / "mon image é 😀.png", 100, 100),
        "at least 300 px",
    ),
]
FIXABLE: list[tuple[str, Maker, str, AspectMode]] = [
    (
        "too large in bytes",
        lambda d: pad_file(make_image(d / "big.jpg"), v.IMAGE_MAX_BYTES + 1),
        "10 MB",
        AspectMode.NONE,
    ),
    (
        "too large in pixels",
        lambda d: make_image(d / "huge.png", 9000, 4000),
        "largest side",
        AspectMode.NONE,
    ),
    ("extreme aspect", lambda d: make_image(d / "banner.png", 3000, 300), "aspect ratio", AspectMode.PAD),
    ("GIF", lambda d: write_gif(d / "a.gif"), "GIF images are not accepted", AspectMode.NONE),
    ("animated GIF", lambda d: write_gif(d / "anim.gif", frames=4), "animated", AspectMode.NONE),
    ("animated WEBP", lambda d: write_animated_webp(d / "anim.webp"), "animated", AspectMode.NONE),
    ("BMP", lambda d: make_image(d / "a.bmp"), "BMP images are not accepted", AspectMode.NONE),
    ("TIFF", lambda d: make_image(d / "a.tif", fmt="TIFF"), "TIFF images are not accepted", AspectMode.NONE),
    ("CMYK JPEG", lambda d: cmyk_jpeg(d / "print.jpg"), "CMYK", AspectMode.NONE),
    (
        "EXIF-rotated JPEG",
        lambda d: write_exif_rotated_jpeg(d / "phone.jpg"),
        "rotation tag",
        AspectMode.NONE,
    ),
]


@pytest.mark.parametrize(("name", "make", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_with_the_exact_reason(tmp_path: Path, name: str, make: Maker, reason: str) -> None:
    check = v.check_image_file(make(tmp_path))
    assert any(reason in p for p in check.problems), (name, check.problems)
    assert propose_fixes(check) == []


@pytest.mark.parametrize(("name", "make", "reason", "mode"), FIXABLE, ids=[f[0] for f in FIXABLE])
def test_fixed_by_the_one_click_fix(
    tmp_path: Path, name: str, make: Maker, reason: str, mode: AspectMode
) -> None:
    source = make(tmp_path)
    before = source.read_bytes()
    check = v.check_image_file(source)
    assert any(reason in p for p in check.problems), (name, check.problems)
    assert mode in [o.aspect for o in propose_fixes(check)]
    fixed = v.check_image_file(fix_image(source, mode, tmp_path / "cache"))
    assert fixed.ok, (name, fixed.problems)
    assert source.read_bytes() == before


def test_no_bad_picture_reaches_the_server(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    corpus = [make(tmp_path) for _, make, _ in REFUSED] + [make(tmp_path) for _, make, _, _ in FIXABLE]

    async def scenario() -> None:
        async with running_engine() as engine:
            for path in corpus:
                record = await engine.manager.submit(params(path))
                assert record.status == TaskStatus.REJECTED, path.name
                assert record.error_message, path.name

    run(scenario(), timeout=60)
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 0
    assert sim_env.count("POST", "/v1/videos/generations") == 0


def test_file_gone_or_changed_before_upload(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    good = make_image(tmp_path / "picked.png")

    async def scenario() -> None:
        async with running_engine() as engine:
            gone = make_image(tmp_path / "gone.png")
            gone.unlink()  # deleted after the user picked it
            with pytest.raises(InvalidSubmission, match="does not exist"):
                await engine.manager.submit(params(gone))
            # replaced by something invalid between picking and uploading
            good.write_text("overwritten by another program")
            record = await engine.manager.submit(params(good))
            assert record.status == TaskStatus.REJECTED and "not an image" in (record.error_message or "")

    run(scenario())
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 0


@pytest.mark.parametrize(
    "prompt",
    [
        "a" * 5000,
        "a" * 5001,
        "马" * 2500,
        "马" * 2501,
        "horse 马 🐴 " * 200,
        "ctrl\x00\x07\x1b chars\ttab\nline",
    ],
)
def test_prompts_at_and_around_the_limits_are_sent_safely(
    sim_env: EvoLinkSimulator, tmp_path: Path, prompt: str
) -> None:
    async def scenario() -> None:
        async with running_engine() as engine:
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png"), prompt=prompt))
            assert record.server_id and engine.store.get(record.id).prompt == prompt  # type: ignore[union-attr]

    run(scenario())
    sent = next(r.json_body for r in sim_env.requests if r.path == "/v1/videos/generations")
    assert sent["prompt"] == prompt  # the app sends what was typed; the server truncates (we warn first)
