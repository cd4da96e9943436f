"""Reads an MP4 file's tracks and their sample tables (ISO/IEC 14496-12), without decoding anything.

Only the ``moov`` box and box headers are read; the media data stays on disk until a join copies it.
What a lossless join needs: for each audio and video track its sample description (``stsd``), and per
sample its place in the file, size, duration, composition offset and whether it is a sync sample, plus
the track's edit list (which part of the media is shown). A file that is not a plain (unfragmented) MP4
raises :class:`NotPlainMp4`.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

MOOV_LIMIT = 64 * 1024 * 1024  # a moov box larger than this is not a generated clip's
CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf"}
KEPT_HANDLERS = (b"vide", b"soun")


class NotPlainMp4(ValueError):
    """The file is not an MP4 whose samples a join can copy (not MP4, fragmented, or damaged)."""


@dataclass(frozen=True)
class Box:
    kind: bytes
    start: int  # where the header starts, in the buffer it was read from
    body: int  # where the payload starts
    end: int


def iter_boxes(data: bytes, start: int = 0, end: int | None = None) -> Iterator[Box]:
    """The boxes laid one after another in ``data[start:end]``."""
    end = len(data) if end is None else end
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            if pos + 16 > end:
                raise NotPlainMp4("truncated box header")
            size = struct.unpack_from(">Q", data, pos + 8)[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise NotPlainMp4(f"box {kind!r} runs past its parent")
        yield Box(kind, pos, pos + header, pos + size)
        pos += size


def children(data: bytes, box: Box) -> dict[bytes, Box]:
    """A container's children by type (the first of each type)."""
    found: dict[bytes, Box] = {}
    for child in iter_boxes(data, box.body, box.end):
        found.setdefault(child.kind, child)
    return found


@dataclass
class Track:
    handler: bytes  # b"vide" or b"soun"
    timescale: int  # media timescale (mdhd)
    boxes: dict[bytes, bytes]  # raw tkhd, mdhd, hdlr, the media header (vmhd/smhd), dinf, stsd
    sizes: list[int]
    durations: list[int]
    offsets: list[int]  # file position of each sample
    composition: list[int] | None  # ctts offsets, None when absent
    ctts_version: int
    sync: set[int] | None  # indexes of sync samples; None: every sample is one
    edits: list[tuple[int, int]]  # (duration in the movie timescale, media time; -1 = empty)
    width: int = 0
    height: int = 0

    @property
    def media_duration(self) -> int:
        return sum(self.durations)

    @property
    def sample_entry(self) -> bytes:
        """The first sample description inside ``stsd`` (what decodes the samples)."""
        return _first_entry(self.boxes[b"stsd"])

    def shown_media(self, movie_timescale: int) -> list[tuple[int, int]]:
        """The edit list as (media start, media length) pairs in the media timescale; the whole media
        when the file has no edit list."""
        if not self.edits:
            return [(0, self.media_duration)]
        shown = []
        for duration, media_time in self.edits:
            length = duration * self.timescale // movie_timescale
            if media_time >= 0:
                shown.append((media_time, length))
        return shown or [(0, self.media_duration)]


@dataclass
class Movie:
    path: Path
    ftyp: bytes
    timescale: int
    tracks: list[Track] = field(default_factory=list)

    def track(self, handler: bytes) -> Track | None:
        return next((t for t in self.tracks if t.handler == handler), None)

    @property
    def video(self) -> Track | None:
        return self.track(b"vide")

    @property
    def duration_seconds(self) -> float:
        """How long the movie plays: its longest track as its edit list shows it."""
        longest = 0.0
        for track in self.tracks:
            shown = sum(length for _, length in track.shown_media(self.timescale))
            longest = max(longest, shown / track.timescale)
        return longest


def _first_entry(stsd: bytes) -> bytes:
    entry = next(iter_boxes(stsd, 16, len(stsd)), None)
    if entry is None:
        raise NotPlainMp4("empty sample description")
    return stsd[entry.start : entry.end]


