"""``happyhorse --self-test``: check this installation, report every finding, never crash.

Each check (``selftest_checks``) is one guarded step with a time limit. An exception becomes a FAIL line
that says what is missing and how to get it (``ImportError: libpulse.so.0`` from Qt Multimedia on a
Linux without PulseAudio → "install libpulse0"), never a traceback. Qt's objects live on the main
thread, so a step that hangs there cannot be interrupted: a watchdog thread then adds a FAIL line for
that step, writes the report and ends the process with exit code 1. Steps without Qt (the keychain)
run in a worker thread and are simply given up on.

The report is printed and also written to a file (``--report PATH``, by default ``self-test.txt`` in
the app's log folder), because the windowed Windows and macOS builds have no console:
``sys.stdout`` and ``sys.stderr`` are ``None`` there. The report is a diagnostic format that the
release workflow and support read, so it stays English. Exit code 0 when every required check passed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from happyhorse_desktop import APP_NAME, __version__
from happyhorse_desktop import selftest_checks as checks
from happyhorse_desktop.linux_libs import check_display_libraries, debian_package, missing_soname

Outcome = checks.Outcome
QT_APPLICATION = "Qt application"


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[], Outcome]
    required: bool = True
    timeout: float = 20.0
    ui_thread: bool = True  # Qt objects: run on the main thread under the watchdog, else in a worker
    needs_qt: bool = True  # not run when the Qt application could not be created


@dataclass(frozen=True)
class Result:
    name: str
    ok: bool
    detail: str
    required: bool

    def line(self) -> str:
        mark = "ok  " if self.ok else ("FAIL" if self.required else "warn")
        return f"  [{mark}] {self.name}{': ' + self.detail if self.detail else ''}"


class Report:
    """The findings so far; printed and written to a file, as often as needed (the watchdog may)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.results: list[Result] = []
        self.started = time.perf_counter()
        self._lock = threading.Lock()

    def add(self, result: Result) -> None:
        with self._lock:
            self.results.append(result)

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.required and not r.ok]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def text(self) -> str:
        with self._lock:
            lines = [f"{APP_NAME} {__version__} self-test ({time.perf_counter() - self.started:.2f} s)"]
            lines += [result.line() for result in self.results]
            failed = len(self.failed)
        verdict = "all required checks passed" if not failed else f"{failed} required check(s) failed"
        return "\n".join([*lines, f"result: {verdict}"]) + "\n"

    def publish(self) -> None:
        text = self.text()
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.path.write_text(text, encoding="utf-8")
                text += f"report written to {self.path}\n"
            except OSError as exc:
                text += f"report could not be written to {self.path}: {exc.strerror or exc}\n"
        stream = sys.stdout  # None in a windowed build: the file above is then the only copy
        if stream is not None:
            try:
                stream.write(text)
                stream.flush()
            except (OSError, ValueError):  # a closed or broken console must not turn into a crash
                pass


class Watchdog:
    """Ends the self-test when a main-thread step overruns its time limit (Qt calls cannot be cancelled)."""

    def __init__(self, report: Report, exit: Callable[[int], object] = os._exit) -> None:
        self._report = report
        self._exit = exit
        self._armed: tuple[Step, float] | None = None
        self._changed = threading.Condition()
        threading.Thread(target=self._watch, name="self-test-watchdog", daemon=True).start()

    @contextmanager
    def guard(self, step: Step) -> Iterator[None]:
        with self._changed:
            self._armed = (step, time.monotonic() + step.timeout)
            self._changed.notify()
        try:
            yield
        finally:
            with self._changed:
                self._armed = None
                self._changed.notify()

    def _watch(self) -> None:
        with self._changed:
            while True:
                if self._armed is None:
                    self._changed.wait()
                    continue
                step, deadline = self._armed
                remaining = deadline - time.monotonic()
                if remaining > 0:
                    self._changed.wait(remaining)
                    continue
                self._report.add(Result(step.name, False, _hung(step), step.required))
                self._report.publish()
                self._exit(self._report.exit_code or 1)  # a hung step is never a pass
                return


def _hung(step: Step) -> str:
    return f"no answer within {step.timeout:g} s; the self-test stopped here"


