"""Generate the app icons from the one source image, resources/icon.svg.

    python packaging/make_icons.py

Writes resources/icon.ico (Windows, 16-256 px), resources/icon.icns (macOS, 16-1024 px) and
resources/icon-<size>.png. ICO and ICNS are written by hand as containers of PNG images (both formats
allow that), so every size is rendered by Qt's SVG renderer at full quality.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(RESOURCES / "icon.svg")).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    directory, blobs = b"", b""
    offset = 6 + 16 * len(images)
    for size, png in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + directory + blobs


def icns(images: dict[int, bytes]) -> bytes:
    body = b"".join(ICNS_TYPES[size] + struct.pack(">I", len(png) + 8) + png for size, png in images.items())
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])
    sizes = sorted(set(ICO_SIZES) | set(ICNS_TYPES) | set(PNG_SIZES))
    rendered = {size: render(size) for size in sizes}
    (RESOURCES / "icon.ico").write_bytes(ico({s: rendered[s] for s in ICO_SIZES}))
    (RESOURCES / "icon.icns").write_bytes(icns({s: rendered[s] for s in ICNS_TYPES}))
    for size in PNG_SIZES:
        (RESOURCES / f"icon-{size}.png").write_bytes(rendered[size])
    del app
    print(f"wrote icon.ico, icon.icns and {len(PNG_SIZES)} PNG sizes to {RESOURCES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
