"""What the engine tells the user about a task, in one place (stored with the row, shown in the list,
printed by the CLI)."""

from __future__ import annotations

from pathlib import Path

from happyhorse_desktop.i18n_core import translate


def unknown_outcome(reason: str) -> str:
    return translate(
        "TaskMessages",
        "The app could not confirm whether EvoLink received this task ({reason}). It was NOT re-sent, "
        "to avoid paying twice. Check your EvoLink dashboard; re-run it only if it is not there.",
    ).format(reason=reason)


def connection_ended() -> str:
    return translate("TaskMessages", "the connection ended before the answer")


def interrupted() -> str:
    return translate(
        "TaskMessages",
        "Interrupted before it was sent: nothing reached EvoLink and nothing was charged. "
        "Use “Submit now” to send it, or “Discard”.",
    )


def stop_tracking() -> str:
    return translate(
        "TaskMessages",
        "Stopped tracking. EvoLink has no cancel call: the task keeps running on the server and is billed, "
        "but this app will not poll it or save its video.",
    )


def cancellation_requested() -> str:
    return translate("TaskMessages", "Cancellation requested.")


def found_and_linked() -> str:
    return translate("TaskMessages", "Found on EvoLink after an interrupted submission, and linked.")


def unlinked_by_mistake(other_id: int) -> str:
    return translate(
        "TaskMessages",
        "The task once linked to this row belongs to task {other} (its own request's answer said so). "
        "This row's outcome is unknown again: check your EvoLink dashboard.",
    ).format(other=other_id)


def no_longer_known() -> str:
    return translate("TaskMessages", "EvoLink no longer knows this task (unknown or expired).")


def video_missing_expired() -> str:
    return translate("TaskMessages", "The video file is missing and its 24-hour link has expired.")


def video_missing() -> str:
    return translate("TaskMessages", "Not saved: the video file is missing or incomplete.")


def link_expired(detail: str) -> str:
    return translate(
        "TaskMessages", "The 24-hour result link expired before the video was saved ({detail})."
    ).format(detail=detail)


def not_saved_yet(reason: str) -> str:
    return translate("TaskMessages", "Not saved yet: {reason}").format(reason=reason)


def waiting_for_network(reason: str) -> str:
    return translate(
        "TaskMessages", "Nothing was sent: {reason} The submission waits and goes out when EvoLink answers."
    ).format(reason=reason)


def upload_failed(reason: str) -> str:
    return translate("TaskMessages", "Upload failed: {reason}").format(reason=reason)


def input_unreadable(name: str, reason: str) -> str:
    return translate(
        "TaskMessages", "The file {name} can no longer be read ({reason}); was it moved or deleted?"
    ).format(name=repr(name), reason=reason)


def unexpected_before_sending(error: str) -> str:
    return translate(
        "TaskMessages", "Not sent because of an unexpected error ({error}); nothing was charged."
    ).format(error=error)


def no_video_link() -> str:
    return translate("TaskMessages", "the server reported the task completed but sent no video link")


def answer_names_another_task(server_id: str, other_id: int) -> str:
    return translate(
        "TaskMessages",
        "EvoLink answered with the id {task}, which belongs to task {other} (a replayed or mixed-up answer)",
    ).format(task=server_id, other=other_id)


def unexpected_while_saving(exc: BaseException) -> str:
    return translate("TaskMessages", "an unexpected error while saving ({error})").format(
        error=type(exc).__name__
    )


def folder_name_not_utf8(folder: Path) -> str:
    return translate(
        "TaskMessages",
        "the output folder's name is not valid UTF-8 and cannot be recorded ({folder}); choose another "
        "folder in Settings",
    ).format(folder=ascii(str(folder))[1:-1])


def videos_folder_unreachable(folder: str) -> str:
    return translate(
        "TaskMessages",
        "The folder {folder} of saved videos cannot be reached (a drive not connected?). Its videos are "
        "kept in the history as they are.",
    ).format(folder=folder)
