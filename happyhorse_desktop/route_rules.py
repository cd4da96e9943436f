"""Route-level checks of a generation request's body, and the problem type every route check reports:
the exact list of problems, each naming the API field it concerns. The media of a request (its images,
its source video) are checked in :mod:`happyhorse_desktop.media_rules`, which also combines both.

Pure functions over the route table (:mod:`happyhorse_desktop.routes`), used by the simulator to answer
like EvoLink and by the app to refuse a request before anything is sent or paid. A problem is an
``ERROR`` when it breaks a documented requirement (the request must not be sent) and a ``WARNING`` when
it goes against a documented recommendation or convention (the request works, the result may suffer).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from happyhorse_desktop.i18n_core import Context, translate
from happyhorse_desktop.routes import Route, route_for
from happyhorse_desktop.validation import (
    check_callback_url,
    check_duration,
    check_prompt,
    check_seed,
)

RouteRules = Context("RouteRules")  # the messages with a count (plural forms)
_CHARACTER = re.compile(r"character(\d+)", re.IGNORECASE)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    field: str  # the request field it concerns: "prompt", "image_urls", "video_urls", "duration"…
    message: str
    severity: Severity = Severity.ERROR

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR


class ImageFacts(Protocol):
    """What a check needs to know about one image (``validation.ImageInfo`` fits)."""

    @property
    def format(self) -> str: ...  # Qt's name, decided from content: "jpeg", "png", "webp"…
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def size_bytes(self) -> int: ...


@dataclass(frozen=True)
class VideoFacts:
    """What is known about a source video, read from the file before anything is uploaded."""

    container: str  # "mp4", "mov", or what else the file is
    codec: str  # "h264", "hevc", "mpeg4", "av1"…
    duration: float  # seconds
    width: int
    height: int
    fps: float
    size_bytes: int
    has_audio: bool = False


def errors(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


def check_body(body: Mapping[str, Any]) -> list[Problem]:
    """Problems of the JSON body alone (types, counts, ranges, fields the route does not take)."""
    route = route_for(str(body.get("model")))
    if route is None:
        return [
            Problem(
                "model",
                translate("RouteRules", "Unknown model {model}.").format(model=repr(body.get("model"))),
            )
        ]
    problems = _unaccepted_fields(route, body)
    problems += _prompt_problems(route, body)
    problems += _image_url_problems(route, body)
    problems += _video_url_problems(route, body)
    problems += _setting_problems(route, body)
    return problems


def _unaccepted_fields(route: Route, body: Mapping[str, Any]) -> list[Problem]:
    known = {"model", "prompt", "image_urls", "video_urls", "video_url", "video", "quality"}
    known |= {"duration", "aspect_ratio", "seed", "callback_url", "keep_original_sound"}
    messages = {
        "duration": translate(
            "RouteRules",
            "{model} does not take a duration: the video is as long as its source (at most 15 s).",
        ),
        "aspect_ratio": translate(
            "RouteRules", "{model} does not take an aspect ratio: the video keeps the shape of its input."
        ),
        "image_urls": translate("RouteRules", "{model} does not take images."),
        "keep_original_sound": translate(
            "RouteRules", "{model} does not take keep_original_sound (video-edit only)."
        ),
    }
    problems = []
    for name in sorted(known & body.keys() - route.fields):
        text = messages.get(name) or translate("RouteRules", "{model} does not take {field}.")
        problems.append(Problem(name, text.format(model=route.model, field=name)))
    return problems


def _prompt_problems(route: Route, body: Mapping[str, Any]) -> list[Problem]:
    prompt = body.get("prompt")
    if prompt is None or (isinstance(prompt, str) and not prompt.strip()):
        if route.prompt_required:
            return [
                Problem(
                    "prompt", translate("RouteRules", "{model} needs a prompt.").format(model=route.model)
                )
            ]
        return []
    if not isinstance(prompt, str):
        return [Problem("prompt", translate("RouteRules", "The prompt must be text."))]
    problems = []
    excess = check_prompt(prompt).message
    if excess:
        problems.append(Problem("prompt", excess, Severity.WARNING))
    rule, urls = route.images, body.get("image_urls")
    if (
        rule
        and rule.names_in_prompt
        and isinstance(urls, list)
        and rule.min_count <= len(urls) <= rule.max_count
    ):
        problems += check_character_references(prompt, len(urls))  # (a bad image list is its own problem)
    return problems


def check_character_references(prompt: str, image_count: int) -> list[Problem]:
    """Reference-to-video names image N ``characterN``: a name without an image is an error, an image
    nobody names a warning (the model may mix the characters up)."""
    named = {int(n) for n in _CHARACTER.findall(prompt)}
    problems = []
    for number in sorted(n for n in named if not 1 <= n <= image_count):
        problems.append(
            Problem(
                "prompt",
                RouteRules.tr(
                    "The prompt names character{number}, but there are only %n reference images.",
                    "",
                    image_count,
                ).format(number=number),
            )
        )
    for number in range(1, image_count + 1):
        if number not in named:
            problems.append(
                Problem(
                    "prompt",
                    translate(
                        "RouteRules",
                        "Reference image {number} is never named: write character{number} in the prompt.",
                    ).format(number=number),
                    Severity.WARNING,
                )
            )
    return problems


def _is_http_url(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def _image_url_problems(route: Route, body: Mapping[str, Any]) -> list[Problem]:
    rule = route.images
    urls = body.get("image_urls")
    if rule is None or (urls is None and rule.min_count == 0):
        return []
    if not isinstance(urls, list) or not rule.min_count <= len(urls) <= rule.max_count:
        if rule.min_count == rule.max_count:
            text = RouteRules.tr("image_urls must hold exactly %n image URLs.", "", rule.min_count)
        else:
            text = translate("RouteRules", "image_urls must hold {min} to {max} image URLs.").format(
                min=rule.min_count, max=rule.max_count
            )
        return [Problem("image_urls", text)]
    bad = [i + 1 for i, url in enumerate(urls) if not _is_http_url(url)]
    if bad:
        return [
            Problem(
                "image_urls",
                translate("RouteRules", "Image {numbers} is not an http(s) URL.").format(
                    numbers=", ".join(map(str, bad))
                ),
            )
        ]
    return []


def video_url(body: Mapping[str, Any]) -> object:
    """The source video of a video-edit body: ``video_urls[0]``, else the ``video_url``/``video`` aliases."""
    urls = body.get("video_urls")
    if isinstance(urls, list) and urls:
        return urls[0]
    return body.get("video_url", body.get("video"))


def _video_url_problems(route: Route, body: Mapping[str, Any]) -> list[Problem]:
    if route.video is None:
        return []
    urls = body.get("video_urls")
    if urls is not None and (not isinstance(urls, list) or len(urls) != 1):
        return [Problem("video_urls", translate("RouteRules", "video_urls must hold exactly one video URL."))]
    url = video_url(body)
    if url is None:
        return [
            Problem(
                "video_urls",
                translate("RouteRules", "{model} needs a source video in video_urls.").format(
                    model=route.model
                ),
            )
        ]
    if not _is_http_url(url):
        return [Problem("video_urls", translate("RouteRules", "The source video is not an http(s) URL."))]
    return []


def _setting_problems(route: Route, body: Mapping[str, Any]) -> list[Problem]:
    problems = []
    quality = body.get("quality", route.default_quality)
    if quality not in route.qualities:
        text = translate("RouteRules", "Quality must be one of {qualities}, not {quality}.").format(
            qualities=", ".join(route.qualities), quality=repr(quality)
        )
        problems.append(Problem("quality", text))
    if route.duration is not None and "duration" in body:
        rule = route.duration
        if problem := check_duration(body["duration"], rule.minimum, rule.maximum):
            problems.append(Problem("duration", problem))
    if route.aspect_ratios and "aspect_ratio" in body and body["aspect_ratio"] not in route.aspect_ratios:
        text = translate("RouteRules", "The aspect ratio must be one of {ratios}, not {ratio}.").format(
            ratios=", ".join(route.aspect_ratios), ratio=repr(body["aspect_ratio"])
        )
        problems.append(Problem("aspect_ratio", text))
    if problem := check_seed(body.get("seed")):
        problems.append(Problem("seed", problem))
    callback = body.get("callback_url")
    if callback is not None and not isinstance(callback, str):
        problems.append(Problem("callback_url", translate("RouteRules", "The callback URL must be text.")))
    elif problem := check_callback_url(callback):
        problems.append(Problem("callback_url", problem))
    sound = body.get("keep_original_sound")
    if route.keep_original_sound and sound is not None and not isinstance(sound, bool):
        problems.append(
            Problem(
                "keep_original_sound", translate("RouteRules", "keep_original_sound must be true or false.")
            )
        )
    return problems
