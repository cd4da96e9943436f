"""The desktop app: command line, QApplication + qasync loop, the window factory, clean shutdown.

``create_main_window()`` builds the whole window from the environment; the caller owns the QApplication
and has made a qasync loop the current event loop. Closing the window stops its background work and
releases the store, so a second window in the same process behaves like a fresh start.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
import tempfile
import threading
import time
import traceback
from asyncio import FIRST_COMPLETED
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from happyhorse_desktop import APP_NAME, ORG_NAME, __version__

log = logging.getLogger(__name__)


def create_main_window(*, demo: bool = False, keys=None, config=None):  # type: ignore[no-untyped-def]
    """Build the main window; its engine starts (tasks resume, polling begins) after the first paint."""
    from happyhorse_desktop.engine import Engine
    from happyhorse_desktop.logging_setup import setup_logging
    from happyhorse_desktop.ui.main_window import MainWindow

    engine = Engine.create(demo=demo, keys=keys, config=config)
    setup_logging(engine.config.log_dir)
    return MainWindow(engine)


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


async def _run_app(demo: bool) -> int:
    from happyhorse_desktop.config import load_config
    from happyhorse_desktop.secrets import KeyStore
    from happyhorse_desktop.ui.dialogs import WelcomeDialog

    keys = KeyStore()
    closed = asyncio.Event()  # the window the user is looking at was closed: time to quit
    window = None

    def show(new_window):  # type: ignore[no-untyped-def]
        new_window.sig_closed.connect(closed.set)
        new_window.show()
        return new_window

    if not demo and not keys.load_without_keychain():
        config = load_config(demo=False)
        if config.db_path.exists():
            # A returning user sees their tasks at once; the keychain answers meanwhile (it can take a
            # noticeable moment, or ask for a password) and the engine waits for it (key_resolved).
            keys.mark_pending()
            window = show(create_main_window(keys=keys, config=config))
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
            welcome = WelcomeDialog(window)
            result = await _exec_dialog(welcome)
            if result == WelcomeDialog.ENTER_KEY:
                await asyncio.to_thread(keys.save, welcome.key.text().strip())
            elif result == WelcomeDialog.DEMO and window is not None and not closed.is_set():
                # The demo has its own history: swap the real window for a demo one.
                window.sig_closed.disconnect(closed.set)
                window.close()
                await window.wait_closed()
                window = None
            demo = result == WelcomeDialog.DEMO
        if window is not None:
            window.key_resolved()
    if window is None:
        window = show(create_main_window(demo=demo, keys=keys))
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
                box = QMessageBox(
                    QMessageBox.Icon.Critical,
                    APP_NAME,
                    f"Something went wrong: {redact(value)}\n\nYour tasks are safe; details are in "
                    "the log file.",
                )
                box.open()
        except Exception:  # the hook itself must never raise
            pass

    sys.excepthook = hook


def _video_decode_check() -> tuple[bool, str]:
    """Decode the first frame of the bundled sample video: proves FFmpeg and its libraries load."""
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink

    from happyhorse_desktop.assets import asset_path

    player, sink, wait = QMediaPlayer(), QVideoSink(), QEventLoop()
    player.setVideoSink(sink)
    outcome: list[str] = []

    def on_frame(frame: QVideoFrame) -> None:
        if frame.isValid() and not outcome:
            outcome.append(f"first frame {frame.width()}×{frame.height()}")
            wait.quit()

    def on_error(_error: QMediaPlayer.Error, message: str) -> None:
        outcome.append(f"error: {message}")
        wait.quit()

    sink.videoFrameChanged.connect(on_frame)
    player.errorOccurred.connect(on_error)
    player.setSource(QUrl.fromLocalFile(str(asset_path("sample.mp4"))))
    player.play()
    QTimer.singleShot(10_000, wait.quit)
    if not outcome:
        wait.exec()  # a local loop: the self-test runs before the asyncio loop exists
    player.stop()
    detail = outcome[0] if outcome else "no frame within 10 s"
    return detail.startswith("first frame"), detail


# The platform's keychain backend and the modules it needs at run time: a frozen build that lost them
# would silently keep keys for the session only, even where a keychain is running.
KEYCHAIN_MODULES = {
    "linux": ("keyring.backends.SecretService", "secretstorage", "jeepney"),
    "win32": ("keyring.backends.Windows", "win32ctypes.pywin32.win32cred"),
    "darwin": ("keyring.backends.macOS", "keyring.backends.macOS.api"),
}


def _keychain_support_check() -> tuple[bool, str]:
    import importlib

    platform = next((p for p in KEYCHAIN_MODULES if sys.platform.startswith(p)), None)
    if platform is None:
        return True, f"no keychain backend expected on {sys.platform}"
    missing = []
    for name in KEYCHAIN_MODULES[platform]:
        try:
            importlib.import_module(name)
        except Exception as exc:  # ImportError, or a platform library that will not load
            missing.append(f"{name} ({type(exc).__name__})")
    return not missing, f"missing {', '.join(missing)}" if missing else KEYCHAIN_MODULES[platform][0]


def _text_services_check() -> tuple[bool, str]:
    """Sorting, case mapping and time zones work (on Linux these read the trimmed ICU data we ship)."""
    from PySide6.QtCore import QCollator, QLocale, QTimeZone

    swedish = QCollator(QLocale("sv_SE"))  # Swedish sorts "ä" after "z", root order puts it by "a"
    english = QCollator(QLocale("en_US"))
    results = {
        "sorting": swedish.compare("äpple", "zebra") > 0 and english.compare("äpple", "zebra") < 0,
        "time zones": QTimeZone(b"Europe/Berlin").isValid(),
    }
    if sys.platform.startswith("linux"):  # only Qt's ICU build maps case per language
        results["case mapping"] = QLocale("tr_TR").toUpper("i") == "\u0130"  # Turkish dotted capital I
    failed = [name for name, ok in results.items() if not ok]
    return not failed, ", ".join(results) if not failed else f"broken: {', '.join(failed)}"


def self_test() -> int:
    """Build the window offscreen and check the Qt plugins, multimedia and keyring; print a report."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    import qasync
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", os.environ["QT_QPA_PLATFORM"]])
    app.setQuitOnLastWindowClosed(False)  # closing the test window must not stop the loop under us
    checks: list[tuple[str, bool, str, bool]] = []  # name, ok, detail, required
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    for fmt in ("jpeg", "png", "webp"):
        checks.append((f"image plugin {fmt}", fmt in formats, "", True))
    try:
        from PySide6.QtMultimedia import QMediaFormat, QMediaPlayer

        player = QMediaPlayer()
        decoders = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
        mp4 = QMediaFormat.FileFormat.MPEG4 in decoders
        checks.append(
            ("multimedia backend", player.isAvailable() and mp4, "MP4 playback" if mp4 else "no MP4", True)
        )
    except Exception as exc:  # a missing system library shows up here
        checks.append(("multimedia backend", False, f"{type(exc).__name__}: {exc}", True))
    # Required on Linux, where the bundle carries its own FFmpeg libraries and trimmed ICU data; on
    # Windows and macOS Qt decodes and sorts through the system, which a headless build machine may
    # not offer, so there they are reported but do not fail the build.
    on_linux = sys.platform.startswith("linux")
    checks.append(("video decoding", *_video_decode_check(), on_linux))
    checks.append(("text services", *_text_services_check(), on_linux))
    try:
        import keyring

        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        usable = getattr(backend, "priority", 0) > 0
        checks.append(
            ("keyring backend", usable, name if usable else f"{name} (keys kept for the session only)", False)
        )
    except Exception as exc:
        checks.append(("keyring backend", False, str(exc), False))
    checks.append(("keychain support", *_keychain_support_check(), True))
    from happyhorse_desktop.net.trust import self_test_check as trust_store_check

    checks.append(("TLS trust store", *trust_store_check(), True))

    with tempfile.TemporaryDirectory(prefix="happyhorse-selftest-") as tmp:
        os.environ["HAPPYHORSE_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["HAPPYHORSE_OUTPUT_DIR"] = str(Path(tmp) / "videos")
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)

        async def build() -> str:
            window = create_main_window(demo=True)
            window.show()
            await asyncio.sleep(0.2)
            painted = not window.grab().isNull()
            names = [
                "imagePanel",
                "promptEdit",
                "qualityCombo",
                "durationSpin",
                "seedSpin",
                "costLabel",
                "submitButton",
                "taskView",
            ]
            from PySide6.QtWidgets import QWidget

            missing = [n for n in names if window.findChild(QWidget, n) is None]
            window.close()
            await window.wait_closed()
            return "painted" if painted and not missing else f"missing {missing or 'paint'}"

        try:
            with loop:
                result = loop.run_until_complete(build())
            checks.append(("main window", result == "painted", result, True))
        except Exception as exc:
            checks.append(("main window", False, f"{type(exc).__name__}: {exc}", True))

    print(f"{APP_NAME} {__version__} self-test ({time.perf_counter() - started:.2f} s)")
    for name, ok, detail, required in checks:
        mark = "ok  " if ok else ("FAIL" if required else "warn")
        print(f"  [{mark}] {name}{': ' + detail if detail else ''}")
    failed = [c for c in checks if c[3] and not c[1]]
    print(
        "result: "
        + ("all required checks passed" if not failed else f"{len(failed)} required check(s) failed")
    )
    return 0 if not failed else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="happyhorse", description=f"{APP_NAME}: image-to-video.")
    parser.add_argument(
        "--demo", action="store_true", help="run against a built-in simulator; nothing is billed"
    )
    parser.add_argument("--self-test", action="store_true", help="check the installation and exit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args, qt_args = parser.parse_known_args(argv)
    if args.self_test:
        return self_test()

    import qasync  # after PySide6, so qasync binds to it
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # shutdown is an explicit, awaited step
    from happyhorse_desktop.ui.main_window import app_icon

    app.setWindowIcon(app_icon())
    _install_excepthook()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(_run_app(args.demo))


if __name__ == "__main__":
    sys.exit(main())
