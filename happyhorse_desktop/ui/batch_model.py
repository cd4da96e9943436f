"""``TakesModel``: the batch composer's table — one row per take, its settings, its estimated cost and
what is wrong with it. A thin adapter over a list of :class:`~happyhorse_desktop.tasks.takes.Draft`;
the composer replaces the list whenever its inputs change (a reset: the user changed the batch)."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.tasks.record import is_url
from happyhorse_desktop.tasks.takes import Draft
from happyhorse_desktop.ui.column_table import ColumnTableModel, ModelIndex


class TakeColumn(IntEnum):
    NUMBER = 0
    IMAGE = 1
    PROMPT = 2
    MODEL = 3
    QUALITY = 4
    DURATION = 5
    ASPECT = 6
    SEED = 7
    CREDITS = 8
    CHECK = 9


def inputs_text(draft: Draft) -> str:
    """A take's inputs, short: the video to edit and the pictures, by file name (links as they are)."""
    sources = [*([draft.params.video] if draft.params.video else []), *draft.params.images]
    return ", ".join(s if is_url(s) else Path(s).name for s in sources)


class TakesModel(ColumnTableModel):
    COLUMNS = TakeColumn

    def column_titles(self) -> list[str]:
        return [
            self.tr("Take"), self.tr("Inputs"), self.tr("Prompt"), self.tr("Model"), self.tr("Quality"),
            self.tr("Duration"), self.tr("Aspect"), self.tr("Seed"), self.tr("Credits"), self.tr("Check"),
        ]  # fmt: skip

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._drafts: list[Draft] = []
        self._checked = False

    def set_drafts(self, drafts: list[Draft], *, checked: bool) -> None:
        """Show these takes; ``checked``: their problems are known (else the last column says so)."""
        self.beginResetModel()
        self._drafts = drafts
        self._checked = checked
        self.endResetModel()

    def drafts(self) -> list[Draft]:
        return list(self._drafts)

    @property
    def checked(self) -> bool:
        return self._checked

    def total_credits(self) -> float:
        return sum(d.credits for d in self._drafts)

    def bad_count(self) -> int:
        return sum(1 for d in self._drafts if not d.ok)

    def fixable_count(self) -> int:
        return sum(1 for d in self._drafts if d.fixable)

    # -- the model API ------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._drafts)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self._drafts):
            return None
        draft = self._drafts[index.row()]
        column = TakeColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(draft, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is TakeColumn.CHECK:
                return "\n".join(draft.problems + draft.warnings) or None
            if column is TakeColumn.IMAGE:
                return "\n".join(
                    [*([draft.params.video] if draft.params.video else []), *draft.params.images]
                )
            if column is TakeColumn.PROMPT:
                return draft.params.prompt or None
        if role == Qt.ItemDataRole.ForegroundRole and column is TakeColumn.CHECK and draft.problems:
            dark = QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
            return QColor("#ff8a80") if dark else QColor("#c62828")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TakeColumn.CREDITS, TakeColumn.SEED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, draft: Draft, column: TakeColumn) -> str:
        p = draft.params
        if column is TakeColumn.NUMBER:
            return draft.origin
        if column is TakeColumn.IMAGE:
            return inputs_text(draft) or "—"
        if column is TakeColumn.PROMPT:
            return " ".join(p.prompt.split()) or self.tr("(no prompt)")
        if column is TakeColumn.MODEL:
            return p.model.removeprefix("happyhorse-")
        if column is TakeColumn.QUALITY:
            return p.quality
        if column is TakeColumn.DURATION:
            route = p.route
            if route is not None and route.duration is None and p.input_seconds is None:
                return "…"  # a video edit lasts as long as its source: known once the video is read
            return self.tr("{seconds} s").format(seconds=p.duration)
        if column is TakeColumn.ASPECT:
            return p.aspect_ratio or "—"
        if column is TakeColumn.SEED:
            return str(p.seed) if p.seed else self.tr("random")
        if column is TakeColumn.CREDITS:
            return format_credits(draft.credits)
        if not self._checked:
            return self.tr("checking…")
        if draft.problems:
            fix = self.tr("Fixable: ") if draft.fixable else ""
            return fix + "; ".join(draft.problems)
        return self.tr("ok") + (f" — {draft.warnings[0]}" if draft.warnings else "")
