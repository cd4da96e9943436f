"""Paid work is sent once and recorded once — also when a process is paused past its lease, a POST's
answer is late or lost, or the user presses Ctrl-C. Each test reproduces one defect found by an
adversarial hunt (processes on one history, the real CLI, the simulator on loopback)."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import pytest
from enginekit import make_engine, params, running_engine
from imagegen import make_image
from kit import run, saved_as_served, wait_for
from processkit import (
    SYNTHETIC_HEAD,
    child_env,
    cli,
    engine_child,
    pause,
    payment_problems,
    resume,
    rows,
    wait_until,
)
from storekit import add

from happyhorse_desktop.api.models import GenerationRequest
from happyhorse_desktop.sandbox import EvoLinkSimulator, Fault
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import RECONCILED, TaskStore

LEASE = "1.5"
OTHER_KEY = "sk-evo-the-other-process"
UPLOADS = "/api/v1/files/upload/stream"
CREATE = "/v1/videos/generations"


def test_a_process_paused_while_uploading_never_posts_a_row_taken_over(tmp_path: Path) -> None:
    """Defect 1: submit --wait stopped past its lease mid-upload; another process takes the row over
    and sends it; when the first continues it must not POST the row again."""
    image = make_image(tmp_path / "a.png")
    with EvoLinkSimulator(task_seconds=0.5) as sim:
        sim.add_fault(Fault("delay", "POST", UPLOADS, delay=3.0))  # the first upload hangs on the server
        env = child_env(sim, tmp_path, HAPPYHORSE_LEASE_SECONDS=LEASE)
        first = cli(env, "submit", str(image), "--prompt", "first", "--wait")
        wait_until(lambda: sim.count("POST", UPLOADS) == 1, 30, "the first upload")
        pause(first)  # Ctrl-Z, laptop lid closed…
        other = engine_child(dict(env, EVOLINK_API_KEY=OTHER_KEY), image, total=2, per_run=1)
        out, err = other.communicate(timeout=60)
        assert "DONE" in out, err[-3000:]
        # the other process really took the paused row over and sent it
        senders = {
            r.json_body.get("prompt"): r.headers["authorization"] for r in sim.requests if r.path == CREATE
        }
        assert senders == {"first": f"Bearer {OTHER_KEY}", "crash test 2": f"Bearer {OTHER_KEY}"}
        resume(first)
        out, err = first.communicate(timeout=60)
        assert first.returncode == 0, err[-3000:]
        history = rows(tmp_path)
        assert len(history) == 2 and all(r.video_path for r in history)
        assert payment_problems(sim, history) == []
        assert sim.count("POST", CREATE) == 2
        for record in history:
            assert saved_as_served(Path(record.video_path or "").read_bytes(), sim.result_bytes)
    assert not list((tmp_path / "videos").glob("*.part"))


def test_a_process_paused_while_downloading_never_mixes_into_the_saved_video(tmp_path: Path) -> None:
    """Defect 2: two processes wrote one .part; the saved file differed from the server's."""
    image = make_image(tmp_path / "a.png")
    size = 3_000_000
    with EvoLinkSimulator(task_seconds=0.3, result_size=size) as sim:
        sim.result_rate = 1_500_000  # two seconds per download
        env = child_env(sim, tmp_path, HAPPYHORSE_LEASE_SECONDS=LEASE)
        first = cli(env, "submit", str(image), "--wait")
        wait_until(lambda: sim.count("GET", "/results/") == 1, 30, "the first download")
        time.sleep(0.5)  # part of the video is in the first process's partial file
        pause(first)
        other = engine_child(env, image, total=1, per_run=0)
        out, err = other.communicate(timeout=60)
        assert "DONE" in out, err[-3000:]
        assert sim.count("GET", "/results/") == 2  # the other process saved it while the first slept
        resume(first)
        out, err = first.communicate(timeout=60)
        assert first.returncode == 0, err[-3000:]
    (record,) = rows(tmp_path)
    video = Path(record.video_path or "")
    data = video.read_bytes()
    assert len(data) == size == record.video_size
    assert data[: len(SYNTHETIC_HEAD)] == SYNTHETIC_HEAD and not data[len(SYNTHETIC_HEAD) :].strip(b"\0")
    assert not list((tmp_path / "videos").glob("*.part"))


def _list_reply(tasks: list[dict[str, object]]) -> Fault:
    return Fault("json", "GET", "/v1/tasks", body={"data": tasks, "total": len(tasks), "page": 1})


