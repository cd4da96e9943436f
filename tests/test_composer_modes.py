"""The composer's modes on their own (pytest-qt, no network): what each mode shows, the request and cost it
makes, what it keeps when you switch away and back, and ``load()`` for every route."""

from __future__ import annotations

from pathlib import Path

import pytest
from composerkit import never_called, new_composer
from guikit import drop_files, run_qt
from imagegen import make_image
from kit import wait_for
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolButton, QWidget
from videogen import fake_video, make_video

from happyhorse_desktop.config import load_config, settings_for
from happyhorse_desktop.pricing import estimate_credits, format_credits
from happyhorse_desktop.routes import ASPECTS_1_0, ASPECTS_1_1, Mode
from happyhorse_desktop.tasks.params import SubmitParams
from happyhorse_desktop.ui.composer import Composer

EDIT = "happyhorse-1.0-video-edit"


@pytest.fixture
def composer(qtbot, tmp_path: Path) -> Composer:  # type: ignore[no-untyped-def]
    widget = new_composer(qtbot, tmp_path)
    widget.resize(360, 760)
    widget.show()
    return widget


def click_mode(qtbot, composer: Composer, mode: Mode) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(composer.findChild(QToolButton, f"mode{mode.name.title()}"), Qt.MouseButton.LeftButton)
    assert composer.mode() is mode


def shown(composer: Composer, name: str) -> bool:
    widget = composer.findChild(object, name)
    assert widget is not None, f"no widget named {name}"
    return widget.isVisibleTo(composer)


def test_a_mode_s_inputs_are_built_when_it_is_first_shown(qtbot, composer: Composer) -> None:  # type: ignore[no-untyped-def]
    assert composer.findChild(object, "videoPanel") is None  # the window's first paint builds one mode
    click_mode(qtbot, composer, Mode.EDIT)
    assert shown(composer, "videoPanel") and shown(composer, "keepSoundCheck")
    assert composer.findChild(object, "referenceSlots") is None


def tab_chain(start: QWidget, stop: QWidget) -> list[str]:
    """The named widgets Qt's focus chain passes from ``start`` to ``stop``."""
    names, widget = [], start.nextInFocusChain()
    while widget is not stop and widget is not start:
        if widget.objectName():
            names.append(widget.objectName())
        widget = widget.nextInFocusChain()
    return names


@pytest.mark.parametrize(
    ("mode", "first_input"),
    [
        pytest.param(Mode.REFERENCE, "characterButton1", id="refs"),
        pytest.param(Mode.EDIT, "chooseVideoButton", id="edit"),
    ],
)
def test_tab_reaches_a_late_built_page_before_the_prompt(
    qtbot, composer: Composer, mode: Mode, first_input: str
) -> None:  # type: ignore[no-untyped-def]
    click_mode(qtbot, composer, mode)
    chain = tab_chain(composer.mode_switch, composer.prompt.edit)
    assert first_input in chain, chain


@pytest.mark.parametrize(
    ("mode", "inputs", "hidden"),
    [
        pytest.param(Mode.IMAGE, ["imagePanel", "durationSpin"], ["aspectCombo", "videoPanel"], id="image"),
        pytest.param(Mode.TEXT, ["aspectCombo", "durationSpin"], ["imagePanel", "referenceSlots"], id="text"),
        pytest.param(
            Mode.REFERENCE, ["referenceSlots", "aspectCombo"], ["imagePanel", "videoPanel"], id="refs"
        ),
        pytest.param(
            Mode.EDIT,
            ["videoPanel", "keepSoundCheck", "editLengthLabel"],
            ["durationSpin", "aspectCombo", "imagePanel"],
            id="edit",
        ),
    ],
)
def test_each_mode_shows_only_its_inputs(
    qtbot, composer: Composer, mode: Mode, inputs: list[str], hidden: list[str]
) -> None:  # type: ignore[no-untyped-def]
    for each in Mode:  # every page built (each is built when its mode is first shown): all exist
        composer.inputs.page(each)
    click_mode(qtbot, composer, mode)
    assert all(shown(composer, name) for name in inputs), inputs
    assert not any(shown(composer, name) for name in hidden), hidden
    assert composer.params().model == composer.model_combo.currentData()


