"""``SubmitParams``: what the user asks for, before anything is written or sent, checked against the
route its model names (:mod:`happyhorse_desktop.routes`): which inputs it takes, how many, and which
settings. The window and the CLI build these; the engine refuses any that has a problem."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from happyhorse_desktop.api.models import DEFAULT_MODEL
from happyhorse_desktop.i18n_core import Context, translate
from happyhorse_desktop.pricing import estimate_credits
from happyhorse_desktop.route_rules import check_character_references
from happyhorse_desktop.routes import Billing, Mode, Route, route_for
from happyhorse_desktop.tasks.record import TaskRecord, is_url
from happyhorse_desktop.validation import (
    SEED_MAX,
    check_callback_url,
    check_duration,
    check_image_url,
    check_model,
    check_prompt,
    check_quality,
    check_seed,
)

Validation = Context("Validation")  # for the messages with a count (plural forms)


class InvalidSubmission(ValueError):
    """The user's input breaks a rule of the model; the message says which."""


@dataclass(frozen=True)
class SubmitParams:
    images: tuple[str, ...] = ()  # local file paths or http(s) URLs, in request order
    prompt: str = ""
    model: str = DEFAULT_MODEL
    quality: str = "720p"
    duration: int = 5  # for a video edit: how long the result will be (the kept part of the source)
    seed: int | None = None
    callback_url: str | None = None
    video: str | None = None  # the video to edit (video-edit route)
    aspect_ratio: str | None = None
    keep_original_sound: bool = False
    parent_id: int | None = None  # the take this one continues
    input_seconds: float | None = None  # the source video's length, when known (a video edit bills it)

    @property
    def image(self) -> str:
        """The first picture ('' when there is none)."""
        return self.images[0] if self.images else ""

    @property
    def route(self) -> Route | None:
        return route_for(self.model)

    def problems(self, *, counts: bool = True) -> list[str]:
        """Every parameter problem (files' contents are checked when they are read). ``counts=False``
        leaves out how many pictures and videos there are, for a form whose input widgets already say
        what is missing."""
        route = self.route
        if route is None:
            return [p for p in (check_model(self.model),) if p]
        checks = [
            check_quality(self.quality),
            check_seed(self.seed),
            check_callback_url(self.callback_url),
        ]
        if route.duration is not None:
            checks.append(check_duration(self.duration, route.duration.minimum, route.duration.maximum))
        if route.prompt_required and not self.prompt.strip():
            checks.append(_prompt_missing(route))
        checks += _input_problems(route, self, counts)
        checks += _setting_problems(route, self)
        return [p for p in checks if p]

    def warnings(self) -> list[str]:
        """What the request may suffer from without being refused: a prompt the server will cut, a
        reference image the prompt never names."""
        found = [check_prompt(self.prompt).message]
        rule = self.route.images if self.route else None
        if rule is not None and rule.names_in_prompt and rule.min_count <= len(self.images) <= rule.max_count:
            references = check_character_references(self.prompt, len(self.images))
            found += [p.message for p in references if not p.blocking]
        return [w for w in found if w]

    def estimated_credits(self) -> float | None:
        """What the task will cost; ``None`` when it cannot be known yet (a video edit whose source's
        length is not known: the server's reservation will say)."""
        route = self.route
        if route is None:
            return None
        if route.billing is Billing.INPUT_PLUS_OUTPUT_SECONDS:
            if self.input_seconds is None:
                return None
            return estimate_credits(self.model, self.quality, self.input_seconds)
        return estimate_credits(self.model, self.quality, self.duration)

    def with_new_seed(self) -> SubmitParams:
        return replace(self, seed=random.randint(1, SEED_MAX))

    def row_values(self) -> dict[str, object]:
        """The history columns a new row takes from these parameters, whether it is sent now or queued
        (:meth:`of` reads them back)."""
        return {
            "model": self.model,
            "prompt": self.prompt,
            "quality": self.quality,
            "duration": self.duration,
            "seed": self.seed,
            "callback_url": self.callback_url or None,
            "image_sources": list(self.images),
            "video_source": self.video,
            "input_seconds": self.input_seconds,
            "aspect_ratio": self.aspect_ratio,
            "keep_original_sound": self.keep_original_sound,
            "parent_id": self.parent_id,
        }

    @classmethod
    def of(cls, record: TaskRecord) -> SubmitParams:
        """The parameters an earlier task was made with (to run it again, or load it in the composer)."""
        return cls(
            images=tuple(record.image_sources),
            prompt=record.prompt,
            model=record.model,
            quality=record.quality,
            duration=record.duration,
            seed=record.seed,
            callback_url=record.callback_url,
            video=record.video_source,
            aspect_ratio=record.aspect_ratio,
            keep_original_sound=record.keep_original_sound,
            input_seconds=record.input_seconds,
        )


