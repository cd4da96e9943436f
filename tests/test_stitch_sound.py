"""A re-encoded join has no sound: the stitch dialog says so before joining, naming the takes whose sound
is left out (issue 15). The command line's side is in test_cli_takes.py."""

from __future__ import annotations

from pathlib import Path

from guikit import run_qt
from kit import wait_for
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget
from storekit import add
from takeskit import clip_with_sound
from videogen import make_video

from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.ui.stitch_dialog import StitchDialog


def test_stitch_dialog_says_before_joining_when_re_encoding_drops_sound(tmp_path: Path, qtbot, qloop) -> None:  # type: ignore[no-untyped-def]
    store = TaskStore(tmp_path / "history.sqlite3")
    videos = [
        ("a take with sound", clip_with_sound(tmp_path / "a.mp4")),
        ("a silent take", make_video(tmp_path / "b.mp4", 480, 270, 8, 1.0, QColor("blue"))),
        ("its twin with sound", clip_with_sound(tmp_path / "c.mp4")),
    ]
    first, silent, twin = (
        add(store, status=TaskStatus.COMPLETED, server_id=f"task-{n}", prompt=prompt, video_path=str(video))
        for n, (prompt, video) in enumerate(videos)
    )
    store.close()
    parent = QWidget()
    qtbot.addWidget(parent)

    async def scenario() -> None:
        dialog = StitchDialog(parent, [first, silent], [twin], tmp_path)
        dialog.show()
        note = dialog.findChild(QLabel, "stitchSoundNote")
        # The chain is ticked: a silent take of another size means a re-encode, and no sound.
        await wait_for(note.isVisible, 10)
        assert "no sound" in note.text() and "“a take with sound”" in note.text()
        assert "silent" not in note.text()
        # Two takes of one format join losslessly, sound included: the note goes.
        dialog.takes.item(1).setCheckState(Qt.CheckState.Unchecked)
        dialog.takes.item(2).setCheckState(Qt.CheckState.Checked)
        await wait_for(lambda: not note.isVisible(), 10)
        dialog.takes.item(1).setCheckState(Qt.CheckState.Checked)  # all three: both takes with sound
        await wait_for(note.isVisible, 10)
        assert "“a take with sound”, “its twin with sound”" in note.text()
        dialog.reject()

    run_qt(qloop, scenario())
