"""The window's answer to a history it cannot open (issue 17, defect 9): one box, shown while the event
loop runs, that says what is wrong and what to do — set the file aside and start fresh, or quit. The
command line's side is in test_stuck_states.py."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from guikit import close_window, run_qt
from kit import wait_for
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from happyhorse_desktop.session import open_window
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.ui.main_window import MainWindow

CORRUPT = b"not a database at all " * 200


def corrupt_history(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "tasks.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(CORRUPT)
    return db


def newer_history(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "tasks.sqlite3"
    TaskStore(db).close()
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA user_version=99")  # a schema this version does not know
    connection.commit()
    connection.close()
    return db


async def history_box(qtbot) -> QMessageBox:  # type: ignore[no-untyped-def]
    """The box, once it is on screen (it has no parent: the window it would belong to does not exist)."""

    def shown() -> QMessageBox | None:
        boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "historyErrorBox"]
        return next((b for b in boxes if isinstance(b, QMessageBox) and b.isVisible()), None)

    await wait_for(lambda: shown() is not None, 10)
    box = shown()
    assert box is not None
    qtbot.addWidget(box)  # deleted after the test
    return box


def button(box: QMessageBox, text: str) -> QPushButton:
    return next(b for b in box.buttons() if b.text() == text)


def button_texts(box: QMessageBox) -> list[str]:
    return sorted(b.text() for b in box.buttons())


def test_a_corrupt_history_can_be_set_aside_for_a_fresh_window(qtbot, qloop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = corrupt_history(tmp_path)

    async def scenario() -> None:
        opening = asyncio.ensure_future(open_window())
        box = await history_box(qtbot)
        assert not opening.done()  # the box waits for the user; the event loop keeps running
        assert "cannot be read" in box.text() and str(db) in box.text()
        assert "renamed, not deleted" in box.text()
        assert button_texts(box) == ["Quit", "Set it aside and start fresh"]
        assert db.read_bytes() == CORRUPT  # nothing changed before the user agreed
        button(box, "Set it aside and start fresh").click()
        window = await asyncio.wait_for(opening, 20)
        qtbot.addWidget(window)
        assert isinstance(window, MainWindow) and window.model.rowCount() == 0
        (kept,) = db.parent.glob("tasks.sqlite3.unreadable-*")
        assert kept.read_bytes() == CORRUPT  # set aside whole, not deleted
        with sqlite3.connect(db) as fresh:  # a new, readable history in its place
            assert fresh.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        await close_window(window)

    run_qt(qloop, scenario())


def test_quit_on_a_corrupt_history_opens_nothing_and_keeps_the_file(qtbot, qloop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = corrupt_history(tmp_path)

    async def scenario() -> None:
        opening = asyncio.ensure_future(open_window())
        box = await history_box(qtbot)
        button(box, "Quit").click()
        assert await asyncio.wait_for(opening, 10) is None
        assert db.read_bytes() == CORRUPT
        assert list(db.parent.glob("tasks.sqlite3.unreadable-*")) == []

    run_qt(qloop, scenario())


def test_a_history_from_a_newer_app_offers_only_quit(qtbot, qloop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = newer_history(tmp_path)
    before = db.read_bytes()

    async def scenario() -> None:
        opening = asyncio.ensure_future(open_window())
        box = await history_box(qtbot)
        assert "newer version of HappyHorse Desktop" in box.text()
        assert button_texts(box) == ["Quit"]  # nothing to set aside: a newer version reads it
        button(box, "Quit").click()
        assert await asyncio.wait_for(opening, 10) is None
        assert db.read_bytes() == before
        assert list(db.parent.glob("tasks.sqlite3.unreadable-*")) == []

    run_qt(qloop, scenario())
