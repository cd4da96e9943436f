"""Helpers for batch-queue tests: takes, queue settings, and what the simulator saw."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kit import wait_for

from happyhorse_desktop.engine import Engine
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.queue_state import QueueSettings
from happyhorse_desktop.tasks.status import TaskStatus

TAKE_CREDITS = 12.15 * 3  # one default take below: 3 s at 720p on HappyHorse 1.0


def takes(image: Path | str, count: int, *, prefix: str = "take", **kw: object) -> list[SubmitParams]:
    """``count`` 3-second takes of one picture, prompts ``take 1``, ``take 2``…, seeds 1, 2…"""
    kw.setdefault("duration", 3)
    return [
        SubmitParams(images=(str(image),), prompt=f"{prefix} {n}", seed=n, **kw)  # type: ignore[arg-type]
        for n in range(1, count + 1)
    ]


def configure(engine: Engine, **changes: object) -> QueueSettings:
    """Change the shared queue settings (concurrency, daily cap…) the way the panel does."""
    settings = engine.manager.queue.sql.settings()
    for name, value in changes.items():
        setattr(settings, name, value)
    engine.manager.queue.save_settings(settings)
    return settings


async def drained(engine: Engine, timeout: float = 30.0) -> None:
    """Wait until nothing is queued and every queue take has ended (saved, or needs the user)."""

    def done() -> bool:
        rows = [r for r in engine.store.all() if r.batch_id is not None]
        return bool(rows) and all(
            r.video_path or (r.is_final and r.status != TaskStatus.COMPLETED) for r in rows
        )

    await wait_for(done, timeout)


def creation_order(sim: EvoLinkSimulator) -> list[str]:
    """The prompts of the tasks the simulator created, oldest first."""
    return [t.prompt for t in sorted(sim.tasks.values(), key=lambda t: t.created)]


def posted_once(sim: EvoLinkSimulator) -> bool:
    keys = Counter(t.idempotency_key for t in sim.tasks.values())
    return all(n == 1 for n in keys.values())
