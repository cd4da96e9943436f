"""The connection chain of "Check connection", one step a method: name lookup of the first hop, a TCP
connection to it, the proxy's tunnel (or one request through a SOCKS proxy), and TLS against the app's
trust store; when the certificate does not verify, a second handshake that sends nothing reads it so
that its issuer can be named. :mod:`happyhorse_desktop.net.diagnose` runs the steps in order.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.errors import describe_transport_error
from happyhorse_desktop.net.proxy import ProxyChoice
from happyhorse_desktop.net.trust import trust_context, trust_store
from happyhorse_desktop.net.tunnel import connect_request, connect_status


class Skipped(str):
    """A step's text when it was not run (e.g. no TLS to a plain-http simulator)."""


@dataclass
class Link:
    """An open connection along the chain (to EvoLink or to the proxy, later tunnelled and TLS)."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter


class StepFailed(Exception):
    """A step of the connection chain failed; ``detail`` says how, in plain words."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Hop:
    """Where the TCP connection goes: EvoLink's host, or the proxy's (with its credentials)."""

    host: str
    port: int
    proxy: ProxyChoice | None = None

    @property
    def via_http_proxy(self) -> bool:
        return self.proxy is not None and (self.proxy.url or "").startswith(("http:", "https:"))


class ChainProbe:
    """The steps of the connection chain to one API host, each a method that returns its plain-words
    outcome or raises :class:`StepFailed`. The caller orders them and times each out."""

    def __init__(
        self,
        *,
        api_base: str,
        timeout: float,
        client: Callable[[ProxyChoice], httpx.AsyncClient],
    ) -> None:
        self.api_base, self.timeout, self._client = api_base, timeout, client
        target = urlsplit(api_base)
        self.host = target.hostname or ""
        self.port = target.port or (443 if target.scheme == "https" else 80)
        self.uses_tls = target.scheme == "https"

    async def lookup(self, hop: Hop) -> str:
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

    async def connect(self, hop: Hop) -> tuple[str, Link]:
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
        return connected, Link(reader, writer)

    async def proxy(self, hop: Hop, link: Link) -> tuple[str, Link | None]:
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

    async def _through_socks(self, hop: Hop) -> str:
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

    async def tls(self, hop: Hop, link: Link | None) -> tuple[str, Link | None]:
        if not self.uses_tls:
            return Skipped(translate("ConnectionCheck", "Plain HTTP to this computer: no TLS.")), link
        if link is None:  # checked together with a SOCKS proxy
            return Skipped(translate("ConnectionCheck", "Checked with the proxy step.")), None
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

    async def _issuer(self, hop: Hop) -> str | None:
        """A separate handshake that sends nothing, to read the certificate the server presents."""
        look = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        look.check_hostname = False
        look.verify_mode = ssl.CERT_NONE  # only to read the certificate; nothing is sent over it
        link: Link | None = None
        try:
            _, link = await asyncio.wait_for(self.connect(hop), self.timeout)
            if hop.proxy is not None and hop.via_http_proxy:
                await asyncio.wait_for(self.proxy(hop, link), self.timeout)
            await asyncio.wait_for(link.writer.start_tls(look, server_hostname=self.host), self.timeout)
            der = link.writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
        except (StepFailed, OSError, TimeoutError, ssl.SSLError):
            return None
        finally:
            if link is not None:
                link.writer.close()
        return certificate_issuer(der) if der else None


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
