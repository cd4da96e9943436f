"""``happyhorse-cli submit``'s inputs for every route: the options, and the request they make.

Every combination is checked before anything is written or sent: an option the chosen route does not
take is refused in the terminal's own terms (``--video`` without video-edit, ``--duration`` with it…),
files are read the way the window reads them (pictures by their headers, videos by their boxes, against
the route's rules), and what the route would merely suffer from is a warning.
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from happyhorse_desktop.api.models import DEFAULT_MODEL, QUALITIES
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media_rules import check_video
from happyhorse_desktop.routes import FIRST_FRAME, ROUTES, Route
from happyhorse_desktop.tasks.params import SubmitParams, edit_output_seconds
from happyhorse_desktop.tasks.record import is_url
from happyhorse_desktop.validation import check_image_file
from happyhorse_desktop.videofile import read_video_facts


def add_submit_options(submit: argparse.ArgumentParser) -> None:
    # Long on purpose: the flat list of the options, in the order `--help` shows them.
    submit.add_argument(
        "image",
        metavar="IMAGE_OR_URL",
        nargs="?",
        help=translate("Cli", "the first frame of the video (image-to-video)"),
    )
    submit.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        choices=list(ROUTES),
        metavar="MODEL",
        help=translate("Cli", "the route (default {model}): {models}").format(
            model=DEFAULT_MODEL, models=", ".join(ROUTES)
        ),
    )
    submit.add_argument(
        "--prompt", default="", help=translate("Cli", "what should happen in the video (or the edit)")
    )
    submit.add_argument(
        "--image",
        dest="images",
        action="append",
        default=[],
        metavar="IMAGE_OR_URL",
        help=translate(
            "Cli",
            "a picture; repeat it for reference-to-video (character1, character2… in this order, up to 9) "
            "or for video-edit's references (up to 5)",
        ),
    )
    submit.add_argument(
        "--video",
        default=None,
        help=translate("Cli", "the video to edit: an MP4 or MOV file, or an http(s) URL"),
    )
    submit.add_argument(
        "--aspect-ratio",
        default=None,
        help=translate(
            "Cli", "text- and reference-to-video: 16:9 (default), 9:16, 1:1, 4:3, 3:4; 1.1 also 4:5…"
        ),
    )
    submit.add_argument(
        "--keep-original-sound",
        action="store_true",
        help=translate("Cli", "video-edit: keep the source's sound instead of new audio"),
    )
    submit.add_argument(
        "--quality", default="720p", choices=list(QUALITIES), help=translate("Cli", "the resolution")
    )
    submit.add_argument(
        "--duration",
        type=int,
        default=None,
        help=translate("Cli", "seconds, 3-15 (default 5); video-edit takes none"),
    )
    submit.add_argument(
        "--seed", type=int, default=None, help=translate("Cli", "1-2147483647; random when omitted")
    )
    submit.add_argument(
        "--callback-url",
        default=None,
        help=translate("Cli", "an https address EvoLink calls when the task ends"),
    )


@dataclass
class Submission:
    params: SubmitParams
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _option_problems(route: Route, args: argparse.Namespace, images: list[str]) -> list[str]:
    """Options the route does not take at all, in the terminal's terms."""
    model, problems = route.model, []
    if images and route.images is None:
        problems.append(
            translate("Cli", "{model} takes no pictures (IMAGE_OR_URL, --image).").format(model=model)
        )
    if args.video and route.video is None:
        problems.append(
            translate("Cli", "{model} takes no video; edit one with --model {edit}.").format(
                model=model, edit=next(r.model for r in ROUTES.values() if r.video is not None)
            )
        )
    if args.aspect_ratio and not route.aspect_ratios:
        problems.append(
            translate(
                "Cli", "{model} takes no --aspect-ratio: the video keeps the shape of its input."
            ).format(model=model)
        )
    if args.duration is not None and route.duration is None:
        problems.append(
            translate(
                "Cli",
                "{model} takes no --duration: the result is as long as its source video (at most 15 s).",
            ).format(model=model)
        )
    if args.keep_original_sound and not route.keep_original_sound:
        problems.append(translate("Cli", "--keep-original-sound is for video-edit only."))
    return problems


def _image_checks(route: Route, images: list[str], submission: Submission) -> None:
    rule = route.images or FIRST_FRAME
    for source in images:
        if is_url(source):
            continue
        check = check_image_file(source, rule)
        # With several pictures, each problem says which one it is about.
        prefix = f"{Path(source).name}: " if len(images) > 1 else ""
        submission.problems += [prefix + p for p in check.problems]
        submission.warnings += [prefix + w for w in check.warnings]


async def read_submission(args: argparse.Namespace) -> Submission:
    """The request the options describe, with every problem and warning found before sending."""
    route = ROUTES[args.model]
    images = [*([args.image] if args.image else []), *args.images]
    problems = _option_problems(route, args, images)
    taken_images = images if route.images is not None else []
    duration = args.duration if args.duration is not None else 5
    input_seconds: float | None = None
    warnings: list[str] = []
    video = args.video if route.video is not None else None
    if video and not is_url(video):
        facts = await asyncio.to_thread(read_video_facts, video)  # boxes, or Qt's decoder: off the loop
        found = check_video(route, facts)
        problems += [p.message for p in found if p.blocking]
        warnings += [p.message for p in found if not p.blocking]
        if facts is not None:
            input_seconds, duration = facts.duration, edit_output_seconds(route, facts.duration)
    elif route.duration is None:
        duration = 5  # unknown until EvoLink reads the video at its URL
    params = SubmitParams(
        images=tuple(taken_images),
        prompt=args.prompt,
        model=args.model,
        quality=args.quality,
        duration=duration,
        seed=args.seed,
        callback_url=args.callback_url,
        video=video,
        aspect_ratio=args.aspect_ratio if route.aspect_ratios else None,
        keep_original_sound=args.keep_original_sound and route.keep_original_sound,
        input_seconds=input_seconds,
    )
    submission = Submission(params, [*problems, *params.problems()], [*params.warnings(), *warnings])
    await asyncio.to_thread(_image_checks, route, taken_images, submission)
    return submission
