"""The demo behaves like an account across starts: a picture is uploaded again to a simulator that never
saw it, and the world (balance, tasks, their credits) is kept between starts of the window and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from enginekit import params, settle
from imagegen import make_image
from kit import run

from happyhorse_desktop.engine import Engine
from happyhorse_desktop.mp4probe import probe_video
from happyhorse_desktop.sandbox.render_plan import RenderSettings
from happyhorse_desktop.tasks.status import TaskStatus


@pytest.fixture
def quick_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Demo tasks that finish in a second, rendered small (the full-size render has its own tests)."""
    monkeypatch.setattr("happyhorse_desktop.engine.DEMO_TASK_SECONDS", 0.6)
    monkeypatch.setattr(RenderSettings, "demo", classmethod(lambda cls: RenderSettings.small()))


def test_a_picture_is_uploaded_again_to_a_new_demo_simulator(quick_demo: None, tmp_path: Path) -> None:
    """Each demo start has its simulator on a new port: the URL the last one gave is dead there."""
    image = make_image(tmp_path / "a.png")

    async def one_start() -> tuple[str, int, str]:
        engine = Engine.create(demo=True)
        engine.manager.start()
        try:
            record = await engine.manager.submit(params(image))
            record = await settle(engine, record.id)
            assert engine.simulator is not None
            uploads = engine.simulator.count("POST", "/api/v1/files/upload/stream")
            return record.status, uploads, engine.simulator.base_url
        finally:
            await engine.aclose()

    first = run(one_start())
    second = run(one_start())
    assert first[2] != second[2]  # two simulators, two ports
    assert first[:2] == second[:2] == (TaskStatus.COMPLETED, 1)


# -- the CLI's demo in real child processes ---------------------------------------------------------

# ``happyhorse-cli`` itself (its ``main``), with demo tasks that take TASK_SECONDS instead of the
# product's 12 s: the only thing changed in the child.
DEMO_CLI = (
    "import sys\n"
    "import happyhorse_desktop.engine as engine\n"
    "engine.DEMO_TASK_SECONDS = float(sys.argv[1])\n"
    "from happyhorse_desktop.cli import main\n"
    "sys.exit(main(sys.argv[2:]))\n"
)


def demo_cli(tmp_path: Path, *args: str, task_seconds: float = 1.0) -> subprocess.CompletedProcess[str]:
    """``happyhorse-cli --demo ARGS`` in a child process with no display at all (no DISPLAY, no
    WAYLAND_DISPLAY, no QT_QPA_PLATFORM), like a terminal over SSH."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HAPPYHORSE_DATA_DIR=str(tmp_path / "data"), HAPPYHORSE_OUTPUT_DIR=str(tmp_path / "videos"))
    command = [sys.executable, "-c", DEMO_CLI, str(task_seconds), "--demo", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_cli_demo_extend_continues_a_take_rendered_from_the_picture(tmp_path: Path) -> None:
    """The CLI's demo renders from the user's picture (a console process, headless), so its takes meet
    the routes' minimums and ``extend`` works end to end; no log line about Qt reaches the terminal."""
    image = make_image(tmp_path / "a.png", 800, 600)
    first = demo_cli(tmp_path, "submit", str(image), "--duration", "3", "--wait", "--json")
    assert first.returncode == 0, first.stderr
    take = json.loads(first.stdout)
    facts = probe_video(Path(take["video_path"]))
    assert facts is not None and (facts.width, facts.height) == (960, 720)  # the picture's 4:3 at 720p
    assert facts.duration == pytest.approx(3.0, abs=0.1)

    extended = demo_cli(tmp_path, "extend", str(take["id"]), "--wait", "--json")
    assert extended.returncode == 0, extended.stderr
    child = json.loads(extended.stdout)
    assert child["status"] == "completed" and child["id"] != take["id"]
    facts = probe_video(Path(child["video_path"]))
    assert facts is not None and (facts.width, facts.height) == (960, 720)
    for run_ in (first, extended):
        assert "QGuiApplication" not in run_.stderr and "qt.multimedia" not in run_.stderr
