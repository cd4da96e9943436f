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
    from happyhorse_desktop.net.connectivity import ConnectivityMonitor
    from happyhorse_desktop.net.proxy import NetworkSettings
    from happyhorse_desktop.sandbox.simulator import EvoLinkSimulator
    from happyhorse_desktop.tasks.downloader import DownloadNetwork

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
    # [network] the proxy settings in force (read on first use) and the connectivity monitor.
    network: NetworkSettings | None = field(default=None, init=False)
    monitor: ConnectivityMonitor | None = field(default=None, init=False)

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
        engine._attach_network()
        return engine

    @property
    def client(self) -> EvoLinkClient:
        if self._client is None:
            self._client = self._make_client(None)
        return self._client

    def _make_client(self, verify: Any, http: Any = None) -> EvoLinkClient:
        from happyhorse_desktop.api.client import EvoLinkClient

        client = EvoLinkClient(
            self.key_provider,
            api_base=self.config.api_base,
            files_base=self.config.files_base,
            http=http or self._make_http(verify),
        )
        client.observer = self.monitor
        return client

    async def warm_up(self) -> None:
        """Import httpx, load the trust store and the proxy settings (the keychain may hold a proxy
        password) in a worker thread, then build the client."""
        if self._client is not None:
            return

        def prepare() -> Any:
            from happyhorse_desktop.api.client import tls_context

            return self._make_http(tls_context())

        http = await asyncio.to_thread(prepare)
        if self._client is None:
            self._client = self._make_client(None, http)
        else:
            await http.aclose()

    # -- network [network] --------------------------------------------------------------------

    def _attach_network(self) -> None:
        from happyhorse_desktop.net.connectivity import ConnectivityMonitor

        self.monitor = ConnectivityMonitor()
        # The manager hands ``proxy`` to the downloader as is; the downloader takes this object there.
        self.manager.proxy = self.download_network()  # type: ignore[assignment]

    def network_settings(self) -> NetworkSettings:
        """The network settings in force; the first call reads them (and a proxy password from the
        keychain, which may block: warm_up and the downloader call it in a worker thread)."""
        if self.network is None:
            from happyhorse_desktop.config import default_data_dir, settings_for
            from happyhorse_desktop.net.proxy import NetworkSettings, ProxyMode
            from happyhorse_desktop.net.settings import load_network_settings
            from happyhorse_desktop.secrets import ProxyPasswordStore

            if self.config.demo:  # the demo's simulator is on this computer: never through a proxy
                self.network = NetworkSettings(ProxyMode.NONE)
            else:
                saved = settings_for(default_data_dir())
                self.network = load_network_settings(saved, ProxyPasswordStore())
        return self.network

    def _make_http(self, verify: Any) -> Any:
        from happyhorse_desktop.api.client import make_http_client
        from happyhorse_desktop.net.proxy import choose_proxy

        route = choose_proxy(self.network_settings(), self.config.api_base)
        return make_http_client(route, verify=verify)

    def download_network(self) -> DownloadNetwork:
        """How downloads reach the CDN (settings read when each download starts, in its thread):
        pass it to ``downloader.download_video(network=…)``."""
        from happyhorse_desktop.tasks.downloader import DownloadNetwork

        return DownloadNetwork(self.network_settings, self.monitor)

    async def apply_network(self, settings: NetworkSettings) -> None:
        """Use ``settings`` from now on, without a restart: new API requests go through a new HTTP
        client (requests under way finish on the old one, which is then closed) and the next
        download takes the new route. Building the client loads the trust store and may consult the
        platform's proxy configuration, so it happens in a worker thread."""
        from happyhorse_desktop.api.client import tls_context

        self.network = settings
        http = await asyncio.to_thread(lambda: self._make_http(tls_context()))
        if self._client is None:
            self._client = self._make_client(None, http)
        else:
            self._client.replace_http(http)

    async def aclose(self) -> None:
        """Stop background work, close the HTTP client and the store, stop the demo simulator."""
        await self.manager.aclose()
        if self._client is not None:
            await self._client.http.aclose()
            await self._client.aclose()  # and any client that apply_network replaced
        self.store.close()
        if self.simulator is not None:
            self.simulator.stop()
