"""The composer on its own: the request it builds, its cost line, what it remembers (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from composerkit import never_called, new_composer
from PySide6.QtCore import Qt

from happyhorse_desktop.config import load_config, settings_for
from happyhorse_desktop.pricing import estimate_credits, format_credits
from happyhorse_desktop.ui.composer import Composer


@pytest.fixture
def composer(qtbot, tmp_path: Path) -> Composer:  # type: ignore[no-untyped-def]
    widget = new_composer(qtbot, tmp_path)
    return widget


def test_params_follow_the_fields(composer: Composer, qtbot) -> None:  # type: ignore[no-untyped-def]
    composer.prompt.set_text("the horse gallops")
    composer.quality_combo.setCurrentText("1080p")
    composer.duration_spin.setValue(12)
    composer.seed_spin.setValue(42)
    composer.callback_edit.setText("  https://example.com/hook  ")
    params = composer.params()
    assert (params.prompt, params.quality, params.duration, params.seed) == (
        "the horse gallops",
        "1080p",
        12,
        42,
    )
    assert params.callback_url == "https://example.com/hook"
    composer.seed_spin.setValue(0)
    assert composer.params().seed is None  # "Random" sends no seed


def test_changed_fires_for_every_input(composer: Composer, qtbot) -> None:  # type: ignore[no-untyped-def]
    for change in (
        lambda: composer.quality_combo.setCurrentText("1080p"),
        lambda: composer.duration_spin.setValue(9),
        lambda: composer.callback_edit.setText("x"),
        lambda: composer.prompt.set_text("a new prompt"),
    ):
        with qtbot.waitSignal(composer.sig_changed, timeout=1000):
            change()


def test_generate_is_disabled_with_the_first_problem_shown(composer: Composer) -> None:
    composer.callback_edit.setText("ftp://nope")
    problems = composer.problems()
    assert len(problems) == 2  # no picture yet, and the callback URL
    assert composer.callback_error.text() == problems[1]
    composer.show_problems(problems)
    assert not composer.submit_button.isEnabled()
    assert composer.submit_reason.text() == problems[0]
    assert composer.submit_button.toolTip() == "\n".join(problems)
    composer.show_problems([])
    assert composer.submit_button.isEnabled() and composer.submit_reason.text() == ""


def test_cost_line_warns_above_the_balance(composer: Composer) -> None:
    composer.quality_combo.setCurrentText("1080p")
    composer.duration_spin.setValue(15)
    credits = estimate_credits(str(composer.model_combo.currentData()), "1080p", 15)
    assert credits is not None and composer.estimated_credits() == credits
    composer.show_cost(None)
    assert f"{format_credits(credits)} credits" in composer.cost_label.text()
    assert "balance" not in composer.cost_label.text()
    composer.show_cost(credits * 10)
    assert (
        "balance" in composer.cost_label.text() and "more than your balance" not in composer.cost_label.text()
    )
    composer.show_cost(credits / 2)
    assert "more than your balance" in composer.cost_label.text()


def test_seed_returns_to_random_after_sending_unless_kept(composer: Composer, qtbot) -> None:  # type: ignore[no-untyped-def]
    composer.prompt.set_text("first prompt")
    composer.seed_spin.setValue(7)
    composer.sent(composer.params())
    assert composer.seed_spin.value() == 0
    qtbot.mouseClick(composer.seed_lock, Qt.MouseButton.LeftButton)
    composer.seed_spin.setValue(7)
    composer.sent(composer.params())
    assert composer.seed_spin.value() == 7


def test_last_choices_survive_a_restart(composer: Composer, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(tmp_path / "data")
    composer.quality_combo.setCurrentText("1080p")
    composer.duration_spin.setValue(11)
    composer.seed_lock.setChecked(True)
    composer.seed_spin.setValue(1234)
    composer.save(settings)
    settings.sync()
    again = Composer(settings_for(tmp_path / "data"), tmp_path / "cache", never_called)
    qtbot.addWidget(again)
    again.restore(settings_for(tmp_path / "data"), load_config())
    assert again.quality_combo.currentText() == "1080p"
    assert again.duration_spin.value() == 11
    assert again.seed_lock.isChecked() and again.seed_spin.value() == 1234
