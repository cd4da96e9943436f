"""Where the runtime assets (icon, sample video) are, however the app runs.

Installed, they are the ``happyhorse_desktop.resources`` package (mapped from the top-level
``resources/`` folder), i.e. a ``resources`` folder next to this file. Frozen by PyInstaller they sit in
the bundle under the same package path. In a source checkout (run directly or installed editable) the
top-level ``resources/`` folder is used. Plain paths, not ``importlib.resources``: the app never runs
from a zip, and the window's icon is read before the first paint.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def asset_path(name: str) -> Path:
    installed = _PACKAGE / "resources" / name
    return installed if installed.is_file() else _PACKAGE.parent / "resources" / name
