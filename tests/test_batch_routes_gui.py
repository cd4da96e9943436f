"""The batch composer on every route, driven in the main window: it offers all seven models, shows only
the settings and inputs the chosen route takes, composes the takes that route makes (prompts alone,
every character picture in each take, one take per video to edit), costs them from the one price
table, and queues them with their route's parameters."""

from __future__ import annotations

from pathlib import Path

from guikit import close_window, drop_files, open_window, run_qt
from imagegen import make_image
from kit import wait_for
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QLabel
from videogen import make_video

from happyhorse_desktop.pricing import estimate_credits
from happyhorse_desktop.routes import ROUTES
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.ui.batch_composer import BatchComposer
from happyhorse_desktop.ui.batch_model import TakeColumn

TEXT, REFERENCE = "happyhorse-1.1-text-to-video", "happyhorse-1.0-reference-to-video"
EDIT, IMAGE = "happyhorse-1.0-video-edit", "happyhorse-1.1-image-to-video"


def choose(composer: BatchComposer, model: str) -> None:
    combo = composer.settings.model
    combo.setCurrentIndex(combo.findData(model))


def shown(composer: BatchComposer) -> set[str]:
    """Which of the route's settings and inputs the composer shows."""
    settings, tab = composer.settings, composer.compose_tab
    widgets = {
        "aspect": settings.aspect,
        "duration": settings.duration,
        "sound": settings.keep_sound,
        "inputs": tab.inputs_box,
        "text tip": tab.text_tip,
    }
    return {name for name, widget in widgets.items() if widget.isVisibleTo(composer)}


def column(composer: BatchComposer, take: TakeColumn) -> list[str]:
    return [composer.model.index(r, take).data() for r in range(composer.model.rowCount())]


def test_the_composer_offers_every_route_and_its_fields_follow_the_route(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rider, horse = make_image(tmp_path / "rider.png", 600, 800), make_image(tmp_path / "horse.png", 800, 600)
    walk = make_video(tmp_path / "walk.mp4", 640, 360, 12, 4.0, QColor(40, 90, 200))

    async def ready(composer: BatchComposer, rows: int) -> None:
        await wait_for(lambda: composer.is_checked() and composer.model.rowCount() == rows, 15)

    async def scenario() -> None:
        window = await open_window(qtbot)
        window.engine.manager.queue.pause()  # queued, not sent: sending is tested on the engine
        window.findChild(QAction, "newBatchAction").trigger()
        await wait_for(lambda: window.findChild(BatchComposer) is not None)
        composer = window.findChild(BatchComposer)
        tab = composer.compose_tab
        combo = composer.settings.model
        assert [combo.itemData(i) for i in range(combo.count())] == list(ROUTES)
        assert combo.itemText(combo.findData(TEXT)) == "HappyHorse 1.1 · Text → Video"

        choose(composer, TEXT)
        assert shown(composer) == {"aspect", "duration", "text tip"}
        aspects = composer.settings.aspect
        assert [aspects.itemText(i) for i in range(aspects.count())] == list(ROUTES[TEXT].aspect_ratios)
        aspects.setCurrentText("9:16")
        tab.prompts.setPlainText("A storm over the sea\n\nA calm lake at dawn")
        await ready(composer, 2)
        assert {t.params.images for t in composer.model.drafts()} == {()}
        assert column(composer, TakeColumn.ASPECT) == ["9:16", "9:16"]
        assert column(composer, TakeColumn.IMAGE) == ["—", "—"]
        cost = 2 * estimate_credits(TEXT, "720p", 5)  # type: ignore[operator]
        assert f"2 takes · {cost:,.2f} credits" in composer.findChild(QLabel, "batchSummary").text()

        choose(composer, REFERENCE)
        assert shown(composer) == {"aspect", "duration", "inputs"}
        assert [aspects.itemText(i) for i in range(aspects.count())] == list(ROUTES[REFERENCE].aspect_ratios)
        assert "character1, character2" in tab.inputs_label.text()
        assert drop_files(tab.pictures.viewport(), rider, horse)
        tab.prompts.setPlainText("character1 rides character2 along the beach")
        await ready(composer, 1)  # every picture in one take, in the list's order
        (take,) = composer.model.drafts()
        assert take.params.images == (str(rider), str(horse)) and take.ok, take.problems
        assert column(composer, TakeColumn.IMAGE) == ["rider.png, horse.png"]

        choose(composer, EDIT)
        assert shown(composer) == {"sound", "inputs"}  # no duration, no aspect ratio: the video decides
        assert tab.pictures.paths() == []  # the pictures wait for their route; videos are asked for
        assert tab.add_button.text() == "Add videos…"
        composer.settings.keep_sound.setChecked(True)
        assert drop_files(tab.pictures.viewport(), walk, horse)  # a picture is not a video to edit
        tab.prompts.setPlainText("Autumn leaves fall")
        await ready(composer, 1)
        (take,) = composer.model.drafts()
        assert take.params.video == str(walk) and take.params.keep_original_sound and take.ok
        assert column(composer, TakeColumn.DURATION) == ["4 s"]  # read from the video
        edit_cost = estimate_credits(EDIT, "720p", take.params.input_seconds or 0)
        assert f" · {edit_cost:,.2f} credits" in composer.summary.text()
        composer.queue_button.click()
        await wait_for(lambda: not composer.isVisible())
        (queued,) = window.engine.store.all()
        assert (queued.model, queued.video_source, queued.keep_original_sound) == (EDIT, str(walk), True)
        assert queued.input_seconds == take.params.input_seconds  # the budget counts the source's length
        await close_window(window)

    run_qt(qloop, scenario(), timeout=90)
    assert not sim_env.tasks


def test_switching_routes_keeps_each_routes_inputs(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pictures = [make_image(tmp_path / f"{n}.png", 1280, 720) for n in "ab"]

    async def scenario() -> None:
        window = await open_window(qtbot)
        window.findChild(QAction, "newBatchAction").trigger()
        await wait_for(lambda: window.findChild(BatchComposer) is not None)
        composer = window.findChild(BatchComposer)
        tab = composer.compose_tab
        choose(composer, IMAGE)
        assert drop_files(tab.pictures.viewport(), *pictures)
        tab.prompts.setPlainText("The horse runs")
        await wait_for(lambda: composer.is_checked() and composer.model.rowCount() == 2)
        choose(composer, TEXT)
        await wait_for(lambda: composer.is_checked() and composer.model.rowCount() == 1)
        choose(composer, IMAGE)
        await wait_for(lambda: composer.is_checked() and composer.model.rowCount() == 2)
        assert [d.params.images for d in composer.model.drafts()] == [(str(p),) for p in pictures]
        assert column(composer, TakeColumn.ASPECT) == ["—", "—"]  # the picture decides the shape
        await close_window(window)

    run_qt(qloop, scenario())
