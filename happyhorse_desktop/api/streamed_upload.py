"""Upload bodies: a file streamed from disk (a video to edit may be 100 MB), and image bytes whose
progress is reported as the multipart encoder reads them.

httpx's own multipart encoder reads file objects synchronously on the event loop's thread; this body
reads and hashes each piece in a worker thread instead, and states its length up front (the files API
reads ``Content-Length``; chunked bodies are not what EvoLink's tools send).
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import secrets
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import BinaryIO

ProgressCallback = Callable[[int, int], None]
UPLOAD_CHUNK = 1024 * 1024  # a streamed upload holds at most this much of the file in memory


class SourceChanged(OSError):
    """The file being uploaded changed size while it was read: what was checked is not what was sent."""


def _form_quote(value: str) -> str:
    """A value inside a multipart header's quotes (as browsers and httpx write it)."""
    return value.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


class StreamedUpload:
    """The multipart body of one file upload, read from disk a piece at a time in a worker thread and
    hashed there as it goes, so a 100 MB video never sits in memory and the UI thread never reads it.
    Its length is known up front (the files API reads ``Content-Length``)."""

    def __init__(
        self, path: Path, filename: str, mime_type: str, on_progress: ProgressCallback | None
    ) -> None:
        boundary = secrets.token_hex(16)
        self.content_type = f"multipart/form-data; boundary={boundary}"
        name = _form_quote(filename)
        self._head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file_name"\r\n\r\n{filename}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {mime_type}\r\n\r\n"
        ).encode()
        self._tail = f"\r\n--{boundary}--\r\n".encode()
        self._path = path
        self._size = path.stat().st_size
        self._progress = on_progress
        self.digest = hashlib.sha256()
        self.length = len(self._head) + self._size + len(self._tail)

    def _read(self, fh: io.BufferedReader) -> bytes:
        chunk = fh.read(UPLOAD_CHUNK)
        self.digest.update(chunk)
        return chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self._head
        fh = await asyncio.to_thread(self._path.open, "rb")
        try:
            sent = 0
            while chunk := await asyncio.to_thread(self._read, fh):
                sent += len(chunk)
                if sent > self._size:
                    raise SourceChanged(f"{self._path.name} grew while it was being uploaded")
                if self._progress is not None:
                    self._progress(sent, self._size)
                yield chunk
            if sent != self._size:
                raise SourceChanged(f"{self._path.name} shrank while it was being uploaded")
        finally:
            fh.close()
        yield self._tail


class ProgressFile:
    """A read-only file wrapper that reports how many bytes the multipart encoder has read."""

    def __init__(self, raw: BinaryIO, total: int, on_progress: ProgressCallback | None) -> None:
        self._raw, self._total, self._done, self._cb = raw, total, 0, on_progress

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size)
        self._done += len(chunk)
        if self._cb is not None:
            self._cb(self._done, self._total)
        return chunk

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()
