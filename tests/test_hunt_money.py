"""Adversarial hunt, round three: ways to pay for a task the history then loses or calls by the wrong name.

Each test reproduces one defect against the simulator on loopback, the real engine, the real window or
the real ``happyhorse-cli`` in a child process; each fails until its defect is fixed.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from pathlib import Path

import pytest
from enginekit import make_engine, params, running_engine, settle
from guikit import close_window, drop_picture, open_window, row_record, run_qt
from imagegen import make_image
from kit import run, wait_for
from processkit import child_env, cli, disk_full, payment_problems, rows, wait_until
from PySide6.QtWidgets import QMessageBox

from happyhorse_desktop.sandbox import EvoLinkSimulator, Fault
from happyhorse_desktop.tasks.status import TaskStatus

CREATE = "/v1/videos/generations"
UPLOADS = "/api/v1/files/upload/stream"


def test_a_replayed_create_answer_never_takes_the_task_of_another_row(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    """A create answer that names a task the history already holds for another row (a caching proxy
    replaying the last answer, a gateway mixing up replies) must not move that task away from the row
    whose own POST created it. Today the older row — charged, its video saved — turns *unknown* ("check
    your dashboard; re-run it only if it is not there"), its video forgotten, and the new row saves the
    old video under its own prompt."""

    async def scenario() -> None:
        async with running_engine() as engine:
            first = await engine.manager.submit(params(make_image(tmp_path / "a.png"), prompt="first"))
            first = await settle(engine, first.id)
            assert first.video_path
            (charged,) = sim_env.tasks.values()
            sim_env.add_fault(Fault("json", "POST", CREATE, body=sim_env.task_body(charged)))
            second = await engine.manager.submit(
                params(make_image(tmp_path / "b.png", 800, 600), prompt="second")
            )
            await engine.manager.wait_idle(10)
            kept = engine.store.get(first.id)
            assert kept is not None
            assert (kept.server_id, kept.status, kept.video_path) == (
                charged.id,
                TaskStatus.COMPLETED,
                first.video_path,
            )
            replayed = engine.store.get(second.id)
            assert replayed is not None
            # Nobody can tell whether the second POST created anything: its outcome is unknown.
            assert replayed.server_id is None and replayed.status == TaskStatus.UNKNOWN

    run(scenario())


def test_closing_never_sends_a_submission_that_was_still_uploading(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    """Closing waits (bounded) for a POST already on the wire. Meanwhile another submission's upload
    finishes, and today it is POSTed *after* the user closed the app, then abandoned mid-request when
    the wait ends: a task the server may have billed, left *unknown*. A submission still uploading when
    the app closes must become *interrupted* (nothing charged), as the architecture promises."""
    sim_env.add_fault(Fault("delay", "POST", CREATE, delay=3.0, after=True, times=2))
    first_image, second_image = make_image(tmp_path / "a.png"), make_image(tmp_path / "b.png", 800, 600)

    async def scenario() -> None:
        engine = make_engine()
        engine.manager.start()
        first = asyncio.ensure_future(engine.manager.submit(params(first_image, prompt="first")))
        await wait_for(lambda: sim_env.count("POST", CREATE) == 1)
        sim_env.add_fault(Fault("delay", "POST", UPLOADS, delay=1.0))  # the second upload takes a second
        second = asyncio.ensure_future(engine.manager.submit(params(second_image, prompt="second")))
        await wait_for(lambda: sim_env.count("POST", UPLOADS) == 2)
        await engine.aclose()  # the window is closed while the second picture is still uploading
        await asyncio.gather(first, second, return_exceptions=True)

    run(scenario())
    assert [t.prompt for t in sim_env.tasks.values()] == ["first"]
    history = {r.prompt: r for r in rows(tmp_path)}
    assert history["first"].server_id and history["first"].status != TaskStatus.UNKNOWN
    assert history["second"].status == TaskStatus.INTERRUPTED and history["second"].server_id is None


def test_removing_a_task_whose_request_is_on_the_wire_leaves_no_charged_task_outside_the_history(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The window offers Remove on a row that is *submitting*. Removing it cancels its POST mid-request:
    the server creates and bills the task, and no row holds it. A row whose request is on the wire
    cannot be removed (the action is disabled, or refused with a message) until its answer is recorded."""
    sim_env.add_fault(Fault("delay", "POST", CREATE, delay=1.5, after=True))  # created, answered late

    async def scenario() -> None:
        window = await open_window(qtbot)
        await drop_picture(window, make_image(tmp_path / "a.png"))
        window.submit()
        await wait_for(lambda: sim_env.count("POST", CREATE) == 1, 10)
        await wait_for(lambda: window.model.rowCount() == 1, 5)
        await wait_for(lambda: row_record(window, 0).status == TaskStatus.SUBMITTING, 5)
        window.task_view.selectRow(0)
        if window.actions.remove.isEnabled():
            window.actions.remove.trigger()
            box = window.findChild(QMessageBox, "removeBox")
            assert box is not None
            next(b for b in box.buttons() if b.text() == "Remove").click()
        await wait_for(lambda: len(sim_env.tasks) == 1, 10)
        await asyncio.sleep(2.0)  # the answer has arrived by now
        await close_window(window)

    run_qt(qloop, scenario())
    assert payment_problems(sim_env, rows(tmp_path)) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prlimit is Linux's")
def test_a_full_disk_when_the_answer_arrives_never_loses_the_task_id(tmp_path: Path) -> None:
    """The disk fills (a big download, say) while a POST is on the wire. Writing the answer fails; today
    the CLI dies with a traceback (``cannot rollback - no transaction is active``, which even hides
    SQLite's own "disk I/O error"), the row stays *submitting* for good and the charged task is in no
    row. A write that must not be lost waits for the disk as it waits for a lock, then records the id."""
    image = make_image(tmp_path / "a.png")
    with EvoLinkSimulator(task_seconds=0.5) as sim:
        sim.add_fault(Fault("delay", "POST", CREATE, delay=1.5, after=True))
        process = cli(child_env(sim, tmp_path), "submit", str(image))
        wait_until(lambda: sim.count("POST", CREATE) == 1, 30, "the POST")
        with disk_full(process):
            time.sleep(4.0)  # the answer arrives while nothing can be written
        _out, err = process.communicate(timeout=60)
        (task,) = sim.tasks.values()
    assert process.returncode == 0, err[-3000:]
    assert "Traceback" not in err
    (record,) = rows(tmp_path)
    assert record.server_id == task.id and record.status != TaskStatus.SUBMITTING


def _ctrl_c_twice(process) -> None:  # type: ignore[no-untyped-def]
    process.send_signal(signal.SIGINT)
    time.sleep(0.3)  # impatient: the first Ctrl-C is waiting for the answer
    process.send_signal(signal.SIGINT)


@pytest.mark.parametrize(
    "stop",
    [
        pytest.param(lambda p: p.send_signal(signal.SIGKILL), id="killed"),
        pytest.param(lambda p: p.send_signal(signal.SIGHUP), id="terminal-closed"),
        pytest.param(_ctrl_c_twice, id="ctrl-c-twice"),
    ],
)
def test_a_cli_stopped_mid_post_is_not_left_submitting_for_good(tmp_path: Path, stop) -> None:  # type: ignore[no-untyped-def]
    """`happyhorse-cli submit` stopped while its POST is on the wire (killed, its terminal closed, Ctrl-C
    pressed twice) leaves the row *submitting* with a dead owner. Only the window adopts such a row; for
    someone who uses the CLI alone it stays *submitting* for ever: its charged task is never looked for,
    and — since nothing is linked while any row is *submitting* — no other unknown row is ever
    reconciled either. The next `submit --wait` must treat it as the window does (unknown, then found
    on the server by exact match); that sends nothing."""
    first_image, second_image = make_image(tmp_path / "a.png"), make_image(tmp_path / "b.png", 800, 600)
    with EvoLinkSimulator(task_seconds=0.5) as sim:
        sim.add_fault(Fault("delay", "POST", CREATE, delay=3.0, after=True))
        env = child_env(sim, tmp_path)
        first = cli(env, "submit", str(first_image), "--prompt", "stopped")
        wait_until(lambda: sim.count("POST", CREATE) == 1, 30, "the first POST")
        stop(first)
        first.communicate(timeout=30)
        wait_until(lambda: len(sim.tasks) == 1, 10, "the first task on the server")
        (charged,) = sim.tasks.values()
        sim.task_seconds = 8.0  # the second task runs long enough for start-up reconciliation
        later = cli(env, "submit", str(second_image), "--prompt", "later", "--wait")
        _out, err = later.communicate(timeout=90)
        assert later.returncode == 0, err[-3000:]
        history = {r.prompt: r for r in rows(tmp_path)}
        assert history["stopped"].status != TaskStatus.SUBMITTING
        assert history["stopped"].server_id == charged.id
        assert payment_problems(sim, list(history.values())) == []


def test_a_history_deleted_under_the_running_app_loses_no_paid_task(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    """The history file is deleted while the app runs (the user "starts fresh" by deleting the data
    folder with the app still in the tray, a cleaner, an uninstaller's "remove my data" run too early).
    SQLite keeps writing into the deleted file: the app submits, is charged, saves the video, and the
    next start — or any CLI meanwhile — opens a new, empty history: the paid task is in none. The app
    must notice its history is gone before it spends money (refuse with a clear message, or write to
    a history the next start finds)."""

    async def scenario() -> None:
        async with running_engine() as engine:
            for part in (tmp_path / "data").glob("tasks.sqlite3*"):
                part.unlink()
            try:
                record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            except Exception as refused:  # refusing to send, with a message, is one acceptable answer
                assert str(refused)
                return
            await settle(engine, record.id)

    run(scenario())
    assert payment_problems(sim_env, rows(tmp_path)) == []
