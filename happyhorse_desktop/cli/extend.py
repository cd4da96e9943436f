"""``happyhorse-cli extend ID [--prompt TEXT] [--wait]``: continue a finished take from its last frame.

The sharpest frame of the take's last ~0.5 s becomes the first frame of a new image-to-video take with
the same quality and duration (and prompt, unless ``--prompt`` gives another); the new take continues
the chain (its parent is ID).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING

from happyhorse_desktop import formatting
from happyhorse_desktop.cli.exits import EXIT_USAGE
from happyhorse_desktop.cli.output import say
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media.progress import MediaError
from happyhorse_desktop.tasks.chains import prepare_continuation

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    extend = sub.add_parser("extend", help=translate("Cli", "continue a finished take from its last frame"))
    extend.add_argument("id", help=translate("Cli", "a local id (1, 2…) or an EvoLink task id"))
    extend.add_argument(
        "--prompt", default=None, help=translate("Cli", "the new take's prompt (default: the same)")
    )
    extend.add_argument("--wait", action="store_true", help=translate("Cli", "wait until the video is saved"))
    extend.add_argument("--json", action="store_true", help=translate("Cli", "print the task as JSON"))


async def run(engine: Engine, args: argparse.Namespace) -> int:
    from happyhorse_desktop.cli import submit_and_follow

    record = engine.store.find(args.id)
    if record is None:
        say(translate("Cli", "error: no task {id} in the history").format(id=repr(args.id)))
        return EXIT_USAGE
    try:
        continuation = await prepare_continuation(engine.store, record.id)
    except MediaError as exc:
        say(translate("Cli", "error: {problem}").format(problem=exc))
        return EXIT_USAGE
    params = continuation.params
    if args.prompt is not None:
        params = replace(params, prompt=args.prompt)
    say(
        translate("Cli", "Continuing from the frame at {seconds} s ({path}).").format(
            seconds=formatting.number(continuation.frame.time, 2), path=continuation.frame.path
        )
    )
    for warning in params.warnings():
        say(translate("Cli", "warning: {message}").format(message=warning))
    return await submit_and_follow(engine, params, wait=args.wait, as_json=args.json)
