"""``happyhorse-cli``: the same engine and task history as the window, from a terminal.

Exit codes: 0 success, 2 bad input, 3 refused by EvoLink (key, credits, parameters), 4 the task
failed or its outcome is unknown, 1 anything unexpected.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Sequence

from happyhorse_desktop import __version__
from happyhorse_desktop.api.errors import EvoLinkError
from happyhorse_desktop.api.models import DEFAULT_MODEL, MODELS, QUALITIES
from happyhorse_desktop.engine import Engine
from happyhorse_desktop.logging_setup import setup_logging
from happyhorse_desktop.pricing import credits_from_raw, estimate_credits, format_credits
from happyhorse_desktop.tasks.manager import InvalidSubmission, SubmitParams, snapshot_dict
from happyhorse_desktop.tasks.store import TaskRecord, TaskStatus
from happyhorse_desktop.validation import check_image_file, check_prompt

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REFUSED, EXIT_TASK_FAILED = 0, 1, 2, 3, 4


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="happyhorse-cli", description="HappyHorse image-to-video from the terminal."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true", help="use a private simulator; nothing is billed")
    sub = parser.add_subparsers(dest="command", required=True)

    submit = sub.add_parser("submit", help="submit an image (local file or http(s) URL)")
    submit.add_argument("image", metavar="IMAGE_OR_URL")
    submit.add_argument("--prompt", default="")
    submit.add_argument("--model", default=DEFAULT_MODEL, choices=list(MODELS))
    submit.add_argument("--quality", default="720p", choices=list(QUALITIES))
    submit.add_argument("--duration", type=int, default=5, help="seconds, 3-15")
    submit.add_argument("--seed", type=int, default=None, help="1-2147483647; random when omitted")
    submit.add_argument("--callback-url", default=None)
    submit.add_argument("--wait", action="store_true", help="wait until the video is saved")
    submit.add_argument("--json", action="store_true", help="print the task as JSON")

    lst = sub.add_parser("list", help="list tasks, newest first")
    lst.add_argument("--limit", type=int, default=20)
    lst.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="show one task by local id or task id")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")

    sub.add_parser("credits", help="show the account balance")
    return parser


def _credits_text(record: TaskRecord) -> str:
    used = credits_from_raw(record.credits_used)
    if used is not None:
        return format_credits(used)
    return format_credits(credits_from_raw(record.credits_reserved))


def _line(record: TaskRecord) -> str:
    created = time.strftime("%Y-%m-%d %H:%M", time.localtime(record.created_at))
    prompt = (record.prompt[:37] + "…") if len(record.prompt) > 38 else record.prompt
    return (
        f"{record.id:>5}  {record.server_id or '-':<36}  {record.status:<10} {record.progress:>3}%  "
        f"{_credits_text(record):>9}  {created}  {prompt}"
    )


def _details(record: TaskRecord) -> str:
    rows = [
        ("Local id", str(record.id)),
        ("Task id", record.server_id or "—"),
        ("Status", record.status + ("" if record.tracking else " (not tracked)")),
        ("Progress", f"{record.progress}%"),
        ("Model", record.model),
        ("Quality / duration", f"{record.quality} / {record.duration} s"),
        ("Seed", str(record.seed) if record.seed else "random"),
        ("Prompt", record.prompt or "—"),
        ("Image", record.image_source),
        ("Credits reserved", format_credits(credits_from_raw(record.credits_reserved))),
        ("Credits charged", format_credits(credits_from_raw(record.credits_used))),
        ("Video", record.video_path or (record.download_error or "—")),
        ("Error", record.error_message or "—"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def _print_record(record: TaskRecord, as_json: bool) -> None:
    print(json.dumps(snapshot_dict(record), indent=2, default=str) if as_json else _details(record))


def _exit_for(record: TaskRecord) -> int:
    if record.status == TaskStatus.REJECTED:
        return EXIT_REFUSED
    if record.status in (TaskStatus.FAILED, TaskStatus.UNKNOWN, TaskStatus.EXPIRED, TaskStatus.CANCELLED):
        return EXIT_TASK_FAILED
    return EXIT_OK


async def _submit(engine: Engine, args: argparse.Namespace) -> int:
    params = SubmitParams(
        image=args.image,
        prompt=args.prompt,
        model=args.model,
        quality=args.quality,
        duration=args.duration,
        seed=args.seed,
        callback_url=args.callback_url,
    )
    problems = params.problems()
    if not params.image_is_url:
        problems += check_image_file(params.image).problems
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    prompt = check_prompt(args.prompt)
    if prompt.message:
        print(f"warning: {prompt.message}", file=sys.stderr)
    estimate = estimate_credits(args.model, args.quality, args.duration)
    print(f"Submitting ({format_credits(estimate)} credits estimated)…", file=sys.stderr)
    engine.manager.start()
    try:
        record = await engine.manager.submit(params)
    except InvalidSubmission as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if record.status in (TaskStatus.REJECTED, TaskStatus.UNKNOWN):
        print(f"error: {record.error_message}", file=sys.stderr)
        return _exit_for(record)
    print(f"Task {record.id} submitted as {record.server_id}.", file=sys.stderr)
    if args.wait:
        record = await _wait(engine, record.id)
    _print_record(record, args.json)
    return _exit_for(record)


async def _wait(engine: Engine, task_id: int) -> TaskRecord:
    last = ""
    while True:
        record = engine.store.get(task_id)
        assert record is not None
        state = f"{record.status} {record.progress}%"
        if state != last:
            print(f"  {state}", file=sys.stderr)
            last = state
        done = record.video_path or record.status in (
            TaskStatus.FAILED,
            TaskStatus.CANCELLED,
            TaskStatus.EXPIRED,
            TaskStatus.UNKNOWN,
            TaskStatus.REJECTED,
        )
        if done:
            return record
        await asyncio.sleep(0.2)


async def _run(args: argparse.Namespace) -> int:
    engine = Engine.create(demo=args.demo)
    setup_logging(engine.config.log_dir)
    try:
        if args.command in ("submit", "credits") and not args.demo and not engine.keys.current():
            print(
                "error: no API key. Set EVOLINK_API_KEY, save a key in the app's Settings, or use --demo.",
                file=sys.stderr,
            )
            return EXIT_USAGE
        if args.command == "submit":
            return await _submit(engine, args)
        if args.command == "credits":
            credits = await engine.client.get_credits()
            print(f"Balance: {format_credits(credits.balance)} credits")
            if credits.key_unlimited:
                print("This key: unlimited")
            elif credits.key_remaining is not None:
                print(f"This key: {format_credits(credits.key_remaining)} credits left")
            return EXIT_OK
        if args.command == "list":
            records = list(engine.store.iter_newest(max(1, args.limit)))
            if args.json:
                print(json.dumps([snapshot_dict(r) for r in records], indent=2, default=str))
            elif not records:
                print("No tasks yet.")
            else:
                for record in records:
                    print(_line(record))
            return EXIT_OK
        if args.command == "show":
            found = engine.store.find(args.id)
            if found is None:
                print(f"error: no task {args.id!r} in the history", file=sys.stderr)
                return EXIT_USAGE
            _print_record(found, args.json)
            return EXIT_OK
        return EXIT_USAGE
    except EvoLinkError as exc:
        print(f"error: {exc.user_message}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        await engine.aclose()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return asyncio.run(_run(args))
    except KeyboardInterrupt:
        print("Interrupted. Submitted tasks keep running; the app resumes them.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
