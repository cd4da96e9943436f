"""Network settings on disk: the proxy mode, address and user name in the settings file, the
password in the keychain (:class:`happyhorse_desktop.secrets.ProxyPasswordStore`), never in the file.

An older settings file has a single ``proxy`` URL; it is read as a manual proxy until the user saves
the network settings again.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from happyhorse_desktop.net.proxy import NetworkSettings, ProxyMode
from happyhorse_desktop.secrets import ProxyPasswordStore

MODE_KEY, URL_KEY, USER_KEY = "network/proxy_mode", "network/proxy_url", "network/proxy_user"
LEGACY_KEY = "proxy"


def read_network_settings(settings: QSettings) -> NetworkSettings:
    """The saved settings without the password (this never touches the keychain)."""
    raw_mode = str(settings.value(MODE_KEY) or "")
    legacy = str(settings.value(LEGACY_KEY) or "").strip()
    if not raw_mode:
        return NetworkSettings(ProxyMode.MANUAL, legacy) if legacy else NetworkSettings()
    try:
        mode = ProxyMode(raw_mode)
    except ValueError:
        mode = ProxyMode.SYSTEM
    return NetworkSettings(mode, str(settings.value(URL_KEY) or ""), str(settings.value(USER_KEY) or ""))


def load_network_settings(settings: QSettings, passwords: ProxyPasswordStore) -> NetworkSettings:
    """The saved settings with the password from the keychain (may block: call in a worker thread)."""
    saved = read_network_settings(settings)
    if saved.mode is ProxyMode.MANUAL and saved.username:
        return saved.with_password(passwords.load(saved.username))
    return saved


def save_network_settings(
    settings: QSettings, network: NetworkSettings, passwords: ProxyPasswordStore
) -> str:
    """Write mode, address and user to the file and the password to the keychain (may block).
    Returns what to tell the user about where the password went ("" when there is none)."""
    previous = read_network_settings(settings)
    settings.setValue(MODE_KEY, network.mode.value)
    settings.setValue(URL_KEY, network.url.strip())
    settings.setValue(USER_KEY, network.username.strip())
    settings.remove(LEGACY_KEY)  # the old single URL would shadow nothing now; drop it
    settings.sync()
    if previous.username and previous.username != network.username:
        passwords.forget(previous.username)
    if network.username and network.password:
        return passwords.save(network.username, network.password).message
    return ""  # an empty password field keeps the saved password