@pytest.mark.parametrize("shows_prompt", [False, True], ids=["list-without-prompts", "list-with-prompts"])
def test_an_unknown_row_is_never_linked_to_another_rows_task(
    sim_env: EvoLinkSimulator, tmp_path: Path, shows_prompt: bool
) -> None:
    """Defect 3: row 1's POST never arrived, row 2's answer was lost; row 1 was linked to row 2's task."""
    now = time.time()
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    never_sent = add(
        store, prompt="one", idempotency_key="k1", status=TaskStatus.UNKNOWN, submitted_at=now - 4
    )
    lost = add(store, prompt="two", idempotency_key="k2", status=TaskStatus.UNKNOWN, submitted_at=now - 3)
    store.close()

    async def scenario() -> None:
        engine = make_engine()  # not started: this test alone decides when to reconcile
        charged = await engine.client.create_task(
            GenerationRequest("happyhorse-1.0-image-to-video", ("https://x/a.png",), "two"), "k2"
        )
        listed = {
            "id": charged.id,
            "created_at": charged.created,
            "model": "happyhorse-1.0-image-to-video",
            "status": "processing",
            **({"prompt": "two"} if shows_prompt else {}),
        }
        sim_env.add_fault(_list_reply([listed]))
        linked = await engine.manager.reconcile_unknown()
        assert engine.store.get(never_sent.id).server_id is None  # type: ignore[union-attr]
        row_two = engine.store.get(lost.id)
        assert row_two is not None
        if shows_prompt:  # exactly one row fits the task and the task fits only that row
            assert linked == 1 and row_two.server_id == charged.id
        else:  # both rows fit: a guess could hide the charged task, so neither is linked
            assert linked == 0 and row_two.server_id is None
        await engine.aclose()

    run(scenario())


def test_reconciliation_never_takes_a_task_whose_post_is_still_on_the_wire(tmp_path: Path) -> None:
    """Defect 4: start-up matching claimed the new row's task for an old unknown row; the new row's own
    answer then broke the unique server id and the CLI died with an IntegrityError."""
    image = make_image(tmp_path / "a.png")
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    old = add(store, prompt="old", status=TaskStatus.UNKNOWN, submitted_at=time.time() - 20)
    store.close()
    with EvoLinkSimulator(task_seconds=5) as sim:
        sim.add_fault(Fault("delay", "GET", "/v1/tasks", delay=0.3))  # an ordinary list latency
        sim.add_fault(Fault("delay", "POST", CREATE, delay=0.6, after=True))  # registered, answered late
        process = cli(child_env(sim, tmp_path), "submit", str(image), "--prompt", "new")
        _out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err[-3000:]
        assert "IntegrityError" not in err and "Traceback" not in err
        (task,) = sim.tasks.values()
    by_id = {r.id: r for r in rows(tmp_path)}
    assert by_id[old.id].status == TaskStatus.UNKNOWN and by_id[old.id].server_id is None
    new = next(r for r in by_id.values() if r.id != old.id)
    assert new.server_id == task.id and new.status in (TaskStatus.PENDING, TaskStatus.PROCESSING)


