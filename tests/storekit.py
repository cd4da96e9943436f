"""A helper to write task rows directly into a store (for store and model tests)."""

from __future__ import annotations

from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore


def add(store: TaskStore, **kw: object) -> TaskRecord:
    """A minimal valid task row; keyword arguments override any column."""
    values: dict[str, object] = {
        "model": "happyhorse-1.0-image-to-video",
        "quality": "720p",
        "duration": 5,
        "image_sources": ["https://x/a.png"],
        "idempotency_key": "k",
        "status": TaskStatus.PENDING,
        "server_id": None,
    }
    values.update(kw)
    return store.add(**values)
