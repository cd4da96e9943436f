"""What the batch queue tells the user (translated; shown by the window, printed by the CLI)."""

from __future__ import annotations

import time

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.pricing import format_credits, usd_for_credits
from happyhorse_desktop.tasks.queue_state import Pause, PauseKind
from happyhorse_desktop.tasks.queue_store import Drained


def credits_and_dollars(credits: float) -> str:
    """``729.00 credits ($10.73)``, in the reader's locale."""
    return translate("Queue", "{credits} credits ({dollars})").format(
        credits=format_credits(credits), dollars=formatting.dollars(usd_for_credits(credits))
    )


def pause_text(pause: Pause) -> str:
    """Why the queue is paused, with the figures: which cap, and by how much it would be exceeded."""
    if pause.kind is PauseKind.DAILY_CAP:
        return translate(
            "Queue",
            "Paused: the next take ({needed}) would take today's spending over the daily cap of {cap} by "
            "{over} ({spent} spent or reserved today). It resumes tomorrow, or raise the cap.",
        ).format(
            needed=credits_and_dollars(pause.needed),
            cap=credits_and_dollars(pause.cap),
            over=credits_and_dollars(pause.over_by),
            spent=format_credits(pause.spent),
        )
    if pause.kind is PauseKind.BATCH_CAP:
        return translate(
            "Queue",
            "Paused: the next take ({needed}) would take batch “{batch}” over its budget of {cap} by "
            "{over} ({spent} spent or reserved). Raise the budget or remove takes, then resume.",
        ).format(
            needed=credits_and_dollars(pause.needed),
            batch=pause.batch,
            cap=credits_and_dollars(pause.cap),
            over=credits_and_dollars(pause.over_by),
            spent=format_credits(pause.spent),
        )
    if pause.kind is PauseKind.CREDITS:
        return translate(
            "Queue", "Paused: EvoLink refused a take for lack of credits ({detail}). Top up, then resume."
        ).format(detail=pause.detail)
    if pause.kind is PauseKind.KEY:
        return translate(
            "Queue", "Paused: EvoLink refused the API key ({detail}). Fix the key, then resume."
        ).format(detail=pause.detail)
    return translate("Queue", "Paused. Running tasks go on; nothing new is sent until you resume.")


def back_in_queue(reason: str, retry_at: float | None) -> str:
    """A take refused for a passing reason (or by a pause) is queued again, not failed."""
    if retry_at is None:
        return translate("Queue", "Back in the queue, nothing charged: {reason}").format(reason=reason)
    when = time.strftime("%H:%M:%S", time.localtime(retry_at))
    return translate("Queue", "Back in the queue, nothing charged: {reason} Next try at {time}.").format(
        reason=reason, time=when
    )


def drained_text(drained: Drained) -> str:
    return translate("Queue", "Queue finished: {done} done, {failed} failed, {credits} spent.").format(
        done=drained.done, failed=drained.failed, credits=credits_and_dollars(drained.credits)
    )


def watched_file_refused(name: str, problem: str) -> str:
    return translate("Queue", "{name} in the watched folder was not queued: {problem}").format(
        name=name, problem=problem
    )
