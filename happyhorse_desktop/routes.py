"""The one table of HappyHorse routes: what each model takes, its limits and its prices, as data.

Every fact here is sourced in ``docs/evolink-api.md`` (documented, observed or assumed). Validation,
pricing, the composer, the CLI, batch totals and the ledger read this table; nothing else in the app
should spell a limit or a price again. Pure Python: no Qt, so the simulator, the engine and the tests
can import it anywhere.

User-visible labels are marked for Qt's translation tools with :func:`QT_TRANSLATE_NOOP` (context
``"Routes"``) and translated where they are shown, e.g.
``QCoreApplication.translate("Routes", route.label)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for translation in ``context`` without importing Qt; returns it unchanged."""
    return source


class Mode(StrEnum):
    """What drives the video: one first frame, text only, reference images, or a source video."""

    IMAGE = "image"
    TEXT = "text"
    REFERENCE = "reference"
    EDIT = "edit"


class Billing(StrEnum):
    """Which seconds a task is billed for."""

    OUTPUT_SECONDS = "output_seconds"  # the requested duration
    INPUT_PLUS_OUTPUT_SECONDS = "input_plus_output_seconds"  # video-edit: source (≤ 15 s) + result


MB = 1024 * 1024
QUALITIES = ("720p", "1080p")
DEFAULT_QUALITY = "720p"
# Output frames: the short side of the video for each quality tier (assumed: 720p → 1280×720 at 16:9).
QUALITY_SHORT_SIDE = {"720p": 720, "1080p": 1080}
IMAGE_FORMATS = ("jpeg", "png", "webp")  # Qt's format names, decided from the file's content
ASPECTS_1_0 = ("16:9", "9:16", "1:1", "4:3", "3:4")
ASPECTS_1_1 = (*ASPECTS_1_0, "4:5", "5:4", "9:21", "21:9")
# EvoLink's own tools convert at 68 credits to the US dollar; the pricing page's dollar figures agree.
CREDITS_PER_USD = 68.0


@dataclass(frozen=True)
class ImageRule:
    """How many images a route takes in ``image_urls`` and what each must be."""

    min_count: int
    max_count: int
    min_side: int = 0  # both width and height at least this
    min_short_edge: int = 0  # the shorter side at least this
    aspect_min: float = 1 / 2.5  # width / height
    aspect_max: float = 2.5
    aspect_enforced: bool = True  # False: the range is only a recommendation
    max_bytes: int = 10 * MB
    formats: tuple[str, ...] = IMAGE_FORMATS
    names_in_prompt: bool = False  # reference-to-video: image N is "characterN" in the prompt


@dataclass(frozen=True)
class VideoRule:
    """The source video of video-edit (``video_urls``, exactly one)."""

    min_seconds: float = 3.0
    max_seconds: float = 60.0
    used_seconds: float = 15.0  # the model keeps only the first 15 s; output = min(input, 15)
    max_long_edge: int = 2160
    min_short_edge: int = 320
    aspect_min: float = 1 / 2.5
    aspect_max: float = 2.5
    max_bytes: int = 100 * MB
    min_fps_exclusive: float = 8.0  # the frame rate must be above this
    containers: tuple[str, ...] = ("mp4", "mov")
    recommended_codecs: tuple[str, ...] = ("h264",)


@dataclass(frozen=True)
class DurationRule:
    minimum: int = 3
    maximum: int = 15
    default: int = 5


@dataclass(frozen=True)
class Price:
    """Per second of billed video, at one quality tier."""

    credits: float
    usd: float


@dataclass(frozen=True)
class Route:
    """One model on ``POST /v1/videos/generations``: its inputs, rules and prices."""

    model: str
    mode: Mode
    version: str
    label: str
    prompt_required: bool
    images: ImageRule | None
    video: VideoRule | None
    duration: DurationRule | None  # None: the output length follows the source video
    aspect_ratios: tuple[str, ...]  # empty: not accepted (the shape follows the input)
    prices: dict[str, Price]
    billing: Billing = Billing.OUTPUT_SECONDS
    keep_original_sound: bool = False  # whether the request may carry it
    qualities: tuple[str, ...] = QUALITIES
    default_quality: str = DEFAULT_QUALITY
    prompt_limit_chinese: int = 2500
    prompt_limit_other: int = 5000
    seed_range: tuple[int, int] = (1, 2_147_483_647)
    fields: frozenset[str] = field(default_factory=frozenset)  # every body field the route accepts

    @property
    def default_aspect_ratio(self) -> str | None:
        return self.aspect_ratios[0] if self.aspect_ratios else None

    @property
    def takes_images(self) -> bool:
        return self.images is not None and self.images.max_count > 0


