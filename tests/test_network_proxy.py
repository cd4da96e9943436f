"""Proxies: a manual HTTP CONNECT or SOCKS5 proxy (with and without credentials), the proxy
environment variables, credentials kept in the keychain, and new settings applied at once.

The simulator is served over TLS under a made-up host name that only the test proxies resolve (to
loopback), so a reply proves the request went through the proxy."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from kit import TEST_KEY, run
from netkit import (
    FAKE_HOST,
    ConnectProxy,
    Socks5Proxy,
    TlsSimulator,
    clean_network_env,
    finished_link,
    make_ca,
    server_context,
    trust_ca,
)

from happyhorse_desktop.api.client import EvoLinkClient, make_http_client
from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.api.retry import RetryPolicy
from happyhorse_desktop.config import settings_for
from happyhorse_desktop.engine import Engine
from happyhorse_desktop.net.proxy import NetworkSettings, ProxyMode, choose_proxy, describe_proxy
from happyhorse_desktop.net.settings import load_network_settings, save_network_settings
from happyhorse_desktop.redaction import redact
from happyhorse_desktop.secrets import ProxyPasswordStore
from happyhorse_desktop.tasks.downloader import DownloadNetwork, download_video

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SSL_CERT_FILE is OpenSSL's")
NO_RETRY = RetryPolicy(max_attempts=1)
PASSWORD = "pr0xy-s3cret-pw"


@pytest.fixture
def tls_sim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TlsSimulator]:
    """The simulator at https://api.evolink.test:PORT, its CA trusted through the system store."""
    ca = make_ca()
    with (
        clean_network_env(monkeypatch),
        TlsSimulator(server_context(ca), host=FAKE_HOST, task_seconds=0.3) as sim,
    ):
        trust_ca(ca, tmp_path, monkeypatch)
        yield sim


def manual(url: str, user: str = "", password: str = "") -> NetworkSettings:
    return NetworkSettings(ProxyMode.MANUAL, url, user, password)


async def credits_via(settings: NetworkSettings, base: str) -> float:
    http = make_http_client(choose_proxy(settings, base))
    client = EvoLinkClient(lambda: TEST_KEY, api_base=base, http=http, retry=NO_RETRY)
    try:
        return (await client.get_credits()).balance
    finally:
        await http.aclose()


async def link_via(settings: NetworkSettings, base: str) -> str:
    return await finished_link(base, make_http_client(choose_proxy(settings, base)))


def test_without_the_proxy_the_made_up_host_does_not_resolve(tls_sim: TlsSimulator) -> None:
    with pytest.raises(EvoLinkError) as info:
        run(credits_via(NetworkSettings(ProxyMode.NONE), tls_sim.base_url))
    assert info.value.kind is ErrorKind.NETWORK and "DNS" in info.value.user_message


@pytest.mark.parametrize("kind", [ConnectProxy, Socks5Proxy])
def test_api_calls_and_a_download_through_a_proxy_without_credentials(
    tls_sim: TlsSimulator, tmp_path: Path, kind: type
) -> None:
    proxy = kind()
    try:
        settings = manual(proxy.url)
        assert run(credits_via(settings, tls_sim.base_url)) == pytest.approx(10_000.0)
        link = run(link_via(settings, tls_sim.base_url))
        target = tmp_path / "v.mp4"
        run(download_video(link, target, network=DownloadNetwork(lambda: settings)))
        assert target.read_bytes() == tls_sim.result_bytes
        assert proxy.tunnels and all(t == f"{FAKE_HOST}:{tls_sim.port}" for t in proxy.tunnels)
    finally:
        proxy.close()


@pytest.mark.parametrize("kind", [ConnectProxy, Socks5Proxy])
def test_proxy_credentials_right_missing_and_wrong(
    tls_sim: TlsSimulator, tmp_path: Path, kind: type, caplog: pytest.LogCaptureFixture
) -> None:
    proxy = kind(credentials=("alice", PASSWORD))
    caplog.set_level(logging.DEBUG)
    try:
        good = manual(proxy.url, "alice", PASSWORD)
        assert run(credits_via(good, tls_sim.base_url)) == pytest.approx(10_000.0)
        link = run(link_via(good, tls_sim.base_url))
        run(download_video(link, tmp_path / "v.mp4", network=DownloadNetwork(lambda: good)))
        assert (tmp_path / "v.mp4").read_bytes() == tls_sim.result_bytes
        for bad in (manual(proxy.url), manual(proxy.url, "alice", "wrong")):
            with pytest.raises(EvoLinkError) as info:
                run(credits_via(bad, tls_sim.base_url))
            assert info.value.kind is ErrorKind.NETWORK and not info.value.maybe_delivered
            if kind is ConnectProxy:
                assert (
                    "407" in info.value.user_message and "user name and password" in info.value.user_message
                )
            with pytest.raises(EvoLinkError):
                run(download_video(link, tmp_path / "w.mp4", network=DownloadNetwork(lambda b=bad: b)))
        if kind is ConnectProxy:
            assert proxy.refused >= 4
        # httpcore's debug trace prints SOCKS credentials; the app's log handlers redact every
        # record, and the password is registered as a secret the moment the settings hold it.
        assert PASSWORD not in redact(caplog.text)
        assert PASSWORD not in repr(good) and PASSWORD not in describe_proxy(
            choose_proxy(good, tls_sim.base_url)
        )
    finally:
        proxy.close()


