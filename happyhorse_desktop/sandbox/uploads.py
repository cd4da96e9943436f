"""A streaming ``multipart/form-data`` reader for the upload endpoint.

A file part goes straight to disk in 64 KB pieces, so a 100 MB video upload never sits in memory; the
parser keeps only the bytes that could be the start of the next boundary. A file larger than allowed
is not kept, but the rest of the body is still read, so the connection stays usable and the client
gets its 413 instead of a reset while it is still sending.
"""

from __future__ import annotations

import email.parser
import email.policy
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 64 * 1024
FIELD_LIMIT = 64 * 1024  # plain form fields (file_name, upload_path) are short
_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)


class MalformedUpload(ValueError):
    """The body is not the multipart form it claims to be."""


@dataclass
class FormPart:
    name: str
    filename: str | None = None
    content_type: str | None = None
    path: Path | None = None  # file parts: where the bytes were written
    value: bytes = b""  # other parts
    size: int = 0
    too_large: bool = False


class _Reader:
    """Bytes of the body as they arrive, never more than ``length``."""

    def __init__(self, stream: BinaryIO, length: int) -> None:
        self.stream, self.left, self.buffer = stream, length, b""

    def fill(self) -> bool:
        if self.left <= 0:
            return False
        data = self.stream.read(min(CHUNK, self.left))
        if not data:
            self.left = 0
            return False
        self.left -= len(data)
        self.buffer += data
        return True

    def until(self, marker: bytes, sink: Callable[[bytes], None]) -> bool:
        """Consume up to and including ``marker``, handing what comes before it to ``sink`` piece by
        piece as it arrives. False if the body ends first."""
        while True:
            at = self.buffer.find(marker)
            if at >= 0:
                sink(self.buffer[:at])
                self.buffer = self.buffer[at + len(marker) :]
                return True
            keep = len(marker) - 1  # these could be the start of the marker
            if len(self.buffer) > keep:
                sink(self.buffer[: len(self.buffer) - keep])
                self.buffer = self.buffer[len(self.buffer) - keep :]
            if not self.fill():
                return False

    def drain(self) -> None:
        while self.fill():
            self.buffer = b""


def read_multipart(
    stream: BinaryIO, content_type: str, length: int, directory: Path, max_file_bytes: int
) -> dict[str, FormPart]:
    """Parts of the form by name. Files are written under ``directory``; one larger than
    ``max_file_bytes`` is deleted and flagged ``too_large``."""
    match = _BOUNDARY.search(content_type or "")
    if not match:
        raise MalformedUpload("no multipart boundary")
    delimiter = b"--" + match.group(1).encode("latin-1")
    reader = _Reader(stream, length)
    parts: dict[str, FormPart] = {}
    if not reader.until(delimiter, lambda _preamble: None):
        raise MalformedUpload("no first boundary")
    counter = 0
    while True:
        while len(reader.buffer) < 2 and reader.fill():
            pass
        if reader.buffer.startswith(b"--"):  # the closing boundary
            reader.drain()
            return parts
        head: list[bytes] = []
        if not reader.until(b"\r\n\r\n", head.append):
            raise MalformedUpload("a part has no end of headers")
        part = _part_from_headers(b"".join(head))
        counter += 1
        _read_part_body(reader, b"\r\n" + delimiter, part, directory / f"part-{counter}", max_file_bytes)
        parts[part.name] = part


def _part_from_headers(raw: bytes) -> FormPart:
    headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw.lstrip(b"\r\n"))
    disposition = headers.get("Content-Disposition")
    if disposition is None:
        raise MalformedUpload("a part has no Content-Disposition")
    params = disposition.params
    return FormPart(
        name=str(params.get("name") or ""),
        filename=params.get("filename"),
        content_type=headers.get_content_type() if headers.get("Content-Type") else None,
    )


def _read_part_body(reader: _Reader, marker: bytes, part: FormPart, path: Path, limit: int) -> None:
    out = open(path, "wb") if part.filename is not None else None  # noqa: SIM115 - closed below

    def take(piece: bytes) -> None:
        part.size += len(piece)
        if out is None:
            if part.size <= FIELD_LIMIT:
                part.value += piece
        elif part.size > limit:
            part.too_large = True
        else:
            out.write(piece)

    try:
        if not reader.until(marker, take):
            raise MalformedUpload("the body ends inside a part")
    finally:
        if out is not None:
            out.close()
            if part.too_large:
                path.unlink(missing_ok=True)
            else:
                part.path = path
