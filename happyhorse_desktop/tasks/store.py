"""The task history on SQLite (WAL): every task ever submitted, its parameters, state and files.

The store is the source of truth: the task manager writes a row *before* anything is sent to the
server, and the UI's table model reads from here. Schema changes are numbered migrations applied in
order and recorded in ``PRAGMA user_version``; history is never truncated.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any


class TaskStatus(StrEnum):
    UPLOADING = "uploading"  # row written, image being uploaded; nothing sent to the generator yet
    SUBMITTING = "submitting"  # the POST is about to go out or is in flight
    UNKNOWN = "unknown"  # the POST may or may not have reached the server: the user decides
    REJECTED = "rejected"  # the server refused the POST; nothing was charged
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # completed, but the 24 h result link lapsed before the video was saved


# States in which nothing more will happen without the user.
FINAL_STATUSES = frozenset(
    {
        TaskStatus.UNKNOWN,
        TaskStatus.REJECTED,
        TaskStatus.COMPLETED,
        TaskStatus.FAILED,
        TaskStatus.CANCELLED,
        TaskStatus.EXPIRED,
    }
)
UNSUBMITTED_STATUSES = frozenset({TaskStatus.UPLOADING, TaskStatus.SUBMITTING})

# Outcome groups for filtering, as SQL over one row (the UI names them All / Active / Done / Needs attention).
_ATTENTION = (
    "(status IN ('failed', 'expired', 'unknown', 'rejected') "
    "OR (status = 'completed' AND download_error IS NOT NULL))"
)
GROUP_SQL = {
    "attention": _ATTENTION,
    "done": f"(status IN ('completed', 'cancelled') AND NOT {_ATTENTION})",
    "active": f"(status NOT IN ('completed', 'cancelled') AND NOT {_ATTENTION})",
}
ORDER_SQL = {
    "created": "created_at",
    "prompt": "prompt COLLATE NOCASE",
    "server_id": "server_id",
    "status": "status",
    "progress": "progress",
    "credits": "COALESCE(credits_used, credits_reserved, 0)",
    "settings": "quality || printf('%02d', duration)",
    "elapsed": (
        "COALESCE(finished_at, CAST(strftime('%s', 'now') AS REAL)) - COALESCE(submitted_at, created_at)"
    ),
}

_MIGRATIONS: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE tasks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        model TEXT NOT NULL,
        prompt TEXT NOT NULL DEFAULT '',
        quality TEXT NOT NULL,
        duration INTEGER NOT NULL,
        seed INTEGER,
        callback_url TEXT,
        image_source TEXT NOT NULL,
        image_url TEXT,
        image_sha256 TEXT,
        idempotency_key TEXT NOT NULL,
        server_id TEXT UNIQUE,
        status TEXT NOT NULL,
        progress INTEGER NOT NULL DEFAULT 0,
        tracking INTEGER NOT NULL DEFAULT 1,
        credits_reserved REAL,
        credits_used REAL,
        estimated_time REAL,
        results TEXT NOT NULL DEFAULT '[]',
        video_path TEXT,
        sidecar_path TEXT,
        download_path TEXT,
        error_code TEXT,
        error_message TEXT,
        download_error TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        submitted_at REAL,
        completed_at REAL,
        finished_at REAL,
        lease_owner TEXT,
        lease_until REAL
    );
    CREATE INDEX tasks_status ON tasks(status);
    CREATE INDEX tasks_updated ON tasks(updated_at);
    CREATE TABLE uploads (
        sha256 TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        uploaded_at REAL NOT NULL,
        expires_at REAL NOT NULL
    );
    """,
    # 2: the saved video's size, so a start can tell a complete file from one cut short by a power loss
    """
    ALTER TABLE tasks ADD COLUMN video_size INTEGER;
    CREATE INDEX tasks_created ON tasks(created_at);
    """,
]


@dataclass
class TaskRecord:
    id: int
    model: str
    prompt: str
    quality: str
    duration: int
    seed: int | None
    callback_url: str | None
    image_source: str
    image_url: str | None
    image_sha256: str | None
    idempotency_key: str
    server_id: str | None
    status: str
    progress: int
    tracking: bool
    credits_reserved: float | None
    credits_used: float | None
    estimated_time: float | None
    results: list[str]
    video_path: str | None
    sidecar_path: str | None
    download_path: str | None
    error_code: str | None
    error_message: str | None
    download_error: str | None
    created_at: float
    updated_at: float
    submitted_at: float | None
    completed_at: float | None
    finished_at: float | None
    lease_owner: str | None
    lease_until: float | None
    video_size: int | None = None

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def needs_polling(self) -> bool:
        return bool(self.server_id) and self.tracking and self.status not in FINAL_STATUSES

    @property
    def needs_download(self) -> bool:
        return self.status == TaskStatus.COMPLETED and not self.video_path and self.tracking

    @property
    def image_is_url(self) -> bool:
        return self.image_source.lower().startswith(("http://", "https://"))


