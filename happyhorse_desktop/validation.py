"""Pure checks of everything a user can type or drop, against the model's documented rules.

Each ``check_*`` function returns ``None`` when the value is acceptable, or a specific, user-facing
reason when it is not. Image checks read only the file header with ``QImageReader`` (no full decode),
and decide the format by content, never by the file extension.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from happyhorse_desktop.api.models import MODELS, QUALITIES
from happyhorse_desktop.netcheck import is_non_public_host

PROMPT_LIMIT_CHINESE = 2500
PROMPT_LIMIT_OTHER = 5000
DURATION_MIN, DURATION_MAX = 3, 15
SEED_MIN, SEED_MAX = 1, 2_147_483_647
CALLBACK_URL_MAX = 2048
IMAGE_MIN_SIDE = 300
IMAGE_MAX_BYTES = 10 * 1024 * 1024
# Not a documented API limit: a guard against decompression bombs and pointless multi-hundred-megapixel
# uploads. Larger images are offered a one-click downscale.
IMAGE_MAX_SIDE = 8192
# Above this many pixels an image is not even decoded to be fixed: that is how decompression bombs hurt.
FIX_MAX_PIXELS = 64_000_000
TAIL_BYTES = 65536  # how much of a file's end is read to see that it is complete
ASPECT_MIN, ASPECT_MAX = 1 / 2.5, 2.5
ACCEPTED_FORMATS = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

# CJK ideographs (unified, extension A, compatibility) — the "Chinese text" the 2500 limit applies to.
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def check_model(model: str) -> str | None:
    return None if model in MODELS else f"Unknown model {model!r}; choose one of: {', '.join(MODELS)}."


@dataclass(frozen=True)
class PromptCheck:
    length: int
    limit: int
    has_chinese: bool

    @property
    def excess(self) -> int:
        """How many characters the server would silently cut off."""
        return max(0, self.length - self.limit)

    @property
    def message(self) -> str | None:
        if not self.excess:
            return None
        kind = "Chinese text" if self.has_chinese else "text"
        return (
            f"The prompt is {self.length} characters; the limit for {kind} is {self.limit}. "
            f"The last {self.excess} characters would be cut off."
        )


def check_prompt(prompt: str) -> PromptCheck:
    has_chinese = bool(_CHINESE.search(prompt))
    limit = PROMPT_LIMIT_CHINESE if has_chinese else PROMPT_LIMIT_OTHER
    return PromptCheck(len(prompt), limit, has_chinese)


def check_quality(quality: str) -> str | None:
    return (
        None if quality in QUALITIES else f"Quality must be one of {', '.join(QUALITIES)}, not {quality!r}."
    )


def check_duration(duration: object, minimum: int = DURATION_MIN, maximum: int = DURATION_MAX) -> str | None:
    if isinstance(duration, bool) or not isinstance(duration, int):
        return f"Duration must be a whole number of seconds, not {duration!r}."
    if not minimum <= duration <= maximum:
        return f"Duration must be between {minimum} and {maximum} seconds, not {duration}."
    return None


def check_seed(seed: object) -> str | None:
    """``None`` means random (no seed sent)."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, int):
        return f"The seed must be a whole number, not {seed!r}."
    if not SEED_MIN <= seed <= SEED_MAX:
        return f"The seed must be between {SEED_MIN} and {SEED_MAX}, or empty for random; got {seed}."
    return None


def check_callback_url(url: str | None) -> str | None:
    """https only, a public host (literal IPs resolved with ``ipaddress``), at most 2048 characters."""
    if not url:
        return None
    if len(url) > CALLBACK_URL_MAX:
        return f"The callback URL is {len(url)} characters; the limit is {CALLBACK_URL_MAX}."
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "The callback URL is not a valid URL."
    if parts.scheme.lower() != "https":
        return "The callback URL must use https://."
    if not host:
        return "The callback URL has no host name."
    if is_non_public_host(host):
        return f"The callback URL points to a private or local address ({host}); EvoLink refuses those."
    return None


