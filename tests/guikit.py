"""Helpers for window tests: the qasync loop, real drop events, and waiting inside coroutines."""

from __future__ import annotations

import asyncio
from pathlib import Path

import qasync
from kit import wait_for
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from happyhorse_desktop.app import create_main_window
from happyhorse_desktop.ui.task_model import Column, TaskRole


def run_qt(loop: qasync.QEventLoop, coro, timeout: float = 40.0):  # type: ignore[no-untyped-def]
    return loop.run_until_complete(asyncio.wait_for(coro, timeout))


async def open_window(qtbot, demo: bool = False):  # type: ignore[no-untyped-def]
    window = create_main_window(demo=demo)
    qtbot.addWidget(window)
    window.show()
    await asyncio.sleep(0.05)
    return window


async def close_window(window) -> None:  # type: ignore[no-untyped-def]
    window.close()
    await window.wait_closed()


def run_in_window(qtbot, qloop: qasync.QEventLoop, scenario, timeout: float = 40.0) -> None:  # type: ignore[no-untyped-def]
    """Run ``await scenario(window)`` in a newly opened window, and close the window after it."""

    async def opened_and_closed() -> None:
        window = await open_window(qtbot)
        await scenario(window)
        await close_window(window)

    run_qt(qloop, opened_and_closed(), timeout)


async def drop_picture(window, picture: Path) -> None:  # type: ignore[no-untyped-def]
    """Drop ``picture`` on the composer's picture panel and wait until the panel has checked it."""
    drop_files(window.composer.image_panel, picture)
    await wait_for(lambda: window.composer.image_panel.is_ready())


def drop_mime(widget: QWidget, mime: QMimeData) -> bool:
    """Deliver a real drag-enter + drop pair to ``widget``; returns whether the drop was accepted."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    enter = QDragEnterEvent(
        pos.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def drop_files(widget: QWidget, *paths: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return drop_mime(widget, mime)


def drop_url(widget: QWidget, url: str) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl(url)])
    return drop_mime(widget, mime)


def cell(window, row: int, column: Column) -> str:  # type: ignore[no-untyped-def]
    view = window.task_view
    return str(view.model().index(row, column).data())


def row_record(window, row: int):  # type: ignore[no-untyped-def]
    return window.task_view.model().index(row, 0).data(TaskRole.RECORD)
