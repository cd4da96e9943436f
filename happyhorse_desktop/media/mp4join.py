"""A lossless join of MP4 files whose tracks share codec parameters: the samples are copied as they are
(stream copy) into one file with one video track (and one audio track when the parts have sound).

Nothing is decoded, so nothing is lost. What a part hides at its start (a continuation's first frame,
which repeats the frame it was made from) is hidden with the track's edit list: the samples stay in the
file, because later frames are predicted from them, but the player starts showing the part one frame
later — the standard MP4 way to trim without re-encoding (ISO/IEC 14496-12, 8.6.6). The parts' own edit
lists (e.g. a B-frame delay or an audio encoder's priming) are kept.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from happyhorse_desktop.media.mp4read import Movie, Track, iter_boxes
from happyhorse_desktop.media.progress import Progress

COPY_BLOCK = 1024 * 1024


@dataclass(frozen=True)
class JoinPart:
    movie: Movie
    trim_seconds: float = 0.0  # hidden at the start of the part (a repeated boundary frame)


def codec_key(track: Track) -> bytes:
    """What must be equal for two tracks' samples to share one sample description: the handler, the
    timescale and the sample entry, without the informational bitrate fields that differ per file."""
    entry = track.sample_entry
    fixed = 78 if track.handler == b"vide" else 28 + {0: 0, 1: 16, 2: 36}.get(_u16(entry, 16), 0)
    kept = [entry[8 : 8 + fixed]]
    for child in iter_boxes(entry, 8 + fixed, len(entry)):
        if child.kind == b"btrt":
            continue
        raw = entry[child.start : child.end]
        kept.append(_without_bitrates(raw) if child.kind == b"esds" else raw)
    return track.handler + struct.pack(">I", track.timescale) + entry[4:8] + b"".join(kept)


def incompatibility(movies: list[Movie]) -> str | None:
    """Why these files cannot be joined by copying their samples (None when they can). Plain words
    for the log and the sidecar; the user is told only whether the join was lossless."""
    first = movies[0]
    kinds = [t.handler for t in first.tracks]
    for movie in movies[1:]:
        if [t.handler for t in movie.tracks] != kinds:
            return f"{movie.path.name} has other tracks ({kinds} here)"
        for mine, theirs in zip(first.tracks, movie.tracks, strict=True):
            if codec_key(mine) != codec_key(theirs):
                return f"the {theirs.handler.decode()} codec parameters of {movie.path.name} differ"
    return None


@dataclass
class _Out:
    """One output track being assembled."""

    source: Track
    sizes: list[int] = field(default_factory=list)
    durations: list[int] = field(default_factory=list)
    composition: list[int] = field(default_factory=list)
    sync: list[int] = field(default_factory=list)
    chunks: list[tuple[int, int]] = field(default_factory=list)  # (file offset, sample count)
    edits: list[tuple[int, int]] = field(default_factory=list)  # (media time, media length)


def join_copy(parts: list[JoinPart], output: Path, progress: Progress) -> None:
    """Write the parts, in order, into ``output``. The caller checked :func:`incompatibility`."""
    outs = [_Out(track) for track in parts[0].movie.tracks]
    total = sum(sum(t.sizes) for part in parts for t in part.movie.tracks) or 1
    copied = 0
    with open(output, "wb") as dst:
        dst.write(parts[0].movie.ftyp)
        mdat_at = dst.tell()
        dst.write(struct.pack(">I4sQ", 1, b"mdat", 0))  # 64-bit size, written once the data is in
        for part in parts:
            with open(part.movie.path, "rb") as src:
                for out, track in zip(outs, part.movie.tracks, strict=True):
                    _add_edits(out, track, part)
                    out.chunks.append((dst.tell(), len(track.sizes)))
                    for start, length in _runs(track):
                        copied += _copy(src, dst, start, length, progress)
                        progress.report(copied / total)
                    _add_samples(out, track)
        mdat_end = dst.tell()
        dst.seek(mdat_at + 8)
        dst.write(struct.pack(">Q", mdat_end - mdat_at))
        dst.seek(mdat_end)
        dst.write(_moov(outs, parts[0].movie))


def _add_edits(out: _Out, track: Track, part: JoinPart) -> None:
    base = sum(out.durations)
    trim = round(part.trim_seconds * track.timescale)
    for index, (start, length) in enumerate(track.shown_media(part.movie.timescale)):
        if index == 0 and trim:
            start, length = start + trim, length - trim
        if length <= 0:
            continue
        if out.edits and out.edits[-1][0] + out.edits[-1][1] == base + start:
            previous = out.edits.pop()  # continues where the last edit ended: one edit
            out.edits.append((previous[0], previous[1] + length))
        else:
            out.edits.append((base + start, length))


def _add_samples(out: _Out, track: Track) -> None:
    first = len(out.sizes)
    out.sizes += track.sizes
    out.durations += track.durations
    out.composition += track.composition or [0] * len(track.sizes)
    sync = range(len(track.sizes)) if track.sync is None else sorted(track.sync)
    out.sync += [first + i for i in sync]


def _runs(track: Track) -> list[tuple[int, int]]:
    """The track's samples as contiguous byte ranges of the source file, in sample order."""
    runs: list[tuple[int, int]] = []
    for offset, size in zip(track.offsets, track.sizes, strict=True):
        if runs and runs[-1][0] + runs[-1][1] == offset:
            runs[-1] = (runs[-1][0], runs[-1][1] + size)
        else:
            runs.append((offset, size))
    return runs


