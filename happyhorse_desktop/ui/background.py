"""One idiom for background work started from widgets (after qasync's ``asyncSlot`` and Anki's
``QueryOp``).

A widget writes such a slot as a coroutine method decorated with :func:`async_slot`. Calling it starts
the coroutine on the running loop, keeps a strong reference to the task (an unreferenced asyncio task
can be garbage-collected mid-flight), disables the widget's ``busy`` items meanwhile, and hands any
exception *object* to the widget's ``present_error(exc)`` — one error presenter per window, which
decides how each kind of error is shown. A cancellation (the window closing) is not an error.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable, Coroutine, Iterable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from happyhorse_desktop import APP_NAME
from happyhorse_desktop.api.errors import EvoLinkError
from happyhorse_desktop.i18n_core import translate

if TYPE_CHECKING:
    import asyncio

# asyncio itself is imported when the first background work starts, not with the widgets: the window
# paints before asyncio and the qasync loop are set up (benchmarks/startup.py).

log = logging.getLogger(__name__)
T = TypeVar("T")
P = ParamSpec("P")

_running: set[asyncio.Task[Any]] = set()
# One look for every inline error message (readable on light and dark palettes).
ERROR_STYLE = "color: #e0533d;"
# What is sent all the same but may disappoint (a reference never named, an HEVC video): amber.
WARNING_STYLE = "color: #c77700;"


def expected_error(exc: BaseException) -> bool:
    """Errors the app anticipates and explains (anything else is a bug: it is logged in full)."""
    from happyhorse_desktop.imagefix import FixError
    from happyhorse_desktop.secrets import KeyFormatError
    from happyhorse_desktop.tasks.loops import history_unwritable
    from happyhorse_desktop.tasks.params import InvalidSubmission

    return history_unwritable(exc) or isinstance(
        exc, EvoLinkError | InvalidSubmission | FixError | KeyFormatError | OSError
    )


def user_message(exc: BaseException) -> str:
    """The sentence a person reads for an error."""
    from happyhorse_desktop.tasks.loops import history_unwritable

    if isinstance(exc, EvoLinkError):
        return exc.user_message
    if history_unwritable(exc):
        if "locked" in str(exc) or "busy" in str(exc):
            return translate(
                "Errors",
                "The task history is locked by another program (a database browser or backup tool?). "
                "Close it, then try again.",
            )
        return translate(
            "Errors", "The task history cannot be written: the disk is full or failing ({error})."
        ).format(error=exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    if expected_error(exc):
        return str(exc)
    return translate("Errors", "Unexpected error: {error}").format(error=exc)


def start(
    coro: Coroutine[Any, Any, T],
    *,
    on_error: Callable[[BaseException], None] | None = None,
    busy: Iterable[QWidget | QAction] = (),
) -> asyncio.Task[T]:
    """Run ``coro`` in the background; its exception (if any) goes to ``on_error``."""
    import asyncio

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
            return
        if not expected_error(exc):
            log.error("background operation failed", exc_info=exc)
        if on_error is not None:
            on_error(exc)

    task.add_done_callback(done)
    return task


async def to_thread(func: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """``asyncio.to_thread`` for widgets: a blocking call (a file read, a decode) in a worker thread."""
    import asyncio

    return await asyncio.to_thread(func, *args, **kwargs)


class _Presenter(Protocol):
    def present_error(self, exc: BaseException) -> None: ...


W = TypeVar("W", bound=_Presenter)


def async_slot(
    method: Callable[Concatenate[W, P], Coroutine[Any, Any, Any]],
) -> Callable[Concatenate[W, P], asyncio.Task[Any]]:
    """Make a coroutine method callable as a slot: it runs in the background and its errors go to the
    widget's ``present_error``."""

    @functools.wraps(method)
    def slot(self: W, *args: P.args, **kwargs: P.kwargs) -> asyncio.Task[Any]:
        return start(method(self, *args, **kwargs), on_error=self.present_error)

    return slot


def show_error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """The one message box for an error (non-modal: ``open()``, never a nested event loop)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, APP_NAME, user_message(exc), QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorBox")
    box.open()
    return box


def cancel_all() -> None:
    for task in list(_running):
        task.cancel()
