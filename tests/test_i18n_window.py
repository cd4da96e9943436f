"""The real window started in a language: under LANG=zh_CN.UTF-8, with a choice in the settings, at
100 % and 200 %. Each start is a child process (``window_child.py``): Qt reads the locale once per
process, and the language is installed before the first widget exists, as ``happyhorse`` does it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from i18nkit import latin_words, locale_env, run_window

from happyhorse_desktop.config import AppSettings, settings_for


@pytest.fixture(scope="module")
def chinese_window(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One start under LANG=zh_CN.UTF-8 on a fresh demo history, shared by the checks below."""
    folder = tmp_path_factory.mktemp("zh")
    env = locale_env(
        LANG="zh_CN.UTF-8",
        HAPPYHORSE_DATA_DIR=str(folder / "data"),
        HAPPYHORSE_OUTPUT_DIR=str(folder / "videos"),
    )
    report = run_window(env, screenshot=folder / "window-zh-100.png")
    report["screenshot"] = folder / "window-zh-100.png"
    return report


def test_the_window_started_under_a_chinese_locale_speaks_chinese(chinese_window: dict[str, Any]) -> None:
    assert chinese_window["language"] == "zh_CN"
    assert chinese_window["submit"] == "生成视频"
    assert chinese_window["dialog_buttons"] == ["保存", "取消"]  # Qt's own buttons: qtbase_zh_CN


def _start(tmp_path: Path, lang: str, choice: str | None) -> dict[str, Any]:
    data = tmp_path / "data"
    if choice is not None:
        AppSettings(language=choice).save(settings_for(data))
    env = locale_env(LANG=lang, HAPPYHORSE_DATA_DIR=str(data), HAPPYHORSE_OUTPUT_DIR=str(tmp_path / "videos"))
    return run_window(env)


@pytest.mark.parametrize(
    ("lang", "choice", "submit", "cancel"),
    [
        pytest.param("en_US.UTF-8", "zh_CN", "生成视频", "取消", id="中文 chosen on an English system"),
        pytest.param(
            "zh_CN.UTF-8", "en", "Generate video", "Cancel", id="English chosen on a Chinese system"
        ),
        pytest.param("en_US.UTF-8", "auto", "Generate video", "Cancel", id="automatic on an English system"),
    ],
)
def test_the_language_chosen_in_the_settings_applies_at_the_next_start(
    tmp_path: Path, lang: str, choice: str, submit: str, cancel: str
) -> None:
    report = _start(tmp_path, lang, choice)
    assert report["submit"] == submit and cancel in report["dialog_buttons"]


def test_no_english_word_is_left_in_the_chinese_window(chinese_window: dict[str, Any]) -> None:
    """Every text a person can read in the window and its dialogs (labels, buttons, tooltips, menus,
    placeholders, combo items, headers) is Chinese, except the names on i18nkit's allow-list. The
    dialogs: settings, welcome, batch composer, ledger, account import, stitch, compare, export, take
    editor, and the tray's menu (``window_child.other_dialogs``)."""
    left = sorted({f"{where}: {text!r}" for where, text in chinese_window["texts"] if latin_words(text)})
    assert not left, f"{len(left)} texts still English:\n" + "\n".join(left)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("导出 a.mp4", []),  # a file's name is data
        ("Export a.mp4", ["Export"]),
        ("种子 7 · 任务 task-unified-1764000000-a1b2c3d4", []),  # an EvoLink task ID
        ("Seed 7 · task-unified-1764000000-a1b2c3d4", ["Seed"]),
        ("每段一个提示词。{animal} 会用变量的值填入。", []),  # a template variable, as typed
        ("animal = 马 | 斑马", []),
        ("animal is filled from a variable", ["animal", "is", "filled", "from", "a", "variable"]),
        ("列名为 image（图片）、“image”（图片）列", []),  # a name typed as it is, glossed in Chinese
        ("columns image (picture)", ["columns", "image", "picture"]),
        ("A/B 滑动对比(&W)", []),
        ("A/B &wipe", ["wipe"]),
    ],
)
def test_the_scan_leaves_data_and_syntax_alone_but_not_words(text: str, english: list[str]) -> None:
    assert latin_words(text) == english


def _cjk_font_available() -> bool:
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


@pytest.mark.parametrize("scale", ["1", "2"], ids=["100%", "200%"])
def test_the_chinese_layout_renders_at_100_and_200_percent(tmp_path: Path, scale: str) -> None:
    if not _cjk_font_available():
        print(
            "rendering check skipped: no font with Simplified Chinese glyphs (apt-get install fonts-noto-cjk)"
        )
        pytest.skip("no CJK font installed (fonts-noto-cjk): the rendering check needs one")
    shot = tmp_path / f"window-zh-{int(scale) * 100}.png"
    env = locale_env(
        LANG="zh_CN.UTF-8",
        QT_SCALE_FACTOR=scale,
        HAPPYHORSE_DATA_DIR=str(tmp_path / "data"),
        HAPPYHORSE_OUTPUT_DIR=str(tmp_path / "videos"),
    )
    report = run_window(env, screenshot=shot)
    assert report["cjk_fonts"], "Qt sees no font for Simplified Chinese"
    assert report["device_pixel_ratio"] == float(scale)
    assert report["submit_fits"], report["submit_size"]  # "生成视频" is not clipped
    assert not report["cramped"]  # no label or button shows less than its text
    assert shot.stat().st_size > 10_000  # a painted window, not an empty image
