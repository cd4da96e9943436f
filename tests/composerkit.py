"""The composer on its own, for tests that need no window: built with an HTTP client that must never be
asked for (these tests touch no network)."""

from __future__ import annotations

from pathlib import Path

from happyhorse_desktop.config import settings_for
from happyhorse_desktop.ui.composer import Composer


def never_called():  # type: ignore[no-untyped-def]
    raise AssertionError("the composer must not touch the network here")


def new_composer(qtbot, data_dir: Path) -> Composer:  # type: ignore[no-untyped-def]
    widget = Composer(settings_for(data_dir / "data"), data_dir / "cache", never_called)
    qtbot.addWidget(widget)
    return widget
