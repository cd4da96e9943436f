"""The simulator speaks every HappyHorse route over real loopback HTTP: validation, billing, uploads of
images and videos, the task list, and the per-key limit on running tasks."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from imagegen import make_image
from kit import TEST_KEY
from PySide6.QtGui import QColor
from videogen import fake_video, make_video

from happyhorse_desktop.mp4probe import probe_video
from happyhorse_desktop.pricing import estimate_raw_credits
from happyhorse_desktop.routes import ROUTES
from happyhorse_desktop.sandbox import EvoLinkSimulator

OTHER_KEY = "sk-evo-other-0123456789abcdef"
EDIT = "happyhorse-1.0-video-edit"


def client_for(sim: EvoLinkSimulator, key: str = TEST_KEY) -> httpx.Client:
    return httpx.Client(base_url=sim.base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30)


def upload(client: httpx.Client, path: Path, mime: str) -> httpx.Response:
    with path.open("rb") as fh:
        return client.post("/api/v1/files/upload/stream", files={"file": (path.name, fh, mime)})


def uploaded_url(client: httpx.Client, path: Path, mime: str) -> str:
    response = upload(client, path, mime)
    assert response.status_code == 200, response.text
    return str(response.json()["data"]["file_url"])


def wait_status(client: httpx.Client, task_id: str, wanted: str, timeout: float = 10) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/v1/tasks/{task_id}").json()
        if body["status"] == wanted:
            return body  # type: ignore[no-any-return]
        assert time.monotonic() < deadline, f"{task_id} stayed {body['status']}"
        time.sleep(0.05)


@pytest.fixture
def fast_sim() -> Iterator[EvoLinkSimulator]:
    with EvoLinkSimulator(task_seconds=0.3) as simulator:
        yield simulator


@pytest.fixture
def source_video(tmp_path: Path) -> Path:
    """A real 4 s 640×360 12 fps MP4 that meets video-edit's rules."""
    return make_video(tmp_path / "source.mp4", 640, 360, 12, 4.0, QColor(30, 160, 90))


def bodies(client: httpx.Client, tmp_path: Path, video: Path) -> dict[str, dict[str, Any]]:
    """A valid request for every route, with media hosted by the simulator."""
    picture = uploaded_url(client, make_image(tmp_path / "p.png", 800, 600), "image/png")
    video_url = uploaded_url(client, video, "video/mp4")
    made: dict[str, dict[str, Any]] = {}
    for model, route in ROUTES.items():
        body: dict[str, Any] = {"model": model, "quality": "1080p"}
        if route.mode == "image":
            body |= {"image_urls": [picture], "duration": 4}
        elif route.mode == "text":
            body |= {"prompt": "a horse on the beach", "duration": 6, "aspect_ratio": "9:16"}
        elif route.mode == "reference":
            body |= {"prompt": "character1 rides character2", "image_urls": [picture, picture], "duration": 3}
        else:
            body |= {"prompt": "make it snow", "video_urls": [video_url], "keep_original_sound": True}
        made[model] = body
    return made


