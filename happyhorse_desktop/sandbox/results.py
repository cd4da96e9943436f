"""Result videos rendered off the HTTP threads: one worker thread renders each task's video when the task
is created; a download asked for before its video is ready waits for it.

The worker is a plain thread that runs a Qt event loop per job (Qt Multimedia needs one, see
:mod:`happyhorse_desktop.sandbox.render`). Qt's painting needs a ``QGuiApplication`` in the process:
the app, the tests and ``python -m happyhorse_desktop.sandbox --render`` all have one.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import TYPE_CHECKING

from happyhorse_desktop.sandbox.render_plan import RenderJob, RenderSettings

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)


class ResultRenderer:
    """Renders :class:`RenderJob` s in order on one thread; :meth:`wait` gives a task's finished file."""

    def __init__(self, settings: RenderSettings) -> None:
        self.settings = settings
        self._jobs: queue.Queue[RenderJob | None] = queue.Queue()
        self._done: dict[str, threading.Event] = {}
        self._files: dict[str, Path | None] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.rendered = 0  # jobs finished, for tests and benchmarks

    def start(self) -> bool:
        """Starts the worker; False (and nothing started) when the process has no QGuiApplication,
        which Qt's painting needs (a console-only process, e.g. the CLI)."""
        from PySide6.QtGui import QGuiApplication

        if not isinstance(QGuiApplication.instance(), QGuiApplication):
            return False
        self._thread = threading.Thread(target=self._run, name="evolink-sim-render", daemon=True)
        self._thread.start()
        return True

    def stop(self, timeout: float = 30.0) -> None:
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout)
            self._thread = None

    def submit(self, job: RenderJob) -> None:
        with self._lock:
            self._done[job.task_id] = threading.Event()
        self._jobs.put(job)

    def knows(self, task_id: str) -> bool:
        with self._lock:
            return task_id in self._done

    def wait(self, task_id: str, timeout: float = 120.0) -> Path | None:
        """The task's rendered file once it exists; ``None`` if rendering failed or took too long."""
        with self._lock:
            done = self._done.get(task_id)
        if done is None or not done.wait(timeout):
            return None
        with self._lock:
            return self._files.get(task_id)

    def _run(self) -> None:
        from happyhorse_desktop.sandbox.render import render  # Qt Multimedia: loaded here, when needed

        while (job := self._jobs.get()) is not None:
            try:
                ok = render(job)
            except Exception:  # a broken render must not stop the worker; the task falls back
                log.exception("rendering the demo video of %s failed", job.task_id)
                ok = False
            with self._lock:
                self._files[job.task_id] = job.output if ok else None
                self.rendered += 1
                done = self._done[job.task_id]
            done.set()
