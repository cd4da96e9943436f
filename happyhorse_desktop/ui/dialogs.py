"""The settings dialog and the first-run welcome. Both only collect input; the window applies it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop.api.models import MODELS, QUALITIES
from happyhorse_desktop.config import AppSettings
from happyhorse_desktop.formatting import sentences
from happyhorse_desktop.i18n import Language, installed_language, parse_language, resolve
from happyhorse_desktop.net.proxy import NetworkSettings
from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.secrets import KeyFormatError, normalize_key
from happyhorse_desktop.ui.background import ERROR_STYLE, async_slot, user_message
from happyhorse_desktop.ui.widgets import path_row
from happyhorse_desktop.validation import DURATION_MAX, DURATION_MIN
from happyhorse_desktop.vocabulary import model_label

if TYPE_CHECKING:
    from happyhorse_desktop.api.models import Credits

KeyTester = Callable[[str], Awaitable["Credits"]]


@dataclass
class SettingsValues:
    """What the dialog collected: the settings, and a new key if one was typed."""

    settings: AppSettings
    api_key: str  # empty: keep the current key (already checked: a usable key or empty)
    remember_key: bool
    network: NetworkSettings | None = None  # None: the network settings were not shown


def note_label(name: str, text: str, *, shown: bool, style: str = "") -> QLabel:
    """A wrapped explanation under a field, shown only when it applies."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.setVisible(shown)
    return label


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: AppSettings,
        remember_key: bool,
        key_hint: str,
        test_key: KeyTester,
        parent: QWidget | None = None,
        *,
        key_from_environment: bool = False,
        tray_available: bool = True,
        network_panel: QWidget | None = None,  # the NetworkSettingsPanel (ui/network_settings.py)
    ):
        """``remember_key``: whether a system keychain exists (remembering is then the default)."""
        super().__init__(parent)
        self.network_panel = network_panel
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self._test_key = test_key
        self._keychain = remember_key
        self._close_to_tray = settings.close_to_tray  # kept as is where no tray exists
        key_row = self._build_key(key_hint, remember_key, key_from_environment)
        out_row = self._build_general(settings, tray_available)

        form = QFormLayout()
        form.addRow(self.tr("API &key"), key_row)
        form.addRow("", self.environment_note)
        form.addRow("", self.key_error)
        form.addRow("", self.test_result)
        form.addRow("", self.remember)
        form.addRow("", self.keychain_note)
        form.addRow(self.tr("Save &videos to"), out_row)
        form.addRow(self.tr("Default &model"), self.model)
        form.addRow(self.tr("Default &quality"), self.quality)
        form.addRow(self.tr("Default &duration"), self.duration)
        form.addRow(self.tr("Check &status every"), self.poll)
        form.addRow("", self.notifications)
        form.addRow("", self.close_to_tray)
        form.addRow(self.tr("&Language"), self.language)
        form.addRow("", self.language_note)
        # A row holding a layout gets a label without a buddy, which would show its "&" as is.
        form.labelForField(key_row).setBuddy(self.key)
        form.labelForField(out_row).setBuddy(self.output)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if network_panel is not None:
            layout.addWidget(network_panel)
        layout.addWidget(buttons)

    def _build_key(self, key_hint: str, remember_key: bool, key_from_environment: bool) -> QHBoxLayout:
        """The key field, Show, Test key, "remember", and the notes that explain them."""
        self.key = QLineEdit()
        self.key.setObjectName("apiKeyEdit")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(key_hint or "sk-evo-…")
        self.show_key = QCheckBox(self.tr("Sho&w"))
        self.show_key.toggled.connect(
            lambda on: self.key.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        )
        self.test_button = QPushButton(self.tr("&Test key"))
        self.test_button.setObjectName("testKeyButton")
        self.test_button.clicked.connect(lambda: self.test_key())
        self.test_result = QLabel()
        self.test_result.setObjectName("testKeyResult")
        self.test_result.setWordWrap(True)
        self.remember = QCheckBox(self.tr("&Remember in the system keychain (otherwise only until you quit)"))
        self.remember.setObjectName("rememberKeyCheck")
        self.remember.setChecked(remember_key)
        # Said the moment it matters: ticking "remember" where no keychain exists keeps nothing.
        self.keychain_note = note_label(
            "keychainNote",
            self.tr(
                "No system keychain was found on this computer, so the key cannot be remembered: it is "
                "kept in memory until you quit, and never written to a file."
            ),
            shown=False,
            style=ERROR_STYLE,
        )
        self.remember.toggled.connect(lambda on: self.keychain_note.setVisible(on and not self._keychain))
        self.environment_note = note_label(
            "environmentKeyNote",
            self.tr(
                "The key in use comes from the EVOLINK_API_KEY environment variable, which Settings cannot "
                "change: set that variable to another key (or remove it) and restart."
            ),
            shown=key_from_environment,
        )
        if key_from_environment:
            self.key.setEnabled(False)
            self.remember.setEnabled(False)
        self.key_error = QLabel()
        self.key_error.setObjectName("keyError")
        self.key_error.setWordWrap(True)
        self.key_error.setStyleSheet(ERROR_STYLE)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.show_key)
        key_row.addWidget(self.test_button)
        return key_row

    def _build_general(self, settings: AppSettings, tray_available: bool) -> QHBoxLayout:
        """Where videos go, the defaults, polling, notifications, the tray and the language."""
        self.output = QLineEdit(settings.output_dir)
        out_row = path_row(self.output, self.tr("&Browse…"), self._browse)

        self.model = QComboBox()
        for model_id in MODELS:
            self.model.addItem(model_label(model_id), model_id)
        self.model.setCurrentIndex(max(0, self.model.findData(settings.default_model)))
        self.quality = QComboBox()
        self.quality.addItems(list(QUALITIES))
        self.quality.setCurrentText(settings.default_quality)
        self.duration = QSpinBox()
        self.duration.setRange(DURATION_MIN, DURATION_MAX)
        self.duration.setSuffix(self.tr(" s"))
        self.duration.setValue(settings.default_duration)
        self.poll = QDoubleSpinBox()
        self.poll.setRange(2.0, 60.0)
        self.poll.setDecimals(0)
        self.poll.setSuffix(self.tr(" s"))
        self.poll.setValue(max(2.0, settings.poll_interval))
        self.poll.setToolTip(
            self.tr(
                "The shortest time between two status checks of one task; long tasks are checked "
                "less often, up to every 30 s."
            )
        )
        self.notifications = QCheckBox(self.tr("&Notify me when a task completes or fails"))
        self.notifications.setChecked(settings.notifications)
        self.close_to_tray = QCheckBox(
            self.tr("&Keep running in the system tray when the window is closed while tasks run")
        )
        self.close_to_tray.setObjectName("closeToTrayCheck")
        self.close_to_tray.setChecked(settings.close_to_tray and tray_available)
        if not tray_available:
            self.close_to_tray.setEnabled(False)
            self.close_to_tray.setToolTip(
                self.tr("This desktop shows no system tray: closing the window quits.")
            )
        self._build_language(settings.language)
        return out_row

    def _build_language(self, choice: str) -> None:
        """The language chooser. Languages are named in their own words; the window is built in one
        language, so a new choice applies at the next start, which the note says."""
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.addItem(self.tr("Automatic (the system's language)"), Language.AUTO.value)
        self.language.addItem("English", Language.ENGLISH.value)
        self.language.addItem("简体中文", Language.CHINESE.value)
        self.language.setCurrentIndex(max(0, self.language.findData(parse_language(choice).value)))
        self.language_note = QLabel(self.tr("The new language applies the next time the app starts."))
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.language.currentIndexChanged.connect(self._show_language_note)
        self._show_language_note()

    def _show_language_note(self) -> None:
        chosen = resolve(str(self.language.currentData()))
        self.language_note.setVisible(chosen is not installed_language())

    def values(self) -> SettingsValues:
        return SettingsValues(
            settings=AppSettings(
                output_dir=self.output.text().strip(),
                default_model=str(self.model.currentData()),
                default_quality=self.quality.currentText(),
                default_duration=self.duration.value(),
                poll_interval=self.poll.value(),
                notifications=self.notifications.isChecked(),
                close_to_tray=(
                    self.close_to_tray.isChecked() if self.close_to_tray.isEnabled() else self._close_to_tray
                ),
                language=str(self.language.currentData()),
            ),
            api_key=self._typed_key() or "",
            remember_key=self.remember.isChecked(),
            network=self.network_panel.values() if self.network_panel is not None else None,  # type: ignore[attr-defined]
        )

    def _typed_key(self) -> str | None:
        """The key typed, cleaned of stray spaces and invisible characters; None when none was typed.
        Raises ``KeyFormatError`` when what was typed cannot be a key."""
        return normalize_key(self.key.text()) if self.key.text().strip() else None

    def accept(self) -> None:
        """Save only with a usable key field: a bad key is named here, before anything is stored."""
        try:
            self._typed_key()
        except KeyFormatError as exc:
            self.key_error.setText(str(exc))
            self.key.setFocus()
            return
        # A proxy address that cannot work is named in the panel; the dialog stays open, nothing lost.
        if self.network_panel is not None and self.network_panel.problem_text():  # type: ignore[attr-defined]
            self.network_panel.start_check()  # type: ignore[attr-defined]  # shows the problems
            return
        if self.network_panel is not None:
            self.network_panel.cancel_check()  # type: ignore[attr-defined]
        super().accept()

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Save videos to"), self.output.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.output.setText)
        dialog.open()

    @async_slot
    async def test_key(self) -> None:
        self.test_result.setText(self.tr("Testing…"))
        self.key_error.clear()
        self.test_button.setEnabled(False)
        try:
            credits = await self._test_key(self._typed_key() or "")
        finally:
            self.test_button.setEnabled(True)
        text = self.tr("✓ The key works. Balance: {credits} credits.")
        self.test_result.setText(text.format(credits=format_credits(credits.balance)))

    def present_error(self, exc: BaseException) -> None:
        self.test_result.setText(f"✗ {user_message(exc)}")


