"""``happyhorse-cli``: the same engine and task history as the window, from a terminal.

Exit codes: 0 success, 2 bad input, 3 refused by EvoLink (key, credits, parameters), 4 the task failed,
its outcome is unknown or its video could not be saved, 1 the history cannot be used or anything
unexpected, 130 interrupted (Ctrl-C) with nothing left undone that the app will not pick up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence

from happyhorse_desktop import __version__, formatting, i18n
from happyhorse_desktop.api.errors import EvoLinkError
from happyhorse_desktop.cli import batch, check, extend, import_account, interrupted, queue_commands, stitch
from happyhorse_desktop.cli.exits import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_TASK_FAILED,
    EXIT_USAGE,
)
from happyhorse_desktop.cli.output import line, print_record, quiet_media_logs, record_json, say
from happyhorse_desktop.cli.submit_inputs import add_submit_options, read_submission
from happyhorse_desktop.config import load_config
from happyhorse_desktop.engine import Engine
from happyhorse_desktop.history import describe_history_error, set_aside
from happyhorse_desktop.i18n_argparse import argparse_words
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.logging_setup import setup_logging
from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.tasks.manager import Adoption
from happyhorse_desktop.tasks.params import InvalidSubmission, SubmitParams
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import HistoryError
from happyhorse_desktop.vocabulary import status_text

WAIT_STEP = 0.2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="happyhorse-cli", description=translate("Cli", "HappyHorse video generation from the terminal.")
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=translate("Cli", "show the version and exit"),
    )
    parser.add_argument(
        "--demo", action="store_true", help=translate("Cli", "use a private simulator; nothing is billed")
    )
    sub = parser.add_subparsers(dest="command", required=True)

    submit = sub.add_parser(
        "submit",
        help=translate("Cli", "submit a task on any route (a picture, a prompt, references or a video)"),
    )
    add_submit_options(submit)
    submit.add_argument("--wait", action="store_true", help=translate("Cli", "wait until the video is saved"))
    submit.add_argument("--json", action="store_true", help=translate("Cli", "print the task as JSON"))

    lst = sub.add_parser("list", help=translate("Cli", "list tasks, newest first"))
    lst.add_argument("--limit", type=int, default=20, help=translate("Cli", "how many tasks to list"))
    lst.add_argument("--json", action="store_true", help=translate("Cli", "print the tasks as JSON"))

    show = sub.add_parser("show", help=translate("Cli", "show one task by local id or task id"))
    show.add_argument("id", help=translate("Cli", "a local id (1, 2…) or an EvoLink task id"))
    show.add_argument("--json", action="store_true", help=translate("Cli", "print the task as JSON"))

    extend.add_parser(sub)
    stitch.add_parser(sub)
    sub.add_parser("credits", help=translate("Cli", "show the account balance"))
    batch.add_parsers(sub)
    queue_commands.add_parser(sub)
    import_account.add_parser(sub)
    interrupted.add_parsers(sub)
    check.add_parser(sub)
    sub.add_parser(
        "set-aside-history",
        help=translate(
            "Cli", "keep an unreadable task history aside (renamed, not deleted) and start a fresh one"
        ),
    )
    return parser


def _exit_for(record: TaskRecord) -> int:
    if record.status == TaskStatus.REJECTED:
        return EXIT_REFUSED
    if record.status == TaskStatus.COMPLETED and not record.video_path and record.download_error:
        return EXIT_TASK_FAILED
    if record.is_final and record.status != TaskStatus.COMPLETED:
        return EXIT_TASK_FAILED
    return EXIT_OK


async def _submit(engine: Engine, args: argparse.Namespace) -> int:
    submission = await read_submission(args)
    for warning in submission.warnings:
        say(translate("Cli", "warning: {message}").format(message=warning))
    if submission.problems:
        for problem in submission.problems:
            say(translate("Cli", "error: {problem}").format(problem=problem))
        return EXIT_USAGE
    return await submit_and_follow(engine, submission.params, wait=args.wait, as_json=args.json)


async def submit_and_follow(engine: Engine, params: SubmitParams, *, wait: bool, as_json: bool) -> int:
    """Submit checked parameters and (with ``wait``) follow the task; print it and return the exit
    code. Shared by ``submit`` and ``extend``; the engine checks the parameters once more."""
    credits = params.estimated_credits()
    if credits is None:
        say(translate("Cli", "Submitting (the cost depends on the video's length; EvoLink will say)…"))
    else:
        estimate = format_credits(credits)
        say(translate("Cli", "Submitting ({credits} credits estimated)…").format(credits=estimate))
    keep_to_own_work(engine, wait=wait)
    added: list[int] = []
    engine.manager.sig_task_added.connect(added.append)
    try:
        record = await engine.manager.submit(params)
        return await follow_sent(engine, record.id, wait=wait, as_json=as_json)
    except InvalidSubmission as exc:
        say(translate("Cli", "error: {problem}").format(problem=exc))
        return EXIT_USAGE
    except asyncio.CancelledError:
        return await report_interruption(engine, added[0] if added else None)


def keep_to_own_work(engine: Engine, *, wait: bool) -> None:
    """Start the engine for one command's task: without --wait this process leaves as soon as its task
    is in, so it must not take up anyone else's work."""
    engine.manager.start(Adoption.FOLLOW if wait else Adoption.NONE)


