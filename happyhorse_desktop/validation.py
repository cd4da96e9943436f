"""Pure checks of everything a user can type or drop, against the model's documented rules.

Each ``check_*`` function returns ``None`` when the value is acceptable, or a specific, user-facing
reason when it is not. Image checks read only the file header with ``QImageReader`` (no full decode),
and decide the format by content, never by the file extension. The limits are the route table's
(:mod:`happyhorse_desktop.routes`): an image is checked against the rule of the slot it fills (a first
frame, a character reference, a reference for a video edit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import Context, translate
from happyhorse_desktop.netcheck import is_non_public_host
from happyhorse_desktop.routes import FIRST_FRAME, QUALITIES, ROUTES, ImageRule

Validation = Context("Validation")  # for the messages with a count (plural forms)

PROMPT_LIMIT_CHINESE = 2500
PROMPT_LIMIT_OTHER = 5000
DURATION_MIN, DURATION_MAX = 3, 15
SEED_MIN, SEED_MAX = 1, 2_147_483_647
CALLBACK_URL_MAX = 2048
IMAGE_MIN_SIDE = FIRST_FRAME.min_side  # the first frame's rules, which the one-click fixes aim at
IMAGE_MAX_BYTES = FIRST_FRAME.max_bytes
# Not a documented API limit: a guard against decompression bombs and pointless multi-hundred-megapixel
# uploads. Larger images are offered a one-click downscale.
IMAGE_MAX_SIDE = 8192
# Above this many pixels an image is not even decoded to be fixed: that is how decompression bombs hurt.
FIX_MAX_PIXELS = 64_000_000
TAIL_BYTES = 65536  # how much of a file's end is read to see that it is complete
ASPECT_MIN, ASPECT_MAX = FIRST_FRAME.aspect_min, FIRST_FRAME.aspect_max
ACCEPTED_FORMATS = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

# CJK ideographs (unified, extension A, compatibility) — the "Chinese text" the 2500 limit applies to.
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def check_model(model: str) -> str | None:
    if model in ROUTES:
        return None
    return translate("Validation", "Unknown model {model}; choose one of: {models}.").format(
        model=repr(model), models=", ".join(ROUTES)
    )


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
        if self.has_chinese:
            text = Validation.tr(
                "The prompt is {length} characters; the limit for Chinese text is {limit}. "
                "The last %n characters would be cut off.",
                "",
                self.excess,
            )
        else:
            text = Validation.tr(
                "The prompt is {length} characters; the limit for text is {limit}. "
                "The last %n characters would be cut off.",
                "",
                self.excess,
            )
        return text.format(length=self.length, limit=self.limit)


def check_prompt(prompt: str) -> PromptCheck:
    has_chinese = bool(_CHINESE.search(prompt))
    limit = PROMPT_LIMIT_CHINESE if has_chinese else PROMPT_LIMIT_OTHER
    return PromptCheck(len(prompt), limit, has_chinese)


def check_quality(quality: str) -> str | None:
    if quality in QUALITIES:
        return None
    return translate("Validation", "Quality must be one of {qualities}, not {quality}.").format(
        qualities=", ".join(QUALITIES), quality=repr(quality)
    )


def check_duration(duration: object, minimum: int = DURATION_MIN, maximum: int = DURATION_MAX) -> str | None:
    return _whole_number_problem(
        duration,
        minimum,
        maximum,
        translate("Validation", "Duration must be a whole number of seconds, not {value}."),
        translate("Validation", "Duration must be between {min} and {max} seconds, not {value}."),
    )


def check_seed(seed: object) -> str | None:
    """``None`` means random (no seed sent)."""
    if seed is None:
        return None
    return _whole_number_problem(
        seed,
        SEED_MIN,
        SEED_MAX,
        translate("Validation", "The seed must be a whole number, not {value}."),
        translate(
            "Validation", "The seed must be between {min} and {max}, or empty for random; got {value}."
        ),
    )


def _whole_number_problem(
    value: object, minimum: int, maximum: int, not_whole: str, outside: str
) -> str | None:
    """``not_whole`` or ``outside`` (translated), filled in, unless ``value`` is an int in range."""
    # A bool is an int to Python, but JSON's true is no duration or seed.
    if isinstance(value, bool) or not isinstance(value, int):
        return not_whole.format(value=repr(value))
    if not minimum <= value <= maximum:
        return outside.format(min=minimum, max=maximum, value=value)
    return None


def check_callback_url(url: str | None) -> str | None:
    """https only, a public host (literal IPs resolved with ``ipaddress``), at most 2048 characters."""
    if not url:
        return None
    if len(url) > CALLBACK_URL_MAX:
        return translate(
            "Validation", "The callback URL is {length} characters; the limit is {limit}."
        ).format(length=len(url), limit=CALLBACK_URL_MAX)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return translate("Validation", "The callback URL is not a valid URL.")
    if parts.scheme.lower() != "https":
        return translate("Validation", "The callback URL must use https://.")
    if not host:
        return translate("Validation", "The callback URL has no host name.")
    if is_non_public_host(host):
        return translate(
            "Validation",
            "The callback URL points to a private or local address ({host}); EvoLink refuses those.",
        ).format(host=host)
    return None


def check_image_url(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return translate("Validation", "Not a valid URL.")
    if parts.scheme.lower() not in ("http", "https"):
        return translate("Validation", "Image URLs must start with http:// or https://.")
    if not parts.hostname:
        return translate("Validation", "The image URL has no host name.")
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
    warnings: list[str] = field(default_factory=list)  # against a recommendation: sent all the same

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


def _read_header(
    reader: QImageReader, size_bytes: int, head: bytes, tail: bytes, rule: ImageRule = FIRST_FRAME
) -> ImageCheck:
    reader.setDecideFormatFromContent(True)
    fmt = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if not fmt or not reader.canRead():
        unreadable = translate(
            "Validation", "This file is not an image the app can read (corrupt or not an image)."
        )
        return ImageCheck(None, [unreadable])
    size = reader.size()
    if not size.isValid() or size.width() <= 0 or size.height() <= 0:
        no_size = translate("Validation", "The {format} image is corrupt: its header gives no size.")
        return ImageCheck(None, [no_size.format(format=fmt.upper())])
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
    return ImageCheck(info, image_problems(info, rule), image_warnings(info, rule))


def _aspect_text(info: ImageInfo) -> str:
    return translate(
        "Validation", "The aspect ratio {width}:{height} ({ratio}) is outside 1:2.5 … 2.5:1."
    ).format(width=info.width, height=info.height, ratio=formatting.number(info.width / info.height, 2))


def _outside_aspect(info: ImageInfo, rule: ImageRule) -> bool:
    ratio = info.width / info.height
    return not rule.aspect_min - 1e-9 <= ratio <= rule.aspect_max + 1e-9


def image_warnings(info: ImageInfo, rule: ImageRule = FIRST_FRAME) -> list[str]:
    """What goes against the rule's recommendations (a reference's shape): sent all the same."""
    if not rule.aspect_enforced and _outside_aspect(info, rule):
        return [_aspect_text(info) + " " + translate("Validation", "EvoLink recommends staying inside it.")]
    return []


def image_problems(info: ImageInfo, rule: ImageRule = FIRST_FRAME) -> list[str]:
    """Every rule the image breaks in its slot (by default the first frame's), each as a specific
    sentence."""
    # Long on purpose: one check per rule of the slot, each with its own sentence, in the order they
    # are listed to the user.
    fmt, width, height = info.format.upper(), info.width, info.height
    problems = []
    if info.truncated:
        problems.append(
            translate(
                "Validation", "The {format} file is cut off (incomplete); use the complete original."
            ).format(format=fmt)
        )
    if info.format not in rule.formats:
        problems.append(
            translate("Validation", "{format} images are not accepted; use JPEG, PNG or WEBP.").format(
                format=fmt
            )
        )
    if info.size_bytes > rule.max_bytes:
        problems.append(
            translate("Validation", "The file is {size} MB; the limit is {limit} MB.").format(
                size=formatting.megabytes(info.size_bytes), limit=rule.max_bytes // 1048576
            )
        )
    if min(width, height) < rule.min_side:
        problems.append(
            translate(
                "Validation", "The image is {width}×{height} px; each side must be at least {min} px."
            ).format(width=width, height=height, min=rule.min_side)
        )
    if min(width, height) < rule.min_short_edge:
        problems.append(
            translate(
                "Validation", "The image is {width}×{height} px; its short side must be at least {min} px."
            ).format(width=width, height=height, min=rule.min_short_edge)
        )
    if max(width, height) > IMAGE_MAX_SIDE:
        problems.append(
            translate(
                "Validation", "The image is {width}×{height} px; the largest side accepted is {max} px."
            ).format(width=width, height=height, max=IMAGE_MAX_SIDE)
        )
    if width * height > FIX_MAX_PIXELS:
        problems.append(
            translate(
                "Validation",
                "At {megapixels} megapixels it is too large to convert safely here (a decompression bomb?); "
                "export a smaller copy.",
            ).format(megapixels=formatting.number(width * height / 1e6))
        )
    if info.frames > 1:
        problems.append(
            Validation.tr("The image is animated (%n frames); a still image is needed.", "", info.frames)
        )
    if info.cmyk:
        problems.append(
            translate("Validation", "The image uses CMYK (print) colours; video models expect RGB.")
        )
    if info.rotated:
        problems.append(
            translate(
                "Validation", "The image is stored sideways with a rotation tag that EvoLink may ignore."
            )
        )
    if rule.aspect_enforced and _outside_aspect(info, rule):
        problems.append(_aspect_text(info))
    return problems


def check_image_file(path: str | Path, rule: ImageRule = FIRST_FRAME) -> ImageCheck:
    """Check a local image file by its content against ``rule``. Never decodes the pixels."""
    p = Path(path)
    name = repr(p.name)
    try:
        size_bytes = p.stat().st_size
    except FileNotFoundError:
        missing = translate("Validation", "The file {name} does not exist (moved or deleted?).")
        return ImageCheck(None, [missing.format(name=name)])
    except OSError as exc:
        return ImageCheck(None, [_unreadable(name, exc)])
    if not p.is_file():
        return ImageCheck(None, [translate("Validation", "{name} is not a file.").format(name=name)])
    if size_bytes == 0:
        return ImageCheck(
            None, [translate("Validation", "The file {name} is empty (0 bytes).").format(name=name)]
        )
    try:
        with p.open("rb") as fh:
            head = fh.read(16)
            tail = _last_bytes(fh, size_bytes)
    except OSError as exc:
        return ImageCheck(None, [_unreadable(name, exc)])
    return _read_header(QImageReader(str(p)), size_bytes, head, tail, rule)


def _unreadable(name: str, exc: OSError) -> str:
    # The reason is the system's own words (strerror), which follow the system's language.
    return translate("Validation", "The file {name} cannot be read: {reason}.").format(
        name=name, reason=exc.strerror
    )


def check_image_bytes(data: bytes, rule: ImageRule = FIRST_FRAME) -> ImageCheck:
    """Same checks for an image held in memory (pasted data, or what a server fetched)."""
    if not data:
        return ImageCheck(None, [translate("Validation", "The image is empty (0 bytes).")])
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    try:
        tail = data.rstrip(b"\0")[-TAIL_BYTES:]
        return _read_header(QImageReader(buffer), len(data), data[:16], tail, rule)
    finally:
        buffer.close()
