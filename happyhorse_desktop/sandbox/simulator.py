"""The EvoLink simulator: a real HTTP server on 127.0.0.1 that behaves like the API in shared/API.md.

One port serves both hosts (the API and the files API). It validates requests the way the real service
documents, keeps a credit balance, moves tasks pending → processing → completed over a configurable
time, serves uploaded files and result videos, and logs every request. Tests script faults on it:
latency, wrong keys, short balances, 429/5xx bursts, malformed or truncated replies, dropped
connections, failing tasks, dead result links. The app's demo mode runs one in-process.

It runs in a background thread (``ThreadingHTTPServer``), so it works beside any event loop.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import random
import re
import string
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from happyhorse_desktop.assets import asset_path
from happyhorse_desktop.pricing import estimate_raw_credits
from happyhorse_desktop.validation import (
    check_callback_url,
    check_duration,
    check_image_bytes,
    check_prompt,
    check_quality,
    check_seed,
)

TASK_ID_RE = re.compile(r"^task-unified-(\d+)-[a-z0-9]{8}$")
KNOWN_MODELS = ("happyhorse-1.0-image-to-video", "happyhorse-1.1-image-to-video")


def sample_video() -> bytes:
    return asset_path("sample.mp4").read_bytes()


@dataclass
class Fault:
    """A scripted misbehaviour for the next ``times`` requests matching ``method`` and ``path`` prefix.

    ``kind``: ``status`` (reply ``status`` with ``body``), ``html`` (an HTML error page), ``malformed``
    (a 200 with broken JSON), ``truncated`` (JSON cut short), ``drop`` (headers sent, connection closed
    mid-body), ``close`` (connection closed before any reply), ``delay`` (wait ``delay`` seconds, then
    behave normally), ``json`` (reply 200 with ``body`` as is).
    """

    kind: str
    method: str | None = None
    path: str = "/"
    status: int = 500
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
    delay: float = 0.0
    after: bool = False  # for "drop"/"close"/"delay": act after the request was processed (task created)

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and path.startswith(self.path)


@dataclass
class SimTask:
    id: str
    model: str
    prompt: str
    quality: str
    duration: int
    seed: int | None
    image_url: str
    created: float  # wall clock
    run_seconds: float
    reserved: int
    fail_code: str | None = None
    fail_message: str | None = None
    result_broken: bool = False
    refunded: bool = False
    idempotency_key: str | None = None

    def state(self, now: float) -> tuple[str, int]:
        t = now - self.created
        if self.fail_code and t >= self.run_seconds / 2:
            return "failed", int(min(99, 100 * t / self.run_seconds))
        if t >= self.run_seconds:
            return "completed", 100
        if t < self.run_seconds * 0.15:
            return "pending", 0
        return "processing", max(1, min(99, int(100 * t / self.run_seconds)))


@dataclass
class LoggedRequest:
    method: str
    path: str
    host: str
    headers: dict[str, str]
    time: float
    body_size: int
    json_body: Any = None  # the parsed body of small JSON requests (task creation, batch queries)


class EvoLinkSimulator:
    def __init__(
        self,
        *,
        api_key: str | None = None,
        balance: float = 10_000.0,
        task_seconds: float = 2.0,
        latency: float = 0.0,
        batch_enabled: bool = True,
        adopt_unknown_tasks: bool = False,
        result_bytes: bytes | None = None,
        result_size: int | None = None,
        fast_tasks: int = 0,
        fast_seconds: float = 1.0,
    ) -> None:
        self.api_key = api_key
        self.balance = balance
        self.used = 0.0
        self.task_seconds = task_seconds
        self.latency = latency
        self.batch_enabled = batch_enabled
        self.list_enabled = True
        # Demo mode: a task id from an earlier run (well-formed) is re-created instead of answering 404,
        # so demo history keeps working after the app restarts with a fresh simulator.
        self.adopt_unknown_tasks = adopt_unknown_tasks
        self.result_bytes = result_bytes if result_bytes is not None else sample_video()
        self.result_size = result_size  # serve a synthetic MP4 of this size instead (benchmarks)
        self.result_rate: float | None = None  # bytes per second for synthetic results (crash tests)
        # The first ``fast_tasks`` tasks finish after ``fast_seconds`` (benchmarks mixing long/short tasks).
        self.fast_tasks, self.fast_seconds = fast_tasks, fast_seconds
        self.tasks: dict[str, SimTask] = {}
        self.files: dict[str, tuple[bytes, str]] = {}
        self.requests: list[LoggedRequest] = []
        self.faults: list[Fault] = []
        self.next_task_failure: tuple[str, str] | None = None
        self.break_next_result = False
        self.idempotency_keys: list[str] = []
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._port = 0  # kept after stop(), for requests still being answered
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> EvoLinkSimulator:
        simulator = self

        class Handler(_Handler):
            sim = simulator

        class Server(ThreadingHTTPServer):
            request_queue_size = 128  # many clients connect at once in load tests

            def handle_error(self, request: Any, client_address: Any) -> None:
                # A client that hangs up mid-reply (killed, timed out) is part of the tests, not news.
                if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
                    super().handle_error(request, client_address)

        self._server = Server(("127.0.0.1", 0), Handler)
        self._port = int(self._server.server_address[1])
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="evolink-sim", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> EvoLinkSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._port, "simulator not started"
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- scripting ------------------------------------------------------------------------------

    def add_fault(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    def fail_requests(
        self,
        method: str | None,
        path: str,
        status: int,
        *,
        times: int = 1,
        code: str | None = None,
        retry_after: float | None = None,
        message: str = "simulated failure",
    ) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        body = {"error": {"code": code or _default_code(status), "message": message, "type": "sim_error"}}
        self.add_fault(Fault("status", method, path, status=status, body=body, headers=headers, times=times))

    def fail_next_task(self, code: str, message: str = "simulated task failure") -> None:
        self.next_task_failure = (code, message)

    def count(self, method: str, path_prefix: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.method == method and r.path.startswith(path_prefix))

    # -- behaviour ------------------------------------------------------------------------------

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.matches(method, path):
                    fault.times -= 1
                    return fault
        return None

    def _new_task_id(self) -> str:
        suffix = "".join(random.choices(string.ascii_lowercase + string.digits, k=8))
        return f"task-unified-{int(time.time())}-{suffix}"

    def task_body(self, task: SimTask) -> dict[str, Any]:
        now = time.time()
        status, progress = task.state(now)
        if status == "failed" and not task.refunded:
            task.refunded = True
            self.balance += task.reserved / 10_000
            self.used -= task.reserved / 10_000
        remaining = max(0, round(task.created + task.run_seconds - now, 2))
        body: dict[str, Any] = {
            "created": int(task.created),
            "id": task.id,
            "model": task.model,
            "object": "video.generation.task",
            "progress": progress,
            "status": status,
            "task_info": {
                "can_cancel": status in ("pending", "processing"),
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
            body["results"] = [f"{self.base_url}/results/{task.id}.mp4"]
            body["usage"]["credits_used"] = task.reserved
        if status == "failed":
            body["error"] = {"code": task.fail_code, "message": task.fail_message, "type": "task_error"}
        return body

    def _image_problem(self, url: str) -> tuple[str, str] | None:
        """Fetch/read the image like the real service; a (code, message) when it is unusable."""
        parts = urlsplit(url)
        match = re.match(r"^/files/([^/]+)/", parts.path or "")
        data: bytes | None = None
        if parts.port == self.port and parts.hostname in ("127.0.0.1", "localhost") and match:
            with self._lock:
                stored = self.files.get(match.group(1))
            data = stored[0] if stored else None
        elif parts.hostname in ("127.0.0.1", "localhost", "::1"):
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    data = response.read(10 * 1024 * 1024 + 1)
            except OSError:
                data = None
        else:
            # Never reach out to the internet from tests or demo mode; treat the URL as reachable.
            return None
        if data is None:
            return "image_processing_error", "The image URL could not be fetched."
        check = check_image_bytes(data)
        if check.info is None or check.info.mime_type is None:
            return "image_processing_error", "Unsupported image format."
        if not check.ok:
            return "image_dimension_mismatch", " ".join(check.problems)
        return None

    def create(self, body: Any, idempotency_key: str | None = None) -> tuple[int, dict[str, Any]]:
        if not isinstance(body, dict):
            return 400, _error("invalid_request", "The body must be a JSON object.")
        model = body.get("model")
        if model not in KNOWN_MODELS:
            if isinstance(model, str) and model.startswith("happyhorse"):
                return 403, _error(
                    "model_access_denied", f"This key may not use {model}.", "permission_denied"
                )
            return 400, _error("invalid_request", "Unknown model.", param="model")
        urls = body.get("image_urls")
        if not (
            isinstance(urls, list)
            and len(urls) == 1
            and isinstance(urls[0], str)
            and urls[0].lower().startswith(("http://", "https://"))
        ):
            return 400, _error(
                "invalid_request", "image_urls must hold exactly one http(s) URL.", param="image_urls"
            )
        quality = body.get("quality", "720p")
        duration = body.get("duration", 5)
        seed = body.get("seed")
        prompt = body.get("prompt", "")
        for param, problem in (
            ("quality", check_quality(quality)),
            ("duration", check_duration(duration)),
            ("seed", check_seed(seed)),
            ("callback_url", check_callback_url(body.get("callback_url"))),
            ("prompt", None if isinstance(prompt, str) else "The prompt must be a string."),
        ):
            if problem:
                return 400, _error("invalid_request", problem, param=param)
        prompt = prompt[: check_prompt(prompt).limit]  # the real service truncates silently
        reserved = estimate_raw_credits(model, quality, duration) or 0
        with self._lock:
            if self.balance < reserved / 10_000:
                return 402, _error("insufficient_quota", "Insufficient credits.", "insufficient_quota")
            self.balance -= reserved / 10_000
            self.used += reserved / 10_000
            failure, self.next_task_failure = self.next_task_failure, None
        if failure is None:
            failure = self._image_problem(urls[0])
        task = SimTask(
            id=self._new_task_id(),
            model=model,
            prompt=prompt,
            quality=quality,
            duration=duration,
            seed=seed,
            image_url=urls[0],
            created=time.time(),
            run_seconds=self.fast_seconds if len(self.tasks) < self.fast_tasks else self.task_seconds,
            reserved=reserved,
            idempotency_key=idempotency_key,
            fail_code=failure[0] if failure else None,
            fail_message=failure[1] if failure else None,
        )
        with self._lock:
            if self.break_next_result:
                task.result_broken, self.break_next_result = True, False
            self.tasks[task.id] = task
        return 200, self.task_body(task)

    def lookup(self, task_id: str) -> SimTask | None:
        with self._lock:
            task = self.tasks.get(task_id)
            match = TASK_ID_RE.match(task_id)
            if task is None and self.adopt_unknown_tasks and match:
                task = SimTask(
                    id=task_id,
                    model=KNOWN_MODELS[0],
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
            return task

    def credits_body(self) -> dict[str, Any]:
        with self._lock:
            return {
                "success": True,
                "message": "",
                "data": {
                    "token": {
                        "remaining_credits": round(self.balance, 4),
                        "unlimited_credits": False,
                        "used_credits": round(self.used, 4),
                    },
                    "user": {
                        "remaining_credits": round(self.balance, 4),
                        "used_credits": round(self.used, 4),
                    },
                },
            }

    def store_upload(self, data: bytes, filename: str, mime: str) -> dict[str, Any]:
        file_id = "file_" + "".join(random.choices(string.ascii_lowercase + string.digits, k=12))
        safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename) or "upload"
        with self._lock:
            self.files[file_id] = (data, mime)
        now = time.time()
        return {
            "success": True,
            "code": 200,
            "msg": "uploaded",
            "data": {
                "file_id": file_id,
                "file_name": safe_name,
                "file_size": len(data),
                "mime_type": mime,
                "file_url": f"{self.base_url}/files/{file_id}/{safe_name}",
                "download_url": f"{self.base_url}/files/{file_id}/{safe_name}",
                "upload_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)),
                "expires_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 72 * 3600)),
            },
        }

    def authorised(self, header: str | None) -> bool:
        if not header or not header.startswith("Bearer "):
            return False
        key = header[7:].strip()
        return key == self.api_key if self.api_key else key.startswith("sk-")


def _default_code(status: int) -> str:
    return {
        400: "invalid_request",
        401: "unauthorized",
        402: "insufficient_quota",
        403: "permission_denied",
        404: "task_not_found",
        413: "payload_too_large",
        429: "rate_limit_exceeded",
        500: "internal_error",
        502: "upstream_error",
        503: "service_unavailable_error",
    }.get(status, "error")


def _error(code: str, message: str, type_: str = "invalid_request_error", param: str | None = None) -> dict:
    err: dict[str, Any] = {"code": code, "message": message, "type": type_}
    if param:
        err["param"] = param
    return {"error": err}


def _parse_multipart(content_type: str, body: bytes) -> dict[str, tuple[bytes, str | None, str | None]]:
    """Form fields as name → (data, filename, content type), parsed with the stdlib email package."""
    message = email.parser.BytesParser(policy=email.policy.default).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    fields: dict[str, tuple[bytes, str | None, str | None]] = {}
    if not message.is_multipart():
        return fields
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            payload = part.get_payload(decode=True) or b""
            fields[str(name)] = (payload, part.get_filename(), part.get_content_type())
    return fields


class _Handler(BaseHTTPRequestHandler):
    sim: EvoLinkSimulator
    protocol_version = "HTTP/1.1"
    server_version = "EvoLinkSimulator/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    # -- reply helpers --------------------------------------------------------------------------

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(data).encode(), "application/json", headers)

    def _drop(self, body: bytes) -> None:
        """Announce a full body, send half of it, then cut the connection."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(2)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    # -- dispatch -------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def _handle(self, method: str) -> None:
        sim = self.sim
        path = urlsplit(self.path).path
        body = self._read_body() if method == "POST" else b""
        with sim._lock:
            sim.requests.append(
                LoggedRequest(
                    method,
                    path,
                    self.headers.get("Host", ""),
                    {k.lower(): v for k, v in self.headers.items()},
                    time.time(),
                    len(body),
                    _small_json(body),
                )
            )
        if sim.latency:
            time.sleep(sim.latency)
        fault = sim._take_fault(method, path)
        if fault is not None and fault.kind == "delay" and not fault.after:
            time.sleep(fault.delay)
            fault = None
        if fault is not None and not fault.after and self._apply_fault(fault):
            return
        status, payload, ctype, headers = self._route(method, path, body)
        if status == 0:  # the route streamed its own reply
            return
        if fault is not None and fault.after and fault.kind == "delay":  # done server-side, answered late
            time.sleep(fault.delay)
        elif fault is not None and fault.after:  # the work is done server-side; the reply is lost
            if fault.kind == "drop":
                self._drop(payload)
            else:
                self.close_connection = True
                self.connection.shutdown(2)
            return
        self._send(status, payload, ctype, headers)

    def _apply_fault(self, fault: Fault) -> bool:
        if fault.kind == "status":
            self._json(fault.status, fault.body if fault.body is not None else {}, fault.headers)
        elif fault.kind == "json":
            self._json(200, fault.body)
        elif fault.kind == "html":
            page = f"<html><body><h1>{fault.status} Bad Gateway</h1></body></html>".encode()
            self._send(fault.status, page, "text/html", fault.headers)
        elif fault.kind == "malformed":
            self._send(200, b'{"id": "task-unified-1-abc", "status": ', "application/json")
        elif fault.kind == "truncated":
            self._send(200, b'{"id": "task-unif', "application/json")
        elif fault.kind == "drop":
            self._drop(json.dumps({"padding": "x" * 512}).encode())
        elif fault.kind == "close":
            self.close_connection = True
            self.connection.shutdown(2)
        else:
            return False
        return True

    def _route(self, method: str, path: str, body: bytes) -> tuple[int, bytes, str, dict[str, str]]:
        sim = self.sim

        def js(status: int, data: Any, headers: dict[str, str] | None = None):
            return status, json.dumps(data).encode(), "application/json", headers or {}

        if path.startswith("/results/"):
            return self._result(path)
        if path.startswith("/loop/"):  # a link that redirects to itself forever
            return 302, b"", "text/plain", {"Location": path}
        if path.startswith("/files/"):
            stored = sim.files.get(path.split("/")[2]) if path.count("/") >= 3 else None
            if stored is None:
                return js(404, _error("not_found", "No such file."))
            return 200, stored[0], stored[1], {}
        if not sim.authorised(self.headers.get("Authorization")):
            return js(401, _error("unauthorized", "Invalid or missing API key.", "authentication_error"))
        if method == "POST" and path == "/v1/videos/generations":
            key = self.headers.get("Idempotency-Key")
            if key:
                with sim._lock:
                    sim.idempotency_keys.append(key)
            try:
                data = json.loads(body or b"null")
            except ValueError:
                return js(400, _error("invalid_request", "The body is not valid JSON."))
            return js(*sim.create(data, key))
        if method == "GET" and path == "/v1/tasks":  # the account's recent tasks (EvoLink CLI's endpoint)
            if not sim.list_enabled:
                return js(404, _error("not_found", "No such endpoint."))
            query = parse_qs(urlsplit(self.path).query)
            size = min(100, max(1, int((query.get("page_size") or ["20"])[0] or 20)))
            with sim._lock:
                newest = sorted(sim.tasks.values(), key=lambda t: t.created, reverse=True)[:size]
            return js(200, {"data": [sim.task_body(t) for t in newest]})
        if method == "GET" and path.startswith("/v1/tasks/"):
            task_id = path[len("/v1/tasks/") :]
            if not TASK_ID_RE.match(task_id):
                return js(400, _error("invalid_task_id", "Malformed task id."))
            task = sim.lookup(task_id)
            if task is None:
                return js(404, _error("task_not_found", "Task not found."))
            return js(200, sim.task_body(task))
        if method == "POST" and path == "/v1/tasks/batch":
            if not sim.batch_enabled:
                return js(404, _error("not_found", "No such endpoint."))
            try:
                ids = json.loads(body or b"null").get("task_ids")
            except (ValueError, AttributeError):
                ids = None
            if not isinstance(ids, list) or len(ids) > 50:
                return js(400, _error("invalid_request", "task_ids must be a list of at most 50 ids."))
            found = [t for i in ids if isinstance(i, str) and (t := sim.lookup(i))]
            return js(200, {"data": [sim.task_body(t) for t in found]})
        if method == "GET" and path == "/v1/credits":
            return js(200, sim.credits_body())
        if method == "POST" and path == "/api/v1/files/upload/stream":
            fields = _parse_multipart(self.headers.get("Content-Type", ""), body)
            if "file" not in fields:
                return js(400, {"success": False, "code": 400, "msg": "Missing file field."})
            data, filename, mime = fields["file"]
            if len(data) > 10 * 1024 * 1024:
                return js(413, {"success": False, "code": 413, "msg": "File too large."})
            if mime not in ("image/jpeg", "image/png", "image/webp", "image/gif"):
                return js(400, {"success": False, "code": 400, "msg": f"Unsupported type {mime}."})
            return js(200, sim.store_upload(data, filename or "upload", mime or "application/octet-stream"))
        return js(404, _error("not_found", f"No route for {method} {path}."))

    def _result(self, path: str) -> tuple[int, bytes, str, dict[str, str]]:
        sim = self.sim
        task_id = path[len("/results/") :].removesuffix(".mp4")
        task = sim.tasks.get(task_id)
        if task is None or task.result_broken or task.state(time.time())[0] != "completed":
            return 404, b"<html>Not Found</html>", "text/html", {}
        if sim.result_size:
            self._stream_synthetic(sim.result_size)
            return 0, b"", "", {}
        data = sim.result_bytes
        start = _range_start(self.headers.get("Range"), len(data))
        if start:
            return (
                206,
                data[start:],
                "video/mp4",
                {"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}", "Accept-Ranges": "bytes"},
            )
        return 200, data, "video/mp4", {"Accept-Ranges": "bytes"}

    def _stream_synthetic(self, size: int) -> None:
        """A large MP4-shaped body written in chunks, without holding it in memory."""
        head = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
        self.send_response(200)
        self.send_header("Content-Type", "video/mp4")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self.wfile.write(head)
        rate = self.sim.result_rate
        chunk = bytes(1024 * 1024 if rate is None else max(1024, int(rate / 20)))
        remaining = size - len(head)
        while remaining > 0:
            n = min(remaining, len(chunk))
            self.wfile.write(chunk[:n])
            remaining -= n
            if rate:
                time.sleep(n / rate)


def _small_json(body: bytes) -> Any:
    if not body or len(body) > 65536 or not body.lstrip().startswith(b"{"):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _range_start(header: str | None, size: int) -> int:
    match = re.match(r"bytes=(\d+)-$", header or "")
    if not match:
        return 0
    start = int(match.group(1))
    return start if 0 < start < size else 0
