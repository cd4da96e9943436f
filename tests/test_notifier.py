"""Notifications: quiet without a system tray, and a click leads back to the task it was about."""

from __future__ import annotations

from happyhorse_desktop.ui.icons import app_icon
from happyhorse_desktop.ui.notifier import Notifier


def test_without_a_tray_it_stays_quiet_but_remembers_the_task(qtbot) -> None:  # type: ignore[no-untyped-def]
    notifier = Notifier(app_icon())
    assert not notifier.available  # offscreen: no system tray
    asked: list[bool] = []
    notifier.notify("Video ready", "saved", 7, lambda: asked.append(True) or True)
    assert asked == []  # no tray, so no "all finished" summary is even considered
    with qtbot.waitSignal(notifier.sig_task_clicked, timeout=1000) as clicked:
        notifier._clicked()  # what the tray's messageClicked calls
    assert clicked.args == [7]
    notifier.close()
