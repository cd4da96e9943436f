"""A take's recipe — what it was made with — as tags in the saved MP4, and back to parameters.

:func:`recipe_for` is what the download tags each saved video with (beside the sidecar JSON).
:func:`restore` reads a dropped HappyHorse MP4 (its tags, else the sidecar next to it) or a sidecar, and
gives the parameters for a re-run, with the source picture when it is still on this computer: where
the history last saw it, or beside the dropped file, and only when its content hash still matches.
Blocking (reads and hashes files): call it in a worker thread.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from happyhorse_desktop import APP_NAME, __version__
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media.tags import read_recipe
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.record import TaskRecord, is_url
from happyhorse_desktop.tasks.sidecar import shown_name
from happyhorse_desktop.tasks.store import TaskStore

VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v")


class NotARecipe(ValueError):
    """The dropped file carries no HappyHorse recipe; ``str()`` says so in plain words."""


@dataclass(frozen=True)
class Restored:
    params: SubmitParams
    notes: list[str]  # what could not be restored (e.g. the picture is gone)
    task_id: str | None


def recipe_for(record: TaskRecord, parent_task_id: str | None = None) -> dict[str, Any]:
    return {
        "app": f"{APP_NAME} {__version__}",
        "model": record.model,
        "prompt": record.prompt,
        "quality": record.quality,
        "duration": record.duration,
        "seed": record.seed,
        "task_id": record.server_id,
        "image_sha256": record.image_sha256,
        "images": [shown_name(s) for s in record.image_sources],
        "aspect_ratio": record.aspect_ratio,
        "parent_task_id": parent_task_id,
    }


def _from_sidecar(data: dict[str, Any]) -> dict[str, Any]:
    parameters = data.get("parameters") or {}
    return {
        "model": data.get("model"),
        "prompt": data.get("prompt"),
        "quality": parameters.get("quality"),
        "duration": parameters.get("duration"),
        "seed": data.get("seed", parameters.get("seed")),
        "task_id": data.get("task_id"),
        "image_sha256": data.get("image_sha256"),
        "images": data.get("images") or ([data["image"]] if data.get("image") else []),
        "aspect_ratio": parameters.get("aspect_ratio"),
        "keep_original_sound": bool(parameters.get("keep_original_sound")),
    }


def _read_sidecar(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("app") != APP_NAME or not data.get("model"):
        return None
    return _from_sidecar(data)


def read_any(path: Path) -> dict[str, Any]:
    """The recipe of a dropped file: an MP4's tags, the sidecar beside it, or a sidecar itself."""
    recipe: dict[str, Any] | None
    if path.suffix.lower() == ".json":
        recipe = _read_sidecar(path)
    else:
        recipe = read_recipe(path) or _read_sidecar(path.with_suffix(".json"))
    if not recipe or not recipe.get("model"):
        raise NotARecipe(
            translate("Recipe", "{name} carries no HappyHorse recipe (it was not saved by this app).").format(
                name=path.name
            )
        )
    return recipe


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def history_sources(recipe: dict[str, Any], store: TaskStore | None) -> list[str]:
    """Where the history last saw the recipe's pictures (read on the store's own thread)."""
    record = store.get_by_server_id(str(recipe["task_id"])) if store and recipe.get("task_id") else None
    return list(record.image_sources) if record else []


def _find_images(recipe: dict[str, Any], dropped: Path, candidates: list[str]) -> list[str]:
    """The source pictures still on disk: where the history saw them, else beside the dropped file.
    The first picture must still have the recorded content (a file edited since is not the source)."""
    names = [str(n) for n in recipe.get("images") or []]
    found: list[str] = []
    for index, name in enumerate(names):
        places = [c for c in candidates[index : index + 1] if is_url(c) or Path(c).is_file()]
        places.append(str(dropped.with_name(Path(name).name)))
        for place in places:
            if is_url(place):
                found.append(place)
                break
            if not Path(place).is_file():
                continue
            expected = recipe.get("image_sha256") if index == 0 else None
            if expected and _sha256(Path(place)) != expected:
                continue
            found.append(place)
            break
        else:
            return []  # a route takes all its pictures or the take is not the same
    return found


def restore(path: Path, store: TaskStore | None = None) -> Restored:
    """The parameters a dropped HappyHorse MP4 or sidecar was made with, in one thread (the CLI, tests).
    Raises :class:`NotARecipe`."""
    recipe = read_any(path)
    return restore_recipe(recipe, path, history_sources(recipe, store))


def restore_recipe(recipe: dict[str, Any], path: Path, sources: list[str]) -> Restored:
    """:func:`restore` once the recipe is read and the history asked where its pictures were."""
    images = _find_images(recipe, path, sources)
    notes = []
    if recipe.get("images") and not images:
        notes.append(
            translate(
                "Recipe", "The source picture ({name}) is not on this computer any more: choose it again."
            ).format(name=", ".join(recipe["images"]))
        )
    seed = recipe.get("seed")
    params = SubmitParams(
        images=tuple(images),
        prompt=str(recipe.get("prompt") or ""),
        model=str(recipe["model"]),
        quality=str(recipe.get("quality") or "720p"),
        duration=int(recipe.get("duration") or 5),
        seed=int(seed) if isinstance(seed, int) else None,
        aspect_ratio=recipe.get("aspect_ratio") or None,
        keep_original_sound=bool(recipe.get("keep_original_sound")),
    )
    return Restored(params, notes, recipe.get("task_id"))
