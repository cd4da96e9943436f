"""Saving result videos: streamed to a ``.part`` file, checked, then renamed atomically by the caller.

A video counts as saved only after the rename, so a crash leaves at most a ``.part`` file that the next
attempt resumes (HTTP Range) or replaces. The rename is the caller's (``finish``), so that it can prove
it still holds the task right before that irreversible step. Result links are public CDN URLs: they are
fetched without the ``Authorization`` header and with a real ``User-Agent``.

The transfer runs in a worker thread with the standard library's blocking HTTP client reading straight
into one fixed 1 MB buffer: measured on loopback it keeps pace with curl, where an asyncio stream spent
most of its time in per-chunk event-loop overhead on the UI thread, and httpx's blocking client needed
~1.8 × as long (benchmarks/download.py). The event loop only awaits the thread and receives throttled
progress callbacks. The socket is opened by ``net.tunnel`` along the same route as the API calls (the
same proxy, SOCKS and proxy credentials included) and TLS uses the app's trust store (``net.trust``).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import http.client
import json
import logging
import os
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from happyhorse_desktop import USER_AGENT
from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.errors import describe_transport_error, is_connectivity_failure
from happyhorse_desktop.net.proxy import NetworkSettings, ProxyChoice, ProxyMode, choose_proxy
from happyhorse_desktop.net.tunnel import open_socket
from happyhorse_desktop.tasks.download_network import DownloadNetwork

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import TransportObserver

log = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024
MAX_VIDEO_BYTES = 2 * 1024**3
MAX_REDIRECTS = 5
TIMEOUT = 30.0
PROGRESS_INTERVAL = 0.1  # seconds between two progress reports
_MP4_BRANDS = (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip")

Progress = Callable[[int, int | None], None]


class ConnectionLost(EvoLinkError):
    """A download that failed because the network is missing or was cut (not TLS, not the proxy):
    what the connectivity monitor is told about."""


def part_path(final: Path, token: int | None = None) -> Path:
    """Where ``final`` is downloaded to first; with a lease token, a name of this lease's own, so two
    processes (one stopped past its lease) never write the same partial file."""
    return final.with_name(final.name + (f".t{token}" if token is not None else "") + ".part")


def looks_like_mp4(path: Path) -> bool:
    """The first box of an ISO-BMFF file names a known box type at bytes 4..8."""
    with path.open("rb") as fh:
        head = fh.read(8)
    return len(head) == 8 and head[4:8] in _MP4_BRANDS


def disk_error(exc: OSError, where: Path) -> EvoLinkError:
    if exc.errno == errno.ENOSPC:
        reason = translate("Downloads", "the disk is full")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = translate("Downloads", "the folder is not writable")
    else:
        reason = exc.strerror or str(exc)
    return EvoLinkError(
        ErrorKind.DISK,
        translate("Downloads", "{reason} ({folder})").format(reason=reason, folder=where.parent),
    )


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most a few redirects, and only to http(s) URLs."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not newurl.lower().startswith(("http://", "https://")):
            raise EvoLinkError(
                ErrorKind.DOWNLOAD,
                translate("Downloads", "the result link redirects to a non-http(s) address"),
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _RoutedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection whose socket comes from ``net.tunnel`` (direct, or through the proxy)."""

    def __init__(self, host: str, *, route: ProxyChoice, tls: ssl.SSLContext, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._route, self._tls = route, tls

    def connect(self) -> None:
        self.sock = open_socket(self._route, f"http://{self.host}:{self.port}", self.timeout, self._tls)


class _RoutedHTTPSConnection(http.client.HTTPSConnection):
    """The same for https: the tunnel first, then TLS to the destination with the app's trust store."""

    def __init__(self, host: str, *, route: ProxyChoice, tls: ssl.SSLContext, **kwargs: Any) -> None:
        super().__init__(host, context=tls, **kwargs)
        self._route, self._tls = route, tls

    def connect(self) -> None:
        sock = open_socket(self._route, f"https://{self.host}:{self.port}", self.timeout, self._tls)
        try:
            self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


class _RoutedHandler(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    """Opens http and https URLs (redirect targets too) through the routed connections above."""

    def __init__(self, route: ProxyChoice, tls: ssl.SSLContext) -> None:
        urllib.request.HTTPHandler.__init__(self)
        urllib.request.HTTPSHandler.__init__(self, context=tls)
        self._route, self._tls = route, tls

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_RoutedHTTPConnection, route=self._route, tls=self._tls), req)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_RoutedHTTPSConnection, route=self._route, tls=self._tls), req)


