"""``happyhorse-cli`` speaks the terminal's language (LANG, LC_ALL…): its help, argparse's own words,
its errors, the task list's statuses, numbers and dates. Each case is a child process, because Qt
reads the locale once per process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from i18nkit import locale_env, run_cli
from storekit import add

from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

CHINESE_HELP = ("用法：happyhorse-cli", "在终端中使用 HappyHorse 生成视频。", "显示此帮助信息并退出", "选项")
ENGLISH_HELP = ("usage: happyhorse-cli", "HappyHorse video generation from the terminal.", "show this help")


@pytest.mark.parametrize(
    ("variables", "chinese"),
    [
        pytest.param({"LANG": "zh_CN.UTF-8"}, True, id="LANG=zh_CN"),
        pytest.param({"LANG": "en_US.UTF-8", "LC_ALL": "zh_SG.UTF-8"}, True, id="LC_ALL=zh_SG beats LANG"),
        pytest.param({"LANG": "zh_TW.UTF-8"}, False, id="zh_TW (Traditional) reads English"),
        pytest.param({"LANG": "en_US.UTF-8"}, False, id="LANG=en_US"),
        pytest.param({"LANG": "C.UTF-8"}, False, id="C"),
    ],
)
def test_help_speaks_the_terminal_language(variables: dict[str, str], chinese: bool) -> None:
    result = run_cli(locale_env(**variables), "--help")
    assert result.returncode == 0, result.stderr
    for text in CHINESE_HELP if chinese else ENGLISH_HELP:
        assert text in result.stdout, result.stdout
    assert ("列出任务，最新的在前" in result.stdout) is chinese  # the sub-commands' help too
    assert "catalogue" not in result.stderr  # no warning about a missing one


def test_errors_in_chinese(tmp_path: Path) -> None:
    env = locale_env(LANG="zh_CN.UTF-8", HAPPYHORSE_DATA_DIR=str(tmp_path / "data"))
    wrong_type = run_cli(env, "submit", "picture.png", "--duration", "five")
    assert wrong_type.returncode == 2
    assert "错误：参数 --duration：无效的 int 值：'five'" in wrong_type.stderr  # argparse's words
    too_long = run_cli(env, "--demo", "submit", str(tmp_path / "missing.png"), "--duration", "20")
    assert too_long.returncode == 2
    assert "错误：时长必须在 3 到 15 秒之间，而不是 20。" in too_long.stderr
    assert "错误：文件 'missing.png' 不存在（已被移动或删除？）。" in too_long.stderr


def test_the_task_list_in_chinese_and_in_english(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    store = TaskStore(data / "tasks.sqlite3")
    created = time.mktime((2024, 1, 5, 15, 4, 0, 0, 0, -1))
    add(
        store,
        status=TaskStatus.COMPLETED,
        server_id="task-unified-1-abcdefgh",
        progress=100,
        credits_used=12345678,  # 1,234.5678 credits in the API's raw units
        created_at=created,
        prompt="一匹马在海边奔跑",
        video_path=str(tmp_path / "v.mp4"),
    )
    store.close()
    chinese = run_cli(locale_env(LANG="zh_CN.UTF-8", HAPPYHORSE_DATA_DIR=str(data)), "list")
    assert chinese.returncode == 0, chinese.stderr
    assert "已完成" in chinese.stdout and "1,234.57" in chinese.stdout and "2024/1/5 15:04" in chinese.stdout
    english = run_cli(locale_env(LANG="en_US.UTF-8", HAPPYHORSE_DATA_DIR=str(data)), "list")
    assert "Completed" in english.stdout and "1,234.57" in english.stdout and "1/5/24" in english.stdout
    details = run_cli(locale_env(LANG="zh_CN.UTF-8", HAPPYHORSE_DATA_DIR=str(data)), "show", "1")
    assert "画质 / 时长  720p / 5 秒" in details.stdout, details.stdout


def test_the_launcher_speaks_before_any_window_exists() -> None:
    """``happyhorse --help`` and the missing-library message are shown before Qt's application exists:
    they read the catalogue directly, in the system's language."""
    env = locale_env(LANG="zh_CN.UTF-8")
    launcher = subprocess.run(
        [sys.executable, "-m", "happyhorse_desktop", "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert launcher.returncode == 0
    assert "用法：happyhorse" in launcher.stdout and "连接内置模拟器运行，不产生任何费用" in launcher.stdout
    code = (
        "from happyhorse_desktop.linux_libs import explain_missing\n"
        "print(explain_missing(['libxcb-cursor.so.0']))"
    )
    missing = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert "无法打开窗口" in missing.stdout and "sudo apt-get install libxcb-cursor0" in missing.stdout


def test_the_launcher_help_says_what_the_app_does() -> None:
    """Not "image-to-video" any more: every route, batches and takes."""
    launcher = subprocess.run(
        [sys.executable, "-m", "happyhorse_desktop", "--help"],
        env=locale_env(LANG="en_US.UTF-8"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert launcher.returncode == 0, launcher.stderr
    text = " ".join(launcher.stdout.split())  # argparse wraps the description
    assert "image-to-video" not in text
    for words in ("a prompt", "a picture", "reference pictures", "a video to edit", "batches", "takes"):
        assert words in text, (words, text)
    assert "--demo" in text and "--self-test" in text
