"""What takes cost and what has been spent: the rule per status, the local day, the ledger."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from storekit import add

from happyhorse_desktop.tasks.budget import (
    Period,
    cost_of,
    day_start,
    ledger,
    record_cost,
    spent_in_batch,
    spent_today,
)
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

FIVE_SECONDS = 12.15 * 5  # the estimate of the rows below (5 s at 720p on HappyHorse 1.0)
RAW = 10_000  # raw server units per credit


@pytest.mark.parametrize(
    ("status", "reserved", "used", "held", "charged"),
    [
        pytest.param(TaskStatus.QUEUED, None, None, 0, 0, id="queued-nothing-sent"),
        pytest.param(TaskStatus.UPLOADING, None, None, FIVE_SECONDS, 0, id="uploading-the-estimate"),
        pytest.param(TaskStatus.SUBMITTING, None, None, FIVE_SECONDS, 0, id="submitting-the-estimate"),
        pytest.param(TaskStatus.PENDING, 50 * RAW, None, 50, 0, id="running-what-was-reserved"),
        pytest.param(TaskStatus.PROCESSING, None, None, FIVE_SECONDS, 0, id="running-unreported"),
        pytest.param(TaskStatus.COMPLETED, 50 * RAW, 48 * RAW, 0, 48, id="completed-the-final-charge"),
        pytest.param(TaskStatus.COMPLETED, 50 * RAW, None, 0, 50, id="completed-without-final-figure"),
        pytest.param(TaskStatus.EXPIRED, 50 * RAW, None, 0, 50, id="expired-still-charged"),
        pytest.param(TaskStatus.FAILED, 50 * RAW, None, 0, 0, id="failed-refunded"),
        pytest.param(TaskStatus.CANCELLED, 50 * RAW, 2 * RAW, 0, 2, id="cancelled-what-it-says"),
        pytest.param(TaskStatus.UNKNOWN, None, None, FIVE_SECONDS, 0, id="unknown-may-be-charged"),
        pytest.param(TaskStatus.REJECTED, None, None, 0, 0, id="refused-nothing"),
        pytest.param(TaskStatus.INTERRUPTED, None, None, 0, 0, id="interrupted-nothing"),
    ],
)
def test_each_status_costs_what_evolink_holds_or_took(
    tmp_path: Path,
    status: TaskStatus,
    reserved: float | None,
    used: float | None,
    held: float,
    charged: float,
) -> None:
    store = TaskStore(tmp_path / "t.db")
    row = add(store, status=status, credits_reserved=reserved, credits_used=used)
    from_sql = cost_of(store.connection.execute("SELECT * FROM tasks WHERE id = ?", (row.id,)).fetchone())
    assert from_sql == record_cost(row)  # the same rule for a row read by SQL and for a record
    assert (from_sql.held, from_sql.charged) == (pytest.approx(held), pytest.approx(charged))
    store.close()


def test_spending_belongs_to_the_local_day_it_was_sent_except_takes_being_sent(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "t.db")
    now = time.time()
    yesterday = day_start(now) - 3600
    add(store, status=TaskStatus.COMPLETED, credits_used=10 * RAW, submitted_at=now - 1)
    add(store, status=TaskStatus.COMPLETED, credits_used=1000 * RAW, submitted_at=yesterday)
    add(store, status=TaskStatus.UPLOADING, created_at=yesterday)  # queued yesterday, sent now
    add(store, status=TaskStatus.QUEUED, batch_id=7)
    add(store, status=TaskStatus.PENDING, credits_reserved=20 * RAW, submitted_at=now - 2, batch_id=7)
    assert spent_today(store.connection, now) == pytest.approx(10 + FIVE_SECONDS + 20)
    assert spent_in_batch(store.connection, 7) == pytest.approx(20)
    midnight = dt.datetime.fromtimestamp(now).replace(hour=0, minute=0, second=0, microsecond=0)
    assert day_start(now) == midnight.timestamp()
    store.close()


def test_the_ledger_sums_per_period_model_and_quality(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "t.db")
    now = time.mktime((2026, 11, 27, 12, 0, 0, 0, 0, -1))
    earlier = time.mktime((2026, 11, 2, 12, 0, 0, 0, 0, -1))
    for submitted, quality, used in ((now, "720p", 10), (now - 60, "720p", 5), (earlier, "1080p", 30)):
        add(
            store,
            status=TaskStatus.COMPLETED,
            quality=quality,
            credits_used=used * RAW,
            submitted_at=submitted,
        )
    add(store, status=TaskStatus.PROCESSING, credits_reserved=7 * RAW, submitted_at=now)
    add(store, status=TaskStatus.FAILED, credits_reserved=9 * RAW, submitted_at=now)  # refunded: left out
    by_day = [
        (x.period, x.quality, x.tasks, x.held, x.charged) for x in ledger(store.connection, Period.DAY, now)
    ]
    assert by_day == [("2026-11-27", "720p", 3, 7.0, 15.0), ("2026-11-02", "1080p", 1, 0.0, 30.0)]
    by_month = ledger(store.connection, Period.MONTH, now)
    assert [(x.period, x.quality, x.total) for x in by_month] == [
        ("2026-11", "720p", 22.0),
        ("2026-11", "1080p", 30.0),
    ]
    assert {x.period for x in ledger(store.connection, Period.WEEK, now)} == {"2026-W48", "2026-W45"}
    store.close()
