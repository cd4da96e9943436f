"""Which system libraries Qt's X11 (xcb) display plugin needs, and which of them this Linux lacks.

Without them Qt aborts at start with a generic hint ("xcb-cursor0 is needed") that often names the wrong
library. Before the QApplication exists, the launcher reads the shared libraries the xcb plugin and
``libQt6XcbQpa`` link against (the ``DT_NEEDED`` entries of their ELF files), tries to load each one the
way the dynamic linker would, and names exactly what is missing with the Debian/Ubuntu packages that
provide it. Plain Python and ``ctypes``: Qt's GUI modules cannot even be imported without some of
these libraries, so none is imported here.
"""

from __future__ import annotations

import ctypes
import os
import re
import struct
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

# Debian names a library's package after its soname ("libxcb-icccm.so.4" -> "libxcb-icccm4"); these are
# the libraries a desktop may lack whose package does not follow that rule.
PACKAGE_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libz.so.1": "zlib1g",
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
}
# Part of every Linux system: never reported, never loaded to check.
ALWAYS_PRESENT = ("libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so", "ld-linux", "libgcc_s.so")


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:  # Qt's marker name, which lupdate looks for
    """Marks ``text`` for translation without importing Qt (see ``_translate``)."""
    return text


_MISSING_NAME = re.compile(r"(lib[\w.+-]+\.so(?:\.\d+)*)")

Loader = Callable[[str], None]
MISSING_MESSAGE = QT_TRANSLATE_NOOP(
    "LinuxLibraries",
    "HappyHorse Desktop cannot open its window: the X11 display needs system libraries that are missing "
    "here: {libraries}.\n\nOn Debian or Ubuntu, install them with:\n\n"
    "    sudo apt-get install {packages}\n\n"
    "On other distributions, install the packages that provide these files.",
)


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname`` (Debian's naming rule, with known exceptions)."""
    if soname in PACKAGE_EXCEPTIONS:
        return PACKAGE_EXCEPTIONS[soname]
    stem, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    separator = "-" if stem[-1:].isdigit() and version else ""
    return f"{stem}{separator}{version}".lower().replace("_", "-")


def missing_soname(error: BaseException | None) -> str | None:
    """The library an ``ImportError``/``OSError`` from the dynamic linker says it could not open.

    Follows the chain of causes: in a frozen app PyInstaller's ctypes wrapper re-raises the linker's
    error as "Failed to load dynlib …" with the original as its cause.
    """
    seen = 0
    while error is not None and seen < 5:
        text = str(error)
        if "cannot open shared object file" in text or "No such file" in text:
            match = _MISSING_NAME.search(text)
            if match:
                return match.group(1)
        error, seen = error.__cause__ or error.__context__, seen + 1
    return None


def elf_needed(path: Path) -> list[str]:
    """The ``DT_NEEDED`` entries (libraries it links against) of a 64- or 32-bit little-endian ELF file."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[5] != 1:
        raise ValueError(f"{path} is not a little-endian ELF file")
    wide = data[4] == 2
    if wide:
        (shoff,) = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        section = "<IIQQQQIIQQ"
        dyn_format, dyn_size = "<qQ", 16
    else:
        (shoff,) = struct.unpack_from("<I", data, 0x20)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x2E)
        section = "<IIIIIIIIII"
        dyn_format, dyn_size = "<iI", 8
    sections = [struct.unpack_from(section, data, shoff + i * shentsize) for i in range(shnum)]
    names: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != 6:  # SHT_DYNAMIC; its sh_link is the string table the entries point into
            continue
        strtab_offset = sections[link][4]
        for pos in range(offset, offset + size, dyn_size):
            tag, value = struct.unpack_from(dyn_format, data, pos)
            if tag == 0:  # DT_NULL
                break
            if tag == 1:  # DT_NEEDED
                start = strtab_offset + value
                names.append(data[start : data.index(b"\0", start)].decode())
    return names


def _qt_dirs() -> tuple[Path, Path]:
    """Qt's plugin and library folders, from a wheel install or a PyInstaller bundle alike."""
    import PySide6

    qt = Path(PySide6.__file__).resolve().parent / "Qt"
    return qt / "plugins", qt / "lib"


def _dlopen(name: str) -> None:
    ctypes.CDLL(name, mode=os.RTLD_LAZY | os.RTLD_LOCAL)


def _bundle_dirs(qt_lib: Path) -> list[Path]:
    dirs = [qt_lib]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.append(Path(frozen))
    return dirs


def missing_libraries(
    binaries: Iterable[Path], search_dirs: Sequence[Path], load: Loader = _dlopen
) -> list[str]:
    """The libraries the given ELF files need that cannot be loaded, including what *those* lack.

    A library found in ``search_dirs`` (Qt's own, or the bundle's) is loaded from there, so a bundled
    ``libxcb-cursor`` that is present but needs a system library the machine lacks reports the latter.
    """
    missing: list[str] = []
    for binary in binaries:
        if not binary.is_file():
            continue
        for name in elf_needed(binary):
            if name.startswith(ALWAYS_PRESENT) or name in missing:
                continue
            bundled = next((d / name for d in search_dirs if (d / name).exists()), None)
            try:
                load(str(bundled) if bundled else name)
            except OSError as exc:
                lacking = missing_soname(exc) or name
                if lacking not in missing:
                    missing.append(lacking)
    return missing


def uses_xcb(environ: Mapping[str, str], qt_args: Sequence[str] = ()) -> bool:
    """Whether Qt will open an X11 (xcb) display: no other platform asked for, an X display, no Wayland
    session (there Qt tries Wayland first)."""
    if not sys.platform.startswith("linux"):
        return False
    args = list(qt_args)
    platform = args[args.index("-platform") + 1] if "-platform" in args[:-1] else None
    platform = platform or environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    wayland = environ.get("XDG_SESSION_TYPE") == "wayland" or bool(environ.get("WAYLAND_DISPLAY"))
    return bool(environ.get("DISPLAY")) and not wayland


def missing_xcb_libraries(load: Loader = _dlopen) -> list[str]:
    """The system libraries the xcb display plugin needs and cannot find, in the order Qt needs them."""
    plugins, lib = _qt_dirs()
    search = _bundle_dirs(lib)
    qpa = next((d / "libQt6XcbQpa.so.6" for d in search if (d / "libQt6XcbQpa.so.6").exists()), None)
    binaries = [plugins / "platforms" / "libqxcb.so", *([qpa] if qpa else [])]
    return missing_libraries(binaries, search, load)


def explain_missing(missing: Sequence[str]) -> str:
    """One message naming the missing libraries and the command that installs them."""
    packages = " ".join(dict.fromkeys(debian_package(name) for name in missing))
    return _translate(MISSING_MESSAGE).format(libraries=", ".join(missing), packages=packages)


def _translate(text: str) -> str:
    """The system's language when QtCore loads (it needs only a few base libraries), else the English
    text. No Qt application exists yet, so the catalogue is read directly."""
    try:
        from happyhorse_desktop.i18n import translate_early
    except ImportError:
        return text
    return translate_early("LinuxLibraries", text)


def check_display_libraries(qt_args: Sequence[str] = ()) -> str | None:
    """The message to show instead of starting, when Qt would open an X11 display that cannot work."""
    if not uses_xcb(os.environ, qt_args):
        return None
    try:
        missing = missing_xcb_libraries()
    except (OSError, ValueError):  # an unreadable plugin: let Qt say what it finds
        return None
    return explain_missing(missing) if missing else None
