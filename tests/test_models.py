from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError, describe_task_failure, kind_for
from happyhorse_desktop.api.models import (
    GenerationRequest,
    parse_credits,
    parse_error_body,
    parse_task,
    parse_task_list,
    parse_upload,
)
from happyhorse_desktop.pricing import credits_from_raw, estimate_credits, estimate_raw_credits

DOC_EXAMPLE = {
    "created": 1761313744,
    "id": "task-unified-1761313744-h1i2vcd9",
    "model": "happyhorse-1.0-image-to-video",
    "object": "video.generation.task",
    "progress": 0,
    "status": "pending",
    "task_info": {"can_cancel": True, "estimated_time": 2400, "video_duration": 5},
    "type": "video",
    "usage": {"billing_rule": "per_second", "credits_reserved": 607500, "user_group": "default"},
}


def test_documented_create_reply() -> None:
    task = parse_task(DOC_EXAMPLE)
    assert task.id == "task-unified-1761313744-h1i2vcd9"
    assert task.status == "pending" and task.progress == 0 and not task.is_terminal
    assert task.estimated_time == 2400 and task.credits_reserved == 607500 and task.can_cancel is True
    assert credits_from_raw(task.credits_reserved) == pytest.approx(60.75)
    assert estimate_raw_credits("happyhorse-1.0-image-to-video", "720p", 5) == 607500


def test_unknown_fields_and_status_are_kept() -> None:
    task = parse_task({**DOC_EXAMPLE, "status": "Queued_Upstream", "shiny_new_field": {"a": 1}})
    assert task.status == "queued_upstream" and not task.is_known_status and not task.is_terminal
    assert task.extra == {"shiny_new_field": {"a": 1}}


def test_completed_with_results_and_final_charge() -> None:
    task = parse_task(
        {
            "id": "t1",
            "status": "completed",
            "progress": "100",
            "results": ["https://cdn/x.mp4"],
            "usage": {"cost": {"credits": 500000}},
            "result_data": [{"video_url": "https://cdn/y.mp4"}, {"video_url": "https://cdn/x.mp4"}],
        }
    )
    assert task.results == ("https://cdn/x.mp4", "https://cdn/y.mp4")
    assert task.credits_used == 500000 and task.progress == 100 and task.is_terminal


@pytest.mark.parametrize(
    ("code", "expected"),
    [("content_policy_violation", "content_policy_violation"), (1234, "1234"), (None, None)],
)
def test_error_code_string_or_int(code: object, expected: str | None) -> None:
    task = parse_task({"id": "t", "status": "failed", "error": {"code": code, "message": "no"}})
    assert task.error is not None and task.error.code == expected


@pytest.mark.parametrize("progress", [-5, 250, "abc", None, float("nan"), True])
def test_progress_is_clamped_or_dropped(progress: object) -> None:
    task = parse_task({"id": "t", "status": "processing", "progress": progress})
    assert task.progress is None or 0 <= task.progress <= 100


@pytest.mark.parametrize("bad", [None, [], "text", 5, {}, {"status": "pending"}, {"id": ""}])
def test_not_a_task_is_a_bad_reply(bad: Any) -> None:
    with pytest.raises(EvoLinkError) as info:
        parse_task(bad)
    assert info.value.kind is ErrorKind.BAD_REPLY


def test_batch_skips_malformed_items() -> None:
    tasks = parse_task_list({"data": [DOC_EXAMPLE, "junk", {"no": "id"}]})
    assert [t.id for t in tasks] == [DOC_EXAMPLE["id"]]
    with pytest.raises(EvoLinkError):
        parse_task_list({"tasks": []})