PRICES_1_0 = {"720p": Price(12.15, 0.179), "1080p": Price(21.6027, 0.318)}
PRICES_1_1 = {"720p": Price(9.4427, 0.139), "1080p": Price(12.6533, 0.186)}

_COMMON_FIELDS = frozenset({"model", "prompt", "quality", "seed", "callback_url"})
_GENERATION_FIELDS = _COMMON_FIELDS | {"duration"}

FIRST_FRAME = ImageRule(min_count=1, max_count=1, min_side=300)
REFERENCES = ImageRule(
    min_count=1, max_count=9, min_short_edge=400, aspect_enforced=False, names_in_prompt=True
)
EDIT_REFERENCES = ImageRule(min_count=0, max_count=5, min_side=300)


MODE_LABELS: dict[Mode, str] = {
    Mode.IMAGE: QT_TRANSLATE_NOOP("Routes", "Image → Video"),
    Mode.TEXT: QT_TRANSLATE_NOOP("Routes", "Text → Video"),
    Mode.REFERENCE: QT_TRANSLATE_NOOP("Routes", "References → Video"),
    Mode.EDIT: QT_TRANSLATE_NOOP("Routes", "Edit a video"),
}
# The generation modes: model-name part, image rule, whether the prompt is required.
_GENERATION = {
    Mode.IMAGE: ("image-to-video", FIRST_FRAME, False),
    Mode.TEXT: ("text-to-video", None, True),
    Mode.REFERENCE: ("reference-to-video", REFERENCES, True),
}


def _generation_route(mode: Mode, version: str, prices: dict[str, Price], aspects: tuple[str, ...]) -> Route:
    """A route billed on its requested duration; ``aspects`` empty when the input decides the shape."""
    name, images, prompt_required = _GENERATION[mode]
    fields = (
        _GENERATION_FIELDS | ({"image_urls"} if images else set()) | ({"aspect_ratio"} if aspects else set())
    )
    return Route(
        model=f"happyhorse-{version}-{name}",
        mode=mode,
        version=version,
        label=MODE_LABELS[mode],
        prompt_required=prompt_required,
        images=images,
        video=None,
        duration=DurationRule(),
        aspect_ratios=aspects,
        prices=prices,
        fields=frozenset(fields),
    )


VIDEO_EDIT = Route(
    model="happyhorse-1.0-video-edit",
    mode=Mode.EDIT,
    version="1.0",
    label=MODE_LABELS[Mode.EDIT],
    prompt_required=True,
    images=EDIT_REFERENCES,
    video=VideoRule(),
    duration=None,
    aspect_ratios=(),
    prices=PRICES_1_0,
    billing=Billing.INPUT_PLUS_OUTPUT_SECONDS,
    keep_original_sound=True,
    # video_url / video are documented as lower-priority aliases of video_urls.
    fields=_COMMON_FIELDS | {"image_urls", "video_urls", "video_url", "video", "keep_original_sound"},
)

# In the order the app offers them: by mode, the newer version first.
ROUTES: dict[str, Route] = {
    r.model: r
    for r in (
        _generation_route(Mode.IMAGE, "1.1", PRICES_1_1, ()),
        _generation_route(Mode.IMAGE, "1.0", PRICES_1_0, ()),
        _generation_route(Mode.TEXT, "1.1", PRICES_1_1, ASPECTS_1_1),
        _generation_route(Mode.TEXT, "1.0", PRICES_1_0, ASPECTS_1_0),
        _generation_route(Mode.REFERENCE, "1.1", PRICES_1_1, ASPECTS_1_1),
        _generation_route(Mode.REFERENCE, "1.0", PRICES_1_0, ASPECTS_1_0),
        VIDEO_EDIT,
    )
}


def route_for(model: str) -> Route | None:
    return ROUTES.get(model)


def routes_for_mode(mode: Mode) -> list[Route]:
    """The versions a mode offers, newest first (one for video-edit)."""
    return [r for r in ROUTES.values() if r.mode is mode]


def route_for_mode(mode: Mode, version: str) -> Route | None:
    return next((r for r in routes_for_mode(mode) if r.version == version), None)


def aspect_value(ratio: str) -> float:
    """``"16:9"`` → 1.777…; width over height."""
    width, _, height = ratio.partition(":")
    return int(width) / int(height)
