"""The "Network" part of the Settings dialog: proxy mode (system / none / manual), the proxy's
address, user name and password, and "Check connection", whose steps appear one by one as they end
(✓ / ✗ / – and a sentence each) while the dialog stays responsive.

Also the two coroutines the main window hands it: the connection check for the engine's API, and
applying new settings (file + keychain in a worker thread, then ``Engine.apply_network``).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop.net.diagnose import Step
from happyhorse_desktop.net.engine_check import MARKS, CheckRunner, connection_check
from happyhorse_desktop.net.proxy import NetworkSettings, ProxyMode
from happyhorse_desktop.ui.background import ERROR_STYLE

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine


class NetworkSettingsPanel(QGroupBox):
    def __init__(
        self,
        current: NetworkSettings,
        run_check: CheckRunner,
        *,
        password_saved: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Network"))
        self.setObjectName("networkSettings")
        self._run_check = run_check
        self._check_task: asyncio.Task[None] | None = None
        self.mode = QComboBox()
        self.mode.setObjectName("proxyModeCombo")
        self.mode.addItem(self.tr("Use the system's proxy settings"), ProxyMode.SYSTEM.value)
        self.mode.addItem(self.tr("No proxy (connect directly)"), ProxyMode.NONE.value)
        self.mode.addItem(self.tr("Use this proxy"), ProxyMode.MANUAL.value)
        self.mode.setCurrentIndex(max(0, self.mode.findData(current.mode.value)))
        self.url = QLineEdit(current.url)
        self.url.setObjectName("proxyUrlEdit")
        self.url.setPlaceholderText(self.tr("http://proxy.example:3128  ·  socks5://proxy.example:1080"))
        self.user = QLineEdit(current.username)
        self.user.setObjectName("proxyUserEdit")
        self.user.setPlaceholderText(self.tr("only if the proxy asks for one"))
        self.password = QLineEdit()
        self.password.setObjectName("proxyPasswordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("saved in the keychain — type to replace") if password_saved else ""
        )
        self.problems = QLabel()
        self.problems.setObjectName("proxyProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_STYLE)
        self.check_button = QPushButton(self.tr("Check connection"))
        self.check_button.setObjectName("checkConnectionButton")
        self.check_button.clicked.connect(self.start_check)
        self.steps = QListWidget()
        self.steps.setObjectName("connectionSteps")
        self.steps.setWordWrap(True)
        self.steps.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("Proxy"), self.mode)
        form.addRow(self.tr("Address"), self.url)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.check_button)
        layout.addWidget(self.steps)
        for signal in (self.mode.currentIndexChanged, self.url.textChanged):
            signal.connect(self._update)
        self._update()

    def values(self) -> NetworkSettings:
        """The settings in the form (an empty password means: keep the saved one)."""
        return NetworkSettings(
            ProxyMode(self.mode.currentData()),
            self.url.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )

    def problem_text(self) -> str:
        return " ".join(self.values().problems())

    def _update(self) -> None:
        manual = self.mode.currentData() == ProxyMode.MANUAL.value
        for field in (self.url, self.user, self.password):
            field.setEnabled(manual)
        self.problems.setText(self.problem_text() if manual and self.url.text().strip() else "")

    def start_check(self) -> None:
        """Run the check with the settings in the form; each step shows as soon as it ends."""
        problems = self.problem_text()
        if problems:
            self.problems.setText(problems)
            return
        if self._check_task is not None and not self._check_task.done():
            return
        self.steps.clear()
        self.steps.setVisible(True)
        self.check_button.setEnabled(False)
        self.check_button.setText(self.tr("Checking…"))
        self._check_task = asyncio.ensure_future(self._check(self.values()))

    async def _check(self, settings: NetworkSettings) -> None:
        try:
            async for step in self._run_check(settings):
                self._add(step)
        except Exception as exc:  # the check itself broke: say so in the list, never crash the dialog
            self._add(Step("error", self.tr("Check"), False, f"{type(exc).__name__}: {exc}"))
        finally:
            with contextlib.suppress(RuntimeError):  # the dialog may be gone
                self.check_button.setEnabled(True)
                self.check_button.setText(self.tr("Check connection"))

    def _add(self, step: Step) -> None:
        item = QListWidgetItem(f"{MARKS[step.ok]}  {step.title} — {step.detail}")
        item.setData(Qt.ItemDataRole.UserRole, step.key)  # which step, for tests
        self.steps.addItem(item)

    def cancel_check(self) -> None:
        if self._check_task is not None:
            self._check_task.cancel()


async def apply_network_settings(engine: Engine, network: NetworkSettings) -> str:
    """Save ``network`` and put it in force at once (the engine does both)."""
    return await engine.save_network(network)


def network_panel(engine: Engine) -> NetworkSettingsPanel:
    """The settings dialog's network panel, showing what is in force (read with its password by the
    engine's warm-up) or else what the settings file says (no keychain read here)."""
    from happyhorse_desktop.net.settings import read_network_settings

    current = engine.network or read_network_settings(engine.config.qsettings())
    return NetworkSettingsPanel(current, connection_check(engine), password_saved=bool(current.password))
