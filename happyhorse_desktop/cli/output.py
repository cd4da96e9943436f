"""How ``happyhorse-cli`` prints tasks: a line per task, a details block, or JSON (never the key)."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from typing import Any

from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.pricing import credits_from_raw, format_credits
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.vocabulary import credits_text, status_text, task_title

# Lease bookkeeping and the idempotency key mean nothing to a reader and are left out of the JSON.
_PRIVATE = ("lease_owner", "lease_until", "lease_token", "idempotency_key")


def record_json(record: TaskRecord) -> dict[str, Any]:
    """A JSON-friendly view of a task (statuses as the machine words, e.g. ``completed``)."""
    data = asdict(record)
    for name in _PRIVATE:
        data.pop(name, None)
    data["status"] = record.status.value
    data["image_source"] = record.image_source
    return data


def line(record: TaskRecord) -> str:
    created = time.strftime("%Y-%m-%d %H:%M", time.localtime(record.created_at))
    return (
        f"{record.id:>5}  {record.server_id or '-':<36}  {status_text(record):<28} {record.progress:>3}%  "
        f"{credits_text(record):>16}  {created}  {task_title(record, 38)}"
    )


def details(record: TaskRecord) -> str:
    t = translate
    rows = [
        (t("Cli", "Local id"), str(record.id)),
        (t("Cli", "Task id"), record.server_id or "—"),
        (t("Cli", "Status"), status_text(record)),
        (t("Cli", "Progress"), f"{record.progress}%"),
        (t("Cli", "Model"), record.model),
        (t("Cli", "Quality / duration"), f"{record.quality} / {record.duration} s"),
        (t("Cli", "Seed"), str(record.seed) if record.seed else t("Cli", "random")),
        (t("Cli", "Prompt"), record.prompt or "—"),
        (t("Cli", "Images"), ", ".join(record.image_sources) or "—"),
        (t("Cli", "Credits reserved"), format_credits(credits_from_raw(record.credits_reserved))),
        (t("Cli", "Credits charged"), format_credits(credits_from_raw(record.credits_used))),
        (t("Cli", "Video"), record.video_path or (record.download_error or "—")),
        (t("Cli", "Error"), record.error_message or "—"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def print_record(record: TaskRecord, as_json: bool) -> None:
    print(
        json.dumps(record_json(record), indent=2, default=str, ensure_ascii=False)
        if as_json
        else details(record)
    )


def say(text: str) -> None:
    """Progress and messages for the person at the terminal (stderr, so stdout stays parseable)."""
    print(text, file=sys.stderr, flush=True)
