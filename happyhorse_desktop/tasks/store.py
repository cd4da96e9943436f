"""The task history on SQLite (WAL): every task ever made, its inputs, state, credits and files.

The store is the source of truth: the engine writes a row *before* anything is sent to the server, and
the task list reads from here. Several processes may share one history (the window and
``happyhorse-cli``): work on a task is leased, and every irreversible step proves the lease with a
fencing token in the same statement that records it (see docs/architecture.md, "Money safety").
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.tasks.record import COLUMNS, TaskRecord, encode, record_from_row
from happyhorse_desktop.tasks.schema import NewerSchemaError, migrate
from happyhorse_desktop.tasks.status import (
    FINAL_STATUSES,
    SENDING_STATUSES,
    TaskStatus,
    sql_list,
)
from happyhorse_desktop.tasks.store_leases import WORK_SQL, LeaseSQL
from happyhorse_desktop.tasks.store_search import SearchSQL

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another process's lock before the caller backs off


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


class HistoryError(Exception):
    """The history file cannot be used; ``str()`` says why in plain words."""

    def __init__(self, path: Path, reason: str, *, newer_app: bool = False) -> None:
        super().__init__(reason)
        self.path = path
        self.newer_app = newer_app


RECONCILED = "reconciled"  # error_code of a row linked to its task by reconciliation, not by its own answer


@dataclass(frozen=True)
class Recorded:
    """What recording a POST's answer did (see ``TaskStore.record_server_id``)."""

    record: TaskRecord | None  # the row as it stands now (None when nothing was written)
    unlinked: int | None  # a row that lost a mistaken reconciliation link to this answer
    conflict_with: int | None  # a row whose own answer already holds the id: nothing was written