async def follow_sent(engine: Engine, task_id: int, *, wait: bool, as_json: bool) -> int:
    """Say how a sent task stands (and with ``wait`` follow it until its video is saved); print it and
    return the exit code."""
    record = engine.store.get(task_id)
    assert record is not None
    if record.status in (TaskStatus.REJECTED, TaskStatus.UNKNOWN):
        say(translate("Cli", "error: {message}").format(message=record.error_message))
        return _exit_for(record)
    say(translate("Cli", "Task {id} submitted as {task}.").format(id=record.id, task=record.server_id))
    if wait:
        record = await _wait(engine, record.id)
    print_record(record, as_json)
    return _exit_for(record)


async def _wait(engine: Engine, task_id: int) -> TaskRecord:
    """Follow a task until its video is saved or it ends; say each change, and why a video is not
    saved yet the moment it happens."""
    shown = ""
    while True:
        record = engine.store.get(task_id)
        assert record is not None
        state = f"{status_text(record)} {formatting.percent(record.progress)}"
        if record.download_error:
            state = translate("Cli", "{state} — {reason} (retrying)").format(
                state=state, reason=record.download_error
            )
        elif not record.tracking and not record.is_final:
            state = translate(
                "Cli", "{state} — no longer followed (stopped in the app); waiting until it is resumed"
            ).format(state=state)
        if state != shown:
            say(f"  {state}")
            shown = state
        if record.video_path or (record.is_final and record.status != TaskStatus.COMPLETED):
            return record
        await asyncio.sleep(WAIT_STEP)


async def report_interruption(engine: Engine, task_id: int | None) -> int:
    """Ctrl-C: let a POST on the wire be answered (bounded), then say exactly where the task stands."""
    await engine.manager.aclose()
    record = engine.store.get(task_id) if task_id is not None else None
    if record is None:
        say(translate("Cli", "Interrupted. Nothing was sent."))
        return EXIT_INTERRUPTED
    if record.status == TaskStatus.INTERRUPTED:
        say(
            translate(
                "Cli",
                "Interrupted before it was sent: nothing was charged. Task {id} is kept in the history; "
                "send it with `happyhorse-cli send {id}` (or “Submit now” in the app), or drop it with "
                "`happyhorse-cli discard {id}`. No other process sends it on its own.",
            ).format(id=record.id)
        )
        return EXIT_INTERRUPTED
    if record.download_error:
        say(
            translate("Cli", "Interrupted. The video is not saved: {reason}").format(
                reason=record.download_error
            )
        )
        return EXIT_TASK_FAILED
    if record.status == TaskStatus.COMPLETED and not record.video_path:
        say(
            translate(
                "Cli",
                "Interrupted while saving the video of task {task}: it is not saved yet. The app or the "
                "next `happyhorse-cli submit --wait` saves it (its link lasts 24 hours).",
            ).format(task=record.server_id)
        )
        return EXIT_TASK_FAILED
    if record.server_id and not record.is_final:
        say(
            translate(
                "Cli",
                "Interrupted. Task {id} was submitted as {task} and keeps running on EvoLink (and is "
                "billed); the app or the next `happyhorse-cli submit --wait` saves its video.",
            ).format(id=record.id, task=record.server_id)
        )
        return EXIT_INTERRUPTED
    say(translate("Cli", "Interrupted. {message}").format(message=record.error_message or ""))
    return _exit_for(record) or EXIT_INTERRUPTED


