"""The user's command run for each finished video of the batch queue (optional; a queue setting).

The command is split into arguments the way a shell would, each placeholder — ``{video}``,
``{task_id}``, ``{prompt}``, ``{seed}`` — is replaced inside its argument, and the program runs without
a shell (a prompt can never inject a command), in a worker thread, with a time limit. Its failure is
logged, never the task's. It runs in the process that saved the video.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shlex
import subprocess

from happyhorse_desktop.tasks.record import TaskRecord

log = logging.getLogger(__name__)

COMMAND_TIMEOUT = 600.0


def command_args(command: str, record: TaskRecord) -> list[str]:
    """The command's arguments for this task. Raises ``ValueError`` for unbalanced quotes or an empty
    command."""
    parts = shlex.split(command, posix=os.name != "nt")
    if not parts:
        raise ValueError("empty command")
    values = {
        "{video}": record.video_path or "",
        "{task_id}": record.server_id or str(record.id),
        "{prompt}": record.prompt,
        "{seed}": "" if record.seed is None else str(record.seed),
    }
    out = []
    for part in parts:
        for placeholder, value in values.items():
            part = part.replace(placeholder, value)
        out.append(part)
    return out


async def run_after_video(command: str, record: TaskRecord) -> None:
    """Run the command for one saved video; returns when it has ended (or was stopped at the limit)."""
    try:
        args = command_args(command, record)
    except ValueError as exc:
        log.warning("the command after each video cannot be read (%s); not run", exc)
        return

    def run() -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(args, capture_output=True, timeout=COMMAND_TIMEOUT, check=False)

    try:
        done = await asyncio.to_thread(run)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("task %s: the command after the video failed to run: %s", record.id, exc)
        return
    if done.returncode:
        tail = done.stderr.decode("utf-8", "replace")[-500:]
        log.warning(
            "task %s: the command after the video exited with %s: %s", record.id, done.returncode, tail
        )
    else:
        log.info("task %s: the command after the video ran", record.id)
