"""How many requests polling costs, measured end to end against the simulator.

    python benchmarks/polling.py

1. One 5-minute task at default settings (5 s shortest interval, backing off to 30 s). To keep the run
   short every time constant — the task's length, both poll intervals — is divided by the same factor;
   the scheduler's decisions depend only on their ratios, so the request count is the real one.
2. A history of finished tasks: no request at all.
3. 200 tasks running at once: polled with batch queries, never two requests in flight for one task.

Targets (issue #5): ≤ 40 requests for the 5-minute task and 0 for terminal tasks; batch queries for 200
active tasks with at most one request in flight per task.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import table

SCALE = 50.0  # seconds of real time per second of benchmark time


def engine_for(base: str, data: Path, poll: float, max_poll: float):  # type: ignore[no-untyped-def]
    os.environ.update(
        HAPPYHORSE_DATA_DIR=str(data),
        HAPPYHORSE_OUTPUT_DIR=str(data / "videos"),
        HAPPYHORSE_API_BASE=base,
        HAPPYHORSE_FILES_BASE=base,
        EVOLINK_API_KEY="sk-evo-bench",
        HAPPYHORSE_POLL_INTERVAL=str(poll),
    )
    from happyhorse_desktop.engine import Engine

    engine = Engine.create()
    engine.manager.settings.max_poll_interval = max_poll
    return engine


async def one_long_task(tmp: Path) -> dict[str, int]:
    from happyhorse_desktop.sandbox import EvoLinkSimulator
    from happyhorse_desktop.tasks.params import SubmitParams

    with EvoLinkSimulator(task_seconds=300 / SCALE) as sim:
        engine = engine_for(sim.base_url, tmp / "one", 5 / SCALE, 30 / SCALE)
        engine.manager.start()
        record = await engine.manager.submit(SubmitParams(images=("https://cdn.example/a.png",)))
        while not (engine.store.get(record.id) or record).video_path:
            await asyncio.sleep(0.01)
        await engine.aclose()
        counts = Counter(
            "poll"
            if r.path.startswith("/v1/tasks")
            else "create"
            if r.path.startswith("/v1/videos")
            else "download"
            if r.path.startswith("/results/")
            else "other"
            for r in sim.requests
        )
    return dict(counts)


async def finished_history(tmp: Path) -> int:
    from happyhorse_desktop.sandbox import EvoLinkSimulator
    from happyhorse_desktop.tasks.status import TaskStatus
    from happyhorse_desktop.tasks.store import TaskStore

    with EvoLinkSimulator() as sim:
        store = TaskStore(tmp / "done" / "tasks.sqlite3")
        video = tmp / "done" / "v.mp4"
        video.write_bytes(sim.result_bytes)
        for i in range(300):
            status = [TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED, TaskStatus.EXPIRED][
                i % 4
            ]
            store.add(
                model="happyhorse-1.0-image-to-video",
                quality="720p",
                duration=5,
                image_sources=["x.png"],
                idempotency_key=f"k{i}",
                status=status,
                server_id=f"task-unified-1-{i:08d}",
                video_path=str(video) if status == TaskStatus.COMPLETED else None,
                video_size=len(sim.result_bytes),
                completed_at=1e9,
                created_at=1e9,
            )
        store.close()
        engine = engine_for(sim.base_url, tmp / "done", 5 / SCALE, 30 / SCALE)
        engine.manager.start()
        await asyncio.sleep(120 / SCALE)  # two minutes of scaled time
        await engine.aclose()
        return len(sim.requests)


async def many_tasks(tmp: Path, count: int = 200) -> dict[str, int]:
    from happyhorse_desktop.sandbox import EvoLinkSimulator
    from happyhorse_desktop.tasks.params import SubmitParams

    with EvoLinkSimulator(task_seconds=120 / SCALE, balance=1e9) as sim:
        engine = engine_for(sim.base_url, tmp / "many", 5 / SCALE, 30 / SCALE)
        client = engine.client
        in_flight: Counter[str] = Counter()
        worst = 0
        original_get, original_many = client.get_task, client.get_tasks

        async def get_task(task_id: str):  # type: ignore[no-untyped-def]
            nonlocal worst
            in_flight[task_id] += 1
            worst = max(worst, in_flight[task_id])
            try:
                return await original_get(task_id)
            finally:
                in_flight[task_id] -= 1

        async def get_tasks(ids):  # type: ignore[no-untyped-def]
            nonlocal worst
            for task_id in ids:
                in_flight[task_id] += 1
                worst = max(worst, in_flight[task_id])
            try:
                return await original_many(ids)
            finally:
                for task_id in ids:
                    in_flight[task_id] -= 1

        client.get_task, client.get_tasks = get_task, get_tasks  # type: ignore[method-assign]
        engine.manager.start()
        records = await asyncio.gather(
            *(
                engine.manager.submit(SubmitParams(images=("https://cdn.example/a.png",), seed=i + 1))
                for i in range(count)
            )
        )
        while any(not (engine.store.get(r.id) or r).video_path for r in records):
            assert not any((engine.store.get(r.id) or r).status == "rejected" for r in records)
            await asyncio.sleep(0.05)
        await engine.aclose()
        return {
            "batch": sim.count("POST", "/v1/tasks/batch"),
            "single": sim.count("GET", "/v1/tasks/"),
            "worst_in_flight": worst,
            "tasks": count,
        }


async def main_async() -> bool:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for sub in ("one", "done", "many"):
            (tmp / sub).mkdir()
        one = await one_long_task(tmp)
        idle = await finished_history(tmp)
        many = await many_tasks(tmp)
    total = sum(one.values())
    return table(
        "Requests (simulator request log; time constants scaled 1:50)",
        [
            (
                "one 5-minute task: create + polls + download",
                f"{total} ({one.get('create', 0)} + {one.get('poll', 0)} + {one.get('download', 0)})",
                "≤ 40",
                total <= 40,
            ),
            ("300 finished tasks over 2 minutes", f"{idle}", "0", idle == 0),
            (
                f"{many['tasks']} active tasks: batch queries / single GETs",
                f"{many['batch']} / {many['single']}",
                "batch used",
                many["batch"] > 0,
            ),
            (
                "most requests in flight for one task",
                f"{many['worst_in_flight']}",
                "≤ 1",
                many["worst_in_flight"] <= 1,
            ),
        ],
    )


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return 0 if asyncio.run(main_async()) else 1


if __name__ == "__main__":
    sys.exit(main())
