"""Importing a 1,000-row batch CSV with every row checked (pictures included), then queueing it.

    python benchmarks/batch_import.py [--rows 1000]

Two files: every row its own picture (1,000 files, each read and checked), and 1,000 rows over 20
pictures (each checked once). Measured: reading and checking (what ``happyhorse-cli batch`` and the
batch composer do before anything is queued), queueing the takes in the history (one transaction), and
``happyhorse-cli batch FILE.csv`` end to end (a fresh process: start-up included). Target (issue 13):
import with validation ≤ 2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from _common import median, offscreen_env, table

RUNS = 3


def write_batch(folder: Path, rows: int, pictures: int) -> Path:
    from PySide6.QtGui import QColor, QImage

    folder.mkdir(parents=True)
    image = QImage(1280, 720, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a7bb7"))
    first = folder / "pic-0000.jpg"
    image.save(str(first), "JPEG", 85)
    for n in range(1, pictures):
        shutil.copyfile(first, folder / f"pic-{n:04d}.jpg")
    lines = ["image,prompt,quality,duration,seed,notes"]
    lines += [f"pic-{n % pictures:04d}.jpg,take {n} of the horse,720p,5,{n + 1},row {n}" for n in range(rows)]
    path = folder / "takes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_seconds(path: Path) -> tuple[float, int]:
    from happyhorse_desktop.tasks.takes import Defaults, check
    from happyhorse_desktop.tasks.takes_csv import read_csv

    timings, bad = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        drafts = read_csv(path, Defaults())
        check(drafts)
        timings.append(time.perf_counter() - started)
        bad = sum(1 for d in drafts if not d.ok)
    return median(timings), bad


def queue_seconds(path: Path, data: Path) -> float:
    from happyhorse_desktop.tasks.takes import Defaults
    from happyhorse_desktop.tasks.takes_csv import read_csv

    os.environ["HAPPYHORSE_DATA_DIR"] = str(data)
    from happyhorse_desktop.engine import Engine

    engine = Engine.create(origin="cli")
    takes = [d.params for d in read_csv(path, Defaults())]
    started = time.perf_counter()
    engine.manager.queue.enqueue(takes, name="benchmark")
    elapsed = time.perf_counter() - started
    engine.store.close()
    return elapsed


def cli_seconds(path: Path, data: Path) -> float:
    env = offscreen_env(HAPPYHORSE_DATA_DIR=str(data), EVOLINK_API_KEY="sk-evo-bench")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "happyhorse_desktop.cli", "batch", str(path)],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QImage needs one to save
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, pictures in (
            (f"{args.rows:,} rows, {args.rows:,} pictures", args.rows),
            (f"{args.rows:,} rows, 20 pictures", 20),
        ):
            folder = Path(tmp) / f"p{pictures}"
            path = write_batch(folder, args.rows, pictures)
            seconds, bad = import_seconds(path)
            rows.append(
                (
                    f"read + check, {label}",
                    f"{seconds * 1000:.0f} ms ({bad} bad)",
                    "≤ 2 s",
                    seconds <= 2 and not bad,
                )
            )
        path = Path(tmp) / f"p{args.rows}" / "takes.csv"
        queued = queue_seconds(path, Path(tmp) / "data-queue")
        rows.append(
            (f"queue {args.rows:,} takes (one transaction)", f"{queued * 1000:.0f} ms", "(reported)", True)
        )
        whole = cli_seconds(path, Path(tmp) / "data-cli")
        rows.append(("happyhorse-cli batch FILE.csv, end to end", f"{whole:.2f} s", "(reported)", True))
    ok = table(f"Batch import (median of {RUNS} runs)", rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
