"""``SubmitParams``: what the user asks for, before anything is written or sent."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from happyhorse_desktop.api.models import DEFAULT_MODEL
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.tasks.record import TaskRecord, is_url
from happyhorse_desktop.validation import (
    SEED_MAX,
    check_callback_url,
    check_duration,
    check_image_url,
    check_model,
    check_quality,
    check_seed,
)


class InvalidSubmission(ValueError):
    """The user's input breaks a rule of the model; the message says which."""


@dataclass(frozen=True)
class SubmitParams:
    images: tuple[str, ...] = ()  # local file paths or http(s) URLs, in request order
    prompt: str = ""
    model: str = DEFAULT_MODEL
    quality: str = "720p"
    duration: int = 5
    seed: int | None = None
    callback_url: str | None = None
    video: str | None = None  # the video to edit (video-edit route)
    aspect_ratio: str | None = None
    keep_original_sound: bool = False
    parent_id: int | None = None  # the take this one continues

    @property
    def image(self) -> str:
        """The first picture ('' when there is none)."""
        return self.images[0] if self.images else ""

    def problems(self) -> list[str]:
        """Every parameter problem (files' contents are checked when they are read)."""
        checks = [
            check_model(self.model),
            check_quality(self.quality),
            check_duration(self.duration),
            check_seed(self.seed),
            check_callback_url(self.callback_url),
        ]
        if len(self.images) != 1:
            checks.append(translate("Validation", "This model takes exactly one picture."))
        checks += [check_image_url(source) for source in self.images if is_url(source)]
        return [p for p in checks if p]

    def with_new_seed(self) -> SubmitParams:
        return replace(self, seed=random.randint(1, SEED_MAX))

    @classmethod
    def of(cls, record: TaskRecord) -> SubmitParams:
        """The parameters an earlier task was made with (to run it again, or load it in the composer)."""
        return cls(
            images=tuple(record.image_sources),
            prompt=record.prompt,
            model=record.model,
            quality=record.quality,
            duration=record.duration,
            seed=record.seed,
            callback_url=record.callback_url,
            video=record.video_source,
            aspect_ratio=record.aspect_ratio,
            keep_original_sound=record.keep_original_sound,
        )
