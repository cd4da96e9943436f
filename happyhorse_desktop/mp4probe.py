"""Reads what the app and the simulator need to know about an MP4/MOV file from its boxes, without
decoding it.

Duration, frame size, frame rate and codec come from the ``moov`` box (ISO/IEC 14496-12: ``mvhd``,
``tkhd``, ``mdhd``, ``hdlr``, ``stsd``, ``stts``). Only box headers and the ``moov`` box are read, so a
100 MB upload costs a few kilobytes of I/O. Anything that is not a readable ISO media file gives
``None``: the caller reports "could not be read".
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from happyhorse_desktop.route_rules import VideoFacts

# Sample-entry codes (stsd) → the codec names the route rules use.
CODECS = {
    b"avc1": "h264",
    b"avc3": "h264",
    b"hvc1": "hevc",
    b"hev1": "hevc",
    b"mp4v": "mpeg4",
    b"av01": "av1",
    b"vp09": "vp9",
    b"jpeg": "mjpeg",
    b"mjpa": "mjpeg",
    b"apcn": "prores",
    b"apch": "prores",
}
MOOV_LIMIT = 64 * 1024 * 1024  # a moov box larger than this is not a short clip's


@dataclass
class _Track:
    handler: bytes = b""
    timescale: int = 0
    duration: int = 0
    codec: str = ""
    width: int = 0
    height: int = 0
    samples: int = 0


def probe_video(path: str | Path) -> VideoFacts | None:
    try:
        with open(path, "rb") as fh:
            return probe_stream(fh, os.fstat(fh.fileno()).st_size)
    except OSError:
        return None


def probe_stream(fh: BinaryIO, size: int) -> VideoFacts | None:
    """Facts of the file open in ``fh`` (``size`` bytes long), or ``None`` when it is not MP4/MOV."""
    try:
        container, moov = _top_level(fh, size)
        if moov is None:
            return None
        return _facts(container, moov, size)
    except (struct.error, ValueError, OSError):
        return None


def _boxes(data: bytes, start: int = 0, end: int | None = None) -> Iterator[tuple[bytes, bytes]]:
    """(type, payload) of each box in ``data[start:end]``."""
    end = len(data) if end is None else end
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise ValueError("box overruns its parent")
        yield kind, data[pos + header : pos + size]
        pos += size


def _top_level(fh: BinaryIO, size: int) -> tuple[str, bytes | None]:
    """The container kind (from ``ftyp``) and the ``moov`` payload, seeking past ``mdat``."""
    container, pos, moov = "", 0, None
    while pos + 8 <= size:
        fh.seek(pos)
        header = fh.read(16)
        box_size, kind = struct.unpack(">I4s", header[:8])
        header_len = 8
        if box_size == 1:
            box_size, header_len = struct.unpack(">Q", header[8:16])[0], 16
        elif box_size == 0:
            box_size = size - pos
        if box_size < header_len:
            raise ValueError("bad box size")
        if kind == b"ftyp":
            brand = header[header_len : header_len + 4]
            container = "mov" if brand == b"qt  " else "mp4"
        elif kind == b"moov":
            if box_size > MOOV_LIMIT:
                raise ValueError("moov too large")
            fh.seek(pos + header_len)
            moov = fh.read(box_size - header_len)
        elif pos == 0 and kind not in (b"ftyp", b"wide", b"free", b"skip", b"mdat", b"moov"):
            return "", None  # not an ISO media file at all
        pos += box_size
    if moov is not None and not container:
        container = "mov"  # old QuickTime files may have no ftyp
    return container, moov


def _facts(container: str, moov: bytes, size: int) -> VideoFacts | None:
    movie_seconds = 0.0
    tracks = []
    for kind, payload in _boxes(moov):
        if kind == b"mvhd":
            timescale, duration = _time_fields(payload)
            movie_seconds = duration / timescale if timescale else 0.0
        elif kind == b"trak":
            tracks.append(_track(payload))
    video = next((t for t in tracks if t.handler == b"vide"), None)
    if video is None:
        return None
    seconds = video.duration / video.timescale if video.timescale else movie_seconds
    return VideoFacts(
        container=container,
        codec=video.codec or "unknown",
        duration=round(seconds or movie_seconds, 3),
        width=video.width,
        height=video.height,
        fps=round(video.samples / seconds, 3) if seconds else 0.0,
        size_bytes=size,
        has_audio=any(t.handler == b"soun" for t in tracks),
    )


def _time_fields(payload: bytes) -> tuple[int, int]:
    """(timescale, duration) of an mvhd/mdhd box, version 0 or 1."""
    if payload[0] == 1:
        return struct.unpack(">IQ", payload[20:32])
    return struct.unpack(">II", payload[12:20])


def _track(trak: bytes) -> _Track:
    track = _Track()
    for kind, payload in _boxes(trak):
        if kind == b"tkhd":
            # width and height are 16.16 fixed point at the end of the box
            track.width, track.height = (v >> 16 for v in struct.unpack(">II", payload[-8:]))
        elif kind == b"mdia":
            _media(payload, track)
    return track


def _media(mdia: bytes, track: _Track) -> None:
    for kind, payload in _boxes(mdia):
        if kind == b"mdhd":
            track.timescale, track.duration = _time_fields(payload)
        elif kind == b"hdlr":
            track.handler = payload[8:12]
        elif kind == b"minf":
            for minf_kind, minf_payload in _boxes(payload):
                if minf_kind == b"stbl":
                    _sample_table(minf_payload, track)


def _sample_table(stbl: bytes, track: _Track) -> None:
    for kind, payload in _boxes(stbl):
        if kind == b"stsd" and len(payload) >= 16:
            code = payload[12:16]
            track.codec = CODECS.get(code, code.decode("latin-1").strip().lower())
            if len(payload) >= 8 + 8 + 36:  # a visual sample entry: coded width and height
                width, height = struct.unpack(">HH", payload[8 + 8 + 24 : 8 + 8 + 28])
                if width and height:
                    track.width, track.height = width, height
        elif kind == b"stts" and len(payload) >= 8:
            count = struct.unpack(">I", payload[4:8])[0]
            entries = struct.iter_unpack(">II", payload[8 : 8 + 8 * count])
            track.samples = sum(samples for samples, _delta in entries)
