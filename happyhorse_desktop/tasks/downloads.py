"""Saving finished videos before their 24-hour links expire, and checking saved ones are still there.

A download streams into a partial file named for this process's lease, is verified, and is moved into
place only after the lease is proven again — so a process paused past its lease can never overwrite or
mix into the video another process saved. Failures are retried with a growing pause until the link
expires; the row says why it is not saved yet.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.tasks import messages
from happyhorse_desktop.tasks.loops import Jobs, retry_while_unwritable
from happyhorse_desktop.tasks.naming import unique_video_path, video_stem
from happyhorse_desktop.tasks.recipe import recipe_for
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.runtime import RuntimeTable
from happyhorse_desktop.tasks.saved_check import RESULT_LINK_LIFETIME, SavedCheck, check_saved_videos
from happyhorse_desktop.tasks.sidecar import sidecar_for
from happyhorse_desktop.tasks.worker import EngineWorker
from happyhorse_desktop.tasks.writer import TaskWriter

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient
    from happyhorse_desktop.net.connectivity import ConnectivityMonitor
    from happyhorse_desktop.tasks.download_network import DownloadNetwork

log = logging.getLogger(__name__)

MAX_RETRY_PAUSE = 600.0


class DownloadSettings(Protocol):
    output_dir: Path
    poll_interval: float
    download_network: DownloadNetwork | None


def link_deadline(record: TaskRecord) -> float:
    """When the task's result link expires (24 hours after it completed)."""
    return (record.completed_at or record.created_at) + RESULT_LINK_LIFETIME