def _copy(src: BinaryIO, dst: BinaryIO, start: int, length: int, progress: Progress) -> int:
    src.seek(start)
    left = length
    while left:
        progress.check()
        block = src.read(min(COPY_BLOCK, left))
        if not block:
            raise OSError("the part is shorter than its sample table says")
        dst.write(block)
        left -= len(block)
    return length


# -- boxes ----------------------------------------------------------------------------------------


def _box(kind: bytes, *payload: bytes) -> bytes:
    body = b"".join(payload)
    return struct.pack(">I4s", 8 + len(body), kind) + body


def _full(kind: bytes, version: int, flags: int, *payload: bytes) -> bytes:
    return _box(kind, struct.pack(">I", (version << 24) | flags), *payload)


def _u16(data: bytes, at: int) -> int:
    return int(struct.unpack_from(">H", data, at)[0]) if at + 2 <= len(data) else 0


def _moov(outs: list[_Out], first: Movie) -> bytes:
    timescale = outs[0].source.timescale  # the video's own: edits of whole frames stay exact
    traks, longest = [], 0
    for number, out in enumerate(outs, start=1):
        edits = [(length * timescale // out.source.timescale, media) for media, length in out.edits]
        shown = sum(duration for duration, _ in edits)
        longest = max(longest, shown)
        traks.append(_trak(out, number, shown, edits))
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    mvhd = _full(
        b"mvhd", 1, 0,
        struct.pack(">QQIQ", 0, 0, timescale, longest),
        struct.pack(">IH10x", 0x10000, 0x100), matrix, bytes(24), struct.pack(">I", len(outs) + 1),
    )  # fmt: skip
    return _box(b"moov", mvhd, *traks)


def _trak(out: _Out, number: int, shown: int, edits: list[tuple[int, int]]) -> bytes:
    src = out.source
    tkhd = bytearray(src.boxes[b"tkhd"])
    if tkhd[8] == 1:
        struct.pack_into(">I", tkhd, 8 + 4 + 16, number)
        struct.pack_into(">Q", tkhd, 8 + 4 + 24, shown)
    else:
        struct.pack_into(">I", tkhd, 8 + 4 + 8, number)
        struct.pack_into(">I", tkhd, 8 + 4 + 16, min(shown, 0xFFFFFFFF))
    elst = _full(
        b"elst", 1, 0, struct.pack(">I", len(edits)),
        *(struct.pack(">QqHH", duration, media, 1, 0) for duration, media in edits),
    )  # fmt: skip
    mdhd = bytearray(src.boxes[b"mdhd"])
    media_length = sum(out.durations)
    if mdhd[8] == 1:
        struct.pack_into(">Q", mdhd, 8 + 4 + 20, media_length)
    else:
        struct.pack_into(">I", mdhd, 8 + 4 + 12, min(media_length, 0xFFFFFFFF))
    header = src.boxes.get(b"vmhd") or src.boxes.get(b"smhd") or b""
    dinf = src.boxes.get(b"dinf") or _box(
        b"dinf", _full(b"dref", 0, 0, struct.pack(">I", 1), _full(b"url ", 0, 1))
    )
    minf = _box(b"minf", header, dinf, _stbl(out))
    mdia = _box(b"mdia", bytes(mdhd), src.boxes[b"hdlr"], minf)
    return _box(b"trak", bytes(tkhd), _box(b"edts", elst), mdia)


def _stbl(out: _Out) -> bytes:
    tables = [out.source.boxes[b"stsd"], _run_table(b"stts", 0, out.durations)]
    if any(out.composition):
        signed = any(value < 0 for value in out.composition)
        tables.append(_run_table(b"ctts", 1 if signed else 0, out.composition))
    if len(out.sync) != len(out.sizes):
        tables.append(
            _full(
                b"stss", 0, 0, struct.pack(f">I{len(out.sync)}I", len(out.sync), *(i + 1 for i in out.sync))
            )
        )
    tables.append(_full(b"stsz", 0, 0, struct.pack(f">II{len(out.sizes)}I", 0, len(out.sizes), *out.sizes)))
    stsc, last = [], -1
    for chunk, (_, count) in enumerate(out.chunks, start=1):
        if count != last:
            stsc.append(struct.pack(">III", chunk, count, 1))
            last = count
    tables.append(_full(b"stsc", 0, 0, struct.pack(">I", len(stsc)), *stsc))
    offsets = [offset for offset, _ in out.chunks]
    if max(offsets) > 0xFFFFFFFF:
        tables.append(_full(b"co64", 0, 0, struct.pack(f">I{len(offsets)}Q", len(offsets), *offsets)))
    else:
        tables.append(_full(b"stco", 0, 0, struct.pack(f">I{len(offsets)}I", len(offsets), *offsets)))
    return _box(b"stbl", *tables)


def _run_table(kind: bytes, version: int, values: list[int]) -> bytes:
    runs: list[list[int]] = []
    for value in values:
        if runs and runs[-1][1] == value:
            runs[-1][0] += 1
        else:
            runs.append([1, value])
    fmt = ">Ii" if version == 1 else ">II"
    return _full(kind, version, 0, struct.pack(">I", len(runs)), *(struct.pack(fmt, n, v) for n, v in runs))


def _without_bitrates(esds: bytes) -> bytes:
    """An ``esds`` box with the DecoderConfigDescriptor's buffer size and bitrates zeroed (they
    describe one file's stream, not how to decode it)."""
    data = bytearray(esds)
    pos = 12  # box header + version/flags
    while pos < len(data):
        tag = data[pos]
        pos += 1
        length = 0
        for _ in range(4):
            byte = data[pos]
            pos += 1
            length = (length << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        if tag == 0x03:  # ES_Descriptor: skip its own fields, then read what it contains
            flags = data[pos + 2]
            pos += 3
            pos += 2 if flags & 0x80 else 0
            pos += 1 + data[pos] if flags & 0x40 else 0
            pos += 2 if flags & 0x20 else 0
            continue
        if tag == 0x04 and pos + 13 <= len(data):  # DecoderConfigDescriptor
            data[pos + 2 : pos + 13] = bytes(11)
            break
        pos += length
    return bytes(data)
