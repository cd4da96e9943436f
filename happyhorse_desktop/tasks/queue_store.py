"""The batch queue in the task history: queued takes are rows (status ``queued``, ordered by
``queue_position``), batches have their own table, the shared state lives in ``kv``.

This module writes and lists them (composing, the user's edits, housekeeping, the end-of-run summary);
the decision to send one is :mod:`.queue_claim`'s. Qt-free.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.tasks.budget import cost_of, spent_today
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.queue_state import RUN_STARTED_KEY, Gate, Pause, QueueSettings
from happyhorse_desktop.tasks.record import TaskRecord, encode, record_from_row
from happyhorse_desktop.tasks.status import RUNNING_STATUSES, TaskStatus, sql_list
from happyhorse_desktop.tasks.store import TaskStore

if TYPE_CHECKING:
    from happyhorse_desktop.tasks.watch import SeenFile

QUEUED = f"'{TaskStatus.QUEUED.value}'"
WATCH_BATCH_KEY = "queue.watch_batch"
_UNSAVED = f"(status = '{TaskStatus.COMPLETED.value}' AND video_path IS NULL AND tracking = 1)"
RETRYABLE = frozenset({TaskStatus.FAILED, TaskStatus.REJECTED, TaskStatus.CANCELLED, TaskStatus.EXPIRED})


@dataclass(frozen=True)
class Batch:
    id: int
    name: str
    created_at: float
    budget: float | None
    origin: str


@dataclass(frozen=True)
class Drained:
    """What one run of the queue did, from its first queued take until it ran dry."""

    done: int
    failed: int
    credits: float
    last_task: int | None


class QueueStore:
    def __init__(self, store: TaskStore) -> None:
        self.store = store
        self.db = store.connection

    # -- shared state -------------------------------------------------------------------------------

    def settings(self) -> QueueSettings:
        return QueueSettings.read(self.db)

    def save_settings(self, settings: QueueSettings) -> None:
        settings.write(self.db)

    def pause(self) -> Pause | None:
        return Pause.read(self.db)

    def set_pause(self, pause: Pause | None) -> None:
        Pause.write(self.db, pause)

    def gate(self) -> Gate:
        return Gate.read(self.db)

    def set_gate(self, gate: Gate) -> None:
        gate.write(self.db)

    # -- batches and takes --------------------------------------------------------------------------

    def enqueue(
        self, takes: Sequence[SubmitParams], *, name: str, budget: float | None, origin: str
    ) -> tuple[Batch, list[int]]:
        """A new batch and its takes at the end of the queue, in one transaction (all or nothing)."""
        now = time.time()
        with self.store.immediate() as db:
            batch_id = int(
                db.execute(
                    "INSERT INTO batches (name, created_at, budget_credits, origin) VALUES (?, ?, ?, ?) "
                    "RETURNING id",
                    (name, now, budget, origin),
                ).fetchone()[0]
            )
            ids = self._insert(db, takes, batch_id, origin, now)
        batch = self.batch(batch_id)
        assert batch is not None
        return batch, ids

    def _insert(
        self, db: Any, takes: Sequence[SubmitParams], batch_id: int, origin: str, now: float
    ) -> list[int]:
        """Insert the takes at the queue's end, inside the caller's write transaction. Holding the
        write lock, the rows get consecutive ids after the largest one (AUTOINCREMENT), so one
        ``executemany`` does it (a thousand single inserts took three times as long)."""
        if not takes:
            return []
        last = db.execute(f"SELECT MAX(queue_position) FROM tasks WHERE status = {QUEUED}").fetchone()[0]
        first = float(last or 0.0) + 1.0
        rows = [
            _row_values(take, batch_id=batch_id, position=first + n, origin=origin, now=now)
            for n, take in enumerate(takes)
        ]
        names = list(rows[0])
        sql = f"INSERT INTO tasks ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
        db.executemany(sql, ([encode(n, row[n]) for n in names] for row in rows))
        top = int(db.execute("SELECT last_insert_rowid()").fetchone()[0])
        db.execute("INSERT OR IGNORE INTO kv (key, value) VALUES (?, ?)", (RUN_STARTED_KEY, repr(now)))
        ids = list(range(top - len(rows) + 1, top + 1))
        self.store.note_own_change(ids, now)  # the rows carry updated_at = now
        return ids

    def batch(self, batch_id: int) -> Batch | None:
        row = self.db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
        if row is None:
            return None
        return Batch(int(row["id"]), row["name"], row["created_at"], row["budget_credits"], row["origin"])

    def batch_records(self, batch_id: int) -> list[TaskRecord]:
        rows = self.db.execute("SELECT * FROM tasks WHERE batch_id = ? ORDER BY id", (batch_id,))
        return [record_from_row(r) for r in rows]

    # -- a watched folder ---------------------------------------------------------------------------

    def unseen_files(self, files: Iterable[SeenFile]) -> list[SeenFile]:
        """The file versions the watched folder has not turned into takes (or refused) yet."""
        known = self.db.execute
        return [
            f
            for f in files
            if known(
                "SELECT 1 FROM watched_files WHERE path = ? AND size = ? AND mtime_ns = ?",
                (f.path, f.size, f.mtime_ns),
            ).fetchone()
            is None
        ]

    def add_watched(self, file: SeenFile, take: SubmitParams | None, problem: str) -> tuple[bool, int | None]:
        """Record a file version and queue its take (None: refused, ``problem`` says why) in one
        transaction. Returns whether this call recorded it (False: another process did first) and the
        new take's id."""
        now = time.time()
        with self.store.immediate() as db:
            recorded = db.execute(
                "INSERT OR IGNORE INTO watched_files (path, size, mtime_ns, problem, seen_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (file.path, file.size, file.mtime_ns, problem or None, now),
            ).rowcount
            if not recorded or take is None:
                return bool(recorded), None
            batch_id = self._watch_batch(db, now)
            (task_id,) = self._insert(db, [take], batch_id, "watch", now)
            db.execute(
                "UPDATE watched_files SET task_id = ? WHERE path = ? AND size = ? AND mtime_ns = ?",
                (task_id, file.path, file.size, file.mtime_ns),
            )
        return True, task_id

    def _watch_batch(self, db: Any, now: float) -> int:
        """The batch the watched folder's takes belong to (made on first use)."""
        row = db.execute("SELECT value FROM kv WHERE key = ?", (WATCH_BATCH_KEY,)).fetchone()
        if row is not None and self.batch(int(row[0])) is not None:
            return int(row[0])
        batch_id = int(
            db.execute(
                "INSERT INTO batches (name, created_at, origin) VALUES (?, ?, 'watch') RETURNING id",
                (translate("Queue", "Watched folder"), now),
            ).fetchone()[0]
        )
        db.execute("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", (WATCH_BATCH_KEY, str(batch_id)))
        return batch_id

    # -- what the queue panel shows -----------------------------------------------------------------

    def view_ids(self) -> list[int]:
        """The queue as the panel lists it: takes under way first, then the queued ones in order, then
        those that need the user (failed, refused, unknown…), until retried or dismissed."""
        order = (
            f"CASE WHEN status = {QUEUED} THEN 1 WHEN status IN ({sql_list(RUNNING_STATUSES)}) "
            f"OR status = '{TaskStatus.COMPLETED.value}' THEN 0 ELSE 2 END"
        )
        rows = self.db.execute(
            f"SELECT id FROM tasks WHERE queue_position IS NOT NULL ORDER BY {order}, queue_position, id"
        )
        return [int(r[0]) for r in rows]

    def queued_ids(self) -> list[int]:
        rows = self.db.execute(f"SELECT id FROM tasks WHERE status = {QUEUED} ORDER BY queue_position, id")
        return [int(r[0]) for r in rows]

    def queued_count(self) -> int:
        return int(self.db.execute(f"SELECT COUNT(*) FROM tasks WHERE status = {QUEUED}").fetchone()[0])

    def spent_today(self, now: float) -> float:
        return spent_today(self.db, now)

    # -- the user's edits (only rows still queued are touched) --------------------------------------

    def reorder(self, ids: Sequence[int]) -> None:
        """Put these queued takes in this order, in the slots they hold between them (takes queued
        meanwhile by another process keep theirs)."""
        if not ids:
            return
        with self.store.immediate() as db:
            marks = ", ".join("?" for _ in ids)
            rows = db.execute(
                f"SELECT id, queue_position FROM tasks WHERE status = {QUEUED} AND id IN ({marks})", list(ids)
            ).fetchall()
            present = {int(r[0]) for r in rows}
            slots = sorted(float(r[1] or 0.0) for r in rows)
            order = [i for i in ids if i in present]
            db.executemany(
                "UPDATE tasks SET queue_position = ? WHERE id = ?", list(zip(slots, order, strict=True))
            )

    def move_to_top(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        with self.store.immediate() as db:
            first = db.execute(f"SELECT MIN(queue_position) FROM tasks WHERE status = {QUEUED}").fetchone()[0]
            start = float(first or 0.0) - len(ids)
            db.executemany(
                f"UPDATE tasks SET queue_position = ? WHERE id = ? AND status = {QUEUED}",
                [(start + n, task_id) for n, task_id in enumerate(ids)],
            )

    def edit(self, task_id: int, take: SubmitParams) -> bool:
        """Change a queued take's settings; False when it is no longer queued (already being sent)."""
        values = {
            "prompt": take.prompt,
            "model": take.model,
            "quality": take.quality,
            "duration": take.duration,
            "seed": take.seed,
            "image_sources": list(take.images),
            "updated_at": time.time(),
        }
        sets = ", ".join(f"{n} = ?" for n in values)
        changed = self.db.execute(
            f"UPDATE tasks SET {sets} WHERE id = ? AND status = {QUEUED}",
            [*(encode(n, v) for n, v in values.items()), task_id],
        ).rowcount
        return bool(changed)

    def remove_queued(self, ids: Iterable[int] | None = None) -> list[int]:
        """Delete queued takes (all of them when ``ids`` is None); returns the ids deleted."""
        if ids is None:
            rows = self.db.execute(f"DELETE FROM tasks WHERE status = {QUEUED} RETURNING id")
        else:
            wanted = list(ids)
            if not wanted:
                return []
            marks = ", ".join("?" for _ in wanted)
            rows = self.db.execute(
                f"DELETE FROM tasks WHERE status = {QUEUED} AND id IN ({marks}) RETURNING id", wanted
            )
        return [int(r[0]) for r in rows.fetchall()]

    def dismiss(self, ids: Iterable[int]) -> list[int]:
        """Take finished takes out of the queue's view (they stay in the history)."""
        wanted = list(ids)
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        rows = self.db.execute(
            f"UPDATE tasks SET queue_position = NULL WHERE id IN ({marks}) AND status NOT IN "
            f"({sql_list({TaskStatus.QUEUED, *RUNNING_STATUSES})}) RETURNING id",
            wanted,
        )
        return [int(r[0]) for r in rows.fetchall()]

    def retry_candidates(self, ids: Iterable[int] | None = None) -> list[TaskRecord]:
        """Takes in the queue's view that ended without a video and may be run again as new paid takes
        (never an unknown outcome: EvoLink may have that one)."""
        where = f"queue_position IS NOT NULL AND status IN ({sql_list(RETRYABLE)})"
        params: list[int] = []
        if ids is not None:
            params = list(ids)
            if not params:
                return []
            where += f" AND id IN ({', '.join('?' for _ in params)})"
        rows = self.db.execute(f"SELECT * FROM tasks WHERE {where} ORDER BY queue_position, id", params)
        return [record_from_row(r) for r in rows]

    def retry(self, records: Sequence[TaskRecord], origin: str) -> list[int]:
        """New takes with the settings of these, at the queue's end in their batches; the old rows
        leave the queue's view (one transaction)."""
        new_ids: list[int] = []
        with self.store.immediate() as db:
            now = time.time()
            for record in records:
                take = SubmitParams.of(record)
                new_ids += self._insert(db, [take], record.batch_id or 0, origin, now)
                db.execute("UPDATE tasks SET queue_position = NULL WHERE id = ?", (record.id,))
        return new_ids

    # -- housekeeping, each round -------------------------------------------------------------------

    def requeue_interrupted(self) -> list[int]:
        """Queued takes stopped before they were sent (the app closed mid-upload) go back in the queue:
        queueing them was the user's request to send them. Nothing of theirs reached EvoLink."""
        stopped = (
            f"status = '{TaskStatus.INTERRUPTED.value}' AND batch_id IS NOT NULL "
            "AND queue_position IS NOT NULL AND lease_owner IS NULL"
        )
        if not self._any(stopped):
            return []
        rows = self.db.execute(
            f"UPDATE tasks SET status = {QUEUED}, error_code = NULL, error_message = NULL, "
            f"submitted_at = NULL, updated_at = ? WHERE {stopped} RETURNING id",
            (time.time(),),
        )
        return [int(r[0]) for r in rows.fetchall()]

    def retire_saved(self) -> None:
        """Saved takes leave the queue's view (their index entry too, so the view stays quick)."""
        # "+status": not the status index (every finished task of a long history) but the small
        # partial index of the queue's rows
        saved = (
            f"queue_position IS NOT NULL AND +status = '{TaskStatus.COMPLETED.value}' "
            "AND video_path IS NOT NULL"
        )
        if self._any(saved):
            self.db.execute(f"UPDATE tasks SET queue_position = NULL WHERE {saved}")

    def _any(self, where: str) -> bool:
        """Whether a row matches: asked before each of the scheduler's routine writes, because a read
        never waits (WAL) while a write waits for the lock — on the UI thread, behind another process's
        or a worker thread's long transaction."""
        return self.db.execute(f"SELECT 1 FROM tasks WHERE {where} LIMIT 1").fetchone() is not None

    def take_drained(self) -> Drained | None:
        """When the queue has run dry (nothing queued, no queued take still running or saving), the
        summary of that run — once: whichever process takes the run's marker reports it."""
        if self.db.execute("SELECT 1 FROM kv WHERE key = ?", (RUN_STARTED_KEY,)).fetchone() is None:
            return None
        if self._busy():  # the usual case, answered without the write lock
            return None
        with self.store.immediate() as db:
            if self._busy():
                return None
            row = db.execute("DELETE FROM kv WHERE key = ? RETURNING value", (RUN_STARTED_KEY,)).fetchone()
            if row is None:
                return None
            rows = db.execute(
                "SELECT id, status, video_path, model, quality, duration, input_seconds, credits_reserved, "
                "credits_used, submitted_at FROM tasks WHERE batch_id IS NOT NULL AND updated_at >= ? "
                "ORDER BY updated_at",
                (float(row[0]),),
            ).fetchall()
        done = sum(1 for r in rows if r["video_path"])
        failed = sum(1 for r in rows if not r["video_path"] and r["status"] != TaskStatus.COMPLETED)
        credits = sum(cost_of(r).total for r in rows)
        return Drained(done, failed, credits, int(rows[-1]["id"]) if rows else None)

    def _busy(self) -> bool:
        return (
            self.db.execute(
                f"SELECT 1 FROM tasks WHERE status = {QUEUED} OR (batch_id IS NOT NULL AND "
                f"(status IN ({sql_list(RUNNING_STATUSES)}) OR {_UNSAVED})) LIMIT 1"
            ).fetchone()
            is not None
        )


def _row_values(
    take: SubmitParams, *, batch_id: int, position: float, origin: str, now: float
) -> dict[str, Any]:
    return {
        **take.row_values(),
        "idempotency_key": uuid.uuid4().hex,
        "status": TaskStatus.QUEUED,
        "origin": origin,
        "batch_id": batch_id,
        "queue_position": position,
        "created_at": now,
        "updated_at": now,
    }
