"""Saving result videos: streamed to ``<name>.mp4.part``, checked, flushed, then renamed atomically.

A video counts as saved only after the rename, so a crash leaves at most a ``.part`` file that the next
attempt resumes (HTTP Range) or replaces. Result links are public CDN URLs: they are fetched without
the ``Authorization`` header and with a real ``User-Agent``.
"""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from happyhorse_desktop import USER_AGENT
from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError

log = logging.getLogger(__name__)

CHUNK_SIZE = 256 * 1024
MAX_VIDEO_BYTES = 2 * 1024**3
_MP4_BRANDS = (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip")


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


def _fsync_and_replace(part: Path, final: Path) -> None:
    with part.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(part, final)


async def download_video(
    http: httpx.AsyncClient,
    url: str,
    final: Path,
    *,
    max_bytes: int = MAX_VIDEO_BYTES,
    on_progress: Callable[[int, int | None], None] | None = None,
) -> int:
    """Download ``url`` to ``final``; returns the size. Raises ``EvoLinkError`` (DOWNLOAD or DISK)."""
    if not url.lower().startswith(("http://", "https://")):
        raise EvoLinkError(ErrorKind.DOWNLOAD, "the result link is not an http(s) URL")
    part = part_path(final)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        have = part.stat().st_size if part.exists() else 0
    except OSError as exc:
        raise disk_error(exc, final) from None
    headers = {"User-Agent": USER_AGENT, "Accept": "video/mp4,*/*"}
    if have:
        headers["Range"] = f"bytes={have}-"
    try:
        async with http.stream("GET", url, headers=headers, follow_redirects=True) as response:
            if response.status_code >= 400:
                raise EvoLinkError(
                    ErrorKind.DOWNLOAD,
                    "the result link has expired or is gone"
                    if response.status_code in (403, 404, 410)
                    else "the file server refused the download",
                    status=response.status_code,
                )
            resumed = response.status_code == 206 and have > 0
            if not resumed:
                have = 0
            length = response.headers.get("Content-Length")
            announced = int(length) + have if length and length.isdigit() else None
            if announced is not None and announced > max_bytes:
                raise EvoLinkError(ErrorKind.DOWNLOAD, f"the video is larger than {max_bytes // 1048576} MB")
            written = have
            try:
                with part.open("ab" if resumed else "wb") as fh:
                    async for chunk in response.aiter_raw(CHUNK_SIZE):
                        written += len(chunk)
                        if written > max_bytes or (announced is not None and written > announced):
                            raise EvoLinkError(ErrorKind.DOWNLOAD, "the server sent more data than announced")
                        fh.write(chunk)
                        if on_progress is not None:
                            on_progress(written, announced)
            except OSError as exc:
                raise disk_error(exc, final) from None
    except httpx.TooManyRedirects:
        raise EvoLinkError(ErrorKind.DOWNLOAD, "the result link redirects in a loop") from None
    except httpx.TransportError as exc:
        # The .part file stays: the next attempt resumes from where this one stopped.
        raise EvoLinkError(ErrorKind.NETWORK, f"download interrupted ({type(exc).__name__})") from None
    if announced is not None and written != announced:
        raise EvoLinkError(ErrorKind.DOWNLOAD, f"the download stopped early ({written} of {announced} bytes)")
    if not looks_like_mp4(part):
        part.unlink(missing_ok=True)
        raise EvoLinkError(ErrorKind.DOWNLOAD, "the server sent something that is not an MP4 video")
    try:
        await asyncio.to_thread(_fsync_and_replace, part, final)
    except OSError as exc:
        raise disk_error(exc, final) from None
    return written


def write_sidecar(path: Path, metadata: dict[str, Any]) -> None:
    """Write the metadata JSON next to the video atomically (temp file + rename)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(metadata, indent=2, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise disk_error(exc, path) from None
