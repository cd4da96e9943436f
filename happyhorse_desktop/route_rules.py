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

from PySide6.QtCore import QCoreApplication

from happyhorse_desktop.routes import ImageRule, Route, route_for
from happyhorse_desktop.validation import (
    check_callback_url,
    check_duration,
    check_prompt,
    check_seed,
)

_CONTEXT = "RouteRules"
_CHARACTER = re.compile(r"character(\d+)", re.IGNORECASE)
MB = 1024 * 1024


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


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
        return [Problem("model", _tr("Unknown model {0!r}.").format(body.get("model")))]
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
        "duration": _tr("{0} does not take a duration: the video is as long as its source (at most 15 s)."),
        "aspect_ratio": _tr("{0} does not take an aspect ratio: the video keeps the shape of its input."),
        "image_urls": _tr("{0} does not take images."),
        "keep_original_sound": _tr("{0} does not take keep_original_sound (video-edit only)."),
    }
    problems = []
    for name in sorted(known & body.keys() - route.fields):
        text = messages.get(name, _tr("{0} does not take {1}."))
        problems.append(Problem(name, text.format(route.model, name)))
    return problems


def _prompt_problems(route: Route, body: Mapping[str, Any]) -> list[Problem]:
    prompt = body.get("prompt")
    if prompt is None or (isinstance(prompt, str) and not prompt.strip()):
        if route.prompt_required:
            return [Problem("prompt", _tr("{0} needs a prompt.").format(route.model))]
        return []
    if not isinstance(prompt, str):
        return [Problem("prompt", _tr("The prompt must be text."))]
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
                _tr("The prompt names character{0}, but there are only {1} reference images.").format(
                    number, image_count
                ),
            )
        )
    for number in range(1, image_count + 1):
        if number not in named:
            problems.append(
                Problem(
                    "prompt",
                    _tr("Reference image {0} is never named: write character{0} in the prompt.").format(
                        number
                    ),
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
            text = _tr("image_urls must hold exactly {0} image URL.").format(rule.min_count)
        else:
            text = _tr("image_urls must hold {0} to {1} image URLs.").format(rule.min_count, rule.max_count)
        return [Problem("image_urls", text)]
    bad = [i + 1 for i, url in enumerate(urls) if not _is_http_url(url)]
    if bad:
        return [
            Problem(
                "image_urls",
                _tr("Image {0} is not an http(s) URL.").format(", ".join(map(str, bad))),
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
        return [Problem("video_urls", _tr("video_urls must hold exactly one video URL."))]
    url = video_url(body)
    if url is None:
        return [Problem("video_urls", _tr("{0} needs a source video in video_urls.").format(route.model))]
    if not _is_http_url(url):
        return [Problem("video_urls", _tr("The source video is not an http(s) URL."))]
    return []


def _setting_problems(route: Route, body: Mapping[str, Any]) -> list[Problem]:
    problems = []
    quality = body.get("quality", route.default_quality)
    if quality not in route.qualities:
        text = _tr("Quality must be one of {0}, not {1!r}.").format(", ".join(route.qualities), quality)
        problems.append(Problem("quality", text))
    if route.duration is not None and "duration" in body:
        rule = route.duration
        if problem := check_duration(body["duration"], rule.minimum, rule.maximum):
            problems.append(Problem("duration", problem))
    if route.aspect_ratios and "aspect_ratio" in body and body["aspect_ratio"] not in route.aspect_ratios:
        text = _tr("The aspect ratio must be one of {0}, not {1!r}.").format(
            ", ".join(route.aspect_ratios), body["aspect_ratio"]
        )
        problems.append(Problem("aspect_ratio", text))
    if problem := check_seed(body.get("seed")):
        problems.append(Problem("seed", problem))
    callback = body.get("callback_url")
    if callback is not None and not isinstance(callback, str):
        problems.append(Problem("callback_url", _tr("The callback URL must be text.")))
    elif problem := check_callback_url(callback):
        problems.append(Problem("callback_url", problem))
    sound = body.get("keep_original_sound")
    if route.keep_original_sound and sound is not None and not isinstance(sound, bool):
        problems.append(Problem("keep_original_sound", _tr("keep_original_sound must be true or false.")))
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
        name = _tr("Character{0} image").format(index + 1)
    elif count == 1:
        name = _tr("The image")
    else:
        name = _tr("Image {0}").format(index + 1)
    if info is None:
        return [Problem("image_urls", _tr("{0} could not be read.").format(name))]
    return _image_problems(rule, name, info)


def _image_problems(rule: ImageRule, name: str, info: ImageFacts) -> list[Problem]:
    problems = []

    def add(text: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem("image_urls", text, severity))

    size = f"{info.width}×{info.height} px"
    if info.format not in rule.formats:
        add(_tr("{0} is {1}; use JPEG, PNG or WEBP.").format(name, info.format.upper()))
    if info.size_bytes > rule.max_bytes:
        megabytes = info.size_bytes / MB
        add(_tr("{0} is {1:.1f} MB; the limit is {2} MB.").format(name, megabytes, rule.max_bytes // MB))
    if rule.min_side and min(info.width, info.height) < rule.min_side:
        add(_tr("{0} is {1}; each side must be at least {2} px.").format(name, size, rule.min_side))
    if rule.min_short_edge and min(info.width, info.height) < rule.min_short_edge:
        text = _tr("{0} is {1}; its short side must be at least {2} px.")
        add(text.format(name, size, rule.min_short_edge))
    ratio = info.width / info.height if info.height else 0.0
    if not rule.aspect_min - 1e-9 <= ratio <= rule.aspect_max + 1e-9:
        text = _tr("{0} has the aspect ratio {1:.2f}, outside 1:2.5 … 2.5:1.").format(name, ratio)
        add(text, Severity.ERROR if rule.aspect_enforced else Severity.WARNING)
    return problems


def check_video(route: Route, video: VideoFacts | None) -> list[Problem]:
    """The source video against the route's video rule; ``None`` for a file that could not be read."""
    rule = route.video
    if rule is None:
        return []
    if video is None:
        return [Problem("video_urls", _tr("The source video could not be read as MP4 or MOV."))]
    problems = []

    def add(text: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem("video_urls", text, severity))

    if video.container not in rule.containers:
        add(_tr("The video is {0}; use MP4 or MOV.").format(video.container.upper()))
    if video.codec not in rule.recommended_codecs:
        text = _tr("The video is encoded as {0}; H.264 is recommended.")
        add(text.format(video.codec.upper()), Severity.WARNING)
    if not rule.min_seconds <= video.duration <= rule.max_seconds:
        add(
            _tr("The video lasts {0:.1f} s; it must last {1:g} to {2:g} s.").format(
                video.duration, rule.min_seconds, rule.max_seconds
            )
        )
    elif video.duration > rule.used_seconds:
        add(
            _tr("Only the first {0:g} s of the {1:.1f} s video are edited (and billed).").format(
                rule.used_seconds, video.duration
            ),
            Severity.WARNING,
        )
    long_edge, short_edge = max(video.width, video.height), min(video.width, video.height)
    size = f"{video.width}×{video.height}"
    if long_edge > rule.max_long_edge:
        add(_tr("The video is {0}; its long side must be at most {1} px.").format(size, rule.max_long_edge))
    if short_edge < rule.min_short_edge:
        text = _tr("The video is {0}; its short side must be at least {1} px.")
        add(text.format(size, rule.min_short_edge))
    ratio = video.width / video.height if video.height else 0.0
    if short_edge and not rule.aspect_min - 1e-9 <= ratio <= rule.aspect_max + 1e-9:
        add(_tr("The video's aspect ratio {0:.2f} is outside 1:2.5 … 2.5:1.").format(ratio))
    if video.size_bytes > rule.max_bytes:
        megabytes = video.size_bytes / MB
        add(_tr("The video is {0:.0f} MB; the limit is {1} MB.").format(megabytes, rule.max_bytes // MB))
    if video.fps <= rule.min_fps_exclusive:
        add(
            _tr("The video has {0:g} frames per second; it needs more than {1:g}.").format(
                round(video.fps, 2), rule.min_fps_exclusive
            )
        )
    return problems