def test_every_route_is_accepted_billed_from_the_table_and_completes(
    fast_sim: EvoLinkSimulator, tmp_path: Path, source_video: Path
) -> None:
    with client_for(fast_sim) as client:
        for model, body in bodies(client, tmp_path, source_video).items():
            before = fast_sim.balance
            created = client.post("/v1/videos/generations", json=body)
            assert created.status_code == 200, (model, created.text)
            task = created.json()
            seconds = 4.0 if model == EDIT else body["duration"]  # video-edit: its source's length
            expected = estimate_raw_credits(model, "1080p", seconds)
            assert task["usage"]["credits_reserved"] == expected, model
            assert fast_sim.balance == pytest.approx(before - expected / 10_000)  # type: ignore[operator]
            assert task["task_info"]["video_duration"] == (4 if model == EDIT else body["duration"])
            done = wait_status(client, task["id"], "completed")
            assert done["results"] and done["usage"]["credits_used"] == expected
    edit = next(t for t in fast_sim.tasks.values() if t.model == EDIT)
    assert edit.keep_original_sound and edit.input_seconds == pytest.approx(4.0)
    # 1080p video-edit: (4 s in + 4 s out) × 21.6027
    assert edit.reserved == round(21.6027 * 8 * 10_000)


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"model": "happyhorse-1.1-text-to-video"}, "prompt"),
        (
            {
                "model": "happyhorse-1.0-image-to-video",
                "image_urls": ["https://x/a.png"],
                "aspect_ratio": "1:1",
            },
            "aspect_ratio",
        ),
        ({"model": EDIT, "prompt": "snow", "video_urls": ["https://x/v.mp4"], "duration": 5}, "duration"),
        ({"model": EDIT, "prompt": "snow"}, "video_urls"),
        (
            {
                "model": "happyhorse-1.0-reference-to-video",
                "prompt": "character3 waves",
                "image_urls": ["https://x/a.png", "https://x/b.png"],
            },
            "prompt",
        ),
        ({"model": "happyhorse-1.0-text-to-video", "prompt": "a", "aspect_ratio": "4:5"}, "aspect_ratio"),
        ({"model": "happyhorse-1.1-text-to-video", "prompt": "a", "duration": 2}, "duration"),
        ({"model": "gpt-4o", "prompt": "a"}, "model"),
    ],
)
def test_bad_requests_are_refused_naming_the_field(
    fast_sim: EvoLinkSimulator, body: dict[str, Any], param: str
) -> None:
    with client_for(fast_sim) as client:
        response = client.post("/v1/videos/generations", json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["param"]) == ("invalid_request", param)
    assert fast_sim.tasks == {} and fast_sim.balance == 10_000.0


def test_an_unknown_happyhorse_model_is_not_allowed(fast_sim: EvoLinkSimulator) -> None:
    with client_for(fast_sim) as client:
        response = client.post("/v1/videos/generations", json={"model": "happyhorse-2.0-image-to-video"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "model_access_denied"


@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        ({"seconds": 70.0}, "The video lasts 70.0 s; it must last 3 to 60 s."),
        ({"width": 3840, "height": 2160}, "The video is 3840×2160; its long side must be at most 2160 px."),
        ({"fps": 5.0}, "The video has 5 frames per second; it needs more than 8."),
    ],
)
def test_an_out_of_spec_video_fails_the_task_and_is_refunded(
    fast_sim: EvoLinkSimulator, tmp_path: Path, facts: dict[str, Any], reason: str
) -> None:
    video = fake_video(tmp_path / "v.mp4", **facts)
    with client_for(fast_sim) as client:
        url = uploaded_url(client, video, "video/mp4")
        created = client.post(
            "/v1/videos/generations", json={"model": EDIT, "prompt": "x", "video_urls": [url]}
        )
        assert created.status_code == 200
        failed = wait_status(client, created.json()["id"], "failed")
    assert failed["error"] == {"code": "invalid_parameters", "message": reason, "type": "task_error"}
    assert fast_sim.balance == pytest.approx(10_000.0)  # the reservation came back


def test_an_hevc_mov_is_accepted_with_its_length_billed(fast_sim: EvoLinkSimulator, tmp_path: Path) -> None:
    """H.264 is only recommended: an HEVC MOV passes; 40 s of source bill as 15 in + 15 out."""
    video = fake_video(tmp_path / "clip.mov", container="mov", codec=b"hvc1", seconds=40.0)
    with client_for(fast_sim) as client:
        url = uploaded_url(client, video, "video/quicktime")
        task = client.post("/v1/videos/generations", json={"model": EDIT, "prompt": "x", "video_urls": [url]})
    assert task.json()["usage"]["credits_reserved"] == round(12.15 * 30 * 10_000)
    assert task.json()["task_info"]["video_duration"] == 15


