"""What the simulator learns from a new task's media, and the demo video it renders for it.

A request that passes the body checks is accepted (and billed); its images and video are then looked
at like the real service does, and media that break the route's rules make the task *fail* with the
documented failure codes (and its credits return), rather than refuse the request:

* an image that cannot be fetched or read, or in a format the route refuses → ``image_processing_error``;
* an image of the wrong size or shape → ``image_dimension_mismatch``;
* a source video that breaks a rule (or cannot be read) → ``invalid_parameters``.

Video-edit is billed on the source's length, so the video is read when the task is created; one the
simulator does not reach (a non-loopback URL) counts as a 5 s clip.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from happyhorse_desktop.media_rules import check_image, check_video
from happyhorse_desktop.route_rules import errors, video_url
from happyhorse_desktop.routes import QUALITY_SHORT_SIDE, ROUTES, Mode, Route, aspect_value
from happyhorse_desktop.sandbox.media import NotFetched
from happyhorse_desktop.sandbox.render_plan import RenderJob, RenderSettings, motion_seed, output_size
from happyhorse_desktop.validation import check_image_bytes

if TYPE_CHECKING:
    from pathlib import Path

    from happyhorse_desktop.sandbox.media import MediaStore
    from happyhorse_desktop.sandbox.world import SimTask, SimWorld

ASSUMED_VIDEO_SECONDS = 5.0
ASSUMED_VIDEO_SIZE = (1280, 720)


@dataclass
class Inspection:
    """The media of one request as the simulator saw them."""

    failure: tuple[str, str] | None = None  # (task error code, message) when the task must fail
    picture: bytes | None = None  # the picture the demo video starts from
    picture_size: tuple[int, int] | None = None
    video_url: str | None = None
    video_path: Path | None = None
    input_seconds: float = ASSUMED_VIDEO_SECONDS
    video_size: tuple[int, int] = ASSUMED_VIDEO_SIZE


def inspect_media(world: SimWorld, route: Route, body: Mapping[str, Any]) -> Inspection:
    inspection = Inspection()
    urls = body.get("image_urls") or []
    if route.images is not None and urls:
        _inspect_images(world, route, urls, inspection)
    if route.video is not None:
        url = str(video_url(body))
        inspection.video_url = url
        video = world.fetch_video(url)
        if not isinstance(video, NotFetched):
            if video.facts is not None:
                inspection.input_seconds = video.facts.duration
                inspection.video_size = (video.facts.width, video.facts.height)
            inspection.video_path = video.path
            problems = errors(check_video(route, video.facts))
            if problems and inspection.failure is None:
                inspection.failure = ("invalid_parameters", problems[0].message)
    return inspection


def _inspect_images(world: SimWorld, route: Route, urls: list[str], inspection: Inspection) -> None:
    rule = route.images
    assert rule is not None
    for index, url in enumerate(urls):
        fetched = world.media.fetch_image(url, world.port)
        if isinstance(fetched, NotFetched):
            continue
        info = fetched.info
        if info is not None and index == 0:
            inspection.picture = fetched.data
            inspection.picture_size = (info.width, info.height)
        if inspection.failure is not None:
            continue
        if fetched.data is None:
            inspection.failure = ("image_processing_error", "The image URL could not be fetched.")
        elif info is None or info.format not in rule.formats:
            inspection.failure = ("image_processing_error", "Unsupported image format.")
        elif info.truncated:
            inspection.failure = ("image_processing_error", "The image file is cut off.")
        elif problems := errors(check_image(route, info, index, len(urls))):
            too_big = info.size_bytes > rule.max_bytes
            code = "invalid_parameters" if too_big else "image_dimension_mismatch"
            inspection.failure = (code, problems[0].message)


def render_job(
    media: MediaStore, route: Route, task: SimTask, inspection: Inspection, settings: RenderSettings
) -> RenderJob:
    """The demo video of a task: its own picture (or video, or prompt) at its quality and shape."""
    short_side = settings.short_side or QUALITY_SHORT_SIDE.get(task.quality, 720)
    if route.mode is Mode.IMAGE and inspection.picture_size:
        aspect = inspection.picture_size[0] / inspection.picture_size[1]
    elif route.mode is Mode.EDIT:
        aspect = inspection.video_size[0] / inspection.video_size[1]
    else:
        aspect = aspect_value(task.aspect_ratio or "16:9")
    width, height = output_size(short_side, aspect)
    seconds = float(task.duration)
    if settings.max_seconds is not None:
        seconds = min(seconds, settings.max_seconds)
    return RenderJob(
        task_id=task.id,
        output=media.scratch("render") / f"{task.id}.mp4",
        width=width,
        height=height,
        fps=settings.fps,
        seconds=seconds,
        seed=motion_seed(task.seed, task.id),
        picture=inspection.picture,
        video_path=inspection.video_path if route.mode is Mode.EDIT else None,
        text=task.prompt or task.id,
        edited=route.mode is Mode.EDIT,
    )


def kept_task_job(
    media: MediaStore, task: SimTask, picture: bytes | None, settings: RenderSettings
) -> RenderJob:
    """The demo video of a task kept from an earlier start, made again from the picture the ledger kept
    (a video to edit is not kept: its take starts from the prompt's words instead)."""
    info = check_image_bytes(picture).info if picture else None
    inspection = Inspection(picture=picture, picture_size=(info.width, info.height) if info else None)
    return render_job(media, ROUTES[task.model], task, inspection, settings)
