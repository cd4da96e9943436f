"""Picture slots for the routes that take several pictures: reference-to-video's characters (up to 9,
``character1…9``, each name a button that writes it into the prompt) and a video edit's references (up
to 5).

The slots are filled in order — the request's order is what names them — from drops (several files at
once fill the following slots), a file picker or a click on an empty slot; removing one moves the later
ones up. Each picture is checked against the slot's rule (:class:`~happyhorse_desktop.routes.ImageRule`)
by its header, and previewed, in worker threads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop.imagefix import load_preview
from happyhorse_desktop.routes import ImageRule
from happyhorse_desktop.tasks.record import is_url
from happyhorse_desktop.ui.background import ERROR_STYLE, start, to_thread
from happyhorse_desktop.ui.drop_zone import FileDropTarget
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.validation import ImageCheck, check_image_file

if TYPE_CHECKING:
    import asyncio

SLOT_SIZE = QSize(72, 54)
COLUMNS = 4
IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.webp);;All files (*)"


@dataclass(eq=False)  # compared by identity: a check that ends late must find its own picture
class SlotImage:
    source: str  # a local path or an http(s) URL, as it will be sent
    check: ImageCheck | None = None  # None while being read, and for a URL (EvoLink fetches it)
    preview: QImage | None = None
    busy: bool = True


class ImageSlot(FileDropTarget, QFrame):
    """One slot: its picture (or a "+"), a remove button, and clicks and drops for the owner to handle."""

    sig_clicked = Signal(int)
    """An empty slot was clicked (its index): pick a file for it."""
    sig_dropped = Signal(int, list)
    """Files or links were dropped on the slot (its index, the sources in order)."""
    sig_cleared = Signal(int)
    """The slot's remove button was pressed (its index)."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName(f"imageSlot{index + 1}")
        self.setAcceptDrops(True)
        self.setFixedSize(SLOT_SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setGeometry(2, 2, SLOT_SIZE.width() - 4, SLOT_SIZE.height() - 4)
        self.remove = QToolButton(self)
        self.remove.setObjectName(f"removeSlot{index + 1}")
        self.remove.setIcon(icon("x"))
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(self.tr("Remove this picture (the next ones move up)"))
        self.remove.move(SLOT_SIZE.width() - 24, 2)
        self.remove.clicked.connect(lambda: self.sig_cleared.emit(self.index))
        self.show_image(None)

    def show_image(self, image: SlotImage | None) -> None:
        faulty = image is not None and image.check is not None and not image.check.ok
        colour = "#e0533d" if faulty else "palette(mid)"
        style = "solid" if image is not None else "dashed"
        self.setStyleSheet(f"ImageSlot {{ border: 2px {style} {colour}; border-radius: 6px; }}")
        self.remove.setVisible(image is not None)
        self.picture.setPixmap(QPixmap())
        if image is None:
            self.picture.setText("+")
            self.setToolTip(self.tr("Drop pictures here, or click to choose"))
        elif image.busy:
            self.picture.setText("…")
        elif image.preview is not None and not image.preview.isNull():
            pixmap = QPixmap.fromImage(image.preview).scaled(
                self.picture.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.picture.setPixmap(pixmap)
        else:
            self.picture.setText(self.tr("link") if is_url(image.source) else "?")
        if image is not None:
            problems = image.check.problems if image.check is not None else []
            self.setToolTip("\n".join([image.source, *problems]))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.sig_clicked.emit(self.index)

    def take_dropped(self, sources: list[str]) -> None:
        self.sig_dropped.emit(self.index, sources)


class ReferenceSlots(FileDropTarget, QWidget):
    sig_changed = Signal()
    """A picture was added, removed or finished being checked."""
    sig_name_clicked = Signal(str)
    """A slot's name was clicked ("character2"): write it into the prompt."""

    def __init__(
        self, rule: ImageRule, *, named: bool, object_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAcceptDrops(True)
        self.rule = rule
        self.named = named
        self._images: list[SlotImage] = []
        self._cells: list[QWidget] = []
        self.slots: list[ImageSlot] = []
        grid = QGridLayout()
        grid.setSpacing(6)
        for index in range(rule.max_count):
            grid.addWidget(self._cell(index), index // COLUMNS, index % COLUMNS)
        self.problem_label = QLabel()
        self.problem_label.setObjectName(f"{object_name}Problems")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.problem_label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._render()

    def _cell(self, index: int) -> QWidget:
        cell = QWidget()
        slot = ImageSlot(index)
        slot.sig_clicked.connect(self._clicked)
        slot.sig_dropped.connect(self.put)
        slot.sig_cleared.connect(self.remove)
        self.slots.append(slot)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(slot, 0, Qt.AlignmentFlag.AlignHCenter)
        name = self.slot_name(index)
        if self.named:
            button = QToolButton()
            button.setObjectName(f"characterButton{index + 1}")
            button.setText(name)
            button.setAutoRaise(True)
            button.setToolTip(self.tr("Write {name} into the prompt at the cursor").format(name=name))
            button.clicked.connect(lambda _=False, n=name: self.sig_name_clicked.emit(n))
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        else:
            label = QLabel(name)
            label.setEnabled(False)
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self._cells.append(cell)
        return cell

    def slot_name(self, index: int) -> str:
        """What slot ``index`` is called: ``character1`` (the prompt's word), or "Reference 1"."""
        if self.named:
            return f"character{index + 1}"
        return self.tr("Reference {number}").format(number=index + 1)

    # -- the pictures -------------------------------------------------------------------------

    def sources(self) -> list[str]:
        return [image.source for image in self._images]

    def is_busy(self) -> bool:
        return any(image.busy for image in self._images)

    def problems(self) -> list[str]:
        """Each picture's problems, named by its slot; "reading" while a check runs."""
        if self.is_busy():
            return [self.tr("Reading the pictures…")]
        found = []
        for index, image in enumerate(self._images):
            for problem in image.check.problems if image.check is not None else []:
                found.append(f"{self.slot_name(index)}: {problem}")
        return found

    def warnings(self) -> list[str]:
        found = []
        for index, image in enumerate(self._images):
            for warning in image.check.warnings if image.check is not None else []:
                found.append(f"{self.slot_name(index)}: {warning}")
        return found

    def load(self, sources: Sequence[str]) -> None:
        """Show these pictures in order (an earlier task's, say); the rest of the slots empty."""
        self._images = []
        self.put(0, list(sources))

    def clear(self) -> None:
        self.load([])

    def put(self, index: int, sources: list[str]) -> None:
        """Fill slots from ``index`` on (replacing what is there), as far as there are slots."""
        index = min(index, len(self._images))
        for source in sources:
            if index >= self.rule.max_count:
                break
            image = SlotImage(source)
            if index < len(self._images):
                self._images[index] = image
            else:
                self._images.append(image)
            self._inspect(image)
            index += 1
        self._render()
        self.sig_changed.emit()

    def remove(self, index: int) -> None:
        if index < len(self._images):
            del self._images[index]
            self._render()
            self.sig_changed.emit()

    def _clicked(self, index: int) -> None:
        dialog = QFileDialog(self, self.tr("Choose pictures"), "", IMAGE_FILTER)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda paths: self.put(index, list(paths)))
        dialog.open()  # not exec(): no nested event loop inside the asyncio loop

    def take_dropped(self, sources: list[str]) -> None:
        """Dropped between the slots: added after the last picture."""
        self.put(len(self._images), sources)

    # -- checking and showing -----------------------------------------------------------------

    def _inspect(self, image: SlotImage) -> asyncio.Task[None] | None:
        if is_url(image.source):
            image.busy = False  # sent as is: EvoLink fetches it (and fails the task if it cannot)
            return None

        async def inspect() -> None:
            path = Path(image.source)
            check = await to_thread(check_image_file, path, self.rule)
            preview = await to_thread(load_preview, path, 2 * SLOT_SIZE.width()) if check.info else None
            image.check, image.preview, image.busy = check, preview, False
            if image in self._images:
                self._render()
                self.sig_changed.emit()

        def failed(exc: BaseException) -> None:
            image.check, image.busy = ImageCheck(None, [str(exc)]), False
            self._render()
            self.sig_changed.emit()

        return start(inspect(), on_error=failed)

    def _render(self) -> None:
        shown = min(len(self._images) + 1, self.rule.max_count)  # the pictures and one empty slot
        for index, (cell, slot) in enumerate(zip(self._cells, self.slots, strict=True)):
            cell.setVisible(index < shown)
            slot.show_image(self._images[index] if index < len(self._images) else None)
        problems = self.problems() if not self.is_busy() else []
        self.problem_label.setText("\n".join(f"• {p}" for p in problems))
        self.problem_label.setVisible(bool(problems))