class WelcomeDialog(QDialog):
    """First start without a key: enter one, or try the demo."""

    ENTER_KEY, DEMO = 1, 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to HappyHorse Desktop"))
        self.setObjectName("welcomeDialog")
        title = QLabel(self.tr("<h2>Turn a picture into a video</h2>"))
        self.text = QLabel()
        self.text.setObjectName("welcomeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self._checked = False
        self.set_keychain_available(True)
        text = self.text
        self.key = QLineEdit()
        self.key.setObjectName("welcomeKeyEdit")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText("sk-evo-…")
        self.cleaned_key = ""
        self.key_error = QLabel()
        self.key_error.setObjectName("welcomeKeyError")
        self.key_error.setWordWrap(True)
        self.key_error.setStyleSheet(ERROR_STYLE)
        use_key = QPushButton(self.tr("&Use this key"))
        use_key.setObjectName("useKeyButton")
        use_key.setDefault(True)
        use_key.clicked.connect(self._use_key)
        demo = QPushButton(self.tr("Try the &demo"))
        demo.setObjectName("tryDemoButton")
        demo.clicked.connect(lambda: self.done(self.DEMO))
        row = QHBoxLayout()
        row.addWidget(self.key, 1)
        row.addWidget(use_key)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(self.key_error)
        layout.addWidget(demo, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(520, 260)

    def set_keychain_available(self, available: bool) -> None:
        """Promise the keychain only where there is one."""
        intro = self.tr(
            "HappyHorse Desktop sends your picture and prompt to EvoLink's HappyHorse model and saves the "
            "finished video on your computer."
        )
        if available:
            keep = self.tr(
                "To use your EvoLink account, paste your API key (it is kept in the system keychain)."
            )
        else:
            keep = self.tr(
                "To use your EvoLink account, paste your API key. <b>No system keychain was found on this "
                "computer</b>, so the key is kept in memory until you quit and asked for again next time; it "
                "is never written to a file."
            )
        demo = self.tr(
            "Or try the demo first: it runs a local simulator, everything works and nothing is billed."
        )
        self.text.setText(f"{intro}<br><br>{sentences(keep, demo)}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._checked:
            self._checked = True
            self._check_keychain()

    @async_slot
    async def _check_keychain(self) -> None:
        from happyhorse_desktop.secrets import KeyStore

        # Loading keyring's backends may talk to D-Bus: a worker thread, never the UI thread.
        if not await asyncio.to_thread(KeyStore().keychain_available):
            self.set_keychain_available(False)

    def present_error(self, exc: BaseException) -> None:
        """A failed keychain check only leaves the wording as it is."""

    def _use_key(self) -> None:
        if not self.key.text().strip():
            self.key.setPlaceholderText(self.tr("Paste your key first, or try the demo"))
            return
        try:
            self.cleaned_key = normalize_key(self.key.text())
        except KeyFormatError as exc:
            self.key_error.setText(str(exc))
            return
        self.done(self.ENTER_KEY)
