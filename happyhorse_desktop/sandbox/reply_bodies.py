"""The JSON bodies the simulated account answers with, in EvoLink's shapes: one task, an item of the task
list, the credits, an error. Pure functions of what they are given: which state a task is in, and what
that state costs, is decided by :mod:`happyhorse_desktop.sandbox.world`.
"""

from __future__ import annotations

from typing import Any

from happyhorse_desktop.sandbox.sim_task import RUNNING, SimTask


def error_body(
    code: str, message: str, type_: str = "invalid_request_error", param: str | None = None
) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message, "type": type_}
    if param:
        err["param"] = param
    return {"error": err}


def too_many_running(running: int, limit: int) -> dict[str, Any]:
    body = error_body(
        "rate_limit_exceeded",
        f"Too many concurrent tasks for this key ({running} running, limit {limit}).",
        "rate_limit_error",
    )
    body["error"]["fallback_suggestion"] = "retry after a running task finishes"
    return body


def task_body(
    task: SimTask, status: str, progress: int, now: float, result_url: str | None
) -> dict[str, Any]:
    """``GET /v1/tasks/{id}`` (and the creation and batch replies): the task as it stands at ``now``;
    ``result_url`` is its video's link once completed."""
    remaining = max(0, round(task.created + task.run_seconds - now, 2))
    body: dict[str, Any] = {
        "created": int(task.created),
        "id": task.id,
        "model": task.model,
        "object": "video.generation.task",
        "progress": progress,
        "status": status,
        "task_info": {
            "can_cancel": status in RUNNING,
            "estimated_time": remaining,
            "video_duration": task.duration,
        },
        "type": "video",
        "usage": {
            "billing_rule": "per_second",
            "credits_reserved": task.reserved,
            "user_group": "default",
        },
    }
    if status == "completed":
        body["results"] = [result_url]
        body["usage"]["credits_used"] = task.reserved
    if status == "failed":
        body["error"] = {"code": task.fail_code, "message": task.fail_message, "type": "task_error"}
    return body


def list_item(task: SimTask, status: str, progress: int) -> dict[str, Any]:
    """One task of ``GET /v1/tasks``: no result links, as EvoLink's own client reads it."""
    completed = status == "completed"
    return {
        "id": task.id,
        "model": task.model,
        "type": "video",
        "status": status,
        "progress": progress,
        "created_at": int(task.created),
        "created": int(task.created),
        "credits_used": task.reserved if completed else 0,
        "has_results": completed and not task.result_broken,
        "has_error": status == "failed",
        # Not seen in EvoLink's list replies: kept for the app's reconciliation, which tolerates
        # its absence (docs/evolink-api.md).
        "task_info": {"video_duration": task.duration},
    }


def credits_body(balance: float, used: float) -> dict[str, Any]:
    """``GET /v1/credits``."""
    return {
        "success": True,
        "message": "",
        "data": {
            "token": {
                "remaining_credits": round(balance, 4),
                "unlimited_credits": False,
                "used_credits": round(used, 4),
            },
            "user": {
                "remaining_credits": round(balance, 4),
                "used_credits": round(used, 4),
            },
        },
    }
