"""``happyhorse-cli import-account [--wait] [--json]``: save the account's other HappyHorse videos (made in
EvoLink's playground, say) before their 24-hour links expire.

Without ``--wait`` the rows are written and left for the app (or a later ``import-account --wait``) to
save; with it, this process saves them and waits. What is said goes to stderr; ``--json`` prints the
imported rows on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import TYPE_CHECKING, Any

from happyhorse_desktop import formatting
from happyhorse_desktop.cli.arguments import add_switches
from happyhorse_desktop.cli.exits import EXIT_OK, EXIT_REFUSED, EXIT_TASK_FAILED
from happyhorse_desktop.cli.output import Cli, line, record_json, say
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.tasks.account_import import (
    AccountImporter,
    AccountListing,
    AccountTask,
    ListingUnavailable,
)
from happyhorse_desktop.tasks.manager import Adoption
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.vocabulary import model_label

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine

WAIT_STEP = 0.2


def add_parser(sub: Any) -> None:
    command = sub.add_parser(
        "import-account",
        help=translate("Cli", "save the account's other HappyHorse videos (made in EvoLink's playground…)"),
    )
    add_switches(
        command,
        {
            "--wait": translate("Cli", "save the videos now and wait until they are saved"),
            "--json": translate("Cli", "print the imported tasks as JSON"),
        },
    )


def when_text(task: AccountTask) -> str:
    """How long a task's link lives on, or why it is not imported."""
    if task.held_back_for is not None:
        return translate(
            "Cli", "held back: it may be task {id}, whose submission's outcome is unknown (see `show {id}`)"
        ).format(id=task.held_back_for)
    if task.hours_left is None:
        return translate("Cli", "still running")
    text = translate("Cli", "about {hours} h left").format(hours=formatting.number(task.hours_left, 1))
    if task.expiring_soon:
        text += " — " + translate("Cli", "WARNING: its link expires within 3 hours")
    return text


def describe(listing: AccountListing) -> None:
    for task in listing.tasks:
        say(f"  {task.task.id}  {model_label(task.task.model or '')}  {when_text(task)}")
    for count, text in (
        (listing.in_history, translate("Cli", "{count} already in your history")),
        (listing.other_models, translate("Cli", "{count} of other models (not imported)")),
        (listing.without_video, translate("Cli", "{count} ended without a video")),
        (listing.expired, translate("Cli", "{count} whose 24-hour link has lapsed")),
    ):
        if count:
            say("  " + text.format(count=count))


async def _wait_all(engine: Engine, task_ids: list[int]) -> list[TaskRecord]:
    """Until every imported row has its video saved or has ended without one."""

    def done(record: TaskRecord | None) -> bool:
        return record is None or bool(record.video_path) or (record.is_final and record.status != "completed")

    while not all(done(engine.store.get(i)) for i in task_ids):
        await asyncio.sleep(WAIT_STEP)
    return [r for r in (engine.store.get(i) for i in task_ids) if r is not None]


async def run(engine: Engine, args: argparse.Namespace) -> int:
    # Without --wait this process leaves at once: it must not take up anyone else's work.
    engine.manager.start(Adoption.FOLLOW if args.wait else Adoption.NONE)
    importer = AccountImporter(engine.manager, lambda: engine.client)
    try:
        listing = await importer.find()
    except ListingUnavailable as exc:
        say(str(exc))
        return EXIT_REFUSED
    describe(listing)
    task_ids = await importer.save(listing.importable, work=args.wait)
    if not task_ids:
        say(translate("Cli", "Nothing to import."))
    elif args.wait:
        say(Cli.tr("Saving %n videos…", "", len(task_ids)))
    else:
        say(
            Cli.tr(
                "%n tasks added to the history; the app (or `happyhorse-cli import-account --wait`) "
                "saves their videos.",
                "",
                len(task_ids),
            )
        )
    records = await _wait_all(engine, task_ids) if args.wait else engine.store.get_many(task_ids)
    if args.json:
        print(json.dumps([record_json(r) for r in records], indent=2, default=str, ensure_ascii=False))
    else:
        for record in records:
            print(line(record))
    unsaved = [r for r in records if args.wait and r.status == TaskStatus.COMPLETED and not r.video_path]
    failed = [r for r in records if r.is_final and r.status != TaskStatus.COMPLETED]
    return EXIT_TASK_FAILED if unsaved or failed else EXIT_OK
