"""The frozen Linux bundle builds and its --self-test passes (PyInstaller, offscreen).

Linux only. Marked ``packaging``: it creates its own virtual environment and takes a minute or two on
a fresh machine. It is part of the normal run; deselect it with ``-m "not packaging"`` (e.g. on macOS or
Windows, where the release workflow builds and self-tests those bundles instead).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.packaging
@pytest.mark.timeout(900)
def test_linux_bundle_builds_and_passes_its_self_test() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build_linux.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=880,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "result: all required checks passed" in output
    assert "[ok  ] multimedia backend" in output and "[ok  ] main window: painted" in output
    bundle = ROOT / "dist" / "happyhorse"
    assert (bundle / "happyhorse").is_file() and (bundle / "happyhorse.desktop").is_file()
    assert "[ok  ] text services" in output  # the trimmed ICU data still sorts, maps case, knows zones
    assert "[ok  ] video decoding: first frame" in output  # the bundled FFmpeg decodes the sample video
    assert "[ok  ] keychain support: keyring.backends.SecretService" in output  # the backend is bundled
    assert "[ok  ] Qt translations: qtbase_zh_CN" in output  # Qt's Chinese catalogue is in the bundle
    translations = {p.name for p in (bundle / "_internal" / "PySide6" / "Qt" / "translations").iterdir()}
    assert translations == {"qtbase_zh_CN.qm", "qtbase_en.qm"}  # and only the languages the app speaks
    report = ROOT / "dist" / "self-test-linux.txt"  # the report file, as the windowed builds leave it
    assert "result: all required checks passed" in report.read_text(encoding="utf-8")
    size = re.search(r"bundle size: (\d+) MB", output)
    assert size, output[-1000:]
    # 160 MB: the limit set when mutagen (MP4 tags) and Pillow (animated exports) joined the bundle.
    assert int(size.group(1)) <= 160, f"bundle is {size.group(1)} MB unpacked; the limit is 160 MB"
    pil = bundle / "_internal" / "PIL"
    assert list(pil.glob("_webp*")) and list(pil.glob("_imaging.*"))  # animated WebP/GIF can be written
    assert not list(pil.glob("_avif*")) and not list(pil.glob("_imagingft*"))  # parts the app never uses
    # No test tool may end up in the app.
    internal = bundle / "_internal"
    for tool in ("pytest", "hypothesis", "pytestqt", "_pytest"):
        assert not (internal / tool).exists(), tool
    timing = next((line for line in output.splitlines() if line.startswith("self-test wall time")), "")
    print(f"\nbundle: {size.group(1)} MB unpacked; {timing}")
    shutil.rmtree(ROOT / "build" / "pyinstaller", ignore_errors=True)
