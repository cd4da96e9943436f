"""Test images generated on the fly with Qt (no downloaded corpus)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage, QPainter


def make_image(path: Path, width: int = 640, height: int = 480, fmt: str | None = None) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(40, 120, 200))
    painter = QPainter(image)
    painter.fillRect(width // 4, height // 4, width // 2, height // 2, QColor(250, 180, 40))
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path), fmt or path.suffix.lstrip(".").upper()), f"could not write {path}"
    return path


def pad_file(path: Path, total_bytes: int) -> Path:
    """Append junk after the image data so the file is large while its header stays valid."""
    with path.open("ab") as fh:
        fh.write(b"\0" * max(0, total_bytes - path.stat().st_size))
    return path
