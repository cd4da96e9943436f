"""Hostile server values never escape the output folder; crash reports and debug logs never show the key."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from kit import TEST_KEY, run

from happyhorse_desktop.api import EvoLinkClient, EvoLinkError
from happyhorse_desktop.api.retry import RetryPolicy
from happyhorse_desktop.netcheck import UnsafeURLError, check_base_url
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.naming import unique_video_path, video_stem


@pytest.mark.parametrize(
    "task_id",
    [
        "../../etc/passwd",
        "..\\..\\Windows\\system32",
        "CON",
        "nul",
        'a/b:c*d?e"f<g>h|i',
        "x" * 500,
        "",
        "…日本",
    ],
)
def test_hostile_task_ids_give_a_safe_name_inside_the_folder(tmp_path: Path, task_id: str) -> None:
    stem = video_stem(created_at=1_761_313_744, prompt="../../evil\\prompt\x00", seed=7, task_id=task_id)
    path = unique_video_path(tmp_path, stem)
    assert path.parent == tmp_path and path.resolve().is_relative_to(tmp_path.resolve())
    assert len(path.name) <= 160
    assert all(c.isalnum() or c in "-_." for c in path.name), path.name
    assert path.name.split("_")[0][:4].isdigit()  # starts with the date, so never a reserved device name
    path.write_bytes(b"x")  # and the name really works on this file system


def test_task_ids_are_quoted_in_request_paths(sim: EvoLinkSimulator) -> None:
    async def scenario() -> None:
        client = EvoLinkClient(lambda: TEST_KEY, api_base=sim.base_url, retry=RetryPolicy(max_attempts=1))
        with pytest.raises(EvoLinkError):
            await client.get_task("../../v1/credits")
        await client.aclose()

    run(scenario())
    assert sim.count("GET", "/v1/credits") == 0
    assert any("%2F" in r.path or "..%2F" in r.path for r in sim.requests)


@pytest.mark.parametrize(
    "base", ["http://example.com", "http://192.168.1.10", "file:///etc/passwd", "ftp://x"]
)
def test_only_https_or_loopback_http(base: str) -> None:
    with pytest.raises(UnsafeURLError):
        check_base_url(base)


def test_tls_verification_is_always_on() -> None:
    import inspect

    import happyhorse_desktop
    from happyhorse_desktop.api import http_client

    client = http_client.make_http_client()
    pool = client._transport._pool  # type: ignore[attr-defined]
    assert pool._ssl_context.verify_mode.name == "CERT_REQUIRED"
    package = Path(inspect.getfile(happyhorse_desktop)).parent
    for source in package.rglob("*.py"):  # nowhere in the app, not only where the client is built
        assert "verify=False" not in source.read_text(encoding="utf-8"), source


def test_crash_report_and_debug_log_are_redacted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from happyhorse_desktop import app
    from happyhorse_desktop.logging_setup import setup_logging
    from happyhorse_desktop.redaction import register_secret

    monkeypatch.setenv("HAPPYHORSE_DEBUG", "1")
    setup_logging(tmp_path / "logs")
    register_secret(TEST_KEY)
    app._install_excepthook()
    try:
        raise RuntimeError(f"request failed with headers {{'Authorization': 'Bearer {TEST_KEY}'}}")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    logging.getLogger("httpx").debug("Authorization: Bearer %s", TEST_KEY)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (tmp_path / "logs" / "happyhorse.log").read_text()
    assert "unhandled exception" in text and "[REDACTED]" in text
    assert TEST_KEY not in text
    sys.excepthook = sys.__excepthook__
