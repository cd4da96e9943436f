"""A batch CSV file read row by row into takes, for every route.

The header row names the columns, in any order and any case; other columns are ignored:

- ``image``: a picture — a local path (relative to the CSV file's folder) or an http(s) URL. Several
  pictures go in one cell separated by ``|`` (reference-to-video: character1, character2… in that
  order; video-edit: its reference pictures). Empty for text-to-video.
- ``prompt``, ``model``, ``quality``, ``duration``, ``seed``: as in the composer.
- ``aspect_ratio``: text- and reference-to-video only (``16:9``…).
- ``video``: the video to edit (video-edit only), a local MP4 or MOV file: its length sets the cost.
- ``keep_original_sound``: video-edit only; ``yes``/``no`` (also ``true``/``false``, ``1``/``0``).

An empty cell takes the batch's default. The header must name at least one of ``image``, ``prompt`` and
``video``. A cell the row's route does not take is refused with the cell's name and how to fix it, so
every problem can be found in the file. Pure Python: run it off the UI thread.
"""

from __future__ import annotations

import csv
from pathlib import Path

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.routes import ROUTES, Mode, Route, route_for
from happyhorse_desktop.tasks.params import SubmitParams, route_name
from happyhorse_desktop.tasks.record import is_url
from happyhorse_desktop.tasks.takes import Defaults, Draft

CSV_COLUMNS = (
    "image",
    "prompt",
    "model",
    "quality",
    "duration",
    "seed",
    "aspect_ratio",
    "video",
    "keep_original_sound",
)
INPUT_COLUMNS = ("image", "prompt", "video")  # a header must name one of these
IMAGE_SEPARATOR = "|"  # several pictures in one cell; never part of a path or a (quoted) URL
_YES, _NO = ("yes", "true", "1", "y"), ("no", "false", "0", "n")


class CsvError(ValueError):
    """The file cannot be read as a batch at all (no header, no input column, not text)."""


def read_csv(path: Path, defaults: Defaults) -> list[Draft]:
    """Every data row of a batch CSV as a draft (unchecked: see :func:`.takes.check`). Raises
    ``CsvError``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CsvError(translate("Batch", "The file is not UTF-8 text; save it as CSV (UTF-8).")) from None
    except OSError as exc:
        raise CsvError(
            translate("Batch", "The file cannot be read: {reason}.").format(reason=exc.strerror or exc)
        ) from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise CsvError(translate("Batch", "The file is empty; it needs a header row naming its columns."))
    header = [cell.strip().lower() for cell in rows[0]]
    if not set(INPUT_COLUMNS) & set(header):
        raise CsvError(
            translate(
                "Batch",
                "The first row must name the columns, including “image”, “prompt” or “video” "
                "(found: {found}).",
            ).format(found=", ".join(h for h in header if h) or "—")
        )
    columns = {name: header.index(name) for name in CSV_COLUMNS if name in header}
    drafts = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines are not takes
        values = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
        drafts.append(_draft_from_cells(number, values, path.parent, defaults))
    if not drafts:
        raise CsvError(translate("Batch", "The file has a header but no takes."))
    return drafts


def _source(cell: str, folder: Path) -> str:
    """A URL as it is; a local path made absolute against the CSV file's folder."""
    if is_url(cell):
        return cell
    path = Path(cell).expanduser()
    return str(path) if path.is_absolute() else str((folder / path).resolve())


def _draft_from_cells(number: int, cells: dict[str, str], folder: Path, defaults: Defaults) -> Draft:
    origin = translate("Batch", "row {number}").format(number=number)
    problems: list[str] = []
    model = cells.get("model") or defaults.model
    route = route_for(model)
    images = tuple(
        _source(part.strip(), folder)
        for part in cells.get("image", "").split(IMAGE_SEPARATOR)
        if part.strip()
    )
    video = _source(cells["video"], folder) if cells.get("video") else None
    duration = _whole_number(cells.get("duration", ""), defaults.duration, "duration", problems)
    seed = _whole_number(cells.get("seed", ""), None, "seed", problems)
    sound = _yes_no(cells.get("keep_original_sound", ""), defaults.keep_original_sound, problems)
    aspect = cells.get("aspect_ratio") or None
    if route is not None:
        problems += _cell_problems(route, cells, images, video)
        if aspect is None and route.aspect_ratios:
            aspect = defaults.aspect_ratio or route.default_aspect_ratio
            if aspect not in route.aspect_ratios:
                problems.append(_default_aspect_problem(route, aspect))  # said once, in the file's terms
                aspect = None
        # Settings the route does not take were refused above, in the file's terms: said once. (Inputs
        # stay, so the table shows what the row gave; they are counted only here.)
        aspect = aspect if route.aspect_ratios else None
        sound = sound and route.keep_original_sound
    params = SubmitParams(
        images=images,
        prompt=cells.get("prompt", ""),
        model=model,
        quality=cells.get("quality") or defaults.quality,
        duration=duration if duration is not None else defaults.duration,
        seed=seed,
        video=video,
        aspect_ratio=aspect,
        keep_original_sound=sound,
    )
    return Draft(origin, params, input_problems=problems, counted=route is not None)