def test_a_too_small_picture_fails_the_task(fast_sim: EvoLinkSimulator, tmp_path: Path) -> None:
    with client_for(fast_sim) as client:
        url = uploaded_url(client, make_image(tmp_path / "s.png", 200, 200), "image/png")
        body = {"model": "happyhorse-1.1-image-to-video", "image_urls": [url]}
        failed = wait_status(client, client.post("/v1/videos/generations", json=body).json()["id"], "failed")
    assert failed["error"]["code"] == "image_dimension_mismatch"
    assert "at least 300 px" in failed["error"]["message"]


def test_uploads_take_videos_and_serve_them_back(fast_sim: EvoLinkSimulator, tmp_path: Path) -> None:
    """A 40 MB video (above the 10 MB image limit) is accepted and streamed to disk, not held in memory."""
    video = fake_video(tmp_path / "big.mp4", total_bytes=40 * 1024 * 1024)
    with client_for(fast_sim) as client:
        tracemalloc.start()
        try:
            response = upload(client, video, "video/mp4")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        assert (data["mime_type"], data["file_size"]) == ("video/mp4", video.stat().st_size)
        assert peak < 8 * 1024 * 1024, f"the upload peaked at {peak / 1e6:.1f} MB of Python memory"
        served = client.get(data["file_url"])
    assert served.content == video.read_bytes()
    assert probe_video(video) is not None and probe_video(video).duration == 6.0  # type: ignore[union-attr]