def _set_aside(demo: bool) -> int:
    config = load_config(demo=demo)
    if not config.db_path.exists():
        say(translate("Cli", "There is no task history at {path}.").format(path=config.db_path))
        return EXIT_OK
    kept = set_aside(config.db_path)
    say(
        translate("Cli", "The history was moved to {kept}; the next start begins a fresh one.").format(
            kept=kept
        )
    )
    return EXIT_OK


async def _run(args: argparse.Namespace) -> int:
    # Long on purpose: the one dispatch of every command, with the errors each may end in, in one view.
    if args.command == "set-aside-history":
        return _set_aside(args.demo)
    try:
        engine = Engine.create(demo=args.demo, origin="cli")
    except HistoryError as exc:
        say(describe_history_error(exc, cli=True))
        return EXIT_ERROR
    setup_logging(engine.config.log_dir)
    try:
        if args.command == "check":  # before the key test: a missing or refused key is one of its steps
            return await check.run(engine)
        if args.command in ("submit", "send", "credits", "extend", "import-account") and engine.key_problem():
            if engine.keys.problem:
                say(translate("Cli", "error: {problem}").format(problem=engine.keys.problem))
            else:
                say(
                    translate(
                        "Cli",
                        "error: no API key. Set EVOLINK_API_KEY, save a key in the app's Settings, "
                        "or use --demo.",
                    )
                )
            return EXIT_USAGE
        if args.command == "submit":
            return await _submit(engine, args)
        if args.command in ("extend", "stitch"):
            return await (extend.run if args.command == "extend" else stitch.run)(engine, args)
        if args.command in batch.COMMANDS:
            return await batch.run(engine, args)
        if args.command == "queue":
            return await queue_commands.run(engine, args)
        if args.command == "import-account":
            return await import_account.run(engine, args)
        if args.command in interrupted.COMMANDS:
            return await interrupted.run(engine, args)
        if args.command == "credits":
            credits = await engine.client.get_credits()
            print(
                translate("Cli", "Balance: {credits} credits").format(credits=format_credits(credits.balance))
            )
            if credits.key_unlimited:
                print(translate("Cli", "This key: unlimited"))
            elif credits.key_remaining is not None:
                left = format_credits(credits.key_remaining)
                print(translate("Cli", "This key: {credits} credits left").format(credits=left))
            return EXIT_OK
        if args.command == "list":
            records = list(engine.store.iter_newest(max(1, args.limit)))
            if args.json:
                print(
                    json.dumps([record_json(r) for r in records], indent=2, default=str, ensure_ascii=False)
                )
            elif not records:
                print(translate("Cli", "No tasks yet."))
            else:
                for record in records:
                    print(line(record))
            return EXIT_OK
        if args.command == "show":
            found = engine.store.find(args.id)
            if found is None:
                say(translate("Cli", "error: no task {id} in the history").format(id=repr(args.id)))
                return EXIT_USAGE
            print_record(found, args.json)
            return EXIT_OK
        return EXIT_USAGE
    except EvoLinkError as exc:
        say(translate("Cli", "error: {message}").format(message=exc.user_message))
        return EXIT_REFUSED
    finally:
        await engine.aclose()


def main(argv: Sequence[str] | None = None) -> int:
    from happyhorse_desktop.cli import demo_app  # here, not above: keeps this edit apart from the imports

    argv = list(sys.argv[1:] if argv is None else argv)
    if demo_app.wants_demo(argv):  # the demo paints its videos: a (headless) GUI application first
        demo_app.ensure_gui_application()
    # The terminal's language (LANG/LC_ALL…), for everything printed, argparse's own words included.
    i18n.application()
    quiet_media_logs()
    with i18n.speaking(i18n.terminal_language()), argparse_words():
        args = _parser().parse_args(argv)
        try:
            return asyncio.run(_run(args))
        except KeyboardInterrupt:
            # A second Ctrl-C cut the wait for an answer short: the server may have the task.
            say(
                translate(
                    "Cli",
                    "Interrupted. Submitted tasks keep running; the app resumes them. A submission cut off "
                    "while on its way is looked for on EvoLink the next time the app or "
                    "`happyhorse-cli submit` starts (it is never sent again).",
                )
            )
            return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
