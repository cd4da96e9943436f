"""What every screenshot tool does around its scenario: the application in the screenshots' look, a
throw-away history and videos folder, the qasync loop that runs the scenario, and waiting for the screen.

Import it after ``QT_QPA_PLATFORM`` is chosen (it imports no Qt itself until called).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any


def screenshot_app():  # type: ignore[no-untyped-def]
    """The QApplication the shots are taken in: Fusion, so they look the same on every machine, and kept
    running while a window closes between two scenes."""
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    app.setQuitOnLastWindowClosed(False)
    return app


def run_in_scratch_history(
    app,  # type: ignore[no-untyped-def]
    scenario: Callable[[Path], Coroutine[Any, Any, None]],
    poll_interval: str = "0.5",
) -> None:
    """Run ``scenario(tmp)`` to the end on a qasync loop, the app's history and videos in the temporary
    folder ``tmp`` (deleted afterwards), so the user's own history is never read or written."""
    import qasync

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HAPPYHORSE_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["HAPPYHORSE_OUTPUT_DIR"] = str(Path(tmp) / "videos")
        os.environ["HAPPYHORSE_POLL_INTERVAL"] = poll_interval
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(scenario(Path(tmp)))


async def until(
    predicate: Callable[[], object],
    timeout: float,
    step: float = 0.1,
    failure: Callable[[], Exception] | None = None,
) -> None:
    """Wait until ``predicate()`` is true, looking every ``step`` seconds; after ``timeout``, raise
    ``failure()`` (the tests' own AssertionError) or else a TimeoutError."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise failure() if failure else TimeoutError(f"the screen never got there: {predicate}")
        await asyncio.sleep(step)


async def export_gif(dialog, start: float, end: float, timeout: float) -> str:  # type: ignore[no-untyped-def]
    """Export the seconds ``start``–``end`` of an ExportDialog's take as a GIF (its other fields as they
    are), wait until it is saved and return the dialog's status line."""
    from PySide6.QtWidgets import QLabel

    dialog.format.setCurrentIndex(1)
    dialog.start.setValue(start)
    dialog.end.setValue(end)
    dialog.run()
    status = dialog.findChild(QLabel, "mediaJobStatus")
    await until(lambda: status.text().startswith("Saved"), timeout)
    return status.text()
