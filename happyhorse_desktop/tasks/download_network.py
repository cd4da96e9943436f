"""How downloads reach the CDN, as the engine hands it to the downloader. Kept apart from
:mod:`downloader` (urllib, http.client, ssl…), which is loaded on the first download, not at start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from happyhorse_desktop.net.proxy import NetworkSettings

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import TransportObserver


@dataclass(frozen=True)
class DownloadNetwork:
    """How downloads reach the CDN: where the network settings in force come from (called in the
    worker thread as each download starts: reading a proxy password from the keychain may block)
    and who hears about transport failures (the connectivity monitor)."""

    settings: Callable[[], NetworkSettings] = NetworkSettings
    observer: TransportObserver | None = None
