"""The checks ``happyhorse --self-test`` runs, each answering ``(ok, detail)`` or raising.

Each proves one thing an installed or frozen app needs at run time: Qt's image plugins, the FFmpeg media
backend and video decoding, sorting/case mapping/time zones, Qt's and the app's Chinese catalogues, the
keychain backend and the main window. ``happyhorse_desktop.selftest`` runs them, guards each one and
writes the report.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import sys
from pathlib import Path

Outcome = tuple[bool, str]

# The platform's keychain backend and the modules it needs at run time: a frozen build that lost them
# would silently keep keys for the session only, even where a keychain is running.
KEYCHAIN_MODULES = {
    "linux": ("keyring.backends.SecretService", "secretstorage", "jeepney"),
    "win32": ("keyring.backends.Windows", "win32ctypes.pywin32.win32cred"),
    "darwin": ("keyring.backends.macOS", "keyring.backends.macOS.api"),
}
MAIN_WINDOW_PARTS = (
    "imagePanel",
    "promptEdit",
    "qualityCombo",
    "durationSpin",
    "seedSpin",
    "costLabel",
    "submitButton",
    "taskView",
)
# Qt's own catalogue for its standard buttons and dialogs; the bundles carry it for Simplified Chinese.
QT_CATALOGUE = "qtbase_zh_CN"
# (context, text) each catalogue must translate. Passed as variables: lupdate must not take Qt's words
# for the app's own.
QT_PROBE = ("QPlatformTheme", "Cancel")
APP_PROBE = ("Status", "Completed")


def image_plugin(fmt: str) -> Outcome:
    """Qt reads pictures of this format (its image plugins are separate files a bundle can lose)."""
    from PySide6.QtGui import QImageReader

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    return fmt in formats, "" if fmt in formats else f"Qt has no {fmt} image plugin here"


def _ffmpeg_plugin() -> Path | None:
    """Qt's FFmpeg media plugin, wherever this Qt looks for plugins (a wheel, or a frozen bundle)."""
    from PySide6.QtCore import QCoreApplication

    for folder in QCoreApplication.libraryPaths():
        found = sorted((Path(folder) / "multimedia").glob("*ffmpegmediaplugin*"))
        if found:
            return found[0]
    return None


def media_backend() -> Outcome:
    """Qt Multimedia loads, with FFmpeg as its backend, and can play MP4 (what EvoLink delivers)."""
    from PySide6.QtMultimedia import QMediaFormat, QMediaPlayer

    plugin = _ffmpeg_plugin()
    if plugin is None:
        return False, "Qt's FFmpeg media plugin (multimedia/ffmpegmediaplugin) is not in this installation"
    player = QMediaPlayer()
    decoders = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    mp4 = QMediaFormat.FileFormat.MPEG4 in decoders
    if not player.isAvailable():
        return False, f"FFmpeg ({plugin.name}) found, but the media player is unavailable"
    return mp4, "FFmpeg, MP4 playback" if mp4 else "FFmpeg, but no MP4 decoder"


def video_decoding() -> Outcome:
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
        wait.exec()  # a local loop: the self-test runs before any asyncio loop exists
    player.stop()
    detail = outcome[0] if outcome else "no frame within 10 s"
    return detail.startswith("first frame"), detail


def text_services() -> Outcome:
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


def qt_translations() -> Outcome:
    """Qt's Simplified Chinese catalogue and the app's own load, and each translates a string it must
    have (one of Qt's dialog buttons; one of the app's task statuses)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from happyhorse_desktop.i18n import CATALOGUE, Language, load_catalogues

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if not translator.load(QT_CATALOGUE, folder):
        return False, f"{QT_CATALOGUE}.qm not found in {folder}"
    cancel = translator.translate(*QT_PROBE)
    if not cancel or cancel == QT_PROBE[1]:
        return False, f"{QT_CATALOGUE}.qm loaded but has no translation for Qt's Cancel button"
    ours = f"{CATALOGUE}_{Language.CHINESE.value}"
    found = next((t for t in load_catalogues(Language.CHINESE) if t.objectName() == ours), None)
    if found is None:
        return False, f"{QT_CATALOGUE} ({cancel}), but the app's own {ours}.qm is missing"
    status = found.translate(*APP_PROBE)
    if not status or status == APP_PROBE[1]:
        return False, f"{ours}.qm loaded but has no translation for the status {APP_PROBE[1]!r}"
    return True, f"{QT_CATALOGUE} ({cancel}), {ours} ({status})"


def keyring_backend() -> Outcome:
    import keyring

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    usable = getattr(backend, "priority", 0) > 0
    return usable, name if usable else f"{name} (keys kept for the session only)"


def keychain_support() -> Outcome:
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


def main_window(scratch: Path) -> Outcome:
    """Build the real window on a demo history in ``scratch``, paint it and close it cleanly."""
    import qasync
    from PySide6.QtWidgets import QApplication, QWidget

    from happyhorse_desktop.app import create_main_window

    os.environ["HAPPYHORSE_DATA_DIR"] = str(scratch / "data")
    os.environ["HAPPYHORSE_OUTPUT_DIR"] = str(scratch / "videos")
    loop = qasync.QEventLoop(QApplication.instance())
    asyncio.set_event_loop(loop)

    async def build() -> Outcome:
        window = create_main_window(demo=True)
        window.show()
        await asyncio.sleep(0.2)
        painted = not window.grab().isNull()
        missing = [name for name in MAIN_WINDOW_PARTS if window.findChild(QWidget, name) is None]
        window.close()
        await window.wait_closed()
        ok = painted and not missing
        return ok, "painted" if ok else f"missing {missing or 'paint'}"

    with loop:
        return loop.run_until_complete(build())


def trust_store() -> tuple[bool, str]:
    """Which certificate store verifies TLS (the system's, or certifi's bundle where there is none)."""
    from happyhorse_desktop.net.trust import self_test_check

    return self_test_check()
