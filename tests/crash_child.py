"""A child process for the crash campaign: the real engine, submitting and finishing a batch of tasks.

    python crash_child.py IMAGE COUNT [PER_RUN]

It submits up to PER_RUN new tasks (default 2) without letting the history grow past COUNT (rows
written by earlier, killed runs count), resumes and finishes everything, and prints DONE. The test
kills it with SIGKILL at random moments and starts it again. Configuration comes from the
environment (HAPPYHORSE_*), like the app's.
"""

from __future__ import annotations

import asyncio
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from happyhorse_desktop.engine import Engine
from happyhorse_desktop.logging_setup import setup_logging
from happyhorse_desktop.tasks.params import SubmitParams


async def main(image: str, count: int, per_run: int) -> None:
    engine = Engine.create()
    setup_logging(engine.config.log_dir)
    engine.client.retry.base_delay = 0.02
    engine.manager.rescan_interval = 0.2
    engine.manager.start()
    for _ in range(min(per_run, max(0, count - engine.store.count()))):
        number = engine.store.count() + 1
        print(f"SUBMIT {number}", flush=True)
        await engine.manager.submit(SubmitParams(images=(image,), prompt=f"crash test {number}", seed=number))
    store = engine.store
    while any(store.with_work(kind) for kind in ("send", "poll", "download")):
        await asyncio.sleep(0.05)
    print("DONE", flush=True)
    await engine.aclose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 2))
