"""``happyhorse --self-test`` reports and never crashes (issue 12 item 2, issue 18 item 7).

The whole self-test runs in a child process the way the windowed Windows exe runs it: ``sys.stdout`` and
``sys.stderr`` are ``None``, so the report file and the exit code are all there is. A missing system
library is simulated by making the import of Qt Multimedia fail exactly as the dynamic linker does.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from happyhorse_desktop import selftest
from happyhorse_desktop.selftest import Report, Step, Watchdog, run_steps

WINDOWED = "import sys; sys.stdout = sys.stderr = None\n"
# Qt Multimedia on a Linux without PulseAudio: its import fails in the dynamic linker.
NO_LIBPULSE = textwrap.dedent(
    """
    import importlib.abc, sys

    class NoPulse(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6.QtMultimedia":
                raise ImportError(
                    "libpulse.so.0: cannot open shared object file: No such file or directory"
                )

    sys.meta_path.insert(0, NoPulse())
    """
)


def run_app(*args: str, prelude: str = WINDOWED) -> subprocess.CompletedProcess[str]:
    code = prelude + f"from happyhorse_desktop.app import main\nraise SystemExit(main({list(args)!r}))\n"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=Path.home()
    )


def test_windowed_self_test_writes_its_report_and_exit_code(tmp_path: Path) -> None:
    report = tmp_path / "reports" / "self-test.txt"
    result = run_app("--self-test", "--report", str(report))
    assert result.returncode == 0, report.read_text() if report.exists() else result.stderr
    assert result.stdout == ""  # nowhere to print: the file is the report
    assert "Traceback" not in result.stderr
    text = report.read_text(encoding="utf-8")
    for line in (
        "[ok  ] multimedia backend: FFmpeg, MP4 playback",
        "[ok  ] video decoding: first frame 320×240",
        "[ok  ] Qt translations: qtbase_zh_CN",
        "[ok  ] main window: painted",
        "result: all required checks passed",
    ):
        assert line in text, text


def test_the_report_goes_to_the_log_folder_by_default(isolated_env: Path) -> None:
    result = run_app("--self-test")
    assert result.returncode == 0, result.stderr[-2000:]
    report = isolated_env / "data" / "logs" / "self-test.txt"  # HAPPYHORSE_DATA_DIR/logs
    assert "result: all required checks passed" in report.read_text(encoding="utf-8")


def test_a_missing_libpulse_is_a_fail_line_with_the_fix_not_a_traceback(tmp_path: Path) -> None:
    report = tmp_path / "self-test.txt"
    result = run_app("--self-test", "--report", str(report), prelude=NO_LIBPULSE)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    fix = "the system library libpulse.so.0 is missing; on Debian or Ubuntu install it with "
    assert f"[FAIL] multimedia backend: {fix}`sudo apt-get install libpulse0`" in result.stdout
    assert f"[FAIL] video decoding: {fix}" in result.stdout
    assert "[ok  ] main window: painted" in result.stdout  # the other checks still ran
    assert "result: 2 required check(s) failed" in result.stdout
    assert report.read_text(encoding="utf-8") in result.stdout  # the file holds the same report


def test_the_same_failure_reaches_the_exit_code_when_windowed(tmp_path: Path) -> None:
    report = tmp_path / "self-test.txt"
    result = run_app("--self-test", "--report", str(report), prelude=WINDOWED + NO_LIBPULSE)
    assert result.returncode == 1 and result.stdout == ""
    assert "[FAIL] multimedia backend: the system library libpulse.so.0" in report.read_text()


def _ok() -> tuple[bool, str]:
    return True, "fine"


def _boom() -> tuple[bool, str]:
    raise RuntimeError("boom\nsecond line")


def test_an_exception_in_a_step_is_one_fail_line(tmp_path: Path) -> None:
    report = Report(tmp_path / "r.txt")
    steps = [
        Step("first", _boom, needs_qt=False),
        Step("optional", _boom, required=False, needs_qt=False),
        Step("after", _ok, needs_qt=False),
    ]
    run_steps(steps, report, Watchdog(report, exit=pytest.fail))
    lines = report.text().splitlines()
    assert "  [FAIL] first: RuntimeError: boom" in lines
    assert "  [warn] optional: RuntimeError: boom" in lines
    assert "  [ok  ] after: fine" in lines
    assert report.exit_code == 1 and lines[-1] == "result: 1 required check(s) failed"


def test_optional_failures_do_not_fail_the_self_test(tmp_path: Path) -> None:
    report = Report(tmp_path / "r.txt")
    run_steps([Step("optional", _boom, required=False, needs_qt=False)], report, Watchdog(report))
    assert report.exit_code == 0


def test_without_a_qt_application_the_qt_checks_fail_without_running(tmp_path: Path) -> None:
    ran: list[str] = []
    report = Report(None)
    steps = [
        Step(selftest.QT_APPLICATION, lambda: (False, "libEGL.so.1 is missing"), needs_qt=False),
        Step("window", lambda: ran.append("window") or (True, "")),
        Step("keychain", lambda: ran.append("keychain") or (True, "ok"), needs_qt=False),
    ]
    run_steps(steps, report, Watchdog(report))
    assert ran == ["keychain"]
    assert "  [FAIL] window: not run: the Qt application could not start" in report.text()


def test_a_hung_worker_step_is_given_up_and_the_rest_runs(tmp_path: Path) -> None:
    report = Report(None)
    steps = [
        Step("keychain", lambda: (time.sleep(3), (True, ""))[1], timeout=0.3, ui_thread=False),
        Step("after", _ok, needs_qt=False),
    ]
    started = time.monotonic()
    run_steps(steps, report, Watchdog(report, exit=pytest.fail))
    assert time.monotonic() - started < 2
    assert "  [FAIL] keychain: no answer within 0.3 s" in report.text()
    assert "  [ok  ] after: fine" in report.text()


def test_a_hung_main_thread_step_is_reported_by_the_watchdog(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    report = Report(path)
    exits: list[int] = []
    hang = Step("media", lambda: (time.sleep(1.0), (True, ""))[1], timeout=0.2, needs_qt=False)
    run_steps([hang], report, Watchdog(report, exit=exits.append))
    # The watchdog wrote the report and ended the process (here: recorded the exit) while the step hung.
    assert exits == [1]
    written = path.read_text(encoding="utf-8")
    assert "[FAIL] media: no answer within 0.2 s; the self-test stopped here" in written
    assert written.rstrip().endswith("result: 1 required check(s) failed")


def test_an_unwritable_report_path_is_said_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    report = Report(blocker / "self-test.txt")  # its parent is a file
    report.add(selftest.Result("x", True, "", True))
    report.publish()
    out = capsys.readouterr().out
    assert "[ok  ] x" in out and f"report could not be written to {blocker / 'self-test.txt'}" in out


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            ImportError("libxcb-icccm.so.4: cannot open shared object file: No such file or directory"),
            "`sudo apt-get install libxcb-icccm4`",
        ),
        (OSError("libEGL.so.1: cannot open shared object file"), "`sudo apt-get install libegl1`"),
        (ValueError("bad value"), "ValueError: bad value"),
        (KeyError(), "KeyError"),
    ],
)
def test_explain(error: BaseException, expected: str) -> None:
    assert expected in selftest.explain(error)
