"""A watched folder feeding the batch queue (optional; a queue setting).

A picture saved into the folder becomes a queued take with the default settings; its prompt is taken
from a ``.txt`` file of the same name when there is one. A file is taken only once it has stayed the
same (size and modification time) between two looks, so one still being written is not sent half-way.
Each version of a file is taken once, whichever process that runs the queue sees it first: the history
records it in the same transaction that queues the take. A picture the model would refuse is not
queued; the user is told why, once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from happyhorse_desktop.tasks import queue_messages
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.queue_store import QueueStore
from happyhorse_desktop.tasks.takes import IMAGE_SUFFIXES, Defaults
from happyhorse_desktop.validation import check_image_file

log = logging.getLogger(__name__)

SCAN_EVERY = 2.0
PROMPT_MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class SeenFile:
    path: str
    size: int
    mtime_ns: int


def _pictures(folder: Path) -> list[SeenFile]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        if Path(entry.name).suffix.lower() not in IMAGE_SUFFIXES or not entry.is_file():
            continue
        stat = entry.stat()
        found.append(SeenFile(entry.path, stat.st_size, stat.st_mtime_ns))
    return sorted(found, key=lambda f: f.path)


def _inspect(file: SeenFile) -> tuple[list[str], str]:
    """The picture's problems and the prompt of its ``.txt`` companion ('' without one)."""
    problems = check_image_file(file.path).problems
    text = Path(file.path).with_suffix(".txt")
    try:
        with text.open("rb") as fh:
            prompt = fh.read(PROMPT_MAX_BYTES).decode("utf-8", "replace").strip()
    except OSError:
        prompt = ""
    return problems, prompt


class FolderWatch:
    def __init__(
        self, sql: QueueStore, on_added: Callable[[list[int]], None], notice: Callable[[str], None]
    ) -> None:
        self.sql = sql
        self.on_added = on_added
        self.notice = notice
        self.defaults: Callable[[], Defaults] = Defaults  # the front end points this at the app's settings
        self._last: dict[str, tuple[int, int]] = {}  # what the previous look saw
        self._next = 0.0
        self._scanning: asyncio.Task[None] | None = None

    def due(self, now: float) -> bool:
        """Time for a look (never two at once), and a folder is set."""
        busy = self._scanning is not None and not self._scanning.done()
        return not busy and now >= self._next and bool(self.sql.settings().watch_folder.strip())

    def started(self, job: asyncio.Task[None]) -> None:
        self._scanning = job
        self._next = time.time() + SCAN_EVERY

    async def scan(self) -> None:
        folder = Path(self.sql.settings().watch_folder.strip()).expanduser()
        listing = await asyncio.to_thread(_pictures, folder)
        stable = [f for f in listing if self._last.get(f.path) == (f.size, f.mtime_ns)]
        self._last = {f.path: (f.size, f.mtime_ns) for f in listing}
        for file in self.sql.unseen_files(stable):
            problems, prompt = await asyncio.to_thread(_inspect, file)
            d = self.defaults()
            take = SubmitParams(
                images=(file.path,), prompt=prompt, model=d.model, quality=d.quality, duration=d.duration
            )
            problems += take.problems()
            recorded, task_id = self.sql.add_watched(file, None if problems else take, "; ".join(problems))
            if recorded and problems:
                self.notice(queue_messages.watched_file_refused(Path(file.path).name, "; ".join(problems)))
            elif task_id is not None:
                log.info("queued %s from the watched folder", Path(file.path).name)
                self.on_added([task_id])
