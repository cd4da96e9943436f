"""Credit prices per second of video, and the single place where raw credit figures become credits.

API.md notes that ``usage.credits_reserved`` (607500 for a 5 s 720p task) looks like 1/10,000-credit
units while ``/v1/credits`` reports whole credits. Raw figures are stored as received; only
:func:`credits_from_raw` converts them, so the unit can be corrected here alone.
"""

from __future__ import annotations

from happyhorse_desktop import formatting

RAW_UNITS_PER_CREDIT = 10_000

# credits per second of output, and US dollars per second, by model and quality (API.md §7-8).
CREDITS_PER_SECOND: dict[str, dict[str, float]] = {
    "happyhorse-1.0-image-to-video": {"720p": 12.15, "1080p": 21.6027},
    "happyhorse-1.1-image-to-video": {"720p": 9.4427, "1080p": 12.6533},
}
USD_PER_CREDIT = 0.179 / 12.15


def estimate_credits(model: str, quality: str, duration: int) -> float | None:
    rate = CREDITS_PER_SECOND.get(model, {}).get(quality)
    return None if rate is None else round(rate * duration, 4)


def estimate_raw_credits(model: str, quality: str, duration: int) -> int | None:
    """The reservation the server would report, in its raw units."""
    credits = estimate_credits(model, quality, duration)
    return None if credits is None else round(credits * RAW_UNITS_PER_CREDIT)


def credits_from_raw(raw: float | None) -> float | None:
    return None if raw is None else raw / RAW_UNITS_PER_CREDIT


def usd_for_credits(credits: float) -> float:
    return credits * USD_PER_CREDIT


def format_credits(credits: float | None) -> str:
    """Credits as the reader's locale writes them (two decimals); kept here for existing callers."""
    return formatting.credits(credits)
