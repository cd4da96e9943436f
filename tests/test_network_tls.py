"""TLS against the trust store the app reads: a throwaway company CA, trusted only through
``SSL_CERT_FILE`` (the Linux system store's own override), never by switching verification off."""

from __future__ import annotations

import ssl
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from kit import TEST_KEY, run
from netkit import TlsSimulator, clean_network_env, finished_link, make_ca, server_context, trust_ca

from happyhorse_desktop.api.client import EvoLinkClient, make_http_client
from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.api.retry import RetryPolicy
from happyhorse_desktop.net import trust
from happyhorse_desktop.tasks.downloader import download_video

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SSL_CERT_FILE is OpenSSL's")
NO_RETRY = RetryPolicy(max_attempts=1)


@pytest.fixture
def ca():  # type: ignore[no-untyped-def]
    return make_ca()


@pytest.fixture(autouse=True)
def fresh_trust(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with clean_network_env(monkeypatch):
        yield


@pytest.fixture
def tls_sim(ca) -> Iterator[TlsSimulator]:  # type: ignore[no-untyped-def]
    with TlsSimulator(server_context(ca), task_seconds=0.3) as sim:
        yield sim


def trust_company_ca(ca, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    return trust_ca(ca, tmp_path, monkeypatch)


async def credits(base: str, **client_kw: object) -> float:
    client = EvoLinkClient(lambda: TEST_KEY, api_base=base, retry=NO_RETRY, **client_kw)  # type: ignore[arg-type]
    try:
        return (await client.get_credits()).balance
    finally:
        await client.aclose()


def test_certifi_alone_refuses_a_company_ca(tls_sim: TlsSimulator, ca, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    trust_company_ca(ca, tmp_path, monkeypatch)  # even with the CA in the system store…
    with pytest.raises(EvoLinkError) as info:  # …certifi's bundle alone does not know it
        run(credits(tls_sim.base_url, http=make_http_client(verify=trust.certifi_context())))
    assert info.value.kind is ErrorKind.NETWORK and "TLS" in info.value.user_message


def test_the_system_store_is_what_the_app_trusts(tls_sim: TlsSimulator, ca, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EvoLinkError, match="TLS"):  # not in the system store yet: refused
        run(credits(tls_sim.base_url))
    bundle = trust_company_ca(ca, tmp_path, monkeypatch)
    store = trust.trust_store()
    assert store.kind == trust.SYSTEM and str(bundle) in store.description
    assert run(credits(tls_sim.base_url)) == pytest.approx(10_000.0)  # the app's default client


def test_downloads_use_the_same_store(tls_sim: TlsSimulator, ca, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    trust_company_ca(ca, tmp_path, monkeypatch)
    link = run(finished_link(tls_sim.base_url))
    assert link.startswith("https://localhost:")
    target = tmp_path / "v.mp4"
    assert run(download_video(link, target)) == len(tls_sim.result_bytes)
    assert target.read_bytes() == tls_sim.result_bytes

    monkeypatch.delenv("SSL_CERT_FILE")
    trust.reset()
    with pytest.raises(EvoLinkError) as info:
        run(download_video(link, tmp_path / "w.mp4"))
    assert info.value.kind is ErrorKind.NETWORK and "TLS" in info.value.detail
    assert not (tmp_path / "w.mp4").exists()


def test_verification_checks_the_host_name_too(ca, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    trust_company_ca(ca, tmp_path, monkeypatch)
    # A trusted CA, the wrong name.
    with TlsSimulator(server_context(ca, "other.example")) as sim, pytest.raises(EvoLinkError, match="TLS"):
        run(credits(sim.base_url))
    for purpose in ("api", "download", "check"):
        context = trust.trust_context(purpose)
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_certifi_is_the_fallback_without_a_system_store(monkeypatch: pytest.MonkeyPatch) -> None:
    empty = ssl.DefaultVerifyPaths(
        None, None, "SSL_CERT_FILE", "/nonexistent/cert.pem", "SSL_CERT_DIR", "/nonexistent"
    )  # type: ignore[call-arg]
    monkeypatch.setattr(trust.ssl, "get_default_verify_paths", lambda: empty)
    monkeypatch.setattr(trust, "_LINUX_BUNDLES", ("/nonexistent/ca.pem",))
    trust.reset()
    store = trust.trust_store()
    assert store.kind == trust.CERTIFI and "no system CA bundle" in store.description
    monkeypatch.undo()
    monkeypatch.setitem(sys.modules, "truststore", None)  # an install without truststore
    trust.reset()
    assert "truststore is not installed" in trust.trust_store().description
    assert trust.trust_context().verify_mode == ssl.CERT_REQUIRED


def test_self_test_names_the_store_and_fails_without_any(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ok, detail = trust.self_test_check()
    assert ok and detail.startswith("operating system trust store")
    empty = ssl.DefaultVerifyPaths(
        None, None, "SSL_CERT_FILE", "/nonexistent/a.pem", "SSL_CERT_DIR", "/nonexistent"
    )  # type: ignore[call-arg]
    monkeypatch.setattr(trust.ssl, "get_default_verify_paths", lambda: empty)
    monkeypatch.setattr(trust, "_LINUX_BUNDLES", ())
    import certifi

    monkeypatch.setattr(certifi, "where", lambda: str(tmp_path / "missing-cacert.pem"))
    ok, detail = trust.self_test_check()
    assert not ok and "certifi" in detail
