"""The batch composer's first way of making takes: pictures × prompts × seeds.

Pictures are dropped (files, or folders: their pictures) or picked; prompts are blocks separated by a
blank line, ``{name}`` in a prompt is filled from a variable's values (every combination); seeds are N
random ones per picture and prompt, or a list (``1, 2, 42, 100-104``). A dropped CSV file is handed to
the composer (:attr:`ComposeTab.sig_csv_dropped`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop.tasks.takes import (
    IMAGE_SUFFIXES,
    Defaults,
    Draft,
    compose,
    fill,
    images_in,
    parse_seeds,
    parse_variables,
    prompt_blocks,
)


def open_file_dialog(
    parent: QWidget, title: str, mode: QFileDialog.FileMode, name_filter: str = ""
) -> QFileDialog:
    """A file dialog shown with ``open()`` (never ``exec()``: no nested event loop); connect to its
    ``fileSelected``/``filesSelected``."""
    dialog = QFileDialog(parent, title, str(Path.home()), name_filter)
    dialog.setFileMode(mode)
    dialog.open()
    return dialog


class PictureList(QListWidget):
    """The batch's pictures; accepts drops of local files and folders."""

    sig_paths_dropped = Signal(list)
    """Local paths dropped on the list (files and folders, as dropped)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("batchImages")
        self.setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.sig_paths_dropped.emit(paths)

    def add_path(self, path: str) -> None:
        """Show the picture by name (the whole path in its tooltip)."""
        item = QListWidgetItem(Path(path).name)
        item.setData(Qt.ItemDataRole.UserRole, path)
        item.setToolTip(path)
        self.addItem(item)

    def path_at(self, row: int) -> str:
        return str(self.item(row).data(Qt.ItemDataRole.UserRole))

    def paths(self) -> list[str]:
        return [self.path_at(i) for i in range(self.count())]


class ComposeTab(QWidget):
    sig_changed = Signal()
    """The pictures, prompts, variables or seeds changed."""
    sig_csv_dropped = Signal(str)
    """A CSV file was dropped among the pictures (its path)."""

    def __init__(self) -> None:
        super().__init__()
        self.pictures = PictureList()
        self.pictures.sig_paths_dropped.connect(self.add_paths)
        add = QPushButton(self.tr("Add pictures…"))
        add.setObjectName("addPicturesButton")
        add.clicked.connect(self._pick_pictures)
        folder = QPushButton(self.tr("Add a folder…"))
        folder.setObjectName("addFolderButton")
        folder.clicked.connect(self._pick_folder)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(
            lambda: self.remove_pictures({i.text() for i in self.pictures.selectedItems()})
        )
        self.prompts = QPlainTextEdit()
        self.prompts.setObjectName("batchPrompts")
        self.prompts.setPlaceholderText(
            self.tr("One prompt per block, a blank line between blocks. {animal} is filled from a variable.")
        )
        self.variables = QPlainTextEdit()
        self.variables.setObjectName("batchVariables")
        self.variables.setPlaceholderText(self.tr("animal = horse | zebra | unicorn"))
        self.variables.setMaximumHeight(70)
        self.seeds_random = QRadioButton(self.tr("Random seeds, per picture and prompt:"))
        self.seeds_random.setObjectName("seedsRandom")
        self.seeds_random.setChecked(True)
        self.seeds_each = QSpinBox()
        self.seeds_each.setObjectName("seedsEach")
        self.seeds_each.setRange(1, 50)
        self.seeds_list = QRadioButton(self.tr("These seeds:"))
        self.seeds_list.setObjectName("seedsList")
        self.seeds_edit = QLineEdit()
        self.seeds_edit.setObjectName("seedsEdit")
        self.seeds_edit.setPlaceholderText("1, 2, 42, 100-104")
        self.seeds_edit.textEdited.connect(
            lambda _t: self.seeds_list.setChecked(True)
        )  # typing seeds picks them
        for signal in (
            self.prompts.textChanged,
            self.variables.textChanged,
            self.seeds_random.toggled,
            self.seeds_each.valueChanged,
            self.seeds_edit.textChanged,
        ):
            signal.connect(lambda *_: self.sig_changed.emit())

        self._lay_out(add, folder, remove)

    def _lay_out(self, *picture_buttons: QPushButton) -> None:
        pictures_box = QVBoxLayout()
        pictures_box.addWidget(QLabel(self.tr("Pictures (drop files or folders here)")))
        pictures_box.addWidget(self.pictures, 1)
        row = QHBoxLayout()
        for button in picture_buttons:
            row.addWidget(button)
        pictures_box.addLayout(row)
        words = QGridLayout()
        words.addWidget(QLabel(self.tr("Prompts")), 0, 0)
        words.addWidget(self.prompts, 1, 0, 1, 3)
        words.addWidget(QLabel(self.tr("Variables")), 2, 0)
        words.addWidget(self.variables, 3, 0, 1, 3)
        words.addWidget(self.seeds_random, 4, 0)
        words.addWidget(self.seeds_each, 4, 1)
        words.addWidget(self.seeds_list, 5, 0)
        words.addWidget(self.seeds_edit, 5, 1, 1, 2)
        layout = QHBoxLayout(self)
        layout.addLayout(pictures_box, 2)
        layout.addLayout(words, 3)

    def add_paths(self, paths: list[str]) -> None:
        """Add pictures; a folder adds the pictures in it; a CSV file is handed on."""
        csvs = [p for p in paths if p.lower().endswith(".csv")]
        if csvs:
            self.sig_csv_dropped.emit(csvs[0])
            return
        present = set(self.pictures.paths())
        for path in paths:
            for image in images_in(Path(path)) if Path(path).is_dir() else [path]:
                if image not in present and Path(image).suffix.lower() in IMAGE_SUFFIXES:
                    self.pictures.add_path(image)
                    present.add(image)
        self.sig_changed.emit()

    def remove_pictures(self, paths: set[str]) -> None:
        for row in reversed(range(self.pictures.count())):
            if self.pictures.path_at(row) in paths:
                self.pictures.takeItem(row)
        self.sig_changed.emit()

    def _pick_pictures(self) -> None:
        title, kinds = self.tr("Add pictures"), self.tr("Pictures (*.jpg *.jpeg *.png *.webp)")
        open_file_dialog(self, title, QFileDialog.FileMode.ExistingFiles, kinds).filesSelected.connect(
            self.add_paths
        )

    def _pick_folder(self) -> None:
        dialog = open_file_dialog(self, self.tr("Add a folder of pictures"), QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(lambda path: self.add_paths([path]))

    def drafts(self, defaults: Defaults, fixed: dict[str, str]) -> list[Draft]:
        """The takes the inputs describe (unchecked), pictures replaced by their fixed copies. Raises
        ``ValueError`` for input that is not understood (a variable without values, a bad seed…)."""
        variables = parse_variables(self.variables.toPlainText())
        prompts = [p for block in prompt_blocks(self.prompts.toPlainText()) for p in fill(block, variables)]
        seeds = parse_seeds(self.seeds_edit.text()) if self.seeds_list.isChecked() else []
        if self.seeds_list.isChecked() and not seeds:
            raise ValueError(self.tr("Type at least one seed, or choose random seeds."))
        pictures = [fixed.get(p, p) for p in self.pictures.paths()]
        return compose(pictures, prompts, defaults, seeds=seeds, seeds_each=self.seeds_each.value())
