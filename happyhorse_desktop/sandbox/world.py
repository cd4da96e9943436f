"""The simulated EvoLink account: tasks, balance, the rules of creating a task, and the bodies of every
task reply (one task, a batch, the task list, credits).

Tasks move pending → processing → completed (or failed) by wall-clock time, so nothing needs a timer:
each reply computes the state at that moment; the JSON shape of each reply is
:mod:`happyhorse_desktop.sandbox.reply_bodies`. HTTP lives in :mod:`happyhorse_desktop.sandbox.simulator`,
which builds on this class.
"""

from __future__ import annotations

import random
import re
import string
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from happyhorse_desktop.assets import asset_path
from happyhorse_desktop.mp4probe import probe_video
from happyhorse_desktop.netcheck import is_loopback_host
from happyhorse_desktop.pricing import estimate_raw_credits
from happyhorse_desktop.route_rules import check_body, errors
from happyhorse_desktop.routes import ROUTES, Route, route_for
from happyhorse_desktop.sandbox import reply_bodies
from happyhorse_desktop.sandbox.creation import Inspection, inspect_media, kept_task_job, render_job
from happyhorse_desktop.sandbox.ledger import WorldLedger
from happyhorse_desktop.sandbox.media import FetchedVideo, MediaStore, NotFetched
from happyhorse_desktop.sandbox.render_plan import RenderSettings
from happyhorse_desktop.sandbox.reply_bodies import error_body
from happyhorse_desktop.sandbox.results import ResultRenderer
from happyhorse_desktop.sandbox.sim_task import RUNNING, SimTask
from happyhorse_desktop.validation import check_prompt

TASK_ID_RE = re.compile(r"^task-unified-(\d+)-[a-z0-9]{8}$")
KNOWN_MODELS = tuple(ROUTES)
RAW_UNITS_PER_CREDIT = 10_000
LIST_PAGE_SIZE_MAX = 100  # assumed; EvoLink's own tools never ask for more than 50


def sample_video() -> bytes:
    return asset_path("sample.mp4").read_bytes()


