"""Taking work over, for ``TaskManager`` (mixed into it): claiming the rows no live process holds
(one statement per kind of work), working on a task the user asked about, letting go of a task there is
nothing left to do for, and the lease round that renews our leases, notices rows other processes
changed and, now and then, looks for work they left behind. Which work a process takes over is its
:class:`Adoption`: the window takes everything, a CLI that waits follows, one that submits and leaves
only turns a dead sender's *submitting* row into *unknown*."""

from __future__ import annotations

import asyncio
import enum
import logging
from typing import TYPE_CHECKING, Any

from happyhorse_desktop.i18n_core import translate

if TYPE_CHECKING:
    from happyhorse_desktop.tasks.downloads import Downloads
    from happyhorse_desktop.tasks.leases import Leases
    from happyhorse_desktop.tasks.loops import Jobs
    from happyhorse_desktop.tasks.polling import Poller
    from happyhorse_desktop.tasks.reconcile import Reconciler
    from happyhorse_desktop.tasks.runtime import RuntimeTable
    from happyhorse_desktop.tasks.store import TaskStore
    from happyhorse_desktop.tasks.writer import TaskWriter

log = logging.getLogger(__name__)

RECONCILE_DELAY = 3.0  # seconds before looking for an unknown submission on the server
ADOPT_EVERY = 5  # rescans between two looks for work other processes left behind


class Adoption(enum.Enum):
    """Which work left by other processes (or a crash) this process takes over."""

    ALL = "all"  # the window: send, follow and save everything
    FOLLOW = "follow"  # follow and save others' tasks, but never send a row it did not create
    NONE = "none"  # only its own tasks (a CLI that submits and exits)


class WorkTaking:
    """The manager's attributes this part uses (set in ``TaskManager.__init__``)."""

    store: TaskStore
    writer: TaskWriter
    leases: Leases
    runtime: RuntimeTable
    poller: Poller
    downloads: Downloads
    reconciler: Reconciler
    jobs: Jobs
    adoption: Adoption
    rescan_interval: float
    _closed: bool
    _loops: list[asyncio.Task[Any]]
    _rescans: int
    _last_seen_update: float

    lease_seconds: float

    def _send(self, task_id: int) -> asyncio.Task[None]:
        raise NotImplementedError

    def adopt_unowned_work(self) -> None:
        """Claim the rows that need work and that no live process holds (one statement per kind)."""
        if self._closed or not self._loops:
            return
        # Every process, even a CLI that only submits, turns a dead sender's *submitting* row into
        # *unknown* and looks for its task: left alone it would hide a charged task for good (and
        # block every other link). That sends nothing.
        for claim in self.leases.claim_work("stranded"):
            if claim.task_id in self.runtime:
                continue
            self.runtime.hold(claim.task_id, claim.token)
            self.writer.mark_unknown(
                claim.task_id, translate("TaskMessages", "the app stopped while sending it")
            )
            self._reconcile_soon()
        if self.adoption is Adoption.ALL:
            for claim in self.leases.claim_work("send"):
                if claim.task_id not in self.runtime:
                    self.runtime.hold(claim.task_id, claim.token)
                    self._send(claim.task_id)
        if self.adoption is Adoption.NONE:
            return
        for claim in self.leases.claim_work("poll"):
            if claim.task_id not in self.runtime:
                self.runtime.hold(claim.task_id, claim.token)
                self.poller.track(claim.task_id)
        for claim in self.leases.claim_work("download"):
            if claim.task_id not in self.runtime:
                self.runtime.hold(claim.task_id, claim.token)
            self.downloads.start(claim.task_id)

    def _take(self, task_id: int) -> None:
        """Work on one task the user asked about (tracking resumed, download retried)."""
        if not self._loops:
            return
        claim = self.leases.claim(task_id)
        if claim is None:
            return
        self.runtime.hold(task_id, claim.token)
        record = self.store.get(task_id)
        if record is not None and record.needs_download:
            self.downloads.start(task_id)
        elif record is not None and record.needs_polling:
            self.poller.track(task_id)

    def _let_go(self, task_id: int) -> None:
        """Release a task this process holds but has nothing left to do for (its tracking stopped from
        another process, say), so that whoever is asked to work on it next can take it."""
        state = self.runtime.get(task_id)
        record = self.store.get(task_id)
        if state is None or (state.job is not None and not state.job.done()):
            return
        if record is not None and (record.needs_download or record.needs_polling):
            return
        self.runtime.forget(task_id)
        self.leases.release(task_id)

    def _reconcile_soon(self) -> None:
        if self._closed:
            return
        self.jobs.spawn(self.reconciler.run(delay=RECONCILE_DELAY), "reconcile unknown submissions")

    async def _leases_round(self) -> float:
        """Renew our leases, drop the tasks another process took over, show rows other processes
        changed, and now and then look for work they left behind."""
        held = self.leases.renew()
        for task_id in self.runtime:
            state = self.runtime.get(task_id)
            if task_id not in held and state is not None and not (state.job and not state.job.done()):
                log.info("task %s is no longer ours (lease taken over)", task_id)
                self.runtime.forget(task_id)
        self._rescans += 1
        changed = self.store.changed_since(self._last_seen_update)
        if changed:
            self._last_seen_update = max(r.updated_at for r in changed)
        foreign = [r for r in changed if not self.store.is_own_change(r)]
        for record in foreign:
            self.writer.announce(record.id)
        if foreign or self._rescans % ADOPT_EVERY == 0:
            self.adopt_unowned_work()
        return min(self.rescan_interval, self.lease_seconds / 3)
