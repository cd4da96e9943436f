"""Logging to a rotating file in the data folder, with every record passed through the redactor."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from happyhorse_desktop.redaction import RedactingFilter

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A log file that cannot be written (a full disk, a removed folder) loses lines, and says nothing:
    the app carries on and tells the person what matters; a "Logging error" traceback on the terminal
    would only hide the real message."""

    def handleError(self, record: logging.LogRecord) -> None:
        return None


def setup_logging(log_dir: Path, *, console_level: int | None = None) -> None:
    level = logging.DEBUG if os.environ.get("HAPPYHORSE_DEBUG") else logging.INFO
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_happyhorse", False):
            root.removeHandler(handler)
            handler.close()
    log_dir.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [
        QuietFileHandler(log_dir / "happyhorse.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    ]
    if console_level is not None:
        console = logging.StreamHandler()
        console.setLevel(console_level)
        handlers.append(console)
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler._happyhorse = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO; keep it at WARNING unless debugging.
    logging.getLogger("httpx").setLevel(logging.DEBUG if level == logging.DEBUG else logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
