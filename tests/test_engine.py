"""The task manager end to end against the simulator: submit, poll, download, resume, faults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from enginekit import make_engine, params, running_engine, settle
from imagegen import make_image
from kit import TEST_KEY, run, saved_as_served, wait_for
from storekit import add

from happyhorse_desktop.sandbox import EvoLinkSimulator, Fault
from happyhorse_desktop.tasks.downloader import looks_like_mp4
from happyhorse_desktop.tasks.params import InvalidSubmission
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore


def test_submit_poll_download_with_sidecar(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    image = make_image(tmp_path / "in put ñ.png")  # spaces and non-ASCII in the path
    events: list[tuple[str, int]] = []

    async def scenario() -> None:
        engine = make_engine()
        engine.manager.sig_task_completed.connect(lambda i: events.append(("completed", i)))
        engine.manager.sig_task_added.connect(lambda i: events.append(("added", i)))
        engine.manager.start()
        record = await engine.manager.submit(params(image, prompt="A horse gallops, 马", seed=42, duration=3))
        assert record.server_id and record.status in ("pending", "processing")
        assert record.credits_reserved == round(12.15 * 3 * 10000)
        record = await settle(engine, record.id)
        assert record.status == TaskStatus.COMPLETED and record.progress == 100
        video = Path(record.video_path or "")
        assert video.parent == tmp_path / "videos" and looks_like_mp4(video)
        assert saved_as_served(video.read_bytes(), sim_env.result_bytes)
        assert "seed42" in video.name and "a-horse-gallops" in video.name
        sidecar = json.loads(Path(record.sidecar_path or "").read_text())
        assert sidecar["task_id"] == record.server_id and sidecar["seed"] == 42
        assert sidecar["parameters"] == {"quality": "720p", "duration": 3, "seed": 42}
        assert sidecar["credits_reserved"] == pytest.approx(36.45)
        assert not list(video.parent.glob("*.part"))
        await engine.aclose()

    run(scenario())
    assert events == [("added", 1), ("completed", 1)]
    assert sim_env.count("POST", "/v1/videos/generations") == 1
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 1
    assert sim_env.count("GET", "/results/") == 1


def test_image_url_is_sent_as_is(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_engine() as engine:
            # an image the simulator itself hosts: upload it out of band, then submit its URL
            upload = await engine.client.upload_image(
                make_image(tmp_path / "u.png").read_bytes(), "u.png", "image/png"
            )
            record = await engine.manager.submit(params(upload.file_url))
            record = await settle(engine, record.id)
            assert record.video_path and record.image_urls == [upload.file_url]

    run(scenario())
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 1  # only the out-of-band one


def test_same_image_is_uploaded_once(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    image = make_image(tmp_path / "a.jpg")

    async def scenario() -> None:
        async with running_engine() as engine:
            first = await engine.manager.submit(params(image, seed=1))
            second = await engine.manager.submit(params(image, seed=2))
            assert first.image_urls == second.image_urls and first.image_sha256 == second.image_sha256
            for r in (first, second):
                await settle(engine, r.id)

    run(scenario())
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 1


def test_restart_mid_task_resumes_and_downloads_once(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    sim_env.task_seconds = 1.5
    image = make_image(tmp_path / "a.png")

    async def first_run() -> int:
        engine = make_engine()
        engine.manager.start()
        record = await engine.manager.submit(params(image))
        await engine.aclose()  # the window closes while the task runs
        return record.id

    async def second_run(task_id: int) -> None:
        engine = make_engine()
        assert engine.store.get(task_id).status in ("pending", "processing")  # type: ignore[union-attr]
        engine.manager.start()
        record = await settle(engine, task_id)
        assert record.status == TaskStatus.COMPLETED and record.video_path
        await engine.aclose()

    task_id = run(first_run())
    run(second_run(task_id))

    async def third_run() -> None:  # a later start has nothing to do for a saved task
        async with running_engine() as engine:
            await engine.manager.wait_idle(5)

    run(third_run())
    assert sim_env.count("POST", "/v1/videos/generations") == 1
    assert sim_env.count("GET", "/results/") == 1
    assert len(list((tmp_path / "videos").glob("*.mp4"))) == 1


def test_crash_without_releasing_the_lease_is_taken_over(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    image = make_image(tmp_path / "a.png")

    async def crash() -> int:
        engine = make_engine(lease_seconds=0.5)
        engine.manager.start()
        record = await engine.manager.submit(params(image))
        # Sudden death: every loop and job stops, no lease is released, the history is just closed.
        await engine.manager.jobs.cancel_all()
        engine.store.close()
        return record.id

    async def restart(task_id: int) -> None:
        engine = make_engine(lease_seconds=0.5)
        engine.manager.start()
        record = await settle(engine, task_id)
        assert record.video_path
        await engine.aclose()

    run(restart(run(crash())))
    assert sim_env.count("POST", "/v1/videos/generations") == 1


def row_left_by_a_crash(tmp_path: Path, image: Path, status: TaskStatus):  # type: ignore[no-untyped-def]
    """A task row as a crash leaves it: written, in ``status``, with nobody working on it."""
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    row = add(store, image_sources=[str(image)], status=status)
    store.close()
    return row


def test_crash_after_post_left_unknown_never_resubmitted(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    image = make_image(tmp_path / "a.png")
    row = row_left_by_a_crash(tmp_path, image, TaskStatus.SUBMITTING)

    async def scenario() -> None:
        async with running_engine() as engine:
            await wait_for(lambda: engine.store.get(row.id).status == TaskStatus.UNKNOWN)  # type: ignore[union-attr]
            assert "NOT re-sent" in (engine.store.get(row.id).error_message or "")  # type: ignore[union-attr]

    run(scenario())
    assert sim_env.count("POST", "/v1/videos/generations") == 0


def test_crash_before_post_finishes_the_submission(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    image = make_image(tmp_path / "a.png")
    row = row_left_by_a_crash(tmp_path, image, TaskStatus.UPLOADING)

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await settle(engine, row.id)
            assert record.video_path

    run(scenario())
    assert sim_env.count("POST", "/v1/videos/generations") == 1


@pytest.mark.parametrize(
    ("setup", "status", "code_fragment", "posts"),
    [
        # a wrong key is already refused by the upload, so the generation POST is never sent
        (lambda s: setattr(s, "api_key", "sk-evo-someone-else"), TaskStatus.REJECTED, "unauthorized", 0),
        (lambda s: s.fail_requests("POST", "/v1/videos", 401), TaskStatus.REJECTED, "unauthorized", 1),
        (lambda s: setattr(s, "balance", 1.0), TaskStatus.REJECTED, "insufficient_quota", 1),
        (
            lambda s: s.fail_requests("POST", "/v1/videos", 403, code="model_access_denied"),
            TaskStatus.REJECTED,
            "model_access_denied",
            1,
        ),
        (
            lambda s: s.fail_requests("POST", "/v1/videos", 429, retry_after=1),
            TaskStatus.REJECTED,
            "rate_limit",
            1,
        ),
        (
            lambda s: s.add_fault(Fault("malformed", "POST", "/v1/videos")),
            TaskStatus.UNKNOWN,
            "unknown_outcome",
            1,
        ),
        (
            lambda s: s.add_fault(Fault("drop", "POST", "/v1/videos", after=True)),
            TaskStatus.UNKNOWN,
            "unknown_outcome",
            1,
        ),
        (lambda s: s.fail_requests("POST", "/v1/videos", 503), TaskStatus.REJECTED, "service_unavailable", 1),
        (
            lambda s: s.fail_next_task("content_policy_violation"),
            TaskStatus.FAILED,
            "content_policy_violation",
            1,
        ),
    ],
)
def test_submission_faults(
    sim_env: EvoLinkSimulator,
    tmp_path: Path,
    setup,
    status: str,  # type: ignore[no-untyped-def]
    code_fragment: str,
    posts: int,
) -> None:
    image = make_image(tmp_path / "a.png")
    setup(sim_env)
    failures: list[str] = []

    async def scenario() -> None:
        engine = make_engine()
        engine.manager.sig_task_failed.connect(lambda _i, m: failures.append(m))
        engine.manager.start()
        record = await engine.manager.submit(params(image))
        record = await settle(engine, record.id)
        assert record.status == status
        assert code_fragment in (record.error_code or "")
        assert record.error_message and not record.video_path
        await engine.manager.wait_idle(2)
        await engine.aclose()

    run(scenario())
    assert failures and failures[-1]
    assert sim_env.count("POST", "/v1/videos/generations") == posts


def test_polling_survives_429_and_5xx_bursts(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    sim_env.fail_requests("GET", "/v1/tasks/", 429, times=3, retry_after=0.05)
    sim_env.fail_requests("GET", "/v1/tasks/", 502, times=3)
    sim_env.add_fault(Fault("malformed", "GET", "/v1/tasks/", times=2))
    sim_env.add_fault(Fault("drop", "GET", "/v1/tasks/", times=2))

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            record = await settle(engine, record.id, timeout=20)
            assert record.status == TaskStatus.COMPLETED and record.video_path

    run(scenario(), timeout=40)
    assert sim_env.count("POST", "/v1/videos/generations") == 1


def test_dead_result_link_is_retried_not_lost(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    sim_env.break_next_result = True

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            await wait_for(lambda: (engine.store.get(record.id).download_error or "").startswith("Not saved"))  # type: ignore[union-attr]
            shown = engine.store.get(record.id)
            assert shown.status == TaskStatus.COMPLETED and not shown.video_path  # type: ignore[union-attr]
            assert "expired or is gone" in (shown.download_error or "")  # type: ignore[union-attr]
            next(iter(sim_env.tasks.values())).result_broken = False  # the CDN recovers
            record = await settle(engine, record.id, timeout=20)
            assert record.video_path and record.download_error is None

    run(scenario(), timeout=40)
    assert sim_env.count("GET", "/results/") >= 2


def test_many_tasks_use_batch_queries(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    image = make_image(tmp_path / "a.png")

    async def scenario() -> None:
        async with running_engine() as engine:
            records = [await engine.manager.submit(params(image, seed=i + 1)) for i in range(6)]
            for r in records:
                await settle(engine, r.id)

    run(scenario(), timeout=40)
    assert sim_env.count("POST", "/v1/tasks/batch") >= 1
    assert sim_env.count("POST", "/v1/videos/generations") == 6


def test_stop_tracking_is_honest(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    sim_env.task_seconds = 1.0

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            message = await engine.manager.stop_tracking(record.id)
            assert "keeps running on the server and is billed" in message
            polls = sim_env.count("GET", "/v1/tasks/") + sim_env.count("POST", "/v1/tasks/batch")
            await __import__("asyncio").sleep(1.5)
            assert sim_env.count("GET", "/v1/tasks/") + sim_env.count("POST", "/v1/tasks/batch") == polls
            assert not engine.store.get(record.id).video_path  # type: ignore[union-attr]
            engine.manager.resume_tracking(record.id)
            record = await settle(engine, record.id)
            assert record.video_path

    run(scenario())


def test_invalid_input_writes_nothing(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    async def scenario() -> None:
        engine = make_engine()
        for bad in (
            params(tmp_path / "missing.png"),
            params(make_image(tmp_path / "a.png"), duration=20),
            params("ftp://x/a.png"),
            params(make_image(tmp_path / "b.png"), seed=0),
        ):
            with pytest.raises(InvalidSubmission):
                await engine.manager.submit(bad)
        assert engine.store.count() == 0
        await engine.aclose()

    run(scenario())
    assert sim_env.count("POST", "/v1/videos/generations") == 0


def test_invalid_image_is_rejected_before_any_post(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    small = make_image(tmp_path / "small.png", 200, 200)

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await engine.manager.submit(params(small))
            assert record.status == TaskStatus.REJECTED and "at least 300" in (record.error_message or "")

    run(scenario())
    assert sim_env.count("POST", "/v1/videos/generations") == 0
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 0


def test_the_key_is_in_no_file_the_app_wrote(
    sim_env: EvoLinkSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAPPYHORSE_DEBUG", "1")
    from happyhorse_desktop.logging_setup import setup_logging

    sim_env.fail_requests("GET", "/v1/tasks/", 500, times=2)

    async def scenario() -> None:
        engine = make_engine()
        setup_logging(engine.config.log_dir)
        engine.manager.start()
        record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
        await settle(engine, record.id)
        import logging

        logging.getLogger("test").debug("headers: Authorization: Bearer %s", TEST_KEY)
        await engine.aclose()

    run(scenario())
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".png"]
    assert any(p.name == "happyhorse.log" for p in written)
    assert any(p.suffix == ".sqlite3" for p in written) and any(p.suffix == ".json" for p in written)
    for path in written:
        assert TEST_KEY.encode() not in path.read_bytes(), f"the key leaked into {path}"
    log_text = (tmp_path / "data" / "logs" / "happyhorse.log").read_text()
    assert "[REDACTED]" in log_text
    # the key went to the API host, never to the result link
    results = [r for r in sim_env.requests if r.path.startswith("/results/")]
    assert results and all("authorization" not in r.headers for r in results)
    assert all("HappyHorseDesktop" in r.headers.get("user-agent", "") for r in results)


def test_partial_download_is_resumed_with_range(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    from happyhorse_desktop.tasks.downloader import download_video, part_path

    async def scenario() -> None:
        engine = make_engine()
        task = await engine.client.create_task(
            __import__("happyhorse_desktop.api.models", fromlist=["x"]).GenerationRequest(
                "happyhorse-1.0-image-to-video", ("https://cdn.example/a.png",)
            ),
            "k",
        )
        url = ""
        while not url:
            snap = await engine.client.get_task(task.id)
            url = snap.results[0] if snap.results else ""
            await __import__("asyncio").sleep(0.05)
        final = tmp_path / "out" / "v.mp4"
        final.parent.mkdir()
        half = sim_env.result_bytes[: len(sim_env.result_bytes) // 2]
        part_path(final).write_bytes(half)  # what a crash mid-download leaves
        size = await download_video(url, final)
        assert size == len(sim_env.result_bytes) and final.read_bytes() == sim_env.result_bytes
        assert not part_path(final).exists()
        await engine.aclose()

    run(scenario())
    ranged = [r for r in sim_env.requests if r.path.startswith("/results/")]
    assert ranged[-1].headers.get("range") == f"bytes={len(sim_env.result_bytes) // 2}-"


def test_missing_video_is_downloaded_again_while_the_link_lives(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    async def first() -> tuple[int, Path]:
        async with running_engine() as engine:
            record = await settle(
                engine, (await engine.manager.submit(params(make_image(tmp_path / "a.png")))).id
            )
        return record.id, Path(record.video_path or "")

    task_id, video = run(first())
    assert saved_as_served(video.read_bytes(), sim_env.result_bytes)
    video.write_bytes(video.read_bytes()[:100])  # cut short, as by a power loss before the disk flushed

    async def second() -> None:
        async with running_engine() as engine:
            await wait_for(lambda: sim_env.count("GET", "/results/") == 2)
            record = await settle(engine, task_id)
            assert saved_as_served(Path(record.video_path or "").read_bytes(), sim_env.result_bytes)

    run(second())


def test_missing_video_past_its_link_is_marked_expired_without_a_request(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    old = add(
        store,
        status=TaskStatus.COMPLETED,
        server_id="task-unified-1-aaaaaaaa",
        video_path=str(tmp_path / "gone.mp4"),
        video_size=10,
        results=[f"{sim_env.base_url}/results/x.mp4"],
        completed_at=1000.0,
        created_at=900.0,
    )
    store.close()

    async def scenario() -> None:
        async with running_engine() as engine:
            await wait_for(lambda: engine.store.get(old.id).status == TaskStatus.EXPIRED)  # type: ignore[union-attr]
            shown = engine.store.get(old.id)
            assert shown.download_error == "The video file is missing and its 24-hour link has expired."  # type: ignore[union-attr]

    run(scenario())
    assert sim_env.count("GET", "/results/") == 0


def test_unknown_submission_is_found_and_linked(
    sim_env: EvoLinkSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("happyhorse_desktop.tasks.work_taking.RECONCILE_DELAY", 0.2)
    sim_env.add_fault(Fault("drop", "POST", "/v1/videos", after=True))  # created, but the answer is lost

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            assert record.status == TaskStatus.UNKNOWN and record.server_id is None
            await wait_for(lambda: engine.store.get(record.id).video_path, 15)  # type: ignore[union-attr]
            record = engine.store.get(record.id)
            assert record.status == TaskStatus.COMPLETED and record.video_path
            assert record.server_id == next(iter(sim_env.tasks))
            assert "linked" in (record.error_message or "")

    run(scenario())
    assert sim_env.count("POST", "/v1/videos/generations") == 1


@pytest.mark.parametrize("listing", [True, False])
def test_unknown_stays_unknown_when_the_server_cannot_say_which(
    sim_env: EvoLinkSimulator, tmp_path: Path, listing: bool
) -> None:
    sim_env.list_enabled = listing
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    now = __import__("time").time()
    rows = [
        add(store, idempotency_key=f"k{i}", status=TaskStatus.UNKNOWN, submitted_at=now) for i in range(2)
    ]
    store.close()

    async def scenario() -> None:
        engine = make_engine()
        from happyhorse_desktop.api.models import GenerationRequest

        for i in range(2):  # two tasks on the server that both fit both rows
            await engine.client.create_task(
                GenerationRequest("happyhorse-1.0-image-to-video", ("https://x/a.png",)), f"k{i}"
            )
        assert await engine.manager.reconcile_unknown() == 0
        assert all(engine.store.get(r.id).status == TaskStatus.UNKNOWN for r in rows)  # type: ignore[union-attr]
        await engine.aclose()

    run(scenario())
    assert sim_env.count("GET", "/v1/tasks") >= (1 if listing else 0)
