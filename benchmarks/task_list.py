"""Opening and filtering a 10,000-task history in the task list (offscreen, in one process).

    python benchmarks/task_list.py

Measures, with the real table model, delegate and view: the time from creating the model to the
first painted view, and the time one keystroke in the search box takes to filter and repaint.
Targets (issue #5): first paint ≤ 150 ms; a filter/search keystroke ≤ 30 ms.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from _common import median, percentile, table


def main() -> int:
    from history import make_history
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QTableView

    from happyhorse_desktop.tasks.status import Outcome
    from happyhorse_desktop.tasks.store import TaskStore
    from happyhorse_desktop.ui.delegates import ProgressDelegate
    from happyhorse_desktop.ui.task_model import Column, TaskTableModel

    app = QApplication.instance() or QApplication([])

    class Painted(QObject):
        at = 0.0

        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and not self.at:
                self.at = time.perf_counter()
            return False

    class Manager(QObject):
        from PySide6.QtCore import Signal

        sig_task_added = Signal(int)
        sig_task_changed = Signal(int)
        sig_task_removed = Signal(int)

    with tempfile.TemporaryDirectory() as tmp:
        make_history(Path(tmp), 10_000, Path(tmp) / "missing.png")
        opens, keystrokes = [], []
        for _ in range(5):
            store = TaskStore(Path(tmp) / "tasks.sqlite3")
            start = time.perf_counter()
            events = Manager()
            model = TaskTableModel(
                store, events.sig_task_added, events.sig_task_changed, events.sig_task_removed
            )
            view = QTableView()
            view.setModel(model)
            view.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(view))
            view.resize(1000, 700)
            watcher = Painted()
            view.viewport().installEventFilter(watcher)
            view.show()
            while not watcher.at:
                app.processEvents()
            opens.append(watcher.at - start)
            for text in ("h", "ho", "hor", "hors", "horse", "horse g", "horse ga", ""):
                watcher.at = 0.0
                start = time.perf_counter()
                model.set_search(text)
                view.viewport().repaint()
                keystrokes.append(time.perf_counter() - start)
            for outcome in (Outcome.ACTIVE, Outcome.DONE, Outcome.ATTENTION, Outcome.ALL):
                start = time.perf_counter()
                model.set_outcome(outcome)
                view.viewport().repaint()
                keystrokes.append(time.perf_counter() - start)
            view.close()
            store.close()
    first, worst_key, p95_key = median(opens), max(keystrokes), percentile(keystrokes, 0.95)
    ok = table(
        "Task list over a 10,000-task history (5 rounds)",
        [
            (
                "model + view created to first paint (median)",
                f"{first * 1000:.0f} ms",
                "≤ 150 ms",
                first <= 0.150,
            ),
            ("search/filter keystroke (p95)", f"{p95_key * 1000:.1f} ms", "≤ 30 ms", p95_key <= 0.030),
            (
                "search/filter keystroke (worst, incl. first full load)",
                f"{worst_key * 1000:.1f} ms",
                "info",
                True,
            ),
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
