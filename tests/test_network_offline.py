"""Offline and back: the connectivity monitor, what the HTTP client and downloader tell it, the
banner, and a network cut mid-poll and mid-download with the task completing by itself."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from enginekit import params
from imagegen import make_image
from kit import TEST_KEY, run, wait_for
from netkit import Relay, RelayedSimulator, qt_loop
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QLabel, QWidget

from happyhorse_desktop.api.client import EvoLinkClient
from happyhorse_desktop.api.errors import EvoLinkError
from happyhorse_desktop.api.retry import RetryPolicy
from happyhorse_desktop.app import create_main_window
from happyhorse_desktop.net.connectivity import ConnectivityMonitor
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.downloader import DownloadNetwork, download_video
from happyhorse_desktop.tasks.store import TaskStatus
from happyhorse_desktop.ui.offline_banner import ExpiringLink, OfflineBanner

NO_RETRY = RetryPolicy(max_attempts=1)


def test_a_few_failures_in_a_row_mean_offline_and_one_reply_means_online() -> None:
    monitor = ConnectivityMonitor(failures_before_offline=3)
    changes: list[tuple[bool, str]] = []
    monitor.sig_online_changed.connect(lambda online, why: changes.append((online, why)))

    async def scenario() -> None:
        monitor.report_failure("connection refused")
        monitor.report_success()  # a reply in between: the count starts again
        monitor.report_failure("connection refused")
        monitor.report_failure("connection refused")
        assert monitor.is_online
        monitor.report_failure("host name could not be resolved (DNS)")
        assert not monitor.is_online and monitor.reason.endswith("(DNS)")
        monitor.report_failure("connection refused")  # still offline: no second signal
        assert not await monitor.wait_online(0.05)  # the back-off ran out, still offline
        waiter = asyncio.ensure_future(monitor.wait_online(30))
        await asyncio.sleep(0.05)
        assert not waiter.done()
        monitor.report_success()
        assert await asyncio.wait_for(waiter, 1)  # woken at once, not after 30 s
        assert await monitor.wait_online(30)  # online: returns at once

    run(scenario())
    assert changes == [(False, "host name could not be resolved (DNS)"), (True, "")]
    age = monitor.seconds_since_success()
    assert monitor.last_success is not None and age is not None and age < 5


def test_platform_reachability_goes_offline_at_once_and_wakes_waiters_when_back() -> None:
    monitor = ConnectivityMonitor()
    states = QNetworkInformation.Reachability

    async def scenario() -> None:
        monitor.on_reachability_changed(states.Disconnected)
        assert not monitor.is_online and "not connected to a network" in monitor.reason
        waiter = asyncio.ensure_future(monitor.wait_online(30))
        await asyncio.sleep(0.05)
        monitor.on_reachability_changed(states.Online)
        # Woken to try again now; "online" waits for a reply, since a link can be up without internet.
        assert await asyncio.wait_for(waiter, 1) is False
        monitor.report_success()
        assert monitor.is_online

    run(scenario())


def test_the_client_reports_network_failures_but_not_http_errors(sim: EvoLinkSimulator) -> None:
    monitor = ConnectivityMonitor(failures_before_offline=2)

    async def scenario() -> None:
        down = EvoLinkClient(lambda: TEST_KEY, api_base="http://127.0.0.1:9", retry=NO_RETRY)
        down.observer = monitor
        for _ in range(2):
            with pytest.raises(EvoLinkError):
                await down.get_credits()
        await down.aclose()
        assert not monitor.is_online and monitor.reason == "connection refused"
        sim.fail_requests("GET", "/v1/credits", 500, times=1)
        up = EvoLinkClient(lambda: "not-a-valid-key", api_base=sim.base_url, retry=NO_RETRY)
        up.observer = monitor
        with pytest.raises(EvoLinkError):
            await up.get_credits()  # HTTP 500: an answer, so the network is there
        assert monitor.is_online
        for _ in range(3):
            with pytest.raises(EvoLinkError):
                await up.get_credits()  # 401 every time: still online
        assert monitor.is_online
        await up.aclose()

    run(scenario())


def test_the_downloader_reports_a_dead_link_as_online_and_a_refused_one_as_a_failure(
    sim: EvoLinkSimulator, tmp_path: Path
) -> None:
    monitor = ConnectivityMonitor(failures_before_offline=1)
    network = DownloadNetwork(observer=monitor)

    async def scenario() -> None:
        with pytest.raises(EvoLinkError, match="expired or is gone"):
            await download_video(f"{sim.base_url}/results/nope.mp4", tmp_path / "a.mp4", network=network)
        assert monitor.is_online and monitor.last_success is not None
        with pytest.raises(EvoLinkError, match="refused"):
            await download_video("http://127.0.0.1:9/v.mp4", tmp_path / "b.mp4", network=network)
        assert not monitor.is_online

    run(scenario())


def test_banner_says_it_once_with_the_time_left_and_hides_when_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    monitor = ConnectivityMonitor(failures_before_offline=1)
    window = QWidget()
    banner = OfflineBanner(window)
    qtbot.addWidget(window)
    window.show()  # as in the main window: the banner decides its own visibility
    links = [ExpiringLink("a horse gallops", 2 * 3600 + 5 * 60 + 30), ExpiringLink("far away", 10 * 3600)]
    banner.bind(monitor, lambda: links)
    assert banner.isHidden()
    monitor.report_failure("connection refused")
    assert banner.isVisible()
    text = banner.findChild(QLabel, "offlineText").text()
    assert "You're offline — tasks keep running on EvoLink; the app retries automatically." in text
    assert "connection refused" in text
    assert "“a horse gallops”: its video link expires in 2 h 5 min" in text and "far away" not in text
    banner.hide()  # the user dismissed it: more failures do not bring it back…
    monitor.report_failure("connection refused")
    assert banner.isHidden()
    monitor.report_success()
    monitor.report_failure("host name could not be resolved (DNS)")  # …the next outage does
    assert banner.isVisible() and "(DNS)" in banner.findChild(QLabel, "offlineText").text()
    monitor.report_success()
    assert banner.isHidden()


# -- the whole app through a network cut -------------------------------------------------------


@pytest.fixture
def qloop(qapp) -> Iterator[qasync.QEventLoop]:  # type: ignore[no-untyped-def]
    with qt_loop(qapp) as loop:
        yield loop


@pytest.fixture
def relayed(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[RelayedSimulator, Relay]]:
    """The simulator reached only through a relay that the test can cut (result links included)."""
    with RelayedSimulator(task_seconds=1.5) as sim:
        relay = Relay(sim.port)
        sim.public_base = relay.url
        monkeypatch.setenv("HAPPYHORSE_API_BASE", relay.url)
        monkeypatch.setenv("HAPPYHORSE_FILES_BASE", relay.url)
        monkeypatch.setenv("EVOLINK_API_KEY", TEST_KEY)
        yield sim, relay
        relay.close()


def test_network_cut_mid_poll_and_mid_download_then_back(qtbot, qloop, relayed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sim, relay = relayed
    sim.result_size, sim.result_rate = 3 * 1024 * 1024, 1.5 * 1024 * 1024  # a 2-second download

    async def scenario() -> None:
        window = create_main_window()
        qtbot.addWidget(window)
        window.show()
        await wait_for(lambda: window.manager.started and window.engine._client is not None)
        window.engine.client.retry = RetryPolicy(base_delay=0.05, max_delay=0.2)
        banner = window.offline_banner
        record = await window.manager.submit(params(make_image(tmp_path / "a.png")))
        await wait_for(lambda: window.engine.store.get(record.id).status == TaskStatus.PROCESSING)  # type: ignore[union-attr]

        relay.cut()  # mid-poll
        await wait_for(banner.isVisible, 20)
        assert "You're offline" in banner.findChild(QLabel, "offlineText").text()
        assert window.engine.store.get(record.id).status == TaskStatus.PROCESSING  # type: ignore[union-attr]
        relay.restore()
        await wait_for(banner.isHidden, 30)

        got_bytes = asyncio.Event()
        window.manager.sig_download_progress.connect(lambda _i, done, _t: done > 0 and got_bytes.set())
        await asyncio.wait_for(got_bytes.wait(), 30)
        relay.cut()  # mid-download
        await wait_for(banner.isVisible, 20)
        shown = window.engine.store.get(record.id)
        assert shown.status == TaskStatus.COMPLETED and not shown.video_path  # type: ignore[union-attr]
        relay.restore()
        await wait_for(lambda: bool(window.engine.store.get(record.id).video_path), 60)  # type: ignore[union-attr]
        await wait_for(banner.isHidden, 10)
        saved = window.engine.store.get(record.id)
        assert saved is not None and Path(saved.video_path or "").stat().st_size == sim.result_size
        assert sim.count("POST", "/v1/videos/generations") == 1
        window.close()
        await window.wait_closed()

    qloop.run_until_complete(asyncio.wait_for(scenario(), 110))
