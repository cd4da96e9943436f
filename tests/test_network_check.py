""" "Check connection" names the step that fails: name lookup, connection, TLS (with the issuer of an
untrusted certificate), proxy (407), API key (401) — and says ✓ for each step that works."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from kit import TEST_KEY, run
from netkit import (
    CA_NAME,
    FAKE_HOST,
    ConnectProxy,
    TlsSimulator,
    clean_network_env,
    make_ca,
    server_context,
    trust_ca,
)
from processkit import child_env, cli

from happyhorse_desktop.net.diagnose import CDN, DNS, FILES, KEY, PROXY, TCP, TLS, ConnectionCheck, Step
from happyhorse_desktop.net.proxy import NetworkSettings, ProxyMode
from happyhorse_desktop.sandbox import EvoLinkSimulator

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SSL_CERT_FILE is OpenSSL's")
DIRECT = NetworkSettings(ProxyMode.NONE)


@pytest.fixture(autouse=True)
def fresh_trust(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with clean_network_env(monkeypatch):
        yield


def check(
    base: str,
    network: NetworkSettings = DIRECT,
    key: str | None = TEST_KEY,
    files_base: str | None = None,
    **kw: object,
) -> dict[str, Step]:
    async def collect() -> dict[str, Step]:
        steps = ConnectionCheck(
            api_base=base,
            files_base=files_base or base,
            api_key=key,
            network=network,
            timeout=5,
            **kw,  # type: ignore[arg-type]
        )
        return {step.key: step async for step in steps.run()}

    return run(collect())


def first_failure(steps: dict[str, Step]) -> Step:
    return next(s for s in steps.values() if s.ok is False)


def test_every_step_passes_against_a_working_service(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ca = make_ca()
    trust_ca(ca, tmp_path, monkeypatch)
    with TlsSimulator(server_context(ca)) as sim:
        steps = check(sim.base_url, result_url=f"{sim.base_url}/results/task-unified-1-abcdefgh.mp4")
    assert [s.key for s in steps.values()] == [DNS, TCP, TLS, KEY, FILES, CDN]
    assert all(s.ok for s in steps.values()), steps
    assert "localhost is at" in steps[DNS].detail and "trusted" in steps[TLS].detail
    assert "HTTP 404" in steps[CDN].detail  # an expired link still proves the CDN host answers


def test_unresolvable_host_fails_at_name_lookup() -> None:
    steps = check("https://nonexistent.invalid")
    failed = first_failure(steps)
    assert failed.key == DNS and "nonexistent.invalid could not be resolved" in failed.detail
    assert steps[TCP].ok is None and steps[TLS].ok is None and steps[KEY].ok is None
    assert steps[CDN].ok is None and "no finished video" in steps[CDN].detail


def test_refused_port_fails_at_the_connection() -> None:
    failed = first_failure(check("http://127.0.0.1:9"))
    assert failed.key == TCP and "refused the connection on port 9" in failed.detail


def test_untrusted_company_ca_fails_at_tls_and_names_the_issuer() -> None:  # type: ignore[no-untyped-def]
    ca = make_ca()
    with TlsSimulator(server_context(ca)) as sim:
        steps = check(sim.base_url)
        assert sim.requests == []  # the look at the certificate sent nothing to the server
    failed = first_failure(steps)
    assert failed.key == TLS and CA_NAME in failed.detail and "does not trust" in failed.detail
    assert steps[DNS].ok and steps[TCP].ok and steps[KEY].ok is None


def test_proxy_that_wants_credentials_fails_at_the_proxy(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ca = make_ca()
    trust_ca(ca, tmp_path, monkeypatch)
    proxy = ConnectProxy(credentials=("alice", "right-pw"))
    try:
        with TlsSimulator(server_context(ca), host=FAKE_HOST) as sim:
            missing = check(sim.base_url, NetworkSettings(ProxyMode.MANUAL, proxy.url))
            wrong = check(sim.base_url, NetworkSettings(ProxyMode.MANUAL, proxy.url, "alice", "wrong"))
            good = check(sim.base_url, NetworkSettings(ProxyMode.MANUAL, proxy.url, "alice", "right-pw"))
    finally:
        proxy.close()
    assert (
        first_failure(missing).key == PROXY
        and "asks for a user name and password (HTTP 407)" in first_failure(missing).detail
    )
    assert (
        first_failure(wrong).key == PROXY
        and "refused the user name and password" in first_failure(wrong).detail
    )
    assert [s.key for s in good.values()][:5] == [DNS, TCP, PROXY, TLS, KEY]
    assert all(s.ok for k, s in good.items() if k != CDN), good
    assert "127.0.0.1 is at" in good[DNS].detail  # the lookup is the proxy's, not EvoLink's


def test_untrusted_ca_behind_a_proxy_still_names_the_issuer() -> None:  # type: ignore[no-untyped-def]
    ca = make_ca()
    proxy = ConnectProxy()
    try:
        with TlsSimulator(server_context(ca), host=FAKE_HOST) as sim:
            failed = first_failure(check(sim.base_url, NetworkSettings(ProxyMode.MANUAL, proxy.url)))
    finally:
        proxy.close()
    assert failed.key == TLS and CA_NAME in failed.detail


def test_refused_key_fails_at_the_key_step() -> None:
    with EvoLinkSimulator(api_key="sk-evo-the-right-one") as sim:
        steps = check(sim.base_url)
        missing = check(sim.base_url, key=None)
    failed = first_failure(steps)
    assert failed.key == KEY and "refused the API key (HTTP 401)" in failed.detail
    assert steps[TLS].ok is None and "Plain HTTP" in steps[TLS].detail
    assert steps[FILES].ok
    assert first_failure(missing).key == KEY and "No API key" in first_failure(missing).detail


def test_a_files_host_or_result_cdn_out_of_reach_is_named_while_the_api_works() -> None:
    """The API answers and accepts the key, but uploads go to a host that refuses connections and the
    result links point at a host that does not resolve: the check fails those two steps, by name."""
    with EvoLinkSimulator() as sim:
        steps = check(
            sim.base_url,
            files_base="http://127.0.0.1:9",
            result_url="https://cdn.nonexistent.invalid/results/task-unified-1-abcdefgh.mp4",
        )
    assert steps[KEY].ok and steps[TCP].ok
    assert steps[FILES].ok is False and "127.0.0.1" in steps[FILES].detail
    assert "refused" in steps[FILES].detail
    assert steps[CDN].ok is False and "cdn.nonexistent.invalid" in steps[CDN].detail


def test_the_cli_check_names_the_failing_step_and_exits_non_zero(tmp_path: Path) -> None:
    """`happyhorse-cli check` runs the same steps from a terminal: all pass with the right key (exit 0);
    with a key EvoLink refuses, the key step is marked ✗ and the exit code says so."""
    with EvoLinkSimulator(api_key="sk-evo-child-process-key") as sim:
        good = cli(child_env(sim, tmp_path), "check")
        out, err = good.communicate(timeout=60)
        assert good.returncode == 0, out + err[-2000:]
        assert "✓ API key" in out and "✓ Files host" in out
        bad = cli({**child_env(sim, tmp_path), "EVOLINK_API_KEY": "sk-evo-someone-elses"}, "check")
        out, err = bad.communicate(timeout=60)
    assert bad.returncode == 1, out + err[-2000:]
    assert "✗ API key" in out and "HTTP 401" in out and "✓ Connection" in out
