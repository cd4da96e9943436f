"""One error taxonomy for everything that can go wrong talking to EvoLink.

Every failure the client raises is an :class:`EvoLinkError` whose ``kind`` says what happened, whose
``user_message`` is fit to show a person, and whose ``retryable`` flag says whether trying the same call
again later can help. Messages never contain the API key: they are built from fixed text plus the
server's own ``error.message``, which is scrubbed by :func:`happyhorse_desktop.redaction.redact`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from happyhorse_desktop.i18n_core import QT_TRANSLATE_NOOP, translate
from happyhorse_desktop.redaction import redact


class ErrorKind(enum.StrEnum):
    AUTH = "auth"
    INSUFFICIENT_CREDITS = "insufficient_credits"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    INVALID_PARAMETERS = "invalid_parameters"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    SERVER = "server"
    NETWORK = "network"
    BAD_REPLY = "bad_reply"
    DOWNLOAD = "download"
    DISK = "disk"


# (what happened, what to do) for each kind; the user sees "what (HTTP n, code): detail. What to do."
# Marked here, translated where shown (the language may change between import and use).
_MESSAGES: dict[ErrorKind, tuple[str, str]] = {
    ErrorKind.AUTH: (
        QT_TRANSLATE_NOOP("ApiErrors", "The API key was refused"),
        QT_TRANSLATE_NOOP("ApiErrors", "Check the key in Settings."),
    ),
    ErrorKind.INSUFFICIENT_CREDITS: (
        QT_TRANSLATE_NOOP("ApiErrors", "Not enough credits on the EvoLink account"),
        QT_TRANSLATE_NOOP("ApiErrors", "Top up, then try again."),
    ),
    ErrorKind.FORBIDDEN: (
        QT_TRANSLATE_NOOP("ApiErrors", "This API key may not use this model or this task"),
        QT_TRANSLATE_NOOP("ApiErrors", "Check the key's permissions."),
    ),
    ErrorKind.NOT_FOUND: (
        QT_TRANSLATE_NOOP("ApiErrors", "EvoLink does not know this task"),
        QT_TRANSLATE_NOOP("ApiErrors", "It may have expired."),
    ),
    ErrorKind.RATE_LIMITED: (
        QT_TRANSLATE_NOOP("ApiErrors", "EvoLink is rate-limiting requests"),
        QT_TRANSLATE_NOOP("ApiErrors", "The app slows down and retries."),
    ),
    ErrorKind.INVALID_PARAMETERS: (
        QT_TRANSLATE_NOOP("ApiErrors", "EvoLink refused the request parameters"),
        QT_TRANSLATE_NOOP("ApiErrors", "Check the settings."),
    ),
    ErrorKind.PAYLOAD_TOO_LARGE: (
        QT_TRANSLATE_NOOP("ApiErrors", "The file is too large for EvoLink"),
        QT_TRANSLATE_NOOP("ApiErrors", "Use a smaller image."),
    ),
    ErrorKind.SERVER: (
        QT_TRANSLATE_NOOP("ApiErrors", "EvoLink had a server error"),
        QT_TRANSLATE_NOOP("ApiErrors", "Try again later."),
    ),
    ErrorKind.NETWORK: (
        QT_TRANSLATE_NOOP("ApiErrors", "Could not reach EvoLink"),
        QT_TRANSLATE_NOOP("ApiErrors", "Check the internet connection."),
    ),
    ErrorKind.BAD_REPLY: (
        QT_TRANSLATE_NOOP("ApiErrors", "EvoLink sent a reply the app could not understand"),
        QT_TRANSLATE_NOOP("ApiErrors", "Try again later."),
    ),
    ErrorKind.DOWNLOAD: (
        QT_TRANSLATE_NOOP("ApiErrors", "The video could not be downloaded"),
        QT_TRANSLATE_NOOP("ApiErrors", "The app retries while the link is valid."),
    ),
    ErrorKind.DISK: (
        QT_TRANSLATE_NOOP("ApiErrors", "The video could not be saved to disk"),
        QT_TRANSLATE_NOOP("ApiErrors", "Free some space or pick another folder."),
    ),
}

_RETRYABLE = {ErrorKind.RATE_LIMITED, ErrorKind.SERVER, ErrorKind.NETWORK}


@dataclass(eq=False)
class EvoLinkError(Exception):
    """A failure of an EvoLink call, classified for the user and for the retry policy."""

    kind: ErrorKind
    detail: str = ""
    status: int | None = None
    code: str | None = None
    retry_after: float | None = None
    # True when a request may have reached the server although no usable answer came back
    # (read timeout, connection dropped after sending). For a task creation this means "outcome unknown".
    maybe_delivered: bool = False

    def __post_init__(self) -> None:
        self.detail = redact(self.detail)
        super().__init__(self.user_message)

    @property
    def retryable(self) -> bool:
        return self.kind in _RETRYABLE

    @property
    def summary(self) -> str:
        """What happened, with the HTTP status, the server's code and its message — no advice.
        The server's message stays as the server wrote it."""
        text = translate("ApiErrors", _MESSAGES[self.kind][0])
        extra = [f"HTTP {self.status}"] if self.status is not None else []
        if self.code:
            extra.append(self.code)
        if extra:
            text = translate("ApiErrors", "{what} ({codes})").format(what=text, codes=", ".join(extra))
        if self.detail:
            text = translate("ApiErrors", "{what}: {detail}").format(
                what=text, detail=self.detail.rstrip(".")
            )
        return text

    @property
    def user_message(self) -> str:
        advice = translate("ApiErrors", _MESSAGES[self.kind][1])
        return translate("ApiErrors", "{what}. {advice}").format(what=self.summary, advice=advice)

    def __str__(self) -> str:
        return self.user_message


