"""The demo behaves like an account across starts: a picture is uploaded again to a simulator that never
saw it, and the world (balance, tasks, their credits) is kept between starts of the window and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from enginekit import params, settle
from imagegen import make_image
from kit import run

from happyhorse_desktop.engine import Engine
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
