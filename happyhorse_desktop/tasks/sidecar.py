"""The JSON written next to every saved video: its recipe, ids and credits."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from happyhorse_desktop import APP_NAME
from happyhorse_desktop.pricing import credits_from_raw
from happyhorse_desktop.routes import route_for
from happyhorse_desktop.tasks.record import TaskRecord, is_url


def _shown(source: str) -> str:
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
        "image": _shown(record.image_source) if record.image_source else None,
        "images": [_shown(s) for s in record.image_sources],
        "video_source": _shown(record.video_source) if record.video_source else None,
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
