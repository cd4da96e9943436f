"""The desktop app: command line, QApplication + qasync loop, the window factory, clean shutdown.

Start-up paints first: ``main()`` builds and shows the window without its engine
(``show_first_window``), then sets up the qasync loop; after the window's first paint the engine is
imported, the history opened and read, and the window attached to it (``_open_window``). So the first
sight of the window never waits for the engine, the history query or the keychain.

``create_main_window()`` builds the whole window with its engine from the environment (tests, tools);
the caller owns the QApplication and has made a qasync loop the current event loop. Closing the window
stops its background work and releases the store, so a second window in the same process behaves like a
fresh start.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
import threading
import traceback
from asyncio import FIRST_COMPLETED
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from happyhorse_desktop import APP_NAME, ORG_NAME, __version__

if TYPE_CHECKING:
    from happyhorse_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def create_engine(*, demo: bool = False, keys=None, config=None):  # type: ignore[no-untyped-def]
    """The engine (history opened, nothing started) and the log file beside it. Raises
    ``HistoryError`` when the task history cannot be opened."""
    from happyhorse_desktop.engine import Engine
    from happyhorse_desktop.logging_setup import setup_logging

    engine = Engine.create(demo=demo, keys=keys, config=config)
    setup_logging(engine.config.log_dir)
    return engine


def create_main_window(*, demo: bool = False, keys=None, config=None):  # type: ignore[no-untyped-def]
    """Build the main window with its engine; the engine starts (tasks resume, polling begins) after
    the first paint. Raises ``HistoryError`` when the task history cannot be opened."""
    from happyhorse_desktop.ui.main_window import MainWindow

    return MainWindow(create_engine(demo=demo, keys=keys, config=config))


def show_first_window(demo: bool, keys) -> MainWindow | None:  # type: ignore[no-untyped-def]
    """The window, shown before the engine is imported and the history read, when it is the first
    thing the user sees (the demo, a key at hand, or a history to show while the keychain answers);
    :func:`_open_window` attaches the engine after its first paint. None on a first start without a
    key: the welcome comes first."""
    from happyhorse_desktop.config import load_config

    if demo or keys.load_without_keychain() or keys.problem is not None:
        config = load_config(demo=demo)
    else:
        config = load_config(demo=False)
        if not config.db_path.exists():
            return None
    from happyhorse_desktop.ui.main_window import MainWindow

    window = MainWindow(config=config)
    window.show()
    return window


async def _first_paint(window: MainWindow) -> None:
    """Until ``window`` has painted once (it says so after a second even if it never does)."""
    if window.painted:
        return
    painted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    window.sig_painted.connect(lambda: painted.done() or painted.set_result(None))
    window.sig_closed.connect(lambda: painted.done() or painted.set_result(None))
    await painted


async def _open_window(window: MainWindow | None = None, **kwargs):  # type: ignore[no-untyped-def]
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


async def _run_app(demo: bool, keys=None, first: MainWindow | None = None) -> int:  # type: ignore[no-untyped-def]
    """``first``: the window :func:`show_first_window` showed before the loop ran, still without its
    engine; it gets one after its first paint."""
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
        show(first)
        await _first_paint(first)  # the engine and the history query follow the paint
        if closed.is_set():
            return 0
    if not demo and not keys.load_without_keychain() and keys.problem is None:
        config = first.config if first is not None else load_config(demo=False)
        if config.db_path.exists():
            # A returning user sees their tasks at once; the keychain answers meanwhile (it can take a
            # noticeable moment, or ask for a password) and the engine waits for it (key_resolved).
            keys.mark_pending()
            window = await _open_window(first, keys=keys, config=config)
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
        window = await _open_window(first, demo=demo, keys=keys, config=config)
        if window is None:
            return 1
        if window is not first:
            show(window)
    await closed.wait()
    await window.wait_closed()
    return 0


def _install_excepthook() -> None:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        from happyhorse_desktop.redaction import redact

        text = redact("".join(traceback.format_exception(kind, value, tb)))
        log.error("unhandled exception:\n%s", text)
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            if QApplication.instance() is not None:
                from happyhorse_desktop.i18n_core import translate

                text = translate(
                    "Errors",
                    "Something went wrong: {error}\n\nTasks already sent keep running on EvoLink and are "
                    "picked up again at the next start.",
                ).format(error=redact(value))
                log_files = [
                    h.baseFilename for h in logging.getLogger().handlers if isinstance(h, logging.FileHandler)
                ]
                if log_files:
                    text += translate("Errors", " Details are in {log}.").format(log=log_files[0])
                box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text)
                box.open()
        except Exception:  # the hook itself must never raise
            pass

    sys.excepthook = hook


def _arguments(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    """The launcher's options (Qt's own, such as ``-platform``, pass through). Parsed before any Qt
    application exists, so its help speaks the system's language through :func:`translate_early`."""
    from happyhorse_desktop.i18n import translate_early
    from happyhorse_desktop.i18n_argparse import argparse_words
    from happyhorse_desktop.i18n_core import QT_TRANSLATE_NOOP

    def t(text: str) -> str:
        return translate_early("Launcher", text)

    with argparse_words(translate_early):
        parser = argparse.ArgumentParser(
            prog="happyhorse",
            description=t(
                QT_TRANSLATE_NOOP(
                    "Launcher",
                    "{app}: videos from EvoLink's HappyHorse models, made from a prompt, a picture, "
                    "reference pictures or a video to edit; one at a time or in batches, as takes to "
                    "continue from their last frame, stitch and compare.",
                )
            ).format(app=APP_NAME),
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help=t(QT_TRANSLATE_NOOP("Launcher", "run against a built-in simulator; nothing is billed")),
        )
        parser.add_argument(
            "--self-test",
            action="store_true",
            help=t(QT_TRANSLATE_NOOP("Launcher", "check the installation and exit")),
        )
        parser.add_argument(
            "--report",
            metavar="PATH",
            type=Path,
            help=t(QT_TRANSLATE_NOOP("Launcher", "with --self-test: also write the report to this file")),
        )
        parser.add_argument(
            "--version",
            action="version",
            version=f"%(prog)s {__version__}",
            help=t(QT_TRANSLATE_NOOP("Launcher", "show the version and exit")),
        )
        return parser.parse_known_args(argv)


