"""The batch composer, the queue panel and the ledger, driven for real in the main window against the
simulator."""

from __future__ import annotations

import csv
from pathlib import Path

from guikit import close_window, drop_files, open_window, run_qt
from imagegen import make_image
from kit import TEST_KEY, wait_for
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QInputDialog, QLabel, QMessageBox, QPushButton, QSpinBox
from queuekit import TAKE_CREDITS, takes

from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.ui.batch_composer import BatchComposer
from happyhorse_desktop.ui.batch_model import TakeColumn
from happyhorse_desktop.ui.ledger_dialog import LedgerDialog
from happyhorse_desktop.ui.queue_model import QueueColumn
from happyhorse_desktop.ui.take_editor import TakeEditor


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    assert widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


async def new_batch(window) -> BatchComposer:  # type: ignore[no-untyped-def]
    window.findChild(QAction, "newBatchAction").trigger()
    await wait_for(lambda: window.findChild(BatchComposer) is not None)
    return window.findChild(BatchComposer)


def test_compose_fix_and_queue_a_batch_that_then_runs(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    good = make_image(tmp_path / "good.png", 1280, 720)
    wide = make_image(tmp_path / "wide.png", 1600, 400)

    async def scenario() -> None:
        window = await open_window(qtbot)
        composer = await new_batch(window)
        tab = composer.compose_tab
        assert drop_files(tab.pictures.viewport(), good, wide)  # real drop events, where a user drops
        tab.prompts.setPlainText("A {animal} runs\n\nA calm lake")
        tab.variables.setPlainText("animal = horse | zebra")
        qtbot.mouseClick(
            tab.seeds_list, Qt.MouseButton.LeftButton, pos=QPoint(8, tab.seeds_list.height() // 2)
        )
        assert tab.seeds_list.isChecked()
        qtbot.keyClicks(tab.seeds_edit, "1, 2")
        composer.settings.duration.setValue(3)
        await wait_for(lambda: composer.is_checked() and composer.model.rowCount() == 12)
        summary = composer.findChild(QLabel, "batchSummary").text()
        assert f"12 takes · {12 * TAKE_CREDITS:,.2f} credits" in summary and "6 need fixing" in summary
        assert not composer.queue_button.isEnabled()
        checks = [composer.model.index(r, TakeColumn.CHECK).data() for r in range(12)]
        assert sum("Fixable: The aspect ratio 1600:400" in c for c in checks) == 6
        click(qtbot, composer.findChild(QPushButton, "fixAllButton"))
        await wait_for(lambda: composer.is_checked() and composer.model.bad_count() == 0, 15)
        assert "need fixing" not in composer.summary.text()
        qtbot.keyClicks(composer.settings.name, "first light")
        click(qtbot, composer.queue_button)
        await wait_for(lambda: not composer.isVisible())
        dock = window.findChild(QDockWidget, "queueDock")
        assert dock.isVisible()
        await wait_for(lambda: "Queue finished: 12 done, 0 failed" in window.statusBar().currentMessage(), 60)
        records = window.engine.store.all()
        assert len(records) == 12 and all(r.video_path for r in records)
        assert {r.prompt for r in records} == {"A horse runs", "A zebra runs", "A calm lake"}
        assert all(Path(r.image_source).name != "wide.png" for r in records)  # the fixed copy went
        await close_window(window)

    run_qt(qloop, scenario(), timeout=90)
    assert len(sim_env.tasks) == 12 and sim_env.max_running_seen[TEST_KEY] <= 2


def test_a_csv_with_bad_rows_is_cleaned_then_queued(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    make_image(tmp_path / "ok.png")
    make_image(tmp_path / "tiny.png", 120, 90)
    table = tmp_path / "night.csv"
    table.write_text(
        "image,prompt,seed,notes\nok.png,first,1,x\ntiny.png,second,2,y\nok.png,third,3,z\n", encoding="utf-8"
    )

    async def scenario() -> None:
        window = await open_window(qtbot)
        window.engine.manager.queue.pause()  # queued, not sent: this test is about composing
        composer = await new_batch(window)
        composer.load_csv(table)
        await wait_for(lambda: composer.is_checked() and composer.model.rowCount() == 3)
        bad = composer.model.index(1, TakeColumn.CHECK).data()
        assert "120×90 px; each side must be at least 300 px" in bad
        assert composer.model.index(1, TakeColumn.NUMBER).data() == "row 3"
        assert not composer.queue_button.isEnabled()
        click(qtbot, composer.findChild(QPushButton, "removeBadButton"))
        await wait_for(lambda: composer.is_checked() and composer.model.rowCount() == 2)
        click(qtbot, composer.queue_button)
        panel = window.batch_studio.panel
        await wait_for(lambda: panel.model.rowCount() == 2)
        assert [panel.model.index(r, QueueColumn.PROMPT).data() for r in range(2)] == ["first", "third"]
        assert "Paused" in panel.findChild(QLabel, "queuePauseReason").text()
        await close_window(window)

    run_qt(qloop, scenario())
    assert not sim_env.tasks


def test_the_queue_panel_reorders_edits_removes_pauses_and_retries(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    image = make_image(tmp_path / "a.png")

    async def scenario() -> None:
        window = await open_window(qtbot)
        queue = window.engine.manager.queue
        queue.pause()
        _, ids = queue.enqueue(takes(image, 4))
        panel = window.batch_studio.panel
        model, view = panel.model, panel.view
        await wait_for(lambda: model.ids() == ids)

        def select(*task_ids: int) -> None:
            view.clearSelection()
            for task_id in task_ids:
                view.selectionModel().select(
                    model.index(model.row_of(task_id), 0),
                    view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
                )

        select(ids[2])
        click(qtbot, panel.findChild(QPushButton, "moveToTopButton"))
        await wait_for(lambda: model.ids() == [ids[2], ids[0], ids[1], ids[3]])
        # a drag of the last take onto the first row: the view hands the model these mime data
        dragged = model.mimeData([model.index(3, 0)])
        assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
        await wait_for(lambda: model.ids() == [ids[3], ids[2], ids[0], ids[1]])
        select(ids[0])
        click(qtbot, panel.findChild(QPushButton, "editTakeButton"))
        editor = window.findChild(TakeEditor)
        editor.prompt.setPlainText("a new prompt")
        editor.seed.setValue(99)
        editor.accept()
        await wait_for(lambda: window.engine.store.get(ids[0]).prompt == "a new prompt")
        assert window.engine.store.get(ids[0]).seed == 99
        select(ids[1])
        click(qtbot, panel.findChild(QPushButton, "removeTakesButton"))
        await wait_for(lambda: model.ids() == [ids[3], ids[2], ids[0]])
        assert window.engine.store.get(ids[1]) is None
        panel.findChild(QSpinBox, "concurrencySpin").setValue(1)
        assert queue.sql.settings().concurrency == 1
        sim_env.fail_next_task("content_policy_violation")
        click(qtbot, panel.pause_button)  # resume
        assert panel.pause_button.text() == "Pause"
        await wait_for(lambda: window.engine.store.get(ids[3]).status == TaskStatus.FAILED, 20)
        await wait_for(lambda: all(window.engine.store.get(i).video_path for i in (ids[2], ids[0])), 30)
        view.clearSelection()
        click(qtbot, panel.findChild(QPushButton, "retryFailedButton"))
        box = window.findChild(QMessageBox, "retryBox")
        assert f"Queue 1 take again as a new paid task, ≈ {TAKE_CREDITS:,.2f} credits" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        await wait_for(lambda: len(window.engine.store.all()) == 4)
        retried = max(r.id for r in window.engine.store.all())
        await wait_for(lambda: window.engine.store.get(retried).video_path, 20)
        assert window.engine.store.get(retried).prompt == "take 4"
        assert ids[3] not in model.ids()  # the failed one left the queue's view (kept in the history)
        await close_window(window)

    run_qt(qloop, scenario(), timeout=90)
    assert [t.prompt for t in sorted(sim_env.tasks.values(), key=lambda t: t.created)] == [
        "take 4",
        "take 3",
        "a new prompt",
        "take 4",
    ]


def test_the_ledger_shows_spending_and_exports_it(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        window.engine.manager.queue.enqueue(takes("https://cdn.example/a.png", 2, quality="1080p"))
        await wait_for(lambda: sum(1 for r in window.engine.store.all() if r.video_path) == 2, 30)
        window.findChild(QAction, "ledgerAction").trigger()
        await wait_for(lambda: window.findChild(LedgerDialog) is not None)
        dialog = window.findChild(LedgerDialog)
        await wait_for(lambda: dialog.table.rowCount() == 1)
        cells = [dialog.table.item(0, c).text() for c in range(7)]
        charged = 2 * 21.6027 * 3
        assert cells[1:4] == ["happyhorse-1.0-image-to-video", "1080p", "2"] and cells[5] == f"{charged:,.2f}"
        assert f"Charged {charged:,.2f} credits" in dialog.totals.text()
        target = tmp_path / "spent.csv"
        await dialog.export(target)
        with target.open(encoding="utf-8") as fh:
            (row,) = list(csv.DictReader(fh))
        assert row["quality"] == "1080p" and float(row["charged_credits"]) == round(charged, 4)
        await close_window(window)

    run_qt(qloop, scenario(), timeout=60)


def test_a_batch_stopped_by_its_budget_goes_on_once_the_budget_is_raised(
    qtbot, qloop, sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        window = await open_window(qtbot)
        queue = window.engine.manager.queue
        _, ids = queue.enqueue(takes("https://cdn.example/a.png", 3), name="tight", budget=TAKE_CREDITS * 1.5)
        panel = window.batch_studio.panel
        reason = panel.findChild(QLabel, "queuePauseReason")
        await wait_for(lambda: "batch “tight” over its budget" in reason.text(), 20)
        await wait_for(lambda: panel.model.row_of(ids[2]) is not None)
        panel.select_take(ids[2])
        click(qtbot, panel.findChild(QPushButton, "batchBudgetButton"))
        dialog = window.findChild(QInputDialog, "batchBudgetDialog")
        assert dialog.doubleValue() == round(TAKE_CREDITS * 1.5, 2)
        dialog.setDoubleValue(1000)
        dialog.accept()
        assert queue.sql.batch(window.engine.store.get(ids[2]).batch_id).budget == 1000
        click(qtbot, panel.pause_button)  # "Resume"
        await wait_for(lambda: all(window.engine.store.get(i).video_path for i in ids), 30)
        assert not reason.isVisible()
        await close_window(window)

    run_qt(qloop, scenario(), timeout=60)
    assert len(sim_env.tasks) == 3