def read_movie(path: str | Path) -> Movie:
    """The movie in ``path``. Raises :class:`NotPlainMp4` or ``OSError``."""
    path = Path(path)
    with open(path, "rb") as fh:
        ftyp, moov = _top_level(fh, os.fstat(fh.fileno()).st_size)
    root = Box(b"moov", 0, 8, len(moov))
    parts = children(moov, root)
    if b"mvex" in parts:
        raise NotPlainMp4("fragmented MP4")
    if b"mvhd" not in parts:
        raise NotPlainMp4("no movie header")
    movie = Movie(path, ftyp, _timescale(moov, parts[b"mvhd"], 12, 20))
    for box in iter_boxes(moov, root.body, root.end):
        if box.kind == b"trak":
            track = _read_track(moov, box)
            if track is not None and track.handler in KEPT_HANDLERS:
                movie.tracks.append(track)
    if movie.video is None:
        raise NotPlainMp4("no video track")
    return movie


def _top_level(fh: BinaryIO, size: int) -> tuple[bytes, bytes]:
    ftyp, moov, pos = b"", b"", 0
    while pos + 8 <= size:
        fh.seek(pos)
        header = fh.read(16)
        box_size, kind = struct.unpack_from(">I4s", header)
        length = 8
        if box_size == 1:
            box_size, length = struct.unpack_from(">Q", header, 8)[0], 16
        elif box_size == 0:
            box_size = size - pos
        if box_size < length:
            raise NotPlainMp4("damaged box header")
        if kind in (b"ftyp", b"moov"):
            if box_size > MOOV_LIMIT:
                raise NotPlainMp4("movie header too large")
            fh.seek(pos)
            content = fh.read(box_size)
            if len(content) != box_size:
                raise NotPlainMp4("file cut short")
            if kind == b"ftyp":
                ftyp = content
            else:
                moov = content
        elif kind == b"moof":
            raise NotPlainMp4("fragmented MP4")
        pos += box_size
    if not ftyp or not moov:
        raise NotPlainMp4("not an MP4 file")
    return ftyp, moov


def _timescale(data: bytes, box: Box, v0_offset: int, v1_offset: int) -> int:
    version = data[box.body]
    return int(struct.unpack_from(">I", data, box.body + (v1_offset if version == 1 else v0_offset))[0])


def _read_track(moov: bytes, trak: Box) -> Track | None:
    parts = children(moov, trak)
    mdia = parts.get(b"mdia")
    if mdia is None or b"tkhd" not in parts:
        return None
    in_mdia = children(moov, mdia)
    minf = in_mdia.get(b"minf")
    if minf is None or b"mdhd" not in in_mdia or b"hdlr" not in in_mdia:
        return None
    handler = moov[in_mdia[b"hdlr"].body + 8 : in_mdia[b"hdlr"].body + 12]
    in_minf = children(moov, minf)
    stbl = in_minf.get(b"stbl")
    if stbl is None:
        return None
    tables = children(moov, stbl)
    if b"stsd" not in tables or b"stsz" not in tables:
        raise NotPlainMp4("a track without sample tables")

    def raw(box: Box) -> bytes:
        return moov[box.start : box.end]

    boxes = {b"tkhd": raw(parts[b"tkhd"]), b"mdhd": raw(in_mdia[b"mdhd"]), b"hdlr": raw(in_mdia[b"hdlr"])}
    for kind in (b"vmhd", b"smhd", b"dinf"):
        if kind in in_minf:
            boxes[kind] = raw(in_minf[kind])
    boxes[b"stsd"] = raw(tables[b"stsd"])
    sizes = _stsz(moov, tables[b"stsz"])
    durations = _expand_runs(moov, tables.get(b"stts"), len(sizes))
    composition, ctts_version = None, 0
    if b"ctts" in tables:
        ctts_version = moov[tables[b"ctts"].body]
        composition = _expand_runs(moov, tables[b"ctts"], len(sizes), signed=ctts_version == 1)
    sync = None
    if b"stss" in tables:
        sync = {n - 1 for n in _entries(moov, tables[b"stss"], ">I")}
    offsets = _sample_offsets(moov, tables, sizes)
    edits = _edits(moov, parts.get(b"edts"))
    tkhd = parts[b"tkhd"]
    version = moov[tkhd.body]
    size_at = tkhd.body + (88 if version == 1 else 76)
    width, height = (v >> 16 for v in struct.unpack_from(">II", moov, size_at))
    timescale = _timescale(moov, in_mdia[b"mdhd"], 12, 20)
    return Track(
        handler, timescale, boxes, sizes, durations, offsets, composition, ctts_version, sync, edits,
        width, height,
    )  # fmt: skip


