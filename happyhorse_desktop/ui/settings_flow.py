"""File ▸ Settings from the main window: open the dialog (after asking, off the UI thread, whether a
keychain exists), then apply what the user chose — the settings at once, the network settings and the
key (both may reach the keychain) one after the other, what each says shown together."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.secrets import KeySource, mask_key
from happyhorse_desktop.ui.background import async_slot, to_thread

if TYPE_CHECKING:
    import asyncio

    from happyhorse_desktop.ui.dialogs import SettingsValues
    from happyhorse_desktop.ui.main_window import MainWindow


class SettingsFlow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def present_error(self, exc: BaseException) -> None:
        self.window.present_error(exc)

    @async_slot
    async def open(self) -> None:
        engine = self.window.engine
        # Whether a keychain exists decides the "remember the key" default; finding out loads keyring's
        # backends and may talk to D-Bus, so it happens off the UI thread.
        keychain = await to_thread(engine.keys.keychain_available)
        from happyhorse_desktop.ui.dialogs import SettingsDialog
        from happyhorse_desktop.ui.network_settings import network_panel

        key = engine.keys.current()
        hint = (
            translate("MainWindow", "{key} — type to replace").format(key=mask_key(key))
            if key
            else "sk-evo-…"
        )
        dialog = SettingsDialog(
            engine.config.settings,
            keychain,
            hint,
            engine.test_key,
            self.window,
            key_from_environment=engine.keys.source is KeySource.ENVIRONMENT,
            tray_available=self.window.tray.available,
            network_panel=network_panel(engine),  # imported here: the check pulls in httpx
        )
        dialog.accepted.connect(lambda: self.apply(dialog.values()))
        dialog.open()

    def apply(self, values: SettingsValues) -> asyncio.Task[Any] | None:
        self.window.engine.apply_settings(values.settings)
        if values.network is not None or values.api_key:
            return self._save_keychain_parts(values)
        return None

    @async_slot
    async def _save_keychain_parts(self, values: SettingsValues) -> None:
        """The network settings, then the key, one after the other; what each says is shown together,
        the key's first, so neither hides the other."""
        engine = self.window.engine
        notes = []
        if values.network is not None:
            notes.append(await engine.save_network(values.network))
        if values.api_key:
            outcome = await engine.save_key(values.api_key, remember=values.remember_key)
            notes.insert(0, outcome.message)
            self.window.show_key_state()
            self.window.account.refresh_balance()
        self.window.say(" ".join(note for note in notes if note), 10000)
