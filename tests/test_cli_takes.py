"""``happyhorse-cli extend`` and ``stitch``, in process, against the simulator's real clips."""

from __future__ import annotations

from pathlib import Path

import pytest
import takeskit
from kit import TEST_KEY
from PySide6.QtGui import QColor
from storekit import add
from takeskit import CLIPS, clip_with_sound, has_sound, picture, probe
from videogen import make_video

from happyhorse_desktop.cli import main
from happyhorse_desktop.config import load_config
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

clip_sim = takeskit.clip_sim  # the fixture: the simulator rendering real clips


def test_extend_waits_for_the_continuation_and_stitch_joins_the_chain(
    clip_sim: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["submit", str(picture(tmp_path)), "--duration", "3", "--prompt", "a horse", "--wait"]) == 0
    assert main(["extend", "1", "--prompt", "the horse lands", "--wait"]) == 0
    out = capsys.readouterr()
    assert "Continuing from the frame at" in out.err and "last-frame.png" in out.err
    store = TaskStore(load_config().db_path)
    parent, child = store.get(1), store.get(2)
    assert child is not None and parent is not None
    assert child.parent_id == 1 and child.prompt == "the horse lands" and child.duration == 3
    assert child.video_path and Path(child.video_path).is_file()
    output = tmp_path / "chain.mp4"
    assert main(["stitch", "1", child.server_id or "", "-o", str(output)]) == 0
    assert "lossless" in capsys.readouterr().err
    parts = [probe(Path(r.video_path or "")) for r in (parent, child)]
    assert probe(output).frames == sum(p.frames for p in parts) - 1 == 2 * 3 * CLIPS.fps - 1
    assert output.with_suffix(".json").is_file()
    store.close()


@pytest.mark.parametrize(
    ("ids", "reason"),
    [
        pytest.param(["1", "2"], "Task 2 is not finished", id="unfinished"),
        pytest.param(["1", "42"], "no task '42' in the history", id="missing-id"),
        pytest.param(["1", "3"], "The video of task task-unified-3-gone is not on disk", id="file-gone"),
        pytest.param(["1"], "name at least two takes", id="one-take"),
    ],
)
def test_stitch_exits_2_with_the_reason_and_writes_nothing(
    ids: list[str], reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = TaskStore(load_config().db_path)
    video = make_video(tmp_path / "one.mp4", 320, 180, 8, 1.0, QColor("red"))
    add(store, status=TaskStatus.COMPLETED, server_id="task-unified-1-ok", video_path=str(video))
    add(store, status=TaskStatus.PROCESSING)
    add(
        store,
        status=TaskStatus.COMPLETED,
        server_id="task-unified-3-gone",
        video_path=str(tmp_path / "x.mp4"),
    )
    store.close()
    output = tmp_path / "out.mp4"
    assert main(["stitch", *ids, "-o", str(output)]) == 2
    assert reason in capsys.readouterr().err
    assert not output.exists() and not list(tmp_path.glob("out.*"))


def test_stitch_wants_an_mp4_and_keeps_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "keep.mp4"
    existing.write_bytes(b"mine")
    assert main(["stitch", "1", "2", "-o", str(tmp_path / "out.gif")]) == 2
    assert "must be an .mp4" in capsys.readouterr().err
    assert main(["stitch", "1", "2", "-o", str(existing)]) == 2
    assert "--force" in capsys.readouterr().err and existing.read_bytes() == b"mine"


def test_extend_refuses_a_take_without_a_video(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVOLINK_API_KEY", TEST_KEY)  # never used: nothing is sent
    store = TaskStore(load_config().db_path)
    add(store, status=TaskStatus.FAILED, server_id="task-unified-9-failed")
    store.close()
    assert main(["extend", "task-unified-9-failed"]) == 2
    assert "Task task-unified-9-failed is not finished" in capsys.readouterr().err
    assert main(["extend", "7"]) == 2
    assert "no task '7'" in capsys.readouterr().err


def test_stitch_says_on_stderr_when_re_encoding_leaves_the_sound_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = TaskStore(load_config().db_path)
    videos = {
        "task-unified-1-sound": clip_with_sound(tmp_path / "one.mp4"),
        "task-unified-2-sound": clip_with_sound(tmp_path / "two.mp4"),
        "task-unified-3-silent": make_video(tmp_path / "three.mp4", 480, 270, 8, 1.0, QColor("blue")),
    }
    for server_id, video in videos.items():
        add(store, status=TaskStatus.COMPLETED, server_id=server_id, video_path=str(video))
    store.close()
    # Takes of one format join losslessly, sound included: nothing to say.
    assert main(["stitch", "1", "2", "-o", str(tmp_path / "same.mp4")]) == 0
    err = capsys.readouterr().err
    assert "lossless" in err and "sound" not in err
    assert has_sound(tmp_path / "same.mp4")
    # A silent take of another size forces a re-encode: the takes with sound are named, before the join.
    assert main(["stitch", "1", "task-unified-3-silent", "2", "-o", str(tmp_path / "mixed.mp4")]) == 0
    err = capsys.readouterr().err
    note = "a re-encoded join has no sound: the sound of 1, 2 is left out."
    assert note in err and err.index(note) < err.index("Stitched 3 takes")
    assert "re-encoded" in err.split("Stitched")[1]
    assert not has_sound(tmp_path / "mixed.mp4")
