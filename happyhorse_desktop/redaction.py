"""Scrub secrets out of any text before it is logged, shown or stored.

Two layers: a pattern for anything shaped like an EvoLink key or a Bearer token, and the exact values
registered at run time (the key the user actually typed may not follow the ``sk-evo-`` shape).
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "[REDACTED]"
_PATTERNS = [
    re.compile(r"(?i)(bearer\s+)[^\s'\",}]+"),
    # A key-shaped word: "sk-" at the start of a token, so "task-unified-…" ids are left alone.
    re.compile(r"(?<![A-Za-z0-9_\-])sk-[A-Za-z0-9_\-]{6,}"),
]
_known: set[str] = set()
_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Remember a secret so that every later :func:`redact` call masks it wherever it appears."""
    if value and len(value) >= 4:
        with _lock:
            _known.add(value)


def redact(text: object) -> str:
    s = str(text) if text is not None else ""
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for secret in known:
        s = s.replace(secret, MASK)
    s = _PATTERNS[0].sub(lambda m: m.group(1) + MASK, s)
    return _PATTERNS[1].sub(MASK, s)


class RedactingFilter(logging.Filter):
    """A logging filter that rewrites each record's final message with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info:
            # Render the traceback now so the formatter prints the redacted text, not the raw one.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True
