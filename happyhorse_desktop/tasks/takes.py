"""Takes before they are queued, for every route: built from pictures (or videos) × prompts × seeds or
from a CSV file (:mod:`.takes_csv`), each checked on its own against its route's rules — its pictures
against the route's picture rule, a video to edit by its facts (which also set its cost) — with the
one-click image fix applied to every first frame that needs it.

Prompts in the composer are blocks separated by a blank line; ``{name}`` in a prompt is filled from a
variable's list of values (every combination). What the chosen route takes decides what one take is:
image-to-video one picture each, text-to-video none, reference-to-video all the pictures at once (in
order: character1, character2…), video-edit one video each. Pure Python plus the picture and video
readers; meant to run off the UI thread (reading 1,000 rows with their pictures takes a fraction of a
second).
"""

from __future__ import annotations

import itertools
import os
import random
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from happyhorse_desktop.api.models import DEFAULT_MODEL
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.imagefix import AspectMode, FixError, fix_image, propose_fixes
from happyhorse_desktop.media_rules import check_video
from happyhorse_desktop.route_rules import VideoFacts
from happyhorse_desktop.routes import FIRST_FRAME, ImageRule, Mode, route_for
from happyhorse_desktop.tasks.params import SubmitParams, edit_output_seconds
from happyhorse_desktop.tasks.record import is_url
from happyhorse_desktop.validation import SEED_MAX, ImageCheck, check_image_file
from happyhorse_desktop.videofile import read_video_facts

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
VIDEO_SUFFIXES = (".mp4", ".mov")
_VARIABLE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Defaults:
    """What an empty cell (or the composer's settings) stands for. ``aspect_ratio`` None: the route's
    default; a route that takes no aspect ratio or sound leaves them out."""

    model: str = DEFAULT_MODEL
    quality: str = "720p"
    duration: int = 5
    aspect_ratio: str | None = None
    keep_original_sound: bool = False


@dataclass
class Draft:
    """One take before it is queued: where it came from, what it asks for, what is wrong with it."""

    origin: str  # "row 3" of a CSV file, "#12" in the composer: how messages name it
    params: SubmitParams
    input_problems: list[str] = field(default_factory=list)  # what reading it found (an empty cell…)
    problems: list[str] = field(default_factory=list)  # any of these keeps the batch from being queued
    warnings: list[str] = field(default_factory=list)  # worth knowing, not blocking (a long prompt)
    fixable: bool = False  # its picture's problems are all solved by the one-click fix
    counted: bool = False  # how many pictures and videos it has was checked where it was read (a CSV row)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def credits(self) -> float:
        """What the take is expected to cost (a video edit: 0 until its video has been read)."""
        return self.params.estimated_credits() or 0.0

    def describe(self) -> str:
        """``row 3: reason; other reason`` — one line per bad take (the CLI prints these)."""
        return f"{self.origin}: {'; '.join(self.problems)}"


# -- composing: pictures × prompts × seeds --------------------------------------------------------


