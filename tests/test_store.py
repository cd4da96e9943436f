from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storekit import add

from happyhorse_desktop.tasks.schema import MIGRATIONS
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import HistoryError, TaskStore


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
    with pytest.raises(HistoryError, match="schema 999") as raised:
        TaskStore(tmp_path / "t.db")
    assert raised.value.newer_app


def test_an_unreadable_file_is_a_history_error(tmp_path: Path) -> None:
    (tmp_path / "t.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError) as raised:
        TaskStore(tmp_path / "t.db")
    assert not raised.value.newer_app and raised.value.path == tmp_path / "t.db"


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
    polling = add(store, server_id="a", status=TaskStatus.PROCESSING)
    pending = add(store, server_id="b", status=TaskStatus.PENDING)
    add(store, server_id="c", status=TaskStatus.FAILED)
    untracked = add(store, server_id="d", status=TaskStatus.PENDING, tracking=False)
    done = add(store, server_id="e", status=TaskStatus.COMPLETED)
    add(store, server_id="f", status=TaskStatus.COMPLETED, video_path="/v.mp4")
    uploading = add(store, status=TaskStatus.UPLOADING)
    add(store, status=TaskStatus.INTERRUPTED)  # never sent again on its own
    assert [r.id for r in store.with_work("poll")] == [polling.id, pending.id]
    assert [r.id for r in store.with_work("download")] == [done.id]
    assert [r.id for r in store.with_work("send")] == [uploading.id]
    assert untracked.id not in [r.id for r in store.with_work("poll")]
    assert store.search_ids()[-1] == polling.id
    store.close()


def test_an_old_history_is_migrated_with_its_inputs(tmp_path: Path) -> None:
    """A version 2 history (one picture per row, raw server words) opens with nothing lost."""
    db = sqlite3.connect(tmp_path / "t.db")
    for step in MIGRATIONS[:2]:
        db.executescript(step)  # type: ignore[arg-type]
    db.execute("PRAGMA user_version=2")
    db.execute(
        "INSERT INTO tasks (model, prompt, quality, duration, image_source, image_url, idempotency_key, "
        "server_id, status, created_at, updated_at) VALUES ('happyhorse-1.0-image-to-video', 'old', '720p', "
        "5, '/pics/a.png', 'https://files/a.png', 'k', 'task-unified-1-aaaaaaaa', 'queued_upstream', 1, 1)"
    )
    db.commit()
    db.close()
    store = TaskStore(tmp_path / "t.db")
    row = store.get_by_server_id("task-unified-1-aaaaaaaa")
    assert (
        row is not None and row.image_sources == ["/pics/a.png"] and row.image_urls == ["https://files/a.png"]
    )
    assert row.status == TaskStatus.PROCESSING and row.lease_token == 0 and row.origin == "app"
    assert [r.id for r in store.with_work("poll")] == [row.id]
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


def test_fencing_tokens_stop_a_process_that_lost_its_lease(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "t.db")
    other = TaskStore(tmp_path / "t.db")
    row = add(store)
    mine = store.claim(row.id, "gui", -1)  # a lease that has already run out (the process was paused)
    assert mine is not None and store.claim(row.id, "gui", -1) == mine  # renewing keeps the token
    theirs = other.claim(row.id, "cli", 30)
    assert theirs is not None and theirs.token == mine.token + 1
    # The paused process wakes up: its fenced write finds the task taken over and writes nothing.
    assert store.update_fenced(row.id, "gui", mine.token, 30, status=TaskStatus.SUBMITTING) is None
    assert other.update_fenced(row.id, "cli", theirs.token, 30, status=TaskStatus.SUBMITTING) is not None
    assert store.get(row.id).status == TaskStatus.SUBMITTING  # type: ignore[union-attr]
    assert store.renew_leases("gui", 30) == set() and other.renew_leases("cli", 30) == {row.id}
    store.close()
    other.close()


def test_claiming_work_takes_every_free_row_in_one_statement(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "t.db")
    free = [add(store, server_id=f"s{i}", status=TaskStatus.PROCESSING) for i in range(3)]
    held = add(store, server_id="h", status=TaskStatus.PROCESSING)
    assert store.claim(held.id, "cli", 30)
    claims = store.claim_work("poll", "gui", 30)
    assert sorted(c.task_id for c in claims) == [r.id for r in free]
    assert all(c.token == 1 and c.status == TaskStatus.PROCESSING for c in claims)
    store.close()


def test_upload_cache_respects_expiry(tmp_path: Path) -> None:
    import time

    store = TaskStore(tmp_path / "t.db")
    files = "https://files.example"
    store.remember_upload(files, "abc", "https://files/x.png", time.time() + 7200)
    assert store.cached_upload(files, "abc") == "https://files/x.png"
    assert store.cached_upload(files + "/", "abc") == "https://files/x.png"  # the same host
    assert store.cached_upload(files, "abc", min_validity=10_000) is None
    store.remember_upload(files, "old", "https://files/y.png", time.time() + 60)
    assert store.cached_upload(files, "old") is None
    store.close()


def test_upload_cache_is_per_files_host(tmp_path: Path) -> None:
    """A URL one files host gave is never offered for another (a demo simulator on a new port, a changed
    setting); a row from before hosts were part of the key (a bare hash) matches nothing."""
    import time

    store = TaskStore(tmp_path / "t.db")
    store.remember_upload(
        "http://127.0.0.1:4001", "abc", "http://127.0.0.1:4001/files/x.png", time.time() + 7200
    )
    assert store.cached_upload("http://127.0.0.1:4002", "abc") is None
    store._db.execute(
        "INSERT INTO uploads (sha256, url, uploaded_at, expires_at) VALUES (?, ?, ?, ?)",
        ("def", "https://old/x.png", time.time(), time.time() + 7200),
    )
    assert store.cached_upload("https://old", "def") is None
    assert store.cached_upload("http://127.0.0.1:4001", "abc") == "http://127.0.0.1:4001/files/x.png"
    store.close()
