"""Render the takes screenshots offscreen into docs/ (used for the README): a chain in the window, the
comparison of two takes, and the export dialog after a GIF export.

python tools/screenshots_takes.py                 # light, 1280×720, into docs/
python tools/screenshots_takes.py --out /tmp/shots
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from screenshots import make_picture, with_video  # noqa: E402  (after the platform is chosen)
from shotkit import export_gif, run_in_scratch_history, screenshot_app, until  # noqa: E402

PROMPT = "The horse gallops along the beach at sunset, spray flying, camera tracking alongside."


async def scenario(out: Path, tmp: Path, size: tuple[int, int]) -> None:
    from PySide6.QtWidgets import QApplication

    from happyhorse_desktop.app import create_main_window
    from happyhorse_desktop.ui.compare_view import CompareView
    from happyhorse_desktop.ui.export_dialog import ExportDialog

    window = create_main_window(demo=True)
    window.resize(*size)
    window.show()
    window.engine.simulator.task_seconds = 1  # type: ignore[union-attr]
    store = window.engine.store
    await until(lambda: window.manager.started, 20)
    picture = make_picture(tmp / "sunset horse.jpg")

    def saved() -> bool:
        return all(r.video_path for r in store.all())

    async def submit(seed: int) -> None:
        count = store.count()
        window.composer.seed_spin.setValue(seed)
        window.submit()
        await until(lambda: store.count() > count and store.get(count + 1).server_id, 120)

    await window.composer.image_panel.load_path(picture)
    window.composer.prompt.set_text(PROMPT)
    window.composer.seed_lock.setChecked(True)
    for seed in (20260101, 20260102):
        await submit(seed)
    await until(lambda: store.count() == 2 and saved(), 120)
    window.select_task(1)
    window.actions.tools.continue_selected()
    await until(lambda: (window.composer.image_panel.source() or "").endswith(".last-frame.png"), 120)
    window.composer.prompt.set_text("The horse slows to a walk as the sun touches the sea.")
    await asyncio.sleep(1.0)
    await submit(20260103)
    await until(lambda: store.count() == 3 and saved(), 120)
    window.select_task(3)
    await asyncio.sleep(2.0)
    QApplication.processEvents()
    with_video(window).save(str(out / "screenshot-chain.png"))

    window.select_task(1)
    await asyncio.sleep(0.5)
    window.actions.tools.compare_selected()
    view = window.findChild(CompareView)
    view.resize(1100, 420)
    view.play()
    await asyncio.sleep(1.6)
    view.pause()
    await asyncio.sleep(0.8)
    view.grab().save(str(out / "screenshot-compare.png"))
    view.wipe_box.setChecked(True)
    view.wipe.split = 0.45
    await asyncio.sleep(0.5)
    view.grab().save(str(out / "screenshot-compare-wipe.png"))
    view.close()

    window.actions.tools.export_selected()
    dialog = window.findChild(ExportDialog)
    await export_gif(dialog, 1.0, 3.0, 60)
    dialog.resize(460, dialog.sizeHint().height())
    await asyncio.sleep(0.3)
    dialog.grab().save(str(out / "screenshot-export.png"))
    dialog.reject()
    window.close()
    await window.wait_closed()


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1280x720", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    app = screenshot_app()
    args.out.mkdir(parents=True, exist_ok=True)
    run_in_scratch_history(app, lambda tmp: scenario(args.out, tmp, (width, height)), poll_interval="0.3")
    print(f"screenshots written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
