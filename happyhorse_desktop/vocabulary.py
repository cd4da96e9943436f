"""One vocabulary for what the window and the CLI say about tasks: statuses, groups, titles, credits.

Everything here is translated (Qt's catalogues); both front ends call these functions, so a task is
never "Not submitted" in one and "rejected" in the other.
"""

from __future__ import annotations

import time

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.pricing import credits_from_raw, format_credits
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import ENDED_WITHOUT_VIDEO, Outcome, TaskStatus


def _status_names() -> dict[TaskStatus, str]:
    return {
        TaskStatus.QUEUED: translate("Status", "Queued"),
        TaskStatus.UPLOADING: translate("Status", "Uploading…"),
        TaskStatus.SUBMITTING: translate("Status", "Submitting…"),
        TaskStatus.INTERRUPTED: translate("Status", "Interrupted — not sent"),
        TaskStatus.UNKNOWN: translate("Status", "Unknown — check before re-running"),
        TaskStatus.REJECTED: translate("Status", "Refused — not charged"),
        TaskStatus.PENDING: translate("Status", "Waiting on EvoLink"),
        TaskStatus.PROCESSING: translate("Status", "Generating"),
        TaskStatus.COMPLETED: translate("Status", "Completed"),
        TaskStatus.FAILED: translate("Status", "Failed"),
        TaskStatus.CANCELLED: translate("Status", "Cancelled"),
        TaskStatus.EXPIRED: translate("Status", "Expired — link lapsed"),
    }


def status_text(record: TaskRecord) -> str:
    """The status as a person reads it, including what to do when it needs attention."""
    if record.status == TaskStatus.COMPLETED and not record.video_path:
        if record.download_error:
            return translate("Status", "Completed — not saved")
        return translate("Status", "Completed — saving…")
    if record.status == TaskStatus.QUEUED and record.not_before and record.not_before > time.time():
        when = time.strftime("%H:%M:%S", time.localtime(record.not_before))
        return translate("Status", "Queued — next try at {time}").format(time=when)
    text = _status_names()[record.status]
    if record.tracking or record.is_final:
        return text
    return translate("Status", "{status} (not tracked)").format(status=text)


def outcome_label(outcome: Outcome) -> str:
    return {
        Outcome.ALL: translate("Outcome", "All"),
        Outcome.ACTIVE: translate("Outcome", "Active"),
        Outcome.QUEUED: translate("Outcome", "Queued"),
        Outcome.DONE: translate("Outcome", "Done"),
        Outcome.ATTENTION: translate("Outcome", "Needs attention"),
    }[outcome]


def task_title(record: TaskRecord, limit: int = 60) -> str:
    """The prompt on one line, shortened to ``limit`` characters; a name for a task without one."""
    prompt = " ".join(record.prompt.split())
    if not prompt:
        return translate("Task", "(no prompt)")
    return prompt if len(prompt) <= limit else prompt[: limit - 1].rstrip() + "…"


def credits_text(record: TaskRecord) -> str:
    """The final charge when known, else what is reserved (or was, and is refunded)."""
    used = credits_from_raw(record.credits_used)
    if used is not None:
        return format_credits(used)
    reserved = credits_from_raw(record.credits_reserved)
    if reserved is None:
        return "—"
    if record.status in ENDED_WITHOUT_VIDEO:
        return translate("Task", "{credits} refunded").format(credits=format_credits(reserved))
    return translate("Task", "{credits} reserved").format(credits=format_credits(reserved))
