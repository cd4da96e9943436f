"""Shared test setup: headless Qt, an isolated data folder, an in-memory keychain, the simulator."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

# Headless Qt for every test, set here so nobody has to remember it on the command line.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import keyring
import pytest
from keyring.backend import KeyringBackend

from happyhorse_desktop.sandbox import EvoLinkSimulator

T = TypeVar("T")
TEST_KEY = "sk-evo-test-0123456789abcdefSECRET"


class MemoryKeyring(KeyringBackend):
    """Keeps passwords in a dict, so no test touches the real keychain."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(autouse=True, scope="session")
def qt_application(qapp):  # type: ignore[no-untyped-def]
    """One QApplication for the whole run (pytest-qt's), created before any QObject.

    QObjects with signals living and dying without an application crash PySide6 at interpreter exit.
    """
    return qapp


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data and output folders and no inherited API settings."""
    for name in ("EVOLINK_API_KEY", "HAPPYHORSE_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HAPPYHORSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HAPPYHORSE_OUTPUT_DIR", str(tmp_path / "videos"))
    monkeypatch.setenv("HAPPYHORSE_POLL_INTERVAL", "0.05")
    # A test that forgets to point the app at the simulator reaches a closed loopback port, never
    # api.evolink.ai: no test touches the internet, even by mistake.
    monkeypatch.setenv("HAPPYHORSE_API_BASE", "http://127.0.0.1:9")
    monkeypatch.setenv("HAPPYHORSE_FILES_BASE", "http://127.0.0.1:9")
    return tmp_path


@pytest.fixture
def sim() -> Iterator[EvoLinkSimulator]:
    with EvoLinkSimulator(task_seconds=0.6) as simulator:
        yield simulator


@pytest.fixture
def sim_env(sim: EvoLinkSimulator, monkeypatch: pytest.MonkeyPatch) -> EvoLinkSimulator:
    """The simulator, with the environment pointing the app at it and a test key set."""
    monkeypatch.setenv("HAPPYHORSE_API_BASE", sim.base_url)
    monkeypatch.setenv("HAPPYHORSE_FILES_BASE", sim.base_url)
    monkeypatch.setenv("EVOLINK_API_KEY", TEST_KEY)
    return sim


def run(coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
    """Run one async scenario to completion on a fresh asyncio loop."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


async def wait_for(predicate: Callable[[], object], timeout: float = 10.0, step: float = 0.02) -> None:
    """Await until ``predicate()`` is truthy, or fail the test with a clear message."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s: {predicate}")
        await asyncio.sleep(step)
