"""The route table, the prices read from it, and the route-level request checks (pure, no server)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from happyhorse_desktop import pricing
from happyhorse_desktop.media_rules import check_images, check_request, check_video
from happyhorse_desktop.route_rules import (
    Severity,
    VideoFacts,
    check_body,
    check_character_references,
    errors,
)
from happyhorse_desktop.routes import ROUTES, Billing, Mode, route_for, route_for_mode, routes_for_mode

I2V_10 = "happyhorse-1.0-image-to-video"
T2V_11 = "happyhorse-1.1-text-to-video"
T2V_10 = "happyhorse-1.0-text-to-video"
R2V_10 = "happyhorse-1.0-reference-to-video"
EDIT = "happyhorse-1.0-video-edit"
URL = "https://cdn.example.com/a.png"
VIDEO = "https://cdn.example.com/source.mp4"


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    format: str = "png"
    size_bytes: int = 200_000


def good_video(**changes: object) -> VideoFacts:
    base = {"container": "mp4", "codec": "h264", "duration": 6.0, "width": 1280, "height": 720}
    base |= {"fps": 24.0, "size_bytes": 5_000_000}
    return VideoFacts(**(base | changes))  # type: ignore[arg-type]


def fields(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.field for p in errors(problems)]


def test_the_seven_routes_and_their_modes() -> None:
    generation = [
        f"happyhorse-{v}-{m}"
        for v in ("1.0", "1.1")
        for m in ("image-to-video", "text-to-video", "reference-to-video")
    ]
    assert sorted(ROUTES) == sorted([*generation, EDIT])
    assert {r.mode for r in ROUTES.values()} == set(Mode)
    assert [r.version for r in routes_for_mode(Mode.TEXT)] == ["1.1", "1.0"]
    assert [r.model for r in routes_for_mode(Mode.EDIT)] == [EDIT]
    assert route_for_mode(Mode.REFERENCE, "1.0").model == R2V_10  # type: ignore[union-attr]
    edit = ROUTES[EDIT]
    assert edit.duration is None and edit.aspect_ratios == () and edit.keep_original_sound
    assert edit.billing is Billing.INPUT_PLUS_OUTPUT_SECONDS and edit.images.max_count == 5  # type: ignore[union-attr]
    assert ROUTES[I2V_10].aspect_ratios == () and not ROUTES[I2V_10].prompt_required
    assert ROUTES[R2V_10].images.max_count == 9 and ROUTES[R2V_10].images.min_short_edge == 400  # type: ignore[union-attr]
    assert "21:9" in ROUTES[T2V_11].aspect_ratios and "21:9" not in ROUTES[T2V_10].aspect_ratios
    assert all(r.default_aspect_ratio in (None, "16:9") for r in ROUTES.values())


@pytest.mark.parametrize(
    ("model", "quality", "per_second"),
    [
        (I2V_10, "720p", 12.15),
        (T2V_10, "1080p", 21.6027),
        ("happyhorse-1.1-image-to-video", "720p", 9.4427),
        ("happyhorse-1.1-reference-to-video", "1080p", 12.6533),
        (EDIT, "1080p", 21.6027),
    ],
)
def test_prices_come_from_the_table(model: str, quality: str, per_second: float) -> None:
    assert ROUTES[model].prices[quality].credits == per_second
    assert pricing.CREDITS_PER_SECOND[model][quality] == per_second
    if model != EDIT:
        assert pricing.estimate_credits(model, quality, 8) == pytest.approx(per_second * 8)


def test_a_price_change_in_the_table_changes_every_estimate(monkeypatch: pytest.MonkeyPatch) -> None:
    from happyhorse_desktop.routes import Price

    monkeypatch.setitem(ROUTES[I2V_10].prices, "720p", Price(10.0, 0.15))
    assert pricing.estimate_credits(I2V_10, "720p", 5) == 50.0
    assert pricing.estimate_raw_credits(I2V_10, "720p", 5) == 500_000


@pytest.mark.parametrize(
    ("input_seconds", "billed"),
    [(6, 12), (3, 6), (7.24, 14.5), (15, 30), (40, 30), (60, 30)],
)
def test_video_edit_bills_input_and_output_seconds(input_seconds: float, billed: float) -> None:
    """(input ≤ 15 s kept + output of the same length), rounded up to a tenth of a second."""
    assert pricing.billed_seconds(ROUTES[EDIT], input_seconds) == billed
    assert pricing.estimate_credits(EDIT, "720p", input_seconds) == pytest.approx(12.15 * billed)
    assert pricing.billed_seconds(ROUTES[I2V_10], input_seconds) == input_seconds


def test_unknown_model_or_quality_has_no_estimate() -> None:
    assert pricing.estimate_credits("happyhorse-9-image-to-video", "720p", 5) is None
    assert pricing.estimate_credits(I2V_10, "4k", 5) is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"model": "nope"}, "model"),
        ({"model": I2V_10}, "image_urls"),
        ({"model": I2V_10, "image_urls": [URL, URL]}, "image_urls"),
        ({"model": I2V_10, "image_urls": ["ftp://x/a.png"]}, "image_urls"),
        ({"model": I2V_10, "image_urls": [URL], "aspect_ratio": "16:9"}, "aspect_ratio"),
        ({"model": I2V_10, "image_urls": [URL], "duration": 16}, "duration"),
        ({"model": I2V_10, "image_urls": [URL], "duration": 5.5}, "duration"),
        ({"model": I2V_10, "image_urls": [URL], "quality": "4k"}, "quality"),
        ({"model": I2V_10, "image_urls": [URL], "seed": 0}, "seed"),
        ({"model": I2V_10, "image_urls": [URL], "callback_url": "http://example.com/cb"}, "callback_url"),
        ({"model": I2V_10, "image_urls": [URL], "keep_original_sound": True}, "keep_original_sound"),
        ({"model": T2V_10}, "prompt"),
        ({"model": T2V_10, "prompt": "   "}, "prompt"),
        ({"model": T2V_10, "prompt": "a", "image_urls": [URL]}, "image_urls"),
        ({"model": T2V_10, "prompt": "a", "aspect_ratio": "21:9"}, "aspect_ratio"),
        ({"model": R2V_10, "prompt": "character1 walks"}, "image_urls"),
        ({"model": R2V_10, "prompt": "character1", "image_urls": [URL] * 10}, "image_urls"),
        ({"model": EDIT, "prompt": "make it snow"}, "video_urls"),
        ({"model": EDIT, "prompt": "make it snow", "video_urls": [VIDEO, VIDEO]}, "video_urls"),
        ({"model": EDIT, "prompt": "make it snow", "video_urls": ["file:///tmp/v.mp4"]}, "video_urls"),
        ({"model": EDIT, "video_urls": [VIDEO]}, "prompt"),
        ({"model": EDIT, "prompt": "snow", "video_urls": [VIDEO], "duration": 5}, "duration"),
        ({"model": EDIT, "prompt": "snow", "video_urls": [VIDEO], "aspect_ratio": "1:1"}, "aspect_ratio"),
        ({"model": EDIT, "prompt": "snow", "video_urls": [VIDEO], "image_urls": [URL] * 6}, "image_urls"),
        (
            {"model": EDIT, "prompt": "snow", "video_urls": [VIDEO], "keep_original_sound": "yes"},
            "keep_original_sound",
        ),
    ],
)
def test_each_bad_body_names_its_field(body: dict, field: str) -> None:  # type: ignore[type-arg]
    assert fields(check_body(body)) == [field]


@pytest.mark.parametrize(
    "body",
    [
        {"model": I2V_10, "image_urls": [URL]},
        {"model": "happyhorse-1.1-image-to-video", "image_urls": [URL], "prompt": "", "duration": 15},
        {"model": T2V_11, "prompt": "Shot 1 [0~3s] wide angle: a horse", "aspect_ratio": "21:9", "seed": 7},
        {"model": T2V_10, "prompt": "a horse", "quality": "1080p", "duration": 3},
        {
            "model": R2V_10,
            "prompt": "character1 meets character2",
            "image_urls": [URL, URL],
            "aspect_ratio": "9:16",
        },
        {
            "model": EDIT,
            "prompt": "snow",
            "video_urls": [VIDEO],
            "image_urls": [URL],
            "keep_original_sound": True,
        },
        {"model": EDIT, "prompt": "snow", "video_url": VIDEO},  # the documented alias
    ],
)
def test_good_bodies_pass(body: dict) -> None:  # type: ignore[type-arg]
    assert errors(check_body(body)) == []


def test_a_long_prompt_is_a_warning_not_an_error() -> None:
    problems = check_body({"model": T2V_10, "prompt": "x" * 5001})
    assert [(p.field, p.severity) for p in problems] == [("prompt", Severity.WARNING)]
    assert "cut off" in problems[0].message


def test_character_references() -> None:
    """Two images, a prompt naming character3: an error; image 2 never named: a warning."""
    problems = check_character_references("character1 dances with character3", 2)
    assert [(p.severity, p.message) for p in problems] == [
        (Severity.ERROR, "The prompt names character3, but there are only 2 reference images."),
        (Severity.WARNING, "Reference image 2 is never named: write character2 in the prompt."),
    ]
    assert check_character_references("Character1 and CHARACTER2", 2) == []
    body = {"model": R2V_10, "prompt": "character1 and character3", "image_urls": [URL, URL]}
    assert [p.message for p in errors(check_body(body))] == [
        "The prompt names character3, but there are only 2 reference images."
    ]


def test_images_against_each_route_rule() -> None:
    i2v, r2v, edit = ROUTES[I2V_10], ROUTES[R2V_10], ROUTES[EDIT]
    assert check_images(i2v, [Image(640, 480)]) == []
    assert [p.message for p in check_images(i2v, [Image(299, 480)])] == [
        "The image is 299×480 px; each side must be at least 300 px."
    ]
    assert "aspect ratio 2.67" in check_images(i2v, [Image(1600, 600)])[0].message
    assert "GIF" in check_images(i2v, [Image(640, 480, "gif")])[0].message
    assert "10.5 MB" in check_images(i2v, [Image(640, 480, size_bytes=11_000_000)])[0].message
    assert [p.message for p in check_images(i2v, [None])] == ["The image could not be read."]
    # references: short side ≥ 400 is required; the shape is only a recommendation
    short = check_images(r2v, [Image(800, 600), Image(600, 399)])
    assert [p.message for p in short] == [
        "Character2 image is 600×399 px; its short side must be at least 400 px."
    ]
    wide = check_images(r2v, [Image(2400, 800)])
    assert [(p.severity, p.field) for p in wide] == [(Severity.WARNING, "image_urls")]
    # video-edit references: ≥ 300 px and the shape is enforced
    assert errors(check_images(edit, [Image(300, 300), Image(1600, 600)]))[0].message.startswith("Image 2")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"duration": 70.0}, "The video lasts 70.0 s; it must last 3 to 60 s."),
        ({"duration": 2.5}, "The video lasts 2.5 s; it must last 3 to 60 s."),
        ({"width": 3840, "height": 2160}, "The video is 3840×2160; its long side must be at most 2160 px."),
        (
            {"width": 568, "height": 320, "fps": 5.0},
            "The video has 5 frames per second; it needs more than 8.",
        ),
        ({"fps": 8.0}, "The video has 8 frames per second; it needs more than 8."),
        ({"size_bytes": 150 * 1024 * 1024}, "The video is 150 MB; the limit is 100 MB."),
        ({"width": 480, "height": 270}, "The video is 480×270; its short side must be at least 320 px."),
        ({"width": 2000, "height": 640}, "The video's aspect ratio 3.12 is outside 1:2.5 … 2.5:1."),
        ({"container": "webm"}, "The video is WEBM; use MP4 or MOV."),
    ],
)
def test_out_of_spec_videos_are_refused_with_the_reason(changes: dict, message: str) -> None:  # type: ignore[type-arg]
    assert [p.message for p in errors(check_video(ROUTES[EDIT], good_video(**changes)))] == [message]


def test_video_warnings_and_unreadable_video() -> None:
    edit = ROUTES[EDIT]
    assert check_video(edit, good_video()) == []
    hevc = check_video(edit, good_video(container="mov", codec="hevc"))
    assert [(p.severity, p.message) for p in hevc] == [
        (Severity.WARNING, "The video is encoded as HEVC; H.264 is recommended.")
    ]
    long = check_video(edit, good_video(duration=40.0))
    assert [p.severity for p in long] == [Severity.WARNING] and "first 15 s" in long[0].message
    assert [p.message for p in check_video(edit, None)] == [
        "The source video could not be read as MP4 or MOV."
    ]
    assert check_video(ROUTES[I2V_10], good_video(duration=99.0)) == []  # no video rule on that route


def test_check_request_combines_body_images_and_video() -> None:
    body = {"model": EDIT, "prompt": "snow", "video_urls": [VIDEO], "image_urls": [URL]}
    problems = check_request(body, images=[Image(200, 200)], video=good_video(fps=5.0))
    assert sorted(fields(problems)) == ["image_urls", "video_urls"]
    assert route_for("nope") is None
