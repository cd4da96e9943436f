"""Route-level checks of a generation request: given the body and what is known about its media, the
exact list of problems, each naming the API field it concerns.

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

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import Context, translate
from happyhorse_desktop.routes import ImageRule, Route, route_for
from happyhorse_desktop.validation import (
    check_callback_url,
    check_duration,
    check_prompt,
    check_seed,
)

RouteRules = Context("RouteRules")  # the messages with a count (plural forms)
_CHARACTER = re.compile(r"character(\d+)", re.IGNORECASE)
MB = 1024 * 1024


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


def check_request(
    body: Mapping[str, Any],
    images: Sequence[ImageFacts | None] = (),
    video: VideoFacts | None = None,
) -> list[Problem]:
    """Every problem of a request: its body, its images (in ``image_urls`` order) and its video."""
    problems = check_body(body)
    route = route_for(str(body.get("model")))
    if route is not None:
        if images:
            problems += check_images(route, images)
        if video is not None:
            problems += check_video(route, video)
    return problems


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


def check_images(route: Route, images: Sequence[ImageFacts | None]) -> list[Problem]:
    """Each image against the route's image rule; ``None`` stands for an image that could not be read."""
    problems = []
    for index, info in enumerate(images):
        problems += check_image(route, info, index, len(images))
    return problems


def check_image(route: Route, info: ImageFacts | None, index: int, count: int) -> list[Problem]:
    """Image ``index`` (0-based) of ``count`` in ``image_urls`` against the route's image rule."""
    rule = route.images
    if rule is None:
        return []
    if rule.names_in_prompt:
        name = translate("RouteRules", "Character{number} image").format(number=index + 1)
    elif count == 1:
        name = translate("RouteRules", "The image")
    else:
        name = translate("RouteRules", "Image {number}").format(number=index + 1)
    if info is None:
        return [
            Problem("image_urls", translate("RouteRules", "{image} could not be read.").format(image=name))
        ]
    return _image_problems(rule, name, info)


def _image_problems(rule: ImageRule, name: str, info: ImageFacts) -> list[Problem]:
    problems = []

    def add(text: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem("image_urls", text, severity))

    size = f"{info.width}×{info.height} px"
    if info.format not in rule.formats:
        text = translate("RouteRules", "{image} is {format}; use JPEG, PNG or WEBP.")
        add(text.format(image=name, format=info.format.upper()))
    if info.size_bytes > rule.max_bytes:
        text = translate("RouteRules", "{image} is {size} MB; the limit is {limit} MB.")
        add(text.format(image=name, size=formatting.megabytes(info.size_bytes), limit=rule.max_bytes // MB))
    if rule.min_side and min(info.width, info.height) < rule.min_side:
        text = translate("RouteRules", "{image} is {size}; each side must be at least {minimum} px.")
        add(text.format(image=name, size=size, minimum=rule.min_side))
    if rule.min_short_edge and min(info.width, info.height) < rule.min_short_edge:
        text = translate("RouteRules", "{image} is {size}; its short side must be at least {minimum} px.")
        add(text.format(image=name, size=size, minimum=rule.min_short_edge))
    ratio = info.width / info.height if info.height else 0.0
    if not rule.aspect_min - 1e-9 <= ratio <= rule.aspect_max + 1e-9:
        text = translate("RouteRules", "{image} has the aspect ratio {ratio}, outside 1:2.5 … 2.5:1.").format(
            image=name, ratio=formatting.number(round(ratio, 2), 2)
        )
        add(text, Severity.ERROR if rule.aspect_enforced else Severity.WARNING)
    return problems


def check_video(route: Route, video: VideoFacts | None) -> list[Problem]:
    """The source video against the route's video rule; ``None`` for a file that could not be read."""
    # Long on purpose: one check per limit of the rule, each with its own sentence, in the rule's order.
    rule = route.video
    if rule is None:
        return []
    if video is None:
        return [
            Problem(
                "video_urls", translate("RouteRules", "The source video could not be read as MP4 or MOV.")
            )
        ]
    problems = []

    def add(text: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem("video_urls", text, severity))

    if video.container not in rule.containers:
        add(
            translate("RouteRules", "The video is {format}; use MP4 or MOV.").format(
                format=video.container.upper()
            )
        )
    if video.codec not in rule.recommended_codecs:
        text = translate("RouteRules", "The video is encoded as {codec}; H.264 is recommended.")
        add(text.format(codec=video.codec.upper()), Severity.WARNING)
    if not rule.min_seconds <= video.duration <= rule.max_seconds:
        text = translate("RouteRules", "The video lasts {seconds} s; it must last {minimum} to {maximum} s.")
        add(
            text.format(
                seconds=formatting.number(video.duration, 1),
                minimum=formatting.decimal(rule.min_seconds),
                maximum=formatting.decimal(rule.max_seconds),
            )
        )
    elif video.duration > rule.used_seconds:
        text = translate(
            "RouteRules", "Only the first {used} s of the {seconds} s video are edited (and billed)."
        )
        add(
            text.format(
                used=formatting.decimal(rule.used_seconds), seconds=formatting.number(video.duration, 1)
            ),
            Severity.WARNING,
        )
    long_edge, short_edge = max(video.width, video.height), min(video.width, video.height)
    size = f"{video.width}×{video.height}"
    if long_edge > rule.max_long_edge:
        text = translate("RouteRules", "The video is {size}; its long side must be at most {maximum} px.")
        add(text.format(size=size, maximum=rule.max_long_edge))
    if short_edge < rule.min_short_edge:
        text = translate("RouteRules", "The video is {size}; its short side must be at least {minimum} px.")
        add(text.format(size=size, minimum=rule.min_short_edge))
    ratio = video.width / video.height if video.height else 0.0
    if short_edge and not rule.aspect_min - 1e-9 <= ratio <= rule.aspect_max + 1e-9:
        text = translate("RouteRules", "The video's aspect ratio {ratio} is outside 1:2.5 … 2.5:1.")
        add(text.format(ratio=formatting.number(round(ratio, 2), 2)))
    if video.size_bytes > rule.max_bytes:
        text = translate("RouteRules", "The video is {size} MB; the limit is {limit} MB.")
        add(text.format(size=formatting.megabytes(video.size_bytes, 0), limit=rule.max_bytes // MB))
    if video.fps <= rule.min_fps_exclusive:
        text = translate("RouteRules", "The video has {fps} frames per second; it needs more than {minimum}.")
        add(
            text.format(fps=formatting.decimal(video.fps), minimum=formatting.decimal(rule.min_fps_exclusive))
        )
    return problems
