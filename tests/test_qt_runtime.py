"""Guards against Qt binding releases that are known to break the app at run time."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_signal_emit_keeps_reference_counts_intact() -> None:
    # PySide6 6.12.0 drops a reference to the bool emit() returns; on Python 3.11 the process aborts
    # after a few thousand emits. Run in a child so a broken binding fails this test, not the whole run.
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QObject, Signal

        class Emitter(QObject):
            changed = Signal(int)

        emitter = Emitter()
        seen = []
        emitter.changed.connect(seen.append)
        for i in range(20000):
            emitter.changed.emit(i)
        assert len(seen) == 20000
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"
