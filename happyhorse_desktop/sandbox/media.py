"""Files the simulator hosts (uploads, on disk) and how it reads the media a task refers to.

Like the real service, the simulator fetches the URLs in a request to look at the media: its own
uploads are read from disk, other loopback URLs are fetched, and anything else is never fetched
(tests and demo mode stay off the internet): such media count as fine and unknown.
"""

from __future__ import annotations

import re
import secrets
import shutil
import string
import tempfile
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from happyhorse_desktop.mp4probe import probe_video
from happyhorse_desktop.netcheck import is_loopback_host
from happyhorse_desktop.route_rules import VideoFacts
from happyhorse_desktop.validation import ImageInfo, check_image_bytes

IMAGE_FETCH_LIMIT = 10 * 1024 * 1024 + 1  # one byte over the image limit is enough to say "too large"
VIDEO_FETCH_LIMIT = 100 * 1024 * 1024 + 1
_ALPHABET = string.ascii_lowercase + string.digits


class NotFetched:
    """Media the simulator does not reach (a non-loopback URL): treated as acceptable and unknown."""


NOT_FETCHED = NotFetched()


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    name: str
    mime: str
    path: Path
    size: int


@dataclass(frozen=True)
class FetchedImage:
    data: bytes | None  # None: the URL could not be fetched
    info: ImageInfo | None  # None: not an image Qt can read


@dataclass(frozen=True)
class FetchedVideo:
    path: Path | None
    facts: VideoFacts | None


class MediaStore:
    """Uploaded files, kept on disk under one temporary folder that :meth:`close` removes."""

    def __init__(self) -> None:
        self.files: dict[str, StoredFile] = {}
        self._lock = threading.Lock()
        self._directory: Path | None = None

    @property
    def directory(self) -> Path:
        """Made on first use, so a simulator that never stores anything leaves nothing behind."""
        with self._lock:
            if self._directory is None:
                self._directory = Path(tempfile.mkdtemp(prefix="evolink-sim-"))
            return self._directory

    def close(self) -> None:
        with self._lock:
            directory, self._directory = self._directory, None
        if directory is not None:
            shutil.rmtree(directory, ignore_errors=True)

    def scratch(self, name: str) -> Path:
        """A fresh private folder for one job (an upload being received, a render)."""
        path = self.directory / f"{name}-{secrets.token_hex(4)}"
        path.mkdir(parents=True)
        return path

    def keep(self, source: Path, filename: str, mime: str) -> StoredFile:
        """Takes ``source`` (moved, not copied) as a new hosted file."""
        file_id = "file_" + "".join(secrets.choice(_ALPHABET) for _ in range(12))
        safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename) or "upload"
        folder = self.directory / file_id
        folder.mkdir()
        target = folder / safe_name
        shutil.move(source, target)
        stored = StoredFile(file_id, safe_name, mime, target, target.stat().st_size)
        with self._lock:
            self.files[file_id] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        with self._lock:
            return self.files.get(file_id)

    def hosted(self, url: str, own_port: int) -> StoredFile | None:
        """The stored file a URL of this simulator points to (``/files/<id>/<name>``)."""
        parts = urlsplit(url)
        match = re.match(r"^/files/([^/]+)/", parts.path or "")
        if match and parts.port == own_port and is_loopback_host(parts.hostname or ""):
            return self.get(match.group(1))
        return None

    def fetch_image(self, url: str, own_port: int) -> FetchedImage | NotFetched:
        stored = self.hosted(url, own_port)
        if stored is not None:
            data: bytes | None = stored.path.read_bytes()
        elif is_loopback_host(urlsplit(url).hostname or ""):
            data = _download(url, IMAGE_FETCH_LIMIT)
        else:
            return NOT_FETCHED
        if data is None:
            return FetchedImage(None, None)
        return FetchedImage(data, check_image_bytes(data).info)

    def fetch_video(self, url: str, own_port: int) -> FetchedVideo | NotFetched:
        stored = self.hosted(url, own_port)
        if stored is not None:
            path: Path | None = stored.path
        elif is_loopback_host(urlsplit(url).hostname or ""):
            data = _download(url, VIDEO_FETCH_LIMIT)
            path = None
            if data is not None:
                path = self.scratch("fetched") / "video"
                path.write_bytes(data)
        else:
            return NOT_FETCHED
        return FetchedVideo(path, probe_video(path) if path else None)


def _download(url: str, limit: int) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read(limit)
    except (OSError, ValueError):
        return None
