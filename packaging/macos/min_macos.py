"""The oldest macOS the app bundle runs on, derived from what is in it.

Every binary wheel says in its platform tag which macOS it needs (PySide6 6.11's are
``macosx_13_0_universal2``); Python itself says so in ``sysconfig.get_platform()``. The bundle needs
the newest of them, and that is what the spec writes as ``LSMinimumSystemVersion``, so pinning another
Qt moves the minimum with it instead of leaving a stale claim in the Info.plist.
"""

from __future__ import annotations

import re
import sysconfig
from collections.abc import Iterable
from importlib import metadata

MACOS_TAG = re.compile(r"macosx[_-](\d+)[_.](\d+)")


def minimum_from_tags(tags: Iterable[str]) -> tuple[int, int] | None:
    """The newest macOS version any of these platform tags (or wheel file names) asks for."""
    versions = [(int(m[0]), int(m[1])) for tag in tags for m in MACOS_TAG.findall(tag)]
    return max(versions, default=None)


def installed_wheel_tags() -> list[str]:
    """The ``Tag:`` lines of every installed distribution's WHEEL file (pure wheels say ``any``)."""
    tags = []
    for dist in metadata.distributions():
        wheel = dist.read_text("WHEEL") or ""
        tags += [line.split(":", 1)[1].strip() for line in wheel.splitlines() if line.startswith("Tag:")]
    return tags


def bundle_minimum() -> str:
    """``LSMinimumSystemVersion`` for a bundle built from this environment, e.g. ``"13.0"``."""
    found = minimum_from_tags([*installed_wheel_tags(), sysconfig.get_platform()])
    if found is None:
        raise RuntimeError("no macOS platform tag found: build the app on macOS from binary wheels")
    return f"{found[0]}.{found[1]}"
