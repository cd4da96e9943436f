"""Adversarial hunt, round three: states a task gets stuck in, so its video is never saved (or its
submission dropped) although nothing is wrong with it on the server.

Each test reproduces one defect against the simulator on loopback and the real engine, window or CLI;
each fails until its defect is fixed.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path

import pytest
from enginekit import params, running_engine, settle
from guikit import close_window, open_window, run_qt
from imagegen import make_image
from kit import run, wait_for
from processkit import child_env, cli, cli_with_clock, clock_back, rows, share_history, wait_until

from happyhorse_desktop.sandbox import EvoLinkSimulator, Fault
from happyhorse_desktop.tasks.status import TaskStatus

CREATE = "/v1/videos/generations"
UPLOADS = "/api/v1/files/upload/stream"


def test_tracking_stopped_and_resumed_in_the_window_while_the_cli_follows_the_task(
    qtbot, qloop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """`happyhorse-cli submit --wait` follows a task; in the window the user presses Stop tracking, then
    Resume tracking. The CLI's poller drops the task but its lease stays renewed, so the window cannot
    take the task, and the CLI never polls it again: nobody follows it, the CLI waits for ever, the
    video is never saved. Whoever holds a task must work on it or let it go."""
    image = make_image(tmp_path / "a.png")
    with EvoLinkSimulator(task_seconds=4.0) as sim:
        env = child_env(sim, tmp_path)
        share_history(monkeypatch, env)
        follower = cli(env, "submit", str(image), "--wait")

        async def scenario() -> None:
            window = await open_window(qtbot)
            store = window.engine.store
            await wait_for(lambda: window.model.rowCount() == 1 and (store.get(1) or None), 30)
            await wait_for(lambda: store.get(1).server_id, 10)  # type: ignore[union-attr]
            window.task_view.selectRow(0)
            await wait_for(window.actions.stop.isEnabled, 5)
            window.actions.stop.trigger()
            await wait_for(lambda: not store.get(1).tracking, 5)  # type: ignore[union-attr]
            await asyncio.sleep(1.0)  # the CLI's next poll sees it is no longer tracked
            window.task_view.selectRow(0)
            await wait_for(window.actions.resume.isEnabled, 5)
            window.actions.resume.trigger()
            try:
                await wait_for(lambda: store.get(1).video_path, 15)  # type: ignore[union-attr]
            finally:
                await close_window(window)

        try:
            run_qt(qloop, scenario(), 60)
            _out, err = follower.communicate(timeout=30)
        finally:
            if follower.poll() is None:
                follower.kill()
                follower.communicate()
        assert follower.returncode == 0, err[-3000:]


def _cut_mid_upload(sim: EvoLinkSimulator, engine) -> None:  # type: ignore[no-untyped-def]
    sim.add_fault(Fault("delay", "POST", UPLOADS, delay=1.0))

    async def cut() -> None:
        await wait_for(lambda: sim.count("POST", UPLOADS) == 1)
        sim.refuse_connections(6.0)

    engine.manager.jobs.spawn(cut(), "network cut")


def _cut_at_the_post(sim: EvoLinkSimulator, engine) -> None:  # type: ignore[no-untyped-def]
    cut: list[int] = []

    def changed(task_id: int) -> None:
        record = engine.store.get(task_id)
        if record is not None and record.status == TaskStatus.SUBMITTING and not cut:
            cut.append(task_id)
            sim.refuse_connections(6.0)  # before the POST's connection opens: it provably never left

    engine.manager.sig_task_changed.connect(changed)


@pytest.mark.parametrize(
    "cut",
    [pytest.param(_cut_mid_upload, id="mid-upload"), pytest.param(_cut_at_the_post, id="at-the-post")],
)
def test_a_short_network_cut_while_sending_does_not_drop_the_submission(
    sim_env: EvoLinkSimulator, tmp_path: Path, cut
) -> None:  # type: ignore[no-untyped-def]
    """A six-second outage while a submission is being sent — during the upload, or just as the POST
    opens its connection (nothing reached the server: the POST provably never left) — ends the
    submission as *rejected* ("Could not reach EvoLink") within a second or two. Nothing was charged, so
    it is safe to wait: the architecture says sends wait for the network and no task fails because of
    an outage. The submission must go through once the network is back, with exactly one POST."""

    async def scenario() -> None:
        async with running_engine() as engine:
            cut(sim_env, engine)
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            record = await settle(engine, record.id, 40)
            assert record.status == TaskStatus.COMPLETED and record.video_path, record.error_message

    run(scenario(), 60)
    assert sim_env.count("POST", CREATE) == 1


def test_an_output_folder_whose_name_is_not_utf8_is_said_not_looped_on(
    sim_env: EvoLinkSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An output folder whose name is not valid UTF-8 (an old Latin-1 name on Linux, given in
    HAPPYHORSE_OUTPUT_DIR). The video downloads, then recording its path raises UnicodeEncodeError:
    the job dies, adoption starts it again, and the whole video is fetched again and again, with no
    reason on the row (the CLI's `--wait` says nothing and waits for ever). The row must say why the
    video is not saved, and the app must not download it in a loop."""
    folder = os.fsdecode(os.fsencode(str(tmp_path)) + b"/vid\xe9os")  # "vidéos" in Latin-1
    monkeypatch.setenv("HAPPYHORSE_OUTPUT_DIR", folder)

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            await wait_for(
                lambda: (r := engine.store.get(record.id)) and r.status == TaskStatus.COMPLETED, 15
            )
            await asyncio.sleep(5.0)
            shown = engine.store.get(record.id)
            assert shown is not None
            assert shown.video_path or shown.download_error, "no video and no reason given"
            assert sim_env.count("GET", "/results/") <= 3, "the video is downloaded again and again"

    run(scenario(), 60)


