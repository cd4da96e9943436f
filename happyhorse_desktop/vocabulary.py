"""One vocabulary for what the window and the CLI say about tasks: statuses, groups, titles, credits.

Everything here is translated (Qt's catalogues); both front ends call these functions, so a task is
never "Not submitted" in one and "rejected" in the other.
"""

from __future__ import annotations

import time
from pathlib import Path

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.pricing import credits_from_raw, format_credits
from happyhorse_desktop.routes import Mode, route_for
from happyhorse_desktop.tasks.record import TaskRecord, is_url
from happyhorse_desktop.tasks.status import ENDED_WITHOUT_VIDEO, Outcome, TaskStatus


def _status_names() -> dict[TaskStatus, tuple[str, str]]:
    """Each status as a short label and what it means for the user (empty when the label says it all)."""
    return {
        TaskStatus.QUEUED: (translate("Status", "Queued"), ""),
        TaskStatus.UPLOADING: (translate("Status", "Uploading…"), ""),
        TaskStatus.SUBMITTING: (translate("Status", "Submitting…"), ""),
        TaskStatus.INTERRUPTED: (translate("Status", "Interrupted"), translate("Status", "not sent")),
        TaskStatus.UNKNOWN: (translate("Status", "Unknown"), translate("Status", "check before re-running")),
        TaskStatus.REJECTED: (translate("Status", "Refused"), translate("Status", "not charged")),
        TaskStatus.PENDING: (translate("Status", "Waiting on EvoLink"), ""),
        TaskStatus.PROCESSING: (translate("Status", "Generating"), ""),
        TaskStatus.COMPLETED: (translate("Status", "Completed"), ""),
        TaskStatus.FAILED: (translate("Status", "Failed"), ""),
        TaskStatus.CANCELLED: (translate("Status", "Cancelled"), ""),
        TaskStatus.EXPIRED: (translate("Status", "Expired"), translate("Status", "link lapsed")),
    }


def status_parts(record: TaskRecord) -> tuple[str, str]:
    """The status as (label, what it means): the window draws the label as a chip and the meaning
    beside it; :func:`status_text` joins the two for one line of text (the CLI, tooltips)."""
    if record.status == TaskStatus.COMPLETED and not record.video_path:
        label = translate("Status", "Completed")
        if record.download_error:
            return label, translate("Status", "not saved")
        return label, translate("Status", "saving…")
    label, meaning = _status_names()[record.status]
    if record.status == TaskStatus.QUEUED and record.not_before and record.not_before > time.time():
        # put back after a passing refusal (429, 5xx, no connection): says when the queue tries again
        return label, translate("Status", "next try at {time}").format(
            time=formatting.time_of_day(record.not_before)
        )
    if record.tracking or record.is_final:
        return label, meaning
    return label, translate("Status", "not tracked")


def status_vocabulary() -> list[tuple[str, str]]:
    """Every (label, meaning) pair a status can be shown as (to size the status column); a queued take's
    next try is shown at an evening time, the widest a clock writes."""
    completed = translate("Status", "Completed")
    extra = [(completed, translate("Status", m)) for m in ("not saved", "saving…", "not tracked")]
    evening = time.mktime((2025, 12, 28, 23, 58, 0, 0, 0, -1))
    next_try = translate("Status", "next try at {time}").format(time=formatting.time_of_day(evening))
    return [*_status_names().values(), *extra, (translate("Status", "Queued"), next_try)]


def status_text(record: TaskRecord) -> str:
    """The status as a person reads it, including what to do when it needs attention."""
    label, meaning = status_parts(record)
    if not record.tracking and not record.is_final:
        return translate("Status", "{status} (not tracked)").format(status=label)
    if not meaning:
        return label
    return translate("Status", "{status} — {meaning}").format(status=label, meaning=meaning)


def seed_text(seed: int | None) -> str:
    """A task's seed, or the word for "none was sent"."""
    return str(seed) if seed else translate("Task", "random")


def output_text(record: TaskRecord) -> str:
    """What the task asked for: resolution and length (an imported task's resolution may be unknown)."""
    return output_words(record.quality or "—", record.duration)