class Downloads(EngineWorker):
    def __init__(
        self,
        writer: TaskWriter,
        runtime: RuntimeTable,
        client: Callable[[], EvoLinkClient],
        settings: DownloadSettings,
        jobs: Jobs,
        *,
        progress: Callable[[int, int, int], None],
        max_downloads: int = 3,
    ) -> None:
        super().__init__(writer, runtime, client)
        self.settings = settings
        self.jobs = jobs
        self.progress = progress
        self._slots = asyncio.Semaphore(max_downloads)
        self.connectivity: ConnectivityMonitor | None = None

    def start(self, task_id: int) -> None:
        """Save a completed task's video (a task this process holds), unless already under way or
        waiting for its retry time."""
        state = self.runtime.get(task_id)
        if state is None or (state.job is not None and not state.job.done()):
            return
        if state.download_retry_at > time.monotonic():  # not the wall clock: it may be set back
            return
        state.job = self.jobs.spawn(self._download(task_id), f"download task {task_id}")

    def reset_retries(self, task_id: int) -> None:
        state = self.runtime.get(task_id)
        if state is not None:
            state.download_attempts, state.download_retry_at = 0, 0.0

    async def _download(self, task_id: int) -> None:
        async with self._slots:
            record = self.store.get(task_id)
            state = self.runtime.get(task_id)
            if record is None or state is None or not record.needs_download:
                return
            try:
                await self._save(record, state.token, fresh_link=state.download_attempts > 0)
            except EvoLinkError as exc:
                self._later(task_id, exc)
            except (
                Exception
            ) as exc:  # a bug or an odd file system: said on the row, retried later, never a loop
                log.exception("task %s: unexpected error while saving the video", task_id)
                self._later(task_id, EvoLinkError(ErrorKind.DISK, messages.unexpected_while_saving(exc)))

    async def _save(self, record: TaskRecord, token: int, *, fresh_link: bool) -> None:
        from happyhorse_desktop.tasks import downloader  # urllib & co.: loaded on the first download

        # No link yet, or the last one failed: ask the server again (links may be re-issued).
        if (not record.results or fresh_link) and record.server_id:
            with contextlib.suppress(EvoLinkError):
                snap = await self._client().get_task(record.server_id)
                if snap.results and list(snap.results) != record.results:
                    record = self.writer.update(record.id, results=list(snap.results)) or record
        if not record.results:
            raise EvoLinkError(ErrorKind.BAD_REPLY, messages.no_video_link())
        final = Path(record.download_path) if record.download_path else self._new_path(record)
        _check_storable(final)
        part = downloader.part_path(final, token)
        # Prove the lease before touching the files: a process that lost the task leaves them alone.
        proof = await retry_while_unwritable(
            lambda: self.writer.update(record.id, download_path=str(final)), f"task {record.id}: start"
        )
        if proof is None:
            return
        _remove_others_partials(final, part)
        last_percent = -1

        def progress(done: int, total: int | None) -> None:
            nonlocal last_percent
            percent = int(done * 100 / total) if total else -1
            if percent != last_percent:  # a signal per percent, not per chunk
                last_percent = percent
                self.progress(record.id, done, total or -1)

        size = await downloader.download_to_part(
            record.results[0],
            part,
            network=self.settings.download_network,
            on_progress=progress,
            keep_partial=lambda: self._still_ours(record.id, token),
        )
        size = await self._tag(record, part, size)
        # The irreversible step: prove we still hold the task right before moving the file into place.
        proof = await retry_while_unwritable(
            lambda: self.writer.update(record.id, download_path=str(final)), f"task {record.id}: save"
        )
        if proof is None:
            part.unlink(missing_ok=True)
            return
        downloader.finish(part, final)
        # Once the video is in place no partial of it is of use: also one another holder recreated after
        # the sweep above (its transfer resuming after a pause) before it was killed.
        _remove_others_partials(final, part)
        sidecar = final.with_suffix(".json")
        downloader.write_sidecar(sidecar, sidecar_for(record, final))
        await retry_while_unwritable(
            lambda: self.writer.saved(
                record.id, video_path=str(final), sidecar_path=str(sidecar), video_size=size
            ),
            f"task {record.id}: saved",
        )

    def _still_ours(self, task_id: int, token: int) -> bool:
        """Whether a download cut short may still be resumed by this process: it keeps the task and the
        video is not saved. A partial file of a task another process took over (or saved) is named for our
        lease only, so nobody would ever resume or delete it. An unreadable history keeps it (the next
        holder deletes it)."""
        try:
            record = self.store.get(task_id)
        except Exception:  # a locked or vanished database: keep the file rather than guess
            return True
        return (
            record is not None
            and record.needs_download
            and record.lease_owner == self.writer.leases.owner
            and record.lease_token == token
        )

    async def _tag(self, record: TaskRecord, part: Path, size: int) -> int:
        """Write the recipe into the partial file's own tags before it is moved into place (the file
        is still ours alone). A video that cannot be tagged is saved all the same: the sidecar keeps
        the recipe. Returns the file's size after tagging (the saved-video check compares it)."""
        from happyhorse_desktop.media.tags import TagError, write_recipe

        parent = self.store.get(record.parent_id) if record.parent_id else None
        recipe = recipe_for(record, parent.server_id if parent else None)
        try:
            await asyncio.to_thread(write_recipe, part, recipe)
            return (await asyncio.to_thread(part.stat)).st_size
        except (TagError, OSError) as exc:
            log.warning("task %s: the recipe could not be written into the video (%s)", record.id, exc)
            return size

    def _new_path(self, record: TaskRecord) -> Path:
        stem = video_stem(
            created_at=record.created_at,
            prompt=record.prompt,
            seed=record.seed,
            task_id=record.server_id or str(record.id),
        )
        return unique_video_path(self.settings.output_dir, stem)

    def _later(self, task_id: int, exc: EvoLinkError) -> None:
        record = self.store.get(task_id)
        state = self.runtime.get(task_id)
        if record is None or state is None:
            return
        if time.time() > link_deadline(record):
            self.writer.expire(task_id, messages.link_expired(exc.detail))
            return
        from happyhorse_desktop.tasks.downloader import ConnectionLost

        offline = isinstance(exc, ConnectionLost)
        if not offline:  # an outage is not the link's fault: it does not count as a failed attempt
            state.download_attempts += 1
        delay = min(MAX_RETRY_PAUSE, self.settings.poll_interval * (2 ** min(state.download_attempts, 10)))
        if exc.kind is ErrorKind.DISK:
            delay = max(delay, min(60.0, self.settings.poll_interval * 12))
        state.download_retry_at = time.monotonic() + delay
        self.writer.update(task_id, download_error=messages.not_saved_yet(exc.user_message))
        log.info("download of task %s failed (%s); retry in %.0fs", task_id, exc.kind, delay)

        async def retry() -> None:
            if offline and self.connectivity is not None:
                await self.connectivity.wait_online(timeout=max(delay, 30.0))  # back the moment it returns
            else:
                await asyncio.sleep(delay)
            state.download_retry_at = 0.0  # the wait is over (a sleep may end a hair before its time)
            self.start(task_id)

        self.jobs.spawn(retry(), f"retry download of task {task_id}")

    async def verify_saved(self) -> SavedCheck:
        """Check, off the UI thread, that every saved video is still there (see ``saved_check``)."""
        missing, expired = messages.video_missing(), messages.video_missing_expired()
        outcome = await asyncio.to_thread(check_saved_videos, self.store.path, missing, expired)
        if outcome.broken:
            log.info("%d saved video(s) missing or incomplete", outcome.broken)
        return outcome


def _check_storable(final: Path) -> None:
    """The history stores paths as UTF-8: a folder whose name is not (an old Latin-1 name on Linux) is
    said before anything is downloaded, instead of failing after every download."""
    try:
        str(final).encode("utf-8")
    except UnicodeEncodeError:
        raise EvoLinkError(ErrorKind.DISK, messages.folder_name_not_utf8(final.parent)) from None


def _remove_others_partials(final: Path, mine: Path) -> None:
    """Partial files of this video left by other leases (a process that died or lost the task). Deleting
    one still open elsewhere is harmless: that process writes on into a file nobody will move."""
    for other in final.parent.glob(f"{glob.escape(final.name)}*.part"):
        if other != mine:
            with contextlib.suppress(OSError):
                other.unlink()
