"""The desktop app's entry point: command line, QApplication, language, the first window, the window
factory.

Start-up paints first: ``main()`` builds and shows the window without its engine
(``show_first_window``) and runs Qt's event loop until it has painted; only then are asyncio and qasync
set up and ``session.run`` takes over: the engine is imported, the history opened and read, and the
window attached to it. So the first sight of the window never waits for the event loop's set-up, the
engine or the history query, nor, for a returning user, the keychain.

``create_main_window()`` builds the whole window with its engine from the environment (tests, tools);
the caller owns the QApplication and has made a qasync loop the current event loop. Closing the window
stops its background work and releases the store, so a second window in the same process behaves like a
fresh start.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
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


def needs_no_keychain(demo: bool, keys) -> bool:  # type: ignore[no-untyped-def]
    """Whether the window opens without asking the keychain: the demo, a key from the environment or
    this session, or an unusable ``EVOLINK_API_KEY`` to report. (Start-up's first window and the
    session decide by this one rule, so they agree on which window comes first.)"""
    return demo or bool(keys.load_without_keychain()) or keys.problem is not None


def show_first_window(demo: bool, keys) -> MainWindow | None:  # type: ignore[no-untyped-def]
    """The window, shown before the engine is imported and the history read, when it is the first
    thing the user sees (the demo, a key at hand, or a history to show while the keychain answers);
    ``session.open_window`` attaches the engine after its first paint. None when there is no history yet
    and no key in the environment: the keychain is read first, then the window or the welcome."""
    from happyhorse_desktop.config import load_config

    if needs_no_keychain(demo, keys):
        config = load_config(demo=demo)
    else:
        config = load_config(demo=False)
        if not config.db_path.exists():
            return None
    from happyhorse_desktop.ui.main_window import MainWindow

    window = MainWindow(config=config)
    window.show()
    return window


def _until_painted(window: MainWindow) -> None:
    """Run Qt's event loop until ``window`` has painted once (it says so after a second even if it never
    does, e.g. started minimised) or is closed; the session's qasync loop starts after it. User input
    waits for that loop."""
    from PySide6.QtCore import QEventLoop

    if window.painted:
        return
    waiting = QEventLoop()
    window.sig_painted.connect(waiting.quit)
    window.sig_closed.connect(waiting.quit)
    # A click or a paste this early is kept for the session's loop (Qt delivers it then): its work
    # needs the asyncio loop that does not exist yet.
    waiting.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


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
    if first is not None:
        _until_painted(first)
    # Only now the event loop of the session: asyncio, qasync, then the engine and the history.
    import asyncio

    import qasync  # after PySide6, so qasync binds to it

    from happyhorse_desktop.session import run

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(run(args.demo, keys, first))


if __name__ == "__main__":
    sys.exit(main())
