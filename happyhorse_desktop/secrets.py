"""The API key: OS keychain via keyring, an environment override, or memory for this session only.

Order of precedence: ``EVOLINK_API_KEY`` (never stored) > a key set for this session > the keychain.
When no keychain backend exists (headless Linux), the key is kept in memory and the user is told so;
it is never written to a plain file. keyring calls can block (a locked keychain asks the user), so the
GUI calls them through ``asyncio.to_thread``.
"""

from __future__ import annotations

import logging
import os
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.redaction import register_secret

log = logging.getLogger(__name__)

SERVICE_NAME = "happyhorse-desktop"
ACCOUNT_NAME = "api-key"
ENV_VAR = "EVOLINK_API_KEY"


class KeySource(StrEnum):
    ENVIRONMENT = "environment"
    SESSION = "session"
    KEYCHAIN = "keychain"
    NONE = "none"


@dataclass(frozen=True)
class SaveOutcome:
    stored_in_keychain: bool
    message: str


class KeyFormatError(ValueError):
    """A key that cannot be an EvoLink key (the message says which character and where)."""


def key_format_problem(key: str) -> str | None:
    """Why ``key`` cannot be sent as a Bearer token, or None. EvoLink keys are printable ASCII without
    spaces; anything else would fail deep in the HTTP stack with an encoding error."""
    for position, char in enumerate(key, start=1):
        if not (char.isascii() and char.isprintable()) or char.isspace():
            name = unicodedata.name(char, "")
            shown = f"U+{ord(char):04X}" + (f" {name}" if name else "")
            return translate(
                "Keys",
                "The API key contains {char} at position {position}, which no EvoLink key has. "
                "Copy the key again from your EvoLink dashboard.",
            ).format(char=shown, position=position)
    return None


def normalize_key(raw: str) -> str:
    """The key as the user meant it: surrounding white space and invisible characters (zero-width
    spaces, byte-order marks… often pasted along) removed. Raises :class:`KeyFormatError` when what is
    left still cannot be a key."""
    visible = "".join(c for c in raw if unicodedata.category(c) != "Cf").strip()
    if not visible:
        raise KeyFormatError(translate("Keys", "The API key is empty."))
    problem = key_format_problem(visible)
    if problem:
        raise KeyFormatError(problem)
    return visible


def mask_key(key: str | None) -> str:
    """A form of the key safe to show: its prefix and last four characters."""
    if not key:
        return ""
    if len(key) <= 10:
        return "•" * len(key)
    return f"{key[:6]}…{key[-4:]}"


