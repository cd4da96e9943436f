"""Importing the account's other videos (made in EvoLink's playground, say): found through the task
list, saved through the same downloads and leases with sidecars, never mixed up with this history's own
submissions."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from enginekit import running_engine
from kit import TEST_KEY, run, wait_for

from happyhorse_desktop.sandbox import EvoLinkSimulator
from happyhorse_desktop.sandbox.world import SimTask
from happyhorse_desktop.tasks.account_import import AccountImporter, ListingUnavailable
from happyhorse_desktop.tasks.status import TaskStatus
from happyhorse_desktop.tasks.store import TaskStore

HOUR = 3600.0


def playground_task(sim: EvoLinkSimulator, body: dict[str, Any], age_hours: float = 0.0) -> SimTask:
    """A task made outside this app (EvoLink's web playground) on the same account."""
    status, reply = sim.create(body, key=TEST_KEY)
    assert status == 200, reply
    task = sim.tasks[reply["id"]]
    task.created -= age_hours * HOUR
    return task


TEXT = {"model": "happyhorse-1.1-text-to-video", "prompt": "a foal in the snow", "duration": 4}


def test_playground_videos_are_found_and_saved_with_sidecars(
    sim_env: EvoLinkSimulator, tmp_path: Path
) -> None:
    fresh = playground_task(sim_env, {**TEXT, "quality": "1080p"}, age_hours=1)
    late = playground_task(sim_env, TEXT, age_hours=22.5)  # its link lapses in about 1.5 hours
    playground_task(sim_env, TEXT, age_hours=25)  # its link has lapsed: nothing to save
    failed = playground_task(sim_env, TEXT, age_hours=1)
    failed.fail_code, failed.fail_message = "content_policy_violation", "refused"
    sim_env.tasks["task-unified-1-otherxyz"] = SimTask(  # another model's task on the same account
        "task-unified-1-otherxyz", "kling-v2", "", "720p", 5, None, "", time.time() - HOUR, 1.0, 100
    )

    async def scenario() -> None:
        async with running_engine() as engine:
            importer = AccountImporter(engine.manager, lambda: engine.client)
            listing = await importer.find()
            assert [t.task.id for t in listing.tasks] == [fresh.id, late.id]  # newest first
            assert (listing.expired, listing.without_video, listing.other_models) == (1, 1, 1)
            soon = listing.tasks[1]
            assert soon.expiring_soon and 1.4 < (soon.hours_left or 0) < 1.6
            assert not listing.tasks[0].expiring_soon and 22.9 < (listing.tasks[0].hours_left or 0) < 23.1
            ids = await importer.save(listing.importable)
            await wait_for(lambda: all(engine.store.get(i).video_path for i in ids), 15)  # type: ignore[union-attr]
            again = await importer.find()
            assert again.tasks == [] and again.in_history == 2  # imported once, never twice

    run(scenario())
    store = TaskStore(tmp_path / "data" / "tasks.sqlite3")
    row = store.get_by_server_id(fresh.id)
    store.close()
    assert row is not None and row.origin == "import" and row.status == TaskStatus.COMPLETED
    assert (row.model, row.quality, row.duration) == (TEXT["model"], "1080p", 4)  # read back from the bill
    sidecar = json.loads(Path(row.sidecar_path or "").read_text())
    assert sidecar["origin"] == "import" and sidecar["task_id"] == fresh.id
    assert sidecar["route"] == {"mode": "text", "version": "1.1", "label": "Text → Video"}
    assert sim_env.count("POST", "/v1/videos/generations") == 0  # importing never creates a task


def test_a_running_playground_task_is_followed_until_its_video_is_saved(sim_env: EvoLinkSimulator) -> None:
    running = playground_task(sim_env, TEXT)
    running.run_seconds = 1.5

    async def scenario() -> None:
        async with running_engine() as engine:
            importer = AccountImporter(engine.manager, lambda: engine.client)
            listing = await importer.find()
            assert listing.tasks[0].running and listing.tasks[0].hours_left is None
            (task_id,) = await importer.save(listing.tasks)
            assert engine.store.get(task_id).status in (TaskStatus.PENDING, TaskStatus.PROCESSING)  # type: ignore[union-attr]
            await wait_for(lambda: engine.store.get(task_id).video_path, 15)  # type: ignore[union-attr]

    run(scenario())


def test_a_task_that_may_answer_an_unknown_submission_is_held_back(sim_env: EvoLinkSimulator) -> None:
    """Our POST's answer was lost; the list shows a task of the same model made at that moment, but
    another one fits too, so reconciliation cannot link either. Importing them would hide which one our
    row paid for: they are held back, and the row stays unknown for the user to check."""
    first = playground_task(sim_env, TEXT)
    second = playground_task(sim_env, TEXT)

    async def scenario() -> None:
        async with running_engine() as engine:
            row = engine.store.add(
                model=TEXT["model"],
                prompt="lost answer",
                quality="720p",
                duration=4,
                idempotency_key="lost",
                status=TaskStatus.UNKNOWN,
                submitted_at=first.created,
            )
            importer = AccountImporter(engine.manager, lambda: engine.client)
            listing = await importer.find()
            assert {t.task.id for t in listing.tasks} == {first.id, second.id}
            assert all(t.held_back_for == row.id and not t.importable for t in listing.tasks)
            assert await importer.save(listing.tasks) == []
            assert engine.store.get(row.id).status == TaskStatus.UNKNOWN  # type: ignore[union-attr]

    run(scenario())


def test_without_the_task_list_the_user_is_told_plainly(sim_env: EvoLinkSimulator) -> None:
    sim_env.list_enabled = False

    async def scenario() -> None:
        async with running_engine() as engine:
            with pytest.raises(ListingUnavailable, match="does not offer this account's task list"):
                await AccountImporter(engine.manager, lambda: engine.client).find()

    run(scenario())


def test_rows_left_for_another_process_when_not_working_here(sim_env: EvoLinkSimulator) -> None:
    """``import-account`` without ``--wait`` writes the rows and leaves; the window then saves them."""
    task = playground_task(sim_env, TEXT)

    async def scenario() -> None:
        async with running_engine() as engine:
            importer = AccountImporter(engine.manager, lambda: engine.client)
            (task_id,) = await importer.save((await importer.find()).tasks, work=False)
            row = engine.store.get(task_id)
            assert row is not None and row.lease_owner is None and not row.video_path
        async with running_engine() as window:
            await wait_for(lambda: window.store.get_by_server_id(task.id).video_path, 15)  # type: ignore[union-attr]

    run(scenario())
