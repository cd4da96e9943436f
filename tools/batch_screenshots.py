"""Render the batch composer and the queue offscreen into docs/screenshot-batch*.png (for the README).

python tools/batch_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import make_picture  # noqa: E402 - the main screenshots' picture


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


async def wait_until(predicate, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(timeout / 0.05)):
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("the screen never got there")


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
    await wait_until(composer.is_checked)
    await asyncio.sleep(0.3)
    composer.grab().save(str(out / "screenshot-batch.png"))
    composer.fix_pictures()
    await wait_until(lambda: composer.is_checked() and composer.queue_button.isEnabled())
    settings = window.engine.manager.queue.sql.settings()
    settings.concurrency, settings.daily_cap = 3, 2000.0
    window.engine.manager.queue.save_settings(settings)
    composer.queue_all()
    await wait_until(lambda: window.engine.manager.queue.state().running == 3)
    await asyncio.sleep(4.0)
    window.batch_studio.panel.refresh_state()
    window.grab().save(str(out / "screenshot-queue.png"))
    window.close()
    await window.wait_closed()


def main() -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")  # the look of the other screenshots
    app.setQuitOnLastWindowClosed(False)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HAPPYHORSE_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["HAPPYHORSE_OUTPUT_DIR"] = str(Path(tmp) / "videos")
        os.environ["HAPPYHORSE_POLL_INTERVAL"] = "0.5"
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(scenario(ROOT / "docs", Path(tmp)))
    print(f"screenshots written to {ROOT / 'docs'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
