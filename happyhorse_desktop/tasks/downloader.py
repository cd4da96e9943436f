"""Saving result videos: streamed to a ``.part`` file, checked, then renamed atomically by the caller.

A video counts as saved only after the rename, so a crash leaves at most a ``.part`` file that the next
attempt resumes (HTTP Range) or replaces. The rename is the caller's (``finish``), so that it can prove
it still holds the task right before that irreversible step. Result links are public CDN URLs: they are
fetched without the ``Authorization`` header and with a real ``User-Agent``.

The transfer runs in a worker thread with the standard library's blocking HTTP client reading straight
into one fixed 1 MB buffer: measured on loopback it keeps pace with curl, where an asyncio stream spent
most of its time in per-chunk event-loop overhead on the UI thread (benchmarks/download.py). The event
loop only awaits the thread and receives throttled progress callbacks.
"""

from __future__ import annotations

import asyncio
import errno
import functools
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
from typing import Any

from happyhorse_desktop import USER_AGENT
from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.i18n_core import translate

log = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024
MAX_VIDEO_BYTES = 2 * 1024**3
MAX_REDIRECTS = 5
TIMEOUT = 30.0
PROGRESS_INTERVAL = 0.1  # seconds between two progress reports
_MP4_BRANDS = (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip")

Progress = Callable[[int, int | None], None]


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


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """Certificate-verifying TLS context, built once (loading the CA bundle costs tens of ms)."""
    return ssl.create_default_context()


def _opener(proxy: str | None, https: bool) -> urllib.request.OpenerDirector:
    handlers: list[Any] = [_HttpOnlyRedirects()]
    if https:  # redirects from http to https still verify: the default handler uses a verifying context
        handlers.append(urllib.request.HTTPSHandler(context=_tls_context()))
    if proxy:
        handlers.append(urllib.request.ProxyHandler({"http": proxy, "https": proxy}))
    return urllib.request.build_opener(*handlers)


def _transport_error(exc: BaseException) -> EvoLinkError:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, ssl.SSLError):
        return EvoLinkError(
            ErrorKind.NETWORK, translate("Downloads", "secure connection to the file server failed (TLS)")
        )
    if isinstance(reason, socket.gaierror):
        return EvoLinkError(
            ErrorKind.NETWORK, translate("Downloads", "the file server's name could not be resolved (DNS)")
        )
    if isinstance(reason, TimeoutError | socket.timeout):
        return EvoLinkError(
            ErrorKind.NETWORK, translate("Downloads", "the file server stopped sending data (timeout)")
        )
    return EvoLinkError(
        ErrorKind.NETWORK,
        translate("Downloads", "download interrupted ({error})").format(error=type(reason).__name__),
    )


def _transfer(
    url: str,
    part: Path,
    *,
    max_bytes: int,
    proxy: str | None,
    cancel: threading.Event,
    report: Progress,
) -> int:
    """The blocking part: fetch into ``part`` (resuming it if present) and verify it."""
    try:
        have = part.stat().st_size if part.exists() else 0
    except OSError as exc:
        raise disk_error(exc, part) from None
    headers = {"User-Agent": USER_AGENT, "Accept": "video/mp4,*/*"}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        response = _opener(proxy, url.lower().startswith("https:")).open(request, timeout=TIMEOUT)
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
        written = have
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
                    break
                written += n
                if written > max_bytes or (announced is not None and written > announced):
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
                    report(written, announced)
    if announced is not None and written != announced:
        raise EvoLinkError(
            ErrorKind.NETWORK,
            translate("Downloads", "the download stopped early ({written} of {total} bytes)").format(
                written=written, total=announced
            ),
        )
    if not looks_like_mp4(part):
        part.unlink(missing_ok=True)
        raise EvoLinkError(
            ErrorKind.DOWNLOAD, translate("Downloads", "the server sent something that is not an MP4 video")
        )
    report(written, announced)
    return written


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
    proxy: str | None = None,
    on_progress: Progress | None = None,
) -> int:
    """Download ``url`` into ``part`` until it is complete and verified; returns the size. Raises
    ``EvoLinkError`` (DOWNLOAD, NETWORK or DISK).

    Cancelling the awaiting task asks the worker thread to stop at its next chunk; the ``.part`` file
    stays for the next attempt to resume.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise EvoLinkError(
            ErrorKind.DOWNLOAD, translate("Downloads", "the result link is not an http(s) URL")
        )
    try:
        part.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise disk_error(exc, part) from None
    loop = asyncio.get_running_loop()
    cancel = threading.Event()

    def report(done: int, total: int | None) -> None:
        if on_progress is not None:
            loop.call_soon_threadsafe(on_progress, done, total)

    try:
        return await asyncio.to_thread(
            _transfer, url, part, max_bytes=max_bytes, proxy=proxy, cancel=cancel, report=report
        )
    finally:
        cancel.set()


async def download_video(
    url: str,
    final: Path,
    *,
    max_bytes: int = MAX_VIDEO_BYTES,
    proxy: str | None = None,
    on_progress: Progress | None = None,
) -> int:
    """Download ``url`` to ``final`` (through ``final``'s ``.part``) for callers without leases."""
    part = part_path(final)
    size = await download_to_part(url, part, max_bytes=max_bytes, proxy=proxy, on_progress=on_progress)
    finish(part, final)
    return size


def write_sidecar(path: Path, metadata: dict[str, Any]) -> None:
    """Write the metadata JSON next to the video atomically (temp file + rename)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(metadata, indent=2, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise disk_error(exc, path) from None
