"""The real main window, driven with pytest-qt against the simulator on loopback."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from guikit import (
    cell,
    close_window,
    drop_files,
    drop_mime,
    drop_picture,
    drop_url,
    open_window,
    row_record,
    run_in_window,
    run_qt,
)
from imagegen import make_image
from kit import TEST_KEY, wait_for
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageReader
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
)

from happyhorse_desktop.app import create_main_window
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.downloader import looks_like_mp4
from happyhorse_desktop.ui.task_model import Column


def test_drop_type_submit_and_watch_it_complete(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    image = make_image(tmp_path / "my horse.jpg", 1280, 720)

    async def scenario() -> None:
        window = await open_window(qtbot)
        panel = window.findChild(QLabel, "costLabel").parent().findChild(object, "imagePanel")
        submit = window.findChild(QPushButton, "submitButton")
        view = window.findChild(QTableView, "taskView")
        headers = [
            view.model().headerData(i, Qt.Orientation.Horizontal) for i in range(view.model().columnCount())
        ]
        assert {"Task ID", "Status", "Progress", "Credits"} <= set(headers)
        assert not submit.isEnabled()  # nothing to submit yet
        assert drop_files(panel, image)
        await wait_for(lambda: panel.is_ready())
        assert "1280 × 720 px · JPEG" in panel.findChild(QLabel, "imageInfo").text()
        prompt = window.findChild(QPlainTextEdit, "promptEdit")
        prompt.setFocus()
        qtbot.keyClicks(prompt, "A horse gallops")
        window.findChild(QComboBox, "qualityCombo").setCurrentText("1080p")
        window.findChild(QSpinBox, "durationSpin").setValue(4)
        window.findChild(QSpinBox, "seedSpin").setValue(77)
        cost = window.findChild(QLabel, "costLabel").text()
        assert "86.41 credits" in cost  # 21.6027 × 4
        await wait_for(lambda: "balance" in window.findChild(QLabel, "costLabel").text())
        assert submit.isEnabled()
        qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
        await wait_for(lambda: view.model().rowCount() == 1, 5)  # the row appears at once
        await wait_for(lambda: cell(window, 0, Column.STATUS) == "Completed", 20)
        record = row_record(window, 0)
        assert cell(window, 0, Column.PROGRESS) == "100%"
        assert cell(window, 0, Column.CREDITS) == "86.41"
        assert cell(window, 0, Column.TASK_ID) == record.server_id
        assert record.seed == 77 and record.prompt == "A horse gallops" and record.quality == "1080p"
        assert looks_like_mp4(Path(record.video_path))
        assert window.findChild(QSpinBox, "seedSpin").value() == 0  # unlocked seed returns to Random
        await wait_for(lambda: view.model().index(0, Column.THUMBNAIL).data(Qt.ItemDataRole.DecorationRole))
        # the new task was selected at submit, so the player opened with its video once it was saved
        await wait_for(lambda: window.video_player is not None and window.video_player.isVisible())
        assert window.video_player.current_file() == Path(record.video_path)
        window.video_player.stop()
        window.task_view.clearSelection()
        window.task_view.selectRow(0)  # selecting a finished task plays it
        assert window.video_player.current_file() == Path(record.video_path)
        await close_window(window)

    run_qt(qloop, scenario())
    assert sim_env.count("POST", "/v1/videos/generations") == 1
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 1


def test_paste_an_image_with_ctrl_v(qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        picture = QImage(str(make_image(tmp_path / "clip.png", 800, 600)))
        QGuiApplication.clipboard().setImage(picture)
        window.task_view.setFocus()
        qtbot.keyClick(window.task_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        await wait_for(lambda: window.composer.image_panel.is_ready())
        source = Path(window.composer.image_panel.source())
        assert source.parent == tmp_path / "data" / "cache" and source.name.startswith("pasted-")
        assert QImage(str(source)).size() == picture.size()
        # pasting into the prompt editor sends a picture to the panel, not into the text
        window.composer.image_panel.clear()
        window.composer.prompt.edit.setFocus()
        window.composer.prompt.edit.paste()
        await wait_for(lambda: window.composer.image_panel.is_ready())
        assert window.composer.prompt.text() == ""
        await close_window(window)

    run_qt(qloop, scenario())


def test_invalid_image_says_why_and_blocks_submit(qtbot, qloop, sim_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        panel = window.composer.image_panel
        for path, reason in (
            (make_image(tmp_path / "small.png", 200, 250), "at least 300 px"),
            (make_image(tmp_path / "old.bmp", 640, 480), "BMP images are not accepted"),
        ):
            drop_files(panel, path)
            await wait_for(lambda: not panel.is_busy() and panel.problems())
            assert reason in panel.findChild(QLabel, "imageProblem").text()
            assert not window.composer.submit_button.isEnabled()
            assert (
                reason in window.composer.submit_reason.text()
                or reason in window.composer.submit_button.toolTip()
            )
        text = tmp_path / "notes.png"
        text.write_text("not a picture")
        drop_files(panel, text)
        await wait_for(lambda: not panel.is_busy() and panel.problems())
        assert "not an image" in panel.findChild(QLabel, "imageProblem").text()
        assert not window.composer.submit_button.isEnabled()
        await close_window(window)

    run_qt(qloop, scenario())
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 0


@pytest.mark.parametrize(("button", "expected_ratio"), [("fixPadButton", 2.5), ("fixCropButton", 2.5)])
def test_one_click_fix_gives_a_valid_copy(
    qtbot,
    qloop,
    sim_env,
    tmp_path: Path,
    button: str,  # type: ignore[no-untyped-def]
    expected_ratio: float,
) -> None:
    original = make_image(tmp_path / "wide.png", 1600, 400)
    before = original.read_bytes()

    async def scenario() -> None:
        window = await open_window(qtbot)
        panel = window.composer.image_panel
        drop_files(panel, original)
        await wait_for(lambda: not panel.is_busy() and panel.problems())
        assert "aspect ratio" in panel.problems()[0]
        fix = panel.findChild(QPushButton, button)
        assert fix is not None
        await wait_for(fix.isEnabled)  # prepared in the background, so it can say what it does
        summary = panel.findChild(QLabel, button.replace("Button", "Summary")).text()
        qtbot.mouseClick(fix, Qt.MouseButton.LeftButton)
        await wait_for(lambda: panel.is_ready())
        fixed = Path(panel.source())
        assert fixed != original and fixed.parent == tmp_path / "data" / "cache"
        size = QImageReader(str(fixed)).size()
        assert f"{size.width()} × {size.height()} px" in summary  # said before it was applied
        assert size.width() / size.height() == pytest.approx(expected_ratio, abs=0.01)
        assert window.composer.submit_button.isEnabled()
        await close_window(window)

    run_qt(qloop, scenario())
    assert original.read_bytes() == before  # the original is never modified


def test_dropped_url_is_previewed_and_sent_as_is(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        upload = await window.engine.client.upload_image(
            make_image(tmp_path / "u.png").read_bytes(), "u.png", "image/png"
        )
        assert drop_url(window.composer.image_panel, upload.file_url)
        await wait_for(lambda: window.composer.image_panel.is_ready())
        assert window.composer.image_panel.source() == upload.file_url
        window.submit()
        await wait_for(
            lambda: window.model.rowCount() == 1 and cell(window, 0, Column.STATUS) == "Completed", 20
        )
        assert row_record(window, 0).image_urls == [upload.file_url]
        await close_window(window)

    run_qt(qloop, scenario())
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 1  # only the test's own upload


def test_a_drop_without_a_picture_is_refused(qtbot, qloop, sim_env) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        mime = QMimeData()
        mime.setText("just some words")
        assert not drop_mime(window.composer.image_panel, mime)
        assert "no picture" in window.composer.image_panel.findChild(QLabel, "imageProblem").text()
        await close_window(window)

    run_qt(qloop, scenario())


def test_restarting_the_window_resumes_an_unfinished_task(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sim_env.task_seconds = 2.0
    image = make_image(tmp_path / "a.png")

    async def scenario() -> None:
        first = await open_window(qtbot)
        drop_files(first.composer.image_panel, image)
        await wait_for(lambda: first.composer.image_panel.is_ready())
        first.submit()
        await wait_for(lambda: first.model.rowCount() == 1 and row_record(first, 0).server_id, 10)
        assert cell(first, 0, Column.STATUS) in ("Waiting on EvoLink", "Generating")
        await close_window(first)  # closing asks nothing and loses nothing
        second = await open_window(qtbot)
        assert second.model.rowCount() == 1
        await wait_for(lambda: cell(second, 0, Column.STATUS) == "Completed", 20)
        assert Path(row_record(second, 0).video_path).is_file()
        await close_window(second)

    run_qt(qloop, scenario())
    assert sim_env.count("POST", "/v1/videos/generations") == 1
    assert sim_env.count("GET", "/results/") == 1


def test_filter_and_search(qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sim_env.fail_next_task("content_policy_violation")
    image = make_image(tmp_path / "a.png")

    async def scenario() -> None:
        window = await open_window(qtbot)
        from happyhorse_desktop.tasks.params import SubmitParams

        failed = await window.manager.submit(SubmitParams(images=(str(image),), prompt="zebra crossing"))
        done = await window.manager.submit(SubmitParams(images=(str(image),), prompt="horse meadow"))
        await wait_for(lambda: window.engine.store.get(done.id).video_path, 20)
        await wait_for(lambda: window.engine.store.get(failed.id).status == "failed", 20)
        await asyncio.sleep(0.2)  # let the coalesced repaint land
        window.filter_combo.setCurrentText("Needs attention")
        assert window.model.rowCount() == 1 and "zebra" in cell(window, 0, Column.PROMPT)
        assert cell(window, 0, Column.STATUS) == "Failed"
        window.filter_combo.setCurrentText("Done")
        assert window.model.rowCount() == 1 and "horse" in cell(window, 0, Column.PROMPT)
        window.filter_combo.setCurrentText("All")
        qtbot.keyClicks(window.search_edit, "zebra")
        assert window.model.rowCount() == 1
        window.task_view.selectRow(0)
        assert "content policy" in window.details.text()
        assert not window.task_view.empty_hint.isVisible()
        qtbot.keyClicks(window.search_edit, "-no-such-task")
        assert window.model.rowCount() == 0
        assert (
            window.task_view.empty_hint.isVisible()
            and "No task matches" in window.task_view.empty_hint.text()
        )
        await close_window(window)

    run_qt(qloop, scenario())


def test_demo_window_needs_no_key(qtbot, qloop, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("happyhorse_desktop.engine.DEMO_TASK_SECONDS", 0.6)

    async def scenario() -> None:
        window = await open_window(qtbot, demo=True)
        assert window.findChild(QLabel, "demoBadge") is not None
        drop_files(window.composer.image_panel, make_image(tmp_path / "a.png"))
        await wait_for(lambda: window.composer.submit_button.isEnabled())
        window.submit()
        await wait_for(
            lambda: window.model.rowCount() == 1 and cell(window, 0, Column.STATUS) == "Completed", 20
        )
        await close_window(window)

    run_qt(qloop, scenario())
    assert list((tmp_path / "videos" / "demo").glob("*.mp4"))


def test_no_key_explains_itself_and_settings_store_the_key(
    qtbot,
    qloop,
    sim,
    monkeypatch,  # type: ignore[no-untyped-def]
    memory_keyring,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("HAPPYHORSE_API_BASE", sim.base_url)
    monkeypatch.setenv("HAPPYHORSE_FILES_BASE", sim.base_url)

    async def scenario() -> None:
        window = await open_window(qtbot)
        await drop_picture(window, make_image(tmp_path / "a.png"))
        assert (
            not window.composer.submit_button.isEnabled()
            and "API key" in window.composer.submit_reason.text()
        )
        from happyhorse_desktop.config import AppSettings
        from happyhorse_desktop.ui.dialogs import SettingsValues

        settings = AppSettings(output_dir=str(tmp_path / "out2"), poll_interval=5, notifications=False)
        # pasted with a stray space and a zero-width space: cleaned where it enters
        window.apply_settings(SettingsValues(settings, api_key=f" {TEST_KEY}\u200b", remember_key=True))
        await wait_for(lambda: window.composer.submit_button.isEnabled())
        assert "sk-evo…CRET" in window.key_label.text()
        await close_window(window)

    run_qt(qloop, scenario())
    assert memory_keyring.passwords[("happyhorse-desktop", "api-key")] == TEST_KEY
    for path in (tmp_path / "data").rglob("*"):
        if path.is_file():
            assert TEST_KEY.encode() not in path.read_bytes(), path


def test_self_test_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "happyhorse_desktop", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[ok  ] main window: painted" in result.stdout
    assert "[ok  ] image plugin webp" in result.stdout
    assert "[ok  ] video decoding: first frame 320×240" in result.stdout  # the bundled sample, decoded
    assert "[ok  ] text services" in result.stdout
    assert "[ok  ] keychain support: keyring.backends.SecretService" in result.stdout


def test_over_balance_asks_first_then_shows_the_refusal(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sim_env.balance = 20.0

    async def scenario(window) -> None:  # type: ignore[no-untyped-def]
        drop_files(window.composer.image_panel, make_image(tmp_path / "a.png"))
        await wait_for(lambda: window.composer.image_panel.is_ready() and window.account.credits is not None)
        assert "more than your balance" in window.composer.cost_label.text()
        window.submit()
        box = window.findChild(QMessageBox, "overBalanceBox")
        assert box is not None and box.isVisible()
        assert window.model.rowCount() == 0  # nothing is written before the user agrees
        box.button(QMessageBox.StandardButton.Yes).click()
        await wait_for(
            lambda: window.model.rowCount() == 1 and row_record(window, 0).status == "rejected", 10
        )
        assert cell(window, 0, Column.STATUS) == "Refused — not charged"
        window.task_view.selectRow(0)
        assert (
            "Not enough credits" in window.details.text() and "Nothing was charged" in window.details.text()
        )

    run_in_window(qtbot, qloop, scenario)
    assert sim_env.count("POST", "/v1/videos/generations") == 1


def test_stop_tracking_and_remove_from_history(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sim_env.task_seconds = 3.0

    async def scenario(window) -> None:  # type: ignore[no-untyped-def]
        await drop_picture(window, make_image(tmp_path / "a.png"))
        window.submit()
        await wait_for(lambda: window.model.rowCount() == 1 and row_record(window, 0).server_id, 10)
        window.task_view.selectRow(0)
        assert window.actions.stop.isEnabled()
        window.actions.stop.trigger()
        await wait_for(lambda: "(not tracked)" in cell(window, 0, Column.STATUS), 5)
        assert "billed" in window.statusBar().currentMessage()
        window.task_view.selectRow(0)
        window.actions.remove.trigger()
        box = window.findChild(QMessageBox, "removeBox")
        assert box is not None
        next(b for b in box.buttons() if b.text() == "Remove").click()
        await wait_for(lambda: window.model.rowCount() == 0, 5)
        assert window.engine.store.count() == 0

    run_in_window(qtbot, qloop, scenario)


WATCH_RUN = r"""
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
app = QApplication(sys.argv)
steps = []

