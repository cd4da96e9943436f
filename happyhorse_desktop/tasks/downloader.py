"""Saving result videos: streamed to ``<name>.mp4.part``, checked, flushed, then renamed atomically.

A video counts as saved only after the rename, so a crash leaves at most a ``.part`` file that the next
attempt resumes (HTTP Range) or replaces. Result links are public CDN URLs: they are fetched without the
``Authorization`` header and with a real ``User-Agent``.

The transfer runs in a worker thread with httpx's blocking client, copying the body into one fixed
1 MB buffer and writing it out a buffer at a time: measured on loopback it keeps pace with curl, where
an asyncio stream spent most of its time in per-chunk event-loop overhead on the UI thread
(benchmarks/download.py). httpx (not the standard library's client) because the download must take
the same route as the API calls: the same proxy, SOCKS included, with credentials kept apart from the
URL, and the same trust store. The event loop only awaits the thread and receives throttled progress
callbacks.
"""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from happyhorse_desktop import USER_AGENT
from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.net.errors import describe_transport_error, is_connectivity_failure
from happyhorse_desktop.net.proxy import NetworkSettings, ProxyChoice, choose_proxy

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


@dataclass(frozen=True)
class DownloadNetwork:
    """How downloads reach the CDN: where the network settings in force come from (called in the
    worker thread as each download starts: reading a proxy password from the keychain may block)
    and who hears about transport failures (the connectivity monitor)."""

    settings: Callable[[], NetworkSettings] = NetworkSettings
    observer: TransportObserver | None = None


def part_path(final: Path) -> Path:
    return final.with_name(final.name + ".part")


def looks_like_mp4(path: Path) -> bool:
    """The first box of an ISO-BMFF file names a known box type at bytes 4..8."""
    with path.open("rb") as fh:
        head = fh.read(8)
    return len(head) == 8 and head[4:8] in _MP4_BRANDS


def disk_error(exc: OSError, where: Path) -> EvoLinkError:
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "the folder is not writable"
    else:
        reason = exc.strerror or str(exc)
    return EvoLinkError(ErrorKind.DISK, f"{reason} ({where.parent})")


def _read_in_large_blocks() -> None:
    """httpcore's blocking HTTP/1.1 connection reads the socket 64 KB at a time: for a 200 MB body
    that is 3,200 trips through its parser, which cost ~45 % of curl's speed on loopback. Reading up
    to the buffer's size at once brings it level with curl (benchmarks/download.py). Only the blocking
    connection class is touched, which only this downloader uses; the API's async client is not."""
    import httpcore._sync.http11 as sync_http11

    connection = sync_http11.HTTP11Connection
    connection.READ_NUM_BYTES = max(connection.READ_NUM_BYTES, CHUNK_SIZE)


def _client(choice: ProxyChoice) -> httpx.Client:
    from happyhorse_desktop.net.trust import trust_context

    _read_in_large_blocks()

    context = trust_context("download")
    return httpx.Client(
        http1=True,
        http2=False,  # one long stream: HTTP/1.1 has no flow-control overhead to pay per chunk
        verify=context,
        timeout=httpx.Timeout(TIMEOUT, connect=10.0),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        **choice.client_options(context),
    )


class ConnectionLost(EvoLinkError):
    """A download that failed because the network is missing or was cut (not TLS, not the proxy):
    what the connectivity monitor is told about."""


def _transport_error(exc: BaseException) -> EvoLinkError:
    if isinstance(exc, httpx.TooManyRedirects):
        return EvoLinkError(ErrorKind.DOWNLOAD, "the result link redirects in a loop")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return EvoLinkError(ErrorKind.DOWNLOAD, "the result link redirects to a non-http(s) address")
    reason = describe_transport_error(exc)
    if isinstance(exc, httpx.ReadTimeout):
        reason = "the file server stopped sending data (timeout)"
    kind = ConnectionLost if is_connectivity_failure(exc) else EvoLinkError
    return kind(ErrorKind.NETWORK, f"download interrupted: {reason}")


def _blocks(chunks: Iterator[bytes], buffer: memoryview) -> Iterator[memoryview]:
    """What to write for ``chunks``: small reads (TLS hands over 16 KB at a time) are gathered in the
    fixed ``buffer`` and written a full buffer at a time; a read of at least half the buffer arriving
    while it is empty is written as it is, saving a copy of every byte on fast plain connections."""
    size, filled = len(buffer), 0
    for chunk in chunks:
        view = memoryview(chunk)
        if not filled and len(view) >= size // 2:
            yield view
            continue
        while view:
            n = min(size - filled, len(view))
            buffer[filled : filled + n] = view[:n]
            filled += n
            view = view[n:]
            if filled == size:
                yield buffer
                filled = 0
    if filled:
        yield buffer[:filled]


