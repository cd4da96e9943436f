"""One-click fixes for images the model would refuse: re-encode, downscale, apply EXIF rotation, and pad
or crop to the nearest legal aspect ratio. The original file is never modified: the fixed copy is written
to the app's cache. Everything here is CPU work meant to run in a worker thread (``asyncio.to_thread``);
it uses QImage (thread-safe), never a widget.

A fix states everything it does before the user applies it: :func:`prepare_fix` makes the copy and
returns it with the list of changes it made (turned upright, scaled down and why, padded or cropped,
re-encoded, which frame of an animation); the image panel prepares the proposed fixes in the background
and shows that list on each fix's button before it is clicked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageIOHandler, QImageReader, QPainter

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.validation import (
    ASPECT_MAX,
    ASPECT_MIN,
    FIX_MAX_PIXELS,
    IMAGE_MAX_BYTES,
    IMAGE_MIN_SIDE,
    ImageCheck,
)

# Fixed images are kept well under every limit: a side of at most 4096 px is plenty for a video frame.
TARGET_MAX_SIDE = 4096


class AspectMode(StrEnum):
    NONE = "none"
    PAD = "pad"
    CROP = "crop"


@dataclass(frozen=True)
class FixOption:
    label: str
    aspect: AspectMode
    explanation: str


class FixError(Exception):
    """The image cannot be fixed (unreadable, or too small even after fixing)."""


@dataclass(frozen=True)
class PreparedFix:
    """A fixed copy, and every change made to get it from the original."""

    path: Path
    width: int
    height: int
    format: str  # "JPEG" or "PNG"
    size_bytes: int
    changes: tuple[str, ...]

    def summary(self) -> str:
        """What the fix does, in one paragraph for the user (before they apply it)."""
        result = translate("ImageFix", "Result: {width} × {height} px {format}, {size}.").format(
            width=self.width, height=self.height, format=self.format, size=human_size(self.size_bytes)
        )
        return formatting.sentences(*self.changes, result)


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{formatting.megabytes(size)} MB"
    return f"{formatting.number(max(1, size // 1024))} KB"


def propose_fixes(check: ImageCheck) -> list[FixOption]:
    """The fixes that would make this image acceptable; empty when none can (or none is needed)."""
    info = check.info
    if info is None or check.ok:
        return []
    if min(info.width, info.height) < IMAGE_MIN_SIDE:
        return []  # enlarging a tiny picture would only blur it: ask for a bigger one instead
    if info.truncated or info.width * info.height > FIX_MAX_PIXELS:
        return []  # a cut-off file has no complete picture to save; a bomb must not be decoded
    ratio = info.width / info.height
    if not ASPECT_MIN - 1e-9 <= ratio <= ASPECT_MAX + 1e-9:
        target = "2.5:1" if ratio > 1 else "1:2.5"
        return [
            FixOption(
                translate("ImageFix", "Pad to {ratio}").format(ratio=target),
                AspectMode.PAD,
                translate("ImageFix", "Adds bars so the whole picture stays visible."),
            ),
            FixOption(
                translate("ImageFix", "Crop to {ratio}").format(ratio=target),
                AspectMode.CROP,
                translate("ImageFix", "Cuts the edges, keeping the centre."),
            ),
        ]
    return [
        FixOption(
            translate("ImageFix", "Convert"),
            AspectMode.NONE,
            translate("ImageFix", "Makes a copy the model accepts."),
        )
    ]


def _target_size(width: int, height: int, mode: AspectMode) -> tuple[int, int]:
    ratio = width / height
    if mode is AspectMode.NONE or ASPECT_MIN <= ratio <= ASPECT_MAX:
        return width, height
    legal = ASPECT_MAX if ratio > ASPECT_MAX else ASPECT_MIN
    if mode is AspectMode.PAD:  # grow the short side
        return (width, round(width / legal)) if ratio > 1 else (round(height * legal), height)
    return (round(height * legal), height) if ratio > 1 else (width, round(width / legal))  # shrink long side


def _average_colour(image: QImage) -> QColor:
    tiny = image.scaled(
        1, 1, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    return tiny.pixelColor(0, 0)


def _encode(image: QImage, fmt: str, quality: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, fmt, quality):
        raise FixError(translate("ImageFix", "Could not encode the image as {format}.").format(format=fmt))
    buffer.close()
    return bytes(data.data())


def fix_image(source: Path, mode: AspectMode, cache_dir: Path) -> Path:
    """Write a fixed copy of ``source`` into ``cache_dir`` and return its path."""
    return prepare_fix(source, mode, cache_dir).path


def _read(source: Path, changes: list[str]) -> QImage:
    """Decode ``source`` upright, at most TARGET_MAX_SIDE px on its longest side (a huge image is never
    fully decoded), noting each change."""
    reader = QImageReader(str(source))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)  # bake the EXIF rotation into the pixels
    size = reader.size()
    if not size.isValid():
        raise FixError(translate("ImageFix", "The image cannot be read, so it cannot be fixed."))
    if reader.transformation() != QImageIOHandler.Transformation.TransformationNone:
        changes.append(translate("ImageFix", "Turns the picture upright, as its rotation tag says."))
    if reader.imageCount() > 1:
        changes.append(translate("ImageFix", "Keeps only the first frame of the animation."))
    longest = max(size.width(), size.height())
    if longest > TARGET_MAX_SIDE:
        scale = TARGET_MAX_SIDE / longest
        reader.setScaledSize(QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale))))
    image = reader.read()
    if image.isNull():
        raise FixError(
            translate("ImageFix", "The image could not be decoded: {error}.").format(
                error=reader.errorString()
            )
        )
    if longest > TARGET_MAX_SIDE:
        changes.append(
            translate(
                "ImageFix", "Scales it down from {w} × {h} to {nw} × {nh} px (at most {max} px a side)."
            ).format(
                w=size.width(), h=size.height(), nw=image.width(), nh=image.height(), max=TARGET_MAX_SIDE
            )
        )
    return image


def _reshape(image: QImage, mode: AspectMode, changes: list[str]) -> QImage:
    """Pad or crop to the nearest legal aspect ratio, noting the change."""
    width, height = _target_size(image.width(), image.height(), mode)
    if (width, height) == (image.width(), image.height()):
        return image
    ratio = "2.5:1" if width > height else "1:2.5"
    sizes = {"w": image.width(), "h": image.height(), "nw": width, "nh": height, "ratio": ratio}
    if mode is AspectMode.PAD:
        canvas = QImage(width, height, QImage.Format.Format_RGB32)
        canvas.fill(_average_colour(image))
        painter = QPainter(canvas)
        painter.drawImage((width - image.width()) // 2, (height - image.height()) // 2, image)
        painter.end()
        text = translate(
            "ImageFix", "Pads it to {ratio} with bars of its average colour ({w} × {h} → {nw} × {nh} px)."
        )
        changes.append(text.format(**sizes))
        return canvas
    x, y = (image.width() - width) // 2, (image.height() - height) // 2
    text = translate("ImageFix", "Crops it to {ratio}, keeping the centre ({w} × {h} → {nw} × {nh} px).")
    changes.append(text.format(**sizes))
    return image.copy(QRect(x, y, width, height))


def prepare_fix(source: Path, mode: AspectMode, cache_dir: Path) -> PreparedFix:
    """Write a fixed copy of ``source`` into ``cache_dir``; return it with every change it made."""
    changes: list[str] = []
    original_format = bytes(QImageReader.imageFormat(str(source)).data()).decode().upper() or "?"
    image = _read(source, changes)
    # RGB out, whatever came in (CMYK JPEG, indexed GIF, 16-bit PNG…); alpha kept where there is some.
    image = image.convertToFormat(
        QImage.Format.Format_ARGB32 if image.hasAlphaChannel() else QImage.Format.Format_RGB32
    )
    image = _reshape(image, mode, changes)
    if min(image.width(), image.height()) < IMAGE_MIN_SIDE:
        raise FixError(
            translate("ImageFix", "After fixing, the image would be {w}×{h} px, under {min} px.").format(
                w=image.width(), h=image.height(), min=IMAGE_MIN_SIDE
            )
        )
    fmt = "PNG" if image.hasAlphaChannel() else "JPEG"
    data = _encode(image, fmt, 92)
    before = image.size()
    while len(data) > IMAGE_MAX_BYTES and min(image.width(), image.height()) > IMAGE_MIN_SIDE * 1.25:
        image = image.scaled(
            image.width() * 4 // 5,
            image.height() * 4 // 5,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        data = _encode(image, fmt, 85)
    if len(data) > IMAGE_MAX_BYTES:
        raise FixError(translate("ImageFix", "The image stays over 10 MB even when reduced."))
    if image.size() != before:
        text = translate(
            "ImageFix", "Scales it down from {w} × {h} to {nw} × {nh} px, or the file would be over 10 MB."
        )
        sizes = {"w": before.width(), "h": before.height(), "nw": image.width(), "nh": image.height()}
        changes.append(text.format(**sizes))
    if fmt == "PNG":
        changes.append(translate("ImageFix", "Saves it as PNG, which keeps its transparency."))
    elif original_format in ("JPEG", "JPG") and not changes:
        changes.append(translate("ImageFix", "Saves it again as a plain JPEG."))
    else:
        changes.append(
            translate("ImageFix", "Saves it as JPEG (quality {q}).").format(
                q=92 if image.size() == before else 85
            )
        )
    digest = hashlib.sha256(data).hexdigest()[:16]
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / f"fixed-{source.stem[:40]}-{digest}.{'png' if fmt == 'PNG' else 'jpg'}"
    target.write_bytes(data)
    return PreparedFix(target, image.width(), image.height(), fmt, len(data), tuple(changes))


def save_pasted_image(image: QImage, cache_dir: Path) -> Path:
    """Keep pasted raw image data as a PNG file in the cache (content-addressed, so pasting twice
    reuses one file)."""
    data = _encode(image, "PNG", -1)
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / f"pasted-{hashlib.sha256(data).hexdigest()[:16]}.png"
    if not target.exists():
        target.write_bytes(data)
    return target


def load_preview(source: Path | bytes, box: int = 1024) -> QImage:
    """A decoded preview at most ``box`` px on its longest side, EXIF rotation applied."""
    if isinstance(source, bytes):
        buffer = QBuffer()
        buffer.setData(QByteArray(source))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
    else:
        reader = QImageReader(str(source))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > box:
        size.scale(box, box, Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(size)
    return reader.read()
