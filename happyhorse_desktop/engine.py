"""Assembles the engine one run uses — config, key, store, HTTP client, task manager and, in demo mode,
a private simulator — so the window and the CLI are wired exactly the same way.

The HTTP client (httpx, TLS context with the CA bundle) is created on first use, or ahead of time in a
worker thread by :meth:`Engine.warm_up`, so building and painting the window never waits for it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from happyhorse_desktop.config import DEMO_API_KEY, Config, load_config
from happyhorse_desktop.secrets import KeyStore
from happyhorse_desktop.tasks.manager import TaskManager
from happyhorse_desktop.tasks.store import TaskStore

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient
    from happyhorse_desktop.sandbox.simulator import EvoLinkSimulator

log = logging.getLogger(__name__)

DEMO_TASK_SECONDS = 12.0


@dataclass
class Engine:
    config: Config
    keys: KeyStore
    store: TaskStore
    key_provider: Callable[[], str | None]
    manager: TaskManager = field(init=False)
    simulator: EvoLinkSimulator | None = None
    _client: EvoLinkClient | None = field(default=None, init=False)

    @classmethod
    def create(
        cls, *, demo: bool = False, config: Config | None = None, keys: KeyStore | None = None
    ) -> Engine:
        """Build everything; nothing runs until ``manager.start()`` is called on a live event loop."""
        config = config or load_config(demo=demo)
        config.ensure_dirs()
        keys = keys or KeyStore()
        simulator = None
        key_provider: Callable[[], str | None] = keys.current
        if config.demo:
            from happyhorse_desktop.sandbox.simulator import EvoLinkSimulator

            simulator = EvoLinkSimulator(task_seconds=DEMO_TASK_SECONDS, adopt_unknown_tasks=True).start()
            config.api_base = config.files_base = simulator.base_url
            key_provider = lambda: DEMO_API_KEY  # noqa: E731 - the demo never uses the real key
        engine = cls(config, keys, TaskStore(config.db_path), key_provider, simulator=simulator)
        engine.manager = TaskManager(
            engine.store, lambda: engine.client, config.output_dir, poll_interval=config.poll_interval
        )
        engine.manager.proxy = config.proxy
        return engine

    @property
    def client(self) -> EvoLinkClient:
        if self._client is None:
            self._client = self._make_client(None)
        return self._client

    def _make_client(self, verify: Any) -> EvoLinkClient:
        from happyhorse_desktop.api.client import EvoLinkClient, make_http_client

        return EvoLinkClient(
            self.key_provider,
            api_base=self.config.api_base,
            files_base=self.config.files_base,
            http=make_http_client(self.config.proxy, verify=verify),
        )

    async def warm_up(self) -> None:
        """Import httpx and load the CA bundle in a worker thread, then build the client."""
        if self._client is not None:
            return

        def prepare() -> Any:
            from happyhorse_desktop.api.client import tls_context

            return tls_context()

        context = await asyncio.to_thread(prepare)
        if self._client is None:
            self._client = self._make_client(context)

    async def aclose(self) -> None:
        """Stop background work, close the HTTP client and the store, stop the demo simulator."""
        await self.manager.aclose()
        if self._client is not None:
            await self._client.http.aclose()
        self.store.close()
        if self.simulator is not None:
            self.simulator.stop()
