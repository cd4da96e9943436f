"""Helpers shared by the tests (imported as ``from kit import …``; fixtures live in conftest.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest
from keyring.backend import KeyringBackend
from shotkit import until  # the screenshot tools wait the same way (tools/ is on the tests' path)

T = TypeVar("T")
TEST_KEY = "sk-evo-test-0123456789abcdefSECRET"


def open_defect(reason: str) -> pytest.MarkDecorator:
    """Marks a test that reproduces a defect not fixed yet (the adversarial hunts' ``test_hunt_*``): it
    runs, and must fail by a failed assertion — anything else (an error, a pass) fails the run, so
    whoever fixes the defect sees the test pass and removes the mark in the same change."""
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)


def run(coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
    """Run one async scenario to completion on a fresh asyncio loop."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


async def wait_for(predicate: Callable[[], object], timeout: float = 10.0, step: float = 0.02) -> None:
    """Await until ``predicate()`` is truthy, or fail the test with a clear message."""
    await until(
        predicate,
        timeout,
        step,
        failure=lambda: AssertionError(f"condition not met within {timeout}s: {predicate}"),
    )


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


def saved_as_served(saved: bytes, served: bytes) -> bool:
    """The saved video is the one the server sent, with only the app's recipe tags added: the same
    media data (every ``mdat`` box, byte for byte) and the recipe atom present."""
    from happyhorse_desktop.media.mp4read import iter_boxes

    def media(data: bytes) -> list[bytes]:
        return [data[box.body : box.end] for box in iter_boxes(data) if box.kind == b"mdat"]

    return media(saved) == media(served) != [] and b"ai.happyhorse" in saved
