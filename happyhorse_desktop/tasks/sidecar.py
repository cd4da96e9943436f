"""The JSON written next to every saved video: its recipe, ids and credits."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from happyhorse_desktop import APP_NAME
from happyhorse_desktop.pricing import credits_from_raw
from happyhorse_desktop.routes import route_for
from happyhorse_desktop.tasks.record import TaskRecord, is_url


def shown_name(source: str) -> str:
    """A URL as it is; a local file by its name only (the sidecar may be shared; paths are private)."""
    return source if is_url(source) else Path(source).name


def route_summary(model: str) -> dict[str, str] | None:
    """The route a task took, in the table's own words (English, stable for scripts)."""
    route = route_for(model)
    if route is None:
        return None
    return {"mode": route.mode.value, "version": route.version, "label": route.label}


def sidecar_for(record: TaskRecord, video: Path) -> dict[str, Any]:
    return {
        "app": APP_NAME,
        "model": record.model,
        "route": route_summary(record.model),
        "origin": record.origin,
        "prompt": record.prompt,
        "parameters": {
            "quality": record.quality,
            "duration": record.duration,
            "seed": record.seed,
            **({"aspect_ratio": record.aspect_ratio} if record.aspect_ratio else {}),
            **({"keep_original_sound": True} if record.keep_original_sound else {}),
        },
        "seed": record.seed,
        "task_id": record.server_id,
        "local_id": record.id,
        "image": shown_name(record.image_source) if record.image_source else None,
        "images": [shown_name(s) for s in record.image_sources],
        "video_source": shown_name(record.video_source) if record.video_source else None,
        "input_seconds": record.input_seconds,
        "image_sha256": record.image_sha256,
        "parent_id": record.parent_id,
        "credits_reserved": credits_from_raw(record.credits_reserved),
        "credits_used": credits_from_raw(record.credits_used),
        "credits_raw": {"reserved": record.credits_reserved, "used": record.credits_used},
        "created_at": record.created_at,
        "completed_at": record.completed_at,
        "saved_at": time.time(),
        "video": video.name,
    }


def stitched_sidecar(
    parts: list[TaskRecord], video: Path, *, lossless: bool, seconds: float, dropped: int
) -> dict[str, Any]:
    """The sidecar of a file joined from takes: which takes, in which order, and how it was joined."""
    return {
        "app": APP_NAME,
        "kind": "stitched",
        "parts": [
            {
                "task_id": r.server_id,
                "local_id": r.id,
                "video": Path(r.video_path or "").name,
                "prompt": r.prompt,
            }
            for r in parts
        ],
        "lossless": lossless,
        "seconds": round(seconds, 3),
        "dropped_boundary_frames": dropped,
        "credits_used": sum(credits_from_raw(r.credits_used or r.credits_reserved) or 0.0 for r in parts),
        "saved_at": time.time(),
        "video": video.name,
    }
