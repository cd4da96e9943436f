"""What a new user tripped over in the first hour (issue 12), each driven through the real window.

Most tests start from a history written beforehand (a finished take with its video, a running one, an
untracked one…) instead of generating tasks, so they are quick; the API points at a closed loopback port
unless a test needs the simulator.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from guikit import cell, close_window, drop_files, open_window, row_record, run_qt
from kit import TEST_KEY, wait_for
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QImage
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QSystemTrayIcon
from storekit import add

from happyhorse_desktop import i18n
from happyhorse_desktop.assets import asset_path
from happyhorse_desktop.i18n import Language
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.record import TaskRecord
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.ui.delegates import CELL_PADDING, CHIP_PADDING, chip_size
from happyhorse_desktop.ui.task_model import Column, TaskRole
from happyhorse_desktop.vocabulary import status_text


def history(tmp_path: Path, *rows: dict[str, object]) -> list[TaskRecord]:
    """Write rows into the history the window will open (HAPPYHORSE_DATA_DIR of this test)."""
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    try:
        return [add(store, **row) for row in rows]
    finally:
        store.close()


def saved_video(tmp_path: Path, name: str) -> str:
    target = tmp_path / "videos" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(asset_path("sample.mp4"), target)
    return str(target)


def picture(tmp_path: Path, name: str, colour: str) -> str:
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(colour)
    path = tmp_path / name
    image.save(str(path))
    return str(path)


def finished(tmp_path: Path, prompt: str = "a finished take") -> dict[str, object]:
    return {
        "prompt": prompt,
        "status": TaskStatus.COMPLETED,
        "server_id": "task-done",
        "progress": 100,
        "video_path": saved_video(tmp_path, f"{prompt.replace(' ', '-')}.mp4"),
        "image_sources": [picture(tmp_path, "done.png", "#336699")],
        "credits_used": 972000,
    }


def running(tmp_path: Path, **kw: object) -> dict[str, object]:
    row: dict[str, object] = {
        "prompt": "a running take",
        "status": TaskStatus.PROCESSING,
        "server_id": "task-running",
        "progress": 40,
        "image_sources": [picture(tmp_path, "running.png", "#cc5500")],
        "credits_reserved": 972000,
    }
    row.update(kw)
    return row


# -- item 2: the player says what is missing -------------------------------------------------------


def test_a_player_that_cannot_start_says_what_is_missing(qtbot, qloop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    history(tmp_path, finished(tmp_path))

    def without_libpulse():  # what QtMultimedia raises on a Linux without PulseAudio
        raise ImportError("libpulse.so.0: cannot open shared object file: No such file or directory")

    async def scenario() -> None:
        window = await open_window(qtbot)
        window.stage.player_factory = without_libpulse
        window.task_view.selectRow(0)
        problem = window.findChild(QLabel, "playerProblem")
        assert problem.isVisible()
        assert "libpulse.so.0" in problem.text() and "sudo apt-get install libpulse0" in problem.text()
        assert window.video_player is None
        assert window.actions.open_file.isEnabled()  # the system's player still plays it
        window.actions.play.trigger()  # pressing Play says it again instead of doing nothing
        assert problem.isVisible() and "libpulse0" in problem.text()
        await close_window(window)

    run_qt(qloop, scenario())


# -- item 3: a take without a video never shows another take's video -------------------------------


def test_selecting_a_task_without_a_video_clears_the_player(qtbot, qloop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done, busy, untracked = history(
        tmp_path,
        finished(tmp_path),
        running(tmp_path),
        running(tmp_path, prompt="an untracked take", server_id="task-untracked", tracking=False),
    )

    async def scenario() -> None:
        window = await open_window(qtbot)
        rows = {window.model.record_at(r).id: r for r in range(window.model.rowCount())}
        window.task_view.selectRow(rows[done.id])
        assert window.video_player.current_file() == Path(done.video_path)
        for record, words in ((busy, "Generating"), (untracked, "(not tracked)")):
            window.task_view.selectRow(rows[record.id])
            assert window.video_player.current_file() is None  # stopped, its file forgotten
            picture_view = window.stage.picture
            assert picture_view.isVisible() and words in picture_view.caption.text()
            await wait_for(lambda v=picture_view: v.picture.pixmap() and not v.picture.pixmap().isNull())
            shown = picture_view.picture.pixmap().toImage()
            expected = QImage(record.image_source).pixelColor(10, 10)
            assert shown.pixelColor(shown.width() // 2, shown.height() // 2) == expected  # its own picture
            assert words in window.details.text() or "not tracked" in window.details.text()
        await close_window(window)

    run_qt(qloop, scenario())


# -- item 5: no keychain is said at the moment it matters -----------------------------------------


def test_remember_without_a_keychain_says_so_at_once(
    qtbot, qloop, sim: EvoLinkSimulator, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring
    from PySide6.QtWidgets import QCheckBox, QDialogButtonBox

    from happyhorse_desktop.ui.dialogs import WelcomeDialog

    keyring.set_keyring(NoKeyring())  # a Linux without Secret Service (the fixture restores it)
    monkeypatch.setenv("HAPPYHORSE_API_BASE", sim.base_url)
    monkeypatch.setenv("HAPPYHORSE_FILES_BASE", sim.base_url)

    async def scenario() -> None:
        welcome = WelcomeDialog()
        qtbot.addWidget(welcome)
        welcome.show()
        await wait_for(lambda: "No system keychain" in welcome.findChild(QLabel, "welcomeText").text())
        welcome.close()

        window = await open_window(qtbot)
        window.open_settings()
        await wait_for(lambda: window.findChild(QDialog, "settingsDialog") is not None)
        dialog = window.findChild(QDialog, "settingsDialog")
        remember = dialog.findChild(QCheckBox, "rememberKeyCheck")
        note = dialog.findChild(QLabel, "keychainNote")
        assert not remember.isChecked() and not note.isVisibleTo(dialog)
        remember.click()  # the moment it happens
        assert note.isVisibleTo(dialog) and "kept in memory" in note.text()
        dialog.findChild(QLineEdit, "apiKeyEdit").setText(TEST_KEY)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        await wait_for(lambda: "this session only" in window.key_label.text())
        assert "memory" in window.statusBar().currentMessage()
        await close_window(window)

    run_qt(qloop, scenario())


# -- item 6: a refused key is flagged before any submit --------------------------------------------


def test_a_refused_key_is_flagged_at_start(qtbot, qloop, sim_env: EvoLinkSimulator) -> None:  # type: ignore[no-untyped-def]
    sim_env.api_key = "sk-evo-the-only-key-it-accepts"  # EVOLINK_API_KEY holds another one

    async def scenario() -> None:
        window = await open_window(qtbot)
        await wait_for(lambda: "key refused" in window.balance_label.text(), 15)
        assert "EVOLINK_API_KEY" in window.balance_label.text()
        assert "refused" in window.key_label.text() and TEST_KEY not in window.key_label.text()
        assert "EVOLINK_API_KEY" in window.statusBar().currentMessage()
        window.open_settings()
        await wait_for(lambda: window.findChild(QDialog, "settingsDialog") is not None)
        dialog = window.findChild(QDialog, "settingsDialog")
        assert not dialog.findChild(QLineEdit, "apiKeyEdit").isEnabled()
        assert dialog.findChild(QLabel, "environmentKeyNote").isVisibleTo(dialog)
        dialog.reject()
        await close_window(window)

    run_qt(qloop, scenario())
    assert sim_env.count("POST", "/v1/videos/generations") == 0


# -- item 7: one vocabulary ------------------------------------------------------------------------


def test_window_and_cli_use_the_same_words(qtbot, qloop, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from happyhorse_desktop.cli import main as cli

    rows = [
        {"status": status, "prompt": f"take {status.value}", "server_id": f"task-{status.value}"}
        for status in TaskStatus
    ]
    records = history(tmp_path, *rows, {"status": TaskStatus.REJECTED, "prompt": ""})
    assert cli(["list"]) == 0
    printed = capsys.readouterr().out

    async def scenario() -> None:
        window = await open_window(qtbot)
        window.model.fetch_all()
        shown = {window.model.record_at(r).id: r for r in range(window.model.rowCount())}
        for record in records:
            words = status_text(record)
            assert cell(window, shown[record.id], Column.STATUS) == words
            assert words in printed  # the CLI's list says the same
        window.manager.sig_task_failed.emit(records[-1].id, "refused")
        window.task_view.selectRow(shown[records[-1].id])
        assert "(no prompt)" in window.details.text()
        assert "(no prompt)" in cell(window, shown[records[-1].id], Column.PROMPT)
        window.manager.sig_task_completed.emit(records[-1].id)
        assert "(no prompt)" in window.statusBar().currentMessage()  # the notice names it the same way
        await close_window(window)

    run_qt(qloop, scenario())
    assert "(no prompt)" in printed


def test_no_second_wording_is_left_in_the_code() -> None:
    """The old second names are in no string the app can show (docstrings may tell the story)."""
    import ast

    words = ("Not submitted", "Untitled")
    package = Path(__file__).resolve().parent.parent / "happyhorse_desktop"
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        shown = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        ]
        assert not [text for text in shown for word in words if word in text], path


# -- item 8: the window works at 1280×720 and 1024×640 without a cut figure ------------------------


@pytest.mark.parametrize(
    ("width", "height", "columns_shown", "language"),
    [
        # Six rows scroll at 720 px: the scroll bar takes the room of the task id, the first column to
        # step aside (it is in the details too).
        pytest.param(1280, 720, set(Column) - {Column.TASK_ID}, Language.ENGLISH, id="1280x720"),
        pytest.param(
            1024,
            640,
            {Column.PROMPT, Column.STATUS, Column.PROGRESS, Column.CREDITS},
            Language.ENGLISH,
            id="1024x640",
        ),
        # Chinese status labels are wider than what they mean: the chip, not the line under it, sets
        # the width ("等待 EvoLink 处理" was cut).
        pytest.param(1024, 640, {Column.PROMPT, Column.STATUS}, Language.CHINESE, id="1024x640-zh"),
    ],
)
def test_small_screens_cut_no_figure(
    qtbot, qloop, tmp_path: Path, width: int, height: int, columns_shown, language: Language
) -> None:  # type: ignore[no-untyped-def]
    history(
        tmp_path,
        running(tmp_path, prompt="waits", server_id="task-w", status=TaskStatus.PENDING, progress=0),
        running(tmp_path, prompt="lost answer", server_id=None, status=TaskStatus.UNKNOWN, progress=0),
        running(
            tmp_path, prompt="retry", server_id=None, status=TaskStatus.QUEUED, not_before=time.time() + 3600
        ),
        finished(tmp_path),
        running(tmp_path, credits_reserved=1728200, quality="1080p", duration=15, estimated_time=75),
        running(tmp_path, prompt="", server_id="task-x", tracking=False, credits_reserved=99999990),
    )
    with i18n.speaking(language):
        run_qt(qloop, _cut_nothing(qtbot, width, height, columns_shown))


async def _cut_nothing(qtbot, width: int, height: int, columns_shown: set[Column]) -> None:  # type: ignore[no-untyped-def]
    """The window at ``width`` × ``height`` shows every figure, word and status chip whole."""
    window = await open_window(qtbot)
    window.resize(width, height)
    await asyncio.sleep(0.3)
    assert (window.width(), window.height()) == (width, height)  # no minimum refuses it
    assert window.minimumSizeHint().height() <= 600
    view = window.task_view
    assert not view.horizontalScrollBar().isVisible()  # nothing scrolls sideways
    visible = {c for c in Column if not view.isColumnHidden(c)}
    assert columns_shown <= visible
    metrics = view.fontMetrics()
    for row in range(window.model.rowCount()):
        for column in (Column.CREDITS, Column.ELAPSED, Column.SETTINGS, Column.CREATED, Column.PROGRESS):
            if column not in visible:
                continue
            for word in cell(window, row, column).split():
                assert metrics.horizontalAdvance(word) <= view.columnWidth(column) - 8, (column, word)
    # The status chips: the label inside its pill and the line under it, as the delegate paints them.
    inside = view.columnWidth(Column.STATUS) - 2 * CELL_PADDING
    shown = [view.model().index(row, Column.STATUS).data(TaskRole.STATUS_PARTS) for row in range(6)]
    for label, meaning in shown:
        assert chip_size(label, metrics).width() <= inside, label
        assert metrics.horizontalAdvance(meaning) <= inside - CHIP_PADDING // 2, meaning
    # Waiting, Unknown, Queued, Completed, Generating ×2; under four: what it means, when it retries,
    # the time left, not tracked.
    assert len({label for label, _ in shown}) == 5 and sum(bool(meaning) for _, meaning in shown) == 4
    running_row = next(r for r in range(6) if row_record(window, r).quality == "1080p")
    assert "/" not in cell(window, running_row, Column.ELAPSED)  # no "0:10 / ~0:01" as elapsed/total
    button = window.composer.submit_button
    bottom = button.mapTo(window, button.rect().bottomLeft()).y()
    assert (
        button.isVisible()
        and bottom < window.statusBar().mapTo(window, window.statusBar().rect().topLeft()).y()
    )
    await close_window(window)


# -- item 9: a fix states everything it does before it is applied ----------------------------------


def test_convert_says_it_downscales_before_it_does(qtbot, qloop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    noise = QImage(os.urandom(2000 * 1400 * 4), 2000, 1400, QImage.Format.Format_ARGB32)
    big = tmp_path / "big.png"
    assert noise.save(str(big))
    assert big.stat().st_size > 10 * 1024 * 1024  # over the model's limit, like the 17 MB PNG

    async def scenario() -> None:
        window = await open_window(qtbot)
        panel = window.composer.image_panel
        drop_files(panel, big)
        convert = await _fix_button(panel, "fixNoneButton")
        summary = panel.findChild(QLabel, "fixNoneSummary").text()
        assert "2000 × 1400 to 1600 × 1120 px" in summary and "10 MB" in summary and "PNG" in summary
        qtbot.mouseClick(convert, Qt.MouseButton.LeftButton)
        await wait_for(panel.is_ready, 20)
        assert QImage(panel.source()).size().toTuple() == (1600, 1120)
        await close_window(window)

    run_qt(qloop, scenario(), timeout=90)


async def _fix_button(panel, name: str) -> QPushButton:  # type: ignore[no-untyped-def]
    await wait_for(lambda: panel.findChild(QPushButton, name) is not None, 20)
    button = panel.findChild(QPushButton, name)
    await wait_for(button.isEnabled, 40)
    return button


# -- item 10: "Show in folder" where nothing answers ----------------------------------------------


def test_show_in_folder_offers_the_path_when_nothing_opens(qtbot, qloop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (done,) = history(tmp_path, finished(tmp_path))
    opened: list[str] = []

    async def scenario() -> None:
        window = await open_window(qtbot)
        window.actions.url_opener = lambda url: opened.append(url.toLocalFile()) or False
        window.task_view.selectRow(0)
        window.actions.folder.trigger()
        assert opened == [str(Path(done.video_path).parent)]
        box = window.findChild(QMessageBox, "pathFallbackBox")
        assert box is not None and box.isVisible() and done.video_path in box.text()
        next(b for b in box.buttons() if "Copy path" in b.text()).click()
        assert QGuiApplication.clipboard().text() == done.video_path
        box.close()
        window.actions.url_opener = lambda url: True  # a file manager that answers: nothing more is said
        window.actions.open_file.trigger()
        assert [b for b in window.findChildren(QMessageBox, "pathFallbackBox") if b.isVisible()] == []
        await close_window(window)

    run_qt(qloop, scenario())


# -- item 12: quitting with tasks running, and the tray --------------------------------------------


@pytest.fixture
def with_tray(monkeypatch: pytest.MonkeyPatch) -> None:
    """A desktop with a system tray (offscreen has none)."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))