def test_upload_types_and_the_size_limit(
    fast_sim: EvoLinkSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("happyhorse_desktop.sandbox.file_routes.UPLOAD_MAX_BYTES", 1024 * 1024)
    big = tmp_path / "big.mp4"
    big.write_bytes(b"\0" * (2 * 1024 * 1024))
    note = tmp_path / "note.txt"
    note.write_text("hello")
    with client_for(fast_sim) as client:
        refused = upload(client, big, "video/mp4")
        assert (refused.status_code, refused.json()["success"]) == (413, False)
        assert upload(client, note, "text/plain").status_code == 400
        assert upload(client, make_image(tmp_path / "a.gif", fmt="PNG"), "image/gif").status_code == 200
        assert client.get("/v1/credits").status_code == 200  # the connection survived the refusal
    from happyhorse_desktop.sandbox.file_routes import UPLOAD_IMAGE_TYPES

    assert "image/gif" in UPLOAD_IMAGE_TYPES


def test_the_task_list(fast_sim: EvoLinkSimulator) -> None:
    models = ["happyhorse-1.0-text-to-video", "happyhorse-1.1-text-to-video", "happyhorse-1.0-text-to-video"]
    made = []
    with client_for(fast_sim) as client:
        for model in models:
            if len(made) == 1:
                fast_sim.fail_next_task("content_policy_violation")
            made.append(
                client.post("/v1/videos/generations", json={"model": model, "prompt": "a"}).json()["id"]
            )
        wait_status(client, made[-1], "completed")
        fast_sim.task_seconds = 30  # the newest one is still running
        made.append(client.post("/v1/videos/generations", json={"model": model, "prompt": "b"}).json()["id"])
        page = client.get("/v1/tasks", params={"page": 1, "page_size": 3}).json()
        assert (page["total"], page["page"], page["page_size"]) == (4, 1, 3)
        assert [i["id"] for i in page["data"]] == made[::-1][:3]  # newest first
        running, third, failed = page["data"]
        assert running["status"] in ("pending", "processing") and not running["has_results"]
        assert third == {
            "id": made[2],
            "model": "happyhorse-1.0-text-to-video",
            "type": "video",
            "status": "completed",
            "progress": 100,
            "created_at": third["created"],
            "created": third["created"],
            "credits_used": estimate_raw_credits("happyhorse-1.0-text-to-video", "720p", 5),
            "has_results": True,
            "has_error": False,
            "task_info": {"video_duration": 5},
        }
        assert failed["has_error"] and failed["credits_used"] == 0 and "results" not in failed
        second = client.get("/v1/tasks", params={"page": 2, "page_size": 3}).json()
        assert [i["id"] for i in second["data"]] == [made[0]]
        only = client.get(
            "/v1/tasks", params={"status": "completed", "model": "happyhorse-1.0-text-to-video"}
        )
        assert [i["id"] for i in only.json()["data"]] == [made[2], made[0]]
        busy = client.get("/v1/tasks", params={"status": "processing"}).json()
        assert [i["id"] for i in busy["data"]] == [made[3]]  # "processing" includes pending
        bad = client.get("/v1/tasks", params={"page_size": 0})
        assert bad.status_code == 400 and bad.json()["error"]["param"] == "page_size"
        fast_sim.list_enabled = False
        assert client.get("/v1/tasks").status_code == 404


def test_running_tasks_per_key_are_capped(tmp_path: Path) -> None:
    body = {"model": "happyhorse-1.0-text-to-video", "prompt": "a"}
    with EvoLinkSimulator(task_seconds=0.8, max_running_per_key=2) as sim, client_for(sim) as mine:
        first = [mine.post("/v1/videos/generations", json=body) for _ in range(2)]
        assert [r.status_code for r in first] == [200, 200]
        refused = mine.post("/v1/videos/generations", json=body)
        assert refused.status_code == 429
        error = refused.json()["error"]
        assert (error["code"], error["type"]) == ("rate_limit_exceeded", "rate_limit_error")
        assert "2 running, limit 2" in error["message"]
        with client_for(sim, OTHER_KEY) as other:
            assert other.post("/v1/videos/generations", json=body).status_code == 200
        assert sim.balance == pytest.approx(10_000 - 3 * 60.75)  # the refused one was not charged
        wait_status(mine, first[0].json()["id"], "completed")
        assert mine.post("/v1/videos/generations", json=body).status_code == 200
    assert sim.max_running_seen == {TEST_KEY: 2, OTHER_KEY: 1}
    assert sim.running_count(TEST_KEY) <= 2


def test_the_video_probe_reads_boxes_of_real_and_skeleton_files(tmp_path: Path, source_video: Path) -> None:
    from happyhorse_desktop.assets import asset_path
    from happyhorse_desktop.route_rules import VideoFacts

    size = source_video.stat().st_size
    assert probe_video(source_video) == VideoFacts("mp4", "mpeg4", 4.0, 640, 360, 12.0, size)
    sample = probe_video(asset_path("sample.mp4"))
    assert sample is not None and (sample.codec, sample.width, sample.height) == ("h264", 320, 240)
    mov = probe_video(fake_video(tmp_path / "c.mov", container="mov", codec=b"hev1", fps=30.0, seconds=2.5))
    assert mov is not None and (mov.container, mov.codec, mov.fps, mov.duration) == ("mov", "hevc", 30.0, 2.5)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(source_video.read_bytes()[: size // 2])  # the moov box is at the end: gone
    garbage = tmp_path / "garbage.mp4"
    garbage.write_bytes(b"<html>not a video</html>" * 10)
    assert (
        probe_video(cut) is None and probe_video(garbage) is None and probe_video(tmp_path / "nope") is None
    )


def test_an_upload_answered_before_it_is_read_leaves_the_connection_usable(
    fast_sim: EvoLinkSimulator, tmp_path: Path
) -> None:
    from happyhorse_desktop.sandbox import Fault

    body = {"success": False, "code": 413, "msg": "File too large."}
    fast_sim.add_fault(Fault("status", "POST", "/api/v1/files/upload/stream", status=413, body=body))
    video = fake_video(tmp_path / "v.mp4", total_bytes=3 * 1024 * 1024)
    with client_for(fast_sim) as client:
        assert upload(client, video, "video/mp4").status_code == 413  # the scripted refusal
        with video.open("rb") as fh:
            refused = client.post(
                "/api/v1/files/upload/stream",
                files={"file": ("v.mp4", fh, "video/mp4")},
                headers={"Authorization": "Bearer not-a-key"},
            )
        assert refused.status_code == 401
        assert upload(client, video, "video/mp4").status_code == 200
    assert fast_sim.count("POST", "/api/v1/files/upload/stream") == 3
    assert fast_sim.connections_accepted == 1  # one kept-alive connection, still in step after both
