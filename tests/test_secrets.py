from __future__ import annotations

import logging
import threading

import keyring.errors
import pytest
from kit import MemoryKeyring

from happyhorse_desktop.redaction import RedactingFilter, redact, register_secret
from happyhorse_desktop.secrets import SERVICE_NAME, KeySource, KeyStore, mask_key


def test_keychain_round_trip(memory_keyring: MemoryKeyring) -> None:
    keys = KeyStore()
    assert keys.load() == (None, KeySource.NONE)
    outcome = keys.save("sk-evo-abcdef123456")
    assert outcome.stored_in_keychain
    assert memory_keyring.passwords[(SERVICE_NAME, "api-key")] == "sk-evo-abcdef123456"
    assert KeyStore().load() == ("sk-evo-abcdef123456", KeySource.KEYCHAIN)
    keys.forget()
    assert KeyStore().load() == (None, KeySource.NONE)


def test_environment_overrides_without_storing(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory_keyring.passwords[(SERVICE_NAME, "api-key")] = "sk-evo-stored-key-123"
    monkeypatch.setenv("EVOLINK_API_KEY", "sk-evo-from-env-456")
    assert KeyStore().load() == ("sk-evo-from-env-456", KeySource.ENVIRONMENT)
    assert memory_keyring.passwords[(SERVICE_NAME, "api-key")] == "sk-evo-stored-key-123"


def test_no_keychain_keeps_the_key_in_memory_only(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from keyring.backends import fail

    keyring_module = __import__("keyring")
    keyring_module.set_keyring(fail.Keyring())
    keys = KeyStore()
    assert not keys.keychain_available()
    assert keys.load() == (None, KeySource.NONE)
    outcome = keys.save("sk-evo-session-only-789")
    assert not outcome.stored_in_keychain and "memory for this session" in outcome.message
    assert keys.current() == "sk-evo-session-only-789"
    assert keys.load() == ("sk-evo-session-only-789", KeySource.SESSION)
    assert not any(
        "sk-evo-session-only-789" in p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file()
    )


def test_a_broken_backend_is_not_a_crash(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_a: object) -> None:
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "get_password", boom)
    assert KeyStore().load() == (None, KeySource.NONE)


def test_redaction_and_masking(caplog: pytest.LogCaptureFixture) -> None:
    register_secret("customKEYwithoutPrefix99")
    assert "customKEYwithoutPrefix99" not in redact("key=customKEYwithoutPrefix99")
    assert redact("Authorization: Bearer abc.def") == "Authorization: Bearer [REDACTED]"
    assert mask_key("sk-evo-1234567890abcd") == "sk-evo…abcd"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "sent %s", ("sk-evo-leakyleaky",), None)
    RedactingFilter().filter(record)
    assert record.getMessage() == "sent [REDACTED]"


class GatedKeyring(MemoryKeyring):
    """A keychain whose read waits until the test lets it answer (a slow or locked keychain)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = threading.Event()
        self.answer = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.asked.set()
        assert self.answer.wait(10)
        return super().get_password(service, username)


def test_a_pending_read_never_blocks_the_caller_and_a_key_saved_meanwhile_wins() -> None:
    import keyring

    previous = keyring.get_keyring()
    gated = GatedKeyring()
    gated.set_password(SERVICE_NAME, "api-key", "sk-evo-old-key-in-the-keychain")
    keyring.set_keyring(gated)
    try:
        keys = KeyStore()
        keys.mark_pending()
        reader = threading.Thread(target=keys.load)
        reader.start()
        assert gated.asked.wait(5)
        assert keys.pending and keys.current() is None  # answers at once, does not ask the keychain again
        keys.save("sk-evo-typed-while-waiting-1234", remember=False)
        gated.answer.set()
        reader.join(5)
        assert not keys.pending
        assert keys.current() == "sk-evo-typed-while-waiting-1234"  # the late keychain answer lost
    finally:
        keyring.set_keyring(previous)


def test_giving_up_on_the_keychain_means_no_key() -> None:
    keys = KeyStore()
    keys.mark_pending()
    keys.give_up()
    assert not keys.pending and keys.current() is None
