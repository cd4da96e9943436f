"""What the window remembers between runs: its geometry, how its panels are split, the task columns the
user hid, and the composer's last choices (all in the settings file, never the key)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from happyhorse_desktop.ui.task_model import Column

if TYPE_CHECKING:
    from happyhorse_desktop.ui.main_window import MainWindow

HIDDEN_COLUMNS = "window/hidden_columns"


def _splitters(window: MainWindow):  # type: ignore[no-untyped-def]
    return (
        ("window/main_splitter", window.main_splitter),
        ("window/task_splitter", window.task_area),
        ("window/take_splitter", window.stage.take),
    )


def restore(window: MainWindow) -> None:
    s = window.settings
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    for key, splitter in _splitters(window):
        value = s.value(key)
        if isinstance(value, QByteArray):
            splitter.restoreState(value)
    hidden = s.value(HIDDEN_COLUMNS) or []
    names = [hidden] if isinstance(hidden, str) else [str(h) for h in hidden]
    window.task_view.set_user_hidden_columns({Column[n] for n in names if n in Column.__members__})
    window.composer.restore(s, window.config.settings)


def save_columns(window: MainWindow) -> None:
    window.settings.setValue(HIDDEN_COLUMNS, sorted(c.name for c in window.task_view.user_hidden_columns()))


def save(window: MainWindow) -> None:
    s = window.settings
    s.setValue("window/geometry", window.saveGeometry())
    for key, splitter in _splitters(window):
        s.setValue(key, splitter.saveState())
    save_columns(window)
    window.composer.save(s)
    s.sync()
