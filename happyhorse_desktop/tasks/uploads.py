"""Turning a task's local inputs into the public URLs the generation call needs.

A local picture is read (off the UI thread), checked again (the file may have changed since it was
dropped), hashed, and uploaded through EvoLink's files API — or not at all when the same content was
uploaded recently and its URL is still valid (uploads live 72 hours). What is uploaded is exactly the
bytes that were checked.

A video to edit (up to 100 MB) is never read into memory: its facts are read again from its boxes, it is
hashed in 1 MB pieces in a worker thread, and streamed from disk through the same stream endpoint
(EvoLink's own upload tool sends videos there; see docs/evolink-api.md, "Uploads"). The upload hashes what
it sends: bytes that differ from those checked (the file was being rewritten) are not used.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from happyhorse_desktop.api.streamed_upload import SourceChanged
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media_rules import check_video
from happyhorse_desktop.route_rules import errors
from happyhorse_desktop.routes import FIRST_FRAME, ImageRule, route_for
from happyhorse_desktop.tasks import messages
from happyhorse_desktop.tasks.params import InvalidSubmission
from happyhorse_desktop.tasks.record import TaskRecord, is_url
from happyhorse_desktop.tasks.store import TaskStore
from happyhorse_desktop.validation import IMAGE_MAX_BYTES, check_image_bytes
from happyhorse_desktop.videofile import file_sha256, read_video_facts, video_mime_type

if TYPE_CHECKING:
    from happyhorse_desktop.api.client import EvoLinkClient

log = logging.getLogger(__name__)

UPLOAD_LIFETIME = 72 * 3600.0
MAX_IMAGE_READ = IMAGE_MAX_BYTES + 1  # one byte over the limit is enough to know it is too big

Progress = Callable[[int, int], None]


def _read(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(MAX_IMAGE_READ)


class Uploader:
    def __init__(self, store: TaskStore, client: Callable[[], EvoLinkClient]) -> None:
        self.store = store
        self._client = client

    async def image_urls(self, record: TaskRecord, progress: Progress) -> tuple[list[str], str | None]:
        """The public URL of every input picture, in order, and the first one's content hash. URLs
        given by the user are passed on as they are. Raises ``InvalidSubmission`` for a file that can no
        longer be read or no longer passes the checks, ``EvoLinkError`` when the upload fails."""
        urls: list[str] = []
        first_hash: str | None = None
        route = route_for(record.model)
        # Checked again against the route's own rule: a reference's shape is only a recommendation.
        rule = route.images if route is not None and route.images is not None else FIRST_FRAME
        for source in record.image_sources:
            if is_url(source):
                urls.append(source)
                continue
            url, sha256 = await self._upload_image(Path(source), rule, progress)
            urls.append(url)
            first_hash = first_hash or sha256
        return urls, first_hash

    async def _upload_image(self, path: Path, rule: ImageRule, progress: Progress) -> tuple[str, str]:
        try:
            data = await asyncio.to_thread(_read, path)
        except OSError as exc:
            raise InvalidSubmission(messages.input_unreadable(path.name, exc.strerror or str(exc))) from None
        check = await asyncio.to_thread(check_image_bytes, data, rule)
        if not check.ok or check.info is None or check.info.mime_type is None:
            accepted = translate("Validation", "The image is not JPEG, PNG or WEBP.")
            raise InvalidSubmission(" ".join(check.problems) or accepted)
        sha256 = await asyncio.to_thread(lambda: hashlib.sha256(data).hexdigest())
        client = self._client()
        cached = self.store.cached_upload(client.files_base, sha256)
        if cached:
            log.info("reusing the uploaded copy of %s", path.name)
            return cached, sha256
        result = await client.upload_image(data, path.name, check.info.mime_type, progress)
        self.store.remember_upload(client.files_base, sha256, result.file_url, time.time() + UPLOAD_LIFETIME)
        return result.file_url, sha256

    async def video_url(self, record: TaskRecord, progress: Progress) -> tuple[str | None, float | None]:
        """The public URL of the video to edit and its length in seconds (``None`` when the user gave a
        URL whose length is not known here); ``(None, None)`` for a task without a video. Raises
        ``InvalidSubmission`` for a file that can no longer be read, breaks the route's rules or changed
        while it was sent; ``EvoLinkError`` when the upload fails."""
        source = record.video_source
        if not source:
            return None, None
        if is_url(source):
            return source, record.input_seconds
        path = Path(source)
        route = route_for(record.model)
        facts = await asyncio.to_thread(read_video_facts, path)
        problems = errors(check_video(route, facts)) if route is not None else []
        if problems or facts is None:
            raise InvalidSubmission(" ".join(p.message for p in problems))
        try:
            sha256 = await asyncio.to_thread(file_sha256, path)
            client = self._client()
            cached = self.store.cached_upload(client.files_base, sha256)
            if cached:
                log.info("reusing the uploaded copy of %s", path.name)
                return cached, facts.duration
            mime_type = video_mime_type(facts.container)
            result = await client.upload_file(path, path.name, mime_type, progress)
        except SourceChanged:
            raise InvalidSubmission(_changed(path)) from None
        except OSError as exc:  # gone or unreadable
            raise InvalidSubmission(messages.input_unreadable(path.name, exc.strerror or str(exc))) from None
        if result.sha256 != sha256:
            raise InvalidSubmission(_changed(path))
        self.store.remember_upload(client.files_base, sha256, result.file_url, time.time() + UPLOAD_LIFETIME)
        return result.file_url, facts.duration


def _changed(path: Path) -> str:
    return translate(
        "TaskMessages", "{name} changed while it was being uploaded; nothing was sent to EvoLink."
    ).format(name=path.name)
