"""What takes cost and what has been spent: the budget's arithmetic and the cost ledger.

Spending follows the money EvoLink holds or has taken, read from the history:

- a take being sent (uploading, submitting) counts its estimate, and counts *today* whatever day it
  was queued: its money is being committed now;
- a task running on the server counts what the server reserved (the estimate until it said);
- a finished task counts what it was charged (what was reserved when no final figure came);
- a failed or cancelled task is refunded: it counts only what the server says it charged (usually 0);
- a submission whose outcome is unknown counts its estimate: it may have been charged;
- queued, interrupted and refused takes never reached EvoLink and cost nothing.

Everything but a take being sent belongs to the local day it was sent (``submitted_at``). Prices come
from :mod:`happyhorse_desktop.pricing`; raw server figures become credits there too. Qt-free.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import quote

from happyhorse_desktop.pricing import credits_from_raw, estimate_credits
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import (
    ENDED_WITHOUT_VIDEO,
    POLLABLE_STATUSES,
    SENDING_STATUSES,
    TaskStatus,
    sql_list,
)

_COST_COLUMNS = (
    "status, model, quality, duration, input_seconds, credits_reserved, credits_used, submitted_at"
)
_CHARGED = frozenset({TaskStatus.COMPLETED, TaskStatus.EXPIRED})


def estimate(model: str, quality: str, duration: int, input_seconds: float | None = None) -> float:
    """Credits one take is expected to cost (a video edit is billed on its source's length); 0 for a
    model or quality without a known price (validation refuses those before they are queued)."""
    billed = input_seconds if input_seconds is not None else duration
    return estimate_credits(model, quality, billed) or 0.0


@dataclass(frozen=True)
class Cost:
    """One task's money: ``held`` is reserved or may be (running, being sent, unknown); ``charged`` is
    final."""

    held: float = 0.0
    charged: float = 0.0

    @property
    def total(self) -> float:
        return self.held + self.charged


def cost_of(row: sqlite3.Row | dict[str, Any]) -> Cost:
    """What one history row (as SQL returns it) costs, by the rules in the module's docstring."""
    return _cost(
        TaskStatus.parse(str(row["status"])),
        estimate(str(row["model"]), str(row["quality"]), int(row["duration"]), row["input_seconds"]),
        credits_from_raw(row["credits_reserved"]),
        credits_from_raw(row["credits_used"]),
    )


def record_cost(record: TaskRecord) -> Cost:
    """What one task costs (the same rules, for a record already read)."""
    return _cost(
        record.status,
        estimate(record.model, record.quality, record.duration, record.input_seconds),
        credits_from_raw(record.credits_reserved),
        credits_from_raw(record.credits_used),
    )


def _cost(status: TaskStatus, guess: float, reserved: float | None, used: float | None) -> Cost:
    if status in SENDING_STATUSES or status == TaskStatus.UNKNOWN:
        return Cost(held=guess)
    if status in POLLABLE_STATUSES:
        return Cost(held=reserved if reserved else guess)
    if status in _CHARGED:
        return Cost(charged=used or reserved or guess)
    if status in ENDED_WITHOUT_VIDEO:
        return Cost(charged=used or 0.0)
    return Cost()


def day_start(now: float) -> float:
    """The start of the local day ``now`` falls in (a daily cap resets at local midnight)."""
    moment = dt.datetime.fromtimestamp(now)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def spent_today(db: sqlite3.Connection, now: float) -> float:
    """Credits held or charged today: takes being sent, and tasks sent since local midnight."""
    rows = db.execute(
        f"SELECT {_COST_COLUMNS} FROM tasks "
        f"WHERE status IN ({sql_list(SENDING_STATUSES)}) OR submitted_at >= ?",
        (day_start(now),),
    )
    return sum(cost_of(r).total for r in rows)


def spent_in_batch(db: sqlite3.Connection, batch_id: int) -> float:
    """Credits held or charged by one batch's takes (retries included)."""
    rows = db.execute(f"SELECT {_COST_COLUMNS} FROM tasks WHERE batch_id = ?", (batch_id,))
    return sum(cost_of(r).total for r in rows)


# -- the ledger ------------------------------------------------------------------------------------


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    def key(self, timestamp: float) -> str:
        """``2026-11-27``, ``2026-W48`` (ISO week) or ``2026-11``, in local time."""
        moment = dt.datetime.fromtimestamp(timestamp)
        if self is Period.DAY:
            return moment.strftime("%Y-%m-%d")
        if self is Period.WEEK:
            year, week, _ = moment.isocalendar()
            return f"{year}-W{week:02d}"
        return moment.strftime("%Y-%m")


@dataclass
class LedgerLine:
    """Spending of one period on one model and quality."""

    period: str
    model: str
    quality: str
    tasks: int = 0
    held: float = 0.0  # reserved by running tasks, or possibly charged (unknown outcomes)
    charged: float = 0.0  # final charges

    @property
    def total(self) -> float:
        return self.held + self.charged


def ledger(db: sqlite3.Connection, period: Period, now: float) -> list[LedgerLine]:
    """Spending per period, model and quality, newest period first. Takes that cost nothing (refused,
    refunded) are left out; a take being sent counts in the current period."""
    rows = db.execute(
        f"SELECT {_COST_COLUMNS} FROM tasks "
        f"WHERE submitted_at IS NOT NULL OR status IN ({sql_list(SENDING_STATUSES)})"
    )
    lines: dict[tuple[str, str, str], LedgerLine] = {}
    for row in rows:
        cost = cost_of(row)
        if not cost.total:
            continue
        sending = TaskStatus.parse(str(row["status"])) in SENDING_STATUSES
        when = now if sending or row["submitted_at"] is None else float(row["submitted_at"])
        key = (period.key(when), str(row["model"]), str(row["quality"]))
        line = lines.setdefault(key, LedgerLine(*key))
        line.tasks += 1
        line.held += cost.held
        line.charged += cost.charged
    return sorted(lines.values(), key=lambda x: (x.period, x.model, x.quality), reverse=True)


def read_ledger(db_path: Path, period: Period, now: float) -> list[LedgerLine]:
    """:func:`ledger` on a connection of its own, read-only — for a worker thread, so a long history is
    summed without holding the UI thread."""
    db = sqlite3.connect(f"file:{quote(str(db_path))}?mode=ro", uri=True, timeout=5.0)
    db.row_factory = sqlite3.Row
    try:
        return ledger(db, period, now)
    finally:
        db.close()


LEDGER_CSV_HEADER = ("period", "model", "quality", "tasks", "reserved_credits", "charged_credits")


def write_ledger_csv(lines: Iterable[LedgerLine], path: Path) -> None:
    """The ledger as CSV (machine-readable column names, credits with four decimals)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(LEDGER_CSV_HEADER)
        for line in lines:
            writer.writerow(
                (line.period, line.model, line.quality, line.tasks, f"{line.held:.4f}", f"{line.charged:.4f}")
            )
