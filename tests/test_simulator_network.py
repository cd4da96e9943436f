"""Network trouble on demand: the simulator over TLS (a throwaway CA made here), refused connections,
dropped connections and downloads cut mid-body, each for a while."""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterator

import httpx
import pytest
import trustme
from conftest import TEST_KEY
from test_simulator_routes import client_for, wait_status

from happyhorse_desktop.sandbox import EvoLinkSimulator


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_sim(ca: trustme.CA) -> Iterator[EvoLinkSimulator]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost").configure_cert(context)
    with EvoLinkSimulator(task_seconds=0.2, ssl_context=context) as simulator:
        yield simulator


def trusting(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


def test_served_over_tls_to_a_client_that_trusts_the_ca(tls_sim: EvoLinkSimulator, ca: trustme.CA) -> None:
    assert tls_sim.base_url == f"https://localhost:{tls_sim.port}"
    headers = {"Authorization": f"Bearer {TEST_KEY}"}
    with httpx.Client(base_url=tls_sim.base_url, headers=headers, verify=trusting(ca)) as client:
        assert client.get("/v1/credits").status_code == 200
        task = client.post(
            "/v1/videos/generations", json={"model": "happyhorse-1.0-text-to-video", "prompt": "a"}
        )
        done = wait_status(client, task.json()["id"], "completed")
        assert done["results"][0].startswith(f"https://localhost:{tls_sim.port}/results/")
        assert client.get(done["results"][0]).content == tls_sim.result_bytes
    untrusting = httpx.Client(base_url=tls_sim.base_url, headers=headers)  # certifi alone
    with untrusting, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        untrusting.get("/v1/credits")
    with httpx.Client(base_url=tls_sim.base_url, headers=headers, verify=trusting(ca)) as client:
        assert client.get("/v1/credits").status_code == 200  # a refused handshake did not hurt the server


def test_refused_for_a_while_then_listening_again_on_the_same_port(sim: EvoLinkSimulator) -> None:
    port = sim.port
    with client_for(sim) as client:
        assert client.get("/v1/credits").status_code == 200  # a kept-alive connection exists
        sim.refuse_connections(0.8)
        with pytest.raises((httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError)):
            client.get("/v1/credits")  # the open connection was cut, the new one refused
        with pytest.raises(httpx.ConnectError):
            client.get("/v1/credits")
        time.sleep(1.0)
        assert client.get("/v1/credits").status_code == 200
    assert sim.port == port and sim.base_url.endswith(f":{port}")


def test_refused_until_restored(sim: EvoLinkSimulator) -> None:
    sim.refuse_connections(None)
    with client_for(sim) as client:
        with pytest.raises(httpx.ConnectError):
            client.get("/v1/credits")
        sim.restore_network()
        assert client.get("/v1/credits").status_code == 200


def test_dropped_for_a_while(sim: EvoLinkSimulator) -> None:
    with client_for(sim) as client:
        assert client.get("/v1/credits").status_code == 200
        sim.drop_connections(0.6)
        for _ in range(2):  # the kept-alive connection, then a fresh one: both closed without a reply
            with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError, httpx.ConnectError)):
                client.get("/v1/credits")
        time.sleep(0.7)
        assert client.get("/v1/credits").status_code == 200
    assert sim.count("GET", "/v1/credits") == 2  # dropped requests never reached the API


def test_result_downloads_cut_mid_body_for_a_while(sim: EvoLinkSimulator) -> None:
    with client_for(sim) as client:
        task = client.post(
            "/v1/videos/generations", json={"model": "happyhorse-1.0-text-to-video", "prompt": "a"}
        )
        url = wait_status(client, task.json()["id"], "completed")["results"][0]
        sim.cut_downloads(30)
        received = bytearray()
        with (
            pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)),
            client.stream("GET", url) as response,
        ):
            assert int(response.headers["content-length"]) == len(sim.result_bytes)
            for chunk in response.iter_bytes():
                received += chunk
        assert 0 < len(received) < len(sim.result_bytes)
        assert client.get("/v1/credits").status_code == 200  # only downloads are cut
        sim.restore_network()
        assert client.get(url).content == sim.result_bytes
