"""The EvoLink HTTP API: client, models, error taxonomy and retry policy (no Qt in here).

Names are resolved lazily (PEP 562): importing ``happyhorse_desktop.api.errors`` or ``.models`` must not
import httpx, which costs start-up time the first window paint should not pay.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "DEFAULT_API_BASE": "models",
    "DEFAULT_FILES_BASE": "models",
    "DEFAULT_MODEL": "models",
    "MODELS": "models",
    "QUALITIES": "models",
    "Credits": "models",
    "GenerationRequest": "models",
    "TaskSnapshot": "models",
    "UploadResult": "models",
    "ErrorKind": "errors",
    "EvoLinkError": "errors",
    "EvoLinkClient": "client",
    "make_http_client": "client",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
