"""Assembles the engine one run uses — config, key, store, HTTP client, task manager and, in demo mode,
a private simulator — so the window and the CLI are wired exactly the same way. Widgets apply settings
and test keys through it; they never build clients or write settings themselves.

The HTTP client (httpx, the system's trust store, the proxy route) is created on first use, or ahead of
time in a worker thread by :meth:`Engine.warm_up`, so building and painting the window never waits for
it. Network settings apply at once (:meth:`Engine.apply_network`): new requests take the new route while
those under way finish on the old one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from happyhorse_desktop.config import DEMO_API_KEY, AppSettings, Config, load_config
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.secrets import KeyStore, SaveOutcome, normalize_key
from happyhorse_desktop.tasks.manager import TaskManager
from happyhorse_desktop.tasks.store import TaskStore

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient
    from happyhorse_desktop.api.models import Credits
    from happyhorse_desktop.net.connectivity import ConnectivityMonitor
    from happyhorse_desktop.net.proxy import NetworkSettings
    from happyhorse_desktop.sandbox.simulator import EvoLinkSimulator
    from happyhorse_desktop.tasks.download_network import DownloadNetwork

log = logging.getLogger(__name__)

DEMO_TASK_SECONDS = 12.0
DEMO_ACCOUNT_FILE = "demo-account.sqlite3"


@dataclass
class Engine:
    config: Config
    keys: KeyStore
    store: TaskStore
    key_provider: Callable[[], str | None]
    manager: TaskManager = field(init=False)
    simulator: EvoLinkSimulator | None = None
    _client: EvoLinkClient | None = field(default=None, init=False)
    _closed: bool = field(default=False, init=False)
    network: NetworkSettings | None = field(default=None, init=False)  # read on first use
    monitor: ConnectivityMonitor | None = field(default=None, init=False)

    @classmethod
    def create(
        cls,
        *,
        demo: bool = False,
        config: Config | None = None,
        keys: KeyStore | None = None,
        origin: str = "app",
    ) -> Engine:
        """Build everything; nothing runs until ``manager.start()`` is called on a live event loop.
        Raises ``HistoryError`` when the task history cannot be opened (nothing else is started)."""
        config = config or load_config(demo=demo)
        config.ensure_dirs()
        store = TaskStore(config.db_path)
        keys = keys or KeyStore()
        simulator = None
        key_provider: Callable[[], str | None] = keys.current
        if config.demo:
            from happyhorse_desktop.sandbox.render_plan import RenderSettings
            from happyhorse_desktop.sandbox.simulator import EvoLinkSimulator

            # The demo's videos are rendered from the user's own picture, at the duration and quality
            # asked for, so the demo feels like the product.
            # The demo account (balance, tasks) is kept in the demo's data folder, like a real account.
            simulator = EvoLinkSimulator(
                task_seconds=DEMO_TASK_SECONDS,
                adopt_unknown_tasks=True,
                render=RenderSettings.demo(),
                ledger_path=config.data_dir / DEMO_ACCOUNT_FILE,
            ).start()
            config.api_base = config.files_base = simulator.base_url
            key_provider = lambda: DEMO_API_KEY  # noqa: E731 - the demo never uses the real key
        engine = cls(config, keys, store, key_provider, simulator=simulator)
        engine.manager = TaskManager(
            store,
            lambda: engine.client,
            config.output_dir,
            poll_interval=config.poll_interval,
            lease_seconds=config.lease_seconds,
            rescan_interval=min(2.0, config.lease_seconds / 3),
            preflight=engine.key_problem,
            origin=origin,
        )
        from happyhorse_desktop.net.connectivity import ConnectivityMonitor

        engine.monitor = ConnectivityMonitor()
        engine.manager.settings.download_network = engine.download_network()
        engine.manager.attach_connectivity(engine.monitor)
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

    # -- the network ----------------------------------------------------------------------------

    def network_settings(self) -> NetworkSettings:
        """The network settings in force; the first call reads them (and a proxy password from the
        keychain, which may block: warm_up and the downloader call it in a worker thread)."""
        if self.network is None:
            from happyhorse_desktop.net.proxy import NetworkSettings, ProxyMode
            from happyhorse_desktop.net.settings import load_network_settings
            from happyhorse_desktop.secrets import ProxyPasswordStore

            if self.config.demo:  # the demo's simulator is on this computer: never through a proxy
                self.network = NetworkSettings(ProxyMode.NONE)
            else:
                self.network = load_network_settings(self.config.qsettings(), ProxyPasswordStore())
        return self.network

    def _make_http(self, verify: Any) -> Any:
        from happyhorse_desktop.api.client import make_http_client
        from happyhorse_desktop.net.proxy import choose_proxy

        route = choose_proxy(self.network_settings(), self.config.api_base)
        return make_http_client(route, verify=verify)

    def download_network(self) -> DownloadNetwork:
        """How downloads reach the CDN (settings read when each download starts, in its thread)."""
        from happyhorse_desktop.tasks.download_network import DownloadNetwork

        return DownloadNetwork(self.network_settings, self.monitor)

    async def apply_network(self, settings: NetworkSettings) -> None:
        """Use ``settings`` from now on, without a restart: new API requests go through a new HTTP
        client (requests under way finish on the old one, which is then closed) and the next download
        takes the new route. Building the client loads the trust store and may consult the platform's
        proxy configuration, so it happens in a worker thread."""
        from happyhorse_desktop.api.client import tls_context

        self.network = settings
        http = await asyncio.to_thread(lambda: self._make_http(tls_context()))
        if self._client is None:
            self._client = self._make_client(None, http)
        else:
            self._client.replace_http(http)

    # -- the key --------------------------------------------------------------------------------

    def key_problem(self) -> str | None:
        """Why nothing can be sent right now (no key, an unusable key), or None."""
        if self.config.demo:
            return None
        if self.keys.pending:
            return translate("Keys", "Reading your API key from the system keychain…")
        if self.keys.problem:
            return self.keys.problem
        if not self.keys.current():
            return translate("Keys", "Add your EvoLink API key in Settings (or start with --demo to try it).")
        return None

    async def save_key(self, key: str, *, remember: bool) -> SaveOutcome:
        """Keep a new key (keychain access runs in a worker thread). Raises ``KeyFormatError``."""
        return await asyncio.to_thread(self.keys.save, key, remember=remember)

    async def test_key(self, key: str | None = None) -> Credits:
        """Ask EvoLink for the balance with ``key`` (default: the current key). Raises ``EvoLinkError``,
        or ``KeyFormatError`` for a key that cannot be one."""
        from happyhorse_desktop.api.client import EvoLinkClient

        candidate = normalize_key(key) if key else (self.key_provider() or "")
        probe = EvoLinkClient(
            lambda: candidate,
            api_base=self.config.api_base,
            files_base=self.config.files_base,
            http=self.client.http,
        )
        return await probe.get_credits()

    # -- settings -------------------------------------------------------------------------------

    def apply_settings(self, settings: AppSettings) -> None:
        """Save and apply new settings at once."""
        self.config.apply(settings)
        self.manager.settings.output_dir = self.config.output_dir
        self.manager.settings.poll_interval = self.config.poll_interval

    async def save_network(self, settings: NetworkSettings) -> str:
        """Save network settings (mode, address and user in the settings file, the proxy password in the
        keychain — in a worker thread) and put them in force at once. Returns what to tell the user."""
        from happyhorse_desktop.net.settings import load_network_settings, save_network_settings
        from happyhorse_desktop.secrets import ProxyPasswordStore

        def persist() -> tuple[str, NetworkSettings]:
            qsettings, passwords = self.config.qsettings(), ProxyPasswordStore()
            message = save_network_settings(qsettings, settings, passwords)
            return message, load_network_settings(qsettings, passwords)  # an empty field keeps the password

        message, saved = await asyncio.to_thread(persist)
        if self.config.demo:
            return message or translate("NetworkSettings", "Saved; the demo itself always connects directly.")
        await self.apply_network(saved)
        return message or translate("NetworkSettings", "Network settings applied.")

    @property
    def closed(self) -> bool:
        return self._closed

    async def aclose(self) -> None:
        """Stop background work, close the HTTP client and the store, stop the demo simulator."""
        self._closed = True
        await self.manager.aclose()
        if self._client is not None:
            await self._client.http.aclose()
            await self._client.aclose()  # and any client that apply_network replaced
        self.store.close()
        if self.simulator is not None:
            self.simulator.stop()
