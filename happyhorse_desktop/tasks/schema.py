"""The history's schema: numbered migrations, applied in order and recorded in ``PRAGMA user_version``.

History is never truncated: a migration only adds (or, in one transaction, reshapes) what is there.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.tasks.status import FINAL_STATUSES, TaskStatus, sql_list


def _split_inputs(db: sqlite3.Connection) -> None:
    """3: one picture per task becomes a list of inputs (every HappyHorse route), plus fencing tokens,
    chains, origins, the queue's columns and indexes for the start-up queries."""
    for statement in (
        "ALTER TABLE tasks ADD COLUMN image_sources TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE tasks ADD COLUMN image_urls TEXT NOT NULL DEFAULT '[]'",
    ):
        db.execute(statement)
    rows = db.execute("SELECT id, image_source, image_url FROM tasks").fetchall()
    db.executemany(
        "UPDATE tasks SET image_sources = ?, image_urls = ? WHERE id = ?",
        [
            (json.dumps([source] if source else []), json.dumps([url] if url else []), task_id)
            for task_id, source, url in rows
        ],
    )
    # Earlier versions stored a status word the server invented as it was; it meant "still running".
    db.execute(f"UPDATE tasks SET status = 'processing' WHERE status NOT IN ({sql_list(TaskStatus)})")
    for statement in (
        "ALTER TABLE tasks DROP COLUMN image_source",
        "ALTER TABLE tasks DROP COLUMN image_url",
        "ALTER TABLE tasks ADD COLUMN video_source TEXT",
        "ALTER TABLE tasks ADD COLUMN video_url TEXT",
        "ALTER TABLE tasks ADD COLUMN input_seconds REAL",
        "ALTER TABLE tasks ADD COLUMN aspect_ratio TEXT",
        "ALTER TABLE tasks ADD COLUMN keep_original_sound INTEGER NOT NULL DEFAULT 0",
        # A claim that changes hands bumps the token; every irreversible step proves (owner, token).
        "ALTER TABLE tasks ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tasks ADD COLUMN parent_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL",
        "ALTER TABLE tasks ADD COLUMN starred INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tasks ADD COLUMN origin TEXT NOT NULL DEFAULT 'app'",
        "ALTER TABLE tasks ADD COLUMN batch_id INTEGER",
        "ALTER TABLE tasks ADD COLUMN queue_position REAL",
        "ALTER TABLE tasks ADD COLUMN not_before REAL",
        # Who holds leases, and which rows still need work, without reading the whole history.
        "CREATE INDEX tasks_lease ON tasks(lease_owner) WHERE lease_owner IS NOT NULL",
        f"CREATE INDEX tasks_open ON tasks(status) WHERE status NOT IN ({sql_list(FINAL_STATUSES)})",
        "CREATE INDEX tasks_unsaved ON tasks(status) WHERE status = 'completed' AND video_path IS NULL",
        "CREATE INDEX tasks_parent ON tasks(parent_id) WHERE parent_id IS NOT NULL",
        # Small shared state of the engine (queue paused, caps…) that the window and the CLI both read.
        "CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ):
        db.execute(statement)


MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: the initial schema
    """
    CREATE TABLE tasks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        model TEXT NOT NULL,
        prompt TEXT NOT NULL DEFAULT '',
        quality TEXT NOT NULL,
        duration INTEGER NOT NULL,
        seed INTEGER,
        callback_url TEXT,
        image_source TEXT NOT NULL,
        image_url TEXT,
        image_sha256 TEXT,
        idempotency_key TEXT NOT NULL,
        server_id TEXT UNIQUE,
        status TEXT NOT NULL,
        progress INTEGER NOT NULL DEFAULT 0,
        tracking INTEGER NOT NULL DEFAULT 1,
        credits_reserved REAL,
        credits_used REAL,
        estimated_time REAL,
        results TEXT NOT NULL DEFAULT '[]',
        video_path TEXT,
        sidecar_path TEXT,
        download_path TEXT,
        error_code TEXT,
        error_message TEXT,
        download_error TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        submitted_at REAL,
        completed_at REAL,
        finished_at REAL,
        lease_owner TEXT,
        lease_until REAL
    );
    CREATE INDEX tasks_status ON tasks(status);
    CREATE INDEX tasks_updated ON tasks(updated_at);
    CREATE TABLE uploads (
        sha256 TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        uploaded_at REAL NOT NULL,
        expires_at REAL NOT NULL
    );
    """,
    # 2: the saved video's size, so a start can tell a complete file from one cut short by a power loss
    """
    ALTER TABLE tasks ADD COLUMN video_size INTEGER;
    CREATE INDEX tasks_created ON tasks(created_at);
    """,
    _split_inputs,
    # 4: the batch queue — batches (a name and an optional budget each), the indexes the scheduler, the
    # queue panel and the ledger read, and the files a watched folder turned into takes (each version of
    # a file once, whichever process saw it first: the primary key decides).
    f"""
    CREATE TABLE batches (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL,
        budget_credits REAL,
        origin TEXT NOT NULL DEFAULT 'app'
    );
    CREATE INDEX tasks_queued ON tasks(queue_position) WHERE status = '{TaskStatus.QUEUED.value}';
    CREATE INDEX tasks_in_queue ON tasks(queue_position) WHERE queue_position IS NOT NULL;
    CREATE INDEX tasks_batch ON tasks(batch_id) WHERE batch_id IS NOT NULL;
    CREATE INDEX tasks_submitted ON tasks(submitted_at) WHERE submitted_at IS NOT NULL;
    CREATE TABLE watched_files (
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
        problem TEXT,
        seen_at REAL NOT NULL,
        PRIMARY KEY (path, size, mtime_ns)
    );
    """,
]
LATEST = len(MIGRATIONS)


class NewerSchemaError(RuntimeError):
    """The history was written by a newer version of the app."""

    def __init__(self, version: int) -> None:
        super().__init__(
            translate("History", "schema {version}, this app knows up to {latest}").format(
                version=version, latest=LATEST
            )
        )
        self.version = version


def migrate(db: sqlite3.Connection) -> None:
    """Bring the database to the latest schema, one transaction per step. The version is read inside
    each step's write transaction, so two processes opening an old history at once migrate it once."""
    current = int(db.execute("PRAGMA user_version").fetchone()[0])
    if current > LATEST:
        raise NewerSchemaError(current)
    if current == LATEST:
        return  # the usual case: no write lock taken just to open the history
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > LATEST:
                raise NewerSchemaError(version)
            if version == LATEST:
                db.execute("COMMIT")
                return
            step = MIGRATIONS[version]
            if callable(step):
                step(db)
            else:
                for statement in filter(str.strip, step.split(";")):
                    db.execute(statement)
            db.execute(f"PRAGMA user_version={version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
