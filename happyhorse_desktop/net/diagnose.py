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
are checked with one request through them (steps 3 and 4 together). No Qt widgets here; the issuer is
read with QtNetwork's certificate parser.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.errors import describe_transport_error
from happyhorse_desktop.net.proxy import NetworkSettings, ProxyChoice, choose_proxy
from happyhorse_desktop.net.trust import trust_context, trust_store
from happyhorse_desktop.net.tunnel import connect_request, connect_status, proxy_for

DNS, TCP, PROXY, TLS, KEY, FILES, CDN = "dns", "tcp", "proxy", "tls", "key", "files", "cdn"


@dataclass(frozen=True)
class Step:
    """One step's outcome: ``ok`` True (✓), False (✗, the failure is here) or None (not checked)."""

    key: str
    title: str
    ok: bool | None
    detail: str


class _Skipped(str):
    """A step's text when it was not run (e.g. no TLS to a plain-http simulator)."""


@dataclass
class _Link:
    """An open connection along the chain (to EvoLink or to the proxy, later tunnelled and TLS)."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter


class StepFailed(Exception):
    """A step of the connection chain failed; ``detail`` says how, in plain words."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class _Hop:
    """Where the TCP connection goes: EvoLink's host, or the proxy's (with its credentials)."""

    host: str
    port: int
    proxy: ProxyChoice | None = None

    @property
    def via_http_proxy(self) -> bool:
        return self.proxy is not None and (self.proxy.url or "").startswith(("http:", "https:"))


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
        target = urlsplit(api_base)
        self.host = target.hostname or ""
        self.port = target.port or (443 if target.scheme == "https" else 80)
        self.tls = target.scheme == "https"

    async def run(self) -> AsyncIterator[Step]:
        choice = await asyncio.to_thread(choose_proxy, self.network, self.api_base)
        hop = self._first_hop(choice)
        chain_ok = True
        async for step in self._chain(hop):
            chain_ok = chain_ok and step.ok is not False
            yield step
        http = await asyncio.to_thread(self._client, choice)
        try:
            yield await self._key_step(http, chain_ok)
            yield await self._reach(
                http,
                FILES,
                translate("ConnectionCheck", "Files host"),
                f"{self.files_base}/api/v1/files/quota",
            )
            if self.result_url:
                yield await self._reach(
                    http,
                    CDN,
                    translate("ConnectionCheck", "Result downloads (CDN)"),
                    self.result_url,
                    cdn=True,
                )
            else:
                yield Step(
                    CDN,
                    translate("ConnectionCheck", "Result downloads (CDN)"),
                    None,
                    translate("ConnectionCheck", "Not checked: no finished video in the history yet."),
                )
        finally:
            await http.aclose()

    # -- the chain: name lookup, TCP, proxy, TLS ------------------------------------------------

    def _first_hop(self, choice: ProxyChoice) -> _Hop:
        url, username, password = proxy_for(choice, self.api_base)
        if url is None:
            return _Hop(self.host, self.port)
        parts = urlsplit(url)
        default = 1080 if parts.scheme.startswith("socks") else 80
        proxy = ProxyChoice(url, username, password, source=choice.source)
        return _Hop(parts.hostname or "", parts.port or default, proxy)

    async def _chain(self, hop: _Hop) -> AsyncIterator[Step]:
        titles = [
            (DNS, translate("ConnectionCheck", "Name lookup")),
            (TCP, translate("ConnectionCheck", "Connection")),
        ]
        if hop.proxy is not None:
            titles.append((PROXY, translate("ConnectionCheck", "Proxy")))
        titles.append((TLS, translate("ConnectionCheck", "Secure connection (TLS)")))
        link: _Link | None = None
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
                yield Step(key, title, None if isinstance(detail, _Skipped) else True, str(detail))
        finally:
            if link is not None:
                link.writer.close()

    async def _do(self, key: str, hop: _Hop, link: _Link | None) -> tuple[str, _Link | None]:
        if key == DNS:
            return await self._lookup(hop), None
        if key == TCP:
            return await self._connect(hop)
        if key == PROXY:
            assert link is not None
            return await self._proxy(hop, link)
        return await self._tls(hop, link)

    async def _lookup(self, hop: _Hop) -> str:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(hop.host, hop.port, type=socket.SOCK_STREAM)
        except socket.gaierror:
            raise StepFailed(
                translate(
                    "ConnectionCheck",
                    "The name {host} could not be resolved (DNS). Check the address, the network or "
                    "the proxy setting.",
                ).format(host=hop.host)
            ) from None
        addresses = sorted({info[4][0] for info in infos})
        return translate("ConnectionCheck", "{host} is at {addresses}.").format(
            host=hop.host, addresses=", ".join(addresses[:3])
        )

    async def _connect(self, hop: _Hop) -> tuple[str, _Link]:
        what = translate("ConnectionCheck", "the proxy") if hop.proxy is not None else hop.host
        try:
            reader, writer = await asyncio.open_connection(hop.host, hop.port)
        except ConnectionRefusedError:
            raise StepFailed(
                translate(
                    "ConnectionCheck",
                    "{what} refused the connection on port {port}: nothing listens there, or a "
                    "firewall blocks it.",
                ).format(what=what, port=hop.port)
            ) from None
        except OSError as exc:
            raise StepFailed(
                translate("ConnectionCheck", "Could not connect to {what}: {why}.").format(
                    what=what, why=exc.strerror or exc
                )
            ) from None
        connected = translate("ConnectionCheck", "Connected to {host} on port {port}.").format(
            host=hop.host, port=hop.port
        )
        return connected, _Link(reader, writer)

    async def _proxy(self, hop: _Hop, link: _Link) -> tuple[str, _Link | None]:
        assert hop.proxy is not None
        reader, writer = link.reader, link.writer
        if not hop.via_http_proxy:  # SOCKS: one request through it tells about the proxy and TLS
            writer.close()
            return await self._through_socks(hop), None
        writer.write(connect_request(self.host, self.port, hop.proxy.username, hop.proxy.password))
        status, status_line = connect_status(await reader.readuntil(b"\r\n\r\n"))
        if status == 407:
            writer.close()
            if hop.proxy.username:
                raise StepFailed(
                    translate(
                        "ConnectionCheck",
                        "The proxy refused the user name and password (HTTP 407). Check them in Settings.",
                    )
                )
            raise StepFailed(
                translate(
                    "ConnectionCheck",
                    "The proxy asks for a user name and password (HTTP 407). Enter them in Settings.",
                )
            )
        if not 200 <= status < 300:
            writer.close()
            raise StepFailed(
                translate(
                    "ConnectionCheck", "The proxy would not open a connection to {host} ({line})."
                ).format(host=self.host, line=status_line)
            )
        return translate("ConnectionCheck", "The proxy opened a tunnel to {host}.").format(
            host=self.host
        ), link

    async def _through_socks(self, hop: _Hop) -> str:
        assert hop.proxy is not None
        http = await asyncio.to_thread(self._client, hop.proxy)
        try:
            await http.get(self.api_base + "/", timeout=self.timeout)
        except httpx.ProxyError as exc:
            raise StepFailed(
                translate("ConnectionCheck", "The SOCKS proxy refused: {why}.").format(why=exc)
            ) from None
        except httpx.TransportError as exc:
            raise StepFailed(describe_transport_error(exc).capitalize() + ".") from None
        finally:
            await http.aclose()
        return translate(
            "ConnectionCheck", "The SOCKS proxy reached {host} and the certificate verified."
        ).format(host=self.host)

    async def _tls(self, hop: _Hop, link: _Link | None) -> tuple[str, _Link | None]:
        if not self.tls:
            return _Skipped(translate("ConnectionCheck", "Plain HTTP to this computer: no TLS.")), link
        if link is None:  # checked together with a SOCKS proxy
            return _Skipped(translate("ConnectionCheck", "Checked with the proxy step.")), None
        writer = link.writer
        try:
            await writer.start_tls(trust_context("check"), server_hostname=self.host)
        except ssl.SSLCertVerificationError as exc:
            writer.close()
            issuer = await self._issuer(hop)
            raise StepFailed(_untrusted(issuer, exc.verify_message or str(exc))) from None
        except (ssl.SSLError, OSError) as exc:
            writer.close()
            raise StepFailed(
                translate("ConnectionCheck", "The secure connection failed: {why}.").format(why=exc)
            ) from None
        trusted = translate("ConnectionCheck", "The certificate of {host} is trusted ({store}).")
        return trusted.format(host=self.host, store=trust_store().description), link

    async def _issuer(self, hop: _Hop) -> str | None:
        """A separate handshake that sends nothing, to read the certificate the server presents."""
        look = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        look.check_hostname = False
        look.verify_mode = ssl.CERT_NONE  # only to read the certificate; nothing is sent over it
        link: _Link | None = None
        try:
            _, link = await asyncio.wait_for(self._connect(hop), self.timeout)
            if hop.proxy is not None and hop.via_http_proxy:
                await asyncio.wait_for(self._proxy(hop, link), self.timeout)
            await asyncio.wait_for(link.writer.start_tls(look, server_hostname=self.host), self.timeout)
            der = link.writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
        except (StepFailed, OSError, TimeoutError, ssl.SSLError):
            return None
        finally:
            if link is not None:
                link.writer.close()
        return certificate_issuer(der) if der else None

    # -- the requests: key, files host, CDN -------------------------------------------------

    def _client(self, choice: ProxyChoice) -> httpx.AsyncClient:
        from happyhorse_desktop.api.client import make_http_client

        return make_http_client(choice, timeout=httpx.Timeout(self.timeout), verify=trust_context("check"))

    async def _key_step(self, http: httpx.AsyncClient, chain_ok: bool) -> Step:
        title = translate("ConnectionCheck", "API key")
        if not self.api_key:
            return Step(
                KEY, title, False, translate("ConnectionCheck", "No API key is set. Enter it in Settings.")
            )
        if not chain_ok:
            return Step(
                KEY, title, None, translate("ConnectionCheck", "Not checked: EvoLink could not be reached.")
            )
        try:
            reply = await http.get(
                f"{self.api_base}/v1/credits", headers={"Authorization": f"Bearer {self.api_key}"}
            )
        except httpx.TransportError as exc:
            return Step(KEY, title, False, describe_transport_error(exc).capitalize() + ".")
        if reply.status_code == 401:
            return Step(
                KEY,
                title,
                False,
                translate(
                    "ConnectionCheck", "EvoLink refused the API key (HTTP 401). Check the key in Settings."
                ),
            )
        if reply.status_code >= 400:
            return Step(
                KEY,
                title,
                False,
                translate("ConnectionCheck", "EvoLink answered HTTP {status}.").format(
                    status=reply.status_code
                ),
            )
        return Step(KEY, title, True, translate("ConnectionCheck", "EvoLink accepted the key."))

    async def _reach(
        self, http: httpx.AsyncClient, key: str, title: str, url: str, *, cdn: bool = False
    ) -> Step:
        host = urlsplit(url).hostname or url
        headers = {"Range": "bytes=0-0"} if cdn else {"Authorization": f"Bearer {self.api_key or ''}"}
        try:
            reply = await http.get(url, headers=headers)
        except httpx.TransportError as exc:
            return Step(
                key,
                title,
                False,
                translate("ConnectionCheck", "{host}: {why}.").format(
                    host=host, why=describe_transport_error(exc)
                ),
            )
        return Step(
            key,
            title,
            True,
            translate("ConnectionCheck", "{host} answered (HTTP {status}).").format(
                host=host, status=reply.status_code
            ),
        )


def _untrusted(issuer: str | None, why: str) -> str:
    if issuer:
        text = translate(
            "ConnectionCheck",
            "The certificate was issued by “{issuer}”, which this computer does not trust ({why}). "
            "If your company inspects secure connections, ask IT to install its certificate in the "
            "system's trust store.",
        )
        return text.format(issuer=issuer, why=why)
    return translate("ConnectionCheck", "The certificate is not trusted ({why}).").format(why=why)


def certificate_issuer(der: bytes) -> str | None:
    """The issuer's name (organisation and common name) of a DER certificate, via QtNetwork."""
    from PySide6.QtNetwork import QSsl, QSslCertificate

    cert = QSslCertificate(der, QSsl.EncodingFormat.Der)
    if cert.isNull():
        return None
    info = QSslCertificate.SubjectInfo
    names = [*cert.issuerInfo(info.Organization), *cert.issuerInfo(info.CommonName)]
    return " / ".join(dict.fromkeys(n for n in names if n)) or cert.issuerDisplayName() or None