def _speak_chosen_language() -> None:
    """Install the catalogues for the language chosen in Settings (or the system's) before any window
    exists; a broken settings file must not keep the app from starting."""
    from happyhorse_desktop import i18n
    from happyhorse_desktop.config import saved_settings

    try:
        choice = saved_settings().language
    except Exception as exc:  # unreadable settings: the system's language
        log.warning("language setting unreadable: %s", exc)
        choice = i18n.Language.AUTO.value
    i18n.install(choice)


def prepare_application(qt_args: Sequence[str] = ()):  # type: ignore[no-untyped-def]
    """The QApplication the window runs in: names, the chosen language (before any widget exists, so
    every widget is built in it), the icon. The caller makes a qasync loop for it."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # shutdown is an explicit, awaited step
    _speak_chosen_language()
    from happyhorse_desktop.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = _arguments(argv)
    if args.self_test:
        from happyhorse_desktop.selftest import run_self_test

        return run_self_test(args.report)
    from happyhorse_desktop.linux_libs import check_display_libraries

    if problem := check_display_libraries(qt_args):  # instead of Qt's abort with a generic hint
        print(problem, file=sys.stderr)
        return 1

    app = prepare_application(qt_args)
    _install_excepthook()
    from happyhorse_desktop.secrets import KeyStore

    keys = KeyStore()
    first = show_first_window(args.demo, keys)
    import qasync  # after PySide6, so qasync binds to it

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(_run_app(args.demo, keys, first))


if __name__ == "__main__":
    sys.exit(main())
