""" "Check connection": the steps from this computer to EvoLink, in order, each told in plain words.

1. name lookup of the first hop (EvoLink's API host, or the proxy's host when one is used);
2. a TCP connection to it;
3. the proxy (when one is used): does it open a tunnel to EvoLink, or want a user name and password;
4. TLS: does the certificate verify against the app's trust store; when it does not, a second,
   separate handshake that sends nothing fetches the certificate so its issuer can be named (a
   company's TLS-inspection CA is recognisable by name);
5. the API key (``GET /v1/credits``: 401 means refused);
6. the files host (uploads) and 7. the result CDN (the host of the newest result link in the
   history), each reached with the app's own HTTP client: any HTTP answer means reachable.

When one of steps 1–4 fails, the later ones in that chain are reported as not checked. SOCKS proxies
are checked with one request through them (steps 3 and 4 together). This module orders the steps and
reports each; steps 1–4 are :mod:`happyhorse_desktop.net.chain_probe`, 5–7
:mod:`happyhorse_desktop.net.service_checks`. No Qt widgets here.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.chain_probe import ChainProbe, Hop, Link, Skipped, StepFailed
from happyhorse_desktop.net.proxy import NetworkSettings, ProxyChoice, choose_proxy
from happyhorse_desktop.net.service_checks import check_key, check_reach
from happyhorse_desktop.net.trust import trust_context
from happyhorse_desktop.net.tunnel import proxy_for

DNS, TCP, PROXY, TLS, KEY, FILES, CDN = "dns", "tcp", "proxy", "tls", "key", "files", "cdn"


@dataclass(frozen=True)
class Step:
    """One step's outcome: ``ok`` True (✓), False (✗, the failure is here) or None (not checked)."""

    key: str
    title: str
    ok: bool | None
    detail: str


class ConnectionCheck:
    """Runs the steps for one set of network settings; iterate :meth:`run` to get them as they end."""

    def __init__(
        self,
        *,
        api_base: str,
        files_base: str,
        api_key: str | None,
        network: NetworkSettings,
        result_url: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.api_base, self.files_base, self.api_key = api_base, files_base, api_key
        self.network, self.result_url, self.timeout = network, result_url, timeout
        self.probe = ChainProbe(api_base=api_base, timeout=timeout, client=self._client)

    async def run(self) -> AsyncIterator[Step]:
        choice = await asyncio.to_thread(choose_proxy, self.network, self.api_base)
        hop = self._first_hop(choice)
        chain_ok = True
        async for step in self._chain(hop):
            chain_ok = chain_ok and step.ok is not False
            yield step
        http = await asyncio.to_thread(self._client, choice)
        cdn = translate("ConnectionCheck", "Result downloads (CDN)")
        try:
            key = await check_key(http, self.api_base, self.api_key, chain_ok)
            yield Step(KEY, translate("ConnectionCheck", "API key"), *key)
            quota = await check_reach(http, f"{self.files_base}/api/v1/files/quota", self.api_key)
            yield Step(FILES, translate("ConnectionCheck", "Files host"), *quota)
            if self.result_url:
                yield Step(CDN, cdn, *await check_reach(http, self.result_url, self.api_key, cdn=True))
            else:
                not_yet = translate("ConnectionCheck", "Not checked: no finished video in the history yet.")
                yield Step(CDN, cdn, None, not_yet)
        finally:
            await http.aclose()

    def _first_hop(self, choice: ProxyChoice) -> Hop:
        url, username, password = proxy_for(choice, self.api_base)
        if url is None:
            return Hop(self.probe.host, self.probe.port)
        parts = urlsplit(url)
        default = 1080 if parts.scheme.startswith("socks") else 80
        proxy = ProxyChoice(url, username, password, source=choice.source)
        return Hop(parts.hostname or "", parts.port or default, proxy)

    async def _chain(self, hop: Hop) -> AsyncIterator[Step]:
        titles = [
            (DNS, translate("ConnectionCheck", "Name lookup")),
            (TCP, translate("ConnectionCheck", "Connection")),
        ]
        if hop.proxy is not None:
            titles.append((PROXY, translate("ConnectionCheck", "Proxy")))
        titles.append((TLS, translate("ConnectionCheck", "Secure connection (TLS)")))
        link: Link | None = None
        try:
            for number, (key, title) in enumerate(titles):
                try:
                    detail, link = await asyncio.wait_for(self._do(key, hop, link), self.timeout)
                except (StepFailed, TimeoutError) as exc:
                    late = translate("ConnectionCheck", "No answer within {s} s.").format(
                        s=formatting.number(self.timeout)
                    )
                    yield Step(key, title, False, exc.detail if isinstance(exc, StepFailed) else late)
                    for later_key, later_title in titles[number + 1 :]:
                        yield Step(
                            later_key,
                            later_title,
                            None,
                            translate("ConnectionCheck", "Not checked: an earlier step failed."),
                        )
                    return
                yield Step(key, title, None if isinstance(detail, Skipped) else True, str(detail))
        finally:
            if link is not None:
                link.writer.close()

    async def _do(self, key: str, hop: Hop, link: Link | None) -> tuple[str, Link | None]:
        if key == DNS:
            return await self.probe.lookup(hop), None
        if key == TCP:
            return await self.probe.connect(hop)
        if key == PROXY:
            assert link is not None
            return await self.probe.proxy(hop, link)
        return await self.probe.tls(hop, link)

    def _client(self, choice: ProxyChoice) -> httpx.AsyncClient:
        from happyhorse_desktop.api.client import make_http_client

        return make_http_client(choice, timeout=httpx.Timeout(self.timeout), verify=trust_context("check"))
