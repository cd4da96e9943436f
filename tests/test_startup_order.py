"""Start-up paints first: the real entry point shows its window before the engine is imported and the
history read, then attaches the engine and fills the list (the order benchmarks/startup.py measures)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from storekit import add

from happyhorse_desktop.tasks.store import TaskStore

WATCH_START = r"""
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

app = QApplication(sys.argv[:1])
seen = {}


def state(window):
    return {
        "engine_imported": "happyhorse_desktop.engine" in sys.modules,
        "attached": window.attached,
        "rows": window.model.rowCount(),
        "list_says": window.findChild(QLabel, "emptyHint").text() if window.model.rowCount() == 0 else None,
        "submit_enabled": window.composer.submit_button.isEnabled(),
        "settings_enabled": next(
            a.isEnabled() for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Settings…"
        ),
    }


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.objectName() == "mainWindow" and "paint" not in seen:
            seen["paint"] = state(obj)
            if os.environ.get("CLOSE_AT_FIRST_PAINT"):
                QTimer.singleShot(0, obj.close)
        return False


watcher = FirstPaint()
app.installEventFilter(watcher)


def watch():
    for welcome in QApplication.topLevelWidgets():
        if welcome.objectName() == "welcomeDialog" and welcome.isVisible():
            shown_at = seen.setdefault("welcome_at", time.monotonic())
            if time.monotonic() - shown_at < 1.6:  # longer than the window's one-second paint fallback
                return
            behind = [w for w in QApplication.topLevelWidgets() if getattr(w, "attached", False)]
            seen["behind_welcome"] = [w.manager.started for w in behind]
            welcome.findChild(QPushButton, "tryDemoButton").click()
            seen["answered"] = True
            return
    for box in QApplication.topLevelWidgets():
        if box.objectName() == "historyErrorBox" and box.isVisible():
            windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]
            seen["box"] = {"window_shown": any(w.isVisible() for w in windows)}
            next(b for b in box.buttons() if b.text() == os.environ["HISTORY_ANSWER"]).click()
            return
    for window in QApplication.topLevelWidgets():
        if window.objectName() == "mainWindow" and getattr(window, "attached", False):
            demo_now = "answered" in seen and "DEMO" in window.windowTitle()
            if os.environ.get("ANSWER_WELCOME") and not demo_now:
                continue  # the real window, behind the welcome; then the demo window that replaces it
            seen["attached"] = state(window)
            window.close()


timer = QTimer()
timer.timeout.connect(watch)
timer.start(20)
from happyhorse_desktop.app import main

code = main([])
print("SEEN", json.dumps(seen), "EXIT", code, flush=True)
"""


def start(
    tasks: int | None, exit_code: int = 0, key: str | None = "sk-evo-" + "a" * 40, **env_changes: str
) -> dict:
    """The real entry point on a history of ``tasks`` tasks (None: a file that is no database), with a
    key: what the window was at its first paint and once attached; ``main()`` returns ``exit_code``."""
    data = Path(os.environ["HAPPYHORSE_DATA_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    if tasks is None:
        (data / "tasks.sqlite3").write_bytes(b"not a database at all " * 200)
    else:
        store = TaskStore(data / "tasks.sqlite3")
        for n in range(tasks):
            add(store, idempotency_key=f"k{n}")
        store.close()
    env = {**os.environ, **({"EVOLINK_API_KEY": key} if key else {}), **env_changes}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parent), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", WATCH_START], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]  # the watcher ran to its end
    line = next(line for line in result.stdout.splitlines() if line.startswith("SEEN "))
    assert line.endswith(f"EXIT {exit_code}"), line
    return json.loads(line.removeprefix("SEEN ").removesuffix(f" EXIT {exit_code}"))


@pytest.mark.usefixtures("isolated_env")
def test_the_window_paints_before_the_engine_and_the_history() -> None:
    seen = start(3)
    # The first paint: no engine imported, nothing read from the history, nothing that needs the
    # engine can be clicked (Generate, Settings)…
    assert seen["paint"] == {
        "engine_imported": False,
        "attached": False,
        "rows": 0,
        "list_says": "Opening the task history…",  # not "No tasks yet": it has not been read
        "submit_enabled": False,
        "settings_enabled": False,
    }
    # …then the engine, and the history in the list.
    assert seen["attached"]["engine_imported"] and seen["attached"]["rows"] == 3
    assert seen["attached"]["list_says"] is None
    assert seen["attached"]["settings_enabled"]


@pytest.mark.usefixtures("isolated_env")
def test_closing_the_window_before_the_engine_exists_quits_cleanly() -> None:
    seen = start(1, CLOSE_AT_FIRST_PAINT="1")
    assert seen["paint"]["attached"] is False
    assert "attached" not in seen  # the engine was never attached: the app quit with 0 instead


@pytest.mark.usefixtures("isolated_env")
def test_a_history_that_cannot_be_opened_after_the_first_paint_is_set_aside_on_request() -> None:
    seen = start(None, HISTORY_ANSWER="Set it aside and start fresh")
    assert seen["paint"]["attached"] is False  # the window painted before the history was opened
    assert seen["box"] == {"window_shown": False}  # the box alone, the empty window hidden meanwhile
    assert seen["attached"]["rows"] == 0  # a fresh history
    data = Path(os.environ["HAPPYHORSE_DATA_DIR"])
    assert [p.name for p in data.glob("tasks.sqlite3.unreadable-*")]  # the old file is kept aside


@pytest.mark.usefixtures("isolated_env")
def test_quitting_at_the_history_box_closes_the_first_window_and_exits_with_1() -> None:
    seen = start(None, exit_code=1, HISTORY_ANSWER="Quit")
    assert seen["box"] == {"window_shown": False}
    assert "attached" not in seen


@pytest.mark.usefixtures("isolated_env")
def test_nothing_starts_behind_the_welcome_when_the_keychain_has_no_key() -> None:
    """A returning user whose keychain answers at once with no key: the welcome asks for one over the
    window, and the engine (polling, the queue) waits for its answer even once the window has painted
    (started, it would pause the history's queue for a missing key)."""
    seen = start(
        2,
        key=None,
        PYTHON_KEYRING_BACKEND="slow_keyring.SlowKeyring",
        SLOW_KEYRING_DELAY="0.1",
        SLOW_KEYRING_KEY="",
        ANSWER_WELCOME="1",
    )
    assert seen["paint"]["attached"] is False
    assert seen["behind_welcome"] == [False]  # the real window, attached, its engine not started
    assert seen["attached"]["attached"]  # "Try the demo": the demo window took over, and was closed
