"""A small in-memory sliding-window limit on sign-in attempts, per e-mail and client.

In memory is enough for one process; behind several workers each keeps its own count, which
still bounds password guessing to a few attempts a minute per worker.
"""

from __future__ import annotations

import threading
import time
from collections import deque


class AttemptLimiter:
    def __init__(self, attempts: int, window_s: float) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._seen: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, email: str, client: str, now: float | None = None) -> bool:
        """Count one attempt; False when the key has used up its attempts in the window."""
        now = time.monotonic() if now is None else now
        key = (email.strip().lower(), client)
        with self._lock:
            seen = self._seen.setdefault(key, deque())
            while seen and now - seen[0] >= self.window_s:
                seen.popleft()
            if len(seen) >= self.attempts:
                return False
            seen.append(now)
            return True
