"""``TaskRecord``: one row of the task history, typed, as the store reads and writes it."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from happyhorse_desktop.tasks.status import FINAL_STATUSES, POLLABLE_STATUSES, TaskStatus


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


@dataclass
class TaskRecord:
    id: int
    model: str
    prompt: str
    quality: str
    duration: int  # seconds of video asked for (for a video edit: what the source will give)
    seed: int | None
    callback_url: str | None
    image_sources: list[str]  # local paths or http(s) URLs, in the order the request names them
    image_urls: list[str]  # the public URLs sent (uploads of the local ones), same order
    video_source: str | None  # the video to edit (path or URL)
    video_url: str | None
    input_seconds: float | None  # the source video's length (a video edit is billed on it)
    aspect_ratio: str | None
    keep_original_sound: bool
    image_sha256: str | None  # content hash of the first image
    idempotency_key: str
    server_id: str | None
    status: TaskStatus
    progress: int
    tracking: bool
    credits_reserved: float | None  # raw figures as EvoLink reports them (see pricing.credits_from_raw)
    credits_used: float | None
    estimated_time: float | None
    results: list[str]
    video_path: str | None
    sidecar_path: str | None
    download_path: str | None
    video_size: int | None
    error_code: str | None
    error_message: str | None
    download_error: str | None
    created_at: float
    updated_at: float
    submitted_at: float | None
    completed_at: float | None
    finished_at: float | None
    lease_owner: str | None
    lease_until: float | None
    lease_token: int
    parent_id: int | None  # the take this one continues (chains)
    starred: bool
    origin: str  # "app", "cli", "import"…: where the row came from
    batch_id: int | None
    queue_position: float | None
    not_before: float | None  # a queued take waits until then (back-off after a transient refusal)

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def needs_polling(self) -> bool:
        return bool(self.server_id) and self.tracking and self.status in POLLABLE_STATUSES

    @property
    def needs_download(self) -> bool:
        return self.status == TaskStatus.COMPLETED and not self.video_path and self.tracking

    @property
    def image_source(self) -> str:
        """The first input picture ('' for a task without one): the thumbnail, the file name hint."""
        return self.image_sources[0] if self.image_sources else ""

    @property
    def image_is_url(self) -> bool:
        return is_url(self.image_source)


COLUMNS = [f.name for f in fields(TaskRecord)]
_JSON_LISTS = {"image_sources", "image_urls", "results"}
_BOOLS = {"tracking", "keep_original_sound", "starred"}


def can_retry_download(record: TaskRecord) -> bool:
    """A finished task whose video is not on disk (the window's action and the engine agree on it)."""
    return record.status in (TaskStatus.COMPLETED, TaskStatus.EXPIRED) and not record.video_path


def record_from_row(row: sqlite3.Row) -> TaskRecord:
    data = dict(row)
    for name in _JSON_LISTS:
        data[name] = json.loads(data.get(name) or "[]")
    for name in _BOOLS:
        data[name] = bool(data.get(name))
    data["status"] = TaskStatus.parse(data["status"])
    return TaskRecord(**data)


def encode(name: str, value: Any) -> Any:
    """A Python value as the column stores it."""
    if name in _JSON_LISTS:
        return json.dumps(list(value), ensure_ascii=False)
    if name in _BOOLS:
        return int(bool(value))
    if isinstance(value, TaskStatus):
        return value.value
    return value
