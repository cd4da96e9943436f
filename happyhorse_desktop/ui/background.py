"""One helper owns background work started from the UI (after Anki's ``QueryOp``).

``run_in_background(coro, ...)`` keeps a strong reference to the asyncio task, disables the given
widgets/actions while it runs, and turns the project's error types into one consistent message through
``on_error`` — so no slot needs its own ad-hoc try/except.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Iterable
from typing import Any, TypeVar

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from happyhorse_desktop.api.errors import EvoLinkError
from happyhorse_desktop.imagefix import FixError
from happyhorse_desktop.tasks.manager import InvalidSubmission

log = logging.getLogger(__name__)
T = TypeVar("T")

_running: set[asyncio.Task[Any]] = set()
# One look for every inline error message (readable on light and dark palettes).
ERROR_STYLE = "color: #e0533d;"
EXPECTED_ERRORS = (EvoLinkError, InvalidSubmission, FixError, OSError)


def user_message(exc: BaseException) -> str:
    if isinstance(exc, EvoLinkError):
        return exc.user_message
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    return str(exc)


def run_in_background(
    coro: Coroutine[Any, Any, T],
    *,
    on_success: Callable[[T], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    busy: Iterable[QWidget | QAction] = (),
) -> asyncio.Task[T]:
    busy = list(busy)
    for item in busy:
        item.setEnabled(False)
    task = asyncio.ensure_future(coro)
    _running.add(task)

    def done(t: asyncio.Task[T]) -> None:
        _running.discard(t)
        for item in busy:
            with contextlib.suppress(RuntimeError):  # the widget was deleted meanwhile (window closed)
                item.setEnabled(True)
        if t.cancelled():
            return
        exc = t.exception()
        if exc is None:
            if on_success is not None:
                on_success(t.result())
            return
        if not isinstance(exc, EXPECTED_ERRORS):
            log.error("background operation failed", exc_info=exc)
        if on_error is not None:
            on_error(user_message(exc) if isinstance(exc, EXPECTED_ERRORS) else f"Unexpected error: {exc}")

    task.add_done_callback(done)
    return task


def cancel_all() -> None:
    for task in list(_running):
        task.cancel()
