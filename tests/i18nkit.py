"""Helpers for the language tests: child processes in a chosen locale (Qt reads the locale once per
process, so another language means another process), and the Latin-word scan of the window."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

WINDOW_CHILD = Path(__file__).with_name("window_child.py")
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# Words that stay Latin in a Chinese window: names, formats, units, protocols, keys on the keyboard.
LATIN_ALLOWED = {
    "HappyHorse", "EvoLink", "Desktop", "API", "ID", "URL", "URLs", "http", "https", "JSON",
    "720p", "1080p", "MP4", "MOV", "JPEG", "JPG", "PNG", "WEBP", "GIF", "RGB", "CMYK", "px", "MB",
    "Ctrl", "Shift", "Alt", "Enter", "Return", "Del", "F", "T", "H", "EVOLINK_API_KEY", "sk-evo",
    "TLS", "DNS", "HTTP", "English", "CSV", "H.264", "WebP",
}  # fmt: skip
# The names a reference-to-video prompt uses for its pictures: the API reads these very words.
_CHARACTER = re.compile(r"^character\d$")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_'’.-]*")
_SHORTCUT = re.compile(r"\b(?:(?:Ctrl|Shift|Alt|Meta)\+)+\w+")  # Ctrl+Shift+O as one key
_URL = re.compile(r"https?://\S+")
_TAG = re.compile(r"<[^>]+>")
# "生成视频(&G)": the key to press, not a word; Qt's own tooltips and tool buttons drop the "&".
_MNEMONIC = re.compile(r"[(（]&?[A-Za-z0-9][)）]")
# Data and syntax, not words to translate: a file's name, an EvoLink task ID, the batch prompts'
# template variables ("{animal}", and "animal = 马 | 斑马" defining it), the A/B comparison's name, and
# a name the user types as it is, glossed in Chinese right after it: "image（图片）", "“image”（图片）".
_DATA = re.compile(
    r"[\w.-]+\.(?:mp4|mov|png|jpe?g|webp|gif|csv|json)\b"
    r"|\btask-unified-\d+-[a-z0-9]+\b"
    r"|\{[A-Za-z_]\w*\}|^[A-Za-z_]\w*(?= = )"
    r"|\bA/B\b"
    r"|[A-Za-z_]\w*(?=”?（[^）]*[\u3400-\u9fff])",
    re.IGNORECASE | re.MULTILINE,
)


def locale_env(base: dict[str, str] | None = None, **variables: str) -> dict[str, str]:
    """The environment with the locale variables replaced by ``variables`` (LANG=…, LC_ALL=…)."""
    env = {k: v for k, v in (base or os.environ).items() if k not in LOCALE_VARIABLES}
    env.update(variables)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "happyhorse_desktop.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def run_window(env: dict[str, str], screenshot: Path | None = None) -> dict[str, Any]:
    """Start the real window in a child process (``window_child.py``) and return what it reports."""
    command = [sys.executable, str(WINDOW_CHILD)]
    if screenshot is not None:
        command += ["--screenshot", str(screenshot)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def latin_words(text: str) -> list[str]:
    """The Latin words of a widget text that are not on the allow-list (markup and ``&`` accelerators
    taken out first)."""
    plain = _MNEMONIC.sub(" ", html.unescape(_TAG.sub(" ", text))).replace("&&", "&").replace("&", "")
    plain = _URL.sub(" ", _SHORTCUT.sub(" ", plain))  # Ctrl+V as on the keyboard; example addresses
    plain = _DATA.sub(" ", plain)
    words = [w.strip(".'’-") for w in _WORD.findall(plain)]
    return [
        w for w in words if re.search("[A-Za-z]", w) and w not in LATIN_ALLOWED and not _CHARACTER.match(w)
    ]
