"""This process's side of leasing: who we are, which owners are dead, claiming and renewing.

Leases let the window and ``happyhorse-cli`` share one history: a task is worked on by the process that
holds its lease. A lease that is not renewed expires; one held by a process known to be dead (same host,
no such pid) is taken over at once. Each change of hands bumps the row's fencing token.
"""

from __future__ import annotations

import os
import socket
import uuid

from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.tasks.store_leases import Claim


def new_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_is_dead(owner: str) -> bool:
    """True when a lease owner is a process on this host that no longer runs (POSIX only)."""
    try:
        host, pid_text, _ = owner.split(":")
        pid = int(pid_text)
    except ValueError:
        return False
    if host != socket.gethostname() or pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class Leases:
    def __init__(self, store: TaskStore, seconds: float) -> None:
        self.store = store
        self.seconds = seconds
        self.owner = new_owner()

    def _dead(self) -> list[str]:
        return [o for o in self.store.lease_holders() if owner_is_dead(o)]

    def claim(self, task_id: int) -> Claim | None:
        return self.store.claim(task_id, self.owner, self.seconds, dead_owners=self._dead())

    def claim_work(self, kind: str) -> list[Claim]:
        return self.store.claim_work(kind, self.owner, self.seconds, dead_owners=self._dead())

    def renew(self) -> set[int]:
        return self.store.renew_leases(self.owner, self.seconds)

    def release(self, task_id: int | None = None) -> None:
        self.store.release(self.owner, task_id)