class SimWorld:
    """Account state and task rules; :class:`EvoLinkSimulator` adds the HTTP server around it."""

    def __init__(
        self,
        *,
        balance: float = 10_000.0,
        task_seconds: float = 2.0,
        adopt_unknown_tasks: bool = False,
        fast_tasks: int = 0,
        fast_seconds: float = 1.0,
        max_running_per_key: int | None = None,
        result_bytes: bytes | None = None,
        result_size: int | None = None,
        render: RenderSettings | None = None,
        ledger_path: Path | None = None,
    ) -> None:
        self.balance = balance
        self.used = 0.0
        # Demo mode: the account is kept on disk, so balance and tasks continue at the next start (and
        # are shared with other demo processes). Without it the account lives and dies with the object.
        self.ledger = WorldLedger(ledger_path, balance) if ledger_path is not None else None
        if self.ledger is not None:
            self.balance, self.used = self.ledger.account()
        self.task_seconds = task_seconds
        # Demo mode: a well-formed task id that neither this run nor the ledger knows (a history from
        # before the ledger) is re-created instead of answering 404, so demo history keeps working.
        self.adopt_unknown_tasks = adopt_unknown_tasks
        # The first ``fast_tasks`` tasks finish after ``fast_seconds`` (benchmarks mixing long/short tasks).
        self.fast_tasks, self.fast_seconds = fast_tasks, fast_seconds
        # At most this many pending/processing tasks per API key; one more is refused with 429.
        self.max_running_per_key = max_running_per_key
        self.max_running_seen: dict[str, int] = {}  # per API key, the most ever running at once
        self.tasks: dict[str, SimTask] = {}
        self.next_task_failure: tuple[str, str] | None = None
        self.break_next_result = False
        self.media = MediaStore()
        # Results: one fixed video for every task (the default), or a synthetic MP4 of ``result_size``
        # bytes (benchmarks), or with ``render`` a video rendered from each task's own input.
        self.result_bytes = result_bytes if result_bytes is not None else sample_video()
        self.result_size = result_size
        self.result_rate: float | None = None  # bytes per second for synthetic results (crash tests)
        self.renderer = ResultRenderer(render) if render is not None else None
        self._lock = threading.RLock()

    @property
    def base_url(self) -> str:
        raise NotImplementedError

    @property
    def port(self) -> int:
        raise NotImplementedError

    # -- creating ---------------------------------------------------------------------------------

    def create(
        self, body: Any, idempotency_key: str | None = None, key: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        """``POST /v1/videos/generations``: (HTTP status, reply body)."""
        if not isinstance(body, dict):
            return 400, error_body("invalid_request", "The body must be a JSON object.")
        route = route_for(str(body.get("model")))
        if route is None:
            model = body.get("model")
            if isinstance(model, str) and model.startswith("happyhorse"):
                return 403, error_body(
                    "model_access_denied", f"This key may not use {model}.", "permission_denied"
                )
            return 400, error_body("invalid_request", "Unknown model.", param="model")
        refused = errors(check_body(body))
        if refused:
            return 400, error_body("invalid_request", refused[0].message, param=refused[0].field)
        inspection = inspect_media(self, route, body)
        task = self._new_task(route, body, inspection, idempotency_key, key)
        with self._lock:
            running = self.running_count(key)
            if self.max_running_per_key is not None and running >= self.max_running_per_key:
                return 429, reply_bodies.too_many_running(running, self.max_running_per_key)
            failure = self.next_task_failure or inspection.failure
            task.fail_code, task.fail_message = failure if failure else (None, None)
            task.result_broken = self.break_next_result
            if not self._charge(task, inspection.picture):
                return 402, error_body("insufficient_quota", "Insufficient credits.", "insufficient_quota")
            self.next_task_failure, self.break_next_result = None, False
            self.tasks[task.id] = task
            if key is not None:
                self.max_running_seen[key] = max(self.max_running_seen.get(key, 0), running + 1)
        if self.renderer is not None and not failure:
            self.renderer.submit(render_job(self.media, route, task, inspection, self.renderer.settings))
        return 200, self.task_body(task)

    def _charge(self, task: SimTask, picture: bytes | None) -> bool:
        """Reserve the task's credits (and keep the task in the ledger); False when the balance is short."""
        amount = task.reserved / RAW_UNITS_PER_CREDIT
        if self.ledger is not None:
            charged, self.balance, self.used = self.ledger.reserve(task, amount, picture)
            return charged
        if self.balance < amount:
            return False
        self.balance -= amount
        self.used += amount
        return True

    def _new_task(
        self,
        route: Route,
        body: Mapping[str, Any],
        inspection: Inspection,
        idempotency_key: str | None,
        key: str | None,
    ) -> SimTask:
        quality = body.get("quality", route.default_quality)
        prompt = body.get("prompt") or ""
        if route.duration is not None:
            duration = body.get("duration", route.duration.default)
            billed: float = duration
        else:  # video-edit: the output is as long as the kept part of the source
            billed = inspection.input_seconds
            duration = round(min(billed, route.video.used_seconds if route.video else billed))
        urls = body.get("image_urls") or []
        with self._lock:
            fast = len(self.tasks) < self.fast_tasks
        return SimTask(
            id=self._new_task_id(),
            model=route.model,
            prompt=prompt[: check_prompt(prompt).limit],  # the real service truncates silently
            quality=quality,
            duration=duration,
            seed=body.get("seed"),
            image_url=urls[0] if urls else "",
            created=time.time(),
            run_seconds=self.fast_seconds if fast else self.task_seconds,
            reserved=estimate_raw_credits(route.model, quality, billed) or 0,
            idempotency_key=idempotency_key,
            key=key,
            image_urls=tuple(urls),
            video_url=inspection.video_url,
            input_seconds=inspection.input_seconds if route.video else None,
            aspect_ratio=body.get("aspect_ratio", route.default_aspect_ratio),
            keep_original_sound=bool(body.get("keep_original_sound", False)),
        )

    def _new_task_id(self) -> str:
        suffix = "".join(random.choices(string.ascii_lowercase + string.digits, k=8))
        return f"task-unified-{int(time.time())}-{suffix}"

    def running_count(self, key: str | None) -> int:
        """Tasks of this API key that are pending or processing right now."""
        now = time.time()
        with self._lock:
            return sum(1 for t in self.tasks.values() if t.key == key and t.state(now)[0] in RUNNING)

    def known_task(self, task_id: str) -> SimTask | None:
        """A task of this run, or one the ledger keeps (an earlier start, another demo process)."""
        with self._lock:
            task = self.tasks.get(task_id)
            if task is None and self.ledger is not None and (task := self.ledger.task(task_id)):
                self.tasks[task_id] = task
            if task is not None:
                self._render_kept(task)
            return task

    def _render_kept(self, task: SimTask) -> None:
        """A task kept from an earlier start has no video in this run yet: render it from its picture."""
        renderer, ledger = self.renderer, self.ledger
        if ledger is None or renderer is None or task.fail_code or renderer.knows(task.id):
            return
        renderer.submit(kept_task_job(self.media, task, ledger.picture(task.id), renderer.settings))

    def lookup(self, task_id: str) -> SimTask | None:
        with self._lock:
            task = self.known_task(task_id)
            match = TASK_ID_RE.match(task_id)
            if task is None and self.adopt_unknown_tasks and match:
                task = SimTask(
                    id=task_id,
                    model="happyhorse-1.0-image-to-video",
                    prompt="",
                    quality="720p",
                    duration=5,
                    seed=None,
                    image_url="",
                    created=float(match.group(1)),
                    run_seconds=self.task_seconds,
                    reserved=0,
                )
                self.tasks[task_id] = task
                if self.renderer is not None:
                    route = ROUTES[task.model]
                    self.renderer.submit(
                        render_job(self.media, route, task, Inspection(), self.renderer.settings)
                    )
            return task

    def fetch_video(self, url: str) -> FetchedVideo | NotFetched:
        """A source video for video-edit; a result of this simulator is read without a round trip."""
        parts = urlsplit(url)
        match = TASK_ID_RE.match((parts.path or "").removeprefix("/results/").removesuffix(".mp4"))
        own = parts.port == self.port and is_loopback_host(parts.hostname or "")
        if own and match and (task := self.known_task(match.group(0))) is not None:
            path = self.result_file(task)
            if path is None:
                path = self.media.scratch("result") / "result.mp4"
                path.write_bytes(self.result_bytes)
            return FetchedVideo(path, probe_video(path))
        return self.media.fetch_video(url, self.port)

    def result_file(self, task: SimTask) -> Path | None:
        """The rendered video of a task (waiting for it if needed), or None when results are fixed."""
        if self.renderer is None or self.known_task(task.id) is None or not self.renderer.knows(task.id):
            return None
        return self.renderer.wait(task.id)

    # -- replies ----------------------------------------------------------------------------------

    def _settle(self, task: SimTask, status: str) -> None:
        """A failed task gives its reservation back (once)."""
        with self._lock:
            if status == "failed" and not task.refunded:
                task.refunded = True
                amount = task.reserved / RAW_UNITS_PER_CREDIT
                if self.ledger is not None:  # once, whichever demo process sees the failure first
                    self.balance, self.used = self.ledger.refund(task.id, amount)
                else:
                    self.balance += amount
                    self.used -= amount

    def task_body(self, task: SimTask) -> dict[str, Any]:
        now = time.time()
        status, progress = task.state(now)
        self._settle(task, status)
        link = self.result_url(task) if status == "completed" else None  # the port of a started server
        return reply_bodies.task_body(task, status, progress, now, link)

    def result_url(self, task: SimTask) -> str:
        return f"{self.base_url}/results/{task.id}.mp4"

    def batch_body(self, body: Any) -> tuple[int, dict[str, Any]]:
        """``POST /v1/tasks/batch``: at most 50 ids; unknown ones are left out."""
        ids = body.get("task_ids") if isinstance(body, dict) else None
        if not isinstance(ids, list) or len(ids) > 50:
            return 400, error_body("invalid_request", "task_ids must be a list of at most 50 ids.")
        found = [t for i in ids if isinstance(i, str) and (t := self.lookup(i))]
        return 200, {"data": [self.task_body(t) for t in found]}

    def list_body(self, query: Mapping[str, list[str]]) -> tuple[int, dict[str, Any]]:
        """``GET /v1/tasks?status=&type=&model=&page=&page_size=``: the account's tasks, newest first,
        without result links (the shape EvoLink's own client reads)."""
        try:
            page = int((query.get("page") or ["1"])[0])
            size = int((query.get("page_size") or ["20"])[0])
        except ValueError:
            message = "page and page_size must be whole numbers."
            return 400, error_body("invalid_request", message, param="page")
        if page < 1 or not 1 <= size <= LIST_PAGE_SIZE_MAX:
            message = f"page must be ≥ 1 and page_size 1…{LIST_PAGE_SIZE_MAX}."
            return 400, error_body("invalid_request", message, param="page_size" if page >= 1 else "page")
        status, type_, model = ((query.get(name) or [None])[0] for name in ("status", "type", "model"))
        now = time.time()
        with self._lock:
            if self.ledger is not None:  # the account's tasks from earlier starts and other processes
                self.tasks.update((t.id, t) for t in self.ledger.tasks(set(self.tasks)))
            newest = sorted(self.tasks.values(), key=lambda t: t.created, reverse=True)
        items = [self._list_item(t, now) for t in newest]
        wanted = {"pending", "processing"} if status == "processing" else {status}
        items = [
            i
            for i in items
            if (status is None or i["status"] in wanted)
            and (type_ is None or i["type"] == type_)
            and (model is None or i["model"] == model)
        ]
        start = (page - 1) * size
        page_items = items[start : start + size]
        return 200, {"data": page_items, "total": len(items), "page": page, "page_size": size}

    def _list_item(self, task: SimTask, now: float) -> dict[str, Any]:
        status, progress = task.state(now)
        self._settle(task, status)
        return reply_bodies.list_item(task, status, progress)

    def credits_body(self) -> dict[str, Any]:
        with self._lock:
            if self.ledger is not None:  # another demo process may have spent since
                self.balance, self.used = self.ledger.account()
            return reply_bodies.credits_body(self.balance, self.used)
