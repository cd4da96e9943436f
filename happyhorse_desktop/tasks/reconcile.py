"""Finding the server task of an *unknown* row: a submission whose answer never came.

The account's recent tasks are listed (an endpoint outside the public reference; when it is missing,
nothing changes). The list shows little (model, creation time); the tasks that could be ours are then read
in full with one batch query, whose duration and reservation tell duration and quality apart. A row is
linked only when the match is exact both ways: exactly one task fits the row (created around the moment
its POST went out, and equal in every request field known: model, duration, quality, and prompt, seed
or aspect ratio where a reply shows them), and that task fits no other unknown row. A guess never links, since
a wrong link would hide the task that was really charged. Nothing is linked while any process has a
POST on the wire — its task could be among those listed — and the link itself re-checks that in the
same statement.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from happyhorse_desktop.api.errors import EvoLinkError
from happyhorse_desktop.api.models import QUALITIES, TaskSnapshot
from happyhorse_desktop.pricing import estimate_raw_credits
from happyhorse_desktop.tasks import messages
from happyhorse_desktop.tasks.leases import Leases
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.runtime import RuntimeTable
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.worker import EngineWorker
from happyhorse_desktop.tasks.writer import TaskWriter

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient

log = logging.getLogger(__name__)

CLOCK_SLACK = 90.0  # how far the server's creation time may be from our send time (clock skew, latency)
LIST_SIZE = 50  # what EvoLink's own client asks for at most
WAIT_ROUNDS = 20  # how many times to wait for POSTs on the wire before giving up for now


def listed_facts(task: TaskSnapshot) -> dict[str, Any]:
    """The request fields a task reply shows (those it does not show are not compared). Quality is
    read back from the reservation: rate(quality) × seconds, in the server's raw units."""
    facts: dict[str, Any] = {"model": task.model, "duration": task.video_duration}
    for name in ("prompt", "seed", "quality", "aspect_ratio"):
        if name in task.extra:
            facts[name] = task.extra[name]
    if "quality" not in facts and task.model and task.video_duration and task.credits_reserved:
        matching = [
            q
            for q in QUALITIES
            if estimate_raw_credits(task.model, q, task.video_duration) == task.credits_reserved
        ]
        if len(matching) == 1:
            facts["quality"] = matching[0]
    return {k: v for k, v in facts.items() if v is not None}


def merged(listed: TaskSnapshot, full: TaskSnapshot | None) -> TaskSnapshot:
    """A listed task completed with what its full reply says (the list item's own fields win)."""
    if full is None:
        return listed
    return replace(
        full,
        created=listed.created or full.created,
        model=listed.model or full.model,
        extra={**full.extra, **listed.extra},
    )


def _within_window(row: TaskRecord, task: TaskSnapshot) -> bool:
    sent = row.submitted_at or row.created_at
    return task.created is not None and sent - CLOCK_SLACK <= task.created <= sent + CLOCK_SLACK


def _near_any(task: TaskSnapshot, rows: list[TaskRecord]) -> bool:
    return any(_within_window(row, task) and task.model in (None, row.model) for row in rows)


def fits(row: TaskRecord, task: TaskSnapshot) -> bool:
    if not _within_window(row, task):
        return False
    return all(getattr(row, name) == value for name, value in listed_facts(task).items())


def exact_pairs(rows: list[TaskRecord], tasks: list[TaskSnapshot]) -> list[tuple[TaskRecord, TaskSnapshot]]:
    """Pairs where the row fits exactly one task and that task fits exactly that row."""
    fit = {row.id: [t for t in tasks if fits(row, t)] for row in rows}
    pairs = []
    for row in rows:
        if len(fit[row.id]) != 1:
            continue
        task = fit[row.id][0]
        if sum(1 for other in rows if task in fit[other.id]) == 1:
            pairs.append((row, task))
    return pairs


class Reconciler(EngineWorker):
    def __init__(
        self,
        writer: TaskWriter,
        runtime: RuntimeTable,
        leases: Leases,
        client: Callable[[], EvoLinkClient],
        *,
        on_linked: Callable[[int, TaskSnapshot], None],
    ) -> None:
        super().__init__(writer, runtime, client)
        self.leases = leases
        self.on_linked = on_linked

    async def run(self, delay: float = 0.0) -> int:
        """Look for the tasks of unknown rows; returns how many rows were linked."""
        await asyncio.sleep(delay)
        if not self.store.unknown_unlinked():
            return 0
        for _ in range(WAIT_ROUNDS):
            if not self.store.any_submitting():
                break
            await asyncio.sleep(max(0.5, delay))
        else:
            return 0
        try:
            recent = await self._client().list_recent_tasks(LIST_SIZE)
        except EvoLinkError as exc:
            log.info("cannot look for unknown tasks on the server (%s)", exc.kind)
            return 0
        # Read the rows again now that the list is here: a submission that went unknown while the list
        # was being fetched must take part in the matching (its task may be in the list).
        rows = self.store.unknown_unlinked()
        candidates = await self._complete(
            [t for t in recent if self.store.get_by_server_id(t.id) is None and _near_any(t, rows)]
        )
        linked = 0
        for row, task in exact_pairs(rows, candidates):
            if self._link(row, task):
                linked += 1
        return linked

    async def _complete(self, listed: list[TaskSnapshot]) -> list[TaskSnapshot]:
        """The candidates with their full replies (one batch query; without it, as listed)."""
        if not listed:
            return []
        try:
            full = await self._client().get_tasks([t.id for t in listed])
        except EvoLinkError:
            full = {}
        return [
            merged(t, r if isinstance(r, TaskSnapshot) else None)
            for t, r in ((t, full.get(t.id)) for t in listed)
        ]

    def _link(self, row: TaskRecord, task: TaskSnapshot) -> bool:
        claim = self.leases.claim(row.id)
        if claim is None:
            return False
        self.runtime.hold(row.id, claim.token)
        record = self.store.link_found_task(
            row.id,
            task.id,
            status=TaskStatus.from_server(task.status),
            error_code=None,
            error_message=messages.found_and_linked(),
        )
        if record is None:
            self.runtime.forget(row.id)
            self.leases.release(row.id)
            return False
        log.info("task %s: the unknown submission was found on the server as %s", row.id, task.id)
        self.writer.announce(row.id)
        self.on_linked(row.id, task)
        return True
