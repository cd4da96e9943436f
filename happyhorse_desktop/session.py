"""The app's session on the qasync loop, from the first paint to quitting: the engine attached to the
window (or, when the history cannot be opened, one message that says what to do), the key read from the
keychain in a worker thread, the welcome when there is no key, and the wait until the window closes.

``app.main`` imports this module after the window's first paint: asyncio and the engine are not
needed to paint it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from asyncio import FIRST_COMPLETED
from typing import TYPE_CHECKING

from happyhorse_desktop import APP_NAME
from happyhorse_desktop.app import create_engine, needs_no_keychain

if TYPE_CHECKING:
    from happyhorse_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


async def open_window(window: MainWindow | None = None, **kwargs):  # type: ignore[no-untyped-def]
    """``window`` (or a new one) with its engine, or — when the history cannot be opened — one
    message that says what is wrong and what to do, shown while the event loop runs; None when the
    user quits."""
    from PySide6.QtWidgets import QMessageBox

    from happyhorse_desktop.history import describe_history_error, set_aside
    from happyhorse_desktop.i18n_core import translate
    from happyhorse_desktop.tasks.store import HistoryError

    while True:
        try:
            engine = create_engine(**kwargs)
        except HistoryError as exc:
            log.error("task history unusable: %s", exc)
            if window is not None:
                window.hide()
            box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, describe_history_error(exc, cli=False))
            box.setObjectName("historyErrorBox")
            fresh = None
            if not exc.newer_app:
                fresh = box.addButton(
                    translate("History", "Set it aside and start fresh"), QMessageBox.ButtonRole.AcceptRole
                )
            box.addButton(translate("History", "Quit"), QMessageBox.ButtonRole.RejectRole)
            await _exec_dialog(box)
            if fresh is None or box.clickedButton() is not fresh:
                if window is not None:
                    window.close()
                return None
            set_aside(exc.path)
            continue
        if window is None:
            from happyhorse_desktop.ui.main_window import MainWindow

            return MainWindow(engine)
        window.attach(engine)
        window.show()
        return window


async def _exec_dialog(dialog) -> int:  # type: ignore[no-untyped-def]
    """Show a dialog with open() and await its result, without nesting an event loop."""
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda result: future.done() or future.set_result(int(result)))
    dialog.open()
    return await future


async def _keychain_key(keys) -> str | None:  # type: ignore[no-untyped-def]
    """The key from the keychain, read in a worker thread: a locked keychain may ask the user, so this
    never runs on the UI thread and never waits forever. The thread is a daemon: quitting the app while
    the keychain's password prompt is still open must not keep the process alive."""
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[str | None] = loop.create_future()

    def deliver(key: str | None) -> None:
        if not answer.done():
            answer.set_result(key)

    def lookup() -> None:
        key = None
        try:
            key = keys.load()[0]
        except Exception as exc:  # keys.load() handles keychain errors; this is anything else
            log.warning("keychain lookup failed: %s", type(exc).__name__)
        with contextlib.suppress(RuntimeError):  # the app may have quit meanwhile (loop closed)
            loop.call_soon_threadsafe(deliver, key)

    threading.Thread(target=lookup, name="keychain-lookup", daemon=True).start()
    try:
        return await asyncio.wait_for(answer, 60)
    except TimeoutError:
        log.warning("no answer from the keychain within 60 s")
        keys.give_up()
        return None


async def _welcome(keys, window: MainWindow | None, closed: asyncio.Event) -> tuple[MainWindow | None, bool]:  # type: ignore[no-untyped-def]
    """No key anywhere: the welcome asks for one (saved to the keychain) or offers the demo. Returns the
    window to go on with (None: a new one is needed) and whether the user chose the demo."""
    from happyhorse_desktop.ui.dialogs import WelcomeDialog

    welcome = WelcomeDialog(window)
    result = await _exec_dialog(welcome)
    if result == WelcomeDialog.ENTER_KEY:
        await asyncio.to_thread(keys.save, welcome.cleaned_key)
    elif result == WelcomeDialog.DEMO and window is not None and not closed.is_set():
        # The demo has its own history: swap the real window for a demo one.
        window.sig_closed.disconnect(closed.set)
        window.close()
        await window.wait_closed()
        window = None
    return window, result == WelcomeDialog.DEMO


async def run(demo: bool, keys=None, first: MainWindow | None = None) -> int:  # type: ignore[no-untyped-def]
    """``first``: the window ``app.show_first_window`` showed and painted before the loop ran, still
    without its engine; it gets one now."""
    from happyhorse_desktop.config import load_config
    from happyhorse_desktop.secrets import KeyStore

    keys = keys or KeyStore()
    closed = asyncio.Event()  # the window the user is looking at was closed: time to quit
    window = None

    def show(new_window):  # type: ignore[no-untyped-def]
        new_window.sig_closed.connect(closed.set)
        new_window.show()
        return new_window

    if first is not None:
        if first.closed:  # closed before its first paint was over: nothing was started
            return 0
        show(first)
    if not needs_no_keychain(demo, keys):
        config = first.config if first is not None else load_config(demo=False)
        if config.db_path.exists():
            # A returning user sees their tasks at once; the keychain answers meanwhile (it can take a
            # noticeable moment, or ask for a password) and the engine waits for it (key_resolved).
            keys.mark_pending()
            window = await open_window(first, keys=keys, config=config)
            if window is None:
                return 1
            if window is not first:
                show(window)
            first = None
        lookup = asyncio.ensure_future(_keychain_key(keys))
        if window is not None:  # closing the window during the lookup quits at once
            closing = asyncio.ensure_future(closed.wait())
            await asyncio.wait({lookup, closing}, return_when=FIRST_COMPLETED)
            closing.cancel()
            if not lookup.done():
                lookup.cancel()
                await window.wait_closed()
                return 0
        key = await lookup
        if window is not None:
            window.show_key_state()
        if not key and not closed.is_set():
            window, demo = await _welcome(keys, window, closed)
        if window is not None:
            window.key_resolved()
    if window is None:
        config = first.config if first is not None else None
        window = await open_window(first, demo=demo, keys=keys, config=config)
        if window is None:
            return 1
        if window is not first:
            show(window)
    await closed.wait()
    await window.wait_closed()
    return 0
