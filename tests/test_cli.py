"""happyhorse-cli in-process against the simulator, sharing the store with the engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from imagegen import make_image

from happyhorse_desktop.cli import main
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.store import TaskStore


def test_submit_wait_list_show(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = make_image(tmp_path / "a.png")
    assert (
        main(
            [
                "submit",
                str(image),
                "--prompt",
                "cli horse",
                "--seed",
                "5",
                "--duration",
                "3",
                "--wait",
                "--json",
            ]
        )
        == 0
    )
    out = capsys.readouterr()
    task = json.loads(out.out)
    assert task["status"] == "completed" and Path(task["video_path"]).is_file()
    assert "estimated" in out.err and "idempotency_key" not in task
    assert main(["list"]) == 0
    assert task["server_id"] in capsys.readouterr().out
    assert main(["show", task["server_id"]]) == 0
    assert "cli horse" in capsys.readouterr().out
    # the same history the window reads
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    assert store.get(task["id"]).video_path == task["video_path"]  # type: ignore[union-attr]
    store.close()
    assert sim_env.count("POST", "/v1/videos/generations") == 1


def test_submit_without_wait_is_resumed_by_the_next_run(sim_env: EvoLinkSimulator, tmp_path: Path) -> None:
    assert main(["submit", str(make_image(tmp_path / "a.png"))]) == 0
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    record = store.get(1)
    assert record is not None and record.server_id and not record.video_path
    store.close()
    from enginekit import running_engine, settle
    from kit import run

    async def window_run() -> None:
        async with running_engine() as engine:
            assert (await settle(engine, 1)).video_path

    run(window_run())
    assert sim_env.count("POST", "/v1/videos/generations") == 1


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--duration", "20"], "between 3 and 15"),
        (["--seed", "0"], "seed must be between"),
        (["--callback-url", "http://example.com/cb"], "https"),
    ],
)
def test_bad_input_exits_2_with_reason(
    sim_env: EvoLinkSimulator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    fragment: str,
) -> None:
    assert main(["submit", str(make_image(tmp_path / "a.png")), *args]) == 2
    assert fragment in capsys.readouterr().err
    assert sim_env.count("POST", "/v1/videos/generations") == 0


def test_bad_image_and_unknown_task(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "fake.png"
    text.write_text("hello")
    assert main(["submit", str(text)]) == 2
    assert "not an image" in capsys.readouterr().err
    assert main(["show", "task-unified-1-nothere"]) == 2
    assert "no task" in capsys.readouterr().err


def test_refused_key_exits_3(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim_env.api_key = "sk-evo-another-key"
    assert main(["credits"]) == 3
    assert "API key was refused" in capsys.readouterr().err
    assert main(["submit", str(make_image(tmp_path / "a.png"))]) == 3


def test_no_key_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["credits"]) == 2
    assert "no API key" in capsys.readouterr().err


def test_credits(sim_env: EvoLinkSimulator, capsys: pytest.CaptureFixture[str]) -> None:
    sim_env.balance = 1095.3996
    assert main(["credits"]) == 0
    assert "1,095.40" in capsys.readouterr().out


def test_demo_mode_needs_no_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("happyhorse_desktop.engine.DEMO_TASK_SECONDS", 0.5)
    assert main(["--demo", "submit", str(make_image(tmp_path / "a.png")), "--wait"]) == 0
    assert "Completed" in capsys.readouterr().out
    assert list((tmp_path / "videos" / "demo").glob("*.mp4"))
    assert not (tmp_path / "data" / "tasks.sqlite3").exists()  # demo history is kept apart
