"""Render the batch composer and the queue offscreen into docs/screenshot-batch*.png (for the README).

python tools/batch_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import make_picture  # noqa: E402 - the main screenshots' picture
from shotkit import run_in_scratch_history, screenshot_app, until  # noqa: E402


def tinted(path: Path, hue: int, width: int = 1280, height: int = 720) -> Path:
    """The screenshots' picture, recoloured (and reshaped) so the takes differ."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(str(make_picture(path)))
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Overlay)
    painter.fillRect(image.rect(), QColor.fromHsv(hue, 160, 200))
    painter.end()
    image = image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio)
    image.save(str(path), "JPEG", 90)
    return path


async def scenario(out: Path, tmp: Path) -> None:
    from happyhorse_desktop.app import create_main_window

    window = create_main_window(demo=True)
    window.resize(1400, 1060)
    window.show()
    window.engine.simulator.task_seconds = 9  # type: ignore[union-attr]
    await asyncio.sleep(0.5)
    pictures = [
        tinted(tmp / "beach.jpg", 20),
        tinted(tmp / "panorama.jpg", 300, 1800, 480),  # too wide: the one-click fix pads it
        tinted(tmp / "meadow.jpg", 110),
        tinted(tmp / "night.jpg", 230),
    ]
    composer = window.batch_studio.open_composer()
    composer.settings.name.setText("Beach horses")
    composer.settings.budget.setValue(1500)
    tab = composer.compose_tab
    tab.add_paths([str(p) for p in pictures])
    tab.prompts.setPlainText(
        "The {animal} gallops along the water, spray flying, camera tracking alongside.\n\n"
        "Slow push-in on the {animal} standing still, wind in its mane."
    )
    tab.variables.setPlainText("animal = horse | zebra")
    tab.seeds_each.setValue(1)
    composer.rebuild()
    await until(composer.is_checked, 20)
    await asyncio.sleep(0.3)
    composer.grab().save(str(out / "screenshot-batch.png"))
    composer.fix_pictures()
    await until(lambda: composer.is_checked() and composer.queue_button.isEnabled(), 20)
    settings = window.engine.manager.queue.sql.settings()
    settings.concurrency, settings.daily_cap = 3, 2000.0
    window.engine.manager.queue.save_settings(settings)
    composer.queue_all()
    await until(lambda: window.engine.manager.queue.state().running == 3, 20)
    await asyncio.sleep(4.0)
    window.batch_studio.panel.refresh_state()
    window.grab().save(str(out / "screenshot-queue.png"))
    window.close()
    await window.wait_closed()


def main() -> int:
    app = screenshot_app()
    run_in_scratch_history(app, lambda tmp: scenario(ROOT / "docs", tmp))
    print(f"screenshots written to {ROOT / 'docs'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