class KeyStore:
    def __init__(self, service: str = SERVICE_NAME) -> None:
        self._service = service
        self._session_key: str | None = None
        self._cached: str | None = None
        self._loaded = False
        self._pending = False
        self._saves = 0  # a key saved while a slower keychain read is under way wins over that read
        self.source = KeySource.NONE
        self.problem: str | None = None  # why the key found (environment, keychain) cannot be used

    def keychain_available(self) -> bool:
        import keyring

        try:
            backend = keyring.get_keyring()
        except Exception:  # a broken backend configuration is "no keychain", not a crash
            return False
        return getattr(backend, "priority", 0) > 0

    def load_without_keychain(self) -> str | None:
        """The key from the environment or this session, if there is one (never blocks)."""
        raw = os.environ.get(ENV_VAR, "")
        if raw.strip():
            register_secret(raw.strip())
            try:
                env: str | None = normalize_key(raw)
            except KeyFormatError as exc:
                env, self.problem = None, f"{ENV_VAR}: {exc}"
            register_secret(env)
            self._cached, self._loaded, self.source = env, True, KeySource.ENVIRONMENT
            return env
        if self._session_key:
            self._cached, self._loaded, self.source = self._session_key, True, KeySource.SESSION
            return self._session_key
        return None

    def load(self) -> tuple[str | None, KeySource]:
        """Find the key now (may block on the keychain) and remember it for :meth:`current`."""
        if self.load_without_keychain() or self.source is KeySource.ENVIRONMENT:
            return self._cached, self.source  # an unusable EVOLINK_API_KEY is reported, not bypassed
        saves_before = self._saves
        import keyring  # imported here: it costs start-up time and is not needed with EVOLINK_API_KEY
        import keyring.errors

        key = None
        try:
            key = keyring.get_password(self._service, ACCOUNT_NAME)
        except keyring.errors.KeyringError as exc:
            log.info("no usable keychain: %s", type(exc).__name__)
        except Exception as exc:  # backends raise their own types (dbus, secretstorage…)
            log.warning("keychain lookup failed: %s", type(exc).__name__)
        register_secret(key)
        if key:
            try:
                key = normalize_key(key)
            except KeyFormatError as exc:
                key, self.problem = None, str(exc)
        if self._saves != saves_before:  # the user saved a key meanwhile: that one stands
            return self._cached, self.source
        # The source first and "loaded" last: the UI thread may read these while this runs in a worker.
        self.source = KeySource.KEYCHAIN if key else KeySource.NONE
        self._cached = key
        self._loaded = True
        return key, self.source

    def mark_pending(self) -> None:
        """A :meth:`load` is running in a worker thread: until it ends, :meth:`current` answers None
        at once instead of asking the keychain on the calling (UI) thread."""
        self._pending = True

    def give_up(self) -> None:
        """The pending lookup failed or timed out: carry on without a key (a late answer still counts)."""
        if not self._loaded:
            self._pending = False
            self._loaded = True

    @property
    def pending(self) -> bool:
        return self._pending and not self._loaded

    def current(self) -> str | None:
        """The key found by the last :meth:`load` or :meth:`save`; loads it first if nobody did."""
        if not self._loaded:
            if self._pending:
                return None
            self.load()
        return self._cached

    def save(self, key: str, *, remember: bool = True) -> SaveOutcome:
        """Keep ``key`` (raises :class:`KeyFormatError`, keeping nothing, when it cannot be a key)."""
        register_secret(key.strip())
        key = normalize_key(key)
        register_secret(key)
        self.problem = None
        self._saves += 1
        self._cached, self._loaded = key, True
        if not remember:
            self._session_key, self.source = key, KeySource.SESSION
            return SaveOutcome(False, translate("Keys", "The key is kept in memory until you quit."))
        import keyring

        try:
            keyring.set_password(self._service, ACCOUNT_NAME, key)
        except Exception as exc:  # NoKeyringError, PasswordSetError, backend-specific errors
            self._session_key, self.source = key, KeySource.SESSION
            log.warning("could not store the key in the keychain: %s", type(exc).__name__)
            return SaveOutcome(
                False,
                translate(
                    "Keys",
                    "No system keychain is available, so the key is kept in memory for this session only "
                    "and you will be asked again next time. It is never written to a plain file.",
                ),
            )
        self._session_key, self.source = None, KeySource.KEYCHAIN
        return SaveOutcome(True, translate("Keys", "The key is saved in the system keychain."))

    def forget(self) -> None:
        self._session_key = None
        self._cached, self.source = None, KeySource.NONE
        import keyring

        try:
            keyring.delete_password(self._service, ACCOUNT_NAME)
        except Exception as exc:  # nothing stored, or no keychain: either way it is gone
            log.debug("keychain delete: %s", type(exc).__name__)


# -- proxy credentials ---------------------------------------------------------------------------
PROXY_ACCOUNT_PREFIX = "proxy:"


class ProxyPasswordStore:
    """The proxy password, kept like the API key: the OS keychain, or memory for this session when
    there is none; registered for redaction as soon as it is seen. One password per proxy user name
    (account ``proxy:<user>``). keyring calls can block: the GUI calls these through a worker thread.
    """

    # Passwords that found no keychain, for the rest of this session: shared by every instance, so
    # the settings dialog and the engine see the same ones.
    _session: dict[str, str] = {}  # noqa: RUF012 - deliberately one store per process

    def __init__(self, service: str = SERVICE_NAME) -> None:
        self._service = service

    def load(self, username: str) -> str:
        if not username:
            return ""
        if username in self._session:
            return self._session[username]
        import keyring

        try:
            password = keyring.get_password(self._service, PROXY_ACCOUNT_PREFIX + username) or ""
        except Exception as exc:  # no keychain, or a backend error: no password rather than a crash
            log.info("proxy password lookup: %s", type(exc).__name__)
            password = ""
        register_secret(password)
        return password

    def save(self, username: str, password: str) -> SaveOutcome:
        register_secret(password)
        if not username:
            return SaveOutcome(False, "")
        import keyring

        try:
            keyring.set_password(self._service, PROXY_ACCOUNT_PREFIX + username, password)
        except Exception as exc:
            self._session[username] = password
            log.warning("could not store the proxy password in the keychain: %s", type(exc).__name__)
            return SaveOutcome(
                False, translate("Secrets", "No system keychain: the proxy password is kept until you quit.")
            )
        self._session.pop(username, None)
        return SaveOutcome(True, translate("Secrets", "The proxy password is saved in the system keychain."))

    def forget(self, username: str) -> None:
        self._session.pop(username, None)
        if not username:
            return
        import keyring

        try:
            keyring.delete_password(self._service, PROXY_ACCOUNT_PREFIX + username)
        except Exception as exc:  # nothing stored, or no keychain: either way it is gone
            log.debug("proxy password delete: %s", type(exc).__name__)
