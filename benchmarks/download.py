"""Download of a 200 MB result from the simulator: speed against curl on the same URL, memory growth.

    python benchmarks/download.py [--size-mb 200] [--runs 3]

Targets (issue #5): ≥ 90 % of curl's throughput; resident memory growth ≤ 20 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import baseline, median, rss_mb, simulator_process, table


def create_completed_task(base: str) -> str:
    """Submit one task to the simulator and wait until its result link works; returns the link."""
    import httpx

    from happyhorse_desktop.api.client import EvoLinkClient
    from happyhorse_desktop.api.models import GenerationRequest

    async def go() -> str:
        client = EvoLinkClient(lambda: "sk-evo-bench", api_base=base, files_base=base)
        task = await client.create_task(
            GenerationRequest("happyhorse-1.0-image-to-video", ("https://cdn.example/x.png",)), "bench"
        )
        while True:
            snap = await client.get_task(task.id)
            if snap.results:
                await client.aclose()
                return snap.results[0]
            await asyncio.sleep(0.1)

    del httpx
    return asyncio.run(go())


def ours(url: str, dest: Path) -> tuple[float, float]:
    from happyhorse_desktop.tasks.downloader import download_video

    peak = [rss_mb()]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], rss_mb())
            time.sleep(0.05)  # coarse on purpose: memory that grows stays grown, and GIL stays free

    async def go() -> float:
        start = time.perf_counter()
        await download_video(url, dest, max_bytes=4 * 1024**3)
        return time.perf_counter() - start

    before = rss_mb()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    elapsed = asyncio.run(go())
    stop.set()
    sampler.join()
    return elapsed, peak[0] - before


def curl(url: str, dest: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["curl", "-s", "-f", "-o", str(dest), url], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("curl"):
        print("curl is not installed; it is the baseline of this benchmark (apt-get install curl)")
        return 2
    size = args.size_mb * 1024 * 1024
    # Files go to RAM (/dev/shm) when possible: this measures the transfer, not the disk's write-back mood.
    scratch = (
        "/dev/shm" if os.path.isdir("/dev/shm") and shutil.disk_usage("/dev/shm").free > 3 * size else None
    )
    with (
        simulator_process("--task-seconds", "0.2", "--result-size", str(size)) as base,
        tempfile.TemporaryDirectory(dir=scratch) as tmp,
    ):
        url = create_completed_task(base)
        ours_t, curl_t, growth = [], [], []
        # New files every time, kept until the end, in alternating order: writing a fresh 200 MB file
        # costs the same for both, and neither profits from the other's freed disk blocks.
        for i in range(args.runs):
            for who in ("ours", "curl") if i % 2 == 0 else ("curl", "ours"):
                target = Path(tmp) / f"{who}-{i}.mp4"
                if who == "ours":
                    t, g = ours(url, target)
                    ours_t.append(t)
                    growth.append(g)
                else:
                    curl_t.append(curl(url, target))
                assert target.stat().st_size == size, who
    o, c = median(ours_t), median(curl_t)
    mb = size / 1048576
    ok = table(
        f"Download of a {args.size_mb} MB result over loopback (median of {args.runs})",
        [
            baseline("curl", f"{c:.2f} s ({mb / c:.0f} MB/s)"),
            (
                "HappyHorse downloader",
                f"{o:.2f} s ({mb / o:.0f} MB/s, {c / o:.0%} of curl)",
                "≥ 90 % of curl",
                c / o >= 0.9,
            ),
            ("memory growth during download", f"{max(growth):.1f} MB", "≤ 20 MB", max(growth) <= 20),
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
