"""Helpers for tests that run the real CLI or engine as child processes on one history: start, pause
(SIGSTOP), continue, interrupt, and check what the history and the simulator say afterwards."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.store import TaskStore

CHILD = Path(__file__).with_name("crash_child.py")
SYNTHETIC_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"


def child_env(sim: EvoLinkSimulator, tmp_path: Path, **extra: str) -> dict[str, str]:
    return dict(
        os.environ,
        HAPPYHORSE_API_BASE=sim.base_url,
        HAPPYHORSE_FILES_BASE=sim.base_url,
        EVOLINK_API_KEY="sk-evo-child-process-key",
        HAPPYHORSE_POLL_INTERVAL="0.05",
        HAPPYHORSE_DATA_DIR=str(tmp_path / "data"),
        HAPPYHORSE_OUTPUT_DIR=str(tmp_path / "videos"),
        QT_QPA_PLATFORM="offscreen",
        **extra,
    )


def cli(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """``happyhorse-cli ARGS`` as a child process (output captured)."""
    return subprocess.Popen(
        [sys.executable, "-m", "happyhorse_desktop.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def engine_child(env: dict[str, str], image: Path, total: int, per_run: int) -> subprocess.Popen[str]:
    """The app's engine as a child (``crash_child.py``): submits, then finishes everything it can."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(image), str(total), str(per_run)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until(predicate: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.02)


def pause(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGSTOP)


def resume(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGCONT)


def rows(tmp_path: Path) -> list[TaskRecord]:
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    try:
        return store.all()
    finally:
        store.close()


def payment_problems(sim: EvoLinkSimulator, history: list[TaskRecord]) -> list[str]:
    """Everything that breaks "every charged task is in exactly one row, and no row was sent twice"."""
    problems = []
    keys = Counter(t.idempotency_key for t in sim.tasks.values())
    problems += [f"row with key {k} POSTed {n} times" for k, n in keys.items() if n > 1]
    by_key = {r.idempotency_key: r for r in history}
    for task in sim.tasks.values():
        row = by_key.get(task.idempotency_key or "")
        if row is None:
            problems.append(f"charged task {task.id} is in no row")
        elif row.server_id != task.id and row.status != "unknown":
            problems.append(f"charged task {task.id} is recorded as {row.server_id} in row {row.id}")
    linked = Counter(r.server_id for r in history if r.server_id)
    problems += [f"server task {s} is in {n} rows" for s, n in linked.items() if n > 1]
    if sim.count("POST", "/v1/videos/generations") != len(sim.tasks):
        problems.append("a POST created no task or a task came from no POST")
    return problems


SHARED_SETTINGS = (
    "HAPPYHORSE_API_BASE",
    "HAPPYHORSE_FILES_BASE",
    "EVOLINK_API_KEY",
    "HAPPYHORSE_POLL_INTERVAL",
    "HAPPYHORSE_DATA_DIR",
    "HAPPYHORSE_OUTPUT_DIR",
)


def share_history(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    """Point engines and windows built in this process at the simulator, history and output folder of
    the children started with ``env`` (the window beside a terminal running happyhorse-cli)."""
    for name in SHARED_SETTINGS:
        monkeypatch.setenv(name, env[name])


@contextlib.contextmanager
def disk_full(process: subprocess.Popen[str]) -> Iterator[None]:
    """While the block runs, every write by ``process`` that would grow a file fails, as on a full disk
    (its RLIMIT_FSIZE is set to 0; Python ignores SIGXFSZ, so the write returns an error). Linux only."""
    import resource

    soft, hard = resource.prlimit(process.pid, resource.RLIMIT_FSIZE)
    resource.prlimit(process.pid, resource.RLIMIT_FSIZE, (0, hard))
    try:
        yield
    finally:
        if process.poll() is None:
            resource.prlimit(process.pid, resource.RLIMIT_FSIZE, (soft, hard))


# happyhorse-cli in a process whose wall clock jumps back an hour on SIGUSR1 (what the app sees when the
# system clock is corrected: NTP after a wrong RTC, a dual-boot machine keeping local time in the RTC).
_CLOCK_CLI = """
import signal, sys, time
real, offset = time.time, [0.0]
signal.signal(signal.SIGUSR1, lambda *_: offset.__setitem__(0, 3600.0))
time.time = lambda: real() - offset[0]
from happyhorse_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def cli_with_clock(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """``happyhorse-cli ARGS`` like :func:`cli`; :func:`clock_back` then sets its clock back an hour."""
    return subprocess.Popen(
        [sys.executable, "-c", _CLOCK_CLI, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def clock_back(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGUSR1)
