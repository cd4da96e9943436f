"""The cost ledger: credits spent per day, week or month, per model and quality, what is still only
reserved beside what was charged — exportable as CSV. The sums are made in a worker thread on a
read-only connection of their own (:func:`happyhorse_desktop.tasks.budget.read_ledger`)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from happyhorse_desktop import formatting
from happyhorse_desktop.pricing import format_credits, usd_for_credits
from happyhorse_desktop.tasks.budget import LedgerLine, Period, read_ledger, write_ledger_csv
from happyhorse_desktop.tasks.queue_messages import credits_and_dollars
from happyhorse_desktop.ui.background import async_slot, show_error_box
from happyhorse_desktop.ui.widgets import choice_combo, push_button, read_only_table, save_file_dialog


class LedgerDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="ledgerDialog")
        self.setWindowTitle(self.tr("Cost ledger"))
        self._db_path = db_path
        self.lines: list[LedgerLine] = []
        self.period = choice_combo(
            "ledgerPeriod",
            (
                (self.tr("Per day"), Period.DAY.value),
                (self.tr("Per week"), Period.WEEK.value),
                (self.tr("Per month"), Period.MONTH.value),
            ),
        )
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.table = QStandardItemModel(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Period"),
                self.tr("Model"),
                self.tr("Quality"),
                self.tr("Tasks"),
                self.tr("Reserved"),
                self.tr("Charged"),
                self.tr("Total ($)"),
            ]
        )
        self.view = read_only_table("ledgerView", self.table)
        self.totals = QLabel()
        self.totals.setObjectName("ledgerTotals")
        export = push_button("exportLedgerButton", self.tr("Export CSV…"), self._pick_export)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(820, 460)
        self.reload()

    @async_slot
    async def reload(self) -> None:
        period = Period(self.period.currentData())
        self.lines = await asyncio.to_thread(read_ledger, self._db_path, period, time.time())
        self.table.setRowCount(0)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for line in self.lines:
            cells = [
                line.period,
                line.model,
                line.quality,
                str(line.tasks),
                format_credits(line.held),
                format_credits(line.charged),
                formatting.number(usd_for_credits(line.total), 2),
            ]
            items = [QStandardItem(text) for text in cells]
            for item in items[3:]:
                item.setTextAlignment(right)
            self.table.appendRow(items)
        charged, held = sum(x.charged for x in self.lines), sum(x.held for x in self.lines)
        self.totals.setText(
            self.tr("Charged {charged} · reserved now {held}").format(
                charged=credits_and_dollars(charged), held=credits_and_dollars(held)
            )
        )

    def _pick_export(self) -> None:
        save_file_dialog(
            self,
            self.tr("Export the ledger"),
            Path.home() / "ledger.csv",
            self.tr("CSV files (*.csv)"),
            self.export,
        )

    @async_slot
    async def export(self, path: Path) -> None:
        await asyncio.to_thread(write_ledger_csv, list(self.lines), path)

    def present_error(self, exc: BaseException) -> None:
        show_error_box(self, exc)