def _cell_problems(
    route: Route, cells: dict[str, str], images: tuple[str, ...], video: str | None
) -> list[str]:
    """What the row's cells give that its route does not take, or lack that it needs, each naming the
    cell and how to fix it."""
    name = route_name(route)
    problems = _image_cell_problems(route, images)
    if video and route.video is None:
        edit = next(r.model for r in ROUTES.values() if r.video is not None)
        problems.append(
            translate(
                "Batch", "{route} takes no video: empty the “video” cell, or set “model” to {edit}"
            ).format(route=name, edit=edit)
        )
    elif route.video is not None and not video:
        problems.append(
            translate(
                "Batch", "no video to edit (the “video” cell is empty): give the path of an MP4 or MOV file"
            )
        )
    elif route.video is not None and video and is_url(video):
        problems.append(
            translate(
                "Batch",
                "the video to edit must be a local file in a batch (its length sets the cost the budget "
                "counts): download it and give its path",
            )
        )
    if cells.get("aspect_ratio") and not route.aspect_ratios:
        problems.append(
            translate(
                "Batch",
                "{route} takes no aspect ratio (the video keeps the shape of its input): empty the "
                "“aspect_ratio” cell",
            ).format(route=name)
        )
    if cells.get("duration") and route.duration is None:
        problems.append(
            translate(
                "Batch",
                "{route} takes no duration (the result is as long as its source video, at most 15 s): "
                "empty the “duration” cell",
            ).format(route=name)
        )
    if cells.get("keep_original_sound", "").lower() in _YES and not route.keep_original_sound:
        problems.append(
            translate(
                "Batch", "only “Edit a video” keeps the original sound: empty the “keep_original_sound” cell"
            )
        )
    return problems


def _image_cell_problems(route: Route, images: tuple[str, ...]) -> list[str]:
    name, rule, count = route_name(route), route.images, len(images)
    if rule is None:
        if not count:
            return []
        text = translate(
            "Batch",
            "{route} takes no pictures: empty the “image” cell, or set “model” to a route that takes them",
        )
        return [text.format(route=name)]
    if rule.min_count <= count <= rule.max_count:
        return []
    if route.mode is Mode.IMAGE and not count:
        text = translate(
            "Batch",
            "no image (the “image” cell is empty): {route} starts from a picture; add one, or set “model” to "
            "a text-to-video model",
        )
    elif route.mode is Mode.IMAGE:
        text = translate(
            "Batch",
            "{route} takes one picture, the “image” cell names {count}: keep one, or set “model” to a "
            "reference-to-video model",
        )
    elif not count:
        text = translate(
            "Batch",
            "no pictures (the “image” cell is empty): {route} needs {min} to {max}, separated by “|”",
        )
    else:
        text = translate("Batch", "{route} takes at most {max} pictures, the “image” cell names {count}")
    return [text.format(route=name, count=count, min=rule.min_count, max=rule.max_count)]


def _default_aspect_problem(route: Route, aspect: str | None) -> str:
    return translate(
        "Batch",
        "HappyHorse {version} does not take the batch's aspect ratio {ratio}: write one of {ratios} in the "
        "“aspect_ratio” cell",
    ).format(version=route.version, ratio=aspect, ratios=", ".join(route.aspect_ratios))


def _whole_number(text: str, default: int | None, name: str, problems: list[str]) -> int | None:
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        problems.append(
            translate("Batch", "the {name} must be a whole number, not {value}").format(
                name=name, value=repr(text)
            )
        )
        return default


def _yes_no(text: str, default: bool, problems: list[str]) -> bool:
    if not text:
        return default
    if text.lower() in _YES + _NO:
        return text.lower() in _YES
    problems.append(
        translate("Batch", "keep_original_sound must be yes or no, not {value}").format(value=repr(text))
    )
    return default
