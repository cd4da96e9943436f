"""One error taxonomy for everything that can go wrong talking to EvoLink.

Every failure the client raises is an :class:`EvoLinkError` whose ``kind`` says what happened, whose
``user_message`` is fit to show a person, and whose ``retryable`` flag says whether trying the same call
again later can help. Messages never contain the API key: they are built from fixed text plus the
server's own ``error.message``, which is scrubbed by :func:`happyhorse_desktop.redaction.redact`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

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
_MESSAGES: dict[ErrorKind, tuple[str, str]] = {
    ErrorKind.AUTH: ("The API key was refused", "Check the key in Settings."),
    ErrorKind.INSUFFICIENT_CREDITS: ("Not enough credits on the EvoLink account", "Top up, then try again."),
    ErrorKind.FORBIDDEN: ("This API key may not use this model or this task", "Check the key's permissions."),
    ErrorKind.NOT_FOUND: ("EvoLink does not know this task", "It may have expired."),
    ErrorKind.RATE_LIMITED: ("EvoLink is rate-limiting requests", "The app slows down and retries."),
    ErrorKind.INVALID_PARAMETERS: ("EvoLink refused the request parameters", "Check the settings."),
    ErrorKind.PAYLOAD_TOO_LARGE: ("The file is too large for EvoLink", "Use a smaller image."),
    ErrorKind.SERVER: ("EvoLink had a server error", "Try again later."),
    ErrorKind.NETWORK: ("Could not reach EvoLink", "Check the internet connection."),
    ErrorKind.BAD_REPLY: ("EvoLink sent a reply the app could not understand", "Try again later."),
    ErrorKind.DOWNLOAD: ("The video could not be downloaded", "The app retries while the link is valid."),
    ErrorKind.DISK: ("The video could not be saved to disk", "Free some space or pick another folder."),
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
        """What happened, with the HTTP status, the server's code and its message — no advice."""
        what, _ = _MESSAGES[self.kind]
        extra = [f"HTTP {self.status}"] if self.status is not None else []
        if self.code:
            extra.append(self.code)
        suffix = f" ({', '.join(extra)})" if extra else ""
        detail = f": {self.detail.rstrip('.')}" if self.detail else ""
        return f"{what}{suffix}{detail}"

    @property
    def user_message(self) -> str:
        return f"{self.summary}. {_MESSAGES[self.kind][1]}"

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


# What to tell the user about a task that failed on the server, by its ``error.code``.
TASK_FAILURE_ADVICE: dict[str, tuple[str, bool]] = {
    "content_policy_violation": (
        "Refused by the content policy (faces, celebrities, logos, NSFW…). Change the image or prompt.",
        False,
    ),
    "invalid_parameters": ("The parameters were refused. Check prompt, duration and quality.", False),
    "image_processing_error": (
        "EvoLink could not read the image (URL unreachable or format unsupported). Use a local file.",
        False,
    ),
    "image_dimension_mismatch": ("The image dimensions are not accepted. Use the image fix.", False),
    "request_cancelled": ("The task was cancelled.", False),
    "generation_failed_no_content": ("Generation produced no content. Try again later.", True),
    "service_error": ("EvoLink service error. Try again later.", True),
    "generation_timeout": ("Generation timed out on the server. Try again later.", True),
    "resource_exhausted": ("EvoLink is out of capacity. Try again later.", True),
    "quota_exceeded": ("Quota exceeded on the server. Try again later.", True),
    "service_unavailable": ("EvoLink is unavailable. Try again later.", True),
    "resource_not_found": ("A resource was not found on the server. Try again later.", True),
    "unknown_error": ("Unknown server error. Try again later.", True),
}


def describe_task_failure(code: str | None, message: str | None) -> str:
    """A one-line explanation of a failed task for the task list (credits are refunded)."""
    advice, _ = TASK_FAILURE_ADVICE.get((code or "").lower(), ("The task failed on the server.", True))
    server = f" Server said: {redact(message).rstrip('.')}." if message else ""
    return f"{advice}{server} Reserved credits are refunded."
