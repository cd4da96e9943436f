"""The EvoLink HTTP API: client, models, error taxonomy and retry policy (no Qt in here)."""

from happyhorse_desktop.api.client import (
    DEFAULT_API_BASE,
    DEFAULT_FILES_BASE,
    EvoLinkClient,
    make_http_client,
)
from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError
from happyhorse_desktop.api.models import (
    DEFAULT_MODEL,
    MODELS,
    QUALITIES,
    Credits,
    GenerationRequest,
    TaskSnapshot,
    UploadResult,
)

__all__ = [
    "DEFAULT_API_BASE",
    "DEFAULT_FILES_BASE",
    "DEFAULT_MODEL",
    "MODELS",
    "QUALITIES",
    "Credits",
    "ErrorKind",
    "EvoLinkClient",
    "EvoLinkError",
    "GenerationRequest",
    "TaskSnapshot",
    "UploadResult",
    "make_http_client",
]
