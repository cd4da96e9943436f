"""Where things live and how the app is configured — the settings schema, loaded and saved here only.

Paths come from platformdirs, overridable by the environment contract (docs/architecture.md). Settings
are kept in an INI file inside the data folder (QSettings, IniFormat) so that ``HAPPYHORSE_DATA_DIR``
isolates everything a test or a second profile touches. The API key is never stored here (see
``secrets.py``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

from happyhorse_desktop import APP_NAME, ORG_NAME
from happyhorse_desktop.api.models import DEFAULT_API_BASE, DEFAULT_FILES_BASE, DEFAULT_MODEL
from happyhorse_desktop.i18n import Language, parse_language
from happyhorse_desktop.validation import DURATION_MAX, DURATION_MIN

DEFAULT_POLL_INTERVAL = 5.0
MIN_POLL_INTERVAL = 0.05
DEFAULT_LEASE_SECONDS = 30.0
DEMO_API_KEY = "sk-evo-demo-not-a-real-key"


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def default_data_dir() -> Path:
    return Path(_env("HAPPYHORSE_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, ORG_NAME))


def default_output_dir() -> Path:
    return Path(platformdirs.user_videos_dir()) / "HappyHorse"


def settings_for(data_dir: Path) -> QSettings:
    data_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)


@dataclass
class AppSettings:
    """What the user sets in Settings (the file's keys are these field names). The network settings
    (proxy mode, address, user; the password in the keychain) have their own keys, read and written by
    ``net/settings.py``."""

    output_dir: str = ""  # empty: the platform's Videos folder + HappyHorse
    default_model: str = DEFAULT_MODEL
    default_quality: str = "720p"
    default_duration: int = 5
    poll_interval: float = DEFAULT_POLL_INTERVAL
    notifications: bool = True
    language: str = Language.AUTO.value  # "auto" (the system's), "en" or "zh_CN"; applies at the next start
    close_to_tray: bool = True  # closing the window while tasks run keeps the app in the system tray

    @classmethod
    def load(cls, settings: QSettings) -> AppSettings:
        loaded = cls()
        for f in fields(cls):
            raw = settings.value(f.name)
            if raw is None or raw == "":
                continue
            default = getattr(loaded, f.name)
            try:
                if isinstance(default, bool):
                    value: object = str(raw).lower() != "false"
                elif isinstance(default, int):
                    value = int(float(str(raw)))
                elif isinstance(default, float):
                    value = float(str(raw))
                else:
                    value = str(raw)
            except ValueError:
                continue  # a hand-edited file with nonsense keeps the default
            setattr(loaded, f.name, value)
        loaded.default_duration = min(DURATION_MAX, max(DURATION_MIN, loaded.default_duration))
        loaded.poll_interval = max(MIN_POLL_INTERVAL, loaded.poll_interval)
        loaded.language = parse_language(loaded.language).value
        return loaded

    def save(self, settings: QSettings) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            settings.setValue(f.name, ("true" if value else "false") if isinstance(value, bool) else value)
        settings.sync()


@dataclass
class Config:
    """The effective configuration of one run: the settings file, then the environment overrides."""

    data_dir: Path
    settings_dir: Path  # where settings.ini lives (demo runs share the real one)
    output_dir: Path
    api_base: str
    files_base: str
    settings: AppSettings
    demo: bool = False

    @property
    def poll_interval(self) -> float:
        return max(MIN_POLL_INTERVAL, float(_env("HAPPYHORSE_POLL_INTERVAL") or self.settings.poll_interval))

    @property
    def lease_seconds(self) -> float:
        """How long a process's claim on a task lasts without renewal (tests shorten it)."""
        return max(0.5, float(_env("HAPPYHORSE_LEASE_SECONDS") or DEFAULT_LEASE_SECONDS))

    @property
    def db_path(self) -> Path:
        return self.data_dir / "tasks.sqlite3"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    def ensure_dirs(self) -> None:
        for d in (self.data_dir, self.log_dir, self.cache_dir):
            d.mkdir(parents=True, exist_ok=True)

    def qsettings(self) -> QSettings:
        return settings_for(self.settings_dir)

    def apply(self, settings: AppSettings) -> None:
        """Adopt new settings and write them to the settings file."""
        self.settings = settings
        settings.save(self.qsettings())
        self.output_dir = _output_dir(settings, self.demo)


def _output_dir(settings: AppSettings, demo: bool) -> Path:
    output = Path(_env("HAPPYHORSE_OUTPUT_DIR") or settings.output_dir or default_output_dir())
    return output / "demo" if demo else output


def saved_settings() -> AppSettings:
    """The settings as saved, before anything else is set up (the language is needed first)."""
    return AppSettings.load(settings_for(default_data_dir()))


def load_config(*, demo: bool = False) -> Config:
    """Build the configuration from the settings file, then apply the environment overrides."""
    base_dir = default_data_dir()
    settings = AppSettings.load(settings_for(base_dir))
    return Config(
        # Demo mode keeps its own history so simulated tasks never mix with (or poll) the real account.
        data_dir=base_dir / "demo" if demo else base_dir,
        settings_dir=base_dir,
        output_dir=_output_dir(settings, demo),
        api_base=_env("HAPPYHORSE_API_BASE") or DEFAULT_API_BASE,
        files_base=_env("HAPPYHORSE_FILES_BASE") or DEFAULT_FILES_BASE,
        settings=settings,
        demo=demo,
    )
