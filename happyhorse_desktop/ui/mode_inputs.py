"""The composer's inputs, one page per mode (``modeInputs``): the first frame (the image panel), nothing
but a tip for text, the character slots for references, and for a video edit the video panel, its
reference slots and "keep the original sound".

Every page keeps its own inputs while another is shown, so switching modes and back loses nothing. Only
the shown page takes room: the others are hidden, not stacked (a ``QStackedWidget`` would ask for its
largest page's height, and its word-wrapped labels' height-for-width, whatever page is shown), so a
text-only composer gives the prompt the space.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from happyhorse_desktop.route_rules import VideoFacts
from happyhorse_desktop.routes import EDIT_REFERENCES, REFERENCES, VIDEO_EDIT, Mode
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.record import is_url
from happyhorse_desktop.ui.image_panel import ImagePanel

if TYPE_CHECKING:
    import httpx

    from happyhorse_desktop.ui.reference_slots import ReferenceSlots
    from happyhorse_desktop.ui.video_panel import VideoPanel

T = TypeVar("T")


class OnPage(Generic[T]):
    """An input that lives on a mode's page: reading it builds the page first (``inputs.references``
    works whether or not the reference page was ever shown). Stored as ``_<name>`` by the builder."""

    def __init__(self, mode: Mode) -> None:
        self.mode = mode

    def __set_name__(self, owner: type, name: str) -> None:
        self.stored_as = "_" + name

    def __get__(self, inputs: ModeInputs | None, owner: type | None = None) -> T:
        if inputs is None:  # read on the class (help(), autodoc): the descriptor itself
            return self  # type: ignore[return-value]
        inputs.page(self.mode)
        return getattr(inputs, self.stored_as)  # type: ignore[no-any-return]


class ModeInputs(QWidget):
    references: OnPage[ReferenceSlots] = OnPage(Mode.REFERENCE)
    video_panel: OnPage[VideoPanel] = OnPage(Mode.EDIT)
    edit_references: OnPage[ReferenceSlots] = OnPage(Mode.EDIT)
    keep_sound: OnPage[QCheckBox] = OnPage(Mode.EDIT)

    sig_changed = Signal()
    """An input of any page changed (or finished being checked)."""
    sig_name_clicked = Signal(str)
    """A character's name was clicked on the reference page: write it at the prompt's cursor."""

    def __init__(self, cache_dir: Path, http: Callable[[], httpx.AsyncClient], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("modeInputs")
        self.image_panel = ImagePanel(cache_dir, http)
        self.image_panel.sig_image_changed.connect(self.sig_changed)
        # A page is built when its mode is first shown (or its inputs first asked for): the window's
        # first paint shows one mode, and the reference slots and the video panel cost ~40 ms to build.
        self._builders: dict[Mode, Callable[[], QWidget]] = {
            Mode.TEXT: self._text_page,
            Mode.REFERENCE: self._reference_page,
            Mode.EDIT: self._edit_page,
        }
        self.pages: dict[Mode, QWidget] = {Mode.IMAGE: self.image_panel}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.image_panel)
        self.set_mode(Mode.IMAGE)

    def page(self, mode: Mode) -> QWidget:
        """``mode``'s page, built now if it never was (hidden until :meth:`set_mode` shows it)."""
        if mode not in self.pages:
            page = self._builders[mode]()
            page.setVisible(False)
            order = list(Mode)
            before = sum(order.index(built) < order.index(mode) for built in self.pages)
            self.pages[mode] = page
            self._layout.insertWidget(before, page)  # the pages keep the modes' order
            self._chain_focus(page)
        return self.pages[mode]

    def _chain_focus(self, page: QWidget) -> None:
        """Tab reaches a page built after the window where it would have, had it been built with it:
        after the first frame's inputs (after the mode switch), before the prompt — not after the task
        list, where a widget created late joins the focus chain."""

        def tabbable(widget: QWidget) -> list[QWidget]:
            return [w for w in widget.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]

        previous = (tabbable(self.image_panel) or [self.image_panel])[-1]
        for widget in tabbable(page):
            QWidget.setTabOrder(previous, widget)
            previous = widget

    def _text_page(self) -> QWidget:
        tip = QLabel(
            self.tr(
                "<b>Text → Video</b>: the prompt is the whole video. Describe the scene, the camera and the "
                "mood; shot by shot works well, e.g. “Shot 1 [0~3s] wide angle: …”."
            )
        )
        tip.setObjectName("textModeTip")
        tip.setWordWrap(True)
        return tip

    def _reference_page(self) -> QWidget:
        from happyhorse_desktop.ui.reference_slots import ReferenceSlots  # loaded with its page

        self._references = ReferenceSlots(REFERENCES, named=True, object_name="referenceSlots")
        self._references.sig_changed.connect(self.sig_changed)
        self._references.sig_name_clicked.connect(self.sig_name_clicked)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            self.tr(
                "Pictures of your characters, in order: the prompt calls them character1, character2… "
                "Click a name to write it at the cursor."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        layout.addWidget(self._references)
        layout.addStretch(1)
        return page

    def _edit_page(self) -> QWidget:
        """The video, the sound, and the optional reference pictures folded away until wanted (the
        composer must fit a 720 px window with the video's preview in it)."""
        from happyhorse_desktop.ui.reference_slots import ReferenceSlots  # loaded with its page
        from happyhorse_desktop.ui.video_panel import VideoPanel

        self._video_panel = VideoPanel(VIDEO_EDIT)
        self._video_panel.sig_video_changed.connect(self.sig_changed)
        self._edit_references = ReferenceSlots(EDIT_REFERENCES, named=False, object_name="editReferences")
        self._edit_references.sig_changed.connect(self.sig_changed)
        self._keep_sound = QCheckBox(self.tr("Keep the original &sound"))
        self._keep_sound.setObjectName("keepSoundCheck")
        self._keep_sound.setToolTip(self.tr("Otherwise EvoLink makes new audio for the edited video."))
        self._keep_sound.toggled.connect(self.sig_changed)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._video_panel, 1)
        row = QHBoxLayout()
        row.addWidget(self._keep_sound)
        row.addStretch(1)
        self.references_toggle = QToolButton()
        self.references_toggle.setObjectName("editReferencesToggle")
        self.references_toggle.setCheckable(True)
        self.references_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.references_toggle.toggled.connect(self._fold_references)
        row.addWidget(self.references_toggle)
        layout.addLayout(row)
        layout.addWidget(self._edit_references)
        self._edit_references.sig_changed.connect(self._count_references)
        self._count_references()
        self._fold_references(False)
        return page

    def _count_references(self) -> None:
        count = len(self._edit_references.sources())
        self.references_toggle.setText(self.tr("References ({count}/5)").format(count=count))
        if count and not self.references_toggle.isChecked():
            self.references_toggle.setChecked(True)  # pictures are never hidden

    def _fold_references(self, shown: bool) -> None:
        self._edit_references.setVisible(shown)
        self.references_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.references_toggle.setToolTip(self.tr("Optional pictures the edit may draw on (up to 5)"))

    def set_mode(self, mode: Mode) -> None:
        """Show ``mode``'s page; the others keep their inputs but take no room."""
        self.page(mode)
        for page_mode, page in self.pages.items():
            page.setVisible(page_mode is mode)

    # -- what a mode sends ----------------------------------------------------------------------

    def images(self, mode: Mode) -> tuple[str, ...]:
        if mode is Mode.IMAGE:
            source = self.image_panel.source()
            return (source,) if source else ()
        if mode is Mode.REFERENCE:
            return tuple(self.references.sources())
        if mode is Mode.EDIT:
            return tuple(self.edit_references.sources())
        return ()

    def video(self, mode: Mode) -> str | None:
        return self.video_panel.source() if mode is Mode.EDIT else None

    def video_facts(self, mode: Mode) -> VideoFacts | None:
        return self.video_panel.facts() if mode is Mode.EDIT else None

    def keeps_sound(self, mode: Mode) -> bool:
        return mode is Mode.EDIT and self.keep_sound.isChecked()

    def problems(self, mode: Mode) -> list[str]:
        """What keeps this mode's inputs from being sent (missing, being read, or refused)."""
        if mode is Mode.IMAGE:
            return list(self.image_panel.problems())
        if mode is Mode.REFERENCE:
            if not self.references.sources():
                return [self.tr("Add a picture of each character: drop them on the slots, or click one.")]
            return self.references.problems()
        if mode is Mode.EDIT:
            return [*self.video_panel.problems(), *self.edit_references.problems()]
        return []

    def warnings(self, mode: Mode) -> list[str]:
        """What this mode's inputs may suffer from, sent all the same (the video panel says its own)."""
        if mode is Mode.REFERENCE:
            return self.references.warnings()
        if mode is Mode.EDIT:
            return self.edit_references.warnings()
        return []

    def load(self, mode: Mode, params: SubmitParams) -> None:
        """Fill ``mode``'s page from an earlier task's parameters."""
        if mode is Mode.IMAGE:
            if not params.image:
                self.image_panel.clear()
            elif is_url(params.image):
                self.image_panel.load_url(params.image)
            else:
                self.image_panel.load_path(Path(params.image))
        elif mode is Mode.REFERENCE:
            self.references.load(params.images)
        elif mode is Mode.EDIT:
            if params.video:
                self.video_panel.load(params.video)
            else:
                self.video_panel.clear()
            self.edit_references.load(params.images)
            self.keep_sound.setChecked(params.keep_original_sound)