def test_credits_and_upload_envelopes() -> None:
    credits = parse_credits(
        {
            "success": True,
            "data": {
                "token": {"remaining_credits": 99416.44, "unlimited_credits": False, "used_credits": 583.56},
                "user": {"remaining_credits": 1095.40, "used_credits": 135.90},
            },
        }
    )
    assert credits.balance == pytest.approx(1095.40) and credits.key_remaining == pytest.approx(99416.44)
    upload = parse_upload(
        {
            "success": True,
            "code": 200,
            "data": {"file_url": "https://files/x.png", "file_id": "f1", "file_size": 2048},
        }
    )
    assert upload.file_url == "https://files/x.png" and upload.size == 2048
    with pytest.raises(EvoLinkError, match="quota full"):
        parse_upload({"success": False, "code": 429, "msg": "quota full"})
    with pytest.raises(EvoLinkError):
        parse_upload({"success": True, "data": {"file_url": "javascript:alert(1)"}})


def test_error_envelopes() -> None:
    assert parse_error_body({"error": {"code": 402, "message": "m", "fallback_suggestion": "later"}}) == (
        "402",
        "m",
        "later",
    )
    assert parse_error_body({"success": False, "code": 413, "msg": "too big"}) == ("413", "too big", None)
    assert parse_error_body("<html>") == (None, None, None)


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (401, None, ErrorKind.AUTH),
        (402, None, ErrorKind.INSUFFICIENT_CREDITS),
        (400, "insufficient_quota", ErrorKind.INSUFFICIENT_CREDITS),
        (403, None, ErrorKind.FORBIDDEN),
        (404, None, ErrorKind.NOT_FOUND),
        (413, None, ErrorKind.PAYLOAD_TOO_LARGE),
        (429, None, ErrorKind.RATE_LIMITED),
        (400, None, ErrorKind.INVALID_PARAMETERS),
        (500, None, ErrorKind.SERVER),
        (503, "service_unavailable_error", ErrorKind.SERVER),
    ],
)
def test_error_taxonomy(status: int, code: str | None, kind: ErrorKind) -> None:
    assert kind_for(status, code) is kind
    err = EvoLinkError(kind, status=status)
    assert err.retryable == (kind in {ErrorKind.RATE_LIMITED, ErrorKind.SERVER, ErrorKind.NETWORK})
    assert str(status) in err.user_message


def test_error_messages_never_carry_a_key() -> None:
    err = EvoLinkError(ErrorKind.AUTH, "key sk-evo-abcdefghijkl rejected; header Bearer sk-zzzzzzzzzz")
    assert "sk-evo-abcdefghijkl" not in str(err) and "sk-zzzzzzzzzz" not in str(err)


def test_failure_advice() -> None:
    assert "content policy" in describe_task_failure("content_policy_violation", None)
    assert "refunded" in describe_task_failure("weird_new_code", "boom")


def test_request_body_omits_optional_fields() -> None:
    body = GenerationRequest(model="m", image_urls=("https://x/a.png",)).to_json()
    assert body == {"model": "m", "image_urls": ["https://x/a.png"], "quality": "720p", "duration": 5}
    full = GenerationRequest("m", ("https://x",), "p", "1080p", 15, 7, "https://cb").to_json()
    assert full["seed"] == 7 and full["callback_url"] == "https://cb" and full["prompt"] == "p"


def test_price_estimates() -> None:
    assert estimate_credits("happyhorse-1.0-image-to-video", "720p", 5) == pytest.approx(60.75)
    assert estimate_credits("happyhorse-1.1-image-to-video", "1080p", 10) == pytest.approx(126.533)
    assert estimate_credits("unknown", "720p", 5) is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=25,
)
task_like = st.fixed_dictionaries(
    {"id": json_values | st.text(min_size=1, max_size=10)},
    optional={
        k: json_values
        for k in ("status", "progress", "task_info", "usage", "results", "error", "result_data", "created")
    },
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, task_like, st.fixed_dictionaries({"data": st.lists(task_like | json_values)})))
def test_parsers_only_raise_their_own_error(data: Any) -> None:
    for parser in (parse_task, parse_task_list, parse_credits, parse_upload, parse_error_body):
        with contextlib.suppress(EvoLinkError):
            parser(data)
