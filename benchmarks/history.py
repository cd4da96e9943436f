"""Build a task history of N finished tasks for the benchmarks (one SQLite transaction)."""

from __future__ import annotations

import json
import random
import sqlite3
import time
from pathlib import Path

from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

WORDS = [
    "horse",
    "gallops",
    "beach",
    "sunset",
    "camera",
    "tracking",
    "spray",
    "mane",
    "wind",
    "slow",
    "motion",
    "meadow",
    "river",
    "jump",
]


COLUMNS = (
    "model",
    "prompt",
    "quality",
    "duration",
    "seed",
    "image_sources",
    "image_urls",
    "idempotency_key",
    "server_id",
    "status",
    "progress",
    "credits_reserved",
    "credits_used",
    "video_path",
    "created_at",
    "updated_at",
    "finished_at",
)


def make_history(data_dir: Path, count: int, image: Path) -> Path:
    db = data_dir / "tasks.sqlite3"
    TaskStore(db).close()  # schema
    rng = random.Random(5)
    now = time.time()
    rows = []
    for i in range(count):
        created = now - (count - i) * 60
        status = rng.choice([TaskStatus.COMPLETED] * 8 + [TaskStatus.FAILED, TaskStatus.EXPIRED])
        rows.append(
            (
                "happyhorse-1.0-image-to-video",
                " ".join(rng.choices(WORDS, k=12)),
                "720p",
                5,
                rng.randint(1, 10**9),
                json.dumps([str(image)]),
                json.dumps(["https://files.example/x.png"]),
                f"idem-{i}",
                f"task-unified-{int(created)}-{i:08d}",
                status,
                100 if status == TaskStatus.COMPLETED else 40,
                607500,
                607500,
                f"/videos/{i}.mp4" if status == TaskStatus.COMPLETED else None,
                created,
                created + 90,
                created + 90,
            )
        )
    con = sqlite3.connect(db)
    with con:
        con.executemany(
            f"INSERT INTO tasks ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})",
            rows,
        )
    con.close()
    return db
