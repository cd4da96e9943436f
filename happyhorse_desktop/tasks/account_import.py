"""Rescuing the account's other videos: HappyHorse tasks made elsewhere (EvoLink's web playground keeps
only 20) whose videos this history does not have, saved here before their 24-hour links expire.

The account's recent tasks are listed (``GET /v1/tasks``, pages of at most 50; outside the public
reference, so when it is missing the caller says so plainly), those the history already has are left out,
and the rest are read in full (one batch query per 50 tasks) for their result links. Importing writes one
row per task — ``origin = "import"``, leased to this process like any new row — and hands it to the same
downloads (completed tasks) or polling (running ones) as the app's own tasks: partial files named for the
lease, proven renames, sidecars.

Money safety: an import never creates, sends or re-sends a task. A listed task that could be the answer
to one of this history's own submissions whose outcome is unknown (or whose POST is on the wire) is held
back: linking it is reconciliation's job, on exact matches only, and importing it beside that row would
hide which row paid for it (and invite a re-run).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from happyhorse_desktop.api.errors import EvoLinkError
from happyhorse_desktop.api.models import TaskSnapshot
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.routes import Route, route_for
from happyhorse_desktop.tasks.reconcile import CLOCK_SLACK, listed_facts, merged
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.saved_check import RESULT_LINK_LIFETIME
from happyhorse_desktop.tasks.status import TaskStatus

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient
    from happyhorse_desktop.tasks.manager import TaskManager

log = logging.getLogger(__name__)

LIST_PAGE = 50  # EvoLink's own client never asks for more
MAX_PAGES = 10  # 500 tasks: far more than anyone makes in the 24 hours a link lives
EXPIRING_SOON_HOURS = 3.0
ORIGIN = "import"


class ListingUnavailable(Exception):
    """The account's task list is not offered to this key (the endpoint answered 404 or 405)."""

    def __init__(self, status: int | None) -> None:
        super().__init__(
            translate(
                "AccountImport",
                "EvoLink does not offer this account's task list to the app (HTTP {status}), so its other "
                "videos cannot be found from here. Download them from EvoLink's dashboard before their "
                "24-hour links expire.",
            ).format(status=status)
        )


@dataclass(frozen=True)
class AccountTask:
    """One task of the account that the history does not have."""

    task: TaskSnapshot  # the list item completed with its full reply (result links, reservation)
    hours_left: float | None  # until its result link expires, at least; None while it still runs
    held_back_for: int | None = None  # the local id of an own submission it might be the answer to

    @property
    def route(self) -> Route | None:
        return route_for(self.task.model or "")

    @property
    def running(self) -> bool:
        return not self.task.is_terminal

    @property
    def importable(self) -> bool:
        return self.held_back_for is None and (self.running or bool(self.task.results))

    @property
    def expiring_soon(self) -> bool:
        return self.hours_left is not None and self.hours_left < EXPIRING_SOON_HOURS


@dataclass(frozen=True)
class AccountListing:
    tasks: list[AccountTask]  # not in the history, newest first
    in_history: int = 0  # listed tasks the history already has
    other_models: int = 0  # tasks of models other than HappyHorse's (not shown)
    without_video: int = 0  # failed, cancelled, or completed without a link: nothing to save
    expired: int = 0  # completed more than 24 hours ago: their links have lapsed

    @property
    def importable(self) -> list[AccountTask]:
        return [t for t in self.tasks if t.importable]


def _open_submissions(manager: TaskManager) -> list[TaskRecord]:
    """Own rows whose server task may exist without being recorded: unknown, or being sent."""
    sending = [r for r in manager.store.with_work("send") if r.status == TaskStatus.SUBMITTING]
    return [*manager.store.unknown_unlinked(), *sending]


def _held_back_for(task: TaskSnapshot, rows: list[TaskRecord]) -> int | None:
    for row in rows:
        sent = row.submitted_at or row.created_at
        if row.model == task.model and task.created is not None and abs(task.created - sent) <= CLOCK_SLACK:
            return row.id
    return None


