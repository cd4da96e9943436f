"""Look and feel (issue 12): icons that follow the palette and the scale, status chips, the empty state
that teaches the three steps, and keyboard access to every action."""

from __future__ import annotations

from pathlib import Path

import pytest
from guikit import close_window, open_window, run_qt
from PySide6.QtCore import QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleOptionViewItem, QWidget
from storekit import add

from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.ui.delegates import StatusChipDelegate, Tone, tone_colour, tone_of
from happyhorse_desktop.ui.icons import icon
from happyhorse_desktop.ui.task_model import Column


class TaskEvents(QObject):
    """The three signals a task model listens to (the task manager's, without an engine)."""

    sig_task_added = Signal(int)
    sig_task_changed = Signal(int)
    sig_task_removed = Signal(int)


def strongest_pixel(image: QImage) -> QColor:
    """The most opaque pixel of an icon (its stroke)."""
    best = QColor(0, 0, 0, 0)
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() > best.alpha():
                best = colour
    return best


@pytest.fixture
def dark_palette(qapp):  # type: ignore[no-untyped-def]
    original = QPalette(qapp.palette())
    palette = QPalette(original)
    for role, colour in ((QPalette.ColorRole.Window, "#202024"), (QPalette.ColorRole.Base, "#1a1a1d")):
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, QColor("#eeeeee"))
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(original)


def test_icons_follow_the_palette(qapp, dark_palette) -> None:  # type: ignore[no-untyped-def]
    stroke = strongest_pixel(icon("play").pixmap(QSize(24, 24)).toImage())
    assert stroke.lightness() > 200  # light strokes on a dark theme
    qapp.setPalette(QPalette(QColor("#f0f0f0")))
    stroke = strongest_pixel(icon("play").pixmap(QSize(24, 24)).toImage())
    assert stroke.lightness() < 100  # dark strokes on a light one
    disabled = icon("play").pixmap(QSize(24, 24), QIcon.Mode.Disabled)
    assert strongest_pixel(disabled.toImage()).name() != stroke.name()


def test_icons_are_sharp_at_200_percent(qapp) -> None:  # type: ignore[no-untyped-def]
    pixmap = icon("folder-open").pixmap(QSize(16, 16), 2.0)
    assert pixmap.size() == QSize(32, 32) and pixmap.devicePixelRatio() == 2.0
    with pytest.raises(KeyError):
        icon("no-such-icon")


@pytest.mark.parametrize(
    ("row", "tone"),
    [
        pytest.param({"status": TaskStatus.COMPLETED, "video_path": "/v.mp4"}, Tone.DONE, id="saved"),
        pytest.param(
            {"status": TaskStatus.COMPLETED, "download_error": "disk full"}, Tone.ERROR, id="not-saved"
        ),
        pytest.param({"status": TaskStatus.PROCESSING, "server_id": "t"}, Tone.RUNNING, id="generating"),
        pytest.param(
            {"status": TaskStatus.PROCESSING, "server_id": "t", "tracking": False}, Tone.QUIET, id="untracked"
        ),
        pytest.param({"status": TaskStatus.UNKNOWN}, Tone.WARNING, id="unknown"),
        pytest.param({"status": TaskStatus.FAILED}, Tone.ERROR, id="failed"),
    ],
)
def test_status_chips_are_painted_in_the_status_tone(qapp, tmp_path: Path, row, tone: Tone) -> None:  # type: ignore[no-untyped-def]
    from happyhorse_desktop.ui.task_model import TaskTableModel

    store = TaskStore(tmp_path / "t.db")
    try:
        record = add(store, **row)
        assert tone_of(record) is tone
        events = TaskEvents()
        model = TaskTableModel(store, events.sig_task_added, events.sig_task_changed, events.sig_task_removed)
        index = model.index(0, Column.STATUS)
        image = QImage(200, 48, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, 200, 48)
        option.palette = qapp.palette()
        option.fontMetrics = QWidget().fontMetrics()
        painter = QPainter(image)
        StatusChipDelegate().paint(painter, option, index)
        painter.end()
        colour = tone_colour(tone, qapp.palette())
        assert any(image.pixelColor(x, y) == colour for x in range(200) for y in range(48)), (
            "the chip's label is drawn in its tone"
        )
    finally:
        store.close()


def test_the_empty_state_teaches_three_steps(qtbot, qloop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        empty = window.findChild(QWidget, "emptyState")
        assert window.stage.currentWidget() is empty and empty.isVisible()
        assert window.findChild(QLabel, "emptyHeadline").text() == "Turn a picture into a video"
        steps = [label.text() for label in empty.steps]
        assert [s.split("</b>")[0].split("  ")[-1] for s in steps] == [
            "Add a picture",
            "Describe the motion",
            "Generate",
        ]
        await close_window(window)

        store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
        add(store, status=TaskStatus.FAILED, prompt="an old take")
        store.close()
        again = await open_window(qtbot)
        assert again.findChild(QLabel, "emptyHeadline").text() == "Select a task to watch it here"
        again.task_view.selectRow(0)
        assert again.stage.currentWidget() is not again.findChild(QWidget, "emptyState")
        await close_window(again)

    run_qt(qloop, scenario())


def test_every_action_has_a_mnemonic_and_the_task_actions_have_icons(qtbot, qloop) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        for menu_action in window.menuBar().actions():
            assert "&" in menu_action.text(), menu_action.text()
            for action in menu_action.menu().actions():
                if not action.isSeparator():
                    assert "&" in action.text(), action.text()
                    letters = [
                        a.text().split("&")[1][:1].lower()
                        for a in menu_action.menu().actions()
                        if "&" in a.text()
                    ]
                    assert len(letters) == len(set(letters)), letters  # each letter once per menu
        for group in window.actions.groups:
            for action in group[:1] + tuple(a for a in group if a.shortcut().isEmpty() is False):
                assert not action.icon().isNull(), action.text()
                assert action.shortcut().toString() in action.toolTip() or action.shortcut().isEmpty()
        await close_window(window)

    run_qt(qloop, scenario())


@pytest.mark.parametrize(
    ("keys", "target"),
    [
        pytest.param((Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier), "searchEdit", id="ctrl-f-search"),
        pytest.param((Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier), "taskView", id="ctrl-l-list"),
        pytest.param((Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier), "promptEdit", id="ctrl-p-prompt"),
        pytest.param((Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier), "qualityCombo", id="alt-q-quality"),
        pytest.param((Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier), "durationSpin", id="alt-d-duration"),
    ],
)
def test_the_keyboard_reaches_every_field(qtbot, qloop, keys, target: str) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        window.activateWindow()
        window.composer.image_panel.setFocus()
        qtbot.keyClick(window.focusWidget() or window, *keys)
        focused = QApplication.focusWidget()
        assert focused is not None and target in (focused.objectName(), focused.parent().objectName())
        await close_window(window)

    run_qt(qloop, scenario())