def test_a_clock_set_back_while_a_download_waits_to_retry_does_not_stall_it(tmp_path: Path) -> None:
    """A download fails once (the CDN answers 503) and is retried two seconds later. If the system clock
    is set back meanwhile (NTP correcting a wrong clock; a dual-boot PC whose hardware clock keeps local
    time is off by the time zone, eight hours in China), the retry finds its wall-clock "not before"
    time an hour away and gives up; nothing tries again before the clock catches up, and
    `submit --wait` sits silent for that hour. Waiting must not depend on the wall clock. (The poller's
    pause after a refused key, ``_auth_failed_until``, has the same flaw.)"""
    image = make_image(tmp_path / "a.png")
    with EvoLinkSimulator(task_seconds=0.5) as sim:
        sim.add_fault(Fault("status", "GET", "/results/", status=503, body={}))
        env = dict(child_env(sim, tmp_path), HAPPYHORSE_POLL_INTERVAL="1.0")  # first retry after 2 s
        process = cli_with_clock(env, "submit", str(image), "--wait")
        try:
            wait_until(
                lambda: (r := rows(tmp_path)) and r[0].download_error, 30, "the first download to fail"
            )
            clock_back(process)
            _out, err = process.communicate(timeout=12)
        except subprocess.TimeoutExpired:
            err = "still waiting 12 s after the clock was set back"
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        assert process.returncode == 0, err[-3000:]
        assert sim.count("GET", "/results/") == 2
    (record,) = rows(tmp_path)
    assert record.video_path and Path(record.video_path).is_file()


@pytest.mark.parametrize(
    ("fault", "tasks"),
    [
        pytest.param(Fault("html", "GET", "/v1/tasks/", status=404, times=3), 1, id="gateway-404-pages"),
        pytest.param(
            Fault("json", "POST", "/v1/tasks/batch", body={"data": []}, times=3), 2, id="empty-batch"
        ),
    ],
)
def test_a_few_odd_poll_answers_do_not_abandon_a_running_paid_task(
    sim_env: EvoLinkSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: Fault, tasks: int
) -> None:
    """Three poll answers in a row that do not show the task — a gateway's HTML 404 page during a
    deploy (not EvoLink's ``task_not_found``), or a batch reply that leaves the tasks out (replica lag,
    a truncated reply) — mark a task the server created, is running and has billed as *failed* ("EvoLink
    no longer knows this task"). It is never polled again, and *failed* is final: nothing offers to
    resume it. Its video is never saved. A task with a server id stays followed through such answers."""
    sim_env.task_seconds = 4.0
    monkeypatch.setenv("HAPPYHORSE_POLL_INTERVAL", "0.5")  # tasks due within 0.25 s share one batch
    images = [make_image(tmp_path / f"{n}.png", 640 + n, 480) for n in range(tasks)]

    async def scenario() -> None:
        async with running_engine() as engine:
            records = await asyncio.gather(*(engine.manager.submit(params(i)) for i in images))
            sim_env.add_fault(fault)
            for record in records:
                settled = await settle(engine, record.id, 30)
                assert settled.video_path, settled.error_message

    run(scenario(), 60)
    assert fault.times == 0  # the odd answers were really given
