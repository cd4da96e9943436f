"""``happyhorse-cli send ID [--wait]`` and ``happyhorse-cli discard ID``: what to do with a task that was
interrupted (Ctrl-C) before it was sent — the terminal's "Submit now" and "Discard".

Such a row is never sent by any process on its own (the user stopped it before anything was charged);
these commands are how a terminal user decides. ``send`` stays until the POST is answered, so the
task id is in the history before the command ends, also without ``--wait``.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING

from happyhorse_desktop.cli.exits import EXIT_OK, EXIT_USAGE
from happyhorse_desktop.cli.output import say
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.tasks.status import TaskStatus

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine
    from happyhorse_desktop.tasks.record import TaskRecord

COMMANDS = ("send", "discard")


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    send = sub.add_parser(
        "send", help=translate("Cli", "send a task that was interrupted before it was sent (“Submit now”)")
    )
    send.add_argument("id", help=translate("Cli", "a local id (1, 2…) or an EvoLink task id"))
    send.add_argument("--wait", action="store_true", help=translate("Cli", "wait until the video is saved"))
    send.add_argument("--json", action="store_true", help=translate("Cli", "print the task as JSON"))
    discard = sub.add_parser(
        "discard", help=translate("Cli", "remove a task that was interrupted before it was sent")
    )
    discard.add_argument("id", help=translate("Cli", "a local id (1, 2…) or an EvoLink task id"))


def _interrupted_row(engine: Engine, ref: str) -> TaskRecord | None:
    """The interrupted row ``ref`` names, or None after saying why it is not one."""
    record = engine.store.find(ref)
    if record is None:
        say(translate("Cli", "error: no task {id} in the history").format(id=repr(ref)))
        return None
    if record.status != TaskStatus.INTERRUPTED:
        text = translate("Cli", "error: task {id} was not interrupted before it was sent; nothing to do.")
        say(text.format(id=record.id))
        return None
    return record


def _held_elsewhere() -> int:
    say(translate("Cli", "error: another HappyHorse window or command is working on this task."))
    return EXIT_USAGE


async def run(engine: Engine, args: argparse.Namespace) -> int:
    from happyhorse_desktop.cli import follow_sent, keep_to_own_work, report_interruption

    record = _interrupted_row(engine, args.id)
    if record is None:
        return EXIT_USAGE
    if args.command == "discard":
        if not engine.manager.remove(record.id):
            return _held_elsewhere()
        say(translate("Cli", "Task {id} discarded; nothing was charged.").format(id=record.id))
        return EXIT_OK
    keep_to_own_work(engine, wait=args.wait)
    job = engine.manager.send_interrupted(record.id)
    if job is None:
        return _held_elsewhere()
    try:
        await asyncio.shield(job)  # the POST is answered (or known unsent) before anything else
        return await follow_sent(engine, record.id, wait=args.wait, as_json=args.json)
    except asyncio.CancelledError:
        return await report_interruption(engine, record.id)