def test_proxy_environment_variables_are_honoured(tls_sim: TlsSimulator, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    proxy = ConnectProxy()
    try:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        system = NetworkSettings(ProxyMode.SYSTEM)
        assert "HTTPS_PROXY" in describe_proxy(choose_proxy(system, tls_sim.base_url))
        assert run(credits_via(system, tls_sim.base_url)) == pytest.approx(10_000.0)
        link = run(link_via(system, tls_sim.base_url))
        run(download_video(link, tmp_path / "v.mp4"))  # the downloader's default: system settings
        assert (tmp_path / "v.mp4").exists()
        tunnels = len(proxy.tunnels)
        assert tunnels >= 3
        with pytest.raises(EvoLinkError, match="DNS"):  # "none" means direct, variables or not
            run(credits_via(NetworkSettings(ProxyMode.NONE), tls_sim.base_url))
        monkeypatch.setenv("NO_PROXY", FAKE_HOST)  # exempted: both the API and downloads go direct
        with pytest.raises(EvoLinkError, match="DNS"):
            run(credits_via(system, tls_sim.base_url))
        with pytest.raises(EvoLinkError, match="DNS"):
            run(download_video(link, tmp_path / "w.mp4"))
        assert len(proxy.tunnels) == tunnels
    finally:
        proxy.close()


def test_proxy_password_lives_in_the_keychain_only(tmp_path: Path, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(tmp_path / "data")
    passwords = ProxyPasswordStore()
    message = save_network_settings(
        settings, manual("socks5://corp-proxy:1080", "alice", PASSWORD), passwords
    )
    assert "keychain" in message
    assert memory_keyring.passwords[("happyhorse-desktop", "proxy:alice")] == PASSWORD
    assert PASSWORD not in (tmp_path / "data" / "settings.ini").read_text()
    assert redact(f"failed with {PASSWORD}") == "failed with [REDACTED]"
    loaded = load_network_settings(settings_for(tmp_path / "data"), ProxyPasswordStore())
    assert loaded == manual("socks5://corp-proxy:1080", "alice", PASSWORD)
    # Saving again with an empty password field keeps the password; a new user name drops the old one.
    save_network_settings(settings, manual("socks5://corp-proxy:1080", "alice"), passwords)
    assert load_network_settings(settings, passwords).password == PASSWORD
    save_network_settings(settings, manual("socks5://corp-proxy:1080", "bob"), passwords)
    assert ("happyhorse-desktop", "proxy:alice") not in memory_keyring.passwords


def test_an_old_single_proxy_setting_is_read_as_a_manual_proxy(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "data")
    settings.setValue("proxy", "http://old-proxy:3128")
    assert load_network_settings(settings, ProxyPasswordStore()) == manual("http://old-proxy:3128")


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", "Enter the proxy address"),
        ("ftp://proxy:21", "must start with"),
        ("http://alice:pw@proxy:3128", "their own fields"),
        ("http://proxy:99999", "port must be a number"),
        ("http://proxy", "needs a port"),
    ],
)
def test_bad_proxy_addresses_are_named(url: str, problem: str) -> None:
    problems = manual(url).problems()
    assert any(problem in p for p in problems), problems
    assert not manual("proxy.example:3128").problems()


def test_new_settings_apply_at_once_while_a_request_finishes(tls_sim: TlsSimulator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HAPPYHORSE_API_BASE", tls_sim.base_url)
    monkeypatch.setenv("HAPPYHORSE_FILES_BASE", tls_sim.base_url)
    monkeypatch.setenv("EVOLINK_API_KEY", TEST_KEY)
    first, second = ConnectProxy(), ConnectProxy(credentials=("alice", PASSWORD))

    async def scenario() -> None:
        engine = Engine.create()
        engine.client.retry = NO_RETRY
        await engine.apply_network(manual(first.url))
        assert (await engine.client.get_credits()).balance == pytest.approx(10_000.0)
        old_http = engine.client.http
        from happyhorse_desktop.sandbox import Fault

        tls_sim.add_fault(Fault("delay", "GET", "/v1/credits", delay=0.8))
        slow = asyncio.ensure_future(engine.client.get_credits())  # under way on the old client
        await asyncio.sleep(0.3)
        await engine.apply_network(manual(second.url, "alice", PASSWORD))
        assert (await engine.client.get_credits()).balance == pytest.approx(10_000.0)  # at once
        assert second.tunnels and not old_http.is_closed
        assert (await slow).balance == pytest.approx(10_000.0)  # the old one finished its request…
        await asyncio.sleep(0.05)
        assert old_http.is_closed  # …and was closed after it
        assert engine.download_network().settings() == manual(second.url, "alice", PASSWORD)
        await engine.aclose()

    try:
        run(scenario())
    finally:
        first.close()
        second.close()
