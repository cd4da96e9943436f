"""A keychain that takes its time to answer, like a real one on a busy desktop (used by test_gui via
PYTHON_KEYRING_BACKEND in a child process; never the real keychain)."""

from __future__ import annotations

import os
import time

from keyring.backend import KeyringBackend
from keyring.errors import PasswordSetError


class SlowKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(float(os.environ.get("SLOW_KEYRING_DELAY", "1.5")))
        return os.environ.get("SLOW_KEYRING_KEY") or None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("read-only test keychain")

    def delete_password(self, service: str, username: str) -> None:
        raise PasswordSetError("read-only test keychain")
