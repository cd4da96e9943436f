"""Background work that never dies silently.

Every coroutine the engine starts goes through :class:`Jobs`: it keeps a strong reference (an asyncio
task nobody references can be garbage-collected mid-flight), logs any exception, and can cancel and
await them all. :func:`supervise` runs a loop body forever: an exception (a history locked by another
program past the busy timeout, a disk error…) is logged and the loop carries on after a growing pause.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_LOCK_PAUSE = 8.0


def history_unwritable(exc: BaseException) -> bool:
    """The history cannot be written right now, for a reason that passes: another program holds its
    write lock past the busy timeout (a DB browser, a backup), or the disk is full or failing."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return any(w in text for w in ("locked", "busy", "disk is full", "disk i/o error"))


async def retry_while_unwritable(write: Callable[[], T], what: str) -> T:
    """Make a write that must not be lost (a server id, a final state) wait out a locked history or a
    full disk: it is retried with a growing pause for as long as this process runs."""
    pause = 0.5
    while True:
        try:
            return write()
        except sqlite3.OperationalError as exc:
            if not history_unwritable(exc):
                raise
            log.warning("%s: the task history cannot be written (%s); retrying in %.1fs", what, exc, pause)
            await asyncio.sleep(pause)
            pause = min(MAX_LOCK_PAUSE, pause * 2)


class Jobs:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s failed", task.get_name(), exc_info=task.exception())

    def __len__(self) -> int:
        return len(self._tasks)

    async def cancel_all(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def nap(seconds: float, wake: asyncio.Event | None = None) -> None:
    """Sleep ``seconds``, or less when ``wake`` is set meanwhile. (Not ``asyncio.wait_for``: on Python
    3.11 it can swallow a cancellation that races with the event being set, and shutdown would hang.)"""
    if wake is None:
        await asyncio.sleep(seconds)
        return
    wake.clear()
    timer = asyncio.get_running_loop().call_later(max(0.0, seconds), wake.set)
    try:
        await wake.wait()
    finally:
        timer.cancel()


async def supervise(
    name: str,
    body: Callable[[], Awaitable[float]],
    *,
    wake: asyncio.Event | None = None,
    first_pause: float = 0.5,
    max_pause: float = 30.0,
) -> None:
    """Run ``body`` again and again; it returns how long to rest before the next round (``wake`` cuts
    the rest short). When it raises, log it and retry after a pause that doubles up to ``max_pause``
    (reset by the next good round)."""
    pause = first_pause
    while True:
        try:
            rest = await body()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s: a round failed; retrying in %.1fs", name, pause)
            await asyncio.sleep(pause)
            pause = min(max_pause, pause * 2)
            continue
        pause = first_pause
        await nap(max(0.01, rest), wake)
