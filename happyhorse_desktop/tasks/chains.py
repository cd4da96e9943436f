"""Chains of takes (a take continued from another's last frame) and takes of one shot.

A continuation is an image-to-video take whose first frame is the sharpest of its parent's last ~0.5 s
(:mod:`happyhorse_desktop.media.lastframe`), with the parent's quality and duration; its ``parent_id``
is the parent's local id. A chain is read from the history: from the first take down to the one asked
about, and on through its continuations while there is only one (a take continued twice branches; the
chain then stops at the branch). Stitching a chain drops each continuation's first frame, which repeats
the frame it was made from. Heavy work (decoding, joining) runs in worker threads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media.progress import MediaError, Progress
from happyhorse_desktop.pricing import credits_from_raw, estimate_credits
from happyhorse_desktop.routes import Mode, route_for, route_for_mode
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.sidecar import stitched_sidecar
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

if TYPE_CHECKING:  # Qt Multimedia is loaded when a media job first runs, not with the window
    from happyhorse_desktop.media.lastframe import ChosenFrame
    from happyhorse_desktop.media.stitch import StitchPart, StitchResult

MAX_CHAIN = 500  # a guard against a cycle written by hand into the history


@dataclass(frozen=True)
class Continuation:
    params: SubmitParams  # open in the composer (prompt to edit) or submit as it is
    frame: ChosenFrame


@dataclass(frozen=True)
class ChainSummary:
    takes: int
    seconds: float  # playing length once stitched (boundary frames not counted apart)
    credits: float  # charged where known, else reserved, else estimated


def chain_of(store: TaskStore, task_id: int) -> list[TaskRecord]:
    """The chain through ``task_id``: its ancestors, itself, then its only continuations."""
    record = store.get(task_id)
    if record is None:
        return []
    chain = [record]
    while chain[0].parent_id is not None and len(chain) < MAX_CHAIN:
        parent = store.get(chain[0].parent_id)
        if parent is None or parent.id in {r.id for r in chain}:
            break
        chain.insert(0, parent)
    while len(chain) < MAX_CHAIN:
        children = store.children(chain[-1].id)
        if len(children) != 1 or children[0].id in {r.id for r in chain}:
            break
        chain.append(children[0])
    return chain


def summary(chain: list[TaskRecord]) -> ChainSummary:
    credits = 0.0
    for record in chain:
        known = credits_from_raw(record.credits_used or record.credits_reserved)
        credits += (
            known
            if known is not None
            else estimate_credits(record.model, record.quality, record.duration) or 0.0
        )
    return ChainSummary(len(chain), float(sum(r.duration for r in chain)), credits)


def shot_of(store: TaskStore, record: TaskRecord) -> list[TaskRecord]:
    """Every take of the shot ``record`` belongs to (same prompt and source pictures), oldest first;
    the ones still running and the failed ones too (the details panel stacks them)."""
    return store.same_shot(record.prompt, record.image_sources, record.image_sha256)


class ShotLookup:
    """The takes of the selected take's shot, for the details panel. Finding them reads the whole history
    (the prompt has no index), so the ids are kept while the same take stays selected and no task is
    added; the records themselves are read fresh by id each time (their status and star change)."""

    def __init__(self, store: TaskStore) -> None:
        self.store = store
        self._for: int | None = None
        self._ids: list[int] = []

    def invalidate(self) -> None:
        """A task was added (it may be a new take of the shot on show)."""
        self._for = None

    def takes(self, record: TaskRecord | None) -> list[TaskRecord]:
        if record is None:
            return []
        if self._for != record.id:
            self._for, self._ids = record.id, [r.id for r in shot_of(self.store, record)]
        return sorted(self.store.get_many(self._ids), key=lambda r: r.id)


def takes_of(store: TaskStore, record: TaskRecord) -> list[TaskRecord]:
    """Takes of the same shot (same prompt and source pictures) that have a video, oldest first."""
    return [r for r in shot_of(store, record) if r.video_path and r.status == TaskStatus.COMPLETED]


def continuation_model(model: str) -> str:
    """The image-to-video model of the same version (a text-to-video take continues as image-to-video)."""
    route = route_for(model)
    if route is not None and route.mode is Mode.IMAGE:
        return model
    follow = route_for_mode(Mode.IMAGE, route.version) if route is not None else None
    return follow.model if follow is not None else SubmitParams().model


def finished_video(record: TaskRecord | None, ref: str = "") -> Path:
    """The saved video of a finished take, or :class:`MediaError` saying why there is none."""
    if record is None:
        raise MediaError(translate("Chains", "There is no task {id} in the history.").format(id=repr(ref)))
    name = record.server_id or str(record.id)
    if record.status != TaskStatus.COMPLETED:
        raise MediaError(translate("Chains", "Task {id} is not finished.").format(id=name))
    if not record.video_path or not Path(record.video_path).is_file():
        raise MediaError(translate("Chains", "The video of task {id} is not on disk.").format(id=name))
    return Path(record.video_path)


async def prepare_continuation(
    store: TaskStore, task_id: int, progress: Progress | None = None
) -> Continuation:
    """Pick the frame to continue from (worker thread) and the parameters of the next take."""
    from happyhorse_desktop.media.lastframe import sharpest_last_frame

    record = store.get(task_id)
    video = finished_video(record, str(task_id))
    assert record is not None
    import asyncio  # the window imports this module before asyncio is loaded

    frame = await asyncio.to_thread(sharpest_last_frame, video, progress)
    model = continuation_model(record.model)
    route = route_for(model)
    duration = record.duration
    if route is not None and route.duration is not None:
        duration = min(max(duration, route.duration.minimum), route.duration.maximum)
    params = SubmitParams(
        images=(str(frame.path),),
        prompt=record.prompt,
        model=model,
        quality=record.quality,
        duration=duration,
        parent_id=record.id,
    )
    return Continuation(params, frame)


def stitch_parts(records: list[TaskRecord], *, drop_boundary: bool = True) -> list[StitchPart]:
    """The files to join, in order; a take that continues the one before it loses its first frame."""
    from happyhorse_desktop.media.stitch import StitchPart

    parts = []
    for index, record in enumerate(records):
        video = finished_video(record)
        follows = index > 0 and record.parent_id == records[index - 1].id
        parts.append(StitchPart(video, drop_first_frame=drop_boundary and follows))
    return parts


async def stitch_takes(
    records: list[TaskRecord],
    output: Path,
    progress: Progress,
    *,
    drop_boundary: bool = True,
    reencode: bool = False,
) -> StitchResult:
    """Join the takes' videos into ``output`` with its own sidecar (worker thread)."""
    from happyhorse_desktop.media.stitch import stitch

    parts = stitch_parts(records, drop_boundary=drop_boundary)
    import asyncio  # the window imports this module before asyncio is loaded

    result = await asyncio.to_thread(stitch, parts, output, progress, reencode=reencode)
    sidecar = stitched_sidecar(
        records, output, lossless=result.lossless, seconds=result.seconds, dropped=result.dropped_frames
    )
    text = json.dumps(sidecar, indent=2, ensure_ascii=False)
    await asyncio.to_thread(output.with_suffix(".json").write_text, text, "utf-8")
    return result
