"""``happyhorse-cli batch``, ``queue`` and ``ledger`` in-process against the simulator, on the history
the window uses."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from imagegen import make_image
from kit import TEST_KEY
from queuekit import TAKE_CREDITS

from happyhorse_desktop.cli import main
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore


def batch_file(tmp_path: Path, count: int, *, extra: str = "") -> Path:
    make_image(tmp_path / "pics" / "horse.png")
    lines = ["image,prompt,duration,seed,notes"]
    lines += [f"pics/horse.png,take {n},3,{n},whatever" for n in range(1, count + 1)]
    path = tmp_path / "night.csv"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def history(tmp_path: Path) -> list:  # type: ignore[type-arg]
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    try:
        return store.all()
    finally:
        store.close()


def test_a_bad_row_refuses_the_whole_file_before_anything_is_queued(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_image(tmp_path / "tiny.png", 120, 120)
    path = batch_file(tmp_path, 3, extra="tiny.png,too small,3,9,\npics/horse.png,bad,99,10,\n")
    assert main(["batch", str(path), "--wait"]) == 2
    err = capsys.readouterr().err.splitlines()
    bad = [line for line in err if line.startswith("error:")]
    assert bad == [
        "error: row 5: The image is 120×120 px; each side must be at least 300 px.",
        "error: row 6: Duration must be between 3 and 15 seconds, not 99.",
    ]
    assert "Nothing was queued: 2 of 5 rows need fixing." in err
    assert history(tmp_path) == [] and not sim_env.requests


def test_batch_wait_sends_everything_within_the_caps_and_saves_every_video(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = batch_file(tmp_path, 5)
    code = main(["batch", str(path), "--concurrency", "2", "--budget", "1000", "--wait", "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    takes = json.loads(out.out)
    assert [t["prompt"] for t in takes] == [f"take {n}" for n in range(1, 6)]
    assert all(t["status"] == "completed" and Path(t["video_path"]).is_file() for t in takes)
    assert f"Queued 5 takes as batch 1 “night” ({5 * TAKE_CREDITS:,.2f} credits" in out.err
    assert "5 saved, 0 failed, 0 under way, 0 queued" in out.err
    assert sim_env.max_running_seen[TEST_KEY] == 2 and len(sim_env.tasks) == 5


def test_a_budget_that_runs_out_pauses_and_exits_3(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = batch_file(tmp_path, 4)
    assert main(["batch", str(path), "--budget", str(TAKE_CREDITS * 2.2), "--wait"]) == 3
    err = capsys.readouterr().err
    assert "over its budget" in err and "“night”" in err
    rows = history(tmp_path)
    assert [r.status for r in rows].count(TaskStatus.QUEUED) == 2 and sum(
        1 for r in rows if r.video_path
    ) == 2
    assert len(sim_env.tasks) == 2
    # the queue stays paused for every process until the user resumes (and the cap is raised)
    assert main(["queue", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["paused"] and listed["pause_kind"] == "batch_cap" and listed["queued"] == 2


def test_402_pauses_the_run_and_exits_3(sim_env: EvoLinkSimulator, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    sim_env.balance = TAKE_CREDITS * 1.5
    assert main(["batch", str(batch_file(tmp_path, 3)), "--concurrency", "1", "--wait"]) == 3
    assert "lack of credits" in capsys.readouterr().err
    assert len(sim_env.tasks) == 1
    assert [r.status for r in history(tmp_path)].count(TaskStatus.QUEUED) == 2


def test_a_failed_take_exits_4(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    sim_env.fail_next_task("content_policy_violation")
    assert main(["batch", str(batch_file(tmp_path, 2)), "--concurrency", "1", "--wait"]) == 4
    statuses = sorted(r.status.value for r in history(tmp_path))
    assert statuses == ["completed", "failed"]


def test_queue_without_wait_then_list_pause_resume_run_and_clear(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = batch_file(tmp_path, 3)
    assert main(["batch", str(path)]) == 0
    assert not sim_env.requests  # queued, nothing sent
    capsys.readouterr()
    assert main(["queue", "pause"]) == 0
    assert "Paused." in capsys.readouterr().out
    assert main(["queue", "run"]) == 3  # paused by the user: nothing sent, the takes wait
    assert not sim_env.requests
    assert main(["queue", "resume"]) == 0
    assert main(["queue", "list"]) == 0
    listing = capsys.readouterr().out
    assert "3 queued · 0 of 2 running" in listing and listing.count("Queued") == 3
    assert main(["queue", "run"]) == 0
    assert len(sim_env.tasks) == 3 and all(r.video_path for r in history(tmp_path))
    assert main(["batch", str(path)]) == 0
    assert main(["queue", "clear"]) == 0
    assert "Removed 3 queued takes; nothing of theirs was sent." in capsys.readouterr().err
    assert len(history(tmp_path)) == 3


def test_the_ledger_sums_spending_per_day_model_and_quality(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", str(batch_file(tmp_path, 2)), "--wait"]) == 0
    capsys.readouterr()
    assert main(["ledger", "--by", "month"]) == 0
    out = capsys.readouterr().out
    assert "happyhorse-1.0-image-to-video" in out and f"{2 * TAKE_CREDITS:,.2f}" in out
    target = tmp_path / "ledger.csv"
    assert main(["ledger", "--csv", str(target)]) == 0
    with target.open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["model"] == "happyhorse-1.0-image-to-video" and row["quality"] == "720p"
    assert row["tasks"] == "2" and float(row["charged_credits"]) == pytest.approx(2 * TAKE_CREDITS)
    assert float(row["reserved_credits"]) == 0
