"""Which proxy a request takes: none, the system's, or one the user set in Settings.

- ``system``: the proxy environment variables (``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``…) when any is
  set; otherwise, on Windows and macOS, the platform's own proxy settings as Qt reads them
  (``QNetworkProxyFactory.systemProxyForQuery``, which may evaluate a PAC script: call it off the UI
  thread); otherwise a direct connection.
- ``none``: always direct, even when proxy variables are set.
- ``manual``: an HTTP(S) or SOCKS5 proxy URL, with an optional user name and password.

The password only ever lives in :class:`NetworkSettings` (in memory) and the keychain: it is handed to
httpx as a separate ``auth`` pair, never spliced into a proxy URL that could end up in a log line, an
exception or a settings file. :func:`describe_proxy` is the only text form, and it has no password.
"""

from __future__ import annotations

import enum
import logging
import os
import ssl
import sys
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.redaction import register_secret

log = logging.getLogger(__name__)

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")
_ENV_NAMES = ("https_proxy", "http_proxy", "all_proxy")


class ProxyMode(enum.StrEnum):
    SYSTEM = "system"
    NONE = "none"
    MANUAL = "manual"


@dataclass(frozen=True)
class NetworkSettings:
    """How the app reaches the network. ``password`` comes from the keychain and is never persisted
    by this class or shown by its ``repr``."""

    mode: ProxyMode = ProxyMode.SYSTEM
    url: str = ""
    username: str = ""
    password: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        # Masked wherever it might surface: httpcore's own debug trace prints SOCKS credentials.
        register_secret(self.password)

    def problems(self) -> list[str]:
        """What is wrong with these settings, in words fit for the Settings dialog (empty: fine)."""
        if self.mode is not ProxyMode.MANUAL:
            return []
        return proxy_url_problems(self.url)

    def with_password(self, password: str) -> NetworkSettings:
        return replace(self, password=password)


def proxy_url_problems(url: str) -> list[str]:
    text = url.strip()
    if not text:
        return [
            translate(
                "Proxy",
                "Enter the proxy address, e.g. http://proxy.example:3128 or socks5://proxy.example:1080.",
            )
        ]
    parts = urlsplit(text if "://" in text else f"http://{text}")
    problems = []
    if parts.scheme.lower() not in PROXY_SCHEMES:
        problems.append(
            translate(
                "Proxy", "The proxy address must start with http://, https://, socks5:// or socks5h://."
            )
        )
    if parts.username or parts.password:
        problems.append(
            translate(
                "Proxy", "Put the proxy user name and password in their own fields, not in the address."
            )
        )
    try:
        port = parts.port
    except ValueError:
        port = None
        problems.append(translate("Proxy", "The proxy port must be a number between 1 and 65535."))
    if not parts.hostname:
        problems.append(translate("Proxy", "The proxy address has no host name."))
    elif port is None and not problems:
        problems.append(translate("Proxy", "The proxy address needs a port, e.g. :3128."))
    return problems


def normalised_proxy_url(url: str) -> str:
    """``proxy.example:3128`` → ``http://proxy.example:3128``; no path, no trailing slash."""
    text = url.strip()
    parts = urlsplit(text if "://" in text else f"http://{text}")
    return f"{parts.scheme.lower()}://{parts.netloc}"


def environment_proxy() -> str | None:
    """The proxy named by the environment, for the connection check (httpx applies them itself)."""
    for name in _ENV_NAMES:
        value = os.environ.get(name) or os.environ.get(name.upper())
        if value:
            return value
    return None


@dataclass(frozen=True)
class ProxyChoice:
    """The proxy for one destination: ``url`` (None: direct, or whatever the environment says when
    ``trust_env``), credentials kept apart, and where the choice came from (for the check)."""

    url: str | None
    username: str = ""
    password: str = field(default="", repr=False)
    trust_env: bool = False
    source: str = ""

    def httpx_proxy(self, tls: ssl.SSLContext | None = None) -> Any:
        """An ``httpx.Proxy`` (credentials as a separate pair, our trust store for https proxies)."""
        if self.url is None:
            return None
        import httpx

        auth = (self.username, self.password) if self.username else None
        https_proxy = self.url.lower().startswith("https:")
        return httpx.Proxy(self.url, auth=auth, ssl_context=tls if https_proxy else None)

    def client_options(self, tls: ssl.SSLContext | None = None) -> dict[str, Any]:
        """Keyword arguments for ``httpx.Client`` / ``AsyncClient``."""
        return {"proxy": self.httpx_proxy(tls), "trust_env": self.trust_env}


def choose_proxy(settings: NetworkSettings, target_url: str) -> ProxyChoice:
    """The proxy to use for ``target_url`` under ``settings``. May consult the platform's proxy
    configuration (slow with PAC): call it in a worker thread."""
    if settings.mode is ProxyMode.NONE:
        return ProxyChoice(None, source=translate("Proxy", "direct (proxies switched off in Settings)"))
    if settings.mode is ProxyMode.MANUAL:
        return ProxyChoice(
            normalised_proxy_url(settings.url),
            settings.username,
            settings.password,
            source=translate("Proxy", "set in Settings"),
        )
    env = environment_proxy()
    if env:
        return ProxyChoice(
            None,
            trust_env=True,
            source=translate("Proxy", "from the environment ({name})").format(
                name=next(n.upper() for n in _ENV_NAMES if os.environ.get(n) or os.environ.get(n.upper()))
            ),
        )
    if sys.platform in ("win32", "darwin"):
        found = platform_proxy(target_url)
        if found is not None:
            return found
    return ProxyChoice(None, trust_env=True, source=translate("Proxy", "direct (no system proxy)"))


def platform_proxy(target_url: str) -> ProxyChoice | None:
    """The platform's own proxy for ``target_url`` as Qt reads it (Windows/macOS system settings,
    PAC included), or None for a direct connection."""
    from PySide6.QtCore import QUrl
    from PySide6.QtNetwork import QNetworkProxy, QNetworkProxyFactory, QNetworkProxyQuery

    try:
        proxies = QNetworkProxyFactory.systemProxyForQuery(QNetworkProxyQuery(QUrl(target_url)))
    except Exception as exc:  # a broken PAC script must not stop the app: go direct and say why
        log.warning("system proxy lookup failed: %s", type(exc).__name__)
        return None
    kinds = {
        QNetworkProxy.ProxyType.HttpProxy: "http",
        QNetworkProxy.ProxyType.HttpCachingProxy: "http",
        QNetworkProxy.ProxyType.Socks5Proxy: "socks5",
    }
    for proxy in proxies:
        scheme = kinds.get(proxy.type())
        if scheme and proxy.hostName():
            return ProxyChoice(
                f"{scheme}://{proxy.hostName()}:{proxy.port()}",
                proxy.user(),
                proxy.password(),
                source=translate("Proxy", "system proxy settings"),
            )
    return None


def describe_proxy(choice: ProxyChoice) -> str:
    """The proxy in plain words, never with its password."""
    if choice.url is None:
        env = environment_proxy() if choice.trust_env else None
        if env:
            parts = urlsplit(env)
            host = parts.hostname or env
            shown = f"{parts.scheme}://{host}:{parts.port}" if parts.port else f"{parts.scheme}://{host}"
            return translate("Proxy", "{proxy}, {source}").format(proxy=shown, source=choice.source)
        return choice.source
    user = translate("Proxy", " as {user}").format(user=choice.username) if choice.username else ""
    return translate("Proxy", "{proxy}{user}, {source}").format(
        proxy=choice.url, user=user, source=choice.source
    )