def check_image_url(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "Not a valid URL."
    if parts.scheme.lower() not in ("http", "https"):
        return "Image URLs must start with http:// or https://."
    if not parts.hostname:
        return "The image URL has no host name."
    return None


@dataclass(frozen=True)
class ImageInfo:
    """What the header says about an image. ``format`` is Qt's name decided from content."""

    format: str
    width: int
    height: int
    size_bytes: int
    frames: int = 1
    rotated: bool = False  # EXIF says the pixels must be rotated/flipped to display upright
    cmyk: bool = False  # print-style colours many decoders show wrongly
    truncated: bool = False  # the file ends before the image does

    @property
    def mime_type(self) -> str | None:
        return ACCEPTED_FORMATS.get(self.format)


@dataclass(frozen=True)
class ImageCheck:
    info: ImageInfo | None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _last_bytes(fh: BinaryIO, size: int) -> bytes:
    """The last TAIL_BYTES of a file before any run of zero padding (some tools pad files)."""
    end = size
    while end > 0:
        start = max(0, end - TAIL_BYTES)
        fh.seek(start)
        block = fh.read(end - start).rstrip(b"\0")
        if block:
            return block[-TAIL_BYTES:]
        end = start
    return b""


def _truncated(fmt: str, head: bytes, tail: bytes, size_bytes: int) -> bool:
    """True when the file visibly ends before the image does (a cut-off download or copy).

    Checked on the first and last bytes only: a JPEG must contain its end-of-image marker, a PNG its
    IEND chunk, a WEBP all the bytes its RIFF header announces. Trailing bytes after the end are fine.
    """
    if fmt == "jpeg":
        return b"\xff\xd9" not in tail
    if fmt == "png":
        return b"IEND" not in tail
    if fmt == "webp" and len(head) >= 8 and head[:4] == b"RIFF":
        return int.from_bytes(head[4:8], "little") + 8 > size_bytes
    return False


def _read_header(reader: QImageReader, size_bytes: int, head: bytes, tail: bytes) -> ImageCheck:
    reader.setDecideFormatFromContent(True)
    fmt = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if not fmt or not reader.canRead():
        return ImageCheck(None, ["This file is not an image the app can read (corrupt or not an image)."])
    size = reader.size()
    if not size.isValid() or size.width() <= 0 or size.height() <= 0:
        return ImageCheck(None, [f"The {fmt.upper()} image is corrupt: its header gives no size."])
    transformation = reader.transformation()
    rotated = transformation != QImageIOHandler.Transformation.TransformationNone
    width, height = size.width(), size.height()
    if transformation & QImageIOHandler.Transformation.TransformationRotate90:
        width, height = height, width  # report what the user sees, which is also what a fix produces
    fmt = "jpeg" if fmt == "jpg" else fmt
    info = ImageInfo(
        fmt,
        width,
        height,
        size_bytes,
        max(1, reader.imageCount()),
        rotated,
        cmyk=reader.imageFormat() == QImage.Format.Format_CMYK8888,
        truncated=_truncated(fmt, head, tail, size_bytes),
    )
    return ImageCheck(info, image_problems(info))


def image_problems(info: ImageInfo) -> list[str]:
    """Every rule of the model the image breaks, each as a specific sentence."""
    problems = []
    if info.truncated:
        problems.append(f"The {info.format.upper()} file is cut off (incomplete); use the complete original.")
    if info.format not in ACCEPTED_FORMATS:
        problems.append(f"{info.format.upper()} images are not accepted; use JPEG, PNG or WEBP.")
    if info.size_bytes > IMAGE_MAX_BYTES:
        problems.append(
            f"The file is {info.size_bytes / 1048576:.1f} MB; the limit is {IMAGE_MAX_BYTES // 1048576} MB."
        )
    if min(info.width, info.height) < IMAGE_MIN_SIDE:
        problems.append(
            f"The image is {info.width}×{info.height} px; each side must be at least {IMAGE_MIN_SIDE} px."
        )
    if max(info.width, info.height) > IMAGE_MAX_SIDE:
        problems.append(
            f"The image is {info.width}×{info.height} px; the largest side accepted is {IMAGE_MAX_SIDE} px."
        )
    if info.width * info.height > FIX_MAX_PIXELS:
        problems.append(
            f"At {info.width * info.height / 1e6:.0f} megapixels it is too large to convert safely here "
            "(a decompression bomb?); export a smaller copy."
        )
    if info.frames > 1:
        problems.append(f"The image is animated ({info.frames} frames); a still image is needed.")
    if info.cmyk:
        problems.append("The image uses CMYK (print) colours; video models expect RGB.")
    if info.rotated:
        problems.append("The image is stored sideways with a rotation tag that EvoLink may ignore.")
    ratio = info.width / info.height
    if not ASPECT_MIN - 1e-9 <= ratio <= ASPECT_MAX + 1e-9:
        problems.append(
            f"The aspect ratio {info.width}:{info.height} ({ratio:.2f}) is outside 1:2.5 … 2.5:1."
        )
    return problems


def check_image_file(path: str | Path) -> ImageCheck:
    """Check a local image file by its content. Never decodes the pixels."""
    p = Path(path)
    try:
        size_bytes = p.stat().st_size
    except FileNotFoundError:
        return ImageCheck(None, [f"The file {p.name!r} does not exist (moved or deleted?)."])
    except OSError as exc:
        return ImageCheck(None, [f"The file {p.name!r} cannot be read: {exc.strerror}."])
    if not p.is_file():
        return ImageCheck(None, [f"{p.name!r} is not a file."])
    if size_bytes == 0:
        return ImageCheck(None, [f"The file {p.name!r} is empty (0 bytes)."])
    try:
        with p.open("rb") as fh:
            head = fh.read(16)
            tail = _last_bytes(fh, size_bytes)
    except OSError as exc:
        return ImageCheck(None, [f"The file {p.name!r} cannot be read: {exc.strerror}."])
    return _read_header(QImageReader(str(p)), size_bytes, head, tail)


def check_image_bytes(data: bytes) -> ImageCheck:
    """Same checks for an image held in memory (pasted data, or what a server fetched)."""
    if not data:
        return ImageCheck(None, ["The image is empty (0 bytes)."])
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    try:
        return _read_header(QImageReader(buffer), len(data), data[:16], data.rstrip(b"\0")[-TAIL_BYTES:])
    finally:
        buffer.close()
