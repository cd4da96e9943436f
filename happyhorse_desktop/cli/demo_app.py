"""The Qt application a ``happyhorse-cli --demo`` process needs.

The demo renders each result from the user's own picture with Qt's painting, which needs a
``QGuiApplication``; a console process otherwise has only a ``QCoreApplication`` (for its translators),
and its demo would serve a fixed 320×240 sample that the routes' own minimums refuse (``extend``). The
GUI application is created on Qt's offscreen platform: no window is shown and no display is needed, so
the CLI keeps working headless (over SSH, in CI).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

_app: QCoreApplication | None = None  # kept alive for the whole process


def wants_demo(argv: Sequence[str]) -> bool:
    """``--demo`` is an option of the program, so it stands before the command's name."""
    for arg in argv:
        if arg == "--demo":
            return True
        if not arg.startswith("-"):
            return False
    return False


def ensure_gui_application() -> QCoreApplication:
    """The running Qt application, or a new offscreen ``QGuiApplication`` when there is none yet."""
    global _app
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(["happyhorse-cli", "-platform", "offscreen"])
    return _app