def prompt_blocks(text: str) -> list[str]:
    """Prompts separated by blank lines (a block's own line breaks are kept). No text: one empty
    prompt (the picture alone drives the motion)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip())]
    return [b for b in blocks if b] or [""]


def parse_variables(text: str) -> dict[str, list[str]]:
    """``name = value | value | …`` per line. Raises ``ValueError`` naming a line that is not one."""
    variables: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        name, sep, values = line.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(
                translate("Batch", "Line {number} of the variables is not “name = value | value”.").format(
                    number=number
                )
            )
        variables[name] = [v.strip() for v in values.split("|") if v.strip()]
    return variables


def fill(template: str, variables: dict[str, list[str]]) -> list[str]:
    """Every combination of the values of the variables a prompt names. Raises ``ValueError`` for a
    name without values."""
    names = list(dict.fromkeys(_VARIABLE.findall(template)))
    missing = [n for n in names if not variables.get(n)]
    if missing:
        raise ValueError(
            translate("Batch", "The prompt uses {names} but no values are given for it.").format(
                names=", ".join("{" + n + "}" for n in missing)
            )
        )
    prompts = []
    for combination in itertools.product(*(variables[n] for n in names)):
        chosen = dict(zip(names, combination, strict=True))
        prompts.append(_VARIABLE.sub(lambda m, c=chosen: c.get(m.group(1), m.group(0)), template))
    return prompts


def parse_seeds(text: str) -> list[int]:
    """``1, 2, 42`` or ``10-14`` (or both). Raises ``ValueError`` for anything else."""
    seeds: list[int] = []
    for part in re.split(r"[,\s]+", text.strip()):
        if not part:
            continue
        low, dash, high = part.partition("-")
        try:
            numbers = range(int(low), int(high) + 1) if dash else [int(low)]
        except ValueError:
            raise ValueError(
                translate("Batch", "{part} is not a seed or a range of seeds.").format(part=repr(part))
            ) from None
        seeds.extend(numbers)
    return seeds


def compose(
    sources: Sequence[str],
    prompts: Sequence[str],
    defaults: Defaults,
    *,
    seeds: Sequence[int] = (),
    seeds_each: int = 1,
    rng: random.Random | None = None,
) -> list[Draft]:
    """One take per input × prompt × seed: the given seeds, or ``seeds_each`` random ones per input and
    prompt. What an input is follows the route of ``defaults.model`` (see the module's docstring);
    ``sources`` may hold pictures and videos, each route takes the kind it uses."""
    rng = rng or random.Random()
    route = route_for(defaults.model)
    mode = route.mode if route is not None else Mode.IMAGE
    pictures = [s for s in sources if not is_video(s)]
    inputs: list[dict[str, object]]
    if mode is Mode.TEXT:
        inputs = [{}]
    elif mode is Mode.REFERENCE:
        inputs = [{"images": tuple(pictures)}] if pictures else []
    elif mode is Mode.EDIT:
        inputs = [{"video": s} for s in sources if is_video(s)]
    else:
        inputs = [{"images": (p,)} for p in pictures]
    settings = {
        "model": defaults.model,
        "quality": defaults.quality,
        "duration": defaults.duration,
        "aspect_ratio": (defaults.aspect_ratio or route.default_aspect_ratio) if route else None,
        "keep_original_sound": defaults.keep_original_sound and bool(route and route.keep_original_sound),
    }
    drafts = []
    for given, prompt in itertools.product(inputs, prompts):
        chosen = list(seeds) or [rng.randint(1, SEED_MAX) for _ in range(max(1, seeds_each))]
        for seed in chosen:
            params = SubmitParams(prompt=prompt, seed=seed, **settings, **given)  # type: ignore[arg-type]
            drafts.append(Draft(f"#{len(drafts) + 1}", params))
    return drafts


def is_video(path: str) -> bool:
    return Path(path).suffix.lower() in VIDEO_SUFFIXES


def media_in(folder: Path, suffixes: Sequence[str] = IMAGE_SUFFIXES) -> list[str]:
    """The files directly inside a folder with one of these extensions (their content is checked
    later), by name."""
    return sorted(str(p) for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes)


def images_in(folder: Path) -> list[str]:
    """The pictures directly inside a folder, by name."""
    return media_in(folder, IMAGE_SUFFIXES)


def with_fixes(params: SubmitParams, fixed: dict[str, str]) -> SubmitParams:
    """A first-frame take pointed at its picture's fixed copy, when there is one (other routes' pictures
    are never fixed: their rules differ from the first frame's the fix aims at)."""
    route = params.route
    if route is None or route.mode is not Mode.IMAGE or params.image not in fixed:
        return params
    return replace(params, images=(fixed[params.image],))


# -- checking ---------------------------------------------------------------------------------------


class MediaCache:
    """Picture checks (by path and rule) and video facts (by path), reused while the file is unchanged
    (same size and modification time): composing again after a keystroke, or a picture used by many
    takes, reads each file once. Safe across worker threads."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, object], tuple[tuple[int, int], object]] = {}
        self._lock = threading.Lock()

    def image(self, path: str, rule: ImageRule = FIRST_FRAME) -> ImageCheck:
        result = self._cached((path, rule), lambda: check_image_file(path, rule))
        assert isinstance(result, ImageCheck)
        return result

    def video(self, path: str) -> VideoFacts | None:
        result = self._cached((path, "video"), lambda: read_video_facts(path))
        return result if isinstance(result, VideoFacts) else None

    def _cached(self, key: tuple[str, object], read: Callable[[], object]) -> object:
        try:
            stat = os.stat(key[0])
        except OSError:
            return read()  # says exactly why it cannot be read
        version = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            known = self._known.get(key)
        if known is not None and known[0] == version:
            return known[1]
        result = read()
        with self._lock:
            self._known[key] = (version, result)
        return result


def check(drafts: Iterable[Draft], media: MediaCache | None = None) -> None:
    """Fill in every draft's problems, warnings and fixability, reading its local pictures against its
    route's rule and its video to edit (whose length sets the take's duration and cost). Each file is
    read once, however many takes use it."""
    media = media or MediaCache()
    for draft in drafts:
        _check_one(draft, media)


def _check_one(draft: Draft, media: MediaCache) -> None:
    route = draft.params.route
    draft.fixable = False
    problems, warnings = _video_check(draft, media)
    draft.problems = draft.input_problems + draft.params.problems(counts=not draft.counted) + problems
    draft.warnings = draft.params.warnings() + warnings
    rule = route.images if route is not None else None
    local = [i for i in draft.params.images if not is_url(i)] if rule is not None else []
    picture_problems = []
    for image in local:
        result = media.image(image, rule or FIRST_FRAME)
        # With several pictures, each problem says which one it is about.
        prefix = f"{Path(image).name}: " if len(draft.params.images) > 1 else ""
        picture_problems += [prefix + p for p in result.problems]
        draft.warnings += [prefix + w for w in result.warnings]
        if route is not None and route.mode is Mode.IMAGE and not result.ok:
            draft.fixable = bool(propose_fixes(result))
    draft.problems += picture_problems
    draft.fixable = draft.fixable and len(draft.problems) == len(picture_problems)


def _video_check(draft: Draft, media: MediaCache) -> tuple[list[str], list[str]]:
    """A video edit's local source read like the single-task path reads it: its problems and warnings.
    Its length becomes the take's (the result's length and what it is billed on)."""
    route, video = draft.params.route, draft.params.video
    if route is None or route.video is None or not video or is_url(video):
        return [], []
    if not Path(video).is_file():
        text = translate("Validation", "The file {name} does not exist.")
        return [text.format(name=repr(Path(video).name))], []
    facts = media.video(video)
    found = check_video(route, facts)
    if facts is not None:
        seconds = edit_output_seconds(route, facts.duration)
        draft.params = replace(draft.params, input_seconds=facts.duration, duration=seconds)
    return [p.message for p in found if p.blocking], [p.message for p in found if not p.blocking]


def fix_all(drafts: Sequence[Draft], cache_dir: Path) -> list[str]:
    """Apply the one-click fix to every fixable picture (padding to a legal shape keeps the whole
    picture), point its takes at the fixed copy and check them again. Originals are never modified.
    Returns a message per picture that could not be fixed."""
    fixed: dict[str, str] = {}
    failures = []
    for draft in drafts:
        image = draft.params.image
        if not draft.fixable or image in fixed:
            continue
        options = propose_fixes(check_image_file(image))
        mode = next(
            (o.aspect for o in options if o.aspect is AspectMode.PAD), options[0].aspect if options else None
        )
        if mode is None:
            continue
        try:
            fixed[image] = str(fix_image(Path(image), mode, cache_dir))
        except FixError as exc:
            failures.append(f"{Path(image).name}: {exc}")
    for draft in drafts:
        draft.params = with_fixes(draft.params, fixed)
    check(drafts)
    return failures
