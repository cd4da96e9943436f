"""Run the EvoLink simulator on its own: ``python -m happyhorse_desktop.sandbox [--task-seconds S]``.

Prints ``READY <base url>`` once listening and serves until stopped (used by benchmarks and crash tests
that need the server in another process).
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args()
    sim = EvoLinkSimulator(
        task_seconds=args.task_seconds,
        result_size=args.result_size,
        balance=args.balance,
        fast_tasks=args.fast_tasks,
        fast_seconds=args.fast_seconds,
    )
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
