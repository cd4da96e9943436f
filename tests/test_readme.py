"""README.md stays true: its test command is the one CI runs, and its install command names the app."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _code_block_after(heading: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    match = re.search(r"```bash\n(.+?)\n```", section, re.S)
    assert match, f"no bash block under {heading!r}"
    return match.group(1).strip()


def test_ci_runs_the_readme_test_command() -> None:
    command = _code_block_after("## Run the tests")
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert command in ci_lines
    assert "pytest" in command and '".[test]"' in command


def test_install_command_launches_the_app() -> None:
    command = _code_block_after("## Install and run")
    assert command.endswith("&& happyhorse")
    assert "pip install ." in command
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'happyhorse = "happyhorse_desktop.app:main"' in pyproject


def test_readme_images_exist() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert images
    for image in images:
        assert (ROOT / image).is_file(), image