def drive():
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "welcomeDialog" and widget.isVisible():
            steps.append({"welcome": True})
            widget.findChild(QPushButton, "tryDemoButton").click()
            return
    for widget in QApplication.topLevelWidgets():
        # A window still without its engine (its first paint) shows no key yet: test_startup_order.py
        if widget.objectName() == "mainWindow" and widget.isVisible() and widget.attached:
            step = {
                "title": widget.windowTitle(),
                "key": widget.findChild(QLabel, "keyLabel").text(),
                "engine": widget.manager.started,
            }
            if not steps or steps[-1] != step:
                steps.append(step)
            started = step["key"].startswith("Key ") and step["engine"]  # the key is in, the engine runs
            if started or "DEMO" in step["title"] or os.environ.get("CLOSE_AT_ONCE"):
                widget.close()
            return

timer = QTimer()
timer.timeout.connect(drive)
timer.start(50)
from happyhorse_desktop.app import main
code = main(sys.argv[1:])
print("STEPS", json.dumps(steps), "EXIT", code, flush=True)
"""


def run_app(*args: str, **env_changes: str) -> list[dict]:
    """Run the real entry point in a child process (never the real keychain) and return what it showed,
    step by step: each distinct state of the main window, and the welcome dialog (answered "Try the
    demo"). The window is closed once it shows a key or the demo; the process must then exit with 0."""
    import json
    import os

    env = {k: v for k, v in os.environ.items() if k != "EVOLINK_API_KEY"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env.update(env_changes)
    result = subprocess.run(
        [sys.executable, "-c", WATCH_RUN, *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    line = next(line for line in result.stdout.splitlines() if line.startswith("STEPS "))
    assert line.endswith("EXIT 0"), line
    return json.loads(line.removeprefix("STEPS ").removesuffix(" EXIT 0"))


def test_the_app_starts_and_quits_cleanly() -> None:
    """--demo opens the demo window; no key and no history -> welcome -> demo; closing quits with 0."""
    demo = {"title": "HappyHorse Desktop — DEMO", "key": "Demo key"}
    steps = run_app("--demo")
    assert [{k: v for k, v in step.items() if k != "engine"} for step in steps] == [demo]
    steps = run_app()
    assert steps[0] == {"welcome": True}
    assert [{k: v for k, v in step.items() if k != "engine"} for step in steps[1:]] == [demo]


def run_with_slow_keychain(
    tmp_path: Path, sim: EvoLinkSimulator, key: str | None, **extra_env: str
) -> list[dict]:
    """The real entry point as a returning user (a real history exists) whose keychain takes 1.5 s to
    answer."""
    from happyhorse_desktop.tasks.store import TaskStore

    TaskStore(tmp_path / "data" / "tasks.sqlite3").close()  # the history of an earlier session
    return run_app(
        PYTHON_KEYRING_BACKEND="slow_keyring.SlowKeyring",
        PYTHONPATH=str(Path(__file__).parent),
        SLOW_KEYRING_KEY=key or "",
        HAPPYHORSE_API_BASE=sim.base_url,
        HAPPYHORSE_FILES_BASE=sim.base_url,
        **extra_env,
    )


def test_a_returning_user_sees_the_window_before_the_keychain_answers(
    tmp_path: Path, sim: EvoLinkSimulator
) -> None:
    steps = run_with_slow_keychain(tmp_path, sim, TEST_KEY)
    # First the window, its key still being read and nothing polling yet (no request without a key)…
    assert steps[0] == {
        "title": "HappyHorse Desktop",
        "key": "Reading the API key from the keychain…",
        "engine": False,
    }
    # …then the key from the keychain, and only now the engine.
    assert steps[-1]["key"].startswith("Key sk-evo") and TEST_KEY not in steps[-1]["key"]
    assert steps[-1]["engine"] is True
    assert all(not step["engine"] for step in steps if step["key"].startswith("Reading"))


def test_a_returning_user_without_a_key_is_welcomed_over_the_window(
    tmp_path: Path, sim: EvoLinkSimulator
) -> None:
    steps = run_with_slow_keychain(tmp_path, sim, None)
    assert steps[0]["key"] == "Reading the API key from the keychain…" and not steps[0]["engine"]
    assert {"welcome": True} in steps
    after = steps[steps.index({"welcome": True}) + 1 :]
    assert after and after[-1]["title"] == "HappyHorse Desktop — DEMO"  # "Try the demo" swapped the window


def test_closing_while_the_keychain_is_still_asking_quits_at_once(
    tmp_path: Path, sim: EvoLinkSimulator
) -> None:
    import time

    started = time.monotonic()
    steps = run_with_slow_keychain(tmp_path, sim, TEST_KEY, SLOW_KEYRING_DELAY="30", CLOSE_AT_ONCE="1")
    assert steps == [
        {"title": "HappyHorse Desktop", "key": "Reading the API key from the keychain…", "engine": False}
    ]
    assert time.monotonic() - started < 15  # not held by the 30 s keychain prompt


def test_double_submit_sends_one_task(qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sim_env.latency = 0.2  # the first submission is still on the wire when the second click comes

    async def scenario(window) -> None:  # type: ignore[no-untyped-def]
        drop_files(window.composer.image_panel, make_image(tmp_path / "a.png"))
        await wait_for(
            lambda: window.composer.image_panel.is_ready() and window.composer.submit_button.isEnabled()
        )
        qtbot.mouseClick(window.composer.submit_button, Qt.MouseButton.LeftButton)
        assert not window.composer.submit_button.isEnabled()
        window.composer.image_panel.sig_image_changed.emit()  # a re-check of the form must not re-enable it
        assert not window.composer.submit_button.isEnabled()
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        window.submit()
        await wait_for(lambda: window.model.rowCount() == 1 and row_record(window, 0).server_id, 10)
        await wait_for(lambda: window.composer.submit_button.isEnabled(), 5)
        await asyncio.sleep(0.3)
        assert window.engine.store.count() == 1

    run_in_window(qtbot, qloop, scenario)
    assert sim_env.count("POST", "/v1/videos/generations") == 1


def test_engine_starts_after_the_first_paint_not_before(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QObject

    painted: list[bool] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(window.manager.started)  # what the engine was doing at the first paint
            return False

    async def scenario() -> None:
        nonlocal window
        window = create_main_window()
        qtbot.addWidget(window)
        spy = PaintSpy()
        window.installEventFilter(spy)
        await asyncio.sleep(0.1)
        assert not window.manager.started  # built but never shown: nothing polls yet
        window.show()
        # Right after the paint, not by the 1 s fallback:
        await wait_for(lambda: window.manager.started, timeout=0.5)
        assert painted == [False]  # the window painted first, then the engine started
        await close_window(window)

        hidden = create_main_window()  # never shown (e.g. started minimised): starts anyway
        qtbot.addWidget(hidden)
        await wait_for(lambda: hidden.manager.started, timeout=3)
        await close_window(hidden)

    window = None
    run_qt(qloop, scenario())


def test_settings_dialog_saves_a_new_key_to_the_keychain(  # type: ignore[no-untyped-def]
    qtbot, qloop, memory_keyring, sim: EvoLinkSimulator, monkeypatch
) -> None:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit

    monkeypatch.setenv("HAPPYHORSE_API_BASE", sim.base_url)  # the balance is asked with the new key
    monkeypatch.setenv("HAPPYHORSE_FILES_BASE", sim.base_url)

    async def scenario() -> None:
        window = await open_window(qtbot)
        assert window.key_label.text().startswith("No API key")
        window.open_settings()  # the keychain check runs in a worker, then the dialog opens
        await wait_for(lambda: window.findChild(QDialog, "settingsDialog") is not None)
        dialog = window.findChild(QDialog, "settingsDialog")
        assert dialog.remember.isChecked()  # a keychain exists, so remembering is the default
        dialog.findChild(QLineEdit, "apiKeyEdit").setText(TEST_KEY)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        await wait_for(lambda: memory_keyring.passwords.get(("happyhorse-desktop", "api-key")) == TEST_KEY)
        await wait_for(lambda: window.key_label.text().startswith("Key sk-evo"))
        assert TEST_KEY not in window.key_label.text()
        await wait_for(lambda: "credits" in window.balance_label.text())  # asked with the new key
        await close_window(window)

    run_qt(qloop, scenario())
