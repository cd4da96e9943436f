"""The simulator's routes that move files: uploads (streamed to disk), hosted files and result videos
(streamed from disk or memory, resumable with ``Range``, cut mid-body when the network is)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from happyhorse_desktop.sandbox import streaming
from happyhorse_desktop.sandbox.media import StoredFile
from happyhorse_desktop.sandbox.reply_bodies import error_body
from happyhorse_desktop.sandbox.uploads import MalformedUpload, read_multipart

if TYPE_CHECKING:
    from happyhorse_desktop.sandbox.server import SimServer
    from happyhorse_desktop.sandbox.simulator import EvoLinkSimulator

# The files API takes images (JPEG, PNG, GIF, WEBP: documented) and any audio or video (what
# EvoLink's own upload tool relies on), up to 100 MB a file (observed in the same tool).
UPLOAD_IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif")
UPLOAD_MAX_BYTES = 100 * 1024 * 1024
UPLOAD_BODY_HARD_LIMIT = 1024 * 1024 * 1024  # beyond this the body is not even read


Reply = tuple[int, bytes, str, dict[str, str]]
STREAMED: Reply = (0, b"", "", {})  # the route wrote its own reply


def js(status: int, data: Any, headers: dict[str, str] | None = None) -> Reply:
    return status, json.dumps(data).encode(), "application/json", headers or {}


def upload_reply(stored: StoredFile, base_url: str) -> dict[str, Any]:
    """The files API's answer to a stored upload."""
    now = time.time()
    url = f"{base_url}/files/{stored.file_id}/{stored.name}"
    return {
        "success": True,
        "code": 200,
        "msg": "uploaded",
        "data": {
            "file_id": stored.file_id,
            "file_name": stored.name,
            "file_size": stored.size,
            "mime_type": stored.mime,
            "file_url": url,
            "download_url": url,
            "upload_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)),
            "expires_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 72 * 3600)),
        },
    }


class FileRoutes:
    """Mixed into the request handler; uses its connection, headers and reply methods."""

    sim: EvoLinkSimulator
    server: SimServer
    headers: Any
    rfile: Any
    wfile: Any
    command: str
    close_connection: bool
    unread_body: int

    if TYPE_CHECKING:  # provided by the handler class; declared here for the type checker only

        def send_response(self, code: int, message: str | None = None) -> None: ...
        def send_header(self, keyword: str, value: str) -> None: ...
        def end_headers(self) -> None: ...
        def _hang_up(self) -> None: ...

    def _upload(self) -> Reply:
        """Streams the ``file`` part to disk; images of the documented types, audio and video."""
        sim = self.sim
        length = int(self.headers.get("Content-Length") or 0)
        if length > UPLOAD_BODY_HARD_LIMIT:  # not worth reading: reply and close
            self.close_connection, self.unread_body = True, 0
            return js(413, {"success": False, "code": 413, "msg": "File too large."})
        folder = sim.media.scratch("upload")
        self.unread_body = 0  # read_multipart reads the whole body, whatever it finds in it
        try:
            content_type = self.headers.get("Content-Type", "")
            fields = read_multipart(self.rfile, content_type, length, folder, UPLOAD_MAX_BYTES)
        except MalformedUpload as exc:
            self.close_connection = True
            return js(400, {"success": False, "code": 400, "msg": f"Malformed upload: {exc}."})
        part = fields.get("file")
        if part is None or part.filename is None:
            return js(400, {"success": False, "code": 400, "msg": "Missing file field."})
        if part.too_large:
            return js(413, {"success": False, "code": 413, "msg": "File too large (limit 100 MB)."})
        mime = part.content_type or "application/octet-stream"
        if mime not in UPLOAD_IMAGE_TYPES and not mime.startswith(("video/", "audio/")):
            return js(400, {"success": False, "code": 400, "msg": f"Unsupported type {mime}."})
        assert part.path is not None
        stored = sim.media.keep(part.path, part.filename or "upload", mime)
        return js(200, upload_reply(stored, sim.base_url))

    def _hosted_file(self, path: str) -> Reply:
        stored = self.sim.media.get(path.split("/")[2]) if path.count("/") >= 3 else None
        if stored is None:
            return js(404, error_body("not_found", "No such file."))
        self._stream(streaming.file_chunks(stored.path, 0), stored.size, stored.mime, 0)
        return STREAMED

    def _result(self, path: str) -> Reply:
        sim = self.sim
        task = sim.known_task(path[len("/results/") :].removesuffix(".mp4"))
        if task is None or task.result_broken or task.state(time.time())[0] != "completed":
            return 404, b"<html>Not Found</html>", "text/html", {}
        if sim.result_size:
            chunks = streaming.synthetic_chunks(sim.result_size, sim.result_rate)
            self._stream(chunks, sim.result_size, "video/mp4", 0, ranges=False)
            return STREAMED
        rendered = sim.result_file(task)
        if rendered is not None:
            size = rendered.stat().st_size
            start = streaming.range_start(self.headers.get("Range"), size)
            self._stream(streaming.file_chunks(rendered, start), size, "video/mp4", start)
            return STREAMED
        data = sim.result_bytes
        start = streaming.range_start(self.headers.get("Range"), len(data))
        self._stream(streaming.bytes_chunks(data, start), len(data), "video/mp4", start)
        return STREAMED

    def _stream(
        self, chunks: Iterator[bytes], size: int, content_type: str, start: int, ranges: bool = True
    ) -> None:
        """A 200 (or a 206 from ``start``) whose body comes from ``chunks``, cut if the network is."""
        self.send_response(206 if start else 200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(size - start))
        if ranges:
            self.send_header("Accept-Ranges", "bytes")
        if start:
            self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
        self.end_headers()
        if self.command == "HEAD":
            return
        cut = self.server.trouble.cutting_downloads()
        if not streaming.write_body(self.wfile, chunks, size - start, cut):
            self._hang_up()
