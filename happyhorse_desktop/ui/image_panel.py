"""The image panel (``imagePanel``): drop, paste or pick the first frame, see it, and see what is wrong.

It accepts a dropped local file, a dropped http(s) image URL (dragged from a browser), dropped or pasted
raw image data (kept in the cache as a file) and a file picker. Checks run at once against the model's
rules; a fixable image gets one-click fixes whose result is shown before it is used. Header checks,
decoding and fixing run in worker threads, so the window never stalls on a large picture.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QWidget

from happyhorse_desktop import USER_AGENT
from happyhorse_desktop.formatting import sentences
from happyhorse_desktop.i18n_core import QT_TRANSLATE_NOOP, translate
from happyhorse_desktop.imagefix import (
    FixOption,
    PreparedFix,
    fix_image,
    human_size,
    load_preview,
    propose_fixes,
    save_pasted_image,
)
from happyhorse_desktop.ui.background import ERROR_STYLE, start, to_thread, user_message
from happyhorse_desktop.ui.drop_zone import PreviewLabel, drop_zone_style, show_fitted, stack_drop_zone
from happyhorse_desktop.ui.fix_offer import FixOffer
from happyhorse_desktop.ui.widgets import message_label, push_button
from happyhorse_desktop.validation import (
    IMAGE_MAX_BYTES,
    ImageCheck,
    check_image_bytes,
    check_image_file,
    check_image_url,
)

if TYPE_CHECKING:
    import asyncio

    import httpx

IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "ImagePanel", "Images (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff *.heic);;All files (*)"
)


@dataclass
class LoadedImage:
    source: str  # what will be submitted: a local path or an http(s) URL
    check: ImageCheck | None  # None for a URL that could not be fetched for a preview
    preview: QImage
    origin: Path | None  # the user's picture as a local file (what a fix starts from), if there is one
    note: str = ""

    @property
    def is_url(self) -> bool:
        return self.source.lower().startswith(("http://", "https://"))


class ImagePanel(QFrame):
    sig_image_changed = Signal()
    """The image, or whether it is acceptable, changed."""

    def __init__(self, cache_dir: Path, http: Callable[[], httpx.AsyncClient], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("imagePanel")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A drop zone looks like one: a dashed outline in the palette's mid tone (light and dark).
        self.setStyleSheet(drop_zone_style("imagePanel"))
        self._cache_dir = cache_dir
        self._http = http
        self._image: LoadedImage | None = None
        self._busy_text = ""
        self._generation = 0
        self._pixmap: QPixmap | None = None

        self._preview = PreviewLabel()
        self._info = QLabel()
        self._info.setObjectName("imageInfo")
        self._problem = message_label("imageProblem", ERROR_STYLE)
        self._note = QLabel()
        self._note.setWordWrap(True)
        self._note.setEnabled(False)
        self.fixes = FixOffer(cache_dir)
        self.fixes.sig_fix_chosen.connect(self._use_fix)
        self._choose = push_button(
            "chooseImageButton", self.tr("C&hoose image…"), self.choose_file, "image-plus"
        )
        self._clear = push_button("clearImageButton", self.tr("C&lear"), self.clear, "x")
        details = (self._info, self._problem, self.fixes, self._note)
        stack_drop_zone(self, self._preview, details, self._choose, self._clear)
        self._render()

    # -- public API ---------------------------------------------------------------------------

    def source(self) -> str | None:
        return self._image.source if self._image else None

    def problems(self) -> list[str]:
        if self._busy_text:
            return [self._busy_text]
        if self._image is None:
            return [self.tr("Add a picture: drop it here, paste it, or choose a file.")]
        check = self._image.check
        return list(check.problems) if check is not None else []

    def is_ready(self) -> bool:
        return not self.problems()

    def is_busy(self) -> bool:
        return bool(self._busy_text)

    def clear(self) -> None:
        self._generation += 1
        self._image = None
        self._busy_text = ""
        self._render()
        self.sig_image_changed.emit()

    def choose_file(self) -> None:
        dialog = QFileDialog(
            self, self.tr("Choose the first frame"), "", translate("ImagePanel", IMAGE_FILTER)
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.load_path(Path(path)))
        dialog.open()  # not exec(): no nested event loop inside the asyncio loop

    def load_path(self, path: Path, note: str = "") -> asyncio.Task[None]:
        return self._start(
            self.tr("Reading {name}…").format(name=path.name), self._inspect_file(path, path, note)
        )

    def load_url(self, url: str) -> asyncio.Task[None] | None:
        problem = check_image_url(url)
        if problem:
            self._show_error(problem)
            return None
        return self._start(self.tr("Fetching a preview…"), self._inspect_url(url))

    def load_image(self, image: QImage) -> asyncio.Task[None]:
        """Raw image data (pasted or dropped): kept as a PNG file in the cache, then checked."""

        async def store() -> None:
            path = await to_thread(save_pasted_image, image, self._cache_dir)
            await self._inspect_file(path, path, self.tr("Pasted image, kept in the app's cache."))

        return self._start(self.tr("Storing the pasted image…"), store())

    def accept_mime(self, mime: QMimeData) -> bool:
        """Take an image from drag-and-drop or the clipboard; False when there is none."""
        if mime.hasUrls() and mime.urls():
            url: QUrl = mime.urls()[0]
            if url.isLocalFile():
                self.load_path(Path(url.toLocalFile()))
                return True
            if url.scheme().lower() in ("http", "https"):
                self.load_url(url.toString())
                return True
        if mime.hasImage():
            image = mime.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.load_image(image)
                return True
            if isinstance(image, QPixmap) and not image.isNull():
                self.load_image(image.toImage())
                return True
        if mime.hasText():
            text = mime.text().strip()
            if text.lower().startswith(("http://", "https://")) and "\n" not in text:
                self.load_url(text)
                return True
            if text and "\n" not in text and Path(text).expanduser().is_file():
                self.load_path(Path(text).expanduser())
                return True
        return False

    # -- drag and drop ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage() or mime.hasText():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.accept_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()
            self._show_error(self.tr("That drop holds no picture or image link."))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_preview()

    # -- work ---------------------------------------------------------------------------------

    def _start(self, busy_text: str, coro) -> asyncio.Task[None]:  # type: ignore[no-untyped-def]
        self._generation += 1
        generation = self._generation
        self._busy_text = busy_text
        self._render()
        self.sig_image_changed.emit()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._show_error(user_message(exc))

        return start(coro, on_error=failed)

    def _publish(self, image: LoadedImage, generation: int) -> None:
        if generation != self._generation:
            return  # a newer image was dropped meanwhile
        self._image = image
        self._busy_text = ""
        self._render()
        self.sig_image_changed.emit()

    async def _inspect_file(self, path: Path, origin: Path, note: str) -> None:
        generation = self._generation
        check = await to_thread(check_image_file, path)
        preview = await to_thread(load_preview, path) if check.info is not None else QImage()
        self._publish(LoadedImage(str(path), check, preview, origin, note), generation)

    async def _inspect_url(self, url: str) -> None:
        import httpx

        generation = self._generation
        try:
            data = await self._fetch(url)
        except (httpx.HTTPError, ValueError) as exc:
            note = self.tr(
                "No preview ({reason}). The link is sent as is; EvoLink must be able to fetch it, "
                "or the task fails (and is refunded)."
            ).format(reason=exc)
            self._publish(LoadedImage(url, None, QImage(), None, note), generation)
            return
        check = await to_thread(check_image_bytes, data)
        preview = await to_thread(load_preview, data) if check.info is not None else QImage()
        note = self.tr("This link is sent as is; EvoLink fetches the picture itself.")
        image = LoadedImage(url, check, preview, None, note)
        if not check.ok:  # keep the bytes, so a fix can work on a local copy
            local = self._cache_dir / f"remote-{hashlib.sha256(data).hexdigest()[:16]}"
            await to_thread(self._write_cache, local, data)
            image.origin = local
        self._publish(image, generation)

    @staticmethod
    def _write_cache(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    async def _fetch(self, url: str) -> bytes:
        """At most 10 MB + 1 byte of the image, without any credentials."""
        chunks, size = [], 0
        async with self._http().stream(
            "GET", url, headers={"User-Agent": USER_AGENT}, follow_redirects=True, timeout=20.0
        ) as response:
            if response.status_code >= 400:
                raise ValueError(
                    self.tr("the server answered HTTP {status}").format(status=response.status_code)
                )
            async for chunk in response.aiter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > IMAGE_MAX_BYTES:
                    break
        return b"".join(chunks)

    def apply_fix(self, option: FixOption) -> asyncio.Task[None] | None:
        """Use a fix (its prepared copy when ready, else made now)."""
        image = self._image
        if image is None or image.origin is None:
            return None
        origin = image.origin
        prepared = self.fixes.prepared.get(option.aspect)
        if prepared is not None:
            return self._use_fix(option, prepared)

        async def fix() -> None:
            fixed = await to_thread(fix_image, origin, option.aspect, self._cache_dir)
            await self._inspect_file(fixed, origin, self._fixed_note(option))

        return self._start(self.tr("Fixing a copy of the image…"), fix())

    def _use_fix(self, option: FixOption, prepared: PreparedFix) -> asyncio.Task[None] | None:
        image = self._image
        if image is None or image.origin is None:
            return None
        note = sentences(self._fixed_note(option), prepared.summary())
        return self._start(
            self.tr("Using the fixed copy…"), self._inspect_file(prepared.path, image.origin, note)
        )

    def _fixed_note(self, option: FixOption) -> str:
        return self.tr("Fixed copy ({fix}); the original file is untouched.").format(fix=option.label)

    # -- display ------------------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self._busy_text = ""
        self._image = None
        self._render()
        self._problem.setText(message)
        self.sig_image_changed.emit()

    def _render(self) -> None:
        self.fixes.clear()
        image = self._image
        self._problem.clear()
        self._note.clear()
        self._info.clear()
        self._clear.setEnabled(image is not None)
        if self._busy_text:
            self._pixmap = None
            self._preview.setText(self._busy_text)
            return
        if image is None:
            self._pixmap = None
            self._preview.setText(
                self.tr(
                    "Drop a picture here\nor paste one with Ctrl+V\n\nJPEG, PNG or WEBP · at least "
                    "300 px · aspect 1:2.5 to 2.5:1 · up to 10 MB"
                )
            )
            return
        self._pixmap = QPixmap.fromImage(image.preview) if not image.preview.isNull() else None
        if self._pixmap is None:
            self._preview.setText(image.source if image.is_url else self.tr("No preview"))
        self._scale_preview()
        check = image.check
        if check is not None and check.info is not None:
            info = check.info
            self._info.setText(
                f"{info.width} × {info.height} px · {info.format.upper()} · {human_size(info.size_bytes)}"
            )
        if check is not None and check.problems:
            self._problem.setText("\n".join(f"• {p}" for p in check.problems))
            options = propose_fixes(check)
            if options and image.origin is not None:
                self.fixes.offer(image.origin, options)
            if not options:
                self._note.setText(
                    self.tr("This picture cannot be fixed automatically; please choose another one.")
                )
                return
        self._note.setText(image.note or (self.tr("Uploaded when you submit.") if not image.is_url else ""))

    def _scale_preview(self) -> None:
        show_fitted(self._preview, self._pixmap, self.devicePixelRatioF())
