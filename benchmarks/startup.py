"""Cold start to first painted main window, and resident memory after start, with 10,000 tasks.

    python benchmarks/startup.py [--runs 5]

Each start is a fresh Python process (offscreen). The app is compared with a bare PySide6 QMainWindow
holding one QTableView, and with the stack floor: that window plus what any PySide6 + qasync app imports
before its own code (asyncio, qasync, Qt's namespace), all started the same way, in the same run.
Targets: app ≤ 1.25 × the stack floor; RSS ≤ 150 MB and ≤ bare + 60 MB. Exits non-zero when a target is
missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, installed_app_env, median, table

CHILD = r"""
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and getattr(obj, "objectName", lambda: "")() == "mainWindow":
            print(json.dumps({"painted": time.time(), "rss": rss()}), flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv)
watcher = FirstPaint()
app.installEventFilter(watcher)
if sys.argv[1] in ("bare", "stack"):
    if sys.argv[1] == "stack":  # what any PySide6 + qasync app pays before its own code runs
        import asyncio, qasync
        from PySide6.QtCore import Qt
        Qt.AlignmentFlag
    from PySide6.QtWidgets import QMainWindow, QTableView
    window = QMainWindow()
    window.setObjectName("mainWindow")
    window.setCentralWidget(QTableView())
    window.resize(1400, 860)
    window.show()
    app.exec()
else:
    from happyhorse_desktop.app import main
    main([])
"""


def one_start(mode: str, env: dict[str, str]) -> tuple[float, float]:
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{mode} start failed: {out.stderr[-800:]}")
    data = json.loads(lines[-1])
    return data["painted"] - started, data["rss"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = installed_app_env(Path(tmp), args.tasks)
        for mode in ("bare", "stack", "app"):  # warm the OS file cache, so none pays the first disk read
            one_start(mode, env)
        bare_t, bare_m, stack_t, app_t, app_m = [], [], [], [], []
        for _ in range(args.runs):
            t, m = one_start("bare", env)
            bare_t.append(t)
            bare_m.append(m)
            stack_t.append(one_start("stack", env)[0])
            t, m = one_start("app", env)
            app_t.append(t)
            app_m.append(m)
    bt, st, at, bm, am = median(bare_t), median(stack_t), median(app_t), median(bare_m), median(app_m)
    ok = table(
        f"Start-up with {args.tasks:,} tasks in history (median of {args.runs} cold starts, offscreen)",
        [
            ("bare QMainWindow + QTableView: first paint", f"{bt * 1000:.0f} ms", "baseline", True),
            (
                "stack floor: same + asyncio, qasync, Qt namespace",
                f"{st * 1000:.0f} ms ({st / bt:.2f} × bare)",
                "floor",
                True,
            ),
            (
                "HappyHorse: first paint",
                f"{at * 1000:.0f} ms ({at / st:.2f} × floor, {at / bt:.2f} × bare)",
                "≤ 1.25 × floor",
                at <= 1.25 * st,
            ),
            ("bare: resident memory", f"{bm:.0f} MB", "baseline", True),
            (
                "HappyHorse: resident memory",
                f"{am:.0f} MB (+{am - bm:.0f} MB)",
                "≤ 150 MB and ≤ bare + 60 MB",
                am <= 150 and am <= bm + 60,
            ),
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
