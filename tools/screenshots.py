"""Render the main window's main states offscreen into docs/*.png (used for the README).

python tools/screenshots.py                       # light, 1280×720: empty, running, playing, invalid,
                                                  # the other modes (text, references, edit), routes
python tools/screenshots.py --theme dark --states empty,running,playing
python tools/screenshots.py --size 1024x640 --out /tmp/shots
QT_SCALE_FACTOR=2 python tools/screenshots.py --out /tmp/shots200   # 200 % scaling
python tools/screenshots.py --language zh_CN --states empty,running   # 中文: docs/screenshot-*-zh.png
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
# What the demo tasks ask for, in the language of the screenshots (a Chinese user writes Chinese prompts).
PROMPTS = {
    "en": "The horse gallops along the beach at sunset, spray flying, camera tracking alongside.",
    "zh_CN": "夕阳下，骏马沿着海滩飞奔，浪花四溅，镜头在一旁跟拍。",
}


def make_picture(path: Path) -> Path:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPolygonF

    image = QImage(1280, 720, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    sky = QLinearGradient(0, 0, 0, 720)
    sky.setColorAt(0, QColor("#ffb74d"))
    sky.setColorAt(0.55, QColor("#e57373"))
    sky.setColorAt(0.56, QColor("#4fc3f7"))
    sky.setColorAt(1, QColor("#0277bd"))
    painter.fillRect(image.rect(), sky)
    painter.setBrush(QColor("#fff3e0"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QPointF(900, 300), 90, 90)
    painter.setBrush(QColor("#3e2723"))
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(x, y)
                for x, y in (
                    (380, 560),
                    (420, 470),
                    (520, 430),
                    (600, 440),
                    (660, 380),
                    (700, 370),
                    (690, 420),
                    (640, 470),
                    (650, 560),
                    (620, 560),
                    (600, 490),
                    (480, 500),
                    (450, 560),
                )
            ]
        )
    )
    painter.end()
    image.save(str(path), "JPEG", 90)
    return path


def dark_palette():  # type: ignore[no-untyped-def]
    """A dark palette like the desktops' dark themes (what a dark system gives Qt's Fusion style)."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, "#2b2b2e"),
        (role.WindowText, "#e8e8e8"),
        (role.Base, "#1f1f22"),
        (role.AlternateBase, "#28282c"),
        (role.ToolTipBase, "#3a3a3e"),
        (role.ToolTipText, "#e8e8e8"),
        (role.PlaceholderText, "#8a8a8a"),
        (role.Text, "#e8e8e8"),
        (role.Button, "#35353a"),
        (role.ButtonText, "#e8e8e8"),
        (role.BrightText, "#ff6e6e"),
        (role.Highlight, "#3d7bd9"),
        (role.HighlightedText, "#ffffff"),
        (role.Link, "#7ab4ff"),
        (role.Mid, "#3f3f44"),
        (role.Dark, "#19191b"),
        (role.Light, "#4a4a50"),
    ):
        palette.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, QColor("#7c7c80"))
    return palette


def with_video(window):  # type: ignore[no-untyped-def]
    """The window's picture, with the playing video's current frame painted where the video widget is
    (offscreen, grab() cannot read the video surface; on a desktop the frame is simply there)."""
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtGui import QColor, QPainter

    pixmap = window.grab()
    player = window.video_player
    if player is None or not player.isVisible():
        return pixmap
    widget = player.video_widget
    frame = player.current_frame()
    target = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    painter = QPainter(pixmap)
    painter.fillRect(target, QColor("black"))
    if not frame.isNull():
        scaled = frame.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        box = QRect(QPoint(0, 0), scaled)
        box.moveCenter(target.center())
        painter.drawImage(box, frame)
    painter.end()
    return pixmap


