"""The demo account on disk, so that the demo behaves like a real account across starts: the balance, what
has been used, and every task with its parameters, reservation and timing (its state follows from the
time, so nothing needs saving as it runs), plus the picture each result is rendered from.

A small SQLite file in the demo's data folder. Each change is one transaction (atomic, durable), made
on the simulator's request threads, never the UI thread. Several demo processes (the window and
``happyhorse-cli --demo``) each run a simulator on one ledger: a reservation checks and charges the
balance in one write transaction, and a refund happens once, whoever gives it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
from pathlib import Path

from happyhorse_desktop.history import set_aside
from happyhorse_desktop.sandbox.sim_task import SimTask, task_fields, task_from_fields

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 10.0
SCHEMA = """
CREATE TABLE IF NOT EXISTS account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    balance REAL NOT NULL,
    used REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tasks (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    refunded INTEGER NOT NULL DEFAULT 0,
    fields TEXT NOT NULL,
    picture TEXT REFERENCES pictures(sha256)
);
CREATE TABLE IF NOT EXISTS pictures (
    sha256 TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
"""


class WorldLedger:
    """The balance and the tasks of one demo account, shared by every simulator that opens the file."""

    def __init__(self, path: Path, opening_balance: float) -> None:
        self.path = path
        self._lock = threading.Lock()  # one connection, used by the simulator's request threads
        try:
            self._db = _open(path, opening_balance)
        except sqlite3.DatabaseError as exc:  # not a database (a torn copy, another program's file)
            # The demo must still start: the unreadable account is kept aside (not deleted) and a new
            # one opens, as a fresh demo account would.
            kept = set_aside(path)
            log.warning("the demo account could not be read (%s); kept as %s, a new one starts", exc, kept)
            self._db = _open(path, opening_balance)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def account(self) -> tuple[float, float]:
        """(balance, used) now, whichever process changed them last."""
        with self._lock:
            row = self._db.execute("SELECT balance, used FROM account WHERE id = 1").fetchone()
        return float(row[0]), float(row[1])

    def reserve(self, task: SimTask, amount: float, picture: bytes | None) -> tuple[bool, float, float]:
        """Charge ``amount`` and keep ``task`` (and the picture its video starts from), or neither when
        the balance is short. Returns (charged, balance, used)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")  # no other process charges between the check and the write
            try:
                balance, used = self._db.execute("SELECT balance, used FROM account WHERE id = 1").fetchone()
                if balance < amount:
                    self._db.execute("ROLLBACK")
                    return False, float(balance), float(used)
                balance, used = balance - amount, used + amount
                self._db.execute("UPDATE account SET balance = ?, used = ? WHERE id = 1", (balance, used))
                sha256 = hashlib.sha256(picture).hexdigest() if picture else None
                if picture:  # one copy of a picture however many tasks start from it
                    self._db.execute("INSERT OR IGNORE INTO pictures VALUES (?, ?)", (sha256, picture))
                self._db.execute(
                    "INSERT OR REPLACE INTO tasks (id, created, refunded, fields, picture)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (task.id, task.created, int(task.refunded), json.dumps(task_fields(task)), sha256),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return True, float(balance), float(used)

    def refund(self, task_id: str, amount: float) -> tuple[float, float]:
        """Give a failed task's reservation back, unless some process already did. Returns (balance,
        used) afterwards."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                marked = self._db.execute(
                    "UPDATE tasks SET refunded = 1 WHERE id = ? AND refunded = 0", (task_id,)
                ).rowcount
                if marked:
                    self._db.execute(
                        "UPDATE account SET balance = balance + ?, used = used - ? WHERE id = 1",
                        (amount, amount),
                    )
                row = self._db.execute("SELECT balance, used FROM account WHERE id = 1").fetchone()
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return float(row[0]), float(row[1])

    def tasks(self, known: set[str]) -> list[SimTask]:
        """Every task of the account but those in ``known``."""
        with self._lock:
            rows = self._db.execute("SELECT id, refunded, fields FROM tasks").fetchall()
        return [_task(row[1], row[2]) for row in rows if row[0] not in known]

    def task(self, task_id: str) -> SimTask | None:
        with self._lock:
            row = self._db.execute("SELECT refunded, fields FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return _task(row[0], row[1]) if row else None

    def picture(self, task_id: str) -> bytes | None:
        """The picture the task's video starts from, if it had one."""
        with self._lock:
            row = self._db.execute(
                "SELECT data FROM pictures JOIN tasks ON tasks.picture = pictures.sha256 WHERE tasks.id = ?",
                (task_id,),
            ).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None


def _open(path: Path, opening_balance: float) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(SCHEMA)
        db.execute("INSERT OR IGNORE INTO account (id, balance, used) VALUES (1, ?, 0)", (opening_balance,))
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _task(refunded: int, fields: str) -> SimTask:
    return task_from_fields(json.loads(fields), refunded=bool(refunded))
