"""Every route through the real window against the simulator: choose the mode, give its inputs, see the
exact reason while something is wrong and the live cost, submit, and find the completed row with its route
— plus the videos a video edit refuses, and the account's other videos imported from the File menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from guikit import cell, close_window, drop_files, open_window, row_record, run_qt
from imagegen import make_image
from kit import TEST_KEY, wait_for
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTableWidget, QToolButton
from videogen import fake_video, make_matroska, make_video

from happyhorse_desktop.pricing import estimate_credits, format_credits
from happyhorse_desktop.routes import Mode
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.ui.task_model import Column

EDIT = "happyhorse-1.0-video-edit"


def choose(qtbot, window, mode: Mode) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.findChild(QToolButton, f"mode{mode.name.title()}"), Qt.MouseButton.LeftButton)


async def submit_and_complete(qtbot, window):  # type: ignore[no-untyped-def]
    """Press Generate; the row appears at once and completes with its video saved."""
    submit = window.composer.submit_button
    await wait_for(lambda: submit.isEnabled(), 10)
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    await wait_for(lambda: window.model.rowCount() == 1, 5)
    await wait_for(lambda: row_record(window, 0).video_path is not None, 20)
    return row_record(window, 0)


def test_text_to_video_in_the_window(qtbot, qloop, sim_env: EvoLinkSimulator) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        composer = window.composer
        choose(qtbot, window, Mode.TEXT)
        assert not composer.image_panel.isVisibleTo(window)
        assert "needs a prompt" in composer.submit_reason.text() and not composer.submit_button.isEnabled()
        qtbot.keyClicks(composer.prompt.edit, "A white horse on a misty beach at dawn")
        composer.aspect_combo.setCurrentText("9:16")
        composer.duration_spin.setValue(4)
        assert f"{format_credits(9.4427 * 4)} credits" in composer.cost_label.text()
        record = await submit_and_complete(qtbot, window)
        assert (record.model, record.aspect_ratio, record.image_sources) == (
            "happyhorse-1.1-text-to-video",
            "9:16",
            [],
        )
        assert cell(window, 0, Column.SETTINGS) == "Text\n720p · 4 s"
        # no picture to show: the thumbnail is the result's first frame, decoded off the UI thread
        index = window.model.index(0, Column.THUMBNAIL)
        await wait_for(lambda: index.data(Qt.ItemDataRole.DecorationRole) is not None, 10)
        window.select_task(record.id)
        assert window.details.fact("route") == "HappyHorse 1.1 · Text → Video"
        assert window.details.fact("output") == "720p · 9:16 · 4 s" and window.details.fact("inputs") == "—"
        await close_window(window)

    run_qt(qloop, scenario())
    (task,) = sim_env.tasks.values()
    assert task.aspect_ratio == "9:16" and sim_env.count("POST", "/api/v1/files/upload/stream") == 0


def test_references_to_video_in_the_window(qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    horse, rider = make_image(tmp_path / "horse.png", 700, 500), make_image(tmp_path / "rider.jpg", 480, 720)

    async def scenario() -> None:
        window = await open_window(qtbot)
        composer = window.composer
        choose(qtbot, window, Mode.REFERENCE)
        assert "Add a picture of each character" in composer.submit_reason.text()
        assert drop_files(composer.inputs.references, horse, rider)
        await wait_for(lambda: not composer.inputs.references.is_busy())
        composer.prompt.set_text("character2 rides character3 ")
        await wait_for(lambda: "names character3" in composer.submit_reason.text())
        assert "Reference image 1 is never named" in composer.warnings_label.text()
        composer.prompt.set_text("character2 rides ")
        composer.prompt.edit.moveCursor(composer.prompt.edit.textCursor().MoveOperation.End)
        qtbot.mouseClick(window.findChild(QToolButton, "characterButton1"), Qt.MouseButton.LeftButton)
        assert composer.prompt.text() == "character2 rides character1"
        composer.model_combo.setCurrentIndex(1)  # 1.0
        assert f"{format_credits(12.15 * 5)} credits" in composer.cost_label.text()
        record = await submit_and_complete(qtbot, window)
        assert record.model == "happyhorse-1.0-reference-to-video"
        assert record.image_sources == [str(horse), str(rider)] and len(record.image_urls) == 2
        assert cell(window, 0, Column.SETTINGS) == "References\n720p · 5 s"
        window.select_task(record.id)
        assert window.details.fact("inputs") == "horse.png, rider.jpg"
        await close_window(window)

    run_qt(qloop, scenario())
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 2


def test_a_video_edit_in_the_window(qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    video = make_video(tmp_path / "ride.mp4", 640, 360, 12, 4.0, QColor(200, 120, 40))

    async def scenario() -> None:
        window = await open_window(qtbot)
        composer = window.composer
        choose(qtbot, window, Mode.EDIT)
        assert not composer.duration_spin.isVisibleTo(
            window
        ) and composer.settings_form.length_label.isVisibleTo(window)
        assert drop_files(composer.inputs.video_panel, video)
        await wait_for(lambda: not composer.inputs.video_panel.is_busy())
        assert "640×360 · 12 fps · 4.0 s" in window.findChild(QLabel, "videoInfo").text()
        composer.prompt.set_text("turn it into a watercolour")
        composer.inputs.keep_sound.setChecked(True)
        composer.quality_combo.setCurrentText("1080p")
        assert f"{format_credits(estimate_credits(EDIT, '1080p', 4.0))} credits" in composer.cost_label.text()
        record = await submit_and_complete(qtbot, window)
        assert record.video_source == str(video) and record.keep_original_sound
        assert record.input_seconds == pytest.approx(4.0) and record.quality == "1080p"
        assert cell(window, 0, Column.SETTINGS) == "Edit\n1080p · 4 s"
        window.select_task(record.id)
        assert window.details.fact("route") == "HappyHorse 1.0 · Edit a video"
        assert (
            window.details.fact("output") == "1080p · 4 s (from 4.0 s of source video) · original sound kept"
        )
        await close_window(window)

    run_qt(qloop, scenario())
    (task,) = sim_env.tasks.values()
    assert task.keep_original_sound and task.input_seconds == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("make", "problem", "warning"),
    [
        pytest.param(
            lambda d: fake_video(d / "long.mp4", seconds=70.0), "it must last 3 to 60 s", "", id="70s"
        ),
        pytest.param(
            lambda d: fake_video(d / "uhd.mp4", width=3840, height=2160),
            "The video is 3840×2160; its long side must be at most 2160 px.",
            "",
            id="4k",
        ),
        pytest.param(lambda d: fake_video(d / "slow.mp4", fps=5.0), "it needs more than 8", "", id="5fps"),
        pytest.param(
            lambda d: fake_video(d / "huge.mp4", total_bytes=150 * 1024 * 1024),
            "The video is 150 MB; the limit is 100 MB.",
            "",
            id="150MB",
        ),
        pytest.param(
            lambda d: fake_video(d / "phone.mov", container="mov", codec=b"hvc1"),
            "",
            "The video is encoded as HEVC; H.264 is recommended.",
            id="hevc-mov",
        ),
        pytest.param(
            lambda d: make_matroska(d / "screen.mkv", 640, 360, 12, 4.0, QColor("teal")),
            "The video is MKV; use MP4 or MOV.",
            "",
            id="mkv-read-by-qt",
        ),
    ],
)
def test_each_out_of_spec_video_says_why(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path, make, problem: str, warning: str
) -> None:  # type: ignore[no-untyped-def]
    video = make(tmp_path)

    async def scenario() -> None:
        window = await open_window(qtbot)
        composer = window.composer
        choose(qtbot, window, Mode.EDIT)
        composer.prompt.set_text("snow")
        drop_files(composer.inputs.video_panel, video)
        await wait_for(lambda: not composer.inputs.video_panel.is_busy(), 15)
        if problem:
            assert problem in window.findChild(QLabel, "videoProblem").text()
            assert problem in composer.submit_reason.text() and not composer.submit_button.isEnabled()
        else:
            assert composer.submit_button.isEnabled()
            assert warning in window.findChild(QLabel, "videoWarning").text()
        await close_window(window)

    run_qt(qloop, scenario())
    assert sim_env.count("POST", "/api/v1/files/upload/stream") == 0


def test_use_settings_brings_back_the_route(qtbot, qloop, sim_env: EvoLinkSimulator) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        composer = window.composer
        choose(qtbot, window, Mode.TEXT)
        composer.prompt.set_text("a herd crossing a river")
        composer.aspect_combo.setCurrentText("21:9")
        record = await submit_and_complete(qtbot, window)
        choose(qtbot, window, Mode.IMAGE)
        window.select_task(record.id)
        window.actions.reuse.trigger()
        assert composer.mode() is Mode.TEXT and composer.prompt.text() == "a herd crossing a river"
        assert composer.aspect_combo.currentText() == "21:9"
        await close_window(window)

    run_qt(qloop, scenario())


def test_import_the_accounts_other_videos_from_the_file_menu(qtbot, qloop, sim_env: EvoLinkSimulator) -> None:  # type: ignore[no-untyped-def]
    body = {"model": "happyhorse-1.1-text-to-video", "prompt": "from the playground", "duration": 3}
    made = [sim_env.create(body, key=TEST_KEY)[1]["id"] for _ in range(2)]
    sim_env.tasks[made[0]].created -= 3600  # made an hour ago
    sim_env.tasks[made[1]].created -= 22 * 3600  # its link lapses in about two hours

    async def scenario() -> None:
        window = await open_window(qtbot)
        action = next(a for a in window.findChildren(QAction) if "Import from my EvoLink" in a.text())
        action.trigger()
        await wait_for(lambda: window.findChild(QDialog, "accountImportDialog") is not None)
        dialog = window.findChild(QDialog, "accountImportDialog")
        table = dialog.findChild(QTableWidget, "accountTasks")
        await wait_for(lambda: table.rowCount() == 2, 10)
        assert "1 of these videos expires within 3 hours" in dialog.findChild(QLabel, "importWarning").text()
        assert "h left" in table.item(0, 3).text() and "expires soon" in table.item(1, 3).text()
        qtbot.mouseClick(dialog.findChild(QPushButton, "importButton"), Qt.MouseButton.LeftButton)
        await wait_for(lambda: window.model.rowCount() == 2, 10)
        await wait_for(lambda: all(row_record(window, r).video_path for r in range(2)), 20)
        assert {row_record(window, r).origin for r in range(2)} == {"import"}
        assert cell(window, 0, Column.PROMPT) == "(imported from your EvoLink account)"
        await wait_for(lambda: table.rowCount() == 0, 10)  # looked again: nothing left to import
        status = dialog.findChild(QLabel, "importStatus").text()
        assert "2 videos added to your history" in status and "2 already in it" in status
        dialog.close()
        await close_window(window)

    run_qt(qloop, scenario())
    assert sim_env.count("POST", "/v1/videos/generations") == 0