async def other_modes(window, tmp: Path, shot) -> None:  # type: ignore[no-untyped-def]
    """The composer in Text → Video, References → Video and Edit a video, each filled in and submitted;
    then the task list with every route in it and the text take playing."""
    from PySide6.QtGui import QColor, QImage, QTextCursor

    from happyhorse_desktop.routes import Mode

    composer = window.composer
    composer.set_mode(Mode.TEXT)
    composer.prompt.set_text(
        "Shot 1 [0~3s] wide angle: a white horse gallops along a misty beach at dawn. "
        "Shot 2 [3~6s] close-up: its mane in the wind, slow motion."
    )
    composer.aspect_combo.setCurrentText("21:9")
    composer.duration_spin.setValue(5)
    await asyncio.sleep(0.5)
    shot("text")
    window.submit()
    await asyncio.sleep(0.8)
    composer.set_mode(Mode.REFERENCE)
    pictures = [str(make_picture(tmp / "horse.jpg"))]
    for number, colour in enumerate(("#8d6e63", "#42a5f5")):
        image = QImage(640, 800, QImage.Format.Format_RGB32)
        image.fill(QColor(colour))
        pictures.append(str(tmp / f"rider{number + 1}.png"))
        image.save(pictures[-1])
    composer.inputs.references.load(pictures)
    composer.prompt.set_text("character2 rides character1 along the shore at sunset, watched by")
    composer.prompt.edit.moveCursor(QTextCursor.MoveOperation.End)
    composer.insert_name("character3")  # what a click on its name does
    await asyncio.sleep(1.0)
    shot("references")
    window.submit()
    await asyncio.sleep(0.8)
    composer.set_mode(Mode.EDIT)
    saved = window.engine.store.get(2)
    if saved is not None and saved.video_path:
        composer.inputs.video_panel.load(saved.video_path)
    composer.prompt.set_text("Make it snow, keep the horse's motion.")
    await asyncio.sleep(2.0)
    shot("edit")
    window.submit()
    await asyncio.sleep(1.0)
    while window.engine.store.with_work("poll") or window.engine.store.with_work("download"):
        await asyncio.sleep(0.3)
    text_take = next(r for r in window.engine.store.all() if r.model.endswith("text-to-video"))
    window.select_task(text_take.id)
    await asyncio.sleep(1.5)
    shot("routes")


async def scenario(
    out: Path, tmp: Path, size: tuple[int, int], suffix: str, states: set[str], prompt: str
) -> None:
    from PySide6.QtWidgets import QApplication

    from happyhorse_desktop.app import create_main_window
    from happyhorse_desktop.engine import Engine

    def shot(name: str) -> None:
        QApplication.processEvents()
        if name in states:
            with_video(window).save(str(out / f"screenshot-{name}{suffix}.png"))

    window = create_main_window(demo=True)
    assert isinstance(window.engine, Engine)
    window.resize(*size)
    window.show()
    window.engine.simulator.task_seconds = 6  # type: ignore[union-attr]
    await asyncio.sleep(0.5)
    shot("empty")
    await window.composer.image_panel.load_path(make_picture(tmp / "sunset horse.jpg"))
    window.composer.prompt.set_text(prompt)
    window.composer.seed_lock.setChecked(True)
    window.composer.duration_spin.setValue(8)
    for seed_offset in range(3):
        window.composer.seed_spin.setValue(20260101 + seed_offset)
        window.submit()
        await asyncio.sleep(0.8)
    await asyncio.sleep(2.0)
    shot("running")
    while window.engine.store.with_work("poll") or window.engine.store.with_work("download"):
        await asyncio.sleep(0.3)
    await asyncio.sleep(0.5)
    window.select_task(2)
    await asyncio.sleep(1.5)
    shot("playing")
    bad = tmp / "wide.png"
    from PySide6.QtGui import QColor, QImage

    img = QImage(1600, 400, QImage.Format.Format_RGB32)
    img.fill(QColor("#90a4ae"))
    img.save(str(bad))
    await window.composer.image_panel.load_path(bad)
    await asyncio.sleep(1.0)
    shot("invalid")
    await other_modes(window, tmp, shot)
    window.close()
    await window.wait_closed()


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1280x720", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--states", default="empty,running,playing,invalid,text,references,edit,routes")
    parser.add_argument(
        "--language", choices=sorted(PROMPTS), default="en", help="the language the app speaks"
    )
    parser.add_argument(
        "--suffix", default=None, help="file name suffix (default: -dark for dark, then -zh for Chinese)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    from shotkit import run_in_scratch_history, screenshot_app

    app = screenshot_app()
    if args.theme == "dark":
        app.setPalette(dark_palette())
    from happyhorse_desktop import i18n

    i18n.install(args.language)  # as happyhorse does, before the first widget
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    default_suffix = ("-dark" if args.theme == "dark" else "") + ("-zh" if args.language == "zh_CN" else "")
    suffix = args.suffix if args.suffix is not None else default_suffix
    states = set(args.states.split(","))
    run_in_scratch_history(
        app, lambda tmp: scenario(out, tmp, (width, height), suffix, states, PROMPTS[args.language])
    )
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
