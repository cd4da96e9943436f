"""What the engine's background workers (polling, downloads, reconciliation, the batch queue) start from."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from happyhorse_desktop.tasks.runtime import RuntimeTable
from happyhorse_desktop.tasks.writer import TaskWriter

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient


class EngineWorker:
    """Reads the history, writes through the one writer and follows this process's tasks at run time."""

    def __init__(
        self, writer: TaskWriter, runtime: RuntimeTable, client: Callable[[], EvoLinkClient]
    ) -> None:
        self.writer = writer
        self.store = writer.store
        self.runtime = runtime
        # A factory, called at each request: the key or the network settings may change while it runs.
        self._client = client
