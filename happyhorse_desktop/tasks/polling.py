"""Following running tasks: one scheduler, adaptive intervals, batched queries.

Every tracked, unfinished task this process holds has a next-poll time. The scheduler wakes at the
earliest one, and tasks due a little later ride along so one batch request serves them all. Never more
than one request per task is in flight. The interval starts at ``poll_interval``, grows with the task's
age and the server's own estimate, and backs off on errors (honouring ``Retry-After``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.api.models import TaskSnapshot
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.tasks import messages
from happyhorse_desktop.tasks.loops import Jobs
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.runtime import RuntimeTable
from happyhorse_desktop.tasks.snapshot import snapshot_values
from happyhorse_desktop.tasks.status import ENDED_WITHOUT_VIDEO, TaskStatus
from happyhorse_desktop.tasks.worker import EngineWorker
from happyhorse_desktop.tasks.writer import TaskWriter

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient
    from happyhorse_desktop.net.connectivity import ConnectivityMonitor

log = logging.getLogger(__name__)

BATCH_WINDOW = 0.5  # fraction of the shortest poll interval by which a poll may be brought forward
NOT_FOUND_STRIKES = 3  # "no such task" answers in a row before a task counts as gone
TASK_NOT_FOUND = "task_not_found"  # EvoLink's error code for a task it does not know
AUTH_PAUSE = 60.0
OFFLINE_PAUSE = 30.0  # while the network is gone, one batched look every so often (and at once when back)


class PollSettings(Protocol):
    poll_interval: float
    max_poll_interval: float


class Poller(EngineWorker):
    def __init__(
        self,
        writer: TaskWriter,
        runtime: RuntimeTable,
        client: Callable[[], EvoLinkClient],
        settings: PollSettings,
        jobs: Jobs,
        *,
        on_completed: Callable[[int], None],
        notice: Callable[[str], None],
        let_go: Callable[[int], None] = lambda _task_id: None,
    ) -> None:
        super().__init__(writer, runtime, client)
        self.settings = settings
        self.jobs = jobs
        self.on_completed = on_completed
        self.notice = notice
        self.let_go = let_go  # a task with nothing left to poll: its lease is released for others
        self.wake = asyncio.Event()
        self.connectivity: ConnectivityMonitor | None = None
        self._auth_failed_until = 0.0

    # -- scheduling -----------------------------------------------------------------------------

    def track(self, task_id: int, delay: float = 0.0) -> None:
        """Poll a task this process holds after ``delay`` seconds (and from then on)."""
        state = self.runtime.get(task_id)
        if state is not None:
            state.next_poll = asyncio.get_running_loop().time() + delay
            self.wake.set()

    def poll_all_now(self) -> None:
        """The network is back: ask about every followed task at once (one batch), not at its next slot."""
        for task_id, state in self.runtime.items():
            if state.next_poll is not None:
                self.track(task_id)

    def untrack(self, task_id: int) -> None:
        state = self.runtime.get(task_id)
        if state is not None:
            state.next_poll = None

    def poll_delay(self, record: TaskRecord) -> float:
        """Seconds until the next poll: starts at ``poll_interval``, grows with the task's age (a tenth
        of the elapsed time) and with the server's estimate of the time left, capped at the maximum."""
        interval, ceiling = self.settings.poll_interval, self.settings.max_poll_interval
        elapsed = max(0.0, time.time() - (record.submitted_at or record.created_at))
        delay = max(interval, elapsed / 10)
        if record.estimated_time:
            delay = max(delay, record.estimated_time / 6)
        return min(delay, max(ceiling, interval))

    async def round(self) -> float:
        """Start the polls that are due; return how long to rest before the next one."""
        now = asyncio.get_running_loop().time()
        waiting = {
            task_id: s.next_poll
            for task_id, s in self.runtime.items()
            if s.next_poll is not None and not s.polling
        }
        if waiting and min(waiting.values()) <= now and time.monotonic() >= self._auth_failed_until:
            horizon = now + self.settings.poll_interval * BATCH_WINDOW
            due = [task_id for task_id, at in waiting.items() if at <= horizon]
            for task_id in due:
                state = self.runtime.get(task_id)
                if state is not None:
                    state.polling = True
            self.jobs.spawn(self._poll(due), f"poll {len(due)} task(s)")
            waiting = {k: v for k, v in waiting.items() if k not in due}
        upcoming = [at for at in waiting.values() if at is not None]
        return (min(upcoming) - now) if upcoming else 3600.0

    # -- one round of queries -------------------------------------------------------------------

    async def _poll(self, task_ids: list[int]) -> None:
        try:
            # one query for the whole round, not one per task (200 of them held the UI ~40 ms)
            records = {r.id: r for r in self.store.get_many(task_ids) if r.needs_polling}
            for task_id in set(task_ids) - set(records):
                # Stopped or finished by another process: holding it on would keep everyone else out.
                self.untrack(task_id)
                self.let_go(task_id)
            if records:
                by_server = {r.server_id: r.id for r in records.values() if r.server_id}
                outcome = await self._client().get_tasks(list(by_server))
                for server_id, result in outcome.items():
                    if isinstance(result, EvoLinkError):
                        self._failed(by_server[server_id], result)
                    else:
                        self.apply(by_server[server_id], result)
                    # One reply may answer for 200 tasks: let the UI breathe between two of them.
                    await asyncio.sleep(0)
        except EvoLinkError as exc:  # a malformed batch reply: back off on all of them
            for task_id in task_ids:
                self._failed(task_id, exc)
        except Exception:  # the history locked by another program, say: try again later, never stop
            log.exception("polling %d task(s) failed; trying again later", len(task_ids))
            for task_id in task_ids:
                self.track(task_id, max(self.settings.poll_interval * 4, 5.0))
        finally:
            for task_id in task_ids:
                state = self.runtime.get(task_id)
                if state is not None:
                    state.polling = False
            self.wake.set()

    def apply(self, task_id: int, snap: TaskSnapshot) -> None:
        """Write what a reply says about a task and decide what comes next."""
        record = self.store.get(task_id)
        state = self.runtime.get(task_id)
        if record is None or state is None:
            return
        state.not_found_strikes = 0
        values = snapshot_values(record, snap)
        status = TaskStatus.from_server(snap.status)
        if status in ENDED_WITHOUT_VIDEO:
            message = values.pop("error_message", None) or record.error_message or ""
            self.writer.fail(task_id, message, **values)
            return
        if values:
            updated = self.writer.update(task_id, **values)
            if updated is None:
                return  # taken over by another process
            record = updated
        if status == TaskStatus.COMPLETED:
            self.untrack(task_id)
            self.on_completed(task_id)
        elif record.tracking:
            self.track(task_id, self.poll_delay(record))

    def _failed(self, task_id: int, exc: EvoLinkError) -> None:
        record = self.store.get(task_id)
        state = self.runtime.get(task_id)
        if record is None or state is None:
            return
        delay = self.poll_delay(record)
        if exc.kind is ErrorKind.NOT_FOUND and exc.code == TASK_NOT_FOUND:
            # Only EvoLink's own "no such task" counts; a gateway's 404 page during a deploy is an outage.
            state.not_found_strikes += 1
            if state.not_found_strikes >= NOT_FOUND_STRIKES:
                self.writer.fail(task_id, messages.no_longer_known(), error_code="task_not_found")
                return
        elif exc.kind is ErrorKind.AUTH:
            self._auth_failed_until = time.monotonic() + AUTH_PAUSE  # immune to clock changes
            self.notice(
                translate("TaskMessages", "{error} Polling paused for a minute.").format(
                    error=exc.user_message
                )
            )
            delay = max(delay, AUTH_PAUSE)
        elif exc.retry_after is not None:
            delay = max(delay, exc.retry_after)
        elif (
            exc.kind is ErrorKind.NETWORK
            and self.connectivity is not None
            and not self.connectivity.is_online
        ):
            delay = max(delay, OFFLINE_PAUSE)  # the banner says it once; no back-off race per task
        else:
            delay = min(self.settings.max_poll_interval, delay * 2)
        log.info("poll of task %s failed (%s); next in %.1fs", task_id, exc.kind, delay)
        self.track(task_id, delay)
