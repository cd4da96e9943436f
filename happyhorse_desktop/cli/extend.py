"""``happyhorse-cli extend ID [--prompt TEXT] [--wait]``: continue a finished take from its last frame.

The sharpest frame of the take's last ~0.5 s becomes the first frame of a new image-to-video take with
the same quality and duration (and prompt, unless ``--prompt`` gives another); the new take continues
the chain (its parent is ID).
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING

from happyhorse_desktop.cli.output import print_record, say
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media.progress import MediaError
from happyhorse_desktop.pricing import estimate_credits, format_credits
from happyhorse_desktop.tasks.chains import prepare_continuation
from happyhorse_desktop.tasks.manager import Adoption
from happyhorse_desktop.tasks.params import InvalidSubmission

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine

EXIT_USAGE = 2


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    extend = sub.add_parser("extend", help=translate("Cli", "continue a finished take from its last frame"))
    extend.add_argument("id", help=translate("Cli", "a local id (1, 2…) or an EvoLink task id"))
    extend.add_argument(
        "--prompt", default=None, help=translate("Cli", "the new take's prompt (default: the same)")
    )
    extend.add_argument("--wait", action="store_true", help=translate("Cli", "wait until the video is saved"))
    extend.add_argument("--json", action="store_true", help=translate("Cli", "print the task as JSON"))


async def run(engine: Engine, args: argparse.Namespace) -> int:
    from happyhorse_desktop.cli import _exit_for, _input_problems, _interrupted, _wait

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
            seconds=f"{continuation.frame.time:.2f}", path=continuation.frame.path
        )
    )
    problems = _input_problems(params)
    if problems:
        for problem in problems:
            say(translate("Cli", "error: {problem}").format(problem=problem))
        return EXIT_USAGE
    estimate = format_credits(estimate_credits(params.model, params.quality, params.duration))
    say(translate("Cli", "Submitting ({credits} credits estimated)…").format(credits=estimate))
    engine.manager.start(Adoption.FOLLOW if args.wait else Adoption.NONE)
    added: list[int] = []
    engine.manager.sig_task_added.connect(added.append)
    try:
        new = await engine.manager.submit(params)
        if new.server_id:
            say(translate("Cli", "Task {id} submitted as {task}.").format(id=new.id, task=new.server_id))
        if args.wait and new.server_id:
            new = await _wait(engine, new.id)
    except InvalidSubmission as exc:
        say(translate("Cli", "error: {problem}").format(problem=exc))
        return EXIT_USAGE
    except asyncio.CancelledError:
        return await _interrupted(engine, added[0] if added else None)
    print_record(new, args.json)
    return _exit_for(new)