_COLUMNS = [f.name for f in fields(TaskRecord)]


def _row_to_record(row: sqlite3.Row) -> TaskRecord:
    data = dict(row)
    data["results"] = json.loads(data["results"] or "[]")
    data["tracking"] = bool(data["tracking"])
    return TaskRecord(**data)


def _encode(name: str, value: Any) -> Any:
    if name == "results":
        return json.dumps(list(value))
    if name == "tracking":
        return int(bool(value))
    return value


class TaskStore:
    """One SQLite connection, used from the thread that opened it (the app's single event-loop thread)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), timeout=10.0, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(_MIGRATIONS):
            raise RuntimeError(
                f"The task database {self.path} was written by a newer HappyHorse (schema {version}); "
                "update the app."
            )
        for number, script in enumerate(_MIGRATIONS[version:], start=version + 1):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in filter(str.strip, script.split(";")):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={number}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self._db.close()

    def integrity_check(self) -> str:
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    # -- tasks ----------------------------------------------------------------------------------

    def add(self, **values: Any) -> TaskRecord:
        now = time.time()
        values.setdefault("created_at", now)
        values.setdefault("updated_at", now)
        names = [n for n in values if n in _COLUMNS and n != "id"]
        sql = f"INSERT INTO tasks ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
        cur = self._db.execute(sql, [_encode(n, values[n]) for n in names])
        record = self.get(int(cur.lastrowid or 0))
        assert record is not None
        return record

    def update(self, task_id: int, **values: Any) -> TaskRecord | None:
        unknown = set(values) - set(_COLUMNS)
        if unknown:
            raise ValueError(f"unknown task fields: {sorted(unknown)}")
        values["updated_at"] = time.time()
        assignments = ", ".join(f"{n} = ?" for n in values)
        self._db.execute(
            f"UPDATE tasks SET {assignments} WHERE id = ?",
            [*(_encode(n, v) for n, v in values.items()), task_id],
        )
        return self.get(task_id)

    def get(self, task_id: int) -> TaskRecord | None:
        row = self._db.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return _row_to_record(row) if row else None

    def get_many(self, task_ids: list[int]) -> list[TaskRecord]:
        """The records of these ids (in no particular order; missing ids are skipped)."""
        records: list[TaskRecord] = []
        for start in range(0, len(task_ids), 500):  # stay under SQLite's bound-parameter limit
            chunk = task_ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self._db.execute(f"SELECT * FROM tasks WHERE id IN ({marks})", chunk)
            records.extend(_row_to_record(r) for r in rows)
        return records

    def get_by_server_id(self, server_id: str) -> TaskRecord | None:
        row = self._db.execute("SELECT * FROM tasks WHERE server_id = ?", (server_id,)).fetchone()
        return _row_to_record(row) if row else None

    def find(self, ref: str) -> TaskRecord | None:
        """A task by local id (digits) or server id."""
        if ref.isdigit():
            return self.get(int(ref))
        return self.get_by_server_id(ref)

    def remove(self, task_id: int) -> None:
        self._db.execute("DELETE FROM tasks WHERE id = ?", (task_id,))

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM tasks").fetchone()[0])

    def _select(self, where: str, params: Iterable[Any] = ()) -> list[TaskRecord]:
        rows = self._db.execute(f"SELECT * FROM tasks WHERE {where} ORDER BY id", tuple(params))
        return [_row_to_record(r) for r in rows]

    def all(self) -> list[TaskRecord]:
        return self._select("1")

    def search_ids(
        self, *, group: str | None = None, needle: str = "", order: str = "created", descending: bool = True
    ) -> list[int]:
        """Ids of the tasks in an outcome ``group`` (see GROUP_SQL) whose prompt, task id or seed contains
        ``needle``, ordered by one of ORDER_SQL. Done in SQL: filtering 10,000 rows in Python per
        keystroke took a quarter of a second (benchmarks/task_list.py)."""
        clauses, params = [], []
        if group:
            clauses.append(GROUP_SQL[group])
        if needle:
            pattern = "%" + needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append(
                "(lower(prompt) LIKE ? ESCAPE '\\' OR lower(ifnull(server_id, '')) LIKE ? ESCAPE '\\' "
                "OR ifnull(CAST(seed AS TEXT), '') LIKE ? ESCAPE '\\')"
            )
            params += [pattern] * 3
        direction = "DESC" if descending else "ASC"
        where = " AND ".join(clauses) or "1"
        sql = f"SELECT id FROM tasks WHERE {where} ORDER BY {ORDER_SQL[order]} {direction}, id {direction}"
        return [r[0] for r in self._db.execute(sql, params)]

    def iter_newest(self, limit: int, offset: int = 0) -> Iterator[TaskRecord]:
        rows = self._db.execute("SELECT * FROM tasks ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))
        return (_row_to_record(r) for r in rows)

    def to_poll(self) -> list[TaskRecord]:
        final = tuple(s.value for s in FINAL_STATUSES)
        marks = ", ".join("?" for _ in final)
        return self._select(f"server_id IS NOT NULL AND tracking = 1 AND status NOT IN ({marks})", final)

    def to_download(self) -> list[TaskRecord]:
        return self._select(
            "status = ? AND video_path IS NULL AND tracking = 1", (TaskStatus.COMPLETED.value,)
        )

    def saved_videos(self) -> list[tuple[int, str, int | None]]:
        """(id, video path, expected size) of every task whose video the history says is saved."""
        rows = self._db.execute("SELECT id, video_path, video_size FROM tasks WHERE video_path IS NOT NULL")
        return [(int(r[0]), str(r[1]), r[2]) for r in rows]

    def unknown_unlinked(self) -> list[TaskRecord]:
        """Rows whose POST outcome is unknown and that no server task is linked to yet."""
        return self._select("status = ? AND server_id IS NULL", (TaskStatus.UNKNOWN.value,))

    def unsubmitted(self) -> list[TaskRecord]:
        return self._select("status IN (?, ?)", (TaskStatus.UPLOADING.value, TaskStatus.SUBMITTING.value))

    # -- upload cache ---------------------------------------------------------------------------

    def cached_upload(self, sha256: str, *, min_validity: float = 3600.0) -> str | None:
        """A previously uploaded URL for this content that stays valid for at least ``min_validity`` s."""
        row = self._db.execute(
            "SELECT url FROM uploads WHERE sha256 = ? AND expires_at > ?",
            (sha256, time.time() + min_validity),
        ).fetchone()
        return str(row[0]) if row else None

    def remember_upload(self, sha256: str, url: str, expires_at: float) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO uploads (sha256, url, uploaded_at, expires_at) VALUES (?, ?, ?, ?)",
            (sha256, url, time.time(), expires_at),
        )

    # -- leases: one process at a time works on a task (the GUI and the CLI may share this file) ----

    def claim(self, task_id: int, owner: str, seconds: float, *, dead_owners: Iterable[str] = ()) -> bool:
        """Take (or renew) the lease on a task. Succeeds when it is free, expired, ours, or held by an
        owner known to be dead."""
        now = time.time()
        dead = list(dead_owners)
        marks = ", ".join("?" for _ in dead) or "NULL"
        cur = self._db.execute(
            "UPDATE tasks SET lease_owner = ?, lease_until = ? WHERE id = ? AND (lease_owner IS NULL "
            f"OR lease_owner = ? OR lease_until < ? OR lease_owner IN ({marks}))",
            (owner, now + seconds, task_id, owner, now, *dead),
        )
        return cur.rowcount == 1

    def lease_holders(self) -> list[str]:
        now = time.time()
        rows = self._db.execute(
            "SELECT DISTINCT lease_owner FROM tasks WHERE lease_owner IS NOT NULL AND lease_until >= ?",
            (now,),
        )
        return [str(r[0]) for r in rows]

    def renew_leases(self, owner: str, seconds: float) -> None:
        self._db.execute(
            "UPDATE tasks SET lease_until = ? WHERE lease_owner = ?", (time.time() + seconds, owner)
        )

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

    def changed_since(self, timestamp: float) -> list[TaskRecord]:
        return self._select("updated_at > ?", (timestamp,))

    def max_updated_at(self) -> float:
        row = self._db.execute("SELECT MAX(updated_at) FROM tasks").fetchone()
        return float(row[0] or 0.0)
