"""What a server reply about a task writes into its row (tasks/snapshot.py), the credit rule first: a
known credit figure is never replaced by a missing or zero one from a later reply."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storekit import add

from happyhorse_desktop.api.errors import describe_task_failure
from happyhorse_desktop.api.models import TaskError, TaskSnapshot
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.snapshot import _credit, snapshot_values
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

RESERVED = 3_240_405.0  # raw units: 324.0405 credits (1080p, 15 s)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[TaskStore]:
    store = TaskStore(tmp_path / "tasks.sqlite3")
    yield store
    store.close()


def running(store: TaskStore, **kw: object) -> TaskRecord:
    values: dict[str, object] = {
        "server_id": "task-unified-1-abcdefgh",
        "status": TaskStatus.PROCESSING,
        "progress": 20,
        "credits_reserved": RESERVED,
    }
    return add(store, **(values | kw))


@pytest.mark.parametrize(
    ("known", "reported", "kept"),
    [
        (None, None, None),
        (None, RESERVED, RESERVED),  # the first figure
        (RESERVED, None, RESERVED),  # a reply without usage
        (RESERVED, 0.0, RESERVED),  # a zero from a gateway means "not reported", not "free"
        (RESERVED, 0, RESERVED),
        (RESERVED, 2_000_000.0, 2_000_000.0),  # a real new figure wins
        (None, 0.0, 0.0),  # nothing known: a zero is all there is
        (0.0, 0.0, 0.0),
    ],
)
def test_credit_keeps_a_known_figure_against_a_missing_or_zero_one(
    known: float | None, reported: float | None, kept: float | None
) -> None:
    assert _credit(known, reported) == kept


def test_a_reply_without_usage_changes_no_credit(store: TaskStore) -> None:
    record = running(store, credits_used=None)
    values = snapshot_values(record, TaskSnapshot(record.server_id or "", "processing", progress=40))
    assert values == {"progress": 40}


def test_a_completed_reply_with_zero_reserved_keeps_the_reservation_and_takes_the_charge(
    store: TaskStore,
) -> None:
    record = running(store)
    snap = TaskSnapshot(
        record.server_id or "",
        "completed",
        credits_reserved=0.0,
        credits_used=RESERVED,
        results=("https://r/v.mp4",),
    )
    values = snapshot_values(record, snap, now=1000.0)
    assert "credits_reserved" not in values  # 0.0 from the reply did not overwrite 324.0405
    assert values["credits_used"] == RESERVED
    assert values["status"] == TaskStatus.COMPLETED and values["progress"] == 100
    assert values["results"] == ["https://r/v.mp4"]
    assert values["completed_at"] == values["finished_at"] == 1000.0


def test_a_later_reply_never_zeroes_a_known_charge(store: TaskStore) -> None:
    record = running(
        store, status=TaskStatus.COMPLETED, progress=100, credits_used=RESERVED, completed_at=5.0
    )
    store.update(record.id, finished_at=5.0)
    record = store.get(record.id)
    assert record is not None
    snap = TaskSnapshot(record.server_id or "", "completed", credits_reserved=0.0, credits_used=0.0)
    assert snapshot_values(record, snap, now=9.0) == {}  # nothing changes, the first times are kept


def test_a_failed_reply_says_why_and_when(store: TaskStore) -> None:
    record = running(store)
    snap = TaskSnapshot(
        record.server_id or "", "failed", progress=50, error=TaskError("content_policy_violation", "Blocked")
    )
    values = snapshot_values(record, snap, now=42.0)
    assert values["status"] == TaskStatus.FAILED and values["progress"] == 50
    assert values["finished_at"] == 42.0 and "completed_at" not in values
    assert values["error_code"] == "content_policy_violation"
    assert values["error_message"] == describe_task_failure("content_policy_violation", "Blocked")
    assert "credits_reserved" not in values


def test_a_failed_reply_without_an_error_names_its_status(store: TaskStore) -> None:
    record = running(store)
    values = snapshot_values(record, TaskSnapshot(record.server_id or "", "cancelled"), now=1.0)
    assert values["status"] == TaskStatus.CANCELLED and values["error_code"] == "cancelled"
