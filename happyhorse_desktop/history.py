"""What to tell the user when the task history cannot be opened, and setting an unreadable one aside.

Nothing here deletes anything: an unreadable history is renamed next to itself only when the user asks
(the window's "Set it aside" button, or ``happyhorse-cli set-aside-history``), so it can still be
recovered or sent along with a bug report.
"""

from __future__ import annotations

import time
from pathlib import Path

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.tasks.store import HistoryError


def describe_history_error(exc: HistoryError, *, cli: bool) -> str:
    """One message: what is wrong, and what to do about it."""
    if exc.newer_app:
        return translate(
            "History",
            "The task history {path} was written by a newer version of HappyHorse Desktop ({detail}). "
            "Install that version (or newer) to open it; this version leaves the file untouched.",
        ).format(path=exc.path, detail=exc)
    if cli:
        action = translate(
            "History",
            "Run `happyhorse-cli set-aside-history` to keep it aside (renamed, not deleted) and start a "
            "fresh history, or restore a backup of the file.",
        )
    else:
        action = translate(
            "History",
            "You can keep it aside (renamed, not deleted) and start a fresh history, or quit and restore "
            "a backup of the file.",
        )
    return translate(
        "History", "The task history {path} cannot be read ({detail}). Nothing was changed. {action}"
    ).format(path=exc.path, detail=exc, action=action)


def set_aside(db_path: Path) -> Path:
    """Rename the history (and SQLite's -wal/-shm companions) to ``<name>.unreadable-<time>``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.unreadable-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = db_path.with_name(db_path.name + suffix)
        if part.exists():
            part.rename(kept.with_name(kept.name + suffix))
    return kept