def _opener(network: NetworkSettings, url: str) -> urllib.request.OpenerDirector:
    from happyhorse_desktop.net.trust import trust_context

    # ProxyHandler({}): urllib must not apply proxy variables on its own; the route does it.
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _HttpOnlyRedirects(),
        _RoutedHandler(choose_proxy(network, url), trust_context("download")),
    )


def _transport_error(exc: BaseException) -> EvoLinkError:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if not isinstance(reason, BaseException):  # URLError with a text reason
        reason = exc
    if isinstance(reason, TimeoutError | socket.timeout):
        text = translate("Downloads", "the file server stopped sending data (timeout)")
    else:
        text = describe_transport_error(reason)
    kind = ConnectionLost if is_connectivity_failure(reason) else EvoLinkError
    message = translate("Downloads", "download interrupted: {reason}").format(reason=text)
    return kind(ErrorKind.NETWORK, message)


def _transfer(
    url: str,
    part: Path,
    *,
    max_bytes: int,
    network: NetworkSettings,
    cancel: threading.Event,
    report: Progress,
) -> int:
    """The blocking part: fetch into ``part`` (resuming it if present) and verify it."""
    try:
        have = part.stat().st_size if part.exists() else 0
    except OSError as exc:
        raise disk_error(exc, part) from None
    response = _open(url, part, have, network)
    with response:
        resumed = response.status == 206 and have > 0
        if not resumed:
            have = 0
        length = response.headers.get("Content-Length")
        announced = int(length) + have if length and length.isdigit() else None
        if announced is not None and announced > max_bytes:
            raise EvoLinkError(
                ErrorKind.DOWNLOAD,
                translate("Downloads", "the video is larger than {limit} MB").format(
                    limit=max_bytes // 1048576
                ),
            )
        limit = min(max_bytes, announced) if announced is not None else max_bytes
        written = _stream(
            response,
            part,
            resumed=resumed,
            start=have,
            limit=limit,
            cancel=cancel,
            report=lambda done: report(done, announced),
        )
    if announced is not None and written != announced:
        stopped = translate("Downloads", "the download stopped early ({written} of {total} bytes)").format(
            written=written, total=announced
        )
        raise ConnectionLost(ErrorKind.NETWORK, stopped)
    if not looks_like_mp4(part):
        part.unlink(missing_ok=True)
        raise EvoLinkError(
            ErrorKind.DOWNLOAD, translate("Downloads", "the server sent something that is not an MP4 video")
        )
    report(written, announced)
    return written


