"""Where the runtime assets (icon, sample video) are, however the app runs.

Installed, they are the ``happyhorse_desktop.resources`` package (mapped from the top-level
``resources/`` folder). Frozen by PyInstaller they sit in the bundle under the same package path. Run
from a source checkout without installing, that package does not exist, so fall back to the folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def asset_path(name: str) -> Path:
    try:
        candidate = Path(str(resources.files("happyhorse_desktop.resources").joinpath(name)))
        if candidate.is_file():
            return candidate
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "resources" / name