@pytest.fixture
def on_history(tmp_path: Path, qtbot, qloop):  # type: ignore[no-untyped-def]
    """Runs ``scenario(window)`` in a window opened on a history of these rows."""

    def run(rows: list[dict[str, object]], scenario: Callable[[Any], Awaitable[None]]) -> None:
        history(tmp_path, *rows)

        async def opened() -> None:
            await scenario(await open_window(qtbot))

        run_qt(qloop, opened())

    return run


async def quit_from(box: QMessageBox, window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Answer the quit question with "Quit" and wait until the window has closed."""
    with qtbot.waitSignal(window.sig_closed, timeout=3000):
        next(b for b in box.buttons() if "Quit" in b.text()).click()
    await window.wait_closed()


def test_without_a_tray_closing_says_what_resumes(tmp_path: Path, qtbot, on_history) -> None:  # type: ignore[no-untyped-def]
    async def scenario(window) -> None:  # type: ignore[no-untyped-def]
        assert not window.tray.available  # offscreen: no system tray
        assert not window.close_requested_by_user()  # the close button asks first
        box = window.findChild(QMessageBox, "quitBox")
        assert box.isVisible() and "2 tasks" in box.text() and "next time you start" in box.text()
        await quit_from(box, window, qtbot)

    on_history([running(tmp_path), running(tmp_path, server_id="task-two")], scenario)


@pytest.mark.usefixtures("with_tray")
def test_with_a_tray_closing_keeps_the_app_there(tmp_path: Path, qtbot, on_history) -> None:  # type: ignore[no-untyped-def]
    async def scenario(window) -> None:  # type: ignore[no-untyped-def]
        tray = window.tray
        assert tray.available
        assert not window.close_requested_by_user()
        assert not window.isVisible() and not window.engine.closed  # hidden, still working
        assert [a.text() for a in tray.menu.actions() if a.isVisible() and a.text()] == [
            "&Show HappyHorse",
            "&Pause queue",
            "&Quit",
        ]
        tray.show_action.trigger()
        assert window.isVisible()
        tray.quit_action.trigger()
        box = window.findChild(QMessageBox, "quitBox")
        assert box.isVisible() and "1 task is still running" in box.text()
        await quit_from(box, window, qtbot)

    on_history([running(tmp_path)], scenario)


@pytest.mark.usefixtures("with_tray")
def test_the_tray_pauses_the_queue_with_the_batch_menu(tmp_path: Path, on_history) -> None:  # type: ignore[no-untyped-def]
    async def scenario(window) -> None:  # type: ignore[no-untyped-def]
        tray, queue = window.tray, window.engine.manager.queue
        menu_action = window.findChild(QAction, "pauseQueueAction")
        assert tray.pause_action.isVisible() and not tray.pause_action.isChecked()
        tray.pause_action.trigger()  # the tray pauses…
        await wait_for(lambda: menu_action.text() == "&Resume the queue", 5)
        assert queue.state().paused and tray.pause_action.isChecked()
        assert "Queue paused" in window.statusBar().currentMessage()
        menu_action.trigger()  # …the Batch menu resumes, and the tray's check mark follows
        await wait_for(lambda: not tray.pause_action.isChecked(), 5)
        assert not queue.state().paused and menu_action.text() == "&Pause the queue"
        window.batch_studio.panel.pause_button.click()  # the queue panel's button too
        await wait_for(tray.pause_action.isChecked, 5)
        tray.pause_action.trigger()  # unchecking resumes
        await wait_for(lambda: not queue.state().paused, 5)
        assert menu_action.text() == "&Pause the queue"
        await close_window(window)

    on_history([finished(tmp_path)], scenario)


def test_closing_with_nothing_running_just_closes(tmp_path: Path, qtbot, on_history) -> None:  # type: ignore[no-untyped-def]
    async def scenario(window) -> None:  # type: ignore[no-untyped-def]
        assert window.close_requested_by_user()
        with qtbot.waitSignal(window.sig_closed, timeout=3000):
            window.request_quit()  # File ▸ Quit: nothing to resume, nothing to ask
        await window.wait_closed()

    on_history([finished(tmp_path)], scenario)


def test_a_video_that_cannot_be_played_says_why(qtbot, qloop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "videos" / "broken.mp4"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"not a video" * 100)
    history(tmp_path, {**finished(tmp_path), "video_path": str(broken)})

    async def scenario() -> None:
        window = await open_window(qtbot)
        window.task_view.selectRow(0)
        problem = window.findChild(QLabel, "playerProblem")
        await wait_for(problem.isVisible, 15)  # not a silent black rectangle
        assert "cannot be played" in problem.text()
        await close_window(window)

    run_qt(qloop, scenario())
