"""Small previews of each task for the task table — its source picture, or for a task without one (text
to video, a video edit) its video's first frame — decoded off the UI thread.

``get()`` never blocks: it returns the cached pixmap, or ``None`` after queueing a decode in a worker
thread; ``sig_thumbnail_ready`` then tells the model which source to repaint. The cache is bounded (LRU).
Videos are decoded one at a time (Qt Multimedia in a worker thread): a long history of text-to-video
takes fills in row by row without starting a decoder per row at once.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

from happyhorse_desktop.imagefix import load_preview
from happyhorse_desktop.tasks.record import TaskRecord, is_url
from happyhorse_desktop.ui.background import to_thread
from happyhorse_desktop.videofile import first_video_frame

if TYPE_CHECKING:
    import asyncio

THUMB_SIZE = QSize(56, 36)
CACHE_LIMIT = 600


def thumbnail_source(record: TaskRecord) -> str:
    """What a task's thumbnail is made from: its first picture, else its video (a text-to-video take's
    result, or the video an edit started from) — a video gives its first frame."""
    if record.image_source:
        return record.image_source
    return record.video_path or (
        record.video_source if record.video_source and not is_url(record.video_source) else ""
    )


class ThumbnailCache(QObject):
    sig_thumbnail_ready = Signal(str)
    """The thumbnail of this source (a local path) is now cached."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._decoder: asyncio.Semaphore | None = None  # made on the loop that uses it

    def get(self, source: str) -> QPixmap | None:
        pixmap = self._cache.get(source)
        if pixmap is not None:
            self._cache.move_to_end(source)
            return pixmap
        if (
            source in self._pending
            or source in self._failed
            or source.lower().startswith(("http:", "https:"))
        ):
            return None
        self._pending.add(source)
        try:
            import asyncio  # the window paints before asyncio is imported (see ui.background)

            task = asyncio.get_event_loop().create_task(self._load(source))
        except RuntimeError:  # no event loop (a bare model in a unit test): no thumbnails
            self._pending.discard(source)
            return None
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return None

    async def _load(self, source: str) -> None:
        try:
            path = Path(source)
            image: QImage = await to_thread(load_preview, path, THUMB_SIZE.width() * 2)
            if image.isNull() and path.is_file():  # not a picture: a video's first frame
                import asyncio

                self._decoder = self._decoder or asyncio.Semaphore(1)
                async with self._decoder:
                    image = await to_thread(first_video_frame, path)
        finally:
            self._pending.discard(source)
        if image.isNull():
            self._failed.add(source)
            return
        self._cache[source] = QPixmap.fromImage(image).scaled(
            THUMB_SIZE * 2, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        while len(self._cache) > CACHE_LIMIT:
            self._cache.popitem(last=False)
        self.sig_thumbnail_ready.emit(source)

    def cancel(self) -> None:
        for task in list(self._tasks):
            task.cancel()
