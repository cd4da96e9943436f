"""Files a media job writes: first beside their name (``NAME.part``), renamed into place only when
complete, and removed when the job fails or is cancelled — so nobody ever sees half a file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def written_beside(output: Path) -> Iterator[Path]:
    """Yield the partial path to write; on success it becomes ``output``, on any exception it goes."""
    partial = output.with_name(output.name + ".part")
    try:
        yield partial
        os.replace(partial, output)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
