"""Assembles the engine one run uses — config, key, store, HTTP client, task manager and, in demo mode,
a private simulator — so the window and the CLI are wired exactly the same way."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from happyhorse_desktop.api.client import EvoLinkClient, make_http_client
from happyhorse_desktop.config import DEMO_API_KEY, Config, load_config
from happyhorse_desktop.sandbox.simulator import EvoLinkSimulator
from happyhorse_desktop.secrets import KeyStore
from happyhorse_desktop.tasks.manager import TaskManager
from happyhorse_desktop.tasks.store import TaskStore

log = logging.getLogger(__name__)

DEMO_TASK_SECONDS = 12.0


@dataclass
class Engine:
    config: Config
    keys: KeyStore
    store: TaskStore
    client: EvoLinkClient
    manager: TaskManager
    simulator: EvoLinkSimulator | None = None

    @classmethod
    def create(
        cls, *, demo: bool = False, config: Config | None = None, keys: KeyStore | None = None
    ) -> Engine:
        """Build everything; nothing runs until ``manager.start()`` is called on a live event loop."""
        config = config or load_config(demo=demo)
        config.ensure_dirs()
        keys = keys or KeyStore()
        simulator = None
        key_provider = keys.current
        if config.demo:
            simulator = EvoLinkSimulator(task_seconds=DEMO_TASK_SECONDS, adopt_unknown_tasks=True).start()
            config.api_base = config.files_base = simulator.base_url
            key_provider = lambda: DEMO_API_KEY  # noqa: E731 - the demo never uses the real key
        store = TaskStore(config.db_path)
        client = EvoLinkClient(
            key_provider,
            api_base=config.api_base,
            files_base=config.files_base,
            http=make_http_client(config.proxy),
        )
        manager = TaskManager(store, client, config.output_dir, poll_interval=config.poll_interval)
        return cls(config, keys, store, client, manager, simulator)

    async def aclose(self) -> None:
        """Stop background work, close the HTTP client and the store, stop the demo simulator."""
        await self.manager.aclose()
        await self.client.http.aclose()
        self.store.close()
        if self.simulator is not None:
            self.simulator.stop()
