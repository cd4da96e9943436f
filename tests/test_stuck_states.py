"""Nothing gets stuck and nothing fails silently: a history locked by another program, an API key with
an invisible character, a video that cannot be saved, a history that cannot be read."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from imagegen import make_image
from kit import TEST_KEY, run
from processkit import child_env, cli, rows, wait_until

from happyhorse_desktop.api import EvoLinkClient, EvoLinkError
from happyhorse_desktop.api.errors import ErrorKind
from happyhorse_desktop.cli import main
from happyhorse_desktop.redaction import redact, register_secret
from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.secrets import KeyFormatError, normalize_key
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

LOCK_SECONDS = 25.0


def hold_write_lock(db_path: Path, seconds: float, locked: threading.Event) -> None:
    """Another program (a DB browser, a backup tool) holding a write lock on the history."""
    db = sqlite3.connect(db_path, timeout=30, isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    locked.set()
    time.sleep(seconds)
    db.execute("COMMIT")
    db.close()


def test_a_long_database_lock_does_not_kill_polling(tmp_path: Path) -> None:
    """Defect 6: a lock held past the busy timeout killed the polling loop for good; `submit --wait`
    then waited forever although the task had completed."""
    image = make_image(tmp_path / "a.png")
    with EvoLinkSimulator(task_seconds=2.0) as sim:
        process = cli(child_env(sim, tmp_path), "submit", str(image), "--wait")
        wait_until(lambda: sim.tasks, 30, "the task on the server")
        locked = threading.Event()
        holder = threading.Thread(
            target=hold_write_lock, args=(tmp_path / "data" / "tasks.sqlite3", LOCK_SECONDS, locked)
        )
        holder.start()
        locked.wait(10)
        started = time.monotonic()
        _out, err = process.communicate(timeout=LOCK_SECONDS + 45)
        holder.join()
        assert process.returncode == 0, err[-3000:]
        assert time.monotonic() - started >= LOCK_SECONDS - 5  # it really waited for the lock to go
    (record,) = rows(tmp_path)
    assert record.status == TaskStatus.COMPLETED and Path(record.video_path or "").is_file()
    log = (tmp_path / "data" / "logs" / "happyhorse.log").read_text()
    assert "database is locked" in log  # each failed round is logged, then the loop carries on


@pytest.mark.parametrize(
    ("raw", "usable"),
    [
        pytest.param(f" {TEST_KEY}\u200b\n", TEST_KEY, id="zero-width-space-and-white-space"),
        pytest.param(f"\ufeff{TEST_KEY}", TEST_KEY, id="byte-order-mark"),
        pytest.param(f"{TEST_KEY[:10]}é{TEST_KEY[10:]}", None, id="accented-letter-inside"),
        pytest.param(f"{TEST_KEY[:10]} {TEST_KEY[10:]}", None, id="space-inside"),
        pytest.param("\u200b", None, id="nothing-visible"),
    ],
)
def test_keys_are_cleaned_or_refused_where_they_enter(raw: str, usable: str | None) -> None:
    """Defect 7: a pasted zero-width space crashed the CLI with a UnicodeEncodeError."""
    if usable is not None:
        assert normalize_key(raw) == usable
    else:
        with pytest.raises(KeyFormatError) as refused:
            normalize_key(raw)
        assert "key" in str(refused.value).lower()


def test_an_unusable_environment_key_is_refused_before_any_row_is_written(
    sim_env: EvoLinkSimulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("EVOLINK_API_KEY", f"{TEST_KEY[:10]}é{TEST_KEY[10:]}")
    assert main(["submit", str(make_image(tmp_path / "a.png"))]) == 2
    err = capsys.readouterr().err
    assert "U+00E9" in err and "EVOLINK_API_KEY" in err and "Traceback" not in err
    assert sim_env.requests == []
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    assert store.count() == 0
    store.close()
    monkeypatch.setenv("EVOLINK_API_KEY", f"{TEST_KEY}\u200b")  # cleaned: it works
    assert main(["credits"]) == 0


def test_the_client_never_sends_a_key_it_cannot_encode(sim: EvoLinkSimulator) -> None:
    async def scenario() -> None:
        client = EvoLinkClient(lambda: f"{TEST_KEY}\u200b", api_base=sim.base_url)
        with pytest.raises(EvoLinkError) as refused:
            await client.get_credits()
        assert refused.value.kind is ErrorKind.AUTH and "U+200B" in refused.value.user_message
        await client.aclose()

    run(scenario())
    assert sim.requests == []


def test_wait_says_at_once_why_a_video_cannot_be_saved_and_exits_4(tmp_path: Path) -> None:
    """Defect 8: `submit --wait` printed "completed 100%" and waited silently up to the 24 h expiry."""
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the output folder should be")
    image = make_image(tmp_path / "a.png")
    with EvoLinkSimulator(task_seconds=0.3) as sim:
        env = dict(child_env(sim, tmp_path), HAPPYHORSE_OUTPUT_DIR=str(blocker / "videos"))
        process = cli(env, "submit", str(image), "--wait")
        seen: list[str] = []

        def reason_shown() -> bool:
            assert process.stderr is not None
            seen.append(process.stderr.readline())
            return "could not be saved" in seen[-1]

        wait_until(reason_shown, 30, "the reason the video is not saved")
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
    assert process.returncode == 4
    assert "The video is not saved" in err and "could not be saved" in err


def test_an_unreadable_history_gets_one_message_and_can_be_set_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Defect 9 (CLI): a 25-line traceback for a corrupt history."""
    db = tmp_path / "data" / "tasks.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database at all " * 200)
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    assert "cannot be read" in err and "set-aside-history" in err and "Traceback" not in err
    assert db.read_bytes().startswith(b"not a database")  # nothing changed without the user's word
    assert main(["set-aside-history"]) == 0
    assert list(db.parent.glob("tasks.sqlite3.unreadable-*")) and not db.exists()
    assert main(["list"]) == 0
    assert "No tasks yet" in capsys.readouterr().out


def test_a_history_from_a_newer_app_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    TaskStore(tmp_path / "data" / "tasks.sqlite3").close()
    db = sqlite3.connect(tmp_path / "data" / "tasks.sqlite3")
    db.execute("PRAGMA user_version=99")
    db.commit()
    db.close()
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    assert "newer version of HappyHorse Desktop" in err and "Traceback" not in err


def test_redaction_masks_keys_not_task_ids() -> None:
    """Defect 11: the key pattern matched inside every "task-unified-…" id."""
    register_secret(TEST_KEY)
    text = redact(f"task-unified-1761313744-h1i2vcd9 failed; key {TEST_KEY}; other sk-evo-abcdef123456")
    assert "task-unified-1761313744-h1i2vcd9" in text
    assert TEST_KEY not in text and "sk-evo-abcdef123456" not in text
