"""Helpers for engine tests: build the real engine from the environment and drive it."""

from __future__ import annotations

import contextlib
import random
from collections.abc import AsyncIterator
from pathlib import Path

from kit import wait_for

from happyhorse_desktop.api.retry import RetryPolicy
from happyhorse_desktop.engine import Engine
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.record import TaskRecord


def make_engine(*, lease_seconds: float = 30.0) -> Engine:
    engine = Engine.create()
    engine.client.retry = RetryPolicy(base_delay=0.01, max_delay=0.05, rng=random.Random(7))
    engine.manager.lease_seconds = lease_seconds
    engine.manager.rescan_interval = 0.1
    return engine


@contextlib.asynccontextmanager
async def running_engine(*, lease_seconds: float = 30.0) -> AsyncIterator[Engine]:
    """A started engine on the test's environment, closed (leases released) at the end of the block."""
    engine = make_engine(lease_seconds=lease_seconds)
    engine.manager.start()
    try:
        yield engine
    finally:
        await engine.aclose()


async def settle(engine: Engine, task_id: int, timeout: float = 15.0) -> TaskRecord:
    """Wait until a task has its video on disk or reached a state that needs the user."""

    def done() -> bool:
        record = engine.store.get(task_id)
        return bool(record and (record.video_path or (record.is_final and record.status != "completed")))

    await wait_for(done, timeout)
    record = engine.store.get(task_id)
    assert record is not None
    return record


def params(image: Path | str, **kw: object) -> SubmitParams:
    return SubmitParams(images=(str(image),), prompt=str(kw.pop("prompt", "a horse runs")), **kw)  # type: ignore[arg-type]
