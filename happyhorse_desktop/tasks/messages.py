"""What the engine tells the user about a task, in one place (stored with the row, shown in the list,
printed by the CLI).

Every message is a ``QT_TRANSLATE_NOOP`` entry of the ``TaskMessages`` context, so lupdate finds its
literal here, and a :class:`_Message` translates it each time it is said (``messages.upload_failed(why)``).
"""

from __future__ import annotations

from pathlib import Path

from happyhorse_desktop.i18n_core import QT_TRANSLATE_NOOP, translate


class _Message:
    """One message: its English literal and the names of its ``{placeholders}``, in the order a caller
    passes their values."""

    __slots__ = ("placeholders", "text")

    def __init__(self, text: str, *placeholders: str) -> None:
        self.text = text
        self.placeholders = placeholders

    def __call__(self, *values: object) -> str:
        """The message in the user's language, the placeholders filled after translating (a translation
        puts them where its grammar wants them)."""
        translated = translate("TaskMessages", self.text)
        if not self.placeholders:
            return translated
        return translated.format(**dict(zip(self.placeholders, values, strict=True)))


unknown_outcome = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages",
        "The app could not confirm whether EvoLink received this task ({reason}). It was NOT re-sent, "
        "to avoid paying twice. Check your EvoLink dashboard; re-run it only if it is not there.",
    ),
    "reason",
)
connection_ended = _Message(QT_TRANSLATE_NOOP("TaskMessages", "the connection ended before the answer"))
interrupted = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages",
        "Interrupted before it was sent: nothing reached EvoLink and nothing was charged. "
        "Use “Submit now” to send it, or “Discard”.",
    )
)
stop_tracking = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages",
        "Stopped tracking. EvoLink has no cancel call: the task keeps running on the server and is billed, "
        "but this app will not poll it or save its video.",
    )
)
cancellation_requested = _Message(QT_TRANSLATE_NOOP("TaskMessages", "Cancellation requested."))
found_and_linked = _Message(
    QT_TRANSLATE_NOOP("TaskMessages", "Found on EvoLink after an interrupted submission, and linked.")
)
unlinked_by_mistake = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages",
        "The task once linked to this row belongs to task {other} (its own request's answer said so). "
        "This row's outcome is unknown again: check your EvoLink dashboard.",
    ),
    "other",
)
no_longer_known = _Message(
    QT_TRANSLATE_NOOP("TaskMessages", "EvoLink no longer knows this task (unknown or expired).")
)
video_missing_expired = _Message(
    QT_TRANSLATE_NOOP("TaskMessages", "The video file is missing and its 24-hour link has expired.")
)
video_missing = _Message(
    QT_TRANSLATE_NOOP("TaskMessages", "Not saved: the video file is missing or incomplete.")
)
link_expired = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages", "The 24-hour result link expired before the video was saved ({detail})."
    ),
    "detail",
)
not_saved_yet = _Message(QT_TRANSLATE_NOOP("TaskMessages", "Not saved yet: {reason}"), "reason")
waiting_for_network = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages", "Nothing was sent: {reason} The submission waits and goes out when EvoLink answers."
    ),
    "reason",
)
upload_failed = _Message(QT_TRANSLATE_NOOP("TaskMessages", "Upload failed: {reason}"), "reason")
unexpected_before_sending = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages", "Not sent because of an unexpected error ({error}); nothing was charged."
    ),
    "error",
)
no_video_link = _Message(
    QT_TRANSLATE_NOOP("TaskMessages", "the server reported the task completed but sent no video link")
)
answer_names_another_task = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages",
        "EvoLink answered with the id {task}, which belongs to task {other} (a replayed or mixed-up answer)",
    ),
    "task",
    "other",
)
videos_folder_unreachable = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages",
        "The folder {folder} of saved videos cannot be reached (a drive not connected?). Its videos are "
        "kept in the history as they are.",
    ),
    "folder",
)

# Messages whose values are shaped first: said through the functions below.
_input_unreadable = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages", "The file {name} can no longer be read ({reason}); was it moved or deleted?"
    ),
    "name",
    "reason",
)
_unexpected_while_saving = _Message(
    QT_TRANSLATE_NOOP("TaskMessages", "an unexpected error while saving ({error})"), "error"
)
_folder_name_not_utf8 = _Message(
    QT_TRANSLATE_NOOP(
        "TaskMessages",
        "the output folder's name is not valid UTF-8 and cannot be recorded ({folder}); choose another "
        "folder in Settings",
    ),
    "folder",
)


def input_unreadable(name: str, reason: str) -> str:
    return _input_unreadable(repr(name), reason)


def unexpected_while_saving(exc: BaseException) -> str:
    """Names the error by its type alone."""
    return _unexpected_while_saving(type(exc).__name__)


def folder_name_not_utf8(folder: Path) -> str:
    """The name with its undecodable bytes escaped, so it can be stored and shown."""
    return _folder_name_not_utf8(ascii(str(folder))[1:-1])
