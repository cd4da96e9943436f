"""Takes before they are queued: built from a CSV file or from pictures × prompts × seeds, each checked
on its own against the model's rules, with the one-click image fix applied to all that need it.

A CSV has a header row naming its columns — ``image,prompt,model,quality,duration,seed`` in any order,
any case; other columns are ignored; ``image`` is required. An image is a local path (relative to the
CSV file's folder) or an http(s) URL; an empty cell takes the batch's default. Prompts in the composer
are blocks separated by a blank line; ``{name}`` in a prompt is filled from a variable's list of values
(every combination). Pure Python plus the image checks of :mod:`happyhorse_desktop.validation`; meant
to run off the UI thread (reading 1,000 rows with their pictures takes a fraction of a second).
"""

from __future__ import annotations

import csv
import itertools
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from happyhorse_desktop.api.models import DEFAULT_MODEL
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.imagefix import AspectMode, FixError, fix_image, propose_fixes
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.tasks.record import is_url
from happyhorse_desktop.validation import SEED_MAX, ImageCheck, check_image_file, check_prompt

CSV_COLUMNS = ("image", "prompt", "model", "quality", "duration", "seed")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
_VARIABLE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class CsvError(ValueError):
    """The file cannot be read as a batch at all (no header, no image column, not text)."""


@dataclass(frozen=True)
class Defaults:
    """What an empty cell (or the composer's settings) stands for."""

    model: str = DEFAULT_MODEL
    quality: str = "720p"
    duration: int = 5


@dataclass
class Draft:
    """One take before it is queued: where it came from, what it asks for, what is wrong with it."""

    origin: str  # "row 3" of a CSV file, "#12" in the composer: how messages name it
    params: SubmitParams
    input_problems: list[str] = field(default_factory=list)  # what reading it found (an empty cell…)
    problems: list[str] = field(default_factory=list)  # any of these keeps the batch from being queued
    warnings: list[str] = field(default_factory=list)  # worth knowing, not blocking (a long prompt)
    fixable: bool = False  # its picture's problems are all solved by the one-click fix

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        """``row 3: reason; other reason`` — one line per bad take (the CLI prints these)."""
        return f"{self.origin}: {'; '.join(self.problems)}"


# -- reading a CSV file ---------------------------------------------------------------------------


def read_csv(path: Path, defaults: Defaults) -> list[Draft]:
    """Every data row of a batch CSV as a draft (unchecked: see :func:`check`). Raises ``CsvError``."""
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
    if "image" not in header:
        raise CsvError(
            translate(
                "Batch", "The first row must name the columns, including “image” (found: {found})."
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


def _draft_from_cells(number: int, cells: dict[str, str], folder: Path, defaults: Defaults) -> Draft:
    origin = translate("Batch", "row {number}").format(number=number)
    problems = []
    image = cells.get("image", "")
    if not image:
        problems.append(translate("Batch", "no image (the “image” cell is empty)"))
    elif not is_url(image):
        image = str((folder / Path(image).expanduser()).resolve()) if not Path(image).is_absolute() else image
    duration = _whole_number(cells.get("duration", ""), defaults.duration, "duration", problems)
    seed = _whole_number(cells.get("seed", ""), None, "seed", problems)
    params = SubmitParams(
        images=(image,),  # an empty one is reported above, once, and never checked as a file
        prompt=cells.get("prompt", ""),
        model=cells.get("model") or defaults.model,
        quality=cells.get("quality") or defaults.quality,
        duration=duration if duration is not None else defaults.duration,
        seed=seed,
    )
    return Draft(origin, params, input_problems=problems)


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
    images: Sequence[str],
    prompts: Sequence[str],
    defaults: Defaults,
    *,
    seeds: Sequence[int] = (),
    seeds_each: int = 1,
    rng: random.Random | None = None,
) -> list[Draft]:
    """One take per picture × prompt × seed: the given seeds, or ``seeds_each`` random ones per
    picture and prompt."""
    rng = rng or random.Random()
    drafts = []
    for image, prompt in itertools.product(images, prompts):
        chosen = list(seeds) or [rng.randint(1, SEED_MAX) for _ in range(max(1, seeds_each))]
        for seed in chosen:
            params = SubmitParams(
                images=(image,),
                prompt=prompt,
                model=defaults.model,
                quality=defaults.quality,
                duration=defaults.duration,
                seed=seed,
            )
            drafts.append(Draft(f"#{len(drafts) + 1}", params))
    return drafts


def images_in(folder: Path) -> list[str]:
    """The pictures directly inside a folder (by extension; their content is checked later), by name."""
    return sorted(str(p) for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


# -- checking ---------------------------------------------------------------------------------------


def check(drafts: Iterable[Draft], image_check: Callable[[str], ImageCheck] = check_image_file) -> None:
    """Fill in every draft's problems, warnings and fixability. Each local picture is read once, however
    many takes use it."""
    checked: dict[str, ImageCheck] = {}
    for draft in drafts:
        draft.problems = draft.input_problems + draft.params.problems()
        draft.warnings = [w for w in [check_prompt(draft.params.prompt).message] if w]
        draft.fixable = False
        image = draft.params.image
        if not image or is_url(image):
            continue
        result = checked.get(image)
        if result is None:
            result = checked[image] = image_check(image)
        if not result.ok:
            draft.problems += result.problems
            draft.fixable = bool(propose_fixes(result)) and len(draft.problems) == len(result.problems)


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
        if draft.params.image in fixed:
            draft.params = replace(draft.params, images=(fixed[draft.params.image],))
    check(drafts)
    return failures
