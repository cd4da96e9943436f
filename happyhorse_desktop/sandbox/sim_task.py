"""One simulated task: what was asked, when, what it reserved — and its state at any moment, which
follows from wall-clock time alone (pending → processing → completed, or failed halfway)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

RUNNING = ("pending", "processing")


@dataclass
class SimTask:
    id: str
    model: str
    prompt: str
    quality: str
    duration: int  # seconds of output video
    seed: int | None
    image_url: str  # the first image, "" when there is none
    created: float  # wall clock
    run_seconds: float
    reserved: int
    fail_code: str | None = None
    fail_message: str | None = None
    result_broken: bool = False
    refunded: bool = False
    idempotency_key: str | None = None
    key: str | None = None  # the API key that created it (per-key concurrency)
    image_urls: tuple[str, ...] = ()
    video_url: str | None = None
    input_seconds: float | None = None  # video-edit: the source video's length
    aspect_ratio: str | None = None
    keep_original_sound: bool = False

    def state(self, now: float) -> tuple[str, int]:
        t = now - self.created
        if self.fail_code and t >= self.run_seconds / 2:
            return "failed", int(min(99, 100 * t / self.run_seconds))
        if t >= self.run_seconds:
            return "completed", 100
        if t < self.run_seconds * 0.15:
            return "pending", 0
        return "processing", max(1, min(99, int(100 * t / self.run_seconds)))


# Not kept on disk: the API key (the demo's is not secret, but no key goes into a file) and the
# refund flag (the ledger keeps that in its own column, changed in the same transaction as the balance).
_NOT_KEPT = ("key", "refunded")


def task_fields(task: SimTask) -> dict[str, Any]:
    """A task as JSON-ready values, for the demo's ledger."""
    fields = dataclasses.asdict(task)
    for name in _NOT_KEPT:
        fields.pop(name)
    fields["image_urls"] = list(task.image_urls)
    return fields


def task_from_fields(fields: dict[str, Any], *, refunded: bool) -> SimTask:
    """The task :func:`task_fields` described (fields this version does not know are left out)."""
    known = {f.name for f in dataclasses.fields(SimTask)} - set(_NOT_KEPT)
    values = {k: v for k, v in fields.items() if k in known}
    values["image_urls"] = tuple(values.get("image_urls") or ())
    return SimTask(**values, refunded=refunded)