def _open(url: str, part: Path, have: int, network: NetworkSettings) -> http.client.HTTPResponse:
    """Ask for the video (the rest of it, when ``have`` bytes are already in ``part``)."""
    headers = {"User-Agent": USER_AGENT, "Accept": "video/mp4,*/*"}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        return _opener(network, url).open(request, timeout=TIMEOUT)  # type: ignore[no-any-return]
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # our partial file is already complete (or stale): start again
            part.unlink(missing_ok=True)
        if "redirect" in str(exc.reason).lower() and 300 <= exc.code < 400:
            raise EvoLinkError(
                ErrorKind.DOWNLOAD, translate("Downloads", "the result link redirects in a loop")
            ) from None
        gone = exc.code in (403, 404, 410)
        raise EvoLinkError(
            ErrorKind.DOWNLOAD,
            translate("Downloads", "the result link has expired or is gone")
            if gone
            else translate("Downloads", "the file server refused the download"),
            status=exc.code,
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raise _transport_error(exc) from None


def _stream(
    response: http.client.HTTPResponse,
    part: Path,
    *,
    resumed: bool,
    start: int,
    limit: int,
    cancel: threading.Event,
    report: Callable[[int], None],
) -> int:
    """Copy the body into ``part`` in chunks, never past ``limit`` bytes; returns the bytes now in it."""
    written = start
    buffer = memoryview(bytearray(CHUNK_SIZE))
    last_report = 0.0
    try:
        fh = part.open("ab" if resumed else "wb")
    except OSError as exc:
        raise disk_error(exc, part) from None
    with fh:
        while True:
            if cancel.is_set():
                raise EvoLinkError(ErrorKind.DOWNLOAD, translate("Downloads", "the download was stopped"))
            try:
                n = response.readinto(buffer)
            except (OSError, ValueError) as exc:  # reset, timeout, connection closed mid-body
                raise _transport_error(exc) from None
            if not n:
                return written
            written += n
            if written > limit:
                raise EvoLinkError(
                    ErrorKind.DOWNLOAD, translate("Downloads", "the server sent more data than announced")
                )
            try:
                fh.write(buffer[:n])
            except OSError as exc:
                raise disk_error(exc, part) from None
            now = time.monotonic()
            if now - last_report >= PROGRESS_INTERVAL:
                last_report = now
                report(written)


def _discard(part: Path) -> None:
    with contextlib.suppress(OSError):  # Windows: still open in the worker thread; it deletes it on exit
        part.unlink(missing_ok=True)


def finish(part: Path, final: Path) -> None:
    """Move a complete download into place (atomic on one file system).

    No fsync: a process crash cannot lose what the kernel already holds, and after a power loss the
    start-up check compares the file with the size recorded in the history and downloads it again.
    Flushing 200 MB on the spot cost ~15 % of the download time."""
    try:
        os.replace(part, final)
    except OSError as exc:
        raise disk_error(exc, final) from None


async def download_to_part(
    url: str,
    part: Path,
    *,
    max_bytes: int = MAX_VIDEO_BYTES,
    network: DownloadNetwork | None = None,
    on_progress: Progress | None = None,
    keep_partial: Callable[[], bool] | None = None,
) -> int:
    """Download ``url`` into ``part`` until it is complete and verified; returns the size. Raises
    ``EvoLinkError`` (DOWNLOAD, NETWORK or DISK; ``ConnectionLost`` when the network is missing).

    ``network`` says how to reach the CDN (the engine's ``download_network()``); without it the system's
    proxy settings apply. Cancelling the awaiting task asks the worker thread to stop at its next chunk;
    the ``.part`` file stays for the next attempt to resume — unless ``keep_partial`` (asked when the
    download fails or is cancelled) says no attempt will come: then the file is deleted, also when the
    worker thread writes on for a moment after the cancel.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise EvoLinkError(
            ErrorKind.DOWNLOAD, translate("Downloads", "the result link is not an http(s) URL")
        )
    network = network or DownloadNetwork()
    settings = network.settings
    try:
        part.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise disk_error(exc, part) from None
    loop = asyncio.get_running_loop()
    cancel, discard = threading.Event(), threading.Event()

    def report(done: int, total: int | None) -> None:
        if on_progress is not None:
            loop.call_soon_threadsafe(on_progress, done, total)

    def transfer() -> int:  # in the worker thread: the settings may come from the keychain
        try:
            return _transfer(url, part, max_bytes=max_bytes, network=settings(), cancel=cancel, report=report)
        finally:
            if discard.is_set():  # given up while this thread still ran: its last writes go too
                _discard(part)

    try:
        size = await asyncio.to_thread(transfer)
    except BaseException as exc:
        if keep_partial is not None and not keep_partial():
            discard.set()
            _discard(part)
        if isinstance(exc, EvoLinkError):
            _tell(network.observer, exc)
        raise
    finally:
        cancel.set()
    _tell(network.observer, None)
    return size


async def download_video(
    url: str,
    final: Path,
    *,
    max_bytes: int = MAX_VIDEO_BYTES,
    proxy: str | None = None,
    network: DownloadNetwork | None = None,
    on_progress: Progress | None = None,
) -> int:
    """Download ``url`` to ``final`` (through ``final``'s ``.part``), for callers without leases.
    ``proxy``: a manual proxy URL, when no ``network`` is given."""
    network = network or DownloadNetwork(_manual(proxy))
    part = part_path(final)
    size = await download_to_part(url, part, max_bytes=max_bytes, network=network, on_progress=on_progress)
    finish(part, final)
    return size


def _manual(proxy: str | None) -> Callable[[], NetworkSettings]:
    settings = NetworkSettings(ProxyMode.MANUAL, proxy) if proxy else NetworkSettings()
    return lambda: settings


def _tell(observer: TransportObserver | None, exc: EvoLinkError | None) -> None:
    """Report the outcome to the connectivity monitor: only network failures count as failures;
    an HTTP refusal or a disk error still proves the network works."""
    if observer is None:
        return
    if isinstance(exc, ConnectionLost):
        observer.report_failure(exc.detail)
    elif exc is None or exc.kind is not ErrorKind.NETWORK:
        observer.report_success()


def write_sidecar(path: Path, metadata: dict[str, Any]) -> None:
    """Write the metadata JSON next to the video atomically (temp file + rename)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(metadata, indent=2, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise disk_error(exc, path) from None
