"""Writing large bodies (result videos, hosted files) to a client without holding them in memory.

Every writer honours ``Range: bytes=N-`` (the downloader resumes with it) and can cut the body in the
middle, for the network-trouble tests.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024
MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"


def range_start(header: str | None, size: int) -> int:
    match = re.match(r"bytes=(\d+)-$", header or "")
    if not match:
        return 0
    start = int(match.group(1))
    return start if 0 < start < size else 0


def file_chunks(path: Path, start: int) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        fh.seek(start)
        while chunk := fh.read(CHUNK):
            yield chunk


def bytes_chunks(data: bytes, start: int) -> Iterator[bytes]:
    for offset in range(start, len(data), CHUNK):
        yield data[offset : offset + CHUNK]


def synthetic_chunks(size: int, rate: float | None) -> Iterator[bytes]:
    """An MP4-shaped body of ``size`` bytes, at ``rate`` bytes per second when given (crash tests)."""
    yield MP4_HEAD
    chunk = bytes(CHUNK if rate is None else max(1024, int(rate / 20)))
    remaining = size - len(MP4_HEAD)
    while remaining > 0:
        n = min(remaining, len(chunk))
        yield chunk[:n]
        remaining -= n
        if rate:
            time.sleep(n / rate)


def write_body(out: BinaryIO, chunks: Iterator[bytes], length: int, cut: bool) -> bool:
    """Writes the chunks; with ``cut``, stops after half of ``length``. True if all was written."""
    limit = length // 2 if cut else length
    written = 0
    for chunk in chunks:
        piece = chunk[: limit - written]
        out.write(piece)
        written += len(piece)
        if written >= limit:
            break
    out.flush()
    return written >= length