def kind_for(status: int, code: str | None) -> ErrorKind:
    """Classify an HTTP error reply by status first, then by the EvoLink error code."""
    code = (code or "").lower()
    if status == 401 or code in {"unauthorized", "authentication_error", "invalid_api_key"}:
        return ErrorKind.AUTH
    if status == 402 or "quota" in code or "insufficient" in code:
        return ErrorKind.INSUFFICIENT_CREDITS
    if status == 403:
        return ErrorKind.FORBIDDEN
    if status == 404:
        return ErrorKind.NOT_FOUND
    if status == 413:
        return ErrorKind.PAYLOAD_TOO_LARGE
    if status == 429 or code.startswith("rate_limit"):
        return ErrorKind.RATE_LIMITED
    if 400 <= status < 500 or code in {"invalid_request", "invalid_parameters"}:
        return ErrorKind.INVALID_PARAMETERS
    if status >= 500 or code in {"internal_error", "upstream_error", "service_unavailable_error"}:
        return ErrorKind.SERVER
    return ErrorKind.BAD_REPLY


# What to tell the user about a task that failed on the server, by its ``error.code``
# (marked here, translated where shown), and whether trying again later can help.
TASK_FAILURE_ADVICE: dict[str, tuple[str, bool]] = {
    "content_policy_violation": (
        QT_TRANSLATE_NOOP(
            "TaskFailures",
            "Refused by the content policy (faces, celebrities, logos, NSFW…). Change the image or prompt.",
        ),
        False,
    ),
    "invalid_parameters": (
        QT_TRANSLATE_NOOP("TaskFailures", "The parameters were refused. Check prompt, duration and quality."),
        False,
    ),
    "image_processing_error": (
        QT_TRANSLATE_NOOP(
            "TaskFailures",
            "EvoLink could not read the image (URL unreachable or format unsupported). Use a local file.",
        ),
        False,
    ),
    "image_dimension_mismatch": (
        QT_TRANSLATE_NOOP("TaskFailures", "The image dimensions are not accepted. Use the image fix."),
        False,
    ),
    "request_cancelled": (QT_TRANSLATE_NOOP("TaskFailures", "The task was cancelled."), False),
    "generation_failed_no_content": (
        QT_TRANSLATE_NOOP("TaskFailures", "Generation produced no content. Try again later."),
        True,
    ),
    "service_error": (QT_TRANSLATE_NOOP("TaskFailures", "EvoLink service error. Try again later."), True),
    "generation_timeout": (
        QT_TRANSLATE_NOOP("TaskFailures", "Generation timed out on the server. Try again later."),
        True,
    ),
    "resource_exhausted": (
        QT_TRANSLATE_NOOP("TaskFailures", "EvoLink is out of capacity. Try again later."),
        True,
    ),
    "quota_exceeded": (
        QT_TRANSLATE_NOOP("TaskFailures", "Quota exceeded on the server. Try again later."),
        True,
    ),
    "service_unavailable": (
        QT_TRANSLATE_NOOP("TaskFailures", "EvoLink is unavailable. Try again later."),
        True,
    ),
    "resource_not_found": (
        QT_TRANSLATE_NOOP("TaskFailures", "A resource was not found on the server. Try again later."),
        True,
    ),
    "unknown_error": (QT_TRANSLATE_NOOP("TaskFailures", "Unknown server error. Try again later."), True),
}
_UNKNOWN_FAILURE = QT_TRANSLATE_NOOP("TaskFailures", "The task failed on the server.")


def describe_task_failure(code: str | None, message: str | None) -> str:
    """A one-line explanation of a failed task for the task list (credits are refunded): our advice,
    then the server's own message as it wrote it."""
    advice, _ = TASK_FAILURE_ADVICE.get((code or "").lower(), (_UNKNOWN_FAILURE, True))
    parts = [translate("TaskFailures", advice)]
    if message:
        said = translate("TaskFailures", "Server said: {message}.")
        parts.append(said.format(message=redact(message).rstrip(".")))
    parts.append(translate("TaskFailures", "Reserved credits are refunded."))
    return " ".join(parts)
