"""The window's engine and the CLI on one history at the same time: tasks are leased, so a task is
polled and downloaded by one process only, and the store stays intact."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from enginekit import params, running_engine
from imagegen import make_image
from kit import run, wait_for

from happyhorse_desktop.sandbox import EvoLinkSimulator

CHILD = Path(__file__).with_name("crash_child.py")
OTHER_KEY = "sk-evo-the-other-process"


def test_two_processes_never_work_on_the_same_task(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    sim_env.task_seconds = 1.5
    image = make_image(tmp_path / "a.png")
    env = dict(os.environ, EVOLINK_API_KEY=OTHER_KEY)  # tells the two processes apart in the server's log

    async def scenario() -> None:
        async with running_engine() as engine:
            mine = [await engine.manager.submit(params(image, seed=i + 1)) for i in range(3)]
            # The other process (same history) starts while these run, submits three of its own, finishes
            # what it owns, and must leave ours alone.
            other = subprocess.Popen(
                [sys.executable, str(CHILD), str(image), "6", "3"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            await wait_for(lambda: other.poll() is not None, 60)
            out, err = other.communicate()
            assert "DONE" in out, err[-2000:]
            for record in mine:
                await wait_for(lambda r=record: engine.store.get(r.id).video_path, 20)  # type: ignore[union-attr]
            assert engine.store.integrity_check() == "ok"
            theirs = [r for r in engine.store.all() if r.id not in {m.id for m in mine}]
            assert len(theirs) == 3 and all(r.video_path for r in theirs)

    run(scenario(), timeout=90)
    mine_ids = {t.id for t in sim_env.tasks.values() if t.seed in (1, 2, 3)}
    other_requests = [r for r in sim_env.requests if r.headers.get("authorization") == f"Bearer {OTHER_KEY}"]
    polled_by_other = {r.path.rsplit("/", 1)[-1] for r in other_requests if r.path.startswith("/v1/tasks/")}
    for r in other_requests:
        if r.path == "/v1/tasks/batch":
            polled_by_other.update((r.json_body or {}).get("task_ids", []))
    assert polled_by_other  # the other process did poll its own tasks
    assert not polled_by_other & mine_ids
    assert sim_env.count("GET", "/results/") == 6  # every video downloaded exactly once
    assert sim_env.count("POST", "/v1/videos/generations") == 6
