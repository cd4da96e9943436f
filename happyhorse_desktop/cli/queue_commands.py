"""``happyhorse-cli queue list|pause|resume|clear|run``: the batch queue the window shows, from a
terminal (same history, same caps, same pause), and the wait shared with ``batch --wait``.

Exit codes of a wait (``batch --wait``, ``queue run``): 0 every take done and saved, 4 one failed or
its outcome is unknown, 3 the queue is paused (a cap, 402, a refused key, or someone paused it) with
takes left, 130 interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

from happyhorse_desktop.cli.output import Cli, line, record_json, say
from happyhorse_desktop.engine import Engine
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.pricing import format_credits
from happyhorse_desktop.tasks.budget import record_cost
from happyhorse_desktop.tasks.manager import Adoption
from happyhorse_desktop.tasks.queue import QueueState
from happyhorse_desktop.tasks.queue_messages import credits_and_dollars, pause_text
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import RUNNING_STATUSES, TaskStatus

ACTIONS = ("list", "pause", "resume", "clear", "run")
WAIT_STEP = 0.2


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    queue = sub.add_parser(
        "queue", help=translate("Cli", "the batch queue: list, pause, resume, clear, or run it")
    )
    queue.add_argument(
        "action",
        choices=ACTIONS,
        help=translate(
            "Cli", "run: send queued takes until the queue is empty or paused, saving every video"
        ),
    )
    queue.add_argument("--json", action="store_true", help=translate("Cli", "print as JSON"))


def state_line(state: QueueState) -> str:
    cap = state.settings.daily_cap
    spent = format_credits(state.spent_today) + (f" / {format_credits(cap)}" if cap else "")
    text = translate("Cli", "{queued} queued · {running} of {limit} running · today {spent} credits").format(
        queued=state.queued, running=state.running, limit=state.settings.concurrency, spent=spent
    )
    if state.pause is not None:
        text += "\n" + pause_text(state.pause)
    elif state.retry_at:
        when = time.strftime("%H:%M:%S", time.localtime(state.retry_at))
        text += "\n" + translate("Cli", "Waiting after a refusal: the next take goes at {time}.").format(
            time=when
        )
    return text


def state_json(state: QueueState) -> dict[str, Any]:
    return {
        "queued": state.queued,
        "running": state.running,
        "concurrency": state.settings.concurrency,
        "daily_cap": state.settings.daily_cap,
        "spent_today": round(state.spent_today, 4),
        "paused": state.paused,
        "pause_reason": pause_text(state.pause) if state.pause else None,
        "pause_kind": state.pause.kind.value if state.pause else None,
        "retry_at": state.retry_at,
    }


async def run(engine: Engine, args: argparse.Namespace) -> int:
    from happyhorse_desktop.cli import EXIT_OK, EXIT_USAGE

    queue = engine.manager.queue
    if args.action == "pause":
        queue.pause()
    elif args.action == "resume":
        queue.resume()
    elif args.action == "clear":
        removed = queue.remove(None)
        say(Cli.tr("Removed %n queued takes; nothing of theirs was sent.", "", len(removed)))
    elif args.action == "run":
        problem = engine.key_problem()
        if problem:
            say(translate("Cli", "error: {problem}").format(problem=problem))
            return EXIT_USAGE
        return await drain(engine, None, as_json=args.json)
    state = queue.state()
    if args.json:
        records = engine.store.get_many(queue.sql.view_ids())
        order = {task_id: n for n, task_id in enumerate(queue.sql.view_ids())}
        takes = [record_json(r) for r in sorted(records, key=lambda r: order[r.id])]
        print(json.dumps({**state_json(state), "takes": takes}, indent=2, default=str, ensure_ascii=False))
        return EXIT_OK
    print(state_line(state))
    if args.action == "list":
        for record in engine.store.get_many(queue.sql.view_ids()):
            print(line(record))
    return EXIT_OK


def _open(record: TaskRecord) -> bool:
    """Still to do: queued, being sent, running, or completed but not saved yet."""
    return (
        record.status == TaskStatus.QUEUED
        or record.status in RUNNING_STATUSES
        or (record.status == TaskStatus.COMPLETED and not record.video_path and record.tracking)
    )


async def drain(engine: Engine, batch_id: int | None, *, as_json: bool = False) -> int:
    """Run the queue (this process sends, follows and saves, sharing the work with any other) until
    every take of ``batch_id`` — or of the whole queue — has ended, or the queue is paused with takes
    left and none of them under way. Says each change of the tally."""
    from happyhorse_desktop.cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED, EXIT_TASK_FAILED

    queue = engine.manager.queue
    started = time.time()
    engine.manager.start(Adoption.ALL, run_queue=True)
    shown = ""
    try:
        while True:
            records = _watched(engine, batch_id, started)
            open_ = [r for r in records if _open(r)]
            queued = sum(1 for r in open_ if r.status == TaskStatus.QUEUED)
            saved = sum(1 for r in records if r.video_path)
            failed = [r for r in records if not _open(r) and not r.video_path]
            tally = translate(
                "Cli", "  {saved} saved, {failed} failed, {running} under way, {queued} queued"
            ).format(saved=saved, failed=len(failed), running=len(open_) - queued, queued=queued)
            if tally != shown:
                say(tally)
                shown = tally
            state = queue.state()
            if not open_:
                code = EXIT_TASK_FAILED if failed else EXIT_OK
                break
            if state.pause is not None and queued == len(open_):
                say(pause_text(state.pause))
                code = EXIT_REFUSED
                break
            await asyncio.sleep(WAIT_STEP)
    except asyncio.CancelledError:
        await engine.manager.aclose()
        left = sum(1 for r in _watched(engine, batch_id, started) if _open(r))
        say(
            Cli.tr(
                "Interrupted. %n takes not finished stay in the queue (nothing unsent was charged); "
                "the app or `happyhorse-cli queue run` goes on with them.",
                "",
                left,
            )
        )
        return EXIT_INTERRUPTED
    spent = sum(record_cost(r).total for r in records)
    say(translate("Cli", "Spent: {credits}.").format(credits=credits_and_dollars(spent)))
    if as_json:
        print(json.dumps([record_json(r) for r in records], indent=2, default=str, ensure_ascii=False))
    return code


def _watched(engine: Engine, batch_id: int | None, started: float) -> list[TaskRecord]:
    """The takes a wait is about: one batch, or every queue take still to do or ended since it began."""
    if batch_id is not None:
        return engine.manager.queue.sql.batch_records(batch_id)
    rows = engine.store.connection.execute(
        "SELECT id FROM tasks WHERE batch_id IS NOT NULL AND (queue_position IS NOT NULL OR updated_at >= ?)",
        (started,),
    )
    records = engine.store.get_many([int(r[0]) for r in rows])
    return [r for r in records if _open(r) or r.updated_at >= started]
