"""The batch queue's shared state, kept in the history's ``kv`` table so the window and every
``happyhorse-cli`` on one history obey the same settings, caps and pause.

- :class:`QueueSettings`: concurrency (1–10), the daily cap, the command run per finished video, the
  watched folder — loaded and saved here only;
- :class:`Pause`: why the queue is paused (the user, a cap, credits, the key), with the figures a
  message needs; absent while the queue runs;
- :class:`Gate`: after transient refusals (429, 5xx, no connection) nothing is sent before ``retry_at``.

Reads and writes take the store's connection, so they can run inside the queue's claim transaction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, fields
from enum import StrEnum

DEFAULT_CONCURRENCY = 2
MIN_CONCURRENCY, MAX_CONCURRENCY = 1, 10
_SETTINGS_PREFIX = "queue.setting."
_PAUSE_KEY = "queue.pause"
_GATE_KEY = "queue.gate"
RUN_STARTED_KEY = "queue.run_started"  # when the queue last went from empty to holding takes


def kv_get(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def kv_set(db: sqlite3.Connection, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM kv WHERE key = ?", (key,))
    else:
        db.execute("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", (key, value))


@dataclass
class QueueSettings:
    concurrency: int = DEFAULT_CONCURRENCY  # tasks running on the server at once, queue or not
    daily_cap: float | None = None  # credits per local day; None: no cap
    on_finish: str = ""  # a command run per finished video ({video}, {task_id}, {prompt}, {seed})
    watch_folder: str = ""  # images saved here become queued takes; empty: off

    @classmethod
    def read(cls, db: sqlite3.Connection) -> QueueSettings:
        loaded = cls()
        for f in fields(cls):
            raw = kv_get(db, _SETTINGS_PREFIX + f.name)
            if raw is None:
                continue
            try:
                value = json.loads(raw)
            except ValueError:
                continue  # a hand-edited value that is not JSON keeps the default
            setattr(loaded, f.name, value)
        loaded.concurrency = clamp_concurrency(loaded.concurrency)
        if not isinstance(loaded.daily_cap, int | float) or loaded.daily_cap <= 0:
            loaded.daily_cap = None
        return loaded

    def write(self, db: sqlite3.Connection) -> None:
        self.concurrency = clamp_concurrency(self.concurrency)
        for f in fields(self):
            kv_set(db, _SETTINGS_PREFIX + f.name, json.dumps(getattr(self, f.name)))


def clamp_concurrency(value: object) -> int:
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_CONCURRENCY
    return max(MIN_CONCURRENCY, min(MAX_CONCURRENCY, number))


class PauseKind(StrEnum):
    USER = "user"  # the Pause button or ``queue pause``
    DAILY_CAP = "daily_cap"  # the next take would take today's spending over the daily cap
    BATCH_CAP = "batch_cap"  # … over its batch's budget
    CREDITS = "credits"  # EvoLink answered 402: not enough credits
    KEY = "key"  # EvoLink refused the API key (401)


@dataclass(frozen=True)
class Pause:
    kind: PauseKind
    at: float
    detail: str = ""  # the server's own words (credits, key)
    cap: float = 0.0  # the cap that would be exceeded, in credits
    spent: float = 0.0  # already held or charged under that cap
    needed: float = 0.0  # the next take's estimate
    batch: str = ""  # the batch's name (batch cap)
    day: str = ""  # the local day a daily cap stopped the queue: it runs again the next day

    @property
    def over_by(self) -> float:
        """How far the next take would take the spending over the cap."""
        return max(0.0, self.spent + self.needed - self.cap)

    @classmethod
    def read(cls, db: sqlite3.Connection) -> Pause | None:
        raw = kv_get(db, _PAUSE_KEY)
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return cls(**{**data, "kind": PauseKind(data["kind"])})
        except (ValueError, TypeError, KeyError):
            return cls(PauseKind.USER, at=0.0)  # unreadable: stay paused, the user resumes

    @staticmethod
    def write(db: sqlite3.Connection, pause: Pause | None) -> None:
        kv_set(db, _PAUSE_KEY, None if pause is None else json.dumps(asdict(pause)))


@dataclass(frozen=True)
class Gate:
    retry_at: float = 0.0
    refusals: int = 0  # transient refusals in a row (the back-off grows with them)

    @classmethod
    def read(cls, db: sqlite3.Connection) -> Gate:
        raw = kv_get(db, _GATE_KEY)
        try:
            return cls(**json.loads(raw)) if raw else cls()
        except (ValueError, TypeError):
            return cls()

    def write(self, db: sqlite3.Connection) -> None:
        kv_set(db, _GATE_KEY, json.dumps(asdict(self)))
