"""When to try a failed call again, and after how long (exponential backoff with full jitter)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError


@dataclass
class RetryPolicy:
    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 20.0
    # Retry-After values above this are not waited out inside one call; the caller reschedules instead.
    max_retry_after: float = 60.0
    rng: random.Random = field(default_factory=random.Random)

    def backoff(self, attempt: int) -> float:
        """Full-jitter exponential backoff for the given 1-based attempt number."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return self.rng.uniform(ceiling / 2, ceiling)

    def delay_for(self, error: EvoLinkError, attempt: int, *, idempotent: bool) -> float | None:
        """Seconds to wait before the next attempt, or None when the call must not be retried."""
        if attempt >= self.max_attempts:
            return None
        if idempotent:
            if not error.retryable:
                return None
        elif not (error.kind is ErrorKind.NETWORK and not error.maybe_delivered):
            # A request that creates something is re-sent only when it provably never left.
            return None
        if error.retry_after is not None:
            if error.retry_after > self.max_retry_after:
                return None
            return error.retry_after
        return self.backoff(attempt)
