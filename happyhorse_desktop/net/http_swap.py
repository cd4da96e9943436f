"""Swapping the shared httpx client for one with new network settings, without cutting requests.

:class:`HttpSwap` holds the client new requests go through. ``replace()`` puts a new one in front;
the old one is closed as soon as the last request it carries has finished (at once when idle), so a
proxy change applies to the next request while a download of the task list or an upload under way
completes on the route it started on. No Qt in here.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import httpx


class HttpSwap:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.current = http
        self._active: dict[httpx.AsyncClient, int] = {}  # requests under way, per client
        self._retired: list[httpx.AsyncClient] = []  # replaced, closed once idle
        self._closing: set[asyncio.Task[None]] = set()

    @contextlib.contextmanager
    def using(self) -> Iterator[httpx.AsyncClient]:
        """The client for one request; it stays open until the request has finished."""
        http = self.current
        self._active[http] = self._active.get(http, 0) + 1
        try:
            yield http
        finally:
            self._active[http] -= 1
            if not self._active[http]:
                del self._active[http]
                if http in self._retired:
                    self._close_later(http)

    def replace(self, http: httpx.AsyncClient) -> None:
        old, self.current = self.current, http
        if old is not http:
            self._retired.append(old)
            if not self._active.get(old):
                self._close_later(old)

    async def aclose_retired(self) -> None:
        """Close every replaced client now (shutdown: nothing is waited for any more)."""
        retired, self._retired = self._retired, []
        for http in retired:
            await http.aclose()

    def _close_later(self, http: httpx.AsyncClient) -> None:
        async def close() -> None:
            if http in self._retired:
                self._retired.remove(http)
                await http.aclose()

        task = asyncio.ensure_future(close())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)
