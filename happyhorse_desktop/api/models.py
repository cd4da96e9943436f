"""Typed request and response models with tolerant parsing.

The API is partly documented and partly assumed (docs/evolink-api.md), so the parsers accept any extra
fields (kept in ``extra`` and logged at debug level), unknown status strings (kept as they are), missing
optional fields and ``error.code`` given as a string or an integer. Anything that is not the expected
*shape* at all raises :class:`EvoLinkError` of kind ``BAD_REPLY`` — never ``KeyError``/``TypeError``.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.routes import QUALITIES as QUALITIES  # re-exported: callers read it here
from happyhorse_desktop.routes import ROUTES

log = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.evolink.ai"
DEFAULT_FILES_BASE = "https://files-api.evolink.ai"
DEFAULT_MODEL = "happyhorse-1.0-image-to-video"
# Model id -> its English name for people, read from the route table in the order the app offers them;
# vocabulary.model_label says it in the reader's language.
MODELS: dict[str, str] = {model: f"HappyHorse {r.version} · {r.label}" for model, r in ROUTES.items()}

KNOWN_STATUSES = frozenset({"pending", "processing", "completed", "failed", "cancelled"})
TERMINAL_SERVER_STATUSES = frozenset({"completed", "failed", "cancelled"})

_TASK_FIELDS = {
    "created",
    "created_at",
    "id",
    "model",
    "object",
    "progress",
    "status",
    "task_info",
    "type",
    "usage",
    "results",
    "error",
    "result_data",
}


@dataclass(frozen=True)
class GenerationRequest:
    """The body of ``POST /v1/videos/generations`` for any HappyHorse route (already validated).

    Fields a route does not take are left at ``None``/empty and are then not sent at all."""

    model: str
    image_urls: tuple[str, ...] = ()
    prompt: str = ""
    quality: str = "720p"
    duration: int | None = 5
    seed: int | None = None
    callback_url: str | None = None
    video_urls: tuple[str, ...] = ()
    aspect_ratio: str | None = None
    keep_original_sound: bool | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "quality": self.quality}
        optional: dict[str, Any] = {
            "image_urls": list(self.image_urls),
            "video_urls": list(self.video_urls),
            "prompt": self.prompt,
            "duration": self.duration,
            "seed": self.seed,
            "callback_url": self.callback_url,
            "aspect_ratio": self.aspect_ratio,
            "keep_original_sound": self.keep_original_sound,
        }
        body.update({k: v for k, v in optional.items() if v not in (None, "", [])})
        return body


@dataclass(frozen=True)
class TaskError:
    code: str | None
    message: str | None
    type: str | None = None


@dataclass(frozen=True)
class TaskSnapshot:
    """What the server said about one task at one moment."""

    id: str
    status: str
    progress: int | None = None
    model: str | None = None
    created: int | None = None
    estimated_time: float | None = None
    credits_reserved: float | None = None
    credits_used: float | None = None
    results: tuple[str, ...] = ()
    error: TaskError | None = None
    can_cancel: bool | None = None
    video_duration: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_SERVER_STATUSES

    @property
    def is_known_status(self) -> bool:
        return self.status in KNOWN_STATUSES


@dataclass(frozen=True)
class UploadResult:
    file_url: str
    file_id: str | None = None
    expires_at: str | None = None
    size: int | None = None
    mime_type: str | None = None
    sha256: str | None = None  # of the bytes sent, for a streamed upload (the client computes it)


@dataclass(frozen=True)
class Credits:
    balance: float | None  # account ("user") remaining credits
    key_remaining: float | None  # this key's allowance ("token"); None when unlimited or absent
    key_unlimited: bool = False
    used: float | None = None


def _bad(detail: str) -> EvoLinkError:
    return EvoLinkError(ErrorKind.BAD_REPLY, detail)


def _number(value: Any) -> float | None:
    """A finite number from an int, float or numeric string; anything else is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        f = float(value)
    elif isinstance(value, str):
        try:
            f = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return f if math.isfinite(f) else None


def _timestamp(value: Any) -> float | None:
    """Unix seconds from a number or an ISO 8601 string; None for anything else."""
    number = _number(value)
    if number is not None or not isinstance(value, str):
        return number
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _url_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v]
    return []


