"""Is the network there? One :class:`ConnectivityMonitor` per engine answers it for the whole app.

It learns from two sources:
- every request's transport outcome, reported by the HTTP client and the downloader: any reply (even
  4xx/5xx) is a success; a name lookup failure, a refused or reset connection or a timeout is a
  failure. A few failures in a row with no success between them mean "offline"; the next success
  means "online" again.
- Qt's ``QNetworkInformation`` reachability, where the platform has a backend (NetworkManager, the
  Windows and macOS network APIs…): "disconnected" means offline at once; a connection coming back
  wakes everybody who waits, so they try again without sitting out their back-off.

Loops that poll or download await :meth:`wait_online` instead of a plain sleep while offline: it
returns as soon as the network is back (or seems to be) or when their back-off delay is over.
"""

from __future__ import annotations

import asyncio
import logging
import time

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

FAILURES_BEFORE_OFFLINE = 3


class ConnectivityMonitor(QObject):
    sig_online_changed = Signal(bool, str)
    """The app went offline (False, the reason in plain words) or came back online (True, "")."""

    def __init__(
        self, parent: QObject | None = None, *, failures_before_offline: int = FAILURES_BEFORE_OFFLINE
    ) -> None:
        super().__init__(parent)
        self.failures_before_offline = max(1, failures_before_offline)
        self._online = True
        self._reason = ""
        self._failures = 0
        self._last_success: float | None = None
        self._system_offline = False
        self._waiters: list[asyncio.Future[bool]] = []
        self._system_watch = False

    # -- what callers read --------------------------------------------------------------------

    @property
    def is_online(self) -> bool:
        return self._online

    @property
    def reason(self) -> str:
        """Why the app thinks it is offline ("" while online)."""
        return self._reason

    @property
    def last_success(self) -> float | None:
        """When a request last got a reply (``time.time()``), or None if none has yet."""
        return self._last_success

    def seconds_since_success(self) -> float | None:
        return None if self._last_success is None else max(0.0, time.time() - self._last_success)

    async def wait_online(self, timeout: float | None = None) -> bool:
        """Wait until the network is back (or the platform says a connection returned), at most
        ``timeout`` seconds; returns whether the app is online. Returns at once while online."""
        if self._online:
            return True
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiters.append(future)
        try:
            await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            pass
        finally:
            if future in self._waiters:
                self._waiters.remove(future)
        return self._online

    # -- what the HTTP client and the downloader report ----------------------------------------

    def report_success(self) -> None:
        self._last_success = time.time()
        self._failures = 0
        if self._system_offline:
            # A reply proves the network works whatever the platform said (it may lag behind).
            self._system_offline = False
        self._set_online(True, "")

    def report_failure(self, reason: str) -> None:
        self._failures += 1
        if self._online and self._failures >= self.failures_before_offline:
            self._set_online(False, reason)

    # -- the platform's view ------------------------------------------------------------------

    def watch_system(self) -> bool:
        """Follow Qt's reachability where the platform offers a backend; returns whether it does."""
        if self._system_watch:
            return True
        from PySide6.QtNetwork import QNetworkInformation

        feature = QNetworkInformation.Feature.Reachability
        try:
            loaded = QNetworkInformation.loadBackendByFeatures(feature)
        except Exception as exc:  # a plugin that fails to load is "no backend", not a crash
            log.info("no network information backend: %s", type(exc).__name__)
            return False
        info = QNetworkInformation.instance() if loaded else None
        if info is None or not info.supports(feature):
            log.info("no network information backend offers reachability here")
            return False
        info.reachabilityChanged.connect(self.on_reachability_changed)
        self._system_watch = True
        log.info("following network reachability through Qt's %s backend", info.backendName())
        self.on_reachability_changed(info.reachability())
        return True

    def on_reachability_changed(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        states = QNetworkInformation.Reachability
        if reachability == states.Disconnected:
            self._system_offline = True
            self._set_online(False, _disconnected_reason())
        elif reachability in (states.Online, states.Site) and self._system_offline:
            # The platform says a connection is back: let waiting loops try again now. Online is
            # declared by the next reply, since a link can be up while the internet is not.
            self._system_offline = False
            self._wake_waiters()

    # -- plumbing -----------------------------------------------------------------------------

    def _set_online(self, online: bool, reason: str) -> None:
        if online == self._online:
            return
        self._online, self._reason = online, reason
        log.info("network %s%s", "back online" if online else "offline", f": {reason}" if reason else "")
        if online:
            self._wake_waiters()
        self.sig_online_changed.emit(online, reason)

    def _wake_waiters(self) -> None:
        for future in self._waiters:
            if not future.done() and not future.get_loop().is_closed():
                future.set_result(self._online)
        self._waiters.clear()


def _disconnected_reason() -> str:
    from happyhorse_desktop.i18n_core import translate

    return translate("Connectivity", "this computer is not connected to a network")