def output_words(quality: str, duration: int) -> str:
    """A resolution and a length as the task list writes them: ``1080p · 15 s``."""
    return translate("Task", "{quality} · {duration} s").format(quality=quality, duration=duration)


def outcome_label(outcome: Outcome) -> str:
    return {
        Outcome.ALL: translate("Outcome", "All"),
        Outcome.ACTIVE: translate("Outcome", "Active"),
        Outcome.QUEUED: translate("Outcome", "Queued"),
        Outcome.DONE: translate("Outcome", "Done"),
        Outcome.ATTENTION: translate("Outcome", "Needs attention"),
    }[outcome]


def model_label(model_id: str) -> str:
    """A model's name for people, "HappyHorse 1.1 · Text → Video" (the id itself for a model this
    version does not know)."""
    route = route_for(model_id)
    if route is None:
        return model_id
    return translate("Models", "HappyHorse {version} · {route}").format(
        version=route.version, route=translate("Routes", route.label)
    )


def mode_word(model_id: str) -> str:
    """What drives a task's video, in one word for narrow places (the task list); "" when unknown."""
    route = route_for(model_id)
    if route is None:
        return ""
    return {
        Mode.IMAGE: translate("Task", "Image"),
        Mode.TEXT: translate("Task", "Text"),
        Mode.REFERENCE: translate("Task", "References"),
        Mode.EDIT: translate("Task", "Edit"),
    }[route.mode]


def route_output_text(record: TaskRecord) -> str:
    """The task list's cell for what a task made: its mode on one line, resolution and length on the
    next ("Text" / "720p · 5 s"), so the column stays as narrow as before the routes."""
    word = mode_word(record.model)
    return f"{word}\n{output_text(record)}" if word else output_text(record)


def inputs_text(record: TaskRecord) -> str:
    """What a task started from, by file name: its pictures, then the video it edits ("—" for text)."""
    sources = [*record.image_sources, *([record.video_source] if record.video_source else [])]
    names = [
        source.rstrip("/").rsplit("/", 1)[-1] if is_url(source) else Path(source).name for source in sources
    ]
    return ", ".join(names) or "—"


def output_details(record: TaskRecord) -> str:
    """Everything a task asked for about its output: resolution, shape, length, the source it edits."""
    parts = [record.quality or "—"]
    if record.aspect_ratio:
        parts.append(record.aspect_ratio)
    parts.append(translate("Task", "{duration} s").format(duration=record.duration))
    text = " · ".join(parts)
    if record.input_seconds is not None:
        source = translate("Task", "from {seconds} s of source video").format(
            seconds=formatting.number(record.input_seconds, 1)
        )
        text = f"{text} ({source})"
    if record.keep_original_sound:
        text += " · " + translate("Task", "original sound kept")
    return text


def task_title(record: TaskRecord, limit: int = 60) -> str:
    """The prompt on one line, shortened to ``limit`` characters; a name for a task without one."""
    prompt = " ".join(record.prompt.split())
    if not prompt and record.origin == "import":
        return translate("Task", "(imported from your EvoLink account)")
    if not prompt:
        return translate("Task", "(no prompt)")
    return prompt if len(prompt) <= limit else prompt[: limit - 1].rstrip() + "…"


def credit_phrases(credits: str) -> tuple[str, str]:
    """``credits`` as reserved for a running task, and as refunded for one that ended without a video."""
    return (
        translate("Task", "{credits} reserved").format(credits=credits),
        translate("Task", "{credits} refunded").format(credits=credits),
    )


def credits_text(record: TaskRecord) -> str:
    """The final charge when known, else what is reserved (or was, and is refunded)."""
    used = credits_from_raw(record.credits_used)
    if used is not None:
        return format_credits(used)
    reserved = credits_from_raw(record.credits_reserved)
    if reserved is None:
        return "—"
    reserved_text, refunded_text = credit_phrases(format_credits(reserved))
    return refunded_text if record.status in ENDED_WITHOUT_VIDEO else reserved_text
