"""Where things live and how the app is configured.

Paths come from platformdirs, overridable by the environment contract in DESIGN.md. Settings are kept
in an INI file inside the data folder (QSettings, IniFormat) so that ``HAPPYHORSE_DATA_DIR`` isolates
everything a test or a second profile touches. The API key is never stored here (see ``secrets.py``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

from happyhorse_desktop import APP_NAME, ORG_NAME
from happyhorse_desktop.api.models import DEFAULT_API_BASE, DEFAULT_FILES_BASE, DEFAULT_MODEL

DEFAULT_POLL_INTERVAL = 5.0
DEMO_API_KEY = "sk-evo-demo-not-a-real-key"


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def default_data_dir() -> Path:
    return Path(_env("HAPPYHORSE_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, ORG_NAME))


def default_output_dir() -> Path:
    return Path(platformdirs.user_videos_dir()) / "HappyHorse"


@dataclass
class Config:
    """The effective configuration of one run (settings file + environment overrides)."""

    data_dir: Path
    output_dir: Path
    api_base: str
    files_base: str
    poll_interval: float
    default_model: str
    default_quality: str
    default_duration: int
    notifications: bool
    proxy: str | None
    demo: bool = False

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


def settings_for(data_dir: Path) -> QSettings:
    data_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)


def _float(value: object, default: float) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def load_config(*, demo: bool = False) -> Config:
    """Build the configuration from the settings file, then apply the environment overrides."""
    base_dir = default_data_dir()
    # Demo mode keeps its own history so simulated tasks never mix with (or poll) the real account.
    data_dir = base_dir / "demo" if demo else base_dir
    s = settings_for(base_dir)
    output = _env("HAPPYHORSE_OUTPUT_DIR") or s.value("output_dir") or str(default_output_dir())
    poll = _float(_env("HAPPYHORSE_POLL_INTERVAL") or s.value("poll_interval"), DEFAULT_POLL_INTERVAL)
    duration = int(_float(s.value("default_duration"), 5))
    return Config(
        data_dir=data_dir,
        output_dir=Path(output) / "demo" if demo else Path(output),
        api_base=_env("HAPPYHORSE_API_BASE") or str(s.value("api_base") or DEFAULT_API_BASE),
        files_base=_env("HAPPYHORSE_FILES_BASE") or str(s.value("files_base") or DEFAULT_FILES_BASE),
        poll_interval=max(0.05, poll),
        default_model=str(s.value("default_model") or DEFAULT_MODEL),
        default_quality=str(s.value("default_quality") or "720p"),
        default_duration=min(15, max(3, duration)),
        notifications=str(s.value("notifications", "true")).lower() != "false",
        proxy=str(s.value("proxy")) if s.value("proxy") else None,
        demo=demo,
    )
