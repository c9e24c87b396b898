"""A circuit breaker per cluster engine: after repeated failures the cluster is
not asked at all (searches go to the fallback at once) until a probe, some seconds
later, finds it back. State changes are logged once, not once per search."""

import logging
import threading
import time

logger = logging.getLogger("search.engines")

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitBreaker:
    def __init__(self, name: str, *, failures: int = 3, retry_after: float = 10.0):
        self.name = name
        self.max_failures = failures
        self.retry_after = retry_after
        self.state = CLOSED
        self.failures = 0
        self.opened_at = 0.0
        self._lock = threading.Lock()

    def allow(self) -> bool:
        """Whether to ask the cluster now: always when closed; when open, one
        caller at a time once ``retry_after`` seconds have passed (the probe)."""
        with self._lock:
            if self.state == CLOSED:
                return True
            if self.state == OPEN and time.monotonic() - self.opened_at >= (
                self.retry_after
            ):
                self.state = HALF_OPEN
                return True
            return False

    def success(self) -> None:
        with self._lock:
            if self.state != CLOSED:
                logger.warning("Search engine %s answers again.", self.name)
            self.state, self.failures = CLOSED, 0

    def failure(self, error) -> None:
        with self._lock:
            self.failures += 1
            if self.state == HALF_OPEN or (
                self.state == CLOSED and self.failures >= self.max_failures
            ):
                if self.state == CLOSED:
                    logger.warning(
                        "Search engine %s failed %s times, the embedded engine"
                        " answers until it is back: %s",
                        self.name,
                        self.failures,
                        error,
                    )
                self.state, self.opened_at = OPEN, time.monotonic()

    def reset(self) -> None:
        with self._lock:
            self.state, self.failures, self.opened_at = CLOSED, 0, 0.0


_breakers: dict[str, CircuitBreaker] = {}
_registry_lock = threading.Lock()


def breaker_for(key: str, **options) -> CircuitBreaker:
    """The process-wide breaker of one cluster (by engine name and URL)."""
    with _registry_lock:
        if key not in _breakers:
            _breakers[key] = CircuitBreaker(key, **options)
        return _breakers[key]


def reset_all() -> None:
    with _registry_lock:
        for breaker in _breakers.values():
            breaker.reset()
