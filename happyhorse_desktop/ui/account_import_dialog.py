"""File ▸ Import from my EvoLink account… (``accountImportDialog``): the account's recent HappyHorse tasks
that are not in the history — made in EvoLink's web playground, say, which keeps only 20 — with how long
each video's link still lives, and a button that saves the chosen ones here before the links expire.

The finding and saving are the engine's (:mod:`happyhorse_desktop.tasks.account_import`); this dialog
only shows and asks. It is built when first opened (never at start-up).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop import formatting
from happyhorse_desktop.tasks.account_import import (
    AccountImporter,
    AccountListing,
    AccountTask,
    ListingUnavailable,
)
from happyhorse_desktop.ui.background import ERROR_STYLE, WARNING_STYLE, async_slot, user_message
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.vocabulary import model_label

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine


class AccountImportDialog(QDialog):
    sig_imported = Signal(list)
    """Rows were written for the chosen tasks (their local ids); their videos are being saved."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountImportDialog")
        self.setWindowTitle(self.tr("Import from my EvoLink account"))
        self.resize(760, 420)
        self.importer = AccountImporter(engine.manager, lambda: engine.client)
        self.listing: AccountListing | None = None
        intro = QLabel(
            self.tr(
                "HappyHorse videos made with your account elsewhere (EvoLink's web playground keeps only 20) "
                "that are not in your history. Their links expire 24 hours after they were made: save them "
                "here, with their details beside them."
            )
        )
        intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("importWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("accountTasks")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Made"), self.tr("Route"), self.tr("Status"), self.tr("Link")]
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = QPushButton(icon("download"), self.tr("&Save the checked videos"))
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.import_checked)
        self.refresh_button = QPushButton(icon("rotate-ccw"), self.tr("&Look again"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._show(None)

    def present_error(self, exc: BaseException) -> None:
        """Errors of the dialog's own work are said in the dialog."""
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(user_message(exc))
        self.refresh_button.setEnabled(True)

    def checked(self) -> list[AccountTask]:
        if self.listing is None:
            return []
        rows = range(self.table.rowCount())
        ticked = {r for r in rows if self.table.item(r, 0).checkState() == Qt.CheckState.Checked}
        return [task for row, task in enumerate(self.listing.tasks) if row in ticked]

    @async_slot
    async def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Looking at your EvoLink account…"))
        try:
            listing = await self.importer.find()
        except ListingUnavailable as exc:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(str(exc))
            listing = None
        finally:
            self.refresh_button.setEnabled(True)
        self._show(listing)

    @async_slot
    async def import_checked(self) -> None:
        chosen = self.checked()
        self.import_button.setEnabled(False)
        task_ids = await self.importer.save(chosen)
        self.sig_imported.emit(task_ids)
        await self.refresh()
        added = self.tr("%n videos added to your history: they are being saved now.", "", len(task_ids))
        self.status.setText(added + "\n" + self.status.text())

    # -- showing ----------------------------------------------------------------------------------

    def _show(self, listing: AccountListing | None) -> None:
        self.listing = listing
        tasks = listing.tasks if listing else []
        self.table.setRowCount(len(tasks))
        for row, task in enumerate(tasks):
            self._fill_row(row, task)
        self.table.resizeColumnsToContents()
        soon = [t for t in tasks if t.importable and t.expiring_soon]
        self.warning.setText(
            self.tr("⚠ %n of these videos expire within 3 hours: save them now.", "", len(soon))
            if soon
            else ""
        )
        self.warning.setVisible(bool(soon))
        self.import_button.setEnabled(any(t.importable for t in tasks))
        if listing is not None:
            self.status.setText(self._summary(listing))

    def _fill_row(self, row: int, task: AccountTask) -> None:
        made = QTableWidgetItem(formatting.moment(task.task.created or time.time()))
        made.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        made.setCheckState(Qt.CheckState.Checked if task.importable else Qt.CheckState.Unchecked)
        link = QTableWidgetItem(self._link_text(task))
        if task.expiring_soon:
            link.setForeground(Qt.GlobalColor.darkRed)
        items = [
            made,
            QTableWidgetItem(model_label(task.task.model or "")),
            QTableWidgetItem(task.task.status),
            link,
        ]
        for column, item in enumerate(items):
            if not task.importable:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown, greyed, cannot be ticked
                item.setToolTip(self._link_text(task))
            self.table.setItem(row, column, item)

    def _link_text(self, task: AccountTask) -> str:
        if task.held_back_for is not None:
            return self.tr(
                "Held back: it may be the answer to your task {id}, whose submission's outcome is unknown. "
                "Check that task first."
            ).format(id=task.held_back_for)
        if task.hours_left is None:
            return self.tr("Still running: saved when it is done")
        text = self.tr("about {hours} h left").format(hours=formatting.number(task.hours_left, 1))
        return text + (" — " + self.tr("expires soon") if task.expiring_soon else "")

    def _summary(self, listing: AccountListing) -> str:
        parts = [self.tr("{count} not in your history").format(count=len(listing.tasks))]
        for count, text in (
            (listing.in_history, self.tr("{count} already in it")),
            (listing.other_models, self.tr("{count} of other models")),
            (listing.without_video, self.tr("{count} without a video")),
            (listing.expired, self.tr("{count} whose link has lapsed")),
        ):
            if count:
                parts.append(text.format(count=count))
        return " · ".join(parts)
