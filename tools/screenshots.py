"""Render the main window's main states offscreen into docs/*.png (used for the README).

python tools/screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


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


async def scenario(out: Path, tmp: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from happyhorse_desktop.app import create_main_window
    from happyhorse_desktop.engine import Engine

    window = create_main_window(demo=True)
    assert isinstance(window.engine, Engine)
    window.resize(1400, 860)
    window.show()
    window.engine.simulator.task_seconds = 6  # type: ignore[union-attr]
    await asyncio.sleep(0.3)
    window.grab().save(str(out / "screenshot-empty.png"))
    await window.composer.image_panel.load_path(make_picture(tmp / "sunset horse.jpg"))
    window.composer.prompt.set_text(
        "The horse gallops along the beach at sunset, spray flying, camera tracking alongside."
    )
    window.composer.seed_spin.setValue(20260101)
    window.composer.seed_lock.setChecked(True)
    window.composer.duration_spin.setValue(8)
    for seed_offset in range(3):
        window.composer.seed_spin.setValue(20260101 + seed_offset)
        window.submit()
        await asyncio.sleep(0.8)
    await asyncio.sleep(2.5)
    window.grab().save(str(out / "screenshot-running.png"))
    while window.engine.store.with_work("poll") or window.engine.store.with_work("download"):
        await asyncio.sleep(0.3)
    await asyncio.sleep(0.5)
    window.select_task(1)
    window.play_selected()
    await asyncio.sleep(1.0)
    QApplication.processEvents()
    window.grab().save(str(out / "screenshot.png"))
    bad = tmp / "tiny.png"
    from PySide6.QtGui import QColor, QImage

    img = QImage(1600, 400, QImage.Format.Format_RGB32)
    img.fill(QColor("#90a4ae"))
    img.save(str(bad))
    await window.composer.image_panel.load_path(bad)
    await asyncio.sleep(0.2)
    window.grab().save(str(out / "screenshot-invalid.png"))
    window.close()
    await window.wait_closed()


def main() -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HAPPYHORSE_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["HAPPYHORSE_OUTPUT_DIR"] = str(Path(tmp) / "videos")
        os.environ["HAPPYHORSE_POLL_INTERVAL"] = "0.5"
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(scenario(out, Path(tmp)))
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