def test_versions_and_their_aspect_ratios(qtbot, composer: Composer) -> None:  # type: ignore[no-untyped-def]
    click_mode(qtbot, composer, Mode.TEXT)
    versions = [composer.model_combo.itemData(i) for i in range(composer.model_combo.count())]
    assert versions == ["happyhorse-1.1-text-to-video", "happyhorse-1.0-text-to-video"]
    aspects = [composer.aspect_combo.itemText(i) for i in range(composer.aspect_combo.count())]
    assert tuple(aspects) == ASPECTS_1_1
    composer.aspect_combo.setCurrentText("9:16")
    composer.model_combo.setCurrentIndex(1)  # 1.0 offers five: the choice is kept when it still fits
    assert (
        tuple(composer.aspect_combo.itemText(i) for i in range(composer.aspect_combo.count())) == ASPECTS_1_0
    )
    assert composer.aspect_combo.currentText() == "9:16"
    composer.duration_spin.setValue(6)
    composer.prompt.set_text("a foal")
    composer.show_cost(None)
    assert format_credits(12.15 * 6) in composer.cost_label.text()
    click_mode(qtbot, composer, Mode.EDIT)
    assert composer.model_combo.count() == 1 and not composer.model_combo.isEnabled()


def test_switching_modes_keeps_what_each_had(qtbot, composer: Composer, tmp_path: Path, qloop) -> None:  # type: ignore[no-untyped-def]
    picture = make_image(tmp_path / "first.png", 800, 600)

    async def scenario() -> None:
        await composer.image_panel.load_path(picture)
        composer.prompt.set_text("the horse turns its head")
        click_mode(qtbot, composer, Mode.TEXT)
        assert composer.prompt.text() == "the horse turns its head"  # a new mode takes the prompt along
        composer.prompt.set_text("a storm over the sea")
        composer.aspect_combo.setCurrentText("1:1")
        click_mode(qtbot, composer, Mode.IMAGE)
        assert composer.prompt.text() == "the horse turns its head"
        assert composer.image_panel.source() == str(picture)
        click_mode(qtbot, composer, Mode.TEXT)
        assert (
            composer.prompt.text() == "a storm over the sea" and composer.aspect_combo.currentText() == "1:1"
        )

    run_qt(qloop, scenario())


def test_reference_names_go_into_the_prompt_and_are_checked(
    qtbot, composer: Composer, tmp_path: Path, qloop
) -> None:  # type: ignore[no-untyped-def]
    one, two = make_image(tmp_path / "one.png", 500, 700), make_image(tmp_path / "two.png", 700, 500)

    async def scenario() -> None:
        click_mode(qtbot, composer, Mode.REFERENCE)
        slots = composer.inputs.references
        assert drop_files(slots, one, two)
        await wait_for(lambda: not slots.is_busy())
        assert slots.sources() == [str(one), str(two)]
        assert shown(composer, "characterButton3") and not shown(
            composer, "characterButton4"
        )  # one empty slot
        composer.prompt.set_text("The horse and its rider: ")
        composer.prompt.edit.moveCursor(composer.prompt.edit.textCursor().MoveOperation.End)
        qtbot.mouseClick(composer.findChild(QToolButton, "characterButton1"), Qt.MouseButton.LeftButton)
        assert composer.prompt.text() == "The horse and its rider: character1"
        composer.prompt.set_text("character1 meets character3")
        problems = composer.problems()
        assert "The prompt names character3, but there are only 2 reference images." in problems
        assert "Reference image 2 is never named" in composer.warnings_label.text()
        composer.prompt.set_text("character1 meets character2")
        assert composer.problems() == [] and not composer.warnings_label.isVisibleTo(composer)
        qtbot.mouseClick(composer.findChild(QToolButton, "removeSlot1"), Qt.MouseButton.LeftButton)
        assert slots.sources() == [str(two)]  # the next one moved up: it is character1 now

    run_qt(qloop, scenario())


def test_a_small_reference_is_refused_naming_its_slot(
    qtbot, composer: Composer, tmp_path: Path, qloop
) -> None:  # type: ignore[no-untyped-def]
    small = make_image(tmp_path / "small.png", 640, 360)  # a fine first frame, too small a reference

    async def scenario() -> None:
        click_mode(qtbot, composer, Mode.REFERENCE)
        composer.prompt.set_text("character1 waves")
        composer.inputs.references.load([str(small)])
        await wait_for(lambda: not composer.inputs.references.is_busy())
        expected = "character1: The image is 640×360 px; its short side must be at least 400 px."
        assert composer.problems() == [expected]
        assert expected in composer.findChild(object, "referenceSlotsProblems").text()

    run_qt(qloop, scenario())


