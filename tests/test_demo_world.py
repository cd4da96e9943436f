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
from guikit import cell, close_window, drop_files, open_window, run_qt
from imagegen import make_image
from kit import run, wait_for
from test_simulator_routes import client_for, uploaded_url, wait_status

from happyhorse_desktop.engine import Engine
from happyhorse_desktop.mp4probe import probe_video
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.sandbox.render_plan import RenderSettings
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.ui.task_model import Column


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


def test_a_cli_task_reopened_after_a_restart_finishes_with_its_own_parameters_and_credits(
    tmp_path: Path,
) -> None:
    """``--demo submit`` 1080p·15 s without --wait, the process ends; the next demo start (the window's
    engine) finishes it as asked: its credits, a 1080p 15 s video from the picture, the balance
    charged once — and ``credits`` in yet another process shows the same balance."""
    image = make_image(tmp_path / "a.png", 800, 600)
    submitted = demo_cli(
        tmp_path, "submit", str(image), "--quality", "1080p", "--duration", "15", task_seconds=2
    )
    assert submitted.returncode == 0, submitted.stderr
    store = TaskStore(tmp_path / "data" / "demo" / "tasks.sqlite3")
    reserved = store.get(1).credits_reserved  # type: ignore[union-attr]
    store.close()
    assert reserved == 3_240_405  # raw units: 324.0405 credits

    async def next_start() -> tuple[object, ...]:
        engine = Engine.create(demo=True)  # a new simulator, on another port, from the kept account
        engine.manager.start()
        try:
            record = await settle(engine, 1, timeout=60)
            balance = (await engine.client.get_credits()).balance
            return record, balance
        finally:
            await engine.aclose()

    record, balance = run(next_start(), timeout=90)
    assert record.status == TaskStatus.COMPLETED  # type: ignore[attr-defined]
    assert (record.credits_reserved, record.credits_used) == (reserved, reserved)  # type: ignore[attr-defined]
    sidecar = json.loads(Path(record.sidecar_path).read_text())  # type: ignore[attr-defined]
    assert sidecar["credits_used"] == sidecar["credits_reserved"] == pytest.approx(324.0405)
    facts = probe_video(Path(record.video_path))  # type: ignore[attr-defined]
    assert facts is not None and (facts.width, facts.height) == (1440, 1080)
    assert facts.duration == pytest.approx(15.0, abs=0.1)
    assert balance == pytest.approx(10_000 - 324.0405)

    credits = demo_cli(tmp_path, "credits")
    assert credits.returncode == 0, credits.stderr
    assert "Balance: 9,675.96 credits" in credits.stdout


def test_two_simulators_on_one_ledger_share_balance_tasks_and_refunds(tmp_path: Path) -> None:
    """The window and the CLI run a simulator each on the same demo account: one balance, each
    other's tasks, a failed task's credits given back once, and 402 when the shared balance is short."""
    ledger = tmp_path / "account.sqlite3"
    image = make_image(tmp_path / "a.png")
    with (
        EvoLinkSimulator(task_seconds=0.3, balance=100.0, ledger_path=ledger) as one,
        EvoLinkSimulator(task_seconds=0.3, balance=5.0, ledger_path=ledger) as two,  # opening balance: once
        client_for(one) as a,
        client_for(two) as b,
    ):
        assert b.get("/v1/credits").json()["data"]["user"]["remaining_credits"] == 100.0
        body = {"model": "happyhorse-1.0-image-to-video", "image_urls": [uploaded_url(a, image, "image/png")]}
        one.fail_next_task("content_policy_violation")
        failed = a.post("/v1/videos/generations", json=body | {"duration": 3}).json()
        done = a.post("/v1/videos/generations", json=body | {"duration": 5}).json()
        assert b.get("/v1/credits").json()["data"]["user"]["remaining_credits"] == pytest.approx(
            100 - 36.45 - 60.75
        )
        assert wait_status(b, failed["id"], "failed")["usage"]["credits_reserved"] == 36.45 * 10_000
        assert wait_status(a, failed["id"], "failed")  # both saw the failure: refunded once
        assert wait_status(b, done["id"], "completed")["usage"]["credits_used"] == 60.75 * 10_000
        for client in (a, b):
            assert client.get("/v1/credits").json()["data"]["user"]["remaining_credits"] == pytest.approx(
                100 - 60.75
            )
        listed = b.get("/v1/tasks").json()["data"]
        assert {t["id"] for t in listed} == {failed["id"], done["id"]}
        assert b.post("/v1/videos/generations", json=body | {"duration": 3}).status_code == 200
        assert a.post("/v1/videos/generations", json=body | {"duration": 3}).status_code == 402
    with EvoLinkSimulator(ledger_path=ledger) as again, client_for(again) as c:  # the next start
        assert c.get("/v1/credits").json()["data"]["user"]["remaining_credits"] == pytest.approx(
            100 - 60.75 - 36.45
        )
        assert c.get(f"/v1/tasks/{done['id']}").json()["usage"]["credits_used"] == 60.75 * 10_000


def test_an_unreadable_demo_account_is_kept_aside_and_a_new_one_starts(tmp_path: Path) -> None:
    ledger = tmp_path / "account.sqlite3"
    ledger.write_bytes(b"this is not a database" * 100)
    with EvoLinkSimulator(balance=250.0, ledger_path=ledger) as sim, client_for(sim) as client:
        assert client.get("/v1/credits").json()["data"]["user"]["remaining_credits"] == 250.0
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("account.sqlite3.unreadable-")]
    assert [p.read_bytes() for p in kept] == [b"this is not a database" * 100]  # nothing lost


def test_a_demo_task_closed_while_it_runs_finishes_after_a_restart_with_its_credits(
    qtbot,  # type: ignore[no-untyped-def]
    qloop,
    quick_demo: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window: a 1080p·15 s demo task, the window closed while it runs; the next start finishes it
    with its 324.04 credits reserved and charged (not 0.00), and the balance continues."""
    monkeypatch.setattr("happyhorse_desktop.engine.DEMO_TASK_SECONDS", 4.0)

    async def first_start() -> None:
        window = await open_window(qtbot, demo=True)
        drop_files(window.composer.image_panel, make_image(tmp_path / "a.png"))
        window.composer.quality_combo.setCurrentText("1080p")
        window.composer.duration_spin.setValue(15)
        await wait_for(lambda: window.composer.submit_button.isEnabled())
        window.submit()
        await wait_for(
            lambda: window.model.rowCount() == 1 and "324.04" in cell(window, 0, Column.CREDITS), 20
        )
        assert cell(window, 0, Column.STATUS) != "Completed"
        await close_window(window)

    async def next_start() -> tuple[str, str]:
        window = await open_window(qtbot, demo=True)
        await wait_for(
            lambda: window.model.rowCount() == 1 and cell(window, 0, Column.STATUS) == "Completed", 30
        )
        await wait_for(lambda: "9,675.96" in window.balance_label.text(), 10)
        texts = cell(window, 0, Column.CREDITS), cell(window, 0, Column.SETTINGS)
        await close_window(window)
        return texts

    run_qt(qloop, first_start())
    credits, output = run_qt(qloop, next_start())
    assert "324.04" in credits and "1080p" in output and "15" in output
