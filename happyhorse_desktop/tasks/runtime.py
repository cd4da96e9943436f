"""What this process knows about the tasks it is working on, one dataclass per task."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class TaskRuntime:
    token: int  # the fencing token of our lease on the row
    next_poll: float | None = None  # event-loop time of the next poll; None: not being polled
    polling: bool = False  # a poll request for it is in flight
    not_found_strikes: int = 0  # consecutive "no such task" answers
    download_attempts: int = 0
    download_retry_at: float = 0.0  # time.monotonic() before which a failed download is not retried
    job: asyncio.Task[None] | None = None  # its submission or download, while one runs

    @property
    def busy(self) -> bool:
        return self.polling or self.next_poll is not None or (self.job is not None and not self.job.done())


def _current_task() -> asyncio.Task[object] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no running loop (called from plain code)
        return None


class RuntimeTable:
    """The tasks this process holds, by local id."""

    def __init__(self) -> None:
        self._tasks: dict[int, TaskRuntime] = {}

    def hold(self, task_id: int, token: int) -> TaskRuntime:
        """Start (or keep) working on a task claimed with ``token``."""
        state = self._tasks.get(task_id)
        if state is None:
            state = self._tasks[task_id] = TaskRuntime(token)
        else:
            state.token = token
        return state

    def get(self, task_id: int) -> TaskRuntime | None:
        return self._tasks.get(task_id)

    def forget(self, task_id: int) -> None:
        """Stop everything this process does for a task (its running job is cancelled — unless the job
        itself is the caller, finishing the task: cancelling it would turn its end into a cancellation)."""
        state = self._tasks.pop(task_id, None)
        if state is not None and state.job is not None and state.job is not _current_task():
            state.job.cancel()

    def __contains__(self, task_id: object) -> bool:
        return task_id in self._tasks

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._tasks))

    def items(self) -> list[tuple[int, TaskRuntime]]:
        return list(self._tasks.items())

    def jobs(self) -> list[asyncio.Task[None]]:
        return [s.job for s in self._tasks.values() if s.job is not None and not s.job.done()]

    def any_busy(self) -> bool:
        return any(s.busy for s in self._tasks.values())
