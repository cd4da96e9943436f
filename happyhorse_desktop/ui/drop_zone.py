"""What the composer's drop zones share (the image panel, the video panel, the character slots): the
dashed outline, a preview that asks for little room, fitting a picture to it sharply at any scale, and
taking dropped files and links in order."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QSize, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


def drop_zone_style(object_name: str) -> str:
    """A drop zone looks like one: a dashed outline in the palette's mid tone (light and dark)."""
    return f"QFrame#{object_name} {{ border: 2px dashed palette(mid); border-radius: 8px; }}"


class PreviewLabel(QLabel):
    """A preview that asks for little room and takes what the composer can spare: its wish must not
    grow with the pixmap it shows, or a short window would scroll instead of shrinking it."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setWordWrap(True)  # until something is dropped it shows what may be dropped, in words

    def sizeHint(self) -> QSize:
        return QSize(240, 150)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 90)


def stack_drop_zone(
    zone: QWidget, preview: PreviewLabel, details: Sequence[QWidget], choose: QPushButton, clear: QPushButton
) -> None:
    """Lay ``zone`` out: the preview taking the room, the lines about what was dropped, choose … clear."""
    buttons = QHBoxLayout()
    buttons.addWidget(choose)
    buttons.addStretch(1)
    buttons.addWidget(clear)
    layout = QVBoxLayout(zone)
    layout.addWidget(preview, 1)
    for widget in details:
        layout.addWidget(widget)
    layout.addLayout(buttons)


def show_fitted(label: QLabel, pixmap: QPixmap | None, ratio: float) -> None:
    """Show ``pixmap`` scaled to fit ``label`` at the screen's device pixel ``ratio`` (sharp at 200 %)."""
    if pixmap is None:
        return
    scaled = pixmap.scaled(
        label.size() * ratio, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    scaled.setDevicePixelRatio(ratio)
    label.setPixmap(scaled)


def mime_sources(mime: QMimeData) -> list[str]:
    """The local files and http(s) links of a drop or a paste, in order."""
    sources = []
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            sources.append(url.toLocalFile())
        elif url.scheme().lower() in ("http", "https"):
            sources.append(url.toString())
    return sources


class FileDropTarget:
    """Mixed in before a widget class (``class Panel(FileDropTarget, QFrame)``) so that its drag events
    take dropped files and links; the widget implements :meth:`take_dropped` and calls
    ``setAcceptDrops(True)``."""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        sources = mime_sources(event.mimeData())
        if sources:
            event.acceptProposedAction()
            self.take_dropped(sources)

    def take_dropped(self, sources: list[str]) -> None:
        raise NotImplementedError