class AccountImporter:
    def __init__(self, manager: TaskManager, client: Callable[[], EvoLinkClient]) -> None:
        self.manager = manager
        self.store = manager.store
        self._client = client

    async def find(self, now: float | None = None) -> AccountListing:
        """The account's recent HappyHorse tasks this history does not have. Raises
        :class:`ListingUnavailable` when the list is not offered, ``EvoLinkError`` for other failures."""
        # Exact matches to our own unknown submissions are linked first: those then count as in the history.
        await self.manager.reconcile_unknown()
        now = time.time() if now is None else now
        listed = await self._list(now)
        counts = {"in_history": 0, "other_models": 0, "without_video": 0, "expired": 0}
        wanted = []
        for task in listed:
            if self.store.get_by_server_id(task.id) is not None:
                counts["in_history"] += 1
            elif route_for(task.model or "") is None:
                counts["other_models"] += 1
            elif task.status in ("failed", "cancelled"):
                counts["without_video"] += 1
            elif task.status == "completed" and (task.created or 0) + RESULT_LINK_LIFETIME <= now:
                counts["expired"] += 1
            else:
                wanted.append(task)
        full = await self._client().get_tasks([t.id for t in wanted]) if wanted else {}
        rows = _open_submissions(self.manager)
        tasks = []
        for listed_task in wanted:
            reply = full.get(listed_task.id)
            task = merged(listed_task, reply if isinstance(reply, TaskSnapshot) else None)
            if task.status == "completed" and not task.results:
                counts["without_video"] += 1
                continue
            left = (
                None if not task.is_terminal else ((task.created or now) + RESULT_LINK_LIFETIME - now) / 3600
            )
            tasks.append(AccountTask(task, left, _held_back_for(task, rows)))
        return AccountListing(tasks, **counts)

    async def _list(self, now: float) -> list[TaskSnapshot]:
        """Pages of the account's tasks, newest first, until they are older than any live link."""
        found: list[TaskSnapshot] = []
        for page in range(1, MAX_PAGES + 1):
            try:
                items = await self._client().list_recent_tasks(LIST_PAGE, page)
            except EvoLinkError as exc:
                if exc.status in (404, 405):
                    raise ListingUnavailable(exc.status) from None
                raise
            found += items
            oldest = min((t.created for t in items if t.created is not None), default=now)
            if len(items) < LIST_PAGE or oldest + RESULT_LINK_LIFETIME <= now:
                break
        return found

    async def save(self, tasks: Iterable[AccountTask], *, work: bool = True) -> list[int]:
        """Write a row for each importable task and (with ``work``) start saving or following it here;
        without, the rows are left for the window (or ``import-account --wait``) to take over. Returns
        the local ids written."""
        written = []
        for item in tasks:
            if not item.importable or self.store.get_by_server_id(item.task.id) is not None:
                continue
            record = self._write(item)
            if record is None:
                continue
            written.append(record.id)
            if not work:
                self.manager.runtime.forget(record.id)
                self.manager.leases.release(record.id)
            elif record.status == TaskStatus.COMPLETED:
                self.manager.downloads.start(record.id)
            else:
                self.manager.poller.track(record.id)
        return written

    def _write(self, item: AccountTask) -> TaskRecord | None:
        task, route = item.task, item.route
        facts = listed_facts(task)  # quality read back from the reservation, when only one fits
        status = TaskStatus.from_server(task.status)
        try:
            return self.manager.writer.add(
                model=task.model,
                prompt="",  # the list does not show it
                quality=facts.get("quality", ""),
                duration=facts.get("duration") or (route.duration.default if route and route.duration else 0),
                # Never sent: EvoLink made this task, not a POST of ours.
                idempotency_key=f"{ORIGIN}:{task.id}",
                server_id=task.id,
                status=status,
                progress=100 if status == TaskStatus.COMPLETED else task.progress or 0,
                results=list(task.results),
                credits_reserved=task.credits_reserved,
                credits_used=task.credits_used,
                estimated_time=task.estimated_time,
                created_at=task.created or time.time(),
                submitted_at=task.created,
                origin=ORIGIN,
            )
        except sqlite3.IntegrityError:  # another window imported it at this very moment
            log.info("task %s was imported by another process meanwhile", task.id)
            return None
