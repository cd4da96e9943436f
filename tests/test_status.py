"""Each status rule is stated once in Python and once in SQL; these tests hold the two together."""

from __future__ import annotations

from pathlib import Path

import pytest
from storekit import add

from happyhorse_desktop.tasks.status import FINAL_STATUSES, SENDING_STATUSES, Outcome, TaskStatus
from happyhorse_desktop.tasks.store import TaskStore


@pytest.mark.parametrize("download_error", [None, "Not saved yet: disk full"], ids=["no-error", "not-saved"])
@pytest.mark.parametrize("status", list(TaskStatus), ids=lambda s: s.value)
def test_outcome_groups_agree_in_python_and_sql(
    tmp_path: Path, status: TaskStatus, download_error: str | None
) -> None:
    store = TaskStore(tmp_path / "t.db")
    row = add(store, status=status, download_error=download_error)
    expected = Outcome.of(status, download_error=download_error)
    for outcome in (o for o in Outcome if o is not Outcome.ALL):
        assert store.matches(row.id, outcome=outcome) == (outcome is expected), outcome
    assert store.matches(row.id, outcome=Outcome.ALL)
    store.close()


@pytest.mark.parametrize("status", list(TaskStatus), ids=lambda s: s.value)
def test_work_queries_agree_with_the_record(tmp_path: Path, status: TaskStatus) -> None:
    store = TaskStore(tmp_path / "t.db")
    row = add(store, status=status, server_id="task-unified-1-abcdefgh")
    polled = {r.id for r in store.with_work("poll")}
    saved = {r.id for r in store.with_work("download")}
    assert (row.id in polled) == row.needs_polling
    assert (row.id in saved) == row.needs_download
    assert (row.id in {r.id for r in store.with_work("send")}) == (status in SENDING_STATUSES)
    store.close()


def test_unknown_server_words_count_as_running() -> None:
    assert TaskStatus.from_server("Queued_Upstream".lower()) is TaskStatus.PROCESSING
    assert TaskStatus.from_server("uploading") is TaskStatus.PROCESSING  # not a server word at all
    assert TaskStatus.from_server("completed") is TaskStatus.COMPLETED
    assert TaskStatus.PROCESSING not in FINAL_STATUSES