def _transfer(
    url: str,
    part: Path,
    final: Path,
    *,
    max_bytes: int,
    network: NetworkSettings,
    cancel: threading.Event,
    report: Progress,
) -> int:
    """The blocking part: fetch into ``part`` (resuming it if present), verify, rename."""
    try:
        have = part.stat().st_size if part.exists() else 0
    except OSError as exc:
        raise disk_error(exc, final) from None
    # identity: a compressed body would break both the length checks and Range resumption.
    headers = {"User-Agent": USER_AGENT, "Accept": "video/mp4,*/*", "Accept-Encoding": "identity"}
    if have:
        headers["Range"] = f"bytes={have}-"
    try:
        with (
            _client(choose_proxy(network, url)) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            if response.status_code >= 300:
                raise _refused(response.status_code, have, part)
            written = _receive(response, part, final, have, max_bytes, cancel, report)
    except httpx.HTTPError as exc:  # transport failures, at the start or mid-body
        raise _transport_error(exc) from None
    if not looks_like_mp4(part):
        part.unlink(missing_ok=True)
        raise EvoLinkError(ErrorKind.DOWNLOAD, "the server sent something that is not an MP4 video")
    # No fsync here: a process crash cannot lose what the kernel already holds, and after a power loss
    # the start-up check compares the file with the size recorded in the history and downloads it again
    # (TaskManager.verify_saved_videos). Flushing 200 MB on the spot cost ~15 % of the download time.
    try:
        os.replace(part, final)
    except OSError as exc:
        raise disk_error(exc, final) from None
    return written


def _refused(status: int, have: int, part: Path) -> EvoLinkError:
    if status == 416 and have:  # our partial file is already complete (or stale): start again
        part.unlink(missing_ok=True)
    gone = status in (403, 404, 410)
    return EvoLinkError(
        ErrorKind.DOWNLOAD,
        "the result link has expired or is gone" if gone else "the file server refused the download",
        status=status,
    )


def _receive(
    response: httpx.Response,
    part: Path,
    final: Path,
    have: int,
    max_bytes: int,
    cancel: threading.Event,
    report: Progress,
) -> int:
    """Stream the body into ``part`` through the fixed buffer; returns the file's final size."""
    resumed = response.status_code == 206 and have > 0
    if not resumed:
        have = 0
    length = response.headers.get("Content-Length")
    announced = int(length) + have if length and length.isdigit() else None
    if announced is not None and announced > max_bytes:
        raise EvoLinkError(ErrorKind.DOWNLOAD, f"the video is larger than {max_bytes // 1048576} MB")
    written = have
    buffer = memoryview(bytearray(CHUNK_SIZE))
    last_report = 0.0
    try:
        fh = part.open("ab" if resumed else "wb")
    except OSError as exc:
        raise disk_error(exc, final) from None
    with fh:
        for block in _blocks(response.iter_raw(), buffer):
            if cancel.is_set():
                raise EvoLinkError(ErrorKind.DOWNLOAD, "the download was stopped")
            written += len(block)
            if written > max_bytes or (announced is not None and written > announced):
                raise EvoLinkError(ErrorKind.DOWNLOAD, "the server sent more data than announced")
            try:
                fh.write(block)
            except OSError as exc:
                raise disk_error(exc, final) from None
            now = time.monotonic()
            if now - last_report >= PROGRESS_INTERVAL:
                last_report = now
                report(written, announced)
    if announced is not None and written != announced:
        stopped = f"the download stopped early ({written} of {announced} bytes)"
        raise ConnectionLost(ErrorKind.NETWORK, stopped)
    report(written, announced)
    return written


async def download_video(
    url: str,
    final: Path,
    *,
    max_bytes: int = MAX_VIDEO_BYTES,
    proxy: str | DownloadNetwork | None = None,
    network: DownloadNetwork | None = None,
    on_progress: Progress | None = None,
) -> int:
    """Download ``url`` to ``final``; returns the size. Raises ``EvoLinkError`` (DOWNLOAD, NETWORK or DISK).

    ``network`` says how to reach the CDN (the engine's :meth:`download_network`); without it the
    system's proxy settings apply. ``proxy`` is the older form: a manual proxy URL, or (while the task
    manager still passes its ``proxy`` attribute along) a :class:`DownloadNetwork`.

    Cancelling the awaiting task asks the worker thread to stop at its next chunk; the ``.part`` file
    stays for the next attempt to resume.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise EvoLinkError(ErrorKind.DOWNLOAD, "the result link is not an http(s) URL")
    if network is None:
        network = proxy if isinstance(proxy, DownloadNetwork) else DownloadNetwork(_manual(proxy))
    settings = network.settings
    part = part_path(final)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise disk_error(exc, final) from None
    loop = asyncio.get_running_loop()
    cancel = threading.Event()

    def report(done: int, total: int | None) -> None:
        if on_progress is not None:
            loop.call_soon_threadsafe(on_progress, done, total)

    try:
        size = await asyncio.to_thread(
            lambda: _transfer(
                url, part, final, max_bytes=max_bytes, network=settings(), cancel=cancel, report=report
            )
        )
    except EvoLinkError as exc:
        _tell(network.observer, exc)
        raise
    finally:
        cancel.set()
    _tell(network.observer, None)
    return size


def _manual(proxy: str | None) -> Callable[[], NetworkSettings]:
    from happyhorse_desktop.net.proxy import ProxyMode

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