def parse_task(data: Any) -> TaskSnapshot:
    """Parse a task-query body. Raises ``EvoLinkError(BAD_REPLY)`` when it is not a task at all."""
    if not isinstance(data, dict):
        raise _bad(
            translate("ApiErrors", "expected a task object, got {type}").format(type=type(data).__name__)
        )
    task_id = _text(data.get("id"))
    if not task_id:
        raise _bad(translate("ApiErrors", "the task reply has no id"))
    status_raw = data.get("status")
    status = status_raw.strip().lower() if isinstance(status_raw, str) and status_raw.strip() else "unknown"
    if status not in KNOWN_STATUSES:
        log.warning("task %s: unknown status %r kept as is", task_id, status_raw)

    progress_num = _number(data.get("progress"))
    progress = None if progress_num is None else int(min(100, max(0, progress_num)))
    info = _dict(data.get("task_info"))
    usage = _dict(data.get("usage"))
    cost = _dict(usage.get("cost"))

    results = _url_list(data.get("results"))
    result_data = data.get("result_data")
    for item in result_data if isinstance(result_data, list) else []:
        url = _dict(item).get("video_url")
        if isinstance(url, str) and url and url not in results:
            results.append(url)

    error = None
    err = data.get("error")
    if isinstance(err, dict):
        error = TaskError(_text(err.get("code")), _text(err.get("message")), _text(err.get("type")))
    elif isinstance(err, str) and err:
        error = TaskError(None, err)

    can_cancel = info.get("can_cancel")
    extra = {k: v for k, v in data.items() if k not in _TASK_FIELDS}
    if extra:
        log.debug("task %s: extra fields %s", task_id, sorted(extra))
    # Task bodies say "created"; the task list's items say "created_at" (Unix seconds, or ISO 8601).
    created = _number(data.get("created"))
    if created is None:
        created = _timestamp(data.get("created_at"))
    return TaskSnapshot(
        id=task_id,
        status=status,
        progress=progress,
        model=_text(data.get("model")),
        created=int(created) if created is not None else None,
        estimated_time=_number(info.get("estimated_time")),
        credits_reserved=_number(usage.get("credits_reserved")),
        credits_used=_number(usage.get("credits_used")) or _number(cost.get("credits")),
        results=tuple(results),
        error=error,
        can_cancel=can_cancel if isinstance(can_cancel, bool) else None,
        video_duration=int(d) if (d := _number(info.get("video_duration"))) is not None else None,
        extra=extra,
    )


def parse_task_list(data: Any) -> list[TaskSnapshot]:
    """Parse the batch reply ``{"data": [task, ...]}``; a malformed item is skipped, not fatal."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise _bad(translate("ApiErrors", "the batch reply has no data list"))
    tasks = []
    for item in data["data"]:
        try:
            tasks.append(parse_task(item))
        except EvoLinkError as exc:
            log.warning("batch reply: skipped a malformed task (%s)", exc.detail)
    return tasks


def parse_upload(data: Any) -> UploadResult:
    if not isinstance(data, dict):
        raise _bad(translate("ApiErrors", "the upload reply is not an object"))
    if data.get("success") is False:
        code = _text(data.get("code"))
        raise _bad(
            translate("ApiErrors", "upload refused: {reason} (code {code})").format(
                reason=_text(data.get("msg")) or translate("ApiErrors", "no reason given"), code=code
            )
        )
    payload = _dict(data.get("data"))
    url = _text(payload.get("file_url")) or _text(payload.get("download_url"))
    if not url or not url.lower().startswith(("http://", "https://")):
        raise _bad(translate("ApiErrors", "the upload reply has no usable file_url"))
    size = _number(payload.get("file_size"))
    return UploadResult(
        file_url=url,
        file_id=_text(payload.get("file_id")),
        expires_at=_text(payload.get("expires_at")),
        size=int(size) if size is not None else None,
        mime_type=_text(payload.get("mime_type")),
    )


def parse_credits(data: Any) -> Credits:
    if not isinstance(data, dict):
        raise _bad(translate("ApiErrors", "the credits reply is not an object"))
    payload = _dict(data.get("data"))
    user = _dict(payload.get("user"))
    token = _dict(payload.get("token"))
    if not user and not token:
        raise _bad(translate("ApiErrors", "the credits reply has neither user nor token balance"))
    unlimited = token.get("unlimited_credits") is True
    return Credits(
        balance=_number(user.get("remaining_credits")),
        key_remaining=None if unlimited else _number(token.get("remaining_credits")),
        key_unlimited=unlimited,
        used=_number(user.get("used_credits")),
    )


def parse_error_body(data: Any) -> tuple[str | None, str | None, str | None]:
    """(code, message, fallback_suggestion) of an error reply of either envelope; all may be None."""
    if not isinstance(data, dict):
        return None, None, None
    err = data.get("error")
    if isinstance(err, dict):
        return _text(err.get("code")), _text(err.get("message")), _text(err.get("fallback_suggestion"))
    if isinstance(err, str):
        return None, err, None
    # the files API envelope: {"success": false, "code": 4xx, "msg": "..."}
    if "success" in data or "msg" in data:
        return _text(data.get("code")), _text(data.get("msg")), None
    return None, None, None
