"""``Progress``: how a media job running in a worker thread reports how far it got and learns that the
user cancelled it. Thread-safe; no Qt."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled the job; whatever it was writing has been removed."""


class MediaError(Exception):
    """A media job could not be done; ``str()`` says why in plain, translated words."""


class Progress:
    """A fraction 0..1 reported to ``on_fraction`` (from the worker thread) and a cancel flag."""

    def __init__(self, on_fraction: Callable[[float], None] | None = None) -> None:
        self._on_fraction = on_fraction
        self._cancel = threading.Event()
        self.fraction = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` when the user cancelled: call between steps of a job."""
        if self._cancel.is_set():
            raise Cancelled

    def report(self, fraction: float) -> None:
        self.fraction = min(1.0, max(0.0, fraction))
        if self._on_fraction is not None:
            self._on_fraction(self.fraction)

    def part(self, start: float, end: float) -> Progress:
        """A sub-job that fills ``start``..``end`` of this job's bar and shares its cancel flag."""
        child = Progress(lambda f: self.report(start + (end - start) * f))
        child._cancel = self._cancel
        return child
