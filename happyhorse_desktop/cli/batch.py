"""``happyhorse-cli batch FILE.csv`` (queue a batch, optionally wait for it) and ``happyhorse-cli
ledger`` (what was spent, per day, week or month) — on the history, queue and caps the window uses.

``batch`` checks every row first (pictures included) and refuses the whole file, one line per bad row
and exit 2, before anything is queued.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path

from happyhorse_desktop.api.models import DEFAULT_MODEL, MODELS, QUALITIES
from happyhorse_desktop.cli.arguments import add_switches
from happyhorse_desktop.cli.output import Cli, record_json, say
from happyhorse_desktop.cli.queue_commands import drain
from happyhorse_desktop.engine import Engine
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.routes import ASPECTS_1_1
from happyhorse_desktop.tasks.budget import LEDGER_CSV_HEADER, Period, ledger, write_ledger_csv
from happyhorse_desktop.tasks.queue_messages import credits_and_dollars
from happyhorse_desktop.tasks.queue_state import MAX_CONCURRENCY, MIN_CONCURRENCY
from happyhorse_desktop.tasks.takes import Defaults, check
from happyhorse_desktop.tasks.takes_csv import CSV_COLUMNS, IMAGE_SEPARATOR, CsvError, read_csv

COMMANDS = ("batch", "ledger")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    batch = sub.add_parser(
        "batch",
        help=translate(
            "Cli",
            "queue every take of a CSV file (columns {columns}; several pictures in a cell: {separator})",
        ).format(columns=",".join(CSV_COLUMNS), separator=IMAGE_SEPARATOR),
    )
    batch.add_argument("csv", metavar="FILE.csv")
    batch.add_argument(
        "--concurrency",
        type=int,
        help=translate("Cli", "tasks running at once, 1-10 (a shared setting: the window uses it too)"),
    )
    batch.add_argument("--budget", type=float, help=translate("Cli", "credits this batch may spend at most"))
    batch.add_argument("--name", help=translate("Cli", "the batch's name (default: the file's name)"))
    batch.add_argument(
        "--model", default=DEFAULT_MODEL, choices=list(MODELS), help=translate("Cli", "for empty cells")
    )
    batch.add_argument(
        "--quality", default="720p", choices=list(QUALITIES), help=translate("Cli", "for empty cells")
    )
    batch.add_argument(
        "--duration", type=int, default=5, help=translate("Cli", "for empty cells, 3-15 seconds")
    )
    batch.add_argument(
        "--aspect-ratio",
        choices=list(ASPECTS_1_1),
        help=translate("Cli", "for empty cells of text- and reference-to-video rows (default 16:9)"),
    )
    add_switches(
        batch,
        {
            "--keep-original-sound": translate("Cli", "for empty cells of video-edit rows"),
            "--wait": translate("Cli", "wait until every take is finished and saved"),
            "--json": translate("Cli", "print the batch's takes as JSON"),
        },
    )

    led = sub.add_parser(
        "ledger", help=translate("Cli", "credits spent per day, week or month, model and quality")
    )
    led.add_argument("--by", choices=[p.value for p in Period], default=Period.DAY.value)
    led.add_argument("--csv", metavar="FILE", help=translate("Cli", "write the ledger to a CSV file"))


async def run(engine: Engine, args: argparse.Namespace) -> int:
    if args.command == "ledger":
        return _ledger(engine, args)
    return await _batch(engine, args)


async def _batch(engine: Engine, args: argparse.Namespace) -> int:
    from happyhorse_desktop.cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

    def refuse(problem: str) -> int:
        say(translate("Cli", "error: {problem}").format(problem=problem))
        return EXIT_USAGE

    if args.concurrency is not None and not MIN_CONCURRENCY <= args.concurrency <= MAX_CONCURRENCY:
        return refuse(translate("Cli", "--concurrency must be between 1 and 10."))
    if args.budget is not None and args.budget <= 0:
        return refuse(translate("Cli", "--budget must be a positive number of credits."))
    if args.wait and engine.key_problem():
        return refuse(engine.key_problem() or "")
    path = Path(args.csv)
    try:
        defaults = Defaults(
            args.model, args.quality, args.duration, args.aspect_ratio, args.keep_original_sound
        )
        drafts = await asyncio.to_thread(read_csv, path, defaults)
    except CsvError as exc:
        return refuse(f"{path.name}: {exc}")
    await asyncio.to_thread(check, drafts)
    bad = [d for d in drafts if not d.ok]
    if bad:
        for draft in bad:
            say(translate("Cli", "error: {line}").format(line=draft.describe()))
        say(Cli.tr("Nothing was queued: {bad} of %n rows need fixing.", "", len(drafts)).format(bad=len(bad)))
        return EXIT_USAGE
    for draft in drafts:
        for warning in draft.warnings:
            say(translate("Cli", "warning: {origin}: {message}").format(origin=draft.origin, message=warning))
    queue = engine.manager.queue
    if args.concurrency is not None:
        settings = queue.sql.settings()
        settings.concurrency = args.concurrency
        queue.save_settings(settings)
    takes = [d.params for d in drafts]
    batch, ids = queue.enqueue(takes, name=args.name or path.stem, budget=args.budget, origin="cli")
    total = sum(d.credits for d in drafts)
    say(
        Cli.tr("Queued %n takes as batch {batch} “{name}” ({credits} estimated).", "", len(ids)).format(
            batch=batch.id, name=batch.name, credits=credits_and_dollars(total)
        )
    )
    if not args.wait:
        say(translate("Cli", "The app, `happyhorse-cli queue run` or `batch --wait` sends them."))
        if args.json:
            print(json.dumps([record_json(r) for r in engine.store.get_many(ids)], indent=2, default=str))
        return EXIT_OK
    try:
        return await drain(engine, batch.id, as_json=args.json)
    except asyncio.CancelledError:
        return EXIT_INTERRUPTED


def _ledger(engine: Engine, args: argparse.Namespace) -> int:
    from happyhorse_desktop.cli import EXIT_OK

    lines = ledger(engine.store.connection, Period(args.by), time.time())
    if args.csv:
        write_ledger_csv(lines, Path(args.csv))
        say(Cli.tr("Wrote %n lines to {path}.", "", len(lines)).format(path=args.csv))
        return EXIT_OK
    if not lines:
        print(translate("Cli", "Nothing spent yet."))
        return EXIT_OK
    row = "{:<10}  {:<32}  {:<7}  {:>5}  {:>16}  {:>16}"
    print(row.format(*LEDGER_CSV_HEADER))
    for item in lines:
        money = (format_credits(item.held), format_credits(item.charged))
        print(row.format(item.period, item.model, item.quality, item.tasks, *money))
    return EXIT_OK
