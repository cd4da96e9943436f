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
    "video_size",
    "created_at",
    "updated_at",
    "finished_at",
    "completed_at",
)


def make_history(
    data_dir: Path, count: int, image: Path, *, video: Path | None = None, active: int = 0
) -> Path:
    """``count`` finished tasks (8 in 10 completed) and ``active`` still running on the server. With
    ``video``, every completed task's saved file is that real file (so the start-up check finds them all
    in place); without, the paths point nowhere."""
    db = data_dir / "tasks.sqlite3"
    TaskStore(db).close()  # schema
    rng = random.Random(5)
    now = time.time()
    size = video.stat().st_size if video is not None else None
    rows = []
    for i in range(count + active):
        created = now - (count + active - i) * 60
        if i >= count:  # submitted in the last minutes: still running
            created = now - (count + active - i)
            status = TaskStatus.PROCESSING
        else:
            status = rng.choice([TaskStatus.COMPLETED] * 8 + [TaskStatus.FAILED, TaskStatus.EXPIRED])
        done = status == TaskStatus.COMPLETED
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
                100 if done else 40,
                607500,
                607500 if status != TaskStatus.PROCESSING else None,
                (str(video) if video is not None else f"/videos/{i}.mp4") if done else None,
                size if done else None,
                created,
                created + 90,
                created + 90 if status != TaskStatus.PROCESSING else None,
                created + 90 if done else None,
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
