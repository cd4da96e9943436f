"""Run the EvoLink simulator on its own: ``python -m happyhorse_desktop.sandbox [--task-seconds S]``.

Prints ``READY <base url>`` once listening and serves until stopped (used by benchmarks and crash tests
that need the server in another process). ``--render`` renders each task's video from its input, like
demo mode (it starts an offscreen Qt GUI application for the painting).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from happyhorse_desktop.sandbox.simulator import EvoLinkSimulator


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m happyhorse_desktop.sandbox")
    parser.add_argument("--task-seconds", type=float, default=2.0)
    parser.add_argument("--result-size", type=int, default=None, help="serve results of this many bytes")
    parser.add_argument("--balance", type=float, default=10_000_000.0)
    parser.add_argument("--fast-tasks", type=int, default=0, help="this many first tasks finish quickly")
    parser.add_argument("--fast-seconds", type=float, default=1.0)
    parser.add_argument("--max-running-per-key", type=int, default=None, help="429 beyond this many")
    parser.add_argument("--render", action="store_true", help="render demo videos from each task's input")
    # Every option but --render is the simulator's keyword argument of the same name.
    options = vars(parser.parse_args())
    render = None
    if options.pop("render"):
        from PySide6.QtGui import QGuiApplication

        from happyhorse_desktop.sandbox.render_plan import RenderSettings

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])  # noqa: F841 - kept alive while serving
        render = RenderSettings.demo()
    sim = EvoLinkSimulator(**options, render=render)
    sim.start()
    print(f"READY {sim.base_url}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
