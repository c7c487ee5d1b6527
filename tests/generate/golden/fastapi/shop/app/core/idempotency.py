"""`Idempotency-Key`: a repeated request gets the first answer again for 24 hours."""

import threading
import time
from typing import Any

TTL_SECONDS = 24 * 3600


class IdempotencyStore:
    """Answers kept per (operation, caller, key), in process memory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answers: dict[tuple[str, str, str], tuple[float, Any]] = {}

    def get(self, operation: str, caller: str, key: str | None) -> Any | None:
        if key is None:
            return None
        with self._lock:
            found = self._answers.get((operation, caller, key))
            if found is None or found[0] < time.time():
                return None
            return found[1]

    def put(self, operation: str, caller: str, key: str | None, answer: Any) -> Any:
        if key is not None:
            with self._lock:
                self._answers[(operation, caller, key)] = (time.time() + TTL_SECONDS, answer)
        return answer

    def reset(self) -> None:
        with self._lock:
            self._answers.clear()


store = IdempotencyStore()
