"""The launcher names the exact system libraries Qt's X11 display plugin lacks (issue 12, item 1).

The ELF files are Qt's real xcb plugin and ``libQt6XcbQpa`` from the installed wheel; only the loader is
simulated, so a library can be "missing" whatever this machine has installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from happyhorse_desktop import linux_libs
from happyhorse_desktop.app import main

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux's display")


def loader_without(*missing: str, transitive: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """A dlopen stand-in: fails like the dynamic linker for ``missing`` names, and for a library in
    ``transitive`` fails naming *its* missing dependency."""
    loaded: list[str] = []

    def load(name: str) -> None:
        base = Path(name).name
        if base in missing:
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")
        if base in (transitive or {}):
            raise OSError(f"{transitive[base]}: cannot open shared object file: No such file or directory")
        loaded.append(name)

    load.loaded = loaded  # type: ignore[attr-defined]
    return load


def test_reads_what_the_real_xcb_plugin_links_against() -> None:
    plugins, lib = linux_libs._qt_dirs()
    needed = linux_libs.elf_needed(plugins / "platforms" / "libqxcb.so")
    assert "libQt6XcbQpa.so.6" in needed and "libxcb.so.1" in needed
    qpa = linux_libs.elf_needed(lib / "libQt6XcbQpa.so.6")
    assert {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"} <= set(qpa)


def test_names_exactly_the_missing_libraries() -> None:
    load = loader_without("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    assert linux_libs.missing_xcb_libraries(load) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    # Qt's own libraries are loaded from the wheel (or bundle), system ones by name like the linker does.
    assert any(name.endswith("/libQt6Gui.so.6") for name in load.loaded)
    assert "libX11.so.6" in load.loaded and not any(n.startswith("libc.so") for n in load.loaded)


def test_a_library_missing_behind_a_present_one_is_named() -> None:
    # libQt6Gui is there, but the libEGL it needs is not: the message must say libEGL, not libQt6Gui.
    load = loader_without(transitive={"libQt6Gui.so.6": "libEGL.so.1"})
    assert linux_libs.missing_xcb_libraries(load) == ["libEGL.so.1"]


def test_the_linker_error_is_found_behind_pyinstallers_wrapper() -> None:
    # A frozen app's ctypes re-raises the linker's error as "Failed to load dynlib …" (its cause).
    linker = OSError("libxcb-icccm.so.4: cannot open shared object file: No such file or directory")
    wrapped = OSError("Failed to load dynlib/dll '/app/_internal/libQt6XcbQpa.so.6'.")
    wrapped.__cause__ = linker
    assert linux_libs.missing_soname(wrapped) == "libxcb-icccm.so.4"
    assert linux_libs.missing_soname(OSError("undefined symbol: xcb_foo")) is None


def test_nothing_missing_means_no_message() -> None:
    assert linux_libs.missing_xcb_libraries(loader_without()) == []


def test_the_message_gives_the_apt_get_line() -> None:
    text = linux_libs.explain_missing(["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libglib-2.0.so.0"])
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1, libglib-2.0.so.0" in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libglib2.0-0\n" in text
    assert "xcb-cursor0 is needed" not in text


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),  # a name ending in a digit gets a hyphen
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libEGL.so.1", "libegl1"),
        ("libpulse.so.0", "libpulse0"),
        ("libgssapi_krb5.so.2", "libgssapi-krb5-2"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libgthread-2.0.so.0", "libglib2.0-0"),
    ],
)
def test_debian_package_names(soname: str, package: str) -> None:
    assert linux_libs.debian_package(soname) == package


@pytest.mark.parametrize(
    ("environ", "qt_args", "expected"),
    [
        ({"DISPLAY": ":0"}, [], True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, [], True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, [], False),
        ({"DISPLAY": ":0"}, ["-platform", "offscreen"], False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, ["-platform", "xcb"], True),
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, [], False),  # Qt tries Wayland first there
        ({"QT_QPA_PLATFORM": ""}, [], False),  # no display at all: Qt's own message is right
    ],
)
def test_only_an_x11_start_is_checked(environ: dict[str, str], qt_args: list[str], expected: bool) -> None:
    assert linux_libs.uses_xcb(environ, qt_args) is expected


def test_the_launcher_says_what_is_missing_instead_of_starting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    monkeypatch.setenv("DISPLAY", ":77")
    real = linux_libs.missing_xcb_libraries
    monkeypatch.setattr(
        linux_libs, "missing_xcb_libraries", lambda: real(loader_without("libxcb-keysyms.so.1"))
    )
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "missing here: libxcb-keysyms.so.1." in err
    assert "sudo apt-get install libxcb-keysyms1\n" in err
