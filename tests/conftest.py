"""Shared test setup: headless Qt, an isolated data folder, an in-memory keychain, the simulator."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# Headless Qt for every test, set here so nobody has to remember it on the command line.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# The suite reads English (the source text) on every machine, whatever language the developer's speaks;
# the language tests choose theirs explicitly (tests/i18nkit.py). Qt reads these once, so set them first.
os.environ.pop("LANGUAGE", None)
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)
os.environ["LANG"] = "C.UTF-8"

import asyncio

import keyring
import pytest
import qasync
from kit import TEST_KEY, MemoryKeyring
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from happyhorse_desktop import i18n
from happyhorse_desktop.sandbox import EvoLinkSimulator


@pytest.fixture(autouse=True, scope="session")
def qt_application(qapp):  # type: ignore[no-untyped-def]
    """One QApplication for the whole run (pytest-qt's), created before any QObject.

    QObjects with signals living and dying without an application crash PySide6 at interpreter exit.
    The English catalogue is installed as the app installs it: it holds the plural forms ("1 take",
    "3 takes"), so the suite reads what an English user reads. Numbers and dates keep the system's
    (C) locale, which the tests' expected texts are written in.
    """
    i18n.install(i18n.Language.ENGLISH)
    QLocale.setDefault(QLocale.system())
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


@pytest.fixture(scope="session")
def session_loop(qapp):  # type: ignore[no-untyped-def]
    """One qasync loop for the window tests of the whole run."""
    loop = qasync.QEventLoop(qapp, already_running=False)
    yield loop
    loop.close()  # stops qasync's worker QThreads (asyncio.to_thread) before the interpreter exits


@pytest.fixture
def qloop(session_loop) -> Iterator[qasync.QEventLoop]:  # type: ignore[no-untyped-def]
    """The qasync loop as the current loop (engine tests' asyncio.run() unsets it after each run)."""
    asyncio.set_event_loop(session_loop)
    QApplication.instance().setQuitOnLastWindowClosed(False)  # type: ignore[union-attr]
    yield session_loop


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
