"""Takes and chains through the real window: continue from the last frame, the chain in the details,
stitch and export dialogs, the comparison's one transport, and a dropped video restoring its recipe."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import takeskit
from enginekit import params, settle
from guikit import close_window, drop_files, open_window, run_qt
from kit import wait_for
from PySide6.QtWidgets import QLabel, QWidget
from shotkit import export_gif
from takeskit import CLIPS, picture, probe

from happyhorse_desktop.ui.compare_view import CompareView
from happyhorse_desktop.ui.export_dialog import ExportDialog
from happyhorse_desktop.ui.stitch_dialog import StitchDialog

clip_sim = takeskit.clip_sim  # the fixture: the simulator rendering real clips


Scenario = Callable[[Any, Path], Awaitable[None]]


@pytest.fixture
def in_window(tmp_path: Path, qtbot, qloop) -> Callable[..., None]:  # type: ignore[no-untyped-def]
    """Runs ``scenario(window, picture)`` in the window once its engine runs (the takes are polled from
    the start), with the takes' picture, and closes the window after it."""

    def run(scenario: Scenario, timeout: float = 40.0) -> None:
        async def opened_and_closed() -> None:
            window = await open_window(qtbot)
            await wait_for(lambda: window.manager.started, 10)
            await scenario(window, picture(tmp_path))
            await close_window(window)

        run_qt(qloop, opened_and_closed(), timeout=timeout)

    return run


async def take(window, image: Path, **kw: object):  # type: ignore[no-untyped-def]
    record = await window.manager.submit(params(image, **kw))
    return await settle(window.engine, record.id, timeout=60)


@pytest.mark.usefixtures("clip_sim")
def test_continue_chain_stitch_export_and_a_dropped_video(tmp_path: Path, in_window) -> None:  # type: ignore[no-untyped-def]
    async def scenario(window, image: Path) -> None:  # type: ignore[no-untyped-def]
        parent = await take(window, image, duration=3, seed=21, prompt="the horse rears")
        window.select_task(parent.id)
        tools = window.actions.tools
        assert tools.extend.isEnabled()
        # Continue: the composer gets the frame, the same settings and the prompt to edit.
        tools.continue_selected()
        frame = Path(parent.video_path).with_name(Path(parent.video_path).stem + ".last-frame.png")
        await wait_for(lambda: window.composer.image_panel.source() == str(frame), 20)
        assert window.composer.prompt.text() == "the horse rears"
        assert window.composer.duration_spin.value() == 3
        window.composer.prompt.set_text("the horse lands")
        await wait_for(lambda: window.composer.submit_button.isEnabled(), 20)
        window.submit()
        await wait_for(lambda: window.engine.store.count() == 2, 20)
        child = await settle(window.engine, 2, timeout=60)
        assert child.parent_id == parent.id and child.prompt == "the horse lands"
        # The chain's length and cost in the details.
        window.select_task(child.id)
        chain_fact = window.findChild(QLabel, "chainFact")
        await wait_for(lambda: chain_fact.isVisible(), 5)
        assert chain_fact.text().startswith("Chain of 2 takes")
        # Stitch the chain from its dialog.
        tools.stitch_selected()
        dialog = window.findChild(StitchDialog)
        assert [r.id for r in dialog.chosen()] == [parent.id, child.id]
        output = tmp_path / "videos" / "stitched.mp4"
        dialog.output.setText(str(output))
        dialog.start()
        status = dialog.findChild(QLabel, "mediaJobStatus")
        await wait_for(lambda: status.text().startswith("Saved"), 30)
        assert "losslessly" in status.text()
        assert probe(output).frames == 2 * 3 * CLIPS.fps - 1
        dialog.reject()
        # Export a GIF of a range.
        tools.export_selected()
        export = window.findChild(ExportDialog)
        export.fps.setValue(4)
        export.width.setValue(200)
        assert "(8 frames)" in await export_gif(export, 0.5, 2.5, 30)
        assert export.output_path().is_file()
        export.reject()
        # A dropped video brings its recipe back, picture included.
        window.composer.load(params(image, prompt="something else", seed=1))
        assert drop_files(window, Path(parent.video_path))
        await wait_for(lambda: window.composer.prompt.text() == "the horse rears", 10)
        assert window.composer.seed_spin.value() == 21
        await wait_for(lambda: window.composer.image_panel.source() == str(image), 10)

    in_window(scenario, timeout=240)


