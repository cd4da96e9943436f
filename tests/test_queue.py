"""The batch queue end to end against the simulator: the concurrency cap, back-off after transient
refusals, pauses for 402 and caps, never re-sending an unknown outcome, order and edits, and the end
of a run."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from enginekit import make_engine, running_engine
from imagegen import make_image
from kit import TEST_KEY, run, wait_for
from queuekit import TAKE_CREDITS, configure, creation_order, drained, posted_once, takes

from happyhorse_desktop.formatting import credits
from happyhorse_desktop.sandbox import EvoLinkSimulator, Fault
from happyhorse_desktop.tasks.queue_messages import pause_text
from happyhorse_desktop.tasks.queue_state import PauseKind
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.watch import SCAN_EVERY

URL_IMAGE = "https://cdn.example/horse.png"  # no upload: the POST is each take's first request


def test_at_most_n_run_at_once_and_every_take_is_sent_once(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    image = make_image(tmp_path / "a.png")
    summaries: list[tuple[str, int]] = []

    async def scenario() -> None:
        async with running_engine() as engine:
            engine.manager.sig_queue_drained.connect(lambda text, last: summaries.append((text, last)))
            configure(engine, concurrency=2)
            batch, ids = engine.manager.queue.enqueue(takes(image, 6), name="six")
            assert [engine.store.get(i).status for i in ids] == [TaskStatus.QUEUED] * 6  # type: ignore[union-attr]
            await drained(engine)
            await wait_for(lambda: summaries, 5)
            rows = engine.store.all()
            assert all(r.video_path and r.batch_id == batch.id for r in rows)

    run(scenario(), timeout=60)
    assert sim_env.max_running_seen[TEST_KEY] == 2  # the cap was used, and never passed
    assert len(sim_env.tasks) == 6 and posted_once(sim_env)
    # one picture: uploaded once, or by both takes sent together before either upload was cached
    assert sim_env.count("POST", "/api/v1/files/upload/stream") <= 2
    assert len(summaries) == 1
    text, last = summaries[0]
    assert "6 done, 0 failed" in text and f"{6 * TAKE_CREDITS:,.2f} credits" in text and last > 0


def test_a_server_that_punishes_the_cap_gets_its_takes_back_later(sim_env: EvoLinkSimulator) -> None:
    """The app allows 3 at once, the server only 1: every 429 puts the take back in the queue (not
    refused), nothing is sent before the back-off, and all takes end saved, each created once."""
    sim_env.max_running_per_key = 1
    sim_env.task_seconds = 0.4

    async def scenario() -> None:
        async with running_engine() as engine:
            engine.manager.queue.backoff_base = 0.1
            configure(engine, concurrency=3)
            engine.manager.queue.enqueue(takes(URL_IMAGE, 4))
            await drained(engine, 40)
            rows = engine.store.all()
            assert all(r.video_path for r in rows), [(r.status, r.error_message) for r in rows]

    run(scenario(), timeout=60)
    refused = [r for r in sim_env.requests if r.path == "/v1/videos/generations"]
    assert len(refused) > 4  # some were refused with 429 and sent again later
    assert len(sim_env.tasks) == 4 and posted_once(sim_env)
    assert sim_env.max_running_seen[TEST_KEY] == 1


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(
            lambda s: s.fail_requests("POST", "/v1/videos", 429, retry_after=0.3), id="429-retry-after"
        ),
        pytest.param(lambda s: s.fail_requests("POST", "/v1/videos", 503), id="503"),
        pytest.param(lambda s: s.refuse_connections(0.5), id="connection-refused"),
    ],
)
def test_a_transient_refusal_puts_the_take_back_with_a_back_off(sim_env: EvoLinkSimulator, fault) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[str, float | None, str | None]] = []

    async def scenario() -> None:
        async with running_engine() as engine:
            engine.client.retry.max_attempts = 1  # the queue's back-off, not the client's, is under test
            engine.manager.queue.backoff_base = 0.3
            engine.manager.sig_task_changed.connect(
                lambda i: seen.append(
                    (r.status, r.not_before, r.error_message)
                    if (r := engine.store.get(i))
                    else ("", None, None)
                )
            )
            fault(sim_env)
            _, (take,) = engine.manager.queue.enqueue(takes(URL_IMAGE, 1))
            record = await _saved(engine, take)
            assert record.error_message is None and record.not_before is None

    run(scenario(), timeout=30)
    back = [s for s in seen if s[0] == TaskStatus.QUEUED and s[1] is not None]
    assert back, seen  # it went back to the queue, with a time for the next try…
    assert "Back in the queue, nothing charged" in (back[0][2] or "")
    assert TaskStatus.REJECTED not in {s[0] for s in seen}  # …and was never refused
    assert len(sim_env.tasks) == 1 and posted_once(sim_env)


def test_402_pauses_the_queue_says_why_and_loses_nothing(sim_env: EvoLinkSimulator) -> None:
    sim_env.balance = TAKE_CREDITS * 1.5  # one take fits, the second does not

    async def scenario() -> None:
        async with running_engine() as engine:
            configure(engine, concurrency=1)
            notices: list[str] = []
            engine.manager.sig_notice.connect(notices.append)
            _, ids = engine.manager.queue.enqueue(takes(URL_IMAGE, 3))
            await wait_for(lambda: engine.manager.queue.state().paused, 15)
            state = engine.manager.queue.state()
            assert state.pause is not None and state.pause.kind is PauseKind.CREDITS
            assert "lack of credits" in pause_text(state.pause) and any(
                "lack of credits" in n for n in notices
            )
            second = engine.store.get(ids[1])
            assert second is not None and second.status == TaskStatus.QUEUED  # back in line, not failed
            assert engine.store.get(ids[2]).status == TaskStatus.QUEUED  # type: ignore[union-attr]
            sim_env.balance = 10_000.0  # topped up
            engine.manager.queue.resume()
            await drained(engine)
            assert all(r.video_path for r in engine.store.all())

    run(scenario(), timeout=40)
    assert len(sim_env.tasks) == 3 and posted_once(sim_env)


def test_an_unknown_outcome_is_never_put_back(sim_env: EvoLinkSimulator) -> None:
    sim_env.add_fault(Fault("drop", "POST", "/v1/videos", after=True))  # created, but the answer is lost

    async def scenario() -> None:
        async with running_engine() as engine:
            configure(engine, concurrency=1)
            _, ids = engine.manager.queue.enqueue(takes(URL_IMAGE, 2))
            await drained(engine)
            first, second = (engine.store.get(i) for i in ids)
            assert first is not None and second is not None
            assert first.status in (TaskStatus.UNKNOWN, TaskStatus.COMPLETED)  # unknown, or found and linked
            assert first.status == TaskStatus.UNKNOWN or "linked" in (first.error_message or "")
            assert second.video_path

    run(scenario(), timeout=40)
    assert len(sim_env.tasks) == 2 and posted_once(sim_env)  # the first take was never sent again


@pytest.mark.parametrize("cap", ["daily", "batch"])
def test_a_cap_pauses_the_queue_before_it_would_be_passed(sim_env: EvoLinkSimulator, cap: str) -> None:
    limit = TAKE_CREDITS * 2.5  # two takes fit, the third would pass the cap by half a take

    async def scenario() -> None:
        async with running_engine() as engine:
            configure(engine, concurrency=3, daily_cap=limit if cap == "daily" else None)
            budget = limit if cap == "batch" else None
            _, ids = engine.manager.queue.enqueue(takes(URL_IMAGE, 4), name="night run", budget=budget)
            await wait_for(lambda: engine.manager.queue.state().paused, 15)
            await wait_for(lambda: sum(1 for i in ids if engine.store.get(i).video_path) == 2, 15)  # type: ignore[union-attr]
            pause = engine.manager.queue.state().pause
            assert pause is not None
            assert pause.kind is (PauseKind.DAILY_CAP if cap == "daily" else PauseKind.BATCH_CAP)
            assert pause.over_by == pytest.approx(TAKE_CREDITS / 2)
            text = pause_text(pause)
            # figures as the reader's locale writes them (QLocale rounds half away from zero)
            assert f"{credits(limit)} credits" in text and f"by {credits(TAKE_CREDITS / 2)} credits" in text
            if cap == "batch":
                assert "night run" in text
            # The cap still holds after a resume (and across a restart: it lives in the history).
            engine.manager.queue.resume()
            await wait_for(lambda: engine.manager.queue.state().paused, 5)
            assert [engine.store.get(i).status for i in ids[2:]] == [TaskStatus.QUEUED] * 2  # type: ignore[union-attr]
        async with running_engine() as engine:
            assert engine.manager.queue.state().paused

    run(scenario(), timeout=40)
    assert len(sim_env.tasks) == 2 and sim_env.used <= limit


def test_the_queue_sends_in_the_order_the_user_set(sim_env: EvoLinkSimulator) -> None:
    async def scenario() -> None:
        engine = make_engine()
        configure(engine, concurrency=1)
        queue = engine.manager.queue
        _, ids = queue.enqueue(takes(URL_IMAGE, 5))
        queue.reorder([ids[1], ids[0]])  # swap the first two
        queue.move_to_top([ids[4]])
        edited = takes(URL_IMAGE, 1, prefix="edited")[0]
        assert queue.edit(ids[2], edited)
        assert queue.remove([ids[3]]) == [ids[3]]
        assert queue.remove([]) == [] and queue.dismiss([]) == []  # an empty selection changes nothing
        queue.reorder([])
        queue.move_to_top([])
        assert queue.sql.queued_ids() == [ids[4], ids[1], ids[0], ids[2]]
        engine.manager.start()
        try:
            await drained(engine)
            assert not queue.edit(ids[2], edited)  # sent: no longer editable
        finally:
            await engine.aclose()

    run(scenario(), timeout=40)
    assert creation_order(sim_env) == ["take 5", "take 2", "take 1", "edited 1"]


def test_a_take_stopped_before_sending_goes_back_to_the_queue(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    sim_env.add_fault(Fault("delay", "POST", "/api/v1/files/upload", delay=2.0))  # the upload hangs

    async def scenario() -> None:
        async with running_engine() as engine:
            _, (take,) = engine.manager.queue.enqueue(takes(make_image(tmp_path / "a.png"), 1))
            await wait_for(lambda: engine.store.get(take).status == TaskStatus.UPLOADING, 5)  # type: ignore[union-attr]
        assert engine.store.get  # closed, mid-upload: the take was interrupted before sending
        async with running_engine() as engine:  # the next start
            record = await _saved(engine, take)
            assert record.status == TaskStatus.COMPLETED

    run(scenario(), timeout=40)
    assert len(sim_env.tasks) == 1 and posted_once(sim_env)


def test_a_command_runs_for_each_saved_video(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    log = tmp_path / "ran.txt"
    script = "import sys; open(sys.argv[1], 'a', encoding='utf-8').write('|'.join(sys.argv[2:]) + chr(10))"
    command = f'"{sys.executable}" -c "{script}" "{log}" {{video}} {{task_id}} "{{prompt}}" seed={{seed}}'

    async def scenario() -> None:
        async with running_engine() as engine:
            configure(engine, on_finish=command)
            engine.manager.queue.enqueue(takes(URL_IMAGE, 2, prefix="a prompt; rm -rf"))
            await drained(engine)
            await wait_for(lambda: log.exists() and len(log.read_text().splitlines()) == 2, 10)
            by_seed = {r.seed: r for r in engine.store.all()}
            lines = sorted(log.read_text(encoding="utf-8").splitlines())
            for seed, line in zip((1, 2), lines, strict=True):
                record = by_seed[seed]
                assert line == f"{record.video_path}|{record.server_id}|a prompt; rm -rf {seed}|seed={seed}"

    run(scenario(), timeout=40)


async def _saved(engine, task_id: int):  # type: ignore[no-untyped-def]
    await wait_for(lambda: engine.store.get(task_id).video_path, 20)
    return engine.store.get(task_id)


def test_a_watched_folder_queues_each_new_picture_once(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    notices: list[str] = []

    async def scenario() -> None:
        async with running_engine() as engine:
            engine.manager.sig_notice.connect(notices.append)
            configure(engine, watch_folder=str(folder))
            (folder / "sunrise.txt").write_text("the horse wakes at sunrise\n", encoding="utf-8")
            make_image(folder / "sunrise.png")
            make_image(folder / "tiny.png", 100, 100)
            (folder / "notes.md").write_text("not a picture")
            await wait_for(lambda: any(r.video_path for r in engine.store.all()), 30)
            await wait_for(lambda: notices, 5)
            (take,) = engine.store.all()
            assert take.prompt == "the horse wakes at sunrise" and take.origin == "watch"
            assert take.image_source == str(folder / "sunrise.png") and take.batch_id is not None
            await asyncio.sleep(2 * SCAN_EVERY + 0.5)  # the folder is looked at again, twice
            assert len(engine.store.all()) == 1  # seen again and again, queued once

    run(scenario(), timeout=60)
    assert len(sim_env.tasks) == 1
    assert len(notices) == 1 and "tiny.png in the watched folder was not queued" in notices[0]
    assert "at least 300 px" in notices[0]