def explain(exc: BaseException) -> str:
    """What an exception from a check means for the user, in one line, with how to fix it."""
    soname = missing_soname(exc)
    if soname and sys.platform.startswith("linux"):
        return (
            f"the system library {soname} is missing; on Debian or Ubuntu install it with "
            f"`sudo apt-get install {debian_package(soname)}`"
        )
    if soname:
        return f"{soname} is missing from this installation; reinstall {APP_NAME}"
    first_line = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__


def _attempt(step: Step) -> Outcome:
    try:
        return step.run()
    except BaseException as exc:  # a check reports, whatever it raised
        return False, explain(exc)


def _in_worker(step: Step) -> Outcome:
    answer: list[Outcome] = []
    worker = threading.Thread(target=lambda: answer.append(_attempt(step)), name=step.name, daemon=True)
    worker.start()
    worker.join(step.timeout)
    return answer[0] if answer else (False, f"no answer within {step.timeout:g} s")


def run_steps(steps: Sequence[Step], report: Report, watchdog: Watchdog) -> None:
    qt_ready = True
    for step in steps:
        if step.needs_qt and not qt_ready:
            outcome: Outcome = (False, f"not run: the {QT_APPLICATION} could not start")
        elif step.ui_thread:
            with watchdog.guard(step):
                outcome = _attempt(step)
        else:
            outcome = _in_worker(step)
        if step.name == QT_APPLICATION:
            qt_ready = outcome[0]
        report.add(Result(step.name, outcome[0], outcome[1], step.required))


def _qt_application() -> Outcome:
    """The QApplication the checks need, on the platform asked for (offscreen unless told otherwise)."""
    platform = os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Make the media checks prove FFmpeg: Windows and macOS would otherwise fall back to their own
    # backends, which a user's machine may not offer the same way.
    os.environ.setdefault("QT_MEDIA_BACKEND", "ffmpeg")
    problem = check_display_libraries()
    if problem:  # Qt would abort the process on this platform: say why instead
        return False, " ".join(problem.split())
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] or "happyhorse", "-platform", platform])
    app.setQuitOnLastWindowClosed(False)  # closing the test window must not stop the loop under us
    return True, f"{type(app).__name__} on {platform}"


def default_steps(scratch: Path) -> list[Step]:
    on_linux = sys.platform.startswith("linux")
    return [
        Step(QT_APPLICATION, _qt_application, timeout=30, needs_qt=False),
        *(Step(f"image plugin {fmt}", partial(checks.image_plugin, fmt)) for fmt in ("jpeg", "png", "webp")),
        Step("multimedia backend", checks.media_backend),
        Step("video decoding", checks.video_decoding),
        # Required on Linux, where the bundle carries trimmed ICU data; Windows and macOS sort and map
        # case through the system, which the app does not ship.
        Step("text services", checks.text_services, required=on_linux),
        Step("Qt translations", checks.qt_translations),
        Step("keyring backend", checks.keyring_backend, required=False, ui_thread=False, needs_qt=False),
        Step("keychain support", checks.keychain_support, ui_thread=False, needs_qt=False),
        Step("TLS trust store", checks.trust_store, ui_thread=False, needs_qt=False),
        Step("main window", partial(checks.main_window, scratch), timeout=60),
    ]


def default_report_path() -> Path:
    """``self-test.txt`` in the app's log folder (where a user finds the app's other logs), or the
    temporary folder when even that cannot be worked out."""
    try:
        from happyhorse_desktop.config import default_data_dir

        return default_data_dir() / "logs" / "self-test.txt"
    except Exception:  # a broken Qt install still gets its report somewhere
        return Path(tempfile.gettempdir()) / "happyhorse-self-test.txt"


def run_self_test(report_path: Path | None = None, steps: Sequence[Step] | None = None) -> int:
    report = Report(report_path or default_report_path())
    watchdog = Watchdog(report)
    saved = {name: os.environ.get(name) for name in ("HAPPYHORSE_DATA_DIR", "HAPPYHORSE_OUTPUT_DIR")}
    with tempfile.TemporaryDirectory(prefix="happyhorse-selftest-") as scratch:
        try:
            run_steps(steps if steps is not None else default_steps(Path(scratch)), report, watchdog)
        finally:
            for name, value in saved.items():  # the window check pointed these at the scratch folder
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    report.publish()
    return report.exit_code
