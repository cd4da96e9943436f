"""The Network panel in the Settings dialog, driven like a user: a bad proxy address is named and
loses nothing, "Check connection" shows its steps as they end, and a saved proxy is used at once
(its password in the keychain only)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from kit import TEST_KEY, wait_for
from netkit import (
    FAKE_HOST,
    ConnectProxy,
    TlsSimulator,
    clean_network_env,
    make_ca,
    qt_loop,
    server_context,
    trust_ca,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
)

from happyhorse_desktop.app import create_main_window
from happyhorse_desktop.net.proxy import ProxyMode

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SSL_CERT_FILE is OpenSSL's")
PASSWORD = "gui-proxy-pw-1234"


@pytest.fixture
def qloop(qapp) -> Iterator[qasync.QEventLoop]:  # type: ignore[no-untyped-def]
    with qt_loop(qapp) as loop:
        yield loop


@pytest.fixture
def hidden_sim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TlsSimulator]:
    """EvoLink at https://api.evolink.test:PORT: reachable only through the test proxy."""
    ca = make_ca()
    with clean_network_env(monkeypatch), TlsSimulator(server_context(ca), host=FAKE_HOST) as sim:
        trust_ca(ca, tmp_path, monkeypatch)
        monkeypatch.setenv("HAPPYHORSE_API_BASE", sim.base_url)
        monkeypatch.setenv("HAPPYHORSE_FILES_BASE", sim.base_url)
        monkeypatch.setenv("EVOLINK_API_KEY", TEST_KEY)
        yield sim


def test_proxy_set_checked_and_saved_in_the_dialog_applies_at_once(  # type: ignore[no-untyped-def]
    qtbot, qloop, hidden_sim: TlsSimulator, memory_keyring, isolated_env: Path
) -> None:
    proxy = ConnectProxy(credentials=("alice", PASSWORD))

    async def scenario() -> None:
        window = create_main_window()
        qtbot.addWidget(window)
        window.show()
        await wait_for(lambda: window.engine._client is not None)
        window.open_settings()
        await wait_for(lambda: window.findChild(QDialog, "settingsDialog") is not None)
        dialog = window.findChild(QDialog, "settingsDialog")
        mode = dialog.findChild(QComboBox, "proxyModeCombo")
        url = dialog.findChild(QLineEdit, "proxyUrlEdit")
        assert mode.currentData() == ProxyMode.SYSTEM.value and not url.isEnabled()
        mode.setCurrentIndex(mode.findData(ProxyMode.MANUAL.value))
        qtbot.keyClicks(url, "ftp://proxy:21")
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        save.click()
        assert dialog.isVisible()  # refused with the reason, nothing typed is lost
        assert "must start with http://" in dialog.findChild(QLabel, "proxyProblems").text()
        url.setText(proxy.url)
        dialog.findChild(QLineEdit, "proxyUserEdit").setText("alice")
        dialog.findChild(QLineEdit, "proxyPasswordEdit").setText(PASSWORD)
        assert dialog.findChild(QLabel, "proxyProblems").text() == ""

        from happyhorse_desktop.sandbox import Fault

        hidden_sim.add_fault(Fault("delay", "GET", "/v1/credits", delay=0.5))  # a slow key step
        dialog.findChild(QPushButton, "checkConnectionButton").click()
        steps = dialog.findChild(QListWidget, "connectionSteps")
        await wait_for(lambda: steps.count() >= 4, 10)
        assert steps.count() < 7  # the first steps show while the key step still waits
        await wait_for(lambda: steps.count() == 7, 20)
        keys = [steps.item(i).data(Qt.ItemDataRole.UserRole) for i in range(steps.count())]
        assert keys == ["dns", "tcp", "proxy", "tls", "key", "files", "cdn"]
        texts = [steps.item(i).text() for i in range(7)]
        assert all(t.startswith("✓") for t in texts[:6]), texts
        assert texts[6].startswith("–")  # no finished video yet: the CDN is not checked

        save.click()
        await wait_for(lambda: window.engine.network is not None and window.engine.network.url == proxy.url)
        assert (await window.engine.client.get_credits()).balance > 0  # through the proxy, at once
        assert any(FAKE_HOST in t for t in proxy.tunnels)
        assert memory_keyring.passwords[("happyhorse-desktop", "proxy:alice")] == PASSWORD
        for path in isolated_env.rglob("*"):
            if path.is_file():
                assert PASSWORD.encode() not in path.read_bytes(), path
        window.close()
        await window.wait_closed()

    try:
        qloop.run_until_complete(asyncio.wait_for(scenario(), 60))
    finally:
        proxy.close()
