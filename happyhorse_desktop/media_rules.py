"""Route-level checks of a request's media: each image, and the source video, against the route's rules
(:mod:`happyhorse_desktop.routes`), from what is read in the files before anything is uploaded; and
:func:`check_request`, every problem of a request (its body checked by
:mod:`happyhorse_desktop.route_rules`, then its media).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.route_rules import ImageFacts, Problem, Severity, VideoFacts, check_body
from happyhorse_desktop.routes import ImageRule, Route, route_for

MB = 1024 * 1024


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