class TaskStore(LeaseSQL, SearchSQL):
    """One SQLite connection, used from the thread that opened it (the app's event-loop thread)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA foreign_keys=ON")
            migrate(self._db)
            self._identity = _identity(self.path)
            self._own_changes: dict[int, float] = {}  # task id -> updated_at this connection wrote
        except NewerSchemaError as exc:
            self._close_quietly()
            raise HistoryError(self.path, str(exc), newer_app=True) from None
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise HistoryError(self.path, str(exc)) from None

    def gone(self) -> str | None:
        """Why the history file this connection writes is no longer the one on disk (deleted or
        replaced while open), or None. SQLite would go on writing into the deleted file, where no
        later start finds a row: a task paid for now would be in no history."""
        if _identity(self.path) != self._identity:
            return translate(
                "Validation",
                "The task history {path} was deleted or replaced while the app was running, so "
                "nothing is sent (a paid task would be recorded nowhere). Restart HappyHorse.",
            ).format(path=self.path)
        return None

    def _close_quietly(self) -> None:
        db = getattr(self, "_db", None)
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def integrity_check(self) -> str:
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection, for the engine's own SQL modules (the queue, the ledger); same thread only."""
        return self._db

    @contextlib.contextmanager
    def immediate(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the history's write lock from its first statement (``BEGIN
        IMMEDIATE``): nothing read inside can change in any process until it commits. For decisions that
        must hold across processes, such as the queue's caps and claims."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._rollback()
            raise
        self._db.execute("COMMIT")

    # -- rows -----------------------------------------------------------------------------------

    def add(self, **values: Any) -> TaskRecord:
        now = time.time()
        values.setdefault("created_at", now)
        values.setdefault("updated_at", now)
        names = [n for n in values if n in COLUMNS and n != "id"]
        sql = f"INSERT INTO tasks ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
        cur = self._db.execute(sql, [encode(n, values[n]) for n in names])
        record = self.get(int(cur.lastrowid or 0))
        assert record is not None
        self.note_own_change([record.id], record.updated_at)
        return record

    def note_own_change(self, task_ids: Iterable[int], updated_at: float) -> None:
        """Remember that this connection wrote these rows at ``updated_at``, so a scan for changes made
        by other processes (``changed_since``) can tell them apart from its own."""
        for task_id in task_ids:
            self._own_changes[task_id] = updated_at

    def is_own_change(self, record: TaskRecord) -> bool:
        return self._own_changes.get(record.id) == record.updated_at

    def update(self, task_id: int, **values: Any) -> TaskRecord | None:
        """Write ``values`` without any lease check: for the user's own actions on a row."""
        self._execute_update("id = :id", {"id": task_id}, values)
        return self.get(task_id)

    def update_fenced(
        self, task_id: int, owner: str, token: int, lease_seconds: float, **values: Any
    ) -> TaskRecord | None:
        """Prove that ``owner`` still holds the task with ``token`` and write ``values`` (renewing the
        lease) in one statement; None, with nothing written, when another process took it over."""
        values["lease_until"] = time.time() + lease_seconds
        changed = self._execute_update(
            "id = :id AND lease_owner = :me AND lease_token = :token",
            {"id": task_id, "me": owner, "token": token},
            values,
        )
        return self.get(task_id) if changed else None

    def _execute_update(self, where: str, params: dict[str, Any], values: dict[str, Any]) -> int:
        unknown = set(values) - set(COLUMNS)
        if unknown:
            raise ValueError(f"unknown task fields: {sorted(unknown)}")
        values = {**values, "updated_at": time.time()}
        assignments = ", ".join(f"{n} = :v_{n}" for n in values)
        bound = {**params, **{f"v_{n}": encode(n, v) for n, v in values.items()}}
        changed = self._db.execute(f"UPDATE tasks SET {assignments} WHERE {where}", bound).rowcount
        if changed and "id" in params:
            self.note_own_change([params["id"]], values["updated_at"])
        return changed

    def record_server_id(
        self, task_id: int, owner: str, token: int, server_id: str, unlinked_note: str, **values: Any
    ) -> Recorded | None:
        """Record the id the server gave this row's own POST, with the reply's ``values``.

        Allowed while we hold the lease, and also when another process has meanwhile marked the row
        *unknown* (our POST's answer settles that); None when the row is no longer ours to write.
        If reconciliation had linked the id to another row, that row goes back to *unknown* (with
        ``unlinked_note``, its lease taken from whoever held it) in the same transaction: a POST's own
        answer outranks a match. If the id belongs to a row whose own POST recorded it (a replayed or
        mixed-up answer), nothing is written and ``conflict_with`` names that row: the caller must not
        take a task another row paid for.
        """
        self._db.execute("BEGIN IMMEDIATE")
        try:
            row = self._db.execute(
                "SELECT lease_owner, lease_token, status, server_id FROM tasks WHERE id = ?", (task_id,)
            ).fetchone()
            ours = row is not None and row["lease_owner"] == owner and row["lease_token"] == token
            orphaned = row is not None and row["status"] == TaskStatus.UNKNOWN and row["server_id"] is None
            if not (ours or orphaned):
                self._rollback()
                return None
            other = self._db.execute(
                "SELECT id, error_code FROM tasks WHERE server_id = ? AND id != ?", (server_id, task_id)
            ).fetchone()
            if other is not None and other["error_code"] != RECONCILED:
                self._rollback()
                return Recorded(None, None, int(other["id"]))
            unlinked = int(other["id"]) if other else None
            if unlinked is not None:
                self._unlink(unlinked, unlinked_note)
            self._execute_update("id = :id", {"id": task_id}, {**values, "server_id": server_id})
            self._db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        return Recorded(self.get(task_id), unlinked, None)

    def _unlink(self, task_id: int, note: str) -> None:
        """A row reconciliation linked by mistake: back to *unknown*, and out of its holder's hands (the
        token moves on, so a process working on it can no longer write it)."""
        self._execute_update(
            "id = :id",
            {"id": task_id},
            {
                "server_id": None,
                "status": TaskStatus.UNKNOWN,
                "progress": 0,
                "results": [],
                "video_path": None,
                "sidecar_path": None,
                "error_code": "unknown_outcome",
                "error_message": note,
                "lease_owner": None,
                "lease_until": None,
            },
        )
        self._db.execute("UPDATE tasks SET lease_token = lease_token + 1 WHERE id = ?", (task_id,))

    def _rollback(self) -> None:
        # After a disk error SQLite may already have ended the transaction: do not hide the real error.
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def link_found_task(self, task_id: int, server_id: str, **values: Any) -> TaskRecord | None:
        """Link a server task found by reconciliation to an *unknown* row — only while no POST is on the
        wire in any process (its task could be the one found) and the id is linked to no other row."""
        try:
            changed = self._execute_update(
                f"id = :id AND status = '{TaskStatus.UNKNOWN.value}' AND server_id IS NULL "
                f"AND NOT EXISTS (SELECT 1 FROM tasks WHERE status = '{TaskStatus.SUBMITTING.value}')",
                {"id": task_id},
                {**values, "server_id": server_id, "error_code": RECONCILED},
            )
        except sqlite3.IntegrityError:  # the id belongs to another row already
            return None
        return self.get(task_id) if changed else None

    def get(self, task_id: int) -> TaskRecord | None:
        row = self._db.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return record_from_row(row) if row else None

    def get_many(self, task_ids: list[int]) -> list[TaskRecord]:
        """The records of these ids (in no particular order; missing ids are skipped)."""
        records: list[TaskRecord] = []
        for start in range(0, len(task_ids), 500):  # stay under SQLite's bound-parameter limit
            chunk = task_ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self._db.execute(f"SELECT * FROM tasks WHERE id IN ({marks})", chunk)
            records.extend(record_from_row(r) for r in rows)
        return records

    def get_by_server_id(self, server_id: str) -> TaskRecord | None:
        row = self._db.execute("SELECT * FROM tasks WHERE server_id = ?", (server_id,)).fetchone()
        return record_from_row(row) if row else None

    def find(self, ref: str) -> TaskRecord | None:
        """A task by local id (digits) or server id."""
        if ref.isdigit():
            return self.get(int(ref))
        return self.get_by_server_id(ref)

    def remove(self, task_id: int) -> bool:
        """Delete a row — never one whose request may be on its way (uploading or submitting, in any
        process): its answer must find its row. Returns whether the row was deleted."""
        cur = self._db.execute(
            f"DELETE FROM tasks WHERE id = ? AND status NOT IN ({sql_list(SENDING_STATUSES)})", (task_id,)
        )
        return cur.rowcount == 1

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM tasks").fetchone()[0])

    def _select(self, where: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[TaskRecord]:
        bound = params if isinstance(params, dict) else tuple(params)
        # "+id": sort what the WHERE finds through its index; "ORDER BY id" alone makes SQLite walk the
        # whole table in id order instead (30 ms on 100,000 tasks, every few seconds, on the UI thread)
        rows = self._db.execute(f"SELECT * FROM tasks WHERE {where} ORDER BY +id", bound)
        return [record_from_row(r) for r in rows]

    def all(self) -> list[TaskRecord]:
        return self._select("1")

    def iter_newest(self, limit: int, offset: int = 0) -> Iterator[TaskRecord]:
        rows = self._db.execute("SELECT * FROM tasks ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))
        return (record_from_row(r) for r in rows)

    def with_work(self, kind: str) -> list[TaskRecord]:
        """Rows that still need ``kind`` of work ("send", "poll", "download"), whoever holds them."""
        return self._select(WORK_SQL[kind])

    def open_count(self) -> int:
        """How many rows are not final or still wait for their video (each part an indexed count)."""
        running = self._db.execute(
            f"SELECT COUNT(*) FROM tasks WHERE status NOT IN ({sql_list(FINAL_STATUSES)})"
        )
        unsaved = self._db.execute(f"SELECT COUNT(*) FROM tasks WHERE {WORK_SQL['download']}")
        return int(running.fetchone()[0]) + int(unsaved.fetchone()[0])

    def saved_videos(self) -> list[tuple[int, str, int | None]]:
        """(id, video path, expected size) of every task whose video the history says is saved."""
        rows = self._db.execute("SELECT id, video_path, video_size FROM tasks WHERE video_path IS NOT NULL")
        return [(int(r[0]), str(r[1]), r[2]) for r in rows]

    def unknown_unlinked(self) -> list[TaskRecord]:
        """Rows whose POST outcome is unknown and that no server task is linked to yet."""
        return self._select("status = ? AND server_id IS NULL", (TaskStatus.UNKNOWN.value,))

    def any_submitting(self) -> bool:
        """Whether any process has a POST on the wire for this history."""
        row = self._db.execute("SELECT 1 FROM tasks WHERE status = ? LIMIT 1", (TaskStatus.SUBMITTING.value,))
        return row.fetchone() is not None

    def changed_since(self, timestamp: float) -> list[TaskRecord]:
        return self._select("updated_at > ?", (timestamp,))

    def max_updated_at(self) -> float:
        row = self._db.execute("SELECT MAX(updated_at) FROM tasks").fetchone()
        return float(row[0] or 0.0)

    # -- chains and takes (tasks/chains.py) ------------------------------------------------------

    def parent_links(self) -> dict[int, int]:
        """Every continuation's parent (few rows: read through the partial index ``tasks_parent``)."""
        rows = self._db.execute("SELECT id, parent_id FROM tasks WHERE parent_id IS NOT NULL")
        return {int(r[0]): int(r[1]) for r in rows}

    def children(self, task_id: int) -> list[TaskRecord]:
        """The takes that continue this one (indexed by ``tasks_parent``)."""
        return self._select("parent_id = ?", (task_id,))

    def same_shot(self, prompt: str, image_sources: list[str], image_sha256: str | None) -> list[TaskRecord]:
        """Takes of one shot: the same prompt and the same source picture(s) — by content when the
        first picture's hash is known, else by where the pictures were."""
        sources = encode("image_sources", image_sources)
        if image_sha256:
            return self._select(
                "prompt = ? AND (image_sha256 = ? OR image_sources = ?)", (prompt, image_sha256, sources)
            )
        return self._select("prompt = ? AND image_sources = ?", (prompt, sources))
