"""The batch composer's first way of making takes: inputs × prompts × seeds.

What an input is follows the batch's route (:meth:`ComposeTab.show_route`): for image-to-video each
picture is a take's first frame; text-to-video takes no pictures (the list is put away: prompts × seeds);
reference-to-video uses all the pictures in every take (character1, character2… in the list's order);
video-edit takes one video each. Inputs are dropped (files, or folders: what they hold) or picked; a
route's inputs stay in the list while another route is shown. Prompts are blocks separated by a blank
line, ``{name}`` in a prompt is filled from a variable's values (every combination); seeds are N random
ones per input and prompt, or a list (``1, 2, 42, 100-104``). A dropped CSV file is handed to the
composer (:attr:`ComposeTab.sig_csv_dropped`).
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

from happyhorse_desktop.routes import Mode, Route
from happyhorse_desktop.tasks.takes import (
    IMAGE_SUFFIXES,
    VIDEO_SUFFIXES,
    Defaults,
    Draft,
    compose,
    fill,
    media_in,
    parse_seeds,
    parse_variables,
    prompt_blocks,
    with_fixes,
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
        """The inputs the list shows (those of the route's kind), in order."""
        return [self.path_at(i) for i in range(self.count()) if not self.item(i).isHidden()]

    def show_kind(self, suffixes: tuple[str, ...]) -> None:
        """Show only the files with these extensions; the others stay for when their route returns."""
        for row in range(self.count()):
            self.item(row).setHidden(Path(self.path_at(row)).suffix.lower() not in suffixes)


class ComposeTab(QWidget):
    sig_changed = Signal()
    """The pictures, prompts, variables or seeds changed."""
    sig_csv_dropped = Signal(str)
    """A CSV file was dropped among the pictures (its path)."""

    def __init__(self) -> None:
        super().__init__()
        self.mode = Mode.IMAGE
        self.pictures = PictureList()
        self.pictures.sig_paths_dropped.connect(self.add_paths)
        self.add_button = QPushButton(self.tr("Add pictures…"))
        self.add_button.setObjectName("addPicturesButton")
        self.add_button.clicked.connect(self._pick_pictures)
        folder = QPushButton(self.tr("Add a folder…"))
        folder.setObjectName("addFolderButton")
        folder.clicked.connect(self._pick_folder)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(
            lambda: self.remove_pictures(
                {str(i.data(Qt.ItemDataRole.UserRole)) for i in self.pictures.selectedItems()}
            )
        )
        self.inputs_label = QLabel()
        self.inputs_label.setObjectName("batchInputsLabel")
        self.inputs_label.setWordWrap(True)
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

        self._lay_out(self.add_button, folder, remove)
        self.show_route(None)

    def _lay_out(self, *picture_buttons: QPushButton) -> None:
        self.inputs_box = QWidget()
        self.inputs_box.setObjectName("batchInputsBox")
        pictures_box = QVBoxLayout(self.inputs_box)
        pictures_box.setContentsMargins(0, 0, 0, 0)
        pictures_box.addWidget(self.inputs_label)
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
        self.text_tip = QLabel(
            self.tr(
                "Text → Video takes no pictures: every prompt (and seed) is a take; the prompt is the video."
            )
        )
        self.text_tip.setObjectName("batchTextTip")
        self.text_tip.setWordWrap(True)
        self.text_tip.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QHBoxLayout(self)
        layout.addWidget(self.inputs_box, 2)
        layout.addWidget(self.text_tip, 2)
        layout.addLayout(words, 3)

    def show_route(self, route: Route | None) -> None:
        """Ask for what ``route`` takes (first frames, characters, videos to edit, or nothing)."""
        self.mode = route.mode if route is not None else Mode.IMAGE
        labels = {
            Mode.IMAGE: self.tr("Pictures, one take each (drop files or folders here)"),
            Mode.REFERENCE: self.tr(
                "Reference pictures, in order: character1, character2… (up to 9; every take uses them all)"
            ),
            Mode.EDIT: self.tr("Videos to edit, MP4 or MOV, one take each (drop files or folders here)"),
        }
        self.inputs_label.setText(labels.get(self.mode, ""))
        self.add_button.setText(
            self.tr("Add videos…") if self.mode is Mode.EDIT else self.tr("Add pictures…")
        )
        self.pictures.show_kind(self.suffixes())
        self.inputs_box.setVisible(self.mode is not Mode.TEXT)
        self.text_tip.setVisible(self.mode is Mode.TEXT)

    def suffixes(self) -> tuple[str, ...]:
        """The files the shown route takes as inputs."""
        return VIDEO_SUFFIXES if self.mode is Mode.EDIT else IMAGE_SUFFIXES

    def add_paths(self, paths: list[str]) -> None:
        """Add the route's inputs (pictures, or videos to edit); a folder adds those in it; a CSV file
        is handed on."""
        csvs = [p for p in paths if p.lower().endswith(".csv")]
        if csvs:
            self.sig_csv_dropped.emit(csvs[0])
            return
        suffixes = self.suffixes()
        present = set(self.pictures.paths())
        for path in paths:
            for item in media_in(Path(path), suffixes) if Path(path).is_dir() else [path]:
                if item not in present and Path(item).suffix.lower() in suffixes:
                    self.pictures.add_path(item)
                    present.add(item)
        self.sig_changed.emit()

    def remove_pictures(self, paths: set[str]) -> None:
        for row in reversed(range(self.pictures.count())):
            if self.pictures.path_at(row) in paths:
                self.pictures.takeItem(row)
        self.sig_changed.emit()

    def _pick_pictures(self) -> None:
        if self.mode is Mode.EDIT:
            title, kinds = self.tr("Add videos to edit"), self.tr("Videos (*.mp4 *.mov)")
        else:
            title, kinds = self.tr("Add pictures"), self.tr("Pictures (*.jpg *.jpeg *.png *.webp)")
        open_file_dialog(self, title, QFileDialog.FileMode.ExistingFiles, kinds).filesSelected.connect(
            self.add_paths
        )

    def _pick_folder(self) -> None:
        title = (
            self.tr("Add a folder of videos")
            if self.mode is Mode.EDIT
            else self.tr("Add a folder of pictures")
        )
        dialog = open_file_dialog(self, title, QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(lambda path: self.add_paths([path]))

    def drafts(self, defaults: Defaults, fixed: dict[str, str]) -> list[Draft]:
        """The takes the inputs describe (unchecked), pictures replaced by their fixed copies. Raises
        ``ValueError`` for input that is not understood (a variable without values, a bad seed…)."""
        variables = parse_variables(self.variables.toPlainText())
        prompts = [p for block in prompt_blocks(self.prompts.toPlainText()) for p in fill(block, variables)]
        seeds = parse_seeds(self.seeds_edit.text()) if self.seeds_list.isChecked() else []
        if self.seeds_list.isChecked() and not seeds:
            raise ValueError(self.tr("Type at least one seed, or choose random seeds."))
        inputs = [] if self.mode is Mode.TEXT else self.pictures.paths()
        drafts = compose(inputs, prompts, defaults, seeds=seeds, seeds_each=self.seeds_each.value())
        for draft in drafts:
            draft.params = with_fixes(draft.params, fixed)
        return drafts
