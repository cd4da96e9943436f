"""Test images generated on the fly with Qt (no downloaded corpus)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage, QPainter


def make_image(path: Path, width: int = 640, height: int = 480, fmt: str | None = None) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(40, 120, 200))
    painter = QPainter(image)
    painter.fillRect(width // 4, height // 4, width // 2, height // 2, QColor(250, 180, 40))
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path), fmt or path.suffix.lstrip(".").upper()), f"could not write {path}"
    return path


def pad_file(path: Path, total_bytes: int) -> Path:
    """Append junk after the image data so the file is large while its header stays valid."""
    with path.open("ab") as fh:
        fh.write(b"\0" * max(0, total_bytes - path.stat().st_size))
    return path


def write_gif(path: Path, width: int = 640, height: int = 480, frames: int = 1) -> Path:
    """A real GIF (Qt cannot write GIFs), encoded with 8-bit LZW codes and a clear code every 100
    pixels so no compression logic is needed. ``frames`` > 1 gives an animated GIF."""
    import struct

    palette = bytes(c for i in range(128) for c in (i * 2, 255 - i * 2, 128))
    out = bytearray(b"GIF89a" + struct.pack("<HHBBB", width, height, 0xF6, 0, 0) + palette)
    if frames > 1:  # NETSCAPE looping extension
        out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    for frame in range(frames):
        if frames > 1:
            out += b"\x21\xf9\x04\x00\x0a\x00\x00\x00"  # graphic control: 100 ms per frame
        out += b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x07"
        codes = bytearray()
        for i in range(width * height):
            if i % 100 == 0:
                codes.append(128)  # clear code
            codes.append(((i % width) // 8 + frame * 16) % 128)
        codes.append(129)  # end of information
        for start in range(0, len(codes), 255):
            block = codes[start : start + 255]
            out += bytes([len(block)]) + block
        out += b"\x00"
    out += b"\x3b"
    path.write_bytes(bytes(out))
    return path


def write_exif_rotated_jpeg(path: Path, width: int = 400, height: int = 800) -> Path:
    """A JPEG stored ``width``×``height`` with an EXIF orientation tag of 6 (display rotated 90°)."""
    import struct

    make_image(path, width, height, "JPEG")
    data = path.read_bytes()
    tiff = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1)
    tiff += struct.pack("<HHIHH", 0x0112, 3, 1, 6, 0) + struct.pack("<I", 0)
    app1 = b"Exif\x00\x00" + tiff
    segment = b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1
    path.write_bytes(data[:2] + segment + data[2:])
    return path


def write_animated_webp(path: Path, width: int = 640, height: int = 480, frames: int = 3) -> Path:
    """An animated WEBP (Qt writes only stills): Qt-encoded still frames wrapped in ANMF chunks."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return kind + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")

    def u24(value: int) -> bytes:
        return value.to_bytes(3, "little")

    frame_chunks = []
    for i in range(frames):
        still = make_image(path.with_name(f"{path.stem}-frame{i}.webp"), width, height, "WEBP").read_bytes()
        bitstream = still[12:]  # the still's VP8/VP8L chunk, header included
        frame = u24(0) + u24(0) + u24(width - 1) + u24(height - 1) + u24(100) + b"\x00" + bitstream
        frame_chunks.append(chunk(b"ANMF", frame))
    vp8x = chunk(b"VP8X", bytes([0x02, 0, 0, 0]) + u24(width - 1) + u24(height - 1))
    anim = chunk(b"ANIM", b"\xff\xff\xff\xff" + struct.pack("<H", 0))
    body = b"WEBP" + vp8x + anim + b"".join(frame_chunks)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path
