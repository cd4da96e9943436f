"""EvoLinkClient against the simulator over real loopback sockets."""

from __future__ import annotations

import random
from pathlib import Path

import httpx
import pytest
from imagegen import make_image
from kit import TEST_KEY, run

from happyhorse_desktop.api import ErrorKind, EvoLinkClient, EvoLinkError, GenerationRequest
from happyhorse_desktop.api.retry import RetryPolicy
from happyhorse_desktop.netcheck import UnsafeURLError
from happyhorse_desktop.sandbox import EvoLinkSimulator, Fault

FAST_RETRY = RetryPolicy(base_delay=0.01, max_delay=0.05, rng=random.Random(1))


def client_for(sim: EvoLinkSimulator, key: str | None = TEST_KEY) -> EvoLinkClient:
    return EvoLinkClient(lambda: key, api_base=sim.base_url, files_base=sim.base_url, retry=FAST_RETRY)


async def upload_and_create(client: EvoLinkClient, image: Path, **kw: object) -> str:
    upload = await client.upload_image(image.read_bytes(), image.name, "image/png")
    task = await client.create_task(
        GenerationRequest(model="happyhorse-1.0-image-to-video", image_urls=(upload.file_url,), **kw), "key-1"
    )  # type: ignore
    return task.id


def test_full_round_trip(sim: EvoLinkSimulator, tmp_path: Path) -> None:
    image = make_image(tmp_path / "a.png")

    async def scenario() -> None:
        client = client_for(sim)
        try:
            before = (await client.get_credits()).balance
            progress: list[tuple[int, int]] = []
            upload = await client.upload_image(
                image.read_bytes(), "a.png", "image/png", lambda s, t: progress.append((s, t))
            )
            assert progress and progress[-1][0] == progress[-1][1] == image.stat().st_size
            created = await client.create_task(
                GenerationRequest("happyhorse-1.0-image-to-video", (upload.file_url,), "hi", "1080p", 3, 9),
                "idem-1",
            )
            assert created.status == "pending" and created.credits_reserved == round(21.6027 * 3 * 10000)
            after = (await client.get_credits()).balance
            assert before is not None and after == pytest.approx(before - 21.6027 * 3)
            got = await client.get_task(created.id)
            assert got.id == created.id
            many = await client.get_tasks([created.id, "task-unified-1-zzzzzzzz"])
            assert many[created.id].id == created.id  # type: ignore[union-attr]
            assert isinstance(many["task-unified-1-zzzzzzzz"], EvoLinkError)
        finally:
            await client.aclose()

    run(scenario())
    assert sim.idempotency_keys == ["idem-1"]
    assert sim.count("POST", "/v1/tasks/batch") == 1


def test_batch_falls_back_to_get_on_404(sim: EvoLinkSimulator, tmp_path: Path) -> None:
    sim.batch_enabled = False
    image = make_image(tmp_path / "a.png")

    async def scenario() -> None:
        client = client_for(sim)
        ids = [await upload_and_create(client, image) for _ in range(3)]
        first = await client.get_tasks(ids)
        assert client.batch_supported is False and all(
            not isinstance(v, EvoLinkError) for v in first.values()
        )
        await client.get_tasks(ids)
        await client.aclose()

    run(scenario())
    assert sim.count("POST", "/v1/tasks/batch") == 1  # asked once, then never again
    assert sim.count("GET", "/v1/tasks/") == 6


@pytest.mark.parametrize("base", ["http://api.evolink.ai", "http://10.0.0.5:8080", "ftp://127.0.0.1"])
def test_plain_http_refused_off_loopback(base: str) -> None:
    with pytest.raises(UnsafeURLError):
        EvoLinkClient(lambda: "k", api_base=base)


def test_loopback_http_and_https_accepted() -> None:
    for base in ("http://127.0.0.1:9", "http://localhost:9/", "http://[::1]:9", "https://api.evolink.ai"):
        EvoLinkClient(lambda: "k", api_base=base)


def test_get_retries_429_honouring_retry_after(sim: EvoLinkSimulator) -> None:
    sim.fail_requests("GET", "/v1/credits", 429, times=2, retry_after=0.2)

    async def scenario() -> float:
        client = client_for(sim)
        loop = __import__("asyncio").get_running_loop()
        start = loop.time()
        await client.get_credits()
        elapsed = loop.time() - start
        await client.aclose()
        return elapsed

    assert run(scenario()) >= 0.4
    assert sim.count("GET", "/v1/credits") == 3


def test_get_gives_up_after_a_5xx_burst(sim: EvoLinkSimulator) -> None:
    sim.fail_requests("GET", "/v1/credits", 503, times=10)

    async def scenario() -> None:
        client = client_for(sim)
        with pytest.raises(EvoLinkError) as info:
            await client.get_credits()
        assert info.value.kind is ErrorKind.SERVER and info.value.retryable
        await client.aclose()

    run(scenario())
    assert sim.count("GET", "/v1/credits") == FAST_RETRY.max_attempts


def test_create_is_never_retried_after_reaching_the_server(sim: EvoLinkSimulator, tmp_path: Path) -> None:
    sim.fail_requests("POST", "/v1/videos/generations", 500, times=3)
    image = make_image(tmp_path / "a.png")

    async def scenario() -> None:
        client = client_for(sim)
        with pytest.raises(EvoLinkError) as info:
            await upload_and_create(client, image)
        assert info.value.kind is ErrorKind.SERVER and not info.value.maybe_delivered
        await client.aclose()

    run(scenario())
    assert sim.count("POST", "/v1/videos/generations") == 1