@pytest.mark.usefixtures("clip_sim")
def test_comparison_keeps_the_takes_within_one_frame_and_stars_the_keeper(in_window) -> None:  # type: ignore[no-untyped-def]
    async def scenario(window, image: Path) -> None:  # type: ignore[no-untyped-def]
        first = await take(window, image, duration=3, seed=1)
        second = await take(window, image, duration=3, seed=2)
        window.select_task(first.id)
        window.actions.tools.compare_selected()
        view = window.findChild(CompareView)
        assert view is not None and len(view.panes) == 2
        frame = view.frame_ms
        assert frame == 1000 / CLIPS.fps
        view.play()
        spreads = []
        for _ in range(30):
            await asyncio.sleep(0.05)
            positions = view.positions()
            spreads.append(max(positions) - min(positions))
        assert view.playing and max(view.positions()) > 500
        assert max(spreads[5:]) <= frame, spreads  # after the start, never more than a frame apart
        view.step(1)
        await asyncio.sleep(0.2)
        positions = view.positions()
        assert max(positions) - min(positions) <= frame and not view.playing
        # The wipe shows both takes in one picture.
        view.wipe_box.setChecked(True)
        assert view.wipe is not None and view.wipe.isVisible() and not view.grid_host.isVisible()
        # Star the keeper.
        view.panes[1].star.setChecked(True)
        await wait_for(lambda: window.engine.store.get(second.id).starred, 5)
        assert not window.engine.store.get(first.id).starred
        view.close()

    in_window(scenario, timeout=180)


def test_a_foreign_video_dropped_on_the_window_is_explained(
    tmp_path: Path,
    qtbot,
    qloop,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtGui import QColor
    from videogen import make_video

    async def scenario() -> None:
        window = await open_window(qtbot)
        video = make_video(tmp_path / "holiday.mp4", 320, 180, 8, 1.0, QColor("blue"))
        window.composer.prompt.set_text("kept")
        assert drop_files(window, video)
        bar = window.statusBar()
        await wait_for(lambda: "holiday.mp4 carries no HappyHorse recipe" in bar.currentMessage(), 10)
        assert window.composer.prompt.text() == "kept"  # nothing lost
        assert not window.findChild(QWidget, "errorBox")
        await close_window(window)

    run_qt(qloop, scenario())


@pytest.mark.usefixtures("sim_env")
def test_takes_of_one_shot_stack_in_the_details_and_lead_to_each_other(in_window) -> None:  # type: ignore[no-untyped-def]
    """Three takes of one shot (same picture and prompt, other seeds) and one of another shot: the details
    of a take say which take of how many it is and link to the others (the keeper starred, a failed one
    crossed); a take of a shot of its own shows no such line."""

    async def scenario(window, image: Path) -> None:  # type: ignore[no-untyped-def]
        takes = [await take(window, image, seed=seed, prompt="the horse rears") for seed in (1, 2, 3)]
        alone = await take(window, image, seed=4, prompt="another shot")
        window.actions.tools.set_starred(takes[2].id, True)
        window.select_task(takes[1].id)
        line = window.findChild(QLabel, "shotTakes")
        await wait_for(lambda: line.isVisible(), 5)
        assert "Take 2 of 3" in line.text()
        assert f'href="take:{takes[0].id}"' in line.text() and f'href="take:{takes[2].id}"' in line.text()
        assert "★3" in line.text() and f"take:{takes[1].id}" not in line.text()  # this one: bold, no link
        assert "Take 2 of 3" in window.details.text()
        line.linkActivated.emit(f"take:{takes[2].id}")  # what a click on "★3" does
        await wait_for(lambda: window.selected_record().id == takes[2].id, 5)
        assert "Take 3 of 3" in line.text()
        window.select_task(alone.id)
        await wait_for(lambda: not line.isVisible(), 5)
        assert "of this shot" not in window.details.text()

    in_window(scenario)
