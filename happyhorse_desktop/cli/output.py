"""How ``happyhorse-cli`` prints tasks: a line per task, a details block, or JSON (never the key)."""

from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import asdict
from typing import Any

from happyhorse_desktop import formatting
from happyhorse_desktop.i18n_core import Context, translate
from happyhorse_desktop.pricing import credits_from_raw, format_credits
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.sidecar import route_summary
from happyhorse_desktop.vocabulary import (
    credits_text,
    mode_word,
    model_label,
    status_text,
    task_title,
)

Cli = Context("Cli")  # the CLI's messages with a count (plural forms): ``Cli.tr("%n takes", "", n)``

# Lease bookkeeping and the idempotency key mean nothing to a reader and are left out of the JSON.
_PRIVATE = ("lease_owner", "lease_until", "lease_token", "idempotency_key")


def record_json(record: TaskRecord) -> dict[str, Any]:
    """A JSON-friendly view of a task (statuses as the machine words, e.g. ``completed``)."""
    data = asdict(record)
    for name in _PRIVATE:
        data.pop(name, None)
    data["status"] = record.status.value
    data["image_source"] = record.image_source
    data["route"] = route_summary(record.model)
    return data


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` filled with spaces to ``width`` terminal columns (``str.ljust`` counts characters)."""
    fill = " " * max(0, width - columns(text))
    return fill + text if right else text + fill


def line(record: TaskRecord) -> str:
    progress = pad(formatting.percent(record.progress), 4, right=True)
    credits = pad(credits_text(record), 16, right=True)
    created = pad(formatting.date_time(record.created_at), 17)
    return (
        f"{record.id:>5}  {record.server_id or '-':<36}  {pad(status_text(record), 28)} {progress}  "
        f"{credits}  {created}  {pad(mode_word(record.model), 10)}  {task_title(record, 38)}"
    )


def details(record: TaskRecord) -> str:
    rows = [
        (translate("Cli", "Local id"), str(record.id)),
        (translate("Cli", "Task id"), record.server_id or "—"),
        (translate("Cli", "Status"), status_text(record)),
        (translate("Cli", "Progress"), formatting.percent(record.progress)),
        (translate("Cli", "Model"), record.model),
        (translate("Cli", "Route"), model_label(record.model)),
        (translate("Cli", "Quality / duration"), f"{record.quality} / {formatting.seconds(record.duration)}"),
        (translate("Cli", "Seed"), str(record.seed) if record.seed else translate("Cli", "random")),
        (translate("Cli", "Prompt"), record.prompt or "—"),
        (translate("Cli", "Images"), ", ".join(record.image_sources) or "—"),
        *_route_rows(record),
        (translate("Cli", "Credits reserved"), format_credits(credits_from_raw(record.credits_reserved))),
        (translate("Cli", "Credits charged"), format_credits(credits_from_raw(record.credits_used))),
        (translate("Cli", "Video"), record.video_path or (record.download_error or "—")),
        (translate("Cli", "Error"), record.error_message or "—"),
    ]
    width = max(columns(k) for k, _ in rows)
    return "\n".join(f"{pad(k, width)}  {v}" for k, v in rows)


def _route_rows(record: TaskRecord) -> list[tuple[str, str]]:
    """The rows only some routes have: the shape asked for, the video edited and its sound."""
    rows = []
    if record.aspect_ratio:
        rows.append((translate("Cli", "Aspect ratio"), record.aspect_ratio))
    if record.video_source:
        seconds = "" if record.input_seconds is None else f" ({formatting.number(record.input_seconds, 1)} s)"
        rows.append((translate("Cli", "Source video"), record.video_source + seconds))
    if record.keep_original_sound:
        rows.append((translate("Cli", "Sound"), translate("Cli", "the source's own, kept")))
    return rows


def print_record(record: TaskRecord, as_json: bool) -> None:
    print(
        json.dumps(record_json(record), indent=2, default=str, ensure_ascii=False)
        if as_json
        else details(record)
    )


def say(text: str) -> None:
    """Progress and messages for the person at the terminal (stderr, so stdout stays parseable)."""
    print(text, file=sys.stderr, flush=True)


def quiet_media_logs() -> None:
    """Qt Multimedia logs each file it decodes or records (and FFmpeg's stream dump): not for a
    terminal's reader of `extend`, `stitch` or the demo. QT_LOGGING_RULES still overrides this for a
    developer who wants them."""
    from PySide6.QtCore import QLoggingCategory

    QLoggingCategory.setFilterRules("qt.multimedia.*=false")
