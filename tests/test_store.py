from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storekit import add

from happyhorse_desktop.tasks.store import TaskStatus, TaskStore


def test_schema_is_versioned_and_wal(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "t.db")
    assert store.schema_version >= 1
    mode = sqlite3.connect(tmp_path / "t.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal" and store.integrity_check() == "ok"
    store.close()


def test_refuses_a_newer_schema(tmp_path: Path) -> None:
    TaskStore(tmp_path / "t.db").close()
    db = sqlite3.connect(tmp_path / "t.db")
    db.execute("PRAGMA user_version=999")
    db.commit()
    db.close()
    with pytest.raises(RuntimeError, match="newer HappyHorse"):
        TaskStore(tmp_path / "t.db")


def test_rows_survive_reopen_and_round_trip(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "t.db")
    row = add(store, prompt="马 horse", seed=7, server_id="task-1", results=["https://a", "https://b"])
    store.update(row.id, progress=40, tracking=False)
    store.close()
    again = TaskStore(tmp_path / "t.db")
    got = again.get_by_server_id("task-1")
    assert got is not None and got.prompt == "马 horse" and got.seed == 7 and got.progress == 40
    assert got.results == ["https://a", "https://b"] and got.tracking is False
    assert again.find(str(row.id)) == got and again.find("nope") is None
    with pytest.raises(ValueError):
        again.update(row.id, not_a_column=1)
    again.close()


def test_work_queries(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "t.db")
    polling = add(store, server_id="a", status="processing")
    odd = add(store, server_id="b", status="queued_upstream")  # unknown server status: keep polling
    add(store, server_id="c", status=TaskStatus.FAILED)
    untracked = add(store, server_id="d", status="pending", tracking=False)
    done = add(store, server_id="e", status=TaskStatus.COMPLETED)
    add(store, server_id="f", status=TaskStatus.COMPLETED, video_path="/v.mp4")
    uploading = add(store, status=TaskStatus.UPLOADING)
    assert [r.id for r in store.to_poll()] == [polling.id, odd.id]
    assert [r.id for r in store.to_download()] == [done.id]
    assert [r.id for r in store.unsubmitted()] == [uploading.id]
    assert untracked.id not in [r.id for r in store.to_poll()]
    assert store.search_ids()[0] == uploading.id
    store.close()


def test_leases(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "t.db")
    other = TaskStore(tmp_path / "t.db")  # a second process on the same file
    row = add(store)
    assert store.claim(row.id, "gui", 30)
    assert not other.claim(row.id, "cli", 30)
    assert other.claim(row.id, "cli", 30, dead_owners=["gui"])  # the GUI died
    assert not store.claim(row.id, "gui", 30)
    other.release("cli")
    assert store.claim(row.id, "gui", -1)  # an expired lease is free for anyone
    assert other.claim(row.id, "cli", 30)
    store.close()
    other.close()


def test_upload_cache_respects_expiry(tmp_path: Path) -> None:
    import time

    store = TaskStore(tmp_path / "t.db")
    store.remember_upload("abc", "https://files/x.png", time.time() + 7200)
    assert store.cached_upload("abc") == "https://files/x.png"
    assert store.cached_upload("abc", min_validity=10_000) is None
    store.remember_upload("old", "https://files/y.png", time.time() + 60)
    assert store.cached_upload("old") is None
    store.close()
