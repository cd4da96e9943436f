"""The SQL side of leases, the upload cache and the engine's shared values: what ``TaskStore`` does on
its connection for :mod:`leases` (claiming, renewing, releasing rows, one statement each), for uploads
(a file's URL kept while it stays valid) and for the queue (small named values)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from happyhorse_desktop.tasks.status import POLLABLE_STATUSES, SENDING_STATUSES, TaskStatus, sql_list

# The work a process can take over from one that stopped (each an indexed condition).
WORK_SQL = {
    "send": f"status IN ({sql_list(SENDING_STATUSES)})",
    # a POST whose process stopped before the answer: the server may have the task
    "stranded": "status = 'submitting'",
    "poll": f"status IN ({sql_list(POLLABLE_STATUSES)}) AND server_id IS NOT NULL AND tracking = 1",
    "download": "status = 'completed' AND video_path IS NULL AND tracking = 1",
}
_FREE = "(lease_owner IS NULL OR lease_owner = :me OR lease_until < :now OR lease_owner IN ({dead}))"


def upload_key(endpoint: str, sha256: str) -> str:
    """The upload cache's key: the files host and the content. It lives in the ``sha256`` column, so the
    table keeps its shape; rows from before (a bare hash) never match a key and expire on their own."""
    return f"{endpoint.rstrip('/')} {sha256}"


@dataclass(frozen=True)
class Claim:
    """A task this process now holds, and the fencing token that proves it."""

    task_id: int
    status: TaskStatus
    token: int


class LeaseSQL:
    """Mixed into ``TaskStore``: every method runs on the store's one connection."""

    _db: sqlite3.Connection

    def claim_work(
        self, kind: str, owner: str, seconds: float, *, dead_owners: Iterable[str] = ()
    ) -> list[Claim]:
        """Take every free row needing ``kind`` of work in one statement. Rows that change hands get a
        new fencing token, so a process that lost them can no longer write them."""
        return self._claim(WORK_SQL[kind], {}, owner, seconds, dead_owners)

    def claim(
        self, task_id: int, owner: str, seconds: float, *, dead_owners: Iterable[str] = ()
    ) -> Claim | None:
        """Take (or renew) the lease on one task: free, expired, ours, or held by a dead owner."""
        claims = self._claim("id = :id", {"id": task_id}, owner, seconds, dead_owners)
        return claims[0] if claims else None

    def _claim(
        self, where: str, params: dict[str, Any], owner: str, seconds: float, dead_owners: Iterable[str]
    ) -> list[Claim]:
        now = time.time()
        dead = list(dead_owners)
        bound = {**params, "me": owner, "now": now, "until": now + seconds}
        bound.update({f"dead{i}": d for i, d in enumerate(dead)})
        free = _FREE.format(dead=", ".join(f":dead{i}" for i in range(len(dead))) or "NULL")
        rows = self._db.execute(
            "UPDATE tasks SET lease_token = lease_token + (lease_owner IS NOT :me), "
            f"lease_owner = :me, lease_until = :until WHERE ({where}) AND {free} "
            "RETURNING id, status, lease_token",
            bound,
        ).fetchall()
        return [Claim(int(r[0]), TaskStatus.parse(r[1]), int(r[2])) for r in rows]

    def lease_holders(self) -> list[str]:
        rows = self._db.execute(
            "SELECT DISTINCT lease_owner FROM tasks WHERE lease_owner IS NOT NULL AND lease_until >= ?",
            (time.time(),),
        )
        return [str(r[0]) for r in rows]

    def renew_leases(self, owner: str, seconds: float) -> set[int]:
        """Extend every lease ``owner`` still holds; returns their ids (a task missing from the answer
        was taken over while this process was not looking, e.g. stopped past its lease)."""
        rows = self._db.execute(
            "UPDATE tasks SET lease_until = ? WHERE lease_owner = ? RETURNING id",
            (time.time() + seconds, owner),
        ).fetchall()
        return {int(r[0]) for r in rows}

    def release(self, owner: str, task_id: int | None = None) -> None:
        if task_id is None:
            self._db.execute(
                "UPDATE tasks SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", (owner,)
            )
        else:
            self._db.execute(
                "UPDATE tasks SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                (task_id, owner),
            )

    # -- upload cache ---------------------------------------------------------------------------

    def cached_upload(self, endpoint: str, sha256: str, *, min_validity: float = 3600.0) -> str | None:
        """A URL that ``endpoint`` (the files API's base URL) gave for this content earlier and that stays
        valid for at least ``min_validity`` s. Another files host (a changed setting, a demo simulator
        on a new port) never gets a URL that only the old one knew."""
        row = self._db.execute(
            "SELECT url FROM uploads WHERE sha256 = ? AND expires_at > ?",
            (upload_key(endpoint, sha256), time.time() + min_validity),
        ).fetchone()
        return str(row[0]) if row else None

    def remember_upload(self, endpoint: str, sha256: str, url: str, expires_at: float) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO uploads (sha256, url, uploaded_at, expires_at) VALUES (?, ?, ?, ?)",
            (upload_key(endpoint, sha256), url, time.time(), expires_at),
        )

    # -- shared engine state (queue, caps) --------------------------------------------------------

    def get_value(self, key: str, default: str | None = None) -> str | None:
        row = self._db.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_value(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", (key, value))