def test_a_late_answer_takes_its_task_back_from_a_wrong_link(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    """If another process linked this POST's task to an unknown row, the POST's own answer wins and the
    other row goes back to unknown — in one transaction, never an IntegrityError."""
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    sending = add(store, status=TaskStatus.SUBMITTING, lease_owner="me", lease_until=time.time() + 30)
    wrong = add(  # linked by reconciliation: a match, which the POST's own answer outranks
        store,
        status=TaskStatus.COMPLETED,
        server_id="task-unified-1-aaaaaaaa",
        results=["https://x"],
        error_code=RECONCILED,
        lease_owner="another-process",
    )
    outcome = store.record_server_id(sending.id, "me", 0, "task-unified-1-aaaaaaaa", "back to unknown")
    assert outcome is not None and outcome.unlinked == wrong.id and outcome.conflict_with is None
    assert store.get(sending.id).server_id == "task-unified-1-aaaaaaaa"  # type: ignore[union-attr]
    moved = store.get(wrong.id)
    assert moved is not None and moved.status == TaskStatus.UNKNOWN and moved.server_id is None
    assert moved.error_message == "back to unknown" and moved.results == []
    assert moved.lease_owner is None and moved.lease_token == wrong.lease_token + 1  # taken from its holder
    store.close()


def test_ctrl_c_before_sending_keeps_the_row_for_the_user_and_no_other_process_sends_it(
    tmp_path: Path,
) -> None:
    """Defect 5: a row interrupted during its upload was later POSTed by an unrelated `submit`, which then
    exited mid-POST: a task billed that the history called "submitting"."""
    first_image, second_image = make_image(tmp_path / "a.png"), make_image(tmp_path / "b.png", 800, 600)
    with EvoLinkSimulator(task_seconds=0.5) as sim:
        sim.add_fault(Fault("delay", "POST", UPLOADS, delay=3.0))
        env = child_env(sim, tmp_path)
        first = cli(env, "submit", str(first_image))
        wait_until(lambda: sim.count("POST", UPLOADS) == 1, 30, "the upload")
        first.send_signal(signal.SIGINT)
        _out, err = first.communicate(timeout=30)
        assert first.returncode == 130, err[-3000:]
        assert "Interrupted before it was sent: nothing was charged" in err and "Submit now" in err
        assert "happyhorse-cli send" in err and "happyhorse-cli discard" in err
        later = cli(env, "submit", str(second_image))
        _out, err = later.communicate(timeout=60)
        assert later.returncode == 0, err[-3000:]
        assert sim.count("POST", CREATE) == 1  # only the second row's own POST
    history = {r.image_source: r for r in rows(tmp_path)}
    assert history[str(first_image)].status == TaskStatus.INTERRUPTED
    assert history[str(first_image)].server_id is None and not history[str(first_image)].lease_owner
    assert history[str(second_image)].server_id


def test_a_submission_interrupted_in_the_app_is_sent_only_when_the_user_says_so(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    image = make_image(tmp_path / "a.png")
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    row = add(store, image_sources=[str(image)], status=TaskStatus.INTERRUPTED)
    store.close()

    async def scenario() -> None:
        async with running_engine() as engine:
            await engine.manager.wait_idle(2)
            assert engine.store.get(row.id).status == TaskStatus.INTERRUPTED  # type: ignore[union-attr]
            assert sim_env.count("POST", CREATE) == 0
            assert engine.manager.send_interrupted(row.id)
            await wait_for(lambda: engine.store.get(row.id).video_path, 15)  # type: ignore[union-attr]

    run(scenario())
    assert sim_env.count("POST", CREATE) == 1


def test_a_terminal_user_sends_or_discards_an_interrupted_row(tmp_path: Path) -> None:
    """The terminal's "Submit now" and "Discard": `send ID` POSTs the interrupted row once (and stays until
    the POST is answered, also without --wait), `discard ID` removes one without sending it; neither
    touches a row that was not interrupted."""
    image = make_image(tmp_path / "a.png")
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    to_send = add(store, image_sources=[str(image)], status=TaskStatus.INTERRUPTED, prompt="send me")
    to_drop = add(store, image_sources=[str(image)], status=TaskStatus.INTERRUPTED, prompt="drop me")
    store.close()
    with EvoLinkSimulator(task_seconds=0.3) as sim:
        sim.add_fault(Fault("delay", "POST", CREATE, delay=1.0, after=True))  # the answer takes a while
        env = child_env(sim, tmp_path)
        sent = cli(env, "send", str(to_send.id))
        _out, err = sent.communicate(timeout=60)
        assert sent.returncode == 0, err[-3000:]
        again = cli(env, "send", str(to_send.id))
        _out, err = again.communicate(timeout=60)
        assert again.returncode == 2 and "not interrupted" in err, err[-3000:]
        dropped = cli(env, "discard", str(to_drop.id))
        _out, err = dropped.communicate(timeout=60)
        assert dropped.returncode == 0 and "discarded" in err, err[-3000:]
        assert sim.count("POST", CREATE) == 1
    history = {r.prompt: r for r in rows(tmp_path)}
    assert set(history) == {"send me"}
    assert history["send me"].server_id  # recorded before `send` ended, without --wait


def test_closing_while_a_post_is_on_the_wire_waits_for_its_answer(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    """Closing the window (or Ctrl-C) right after the server received the POST records the task id
    instead of leaving the row unknown."""
    sim_env.add_fault(Fault("delay", "POST", CREATE, delay=1.5, after=True))

    async def scenario() -> None:
        async with running_engine() as engine:
            sending = asyncio.ensure_future(engine.manager.submit(params(make_image(tmp_path / "a.png"))))
            await wait_for(lambda: sim_env.count("POST", CREATE) == 1, 10)
        # leaving the block closed the engine while the answer was still over a second away
        assert sending.done()

    run(scenario())
    (record,) = rows(tmp_path)
    (task,) = sim_env.tasks.values()
    assert record.server_id == task.id and record.status != TaskStatus.UNKNOWN


def test_a_200_reply_carrying_an_error_shows_the_servers_code_and_message(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    """Defect 12: the error envelope in a 200 was reported as "the connection ended"."""
    envelope = {"error": {"code": "insufficient_quota", "message": "Balance too low for this task"}}
    sim_env.add_fault(Fault("json", "POST", CREATE, body=envelope))

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            assert record.status == TaskStatus.UNKNOWN  # nobody can tell whether the server acted
            message = record.error_message or ""
            assert "insufficient_quota" in message and "Balance too low for this task" in message
            assert "connection ended" not in message

    run(scenario())
