"""Helpers for tests/test_release.py: the release pins, the spec executed against stand-ins for
PyInstaller's build classes, the Windows version resource evaluated, the Inno Setup script read."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ISS_PATH = PACKAGING / "windows" / "happyhorse.iss"


class Recorder:
    """Stands in for one of PyInstaller's build classes: remembers what the spec passed."""

    made: dict[str, list[Recorder]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        type(self).made.setdefault(type(self).__name__, []).append(self)


def release_pins() -> dict[str, str]:
    text = (PACKAGING / "release-constraints.txt").read_text()
    return {name.lower(): version for name, version in re.findall(r"^([\w.-]+)==(\S+)$", text, re.M)}


def pinned_qt_macos_wheels() -> list[str]:
    """The macOS wheel names recorded next to the Qt pin (what pip resolves the pin to on a Mac)."""
    wheels = re.findall(r"macos-wheel: (\S+\.whl)", (PACKAGING / "release-constraints.txt").read_text())
    qt = release_pins()["pyside6-essentials"]
    assert wheels and all(f"-{qt}-" in wheel for wheel in wheels), "record the macOS wheels of the Qt pin"
    return wheels


def qt_translations_dest() -> str:
    """Where Qt's catalogues sit in a bundle: their place in this Qt's wheel (PySide6/Qt/translations
    here, PySide6/translations in the Windows wheel); the spec derives it the same way from the Qt it
    builds with."""
    import PySide6
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)).resolve()
    return folder.relative_to(Path(PySide6.__file__).resolve().parent.parent).as_posix()


def run_spec(tree: Path, platform: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """Execute the spec as PyInstaller would on ``platform``; return what it built, by class name."""
    made: dict[str, list[Recorder]] = {}
    classes = {
        name: type(name, (Recorder,), {"made": made})
        for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
    }
    metadata_asked: list[str] = []
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [f"{package}.fake"]  # type: ignore[attr-defined]
    hooks.copy_metadata = lambda dist: metadata_asked.append(dist) or []  # type: ignore[attr-defined]
    hooks.collect_data_files = lambda package: []  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    # On a Mac the bundled wheels are the pinned Qt's macOS wheels and python.org's universal2 Python.
    sys.path.insert(0, str(PACKAGING / "macos"))
    import min_macos

    sys.path.remove(str(PACKAGING / "macos"))
    monkeypatch.setitem(sys.modules, "min_macos", min_macos)
    monkeypatch.setattr(min_macos, "installed_wheel_tags", pinned_qt_macos_wheels)
    monkeypatch.setattr(min_macos.sysconfig, "get_platform", lambda: "macosx-10.13-universal2")
    monkeypatch.setenv("MACOS_SIGN_IDENTITY", "Developer ID Application: Test (TEAMID1234)")
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec adds its folders; undo that afterwards

    def analysis(*args: Any, **kwargs: Any) -> Recorder:
        made_analysis = classes["Analysis"](*args, **kwargs)
        translations = qt_translations_dest()
        # What PyInstaller's Qt hook collects besides: every language of Qt's catalogues.
        extra = [(f"{translations}/{name}", f"/qt/{name}", "DATA") for name in
                 ("qtbase_de.qm", "qt_zh_CN.qm", "qtmultimedia_zh_CN.qm", "qtbase_zh_CN.qm")]  # fmt: skip
        made_analysis.datas = [(dest + "/" + Path(src).name, src, "DATA") for src, dest in kwargs["datas"]]
        made_analysis.datas += extra
        made_analysis.binaries, made_analysis.scripts, made_analysis.pure = [], [], []
        return made_analysis

    namespace = {
        **classes,
        "Analysis": analysis,
        "SPECPATH": str(tree / "packaging"),
        "workpath": str(tmp_path / "work"),
        "DISTPATH": str(tmp_path / "dist"),
        "__name__": "__main__",
    }
    monkeypatch.setattr(sys, "platform", platform)
    try:
        exec(compile((PACKAGING / "happyhorse.spec").read_text(), "happyhorse.spec", "exec"), namespace)
    finally:
        monkeypatch.setattr(sys, "platform", "linux")
    return {"made": made, "metadata": metadata_asked, "namespace": namespace}


def parse_version_resource(text: str) -> dict[str, Any]:
    """Evaluate the file as PyInstaller does (``eval`` of constructor calls), with recording stand-ins."""
    found: dict[str, Any] = {"strings": {}}

    def fixed(**kwargs: Any) -> None:
        found.update(kwargs)

    def string(key: str, value: str) -> None:
        found["strings"][key] = value

    def keep(*args: Any, **kwargs: Any) -> tuple[Any, ...]:
        return args

    names = {"VSVersionInfo": keep, "FixedFileInfo": fixed, "StringFileInfo": keep, "StringTable": keep,
             "StringStruct": string, "VarFileInfo": keep, "VarStruct": keep}  # fmt: skip
    eval(compile(text, "version_info.txt", "eval"), {"__builtins__": {}}, names)
    return found


def iss_text() -> str:
    return ISS_PATH.read_text(encoding="utf-8")


def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in iss_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def iss_setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in iss_sections()["Setup"] if "=" in line)


def iss_define(name: str) -> str:
    match = re.search(rf'^#define {name} "([^"]*)"$', iss_text(), re.M)
    assert match, name
    return match.group(1)
