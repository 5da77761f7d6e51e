"""A few database connections shared by the API's worker threads: each request takes one for its
whole life and gives it back, so a request's reads and writes see one connection, as a
terminal's do."""
from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from ..db_config import Settings, connect
from ..domain.errors import DatabaseUnavailable
from ..storage.database import Database

WAIT_SECONDS = 10


class ConnectionPool:
    def __init__(self, settings: Settings, size: int):
        self.settings, self.size = settings, size
        self._idle: queue.LifoQueue[Database] = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()

    @contextmanager
    def connection(self) -> Iterator[Database]:
        db = self._take()
        try:
            yield db
        except BaseException:
            self._discard_or_keep(db)
            raise
        else:
            self._idle.put(db)

    def _take(self) -> Database:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._opened < self.size:
                self._opened += 1
                try:
                    return connect(self.settings)
                except BaseException:
                    self._opened -= 1
                    raise
        try:
            return self._idle.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            raise DatabaseUnavailable(f"every database connection was busy for {WAIT_SECONDS} s; try again") \
                from None

    def _discard_or_keep(self, db: Database) -> None:
        """After a failed request: a connection still in a transaction is rolled back and kept; one
        that cannot even do that is closed and another opened when needed."""
        try:
            db.rollback()
        except Exception:
            with self._lock:
                self._opened -= 1
            with suppress(Exception):
                db.close()
            return
        self._idle.put(db)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
