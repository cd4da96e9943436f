"""Names of saved videos, built by the app from sanitised parts — never taken raw from the server.

``<YYYY-MM-DD_HHMMSS>_<prompt-slug>_seed<seed>_<task-id>.mp4``: ASCII letters, digits, ``-`` and ``_``
only, bounded length, so a server id with ``../``, separators, reserved device names or 500 characters
still gives a safe name inside the output folder.
"""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
SLUG_MAX = 40
TASK_ID_MAX = 48


def slugify(text: str, max_len: int = SLUG_MAX) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("-", ascii_text).strip("-").lower()
    return slug[:max_len].rstrip("-")


def safe_token(text: str, max_len: int) -> str:
    token = _UNSAFE.sub("-", text).strip("-")
    return token[:max_len].rstrip("-")


def video_stem(*, created_at: float, prompt: str, seed: int | None, task_id: str) -> str:
    stamp = time.strftime("%Y-%m-%d_%H%M%S", time.localtime(created_at))
    parts = [stamp, slugify(prompt) or "video", f"seed{seed}" if seed else "seed-random"]
    token = safe_token(task_id, TASK_ID_MAX)
    if token:
        parts.append(token)
    return "_".join(parts)


def unique_video_path(folder: Path, stem: str) -> Path:
    """``folder/stem.mp4``, or ``stem-2.mp4``… when a video (or its sidecar/partial) already exists."""
    candidate, n = stem, 1
    while any((folder / f"{candidate}{ext}").exists() for ext in (".mp4", ".mp4.part", ".json")):
        n += 1
        candidate = f"{stem}-{n}"
    return folder / f"{candidate}.mp4"