def test_a_video_to_edit_is_read_before_upload_and_priced(
    qtbot, composer: Composer, tmp_path: Path, qloop
) -> None:  # type: ignore[no-untyped-def]
    video = make_video(tmp_path / "clip.mp4", 640, 360, 12, 4.0, QColor(90, 40, 160))

    async def scenario() -> None:
        click_mode(qtbot, composer, Mode.EDIT)
        composer.show_cost(None)
        assert "add the video" in composer.cost_label.text()
        panel = composer.inputs.video_panel
        assert drop_files(panel, video)
        await wait_for(lambda: not panel.is_busy())
        assert (
            panel.findChild(object, "videoInfo").text().startswith("640×360 · 12 fps · 4.0 s · MPEG4 in MP4")
        )
        assert "H.264 is recommended" in panel.findChild(object, "videoWarning").text()
        composer.prompt.set_text("make it snow")
        assert composer.problems() == []
        params = composer.params()
        assert (params.video, params.input_seconds, params.duration) == (str(video), pytest.approx(4.0), 4)
        assert params.aspect_ratio is None and not params.images
        composer.show_cost(None)
        assert format_credits(estimate_credits(EDIT, "720p", 4.0)) in composer.cost_label.text()
        assert "4.0 s of source in, 4 s out" in composer.cost_label.text()
        await wait_for(lambda: panel.preview.pixmap() is not None and not panel.preview.pixmap().isNull())

    run_qt(qloop, scenario())


def test_load_fills_every_route(qtbot, composer: Composer, tmp_path: Path, qloop) -> None:  # type: ignore[no-untyped-def]
    """``Composer.load`` (Use settings, continuing a take) puts each route's task back as it was made."""
    picture = make_image(tmp_path / "p.png", 640, 640)
    video = fake_video(tmp_path / "v.mov", container="mov", codec=b"hvc1", seconds=8.0)

    async def scenario() -> None:
        composer.load(SubmitParams(model="happyhorse-1.1-text-to-video", prompt="dawn", aspect_ratio="21:9"))
        assert (composer.mode(), composer.aspect_combo.currentText()) == (Mode.TEXT, "21:9")
        refs = SubmitParams(
            model="happyhorse-1.0-reference-to-video",
            images=(str(picture),) * 2,
            prompt="character1, character2",
        )
        composer.load(refs)
        await wait_for(lambda: not composer.inputs.references.is_busy())
        assert composer.params().images == refs.images and composer.model_combo.currentData() == refs.model
        composer.load(SubmitParams(model=EDIT, prompt="snow", video=str(video), keep_original_sound=True))
        await wait_for(lambda: not composer.inputs.video_panel.is_busy())
        params = composer.params()
        assert (params.video, params.keep_original_sound, params.input_seconds) == (str(video), True, 8.0)
        assert composer.problems() == []  # HEVC is only a warning
        composer.load(SubmitParams(images=(str(picture),), prompt="gallop", duration=9))
        await wait_for(lambda: composer.image_panel.is_ready())
        assert composer.mode() is Mode.IMAGE and composer.params().duration == 9

    run_qt(qloop, scenario())


def test_the_last_mode_survives_a_restart(qtbot, composer: Composer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(tmp_path / "data")
    click_mode(qtbot, composer, Mode.REFERENCE)
    composer.aspect_combo.setCurrentText("4:5")
    composer.save(settings)
    settings.sync()
    again = Composer(settings_for(tmp_path / "data"), tmp_path / "cache", never_called)
    qtbot.addWidget(again)
    again.restore(settings_for(tmp_path / "data"), load_config())
    assert again.mode() is Mode.REFERENCE and again.aspect_combo.currentText() == "4:5"
    assert again.model_combo.currentData() == "happyhorse-1.1-reference-to-video"


def test_a_paste_goes_to_the_shown_modes_inputs(qtbot, composer: Composer, tmp_path: Path, qloop) -> None:  # type: ignore[no-untyped-def]
    picture = make_image(tmp_path / "copied.png", 640, 640)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(picture))])

    async def scenario() -> None:
        click_mode(qtbot, composer, Mode.TEXT)
        assert not composer.accept_mime(mime)  # text takes no picture: a paste stays a paste
        click_mode(qtbot, composer, Mode.REFERENCE)
        assert composer.accept_mime(mime) and composer.accept_mime(mime)
        await wait_for(lambda: not composer.inputs.references.is_busy())
        assert composer.inputs.references.sources() == [str(picture)] * 2  # the next slot each time
        click_mode(qtbot, composer, Mode.IMAGE)
        assert composer.accept_mime(mime)
        await wait_for(lambda: composer.image_panel.is_ready())
        assert composer.image_panel.source() == str(picture)

    run_qt(qloop, scenario())
