"""The stage: the selected take, large, with its details beside it — or, with nothing selected, the
three steps (``EmptyState``).

A take with a saved video plays in the embedded player. A take without one (queued, generating, failed,
untracked) never shows another take's video: the player is stopped and the take's own picture is shown
with its state. The player (and QtMultimedia) is created on first use; when it cannot be (a missing
system library such as libpulse on Linux) the stage says what is missing and how to install it, and
the take's details and actions stay usable ("Open file" plays it in the system's player).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from happyhorse_desktop.imagefix import load_preview
from happyhorse_desktop.linux_libs import debian_package, missing_soname
from happyhorse_desktop.tasks.record import TaskRecord, is_url
from happyhorse_desktop.ui.background import start, to_thread
from happyhorse_desktop.ui.empty_state import EmptyState
from happyhorse_desktop.ui.take_details import TakeDetails

if TYPE_CHECKING:
    from happyhorse_desktop.ui.player import VideoPlayer


def player_problem(exc: BaseException) -> str:
    """Why the player cannot start, and how to fix it, for the stage to say."""
    from happyhorse_desktop.i18n_core import translate
    from happyhorse_desktop.selftest import explain

    soname = missing_soname(exc)
    if soname:
        return translate(
            "Player",
            "The video player cannot start: the system library {library} is missing. On Debian or Ubuntu, "
            "install it with “sudo apt-get install {package}”, then restart HappyHorse. Meanwhile “Open "
            "file” plays the video in your usual player.",
        ).format(library=soname, package=debian_package(soname))
    return translate(
        "Player",
        "The video player cannot start ({reason}). “Open file” plays the video in your usual player.",
    ).format(reason=explain(exc))


def _make_player() -> VideoPlayer:
    from happyhorse_desktop.ui.player import VideoPlayer

    return VideoPlayer()


class PictureView(QWidget):
    """A take without a video: its source picture, scaled to fit, with where the take stands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("takePicture")
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.caption = QLabel()
        self.caption.setObjectName("pictureCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("takeProgress")
        self.progress.setRange(0, 100)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.progress)
        self._pixmap: QPixmap | None = None
        self.source: str | None = None  # the picture shown (or being loaded)

    def set_picture(self, image: QImage | None, fallback: str) -> None:
        self._pixmap = QPixmap.fromImage(image) if image is not None and not image.isNull() else None
        if self._pixmap is None:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(fallback)
        self._scale()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        if self._pixmap is None:
            return
        ratio = self.devicePixelRatioF()
        scaled = self._pixmap.scaled(
            self.picture.size() * ratio,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        scaled.setDevicePixelRatio(ratio)
        self.picture.setPixmap(scaled)


class Stage(QStackedWidget):
    def __init__(self, action_groups: Sequence[Sequence[QAction]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stage")
        self.player_factory: Callable[[], VideoPlayer] = _make_player
        """Builds the player on first use (tests replace it to stand for a system without libpulse)."""
        self.empty = EmptyState()
        self.picture = PictureView()
        self.problem = QLabel()
        self.problem.setObjectName("playerProblem")
        self.problem.setWordWrap(True)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.media = QStackedWidget()
        self.media.setObjectName("mediaArea")
        self.media.addWidget(self.picture)
        self.media.addWidget(self.problem)
        self.media.setMinimumSize(200, 120)
        self.details = TakeDetails(action_groups)
        self.details.setMinimumWidth(250)
        self.take = QSplitter(Qt.Orientation.Horizontal)
        self.take.setObjectName("takeSplitter")
        self.take.addWidget(self.media)
        self.take.addWidget(self.details)
        self.take.setStretchFactor(0, 1)
        self.take.setChildrenCollapsible(False)
        self.take.setSizes([600, 300])
        self.addWidget(self.empty)
        self.addWidget(self.take)
        self._player: VideoPlayer | None = None
        self._player_failed: str | None = None
        self._record: TaskRecord | None = None
        self._loads = 0

    # -- the player ---------------------------------------------------------------------------

    @property
    def video_player(self) -> VideoPlayer | None:
        """The embedded player if it was ever needed (None before: QtMultimedia is not loaded yet)."""
        return self._player

    def player_problem(self) -> str | None:
        """Why the player could not start, if it could not."""
        return self._player_failed

    def _ensure_player(self) -> VideoPlayer | None:
        if self._player is None and self._player_failed is None:
            try:
                self._player = self.player_factory()
            except Exception as exc:  # QtMultimedia failing to load its libraries raises ImportError
                self._player_failed = player_problem(exc)
                return None
            self._player.sig_error.connect(self._play_failed)
            self.media.addWidget(self._player)
        return self._player

    def _play_failed(self, text: str) -> None:
        from happyhorse_desktop.i18n_core import translate

        self.problem.setText(
            translate("Player", "This video cannot be played here: {reason}").format(reason=text)
        )
        self.media.setCurrentWidget(self.problem)

    def play(self, path: Path) -> None:
        """Play a saved video (the player loads on first use)."""
        self.setCurrentWidget(self.take)
        player = self._ensure_player()
        if player is None:
            self.problem.setText(self._player_failed or "")
            self.media.setCurrentWidget(self.problem)
            return
        self.media.setCurrentWidget(player)
        if player.current_file() != path:
            player.play_file(path)

    def forget_file(self, path: str | None) -> None:
        """A video is about to be removed: stop playing it (the file may be deleted)."""
        if self._player is not None and path and self._player.current_file() == Path(path):
            self._player.stop()

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()

    # -- what is shown ------------------------------------------------------------------------

    def show_record(
        self, record: TaskRecord | None, *, history_empty: bool, shot: Sequence[TaskRecord] = ()
    ) -> None:
        """Show a take (playing its video if it has one), or the three steps when none is selected;
        ``shot``: every take of its shot, oldest first."""
        previous, self._record = self._record, record
        if record is None:
            self.stop()
            self.empty.set_history_empty(history_empty)
            self.setCurrentWidget(self.empty)
            return
        self.setCurrentWidget(self.take)
        self.details.show_record(record, shot)
        video = Path(record.video_path) if record.video_path else None
        if video is not None and video.is_file():
            self.play(video)
            return
        self.stop()  # never another take's video
        self._show_picture(record, reload=previous is None or previous.id != record.id)

    def _show_picture(self, record: TaskRecord, *, reload: bool) -> None:
        from happyhorse_desktop.vocabulary import status_text

        view = self.picture
        self.media.setCurrentWidget(view)
        view.caption.setText(status_text(record))
        running = bool(record.server_id) and not record.is_final and record.tracking
        view.progress.setVisible(running)
        view.progress.setValue(record.progress)
        source = record.image_source
        if not reload and view.source == source:
            return
        view.source = source
        if not source or is_url(source):
            view.set_picture(None, source or "")
            return
        self._loads += 1
        load = self._loads

        async def decode() -> None:
            image = await to_thread(load_preview, Path(source), 1280)
            if load == self._loads:  # a newer take was selected meanwhile
                view.set_picture(
                    image, self.tr("The picture {name} can no longer be read.").format(name=Path(source).name)
                )

        start(decode())
