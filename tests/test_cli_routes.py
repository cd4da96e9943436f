"""``happyhorse-cli submit`` on every route, its refusals (exit 2, nothing sent), and ``import-account``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from imagegen import make_image
from kit import TEST_KEY
from PySide6.QtGui import QColor
from videogen import fake_video, make_video

from happyhorse_desktop.cli import main
from happyhorse_desktop.pricing import estimate_credits, format_credits
from happyhorse_desktop.sandbox import EvoLinkSimulator

EDIT = "happyhorse-1.0-video-edit"
TEXT = "happyhorse-1.1-text-to-video"
REFERENCE = "happyhorse-1.1-reference-to-video"
EDITING = ["--model", EDIT, "--prompt", "x"]  # an edit's arguments but its video
POSTS, UPLOADS = "/v1/videos/generations", "/api/v1/files/upload/stream"


def submitted(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    assert main(["submit", *args, "--wait", "--json"]) == 0, capsys.readouterr().err
    task = json.loads(capsys.readouterr().out)
    assert task["status"] == "completed" and Path(task["video_path"]).is_file()
    return task  # type: ignore[no-any-return]


def test_text_to_video(sim_env: EvoLinkSimulator, capsys: pytest.CaptureFixture[str]) -> None:
    model = TEXT
    task = submitted(
        capsys, "--model", model, "--prompt", "dawn", "--aspect-ratio", "9:16", "--duration", "3"
    )
    assert task["route"] == {"mode": "text", "version": "1.1", "label": "Text → Video"}
    assert (task["aspect_ratio"], task["image_sources"]) == ("9:16", [])
    (sim_task,) = sim_env.tasks.values()
    assert (sim_task.aspect_ratio, sim_task.duration) == ("9:16", 3)
    assert sim_env.count("POST", UPLOADS) == 0


def test_reference_to_video_with_repeated_images(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = make_image(tmp_path / "one.png", 600, 600), make_image(tmp_path / "two.png", 500, 700)
    prompt = "character1 greets character2"
    model = "happyhorse-1.0-reference-to-video"
    task = submitted(capsys, "--model", model, "--prompt", prompt, "--image", str(one), "--image", str(two))
    assert task["image_sources"] == [str(one), str(two)] and len(task["image_urls"]) == 2
    assert main(["show", str(task["id"])]) == 0
    shown = capsys.readouterr().out
    assert "HappyHorse 1.0 · References → Video" in shown and "one.png, " in shown


def test_video_edit_with_its_cost_on_input_and_output(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = make_video(tmp_path / "walk.mp4", 640, 360, 12, 4.0, QColor(40, 90, 200))
    assert (
        main(
            [
                "submit",
                "--model",
                EDIT,
                "--prompt",
                "autumn leaves",
                "--video",
                str(source),
                "--keep-original-sound",
                "--quality",
                "1080p",
                "--wait",
                "--json",
            ]
        )
        == 0
    )
    out = capsys.readouterr()
    assert f"{format_credits(estimate_credits(EDIT, '1080p', 4.0))} credits estimated" in out.err
    assert "H.264 is recommended" in out.err  # Qt encodes MPEG-4 Part 2: a warning, not a refusal
    task = json.loads(out.out)
    assert task["route"]["mode"] == "edit" and task["keep_original_sound"] is True
    assert task["input_seconds"] == pytest.approx(4.0) and task["duration"] == 4
    sidecar = json.loads(Path(task["sidecar_path"]).read_text())
    assert sidecar["video_source"] == "walk.mp4" and sidecar["route"]["mode"] == "edit"
    (sim_task,) = sim_env.tasks.values()
    assert sim_task.keep_original_sound and sim_task.input_seconds == pytest.approx(4.0)


def test_image_to_video_1_1_keeps_the_positional_picture(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    picture = make_image(tmp_path / "p.jpg", 800, 600)
    task = submitted(capsys, str(picture), "--model", "happyhorse-1.1-image-to-video", "--duration", "3")
    assert task["route"]["version"] == "1.1" and task["image_sources"] == [str(picture)]


def test_an_hevc_mov_is_sent_with_a_warning(
    sim_env: EvoLinkSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clip = fake_video(tmp_path / "phone.mov", container="mov", codec=b"hvc1", seconds=20.0)
    assert main(["submit", "--model", EDIT, "--prompt", "x", "--video", str(clip)]) == 0
    err = capsys.readouterr().err
    assert "encoded as HEVC; H.264 is recommended" in err
    assert "Only the first 15 s of the 20.0 s video are edited (and billed)" in err
    assert f"{format_credits(estimate_credits(EDIT, '720p', 20.0))} credits estimated" in err
    assert sim_env.count("POST", POSTS) == 1
    assert next(iter(sim_env.media.files.values())).mime == "video/quicktime"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        pytest.param(
            ["--model", TEXT, "--prompt", "x", "--image", "{image}"],
            "takes no pictures",
            id="text-with-image",
        ),
        pytest.param(
            ["{image}", "--video", "{video}"], "takes no video; edit one with --model", id="image-video"
        ),
        pytest.param(["{image}", "--aspect-ratio", "1:1"], "takes no --aspect-ratio", id="image-aspect"),
        pytest.param(
            [*EDITING, "--video", "{video}", "--duration", "5"],
            "takes no --duration",
            id="edit-duration",
        ),
        pytest.param(
            ["--model", TEXT, "--prompt", "x", "--keep-original-sound"],
            "--keep-original-sound is for video-edit only",
            id="text-sound",
        ),
        pytest.param(
            ["--model", "happyhorse-1.0-text-to-video", "--prompt", "x", "--aspect-ratio", "21:9"],
            "must be one of 16:9, 9:16, 1:1, 4:3, 3:4",
            id="aspect-of-1.1-on-1.0",
        ),
        pytest.param(["--model", TEXT], "needs a prompt", id="text-no-prompt"),
        pytest.param(EDITING, "Add the video to edit", id="edit-no-video"),
        pytest.param(
            [
                "--model",
                REFERENCE,
                "--prompt",
                "character1 meets character3",
                "--image",
                "{image}",
                "--image",
                "{image}",
            ],
            "names character3, but there are only 2 reference images",
            id="reference-character3",
        ),
        pytest.param(
            ["--model", REFERENCE, "--prompt", "character1", "--image", "{small}"],
            "its short side must be at least 400 px",
            id="reference-too-small",
        ),
        pytest.param([*EDITING, "--video", "{long}"], "it must last 3 to 60 s", id="70s"),
        pytest.param([*EDITING, "--video", "{4k}"], "at most 2160 px", id="4k"),
        pytest.param([*EDITING, "--video", "{slow}"], "it needs more than 8", id="5fps"),
        pytest.param([*EDITING, "--video", "{huge}"], "the limit is 100 MB", id="150MB"),
    ],
)
def test_bad_combinations_exit_2_before_any_request(
    sim_env: EvoLinkSimulator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    reason: str,
) -> None:
    files = {
        "image": make_image(tmp_path / "i.png", 640, 480),
        "small": make_image(tmp_path / "small.png", 640, 360),  # fine as a first frame, not as a reference
        "video": fake_video(tmp_path / "ok.mp4"),
        "long": fake_video(tmp_path / "long.mp4", seconds=70.0),
        "4k": fake_video(tmp_path / "4k.mp4", width=3840, height=2160),
        "slow": fake_video(tmp_path / "slow.mp4", fps=5.0),
        "huge": fake_video(tmp_path / "huge.mp4", total_bytes=150 * 1024 * 1024),
    }
    filled = [a.format(**{k: str(v) for k, v in files.items()}) for a in args]
    assert main(["submit", *filled]) == 2
    assert reason in capsys.readouterr().err
    assert sim_env.count("POST", POSTS) == 0 and sim_env.count("POST", UPLOADS) == 0


def test_import_account_saves_the_playground_videos(
    sim_env: EvoLinkSimulator, capsys: pytest.CaptureFixture[str]
) -> None:
    body = {"model": TEXT, "prompt": "made on the web", "duration": 3}
    ids = [sim_env.create(body, key=TEST_KEY)[1]["id"] for _ in range(2)]
    sim_env.tasks[ids[0]].created -= 22 * 3600  # made yesterday: its link lapses in about 2 hours
    assert main(["import-account", "--wait", "--json"]) == 0
    out = capsys.readouterr()
    imported = json.loads(out.out)
    assert sorted(t["server_id"] for t in imported) == sorted(ids)
    assert all(t["origin"] == "import" and Path(t["video_path"]).is_file() for t in imported)
    assert "WARNING: its link expires within 3 hours" in out.err
    assert main(["import-account"]) == 0  # a second run finds nothing new
    assert "2 already in your history" in capsys.readouterr().err


def test_import_account_without_the_task_list(
    sim_env: EvoLinkSimulator, capsys: pytest.CaptureFixture[str]
) -> None:
    sim_env.list_enabled = False
    assert main(["import-account"]) == 3
    assert "does not offer this account's task list" in capsys.readouterr().err
