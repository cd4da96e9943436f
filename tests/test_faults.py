"""Network and server faults, one by one: each gives a specific message, keeps the app running, retries
only when safe, and leaves the task in the right state."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from enginekit import params, running_engine, settle
from imagegen import make_image
from kit import TEST_KEY, run, saved_as_served, wait_for

from happyhorse_desktop.api import ErrorKind, EvoLinkClient, EvoLinkError
from happyhorse_desktop.api.retry import RetryPolicy
from happyhorse_desktop.sandbox import EvoLinkSimulator, Fault
from happyhorse_desktop.tasks.downloader import download_video
from happyhorse_desktop.tasks.status import TaskStatus

NO_RETRY = RetryPolicy(max_attempts=1)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port whose listen queue is full, so new connections hang until they time out."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    fillers = []
    for _ in range(4):
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex(server.getsockname())
        fillers.append(s)
    yield server.getsockname()[1]
    for s in [*fillers, server]:
        s.close()


@pytest.mark.parametrize(
    ("base", "fragment"),
    [
        ("https://nonexistent.invalid", "DNS"),
        ("http://127.0.0.1:9", "connection refused"),
    ],
)
def test_transport_failures_are_named(base: str, fragment: str) -> None:
    async def scenario() -> None:
        client = EvoLinkClient(lambda: TEST_KEY, api_base=base, retry=NO_RETRY)
        with pytest.raises(EvoLinkError) as info:
            await client.get_credits()
        assert info.value.kind is ErrorKind.NETWORK and info.value.retryable
        assert fragment in info.value.user_message
        await client.aclose()

    run(scenario())


def test_tls_failure_is_named(sim: EvoLinkSimulator) -> None:
    async def scenario() -> None:
        client = EvoLinkClient(lambda: TEST_KEY, api_base=f"https://127.0.0.1:{sim.port}", retry=NO_RETRY)
        with pytest.raises(EvoLinkError) as info:
            await client.get_credits()
        assert info.value.kind is ErrorKind.NETWORK and "TLS" in info.value.user_message
        await client.aclose()

    run(scenario())


def test_connect_timeout_is_named(silent_port: int) -> None:
    import httpx

    async def scenario() -> None:
        http = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=0.3))
        client = EvoLinkClient(
            lambda: TEST_KEY, api_base=f"http://127.0.0.1:{silent_port}", http=http, retry=NO_RETRY
        )
        with pytest.raises(EvoLinkError) as info:
            await client.get_credits()
        assert info.value.kind is ErrorKind.NETWORK and not info.value.maybe_delivered
        assert "timed out" in info.value.user_message
        await http.aclose()

    run(scenario())


def _submit_and_settle(sim: EvoLinkSimulator, tmp_path: Path, after_submit=None, timeout: float = 20):  # type: ignore[no-untyped-def]
    async def scenario():  # type: ignore[no-untyped-def]
        async with running_engine() as engine:
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            if after_submit is not None:
                after_submit(sim, record.server_id)
            record = await settle(engine, record.id, timeout)
        return record

    return run(scenario(), timeout=timeout + 10)


def test_task_unknown_to_the_server_fails_after_three_answers(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    def forget(sim: EvoLinkSimulator, server_id: str) -> None:
        del sim.tasks[server_id]

    record = _submit_and_settle(sim_env, tmp_path, forget)
    assert record.status == TaskStatus.FAILED and "no longer knows" in (record.error_message or "")
    assert sim_env.count("GET", "/v1/tasks/") == 3


def test_upload_too_large_is_refused_without_a_post(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    sim_env.add_fault(
        Fault(
            "status",
            "POST",
            "/api/v1/files/upload/stream",
            status=413,
            body={"success": False, "code": 413, "msg": "File too large."},
        )
    )
    record = _submit_and_settle(sim_env, tmp_path)
    assert record.status == TaskStatus.REJECTED and "too large" in (record.error_message or "")
    assert sim_env.count("POST", "/v1/videos/generations") == 0


@pytest.mark.parametrize(
    ("name", "fault_body"),
    [
        ("429 without Retry-After", None),
        ("wrong types", {"id": 12345, "status": ["processing"], "progress": {"x": 1}}),
        ("unknown status", "queued_upstream"),
        ("progress out of range", 250),
        ("completed without results", "completed-empty"),
        ("result link not http(s)", "ftp"),
        ("result link redirect loop", "loop"),
    ],
)
def test_odd_replies_while_polling_still_finish(
    sim_env: EvoLinkSimulator, tmp_path: Path, name: str, fault_body: object
) -> None:
    def inject(sim: EvoLinkSimulator, server_id: str) -> None:
        path = f"/v1/tasks/{server_id}"
        if fault_body is None:
            sim.add_fault(
                Fault(
                    "status",
                    "GET",
                    path,
                    status=429,
                    body={"error": {"code": "rate_limit_exceeded"}},
                    times=3,
                )
            )
            return
        body: object = fault_body
        if fault_body == "queued_upstream":
            body = {"id": server_id, "status": "Queued_Upstream", "progress": 3}
        elif fault_body == 250:
            body = {"id": server_id, "status": "processing", "progress": 250}
        elif fault_body == "completed-empty":
            body = {"id": server_id, "status": "completed", "progress": 100}
        elif fault_body == "ftp":
            body = {"id": server_id, "status": "completed", "results": ["ftp://cdn.example/v.mp4"]}
        elif fault_body == "loop":
            body = {"id": server_id, "status": "completed", "results": [f"{sim.base_url}/loop/v.mp4"]}
        sim.add_fault(Fault("json", "GET", path, body=body, times=2))

    record = _submit_and_settle(sim_env, tmp_path, inject, timeout=40)
    assert record.status == TaskStatus.COMPLETED and record.video_path, name
    assert saved_as_served(Path(record.video_path).read_bytes(), sim_env.result_bytes)
    assert 0 <= record.progress <= 100
    assert sim_env.count("POST", "/v1/videos/generations") == 1


def test_result_larger_than_allowed_is_refused(sim: EvoLinkSimulator, tmp_path: Path) -> None:
    sim.result_size = 3 * 1024 * 1024

    async def scenario() -> None:
        client = EvoLinkClient(lambda: TEST_KEY, api_base=sim.base_url)
        from happyhorse_desktop.api.models import GenerationRequest

        task = await client.create_task(
            GenerationRequest("happyhorse-1.0-image-to-video", ("https://x/a.png",)), "k"
        )
        while not (snap := await client.get_task(task.id)).results:
            await __import__("asyncio").sleep(0.05)
        with pytest.raises(EvoLinkError, match="larger than 1 MB"):
            await download_video(snap.results[0], tmp_path / "v.mp4", max_bytes=1024 * 1024)
        assert not (tmp_path / "v.mp4").exists()
        await client.aclose()

    run(scenario())


def not_saved_yet(engine, task_id: int) -> bool:  # type: ignore[no-untyped-def]
    return (engine.store.get(task_id).download_error or "").startswith("Not saved")


def test_unwritable_output_folder_then_space_returns(
    sim_env: EvoLinkSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the output folder should be")
    monkeypatch.setenv("HAPPYHORSE_OUTPUT_DIR", str(blocker / "videos"))

    async def scenario() -> None:
        async with running_engine() as engine:
            record = await engine.manager.submit(params(make_image(tmp_path / "a.png")))
            await wait_for(
                lambda: (engine.store.get(record.id).download_error or "").startswith("Not saved"), 15
            )  # type: ignore[union-attr]
            shown = engine.store.get(record.id)
            assert shown.status == TaskStatus.COMPLETED and not shown.video_path  # type: ignore[union-attr]
            assert "could not be saved" in (shown.download_error or "")  # type: ignore[union-attr]
            blocker.unlink()  # the user frees the way
            record = await settle(engine, record.id, 30)
            assert record.video_path and Path(record.video_path).parent == blocker / "videos"

    run(scenario(), timeout=50)


def test_disk_full_is_named() -> None:
    import errno

    from happyhorse_desktop.tasks.downloader import disk_error

    err = disk_error(OSError(errno.ENOSPC, "No space left on device"), Path("/videos/x.mp4"))
    assert err.kind is ErrorKind.DISK and "the disk is full" in err.user_message
    err = disk_error(OSError(errno.EROFS, "Read-only file system"), Path("/videos/x.mp4"))
    assert "not writable" in err.user_message
