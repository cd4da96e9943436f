"""The window's engine and ``happyhorse-cli queue run`` draining one queue together: each take is sent
once, by one of them, and the concurrency cap holds for the two together."""

from __future__ import annotations

import os
from pathlib import Path

from enginekit import running_engine
from imagegen import make_image
from kit import TEST_KEY, run, wait_for
from processkit import cli
from queuekit import configure, drained, posted_once, takes

from happyhorse_desktop.sandbox import EvoLinkSimulator

OTHER_KEY = "sk-evo-the-command-line"
TAKES = 36  # enough slots freeing up, at random moments, for the latecomer to win some


def most_at_once(sim: EvoLinkSimulator) -> int:
    """The most tasks running at one moment on the server, whichever key created them."""
    edges = sorted(
        [(t.created, 1) for t in sim.tasks.values()]
        + [(t.created + t.run_seconds, -1) for t in sim.tasks.values()]
    )
    running = most = 0
    for _, step in edges:
        running += step
        most = max(most, running)
    return most


def test_the_window_and_the_cli_send_each_take_once_within_one_cap(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    sim_env.task_seconds = 0.6
    image = make_image(tmp_path / "a.png")
    env = dict(os.environ, EVOLINK_API_KEY=OTHER_KEY)  # tells the two apart in the server's log

    async def scenario() -> None:
        async with running_engine() as engine:
            configure(engine, concurrency=3)
            engine.manager.queue.enqueue(takes(image, TAKES))
            other = cli(env, "queue", "run")  # joins while the window's engine is sending
            await drained(engine, 90)
            await wait_for(lambda: other.poll() is not None, 30)
            _, err = other.communicate()
            assert other.returncode == 0, err[-2000:]
            assert all(r.video_path for r in engine.store.all())
            assert engine.store.integrity_check() == "ok"

    run(scenario(), timeout=120)
    by_key = {key: sum(1 for t in sim_env.tasks.values() if t.key == key) for key in (TEST_KEY, OTHER_KEY)}
    assert len(sim_env.tasks) == TAKES and posted_once(sim_env)
    assert all(by_key.values()), by_key  # both sent some
    assert most_at_once(sim_env) <= 3
    assert sim_env.count("GET", "/results/") == TAKES  # every video downloaded once
