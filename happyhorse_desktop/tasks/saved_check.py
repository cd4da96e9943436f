"""Checking at start that every saved video is still on disk at its recorded size.

The whole check runs in a worker thread on a connection of its own — reading every saved row, stat-ing
every file and writing the outcome in two bulk statements — because a long history (100,000 tasks) must
not hold the UI thread, and a folder moved away must not turn into 100,000 separate writes and signals.
A video that is gone or cut short (moved, deleted, a power loss before the disk flushed) is marked for a
new download while its 24-hour link lives, or *expired* when it does not. A video whose whole folder is
missing is not taken for deleted: the folder may be on a drive or share not mounted yet (or one this
process may not read); its rows are left as they are and the folder is reported as unreachable.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from happyhorse_desktop.tasks.status import TaskStatus

RESULT_LINK_LIFETIME = 24 * 3600.0
CHUNK = 500  # ids per statement (SQLite's bound-parameter limit)


@dataclass(frozen=True)
class SavedCheck:
    refetch: list[int]  # missing or incomplete, link still valid: download again
    expired: list[int]  # missing or incomplete, link gone
    unreachable: tuple[str, ...] = ()  # folders missing as a whole: not checked, nothing changed

    @property
    def broken(self) -> int:
        return len(self.refetch) + len(self.expired)


def check_saved_videos(db_path: Path, missing_note: str, expired_note: str) -> SavedCheck:
    """Find broken saved videos and record the outcome (call it in a worker thread)."""
    db = sqlite3.connect(f"file:{quote(str(db_path))}", uri=True, timeout=5.0, isolation_level=None)
    try:
        rows = db.execute(
            "SELECT id, video_path, video_size, COALESCE(completed_at, created_at) FROM tasks "
            "WHERE video_path IS NOT NULL AND status = ?",
            (TaskStatus.COMPLETED.value,),
        ).fetchall()
        now = time.time()
        refetch, expired = [], []
        folders: dict[str, bool] = {}  # folder -> reachable
        for task_id, path, size, completed in rows:
            try:
                actual = os.stat(path).st_size
            except OSError:
                actual = None
                folder = os.path.dirname(path)
                if folder not in folders:
                    folders[folder] = os.path.isdir(folder)
                if not folders[folder]:
                    continue
            if actual is None or (size is not None and actual != size):
                (expired if completed + RESULT_LINK_LIFETIME < now else refetch).append(int(task_id))
        _bulk(
            db,
            refetch,
            "video_path = NULL, video_size = NULL, sidecar_path = NULL, download_error = ?",
            (missing_note,),
        )
        _bulk(
            db,
            expired,
            "status = ?, video_path = NULL, video_size = NULL, download_error = ?",
            (TaskStatus.EXPIRED.value, expired_note),
        )
        return SavedCheck(refetch, expired, tuple(f for f, reachable in folders.items() if not reachable))
    finally:
        db.close()


def _bulk(db: sqlite3.Connection, ids: list[int], assignments: str, values: tuple[object, ...]) -> None:
    now = time.time()
    db.execute("BEGIN IMMEDIATE")
    try:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            db.execute(
                f"UPDATE tasks SET {assignments}, updated_at = ? WHERE id IN ({marks})",
                (*values, now, *chunk),
            )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