def _entries(data: bytes, box: Box, fmt: str) -> list[int]:
    count = struct.unpack_from(">I", data, box.body + 4)[0]
    step = struct.calcsize(fmt)
    if box.body + 8 + count * step > box.end:
        raise NotPlainMp4(f"{box.kind!r} is cut short")
    return [struct.unpack_from(fmt, data, box.body + 8 + i * step)[0] for i in range(count)]


def _stsz(data: bytes, box: Box) -> list[int]:
    fixed, count = struct.unpack_from(">II", data, box.body + 4)
    if fixed:
        return [fixed] * count
    if box.body + 12 + count * 4 > box.end:
        raise NotPlainMp4("sample sizes cut short")
    return list(struct.unpack_from(f">{count}I", data, box.body + 12))


def _expand_runs(data: bytes, box: Box | None, count: int, *, signed: bool = False) -> list[int]:
    """stts/ctts: (run length, value) pairs expanded to one value per sample."""
    if box is None:
        raise NotPlainMp4("no sample durations")
    runs = struct.unpack_from(">I", data, box.body + 4)[0]
    if box.body + 8 + runs * 8 > box.end:
        raise NotPlainMp4(f"{box.kind!r} is cut short")
    values: list[int] = []
    fmt = ">Ii" if signed else ">II"
    for i in range(runs):
        length, value = struct.unpack_from(fmt, data, box.body + 8 + i * 8)
        values.extend([value] * length)
    if len(values) != count:
        raise NotPlainMp4(f"{box.kind!r} does not cover every sample")
    return values


def _sample_offsets(data: bytes, tables: dict[bytes, Box], sizes: list[int]) -> list[int]:
    if b"stco" in tables:
        chunks = _entries(data, tables[b"stco"], ">I")
    elif b"co64" in tables:
        chunks = _entries(data, tables[b"co64"], ">Q")
    else:
        raise NotPlainMp4("no chunk offsets")
    stsc = tables.get(b"stsc")
    if stsc is None:
        raise NotPlainMp4("no sample-to-chunk table")
    count = struct.unpack_from(">I", data, stsc.body + 4)[0]
    runs = [struct.unpack_from(">III", data, stsc.body + 8 + i * 12)[:2] for i in range(count)]
    offsets: list[int] = []
    sample = 0
    for index, (first_chunk, per_chunk) in enumerate(runs):
        last_chunk = runs[index + 1][0] - 1 if index + 1 < len(runs) else len(chunks)
        for chunk in range(first_chunk - 1, last_chunk):
            if chunk >= len(chunks):
                raise NotPlainMp4("sample-to-chunk table names a missing chunk")
            pos = chunks[chunk]
            for _ in range(per_chunk):
                if sample >= len(sizes):
                    break
                offsets.append(pos)
                pos += sizes[sample]
                sample += 1
    if sample != len(sizes):
        raise NotPlainMp4("chunks do not hold every sample")
    return offsets


def _edits(data: bytes, edts: Box | None) -> list[tuple[int, int]]:
    if edts is None:
        return []
    elst = children(data, edts).get(b"elst")
    if elst is None:
        return []
    version = data[elst.body]
    count = struct.unpack_from(">I", data, elst.body + 4)[0]
    fmt, step = (">Qq", 20) if version == 1 else (">Ii", 12)
    edits = []
    for i in range(count):
        duration, media_time = struct.unpack_from(fmt, data, elst.body + 8 + i * step)
        edits.append((int(duration), int(media_time)))
    return edits
