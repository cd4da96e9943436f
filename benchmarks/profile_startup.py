"""Where start-up time goes, from process start to the main window's first paint (10,000-task history).

    python benchmarks/profile_startup.py            # pyinstrument call tree if installed, else cProfile
    pip install -e ".[profile]"                     # adds pyinstrument, the readable one

A profiler, not a benchmark: it prints no verdict. ``startup.py`` measures; this explains.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, installed_app_env

CHILD = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
try:
    from pyinstrument import Profiler
except ImportError:
    Profiler = None
import cProfile, pstats

app = QApplication(sys.argv)
profiler = Profiler(interval=0.0005) if Profiler else cProfile.Profile()

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and getattr(obj, "objectName", lambda: "")() == "mainWindow":
            if Profiler:
                profiler.stop()
                print(profiler.output_text(unicode=True, color=False))
            else:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            os._exit(0)
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
profiler.enable() if not Profiler else profiler.start()
from happyhorse_desktop.app import main
main([])
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = installed_app_env(Path(tmp), args.tasks)
        result = subprocess.run([sys.executable, "-c", CHILD], env=env, cwd=ROOT, timeout=120)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
