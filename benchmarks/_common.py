"""Shared helpers for the benchmark scripts: tables, percentiles, child processes, RSS."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Coroutine, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process in MB (Linux /proc)."""
    status = Path(f"/proc/{pid or os.getpid()}/status").read_text()
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


Row = tuple[str, str, str, bool]  # what, measured, target, met


def baseline(what: str, measured: str) -> Row:
    """A row that is measured to compare the others with: it has no target of its own."""
    return (what, measured, "baseline", True)


def table(title: str, rows: list[Row]) -> bool:
    """Print ``what | measured | target | ok`` rows; returns whether every target was met."""
    width = max(len(r[0]) for r in rows)
    mwidth = max(len(r[1]) for r in rows)
    print(f"\n{title}")
    print(f"{'what':<{width}}  {'measured':<{mwidth}}  target")
    for what, measured, target, ok in rows:
        print(f"{what:<{width}}  {measured:<{mwidth}}  {target}  {'ok' if ok else 'MISSED'}")
    return all(r[3] for r in rows)


@contextmanager
def simulator_process(*args: str) -> Iterator[str]:
    """The simulator in its own process (so its threads do not share our GIL); yields its base URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "happyhorse_desktop.sandbox", *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if not line.startswith("READY "):
            raise RuntimeError(f"simulator did not start: {line!r}")
        yield line.split()[1]
    finally:
        proc.terminate()
        proc.wait(10)


def offscreen_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def installed_app_env(tmp: Path, tasks: int) -> dict[str, str]:
    """A history of ``tasks`` tasks in ``tmp`` and the environment of an app started on it, offscreen,
    with a key and an unreachable API (nothing leaves the machine); the package's bytecode compiled,
    as pip and PyInstaller do at install time (a checkout run with PYTHONDONTWRITEBYTECODE would
    otherwise recompile every module on each start)."""
    import compileall

    from history import make_history

    data = tmp / "data"
    data.mkdir()
    make_history(data, tasks, ROOT / "resources" / "icon-256.png")
    compileall.compile_dir(ROOT / "happyhorse_desktop", quiet=1)
    return offscreen_env(
        HAPPYHORSE_DATA_DIR=str(data),
        HAPPYHORSE_OUTPUT_DIR=str(tmp / "videos"),
        EVOLINK_API_KEY="sk-evo-benchmark-key",
        HAPPYHORSE_API_BASE="http://127.0.0.1:9",
        HAPPYHORSE_FILES_BASE="http://127.0.0.1:9",
    )


class LagMeter:
    """A 5 ms Qt timer that records how late each of its ticks fires (the UI event loop's lag).
    Create it with a QApplication running; ``start()``, ``stop()``, read ``lateness`` (seconds)."""

    def __init__(self, interval_ms: int = 5) -> None:
        import time

        from PySide6.QtCore import QTimer

        self.lateness: list[float] = []
        self._clock = time.perf_counter
        self._step = interval_ms / 1000
        self._expected = 0.0
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = self._clock()
        self.lateness.append(max(0.0, now - self._expected))
        self._expected = now + self._step

    def start(self) -> None:
        self._expected = self._clock() + self._step
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


def run_window_benchmark(base: str, scenario: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``scenario()`` on a qasync loop with the app pointed at the simulator at ``base``, a fresh
    data folder, a key, and default settings (5 s shortest poll interval)."""
    import asyncio
    import tempfile

    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(
            HAPPYHORSE_DATA_DIR=str(Path(tmp) / "data"),
            HAPPYHORSE_OUTPUT_DIR=str(Path(tmp) / "v"),
            HAPPYHORSE_API_BASE=base,
            HAPPYHORSE_FILES_BASE=base,
            EVOLINK_API_KEY="sk-evo-bench",
        )
        os.environ.pop("HAPPYHORSE_POLL_INTERVAL", None)  # default settings
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            return loop.run_until_complete(scenario())
