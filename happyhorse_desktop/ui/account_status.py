"""The status bar's account corner: which key is in use (and whether it works) and the balance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QStatusBar

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.api.models import Credits
from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.secrets import KeySource, mask_key
from happyhorse_desktop.ui.background import ERROR_STYLE, async_slot, user_message

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine


class AccountStatus(QObject):
    sig_balance_changed = Signal()
    """A new balance (or its absence) is known: the cost line may compare against it."""
    sig_message = Signal(str)
    """Something the user must read now (the key was refused): the window shows it in the status bar."""

    def __init__(self, engine: Engine, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.engine = engine
        self.credits: Credits | None = None
        self.key_refused = False
        """EvoLink refused the current key (HTTP 401) the last time the balance was asked."""
        if engine.config.demo:
            badge = QLabel(self.tr(" DEMO — simulated, nothing is billed "))
            badge.setObjectName("demoBadge")
            badge.setStyleSheet(
                "background: #ff9800; color: black; font-weight: bold; border-radius: 4px;padding: 1px 6px;"
            )
            bar.addPermanentWidget(badge)
        self.key_label = QLabel()
        self.key_label.setObjectName("keyLabel")
        bar.addPermanentWidget(self.key_label)
        self.balance_label = QLabel(self.tr("Balance: …"))
        self.balance_label.setObjectName("balanceLabel")
        bar.addPermanentWidget(self.balance_label)
        self.show_key()

    @property
    def balance(self) -> float | None:
        return self.credits.balance if self.credits else None

    def show_key(self) -> None:
        keys = self.engine.keys
        if self.engine.config.demo:
            text = self.tr("Demo key")
        elif keys.pending:
            text = self.tr("Reading the API key from the keychain…")
        elif keys.problem:
            text = self.tr("Key unusable — see Settings")
            self.key_label.setToolTip(keys.problem)
        else:
            key, source = keys.current(), keys.source
            if not key:
                text = self.tr("No API key — File ▸ Settings")
            elif self.key_refused:
                text = self.tr("Key {key} refused by EvoLink").format(key=mask_key(key))
            elif source is KeySource.SESSION:
                text = self.tr("Key {key} (this session only)").format(key=mask_key(key))
            elif source is KeySource.ENVIRONMENT:
                text = self.tr("Key {key} (from EVOLINK_API_KEY)").format(key=mask_key(key))
            else:
                text = self.tr("Key {key}").format(key=mask_key(key))
        self.key_label.setText(text)
        self.key_label.setStyleSheet(ERROR_STYLE if self.key_refused or keys.problem else "")

    @async_slot
    async def refresh_balance(self) -> None:
        if self.engine.closed:
            return  # a task finished while the window was closing: nobody is left to tell
        if self.engine.key_problem():
            self.balance_label.setText(self.tr("Balance: no key"))
            return
        self.credits = await self.engine.client.get_credits()
        if self.key_refused:
            self.key_refused = False
            self.show_key()
        self.balance_label.setText(
            self.tr("Balance: {credits} credits").format(credits=format_credits(self.credits.balance))
        )
        self.balance_label.setToolTip("")
        self.sig_balance_changed.emit()

    def present_error(self, exc: BaseException) -> None:
        """Why the balance is unknown, said where the balance would be."""
        self.credits = None
        refused = isinstance(exc, EvoLinkError) and exc.kind is ErrorKind.AUTH
        if refused:
            text = self.tr("Balance: key refused")
            fix = self.tr("Enter a working key in File ▸ Settings.")
            if self.engine.keys.source is KeySource.ENVIRONMENT:
                text += self.tr(" (set by EVOLINK_API_KEY: change it there, not in Settings)")
                fix = self.tr("The key comes from EVOLINK_API_KEY: change that variable and restart.")
            if not self.key_refused:  # said once, when it is found out, not on every refresh
                self.sig_message.emit(f"{user_message(exc)} {fix}")
        else:
            text = self.tr("Balance: unavailable")  # the reason is in its tooltip
        self.key_refused = refused
        self.show_key()
        self.balance_label.setText(text)
        self.balance_label.setToolTip(user_message(exc))
        self.sig_balance_changed.emit()
