"""Adversarial hunt, round three: saved videos the history forgets, and downloads that leave debris.

Each test reproduces one defect against the simulator on loopback and the real engine; each fails
until its defect is fixed.
"""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path
from typing import Any

from enginekit import params, running_engine, settle
from imagegen import make_image
from kit import run
from processkit import child_env, cli, rows, wait_until

from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

DAY = 24 * 3600.0


def slow_download(sim: EvoLinkSimulator) -> None:
    sim.result_size, sim.result_rate = 4_000_000, 1_000_000  # a four-second download


async def downloading(engine: Any, tmp_path: Path) -> TaskRecord:
    """Submit one task and return once its video has started to arrive."""
    receiving = asyncio.Event()
    engine.manager.sig_download_progress.connect(lambda _i, done, _t: done > 0 and receiving.set())
    record: TaskRecord = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
    await asyncio.wait_for(receiving.wait(), 20)
    return record


def test_an_output_folder_away_at_start_does_not_make_saved_videos_expire_for_good(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    """The videos live on an external drive or a network share that is not mounted yet when the app
    starts (or a terminal without macOS's permission for that folder runs the CLI: ``stat`` fails the
    same way). The start-up check takes every video as deleted: those older than a day become *expired*
    and their paths are erased. When the folder is back, the files are there but the history no longer
    knows them, and no later start looks again. A folder that is missing as a whole is not a deleted
    video: keep the paths (and say the folder is unreachable)."""
    videos = tmp_path / "videos"

    async def save_one() -> tuple[int, str]:
        async with running_engine() as engine:
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            record = await settle(engine, record.id)
            assert record.video_path
            return record.id, record.video_path

    task_id, saved = run(save_one())
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    store.update(task_id, completed_at=time.time() - 2 * DAY)  # saved the day before yesterday
    store.close()

    async def start_and_close() -> None:
        async with running_engine():
            await asyncio.sleep(2.0)  # the start-up check runs

    videos.rename(tmp_path / "unmounted")
    run(start_and_close())  # the drive is not there yet
    (tmp_path / "unmounted").rename(videos)
    assert Path(saved).is_file()
    run(start_and_close())  # it is back

    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    record = store.get(task_id)
    store.close()
    assert record is not None
    assert (record.status, record.video_path) == (TaskStatus.COMPLETED, saved)


def test_removing_a_task_while_its_video_downloads_leaves_no_partial_file(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    """Remove (with "Also delete the video file") while the video is downloading: the download stops,
    but its partial file (named for the lease, ``….mp4.t1.part``) stays in the output folder for ever,
    as large as the download had got; no later run knows it belongs to anything."""
    slow_download(sim_env)

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await downloading(engine, tmp_path)
            engine.manager.remove(record.id, delete_files=True)
            await asyncio.sleep(2.0)  # the worker thread notices at its next chunk

    run(scenario())
    assert sorted(p.name for p in (tmp_path / "videos").iterdir()) == []


def test_ctrl_c_while_the_video_downloads_says_the_video_is_not_saved(tmp_path: Path) -> None:
    """Ctrl-C in `happyhorse-cli submit --wait` while the finished video is downloading prints just
    "Interrupted. " — nothing about the paid task whose video is not on disk yet, who saves it, or that
    its link lasts 24 hours. Every other moment of Ctrl-C says where the task stands."""
    image = make_image(tmp_path / "a.png")
    with EvoLinkSimulator(task_seconds=0.3, result_size=4_000_000) as sim:
        sim.result_rate = 1_000_000  # a four-second download
        process = cli(child_env(sim, tmp_path), "submit", str(image), "--wait")
        wait_until(lambda: sim.count("GET", "/results/") == 1, 30, "the download")
        time.sleep(1.0)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
    (record,) = rows(tmp_path)
    assert record.status == TaskStatus.COMPLETED and not record.video_path  # the case under test
    said = err.strip().splitlines()[-1]
    assert record.server_id in said and "video" in said.lower(), said


def test_a_download_taken_over_by_another_process_leaves_no_partial_file(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    """Seen in the SIGSTOP campaign: this process is paused mid-download past its lease, another one takes
    the task over (and saves the video). When this one goes on and shuts down, its download is cancelled and
    its partial file — named for a lease it no longer holds — stays in the videos folder for ever: nobody
    resumes another lease's partial, and the task is final so nobody cleans it up."""
    slow_download(sim_env)

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await downloading(engine, tmp_path)
            other = TaskStore(tmp_path / "data" / "tasks.sqlite3")
            other.update(
                record.id, lease_owner="another-process", lease_token=99, lease_until=time.time() + 60
            )
            other.close()
        await asyncio.sleep(2.0)  # the worker thread notices the cancel at its next chunk

    run(scenario())
    assert sorted(p.name for p in (tmp_path / "videos").glob("*.part")) == []
