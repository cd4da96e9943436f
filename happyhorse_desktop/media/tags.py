"""The recipe inside the saved MP4: prompt, model, quality, duration, seed, task id and the source
image's hash, in the file's own metadata (mutagen writes the ``ilst`` tags and moves the sample offsets
for us; nothing is written by hand).

Two forms: standard atoms that players and file browsers show (``©too`` the app, ``desc``/``©cmt`` the
prompt), and one freeform atom ``----:ai.happyhorse:recipe`` holding the whole recipe as JSON, which is
what :func:`read_recipe` trusts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RECIPE_KEY = "----:ai.happyhorse:recipe"
RECIPE_FIELDS = (
    "app", "model", "prompt", "quality", "duration", "seed", "task_id", "image_sha256", "images",
    "aspect_ratio", "parent_task_id",
)  # fmt: skip


class TagError(Exception):
    """The file's tags cannot be read or written."""


def write_recipe(path: Path, recipe: dict[str, Any]) -> None:
    """Tag the MP4 at ``path`` (any name: a partial download too) with ``recipe`` (blocking)."""
    from mutagen import MutagenError  # loaded with the first saved video, not at start-up
    from mutagen.mp4 import MP4, MP4FreeForm

    try:
        video = MP4(str(path))
        if video.tags is None:
            video.add_tags()
        tags = video.tags
        assert tags is not None
        tags["©too"] = [str(recipe.get("app") or "HappyHorse Desktop")]
        if recipe.get("prompt"):
            tags["desc"] = [str(recipe["prompt"])]
            tags["©cmt"] = [str(recipe["prompt"])]
        payload = json.dumps({k: recipe.get(k) for k in RECIPE_FIELDS}, ensure_ascii=False).encode()
        tags[RECIPE_KEY] = [MP4FreeForm(payload)]
        video.save()
    except (MutagenError, OSError) as exc:
        raise TagError(str(exc)) from None


def read_recipe(path: Path) -> dict[str, Any] | None:
    """The recipe a HappyHorse MP4 carries, or None (another app's video, or no tags)."""
    from mutagen import MutagenError
    from mutagen.mp4 import MP4

    try:
        video = MP4(str(path))
    except (MutagenError, OSError):
        return None
    values = (video.tags or {}).get(RECIPE_KEY)
    if not values:
        return None
    try:
        recipe = json.loads(bytes(values[0]).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    return recipe if isinstance(recipe, dict) else None