def test_create_is_retried_when_the_connection_never_opened(tmp_path: Path) -> None:
    attempts: list[int] = []

    class CountingPolicy(RetryPolicy):
        def delay_for(self, error: EvoLinkError, attempt: int, *, idempotent: bool) -> float | None:
            attempts.append(attempt)
            assert error.kind is ErrorKind.NETWORK and not error.maybe_delivered
            return super().delay_for(error, attempt, idempotent=idempotent)

    async def scenario() -> None:
        # Port 9 (discard) on loopback has no listener here: the connection is refused.
        client = EvoLinkClient(
            lambda: "sk-x", api_base="http://127.0.0.1:9", retry=CountingPolicy(base_delay=0.01)
        )
        with pytest.raises(EvoLinkError, match="refused"):
            await client.create_task(
                GenerationRequest("happyhorse-1.0-image-to-video", ("https://x/a.png",)), "k"
            )
        await client.aclose()

    run(scenario())
    assert attempts == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("fault", "kind", "maybe_delivered"),
    [
        (Fault("malformed", "POST", "/v1/videos"), ErrorKind.BAD_REPLY, True),
        (Fault("truncated", "POST", "/v1/videos"), ErrorKind.BAD_REPLY, True),
        (Fault("drop", "POST", "/v1/videos"), ErrorKind.NETWORK, True),
        (Fault("close", "POST", "/v1/videos"), ErrorKind.NETWORK, True),
        (Fault("html", "POST", "/v1/videos", status=502), ErrorKind.SERVER, True),
        (
            Fault("status", "POST", "/v1/videos", status=401, body={"error": {"code": "unauthorized"}}),
            ErrorKind.AUTH,
            False,
        ),
    ],
)
def test_create_faults_are_classified(
    sim: EvoLinkSimulator, tmp_path: Path, fault: Fault, kind: ErrorKind, maybe_delivered: bool
) -> None:
    image = make_image(tmp_path / "a.png")
    sim.add_fault(fault)

    async def scenario() -> None:
        client = client_for(sim)
        with pytest.raises(EvoLinkError) as info:
            await upload_and_create(client, image)
        assert info.value.kind is kind
        assert info.value.maybe_delivered is maybe_delivered
        assert info.value.user_message  # a sentence for the user, never empty
        await client.aclose()

    run(scenario())
    assert sim.count("POST", "/v1/videos/generations") == 1


def test_wrong_key_and_missing_key(sim: EvoLinkSimulator) -> None:
    sim.api_key = TEST_KEY

    async def scenario() -> None:
        for key in ("sk-evo-wrong", None):
            client = client_for(sim, key)
            with pytest.raises(EvoLinkError) as info:
                await client.get_credits()
            assert info.value.kind is ErrorKind.AUTH and not info.value.retryable
            await client.aclose()

    run(scenario())
    assert sim.count("GET", "/v1/credits") == 1  # the missing key never left the machine


def test_timeouts_are_set_on_the_shared_client() -> None:
    client = EvoLinkClient(lambda: "k")
    assert isinstance(client.http.timeout, httpx.Timeout)
    assert client.http.timeout.connect and client.http.timeout.read
    assert "Authorization" not in client.http.headers  # attached per request only


def test_read_timeout_on_a_read_is_retried(sim: EvoLinkSimulator) -> None:
    sim.add_fault(Fault("delay", "GET", "/v1/credits", delay=1.0))

    async def scenario() -> None:
        http = httpx.AsyncClient(timeout=httpx.Timeout(5.0, read=0.3))
        client = EvoLinkClient(lambda: TEST_KEY, api_base=sim.base_url, http=http, retry=FAST_RETRY)
        credits = await client.get_credits()
        assert credits.balance is not None
        await http.aclose()

    run(scenario())
    assert sim.count("GET", "/v1/credits") == 2


def test_read_timeout_on_create_is_an_unknown_outcome(sim: EvoLinkSimulator, tmp_path: Path) -> None:
    sim.add_fault(Fault("delay", "POST", "/v1/videos", delay=1.0))
    image = make_image(tmp_path / "a.png")

    async def scenario() -> None:
        http = httpx.AsyncClient(timeout=httpx.Timeout(5.0, read=0.3))
        client = EvoLinkClient(
            lambda: TEST_KEY, api_base=sim.base_url, files_base=sim.base_url, http=http, retry=FAST_RETRY
        )
        with pytest.raises(EvoLinkError) as info:
            await upload_and_create(client, image)
        assert info.value.kind is ErrorKind.NETWORK and info.value.maybe_delivered
        assert "too long" in info.value.user_message
        await http.aclose()

    run(scenario())
    assert sim.count("POST", "/v1/videos/generations") == 1


def test_simulator_latency_is_applied(sim: EvoLinkSimulator) -> None:
    sim.latency = 0.25

    async def scenario() -> float:
        client = client_for(sim)
        loop = __import__("asyncio").get_running_loop()
        start = loop.time()
        await client.get_credits()
        await client.aclose()
        return loop.time() - start

    assert run(scenario()) >= 0.25
