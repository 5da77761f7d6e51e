"""Wrong passwords over HTTP wait longer and longer, as at a terminal: from the third failure in a
row for a login name, the next try is refused (429, with Retry-After) until its wait is over."""
from __future__ import annotations

import threading
import time

from ..domain.errors import ErrorKind, HospitalError
from ..domain.staff import SignInAttempts


class TooManyAttempts(HospitalError):
    kind = ErrorKind.UNAUTHENTICATED

    def __init__(self, login: str, seconds: float):
        super().__init__(f"too many wrong passwords for {login!r}; try again in {seconds:.0f} s")
        self.seconds = seconds


class SignInWaits:
    """Per login name: the failures in a row and when the next try may come (kept in memory; a
    restart forgets them, as a terminal does when it is closed)."""

    REMEMBERED = 10_000

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._attempts: dict[str, SignInAttempts] = {}
        self._not_before: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(self, login: str) -> None:
        with self._lock:
            wait = self._not_before.get(login, 0.0) - self.clock()
        if wait > 0:
            raise TooManyAttempts(login, max(wait, 1))

    def failed(self, login: str) -> None:
        with self._lock:
            if len(self._attempts) >= self.REMEMBERED:  # many names tried: forget those whose wait is over
                now = self.clock()
                for name in [name for name, at in self._not_before.items() if at <= now]:
                    self._attempts.pop(name, None)
                    self._not_before.pop(name, None)
            delay = self._attempts.setdefault(login, SignInAttempts()).failed()
            self._not_before[login] = self.clock() + delay

    def succeeded(self, login: str) -> None:
        with self._lock:
            self._attempts.pop(login, None)
            self._not_before.pop(login, None)
