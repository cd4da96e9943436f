"""Credit estimates from the route table, and the single place where raw credit figures become credits.

Replies carry ``usage.credits_reserved`` (607500 for a 5 s 720p task) in 1/10,000-credit units while
``/v1/credits`` reports whole credits (``docs/evolink-api.md``). Raw figures are stored as received;
only :func:`credits_from_raw` converts them, so the unit can be corrected here alone.

Prices live in :mod:`happyhorse_desktop.routes`; this module only does the arithmetic, so the cost
line, batch totals and the ledger all read one table.
"""

from __future__ import annotations

import math

from happyhorse_desktop.routes import CREDITS_PER_USD, ROUTES, Billing, Route

RAW_UNITS_PER_CREDIT = 10_000

# credits per second of billed video, by model and quality (read from the route table).
CREDITS_PER_SECOND: dict[str, dict[str, float]] = {
    model: {quality: price.credits for quality, price in route.prices.items()}
    for model, route in ROUTES.items()
}
USD_PER_CREDIT = 1 / CREDITS_PER_USD


def billed_seconds(route: Route, seconds: float) -> float:
    """The seconds a task is billed for.

    ``seconds`` is what the route's bill depends on: the requested duration for generation routes,
    the source video's length for video-edit. Video-edit bills the input (the model keeps at most
    15 s of it) plus the output (as long as the kept input), rounded up to a tenth of a second.
    """
    if route.billing is Billing.INPUT_PLUS_OUTPUT_SECONDS:
        used = min(seconds, route.video.used_seconds if route.video else seconds)
        return math.ceil(round(used * 2 * 10, 6)) / 10
    return seconds


def estimate_credits(model: str, quality: str, duration: float) -> float | None:
    """Credits a task will cost, or ``None`` for an unknown model or quality.

    ``duration`` is the requested video length; for video-edit it is the source video's length
    (see :func:`billed_seconds`).
    """
    route = ROUTES.get(model)
    price = route.prices.get(quality) if route else None
    if route is None or price is None:
        return None
    return round(price.credits * billed_seconds(route, duration), 4)


def estimate_raw_credits(model: str, quality: str, duration: float) -> int | None:
    """The reservation the server would report, in its raw units."""
    credits = estimate_credits(model, quality, duration)
    return None if credits is None else round(credits * RAW_UNITS_PER_CREDIT)


def credits_from_raw(raw: float | None) -> float | None:
    return None if raw is None else raw / RAW_UNITS_PER_CREDIT


def usd_for_credits(credits: float) -> float:
    return credits * USD_PER_CREDIT


def format_credits(credits: float | None) -> str:
    return "—" if credits is None else f"{credits:,.2f}"