def edit_output_seconds(route: Route | None, input_seconds: float) -> int:
    """How long a video edit's result is: the kept part of the source (the first 15 s), in whole
    seconds as the task list shows it."""
    used = route.video.used_seconds if route is not None and route.video is not None else input_seconds
    return max(1, round(min(input_seconds, used)))


def route_name(route: Route) -> str:
    """A route as people call it: "Text → Video" (translated)."""
    return translate("Routes", route.label)


def _prompt_missing(route: Route) -> str:
    if route.mode is Mode.EDIT:
        return translate("Validation", "Write the edit in the prompt: what should change in the video.")
    if route.mode is Mode.REFERENCE:
        return translate(
            "Validation", "Write a prompt: it tells what character1, character2… do in the video."
        )
    return translate("Validation", "{route} needs a prompt: describe the video.").format(
        route=route_name(route)
    )


def _input_problems(route: Route, params: SubmitParams, counts: bool = True) -> list[str | None]:
    """The pictures and the video the route takes: how many (unless ``counts`` is off), the names the
    prompt gives them, and links that are not links."""
    problems = _count_problems(route, params) if counts else []
    rule, count = route.images, len(params.images)
    if rule is not None and rule.names_in_prompt and params.prompt.strip() and rule.min_count <= count:
        problems += [p.message for p in check_character_references(params.prompt, count) if p.blocking]
    sources = [*params.images, *([params.video] if params.video else [])]
    problems += [check_image_url(source) for source in sources if is_url(source)]
    return problems


def _count_problems(route: Route, params: SubmitParams) -> list[str | None]:
    problems: list[str | None] = []
    rule, count = route.images, len(params.images)
    if rule is None and count:
        problems.append(translate("Validation", "{route} takes no pictures.").format(route=route_name(route)))
    elif rule is not None and not rule.min_count <= count <= rule.max_count:
        if rule.min_count == rule.max_count == 1:
            problems.append(translate("Validation", "This model takes exactly one picture."))
        else:
            text = Validation.tr("{route} takes {min} to {max} pictures; %n given.", "", count)
            problems.append(text.format(route=route_name(route), min=rule.min_count, max=rule.max_count))
    if route.video is None and params.video:
        problems.append(
            translate("Validation", "{route} takes no video; choose “Edit a video” to edit one.").format(
                route=route_name(route)
            )
        )
    elif route.video is not None and not params.video:
        problems.append(translate("Validation", "Add the video to edit."))
    return problems


def _setting_problems(route: Route, params: SubmitParams) -> list[str | None]:
    """Settings the route does not take, or takes other values of."""
    problems: list[str | None] = []
    if params.aspect_ratio and not route.aspect_ratios:
        problems.append(
            translate(
                "Validation", "{route} takes no aspect ratio: the video keeps the shape of its input."
            ).format(route=route_name(route))
        )
    elif params.aspect_ratio and params.aspect_ratio not in route.aspect_ratios:
        problems.append(
            translate("Validation", "The aspect ratio must be one of {ratios}, not {ratio}.").format(
                ratios=", ".join(route.aspect_ratios), ratio=repr(params.aspect_ratio)
            )
        )
    if params.keep_original_sound and not route.keep_original_sound:
        problems.append(translate("Validation", "Only “Edit a video” can keep the original sound."))
    return problems
