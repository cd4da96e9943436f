"""Generate from the main window: one submission at a time (a second click or Ctrl+Enter while one is on
its way must not pay twice), a question before spending more than the balance, then the task selected
and the balance read again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.ui.background import async_slot

# Its messages keep the main window's translation context, where they were first said.

if TYPE_CHECKING:
    from happyhorse_desktop.tasks.params import SubmitParams
    from happyhorse_desktop.ui.main_window import MainWindow


class SubmitFlow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.busy = False
        """A submission is on its way (uploading, sending): Generate waits for it."""

    def present_error(self, exc: BaseException) -> None:
        self.window.present_error(exc)

    def submit(self) -> None:
        window = self.window
        window.update_submit()
        if not window.composer.submit_button.isEnabled():
            return
        params = window.actions.tools.chained(window.composer.params())
        credits = window.composer.estimated_credits() or 0.0
        balance = window.account.balance
        if balance is not None and credits > balance:
            text = translate(
                "MainWindow",
                "This task is estimated at {credits} credits, but the balance is {balance}. Submit anyway?",
            ).format(credits=format_credits(credits), balance=format_credits(balance))
            self.confirm("overBalanceBox", translate("MainWindow", "Not enough credits?"), text, params)
            return
        self._start(params)

    def confirm(self, name: str, title: str, text: str, params: SubmitParams) -> None:
        """Ask before spending money; submit only on Yes. open(), not exec(): no nested event loop."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName(name)
        box.accepted.connect(lambda: self._start(params))
        box.open()

    def _start(self, params: SubmitParams) -> None:
        if self.busy:
            self.window.say(
                translate("MainWindow", "A submission is already being sent; wait for it to finish."), 5000
            )
            return
        self.busy = True
        self.window.update_submit()
        self.window.composer.sent(params)
        self._send(params)

    @async_slot
    async def _send(self, params: SubmitParams) -> None:
        window = self.window
        try:
            record = await window.manager.submit(params)
        finally:
            self.busy = False
            window.update_submit()
        window.select_task(record.id)
        if record.server_id:
            window.say(translate("MainWindow", "Submitted as {task}.").format(task=record.server_id), 8000)
        window.account.refresh_balance()
