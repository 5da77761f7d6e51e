"""A few database connections shared by the API's requests: each request takes one for its whole
life and gives it back, so a request's reads and writes see one connection, as a terminal's do.

A request waits for a connection in the event loop (a semaphore of the pool's size), never in a
worker thread: a thread that waited there would be one the requests holding connections need."""
from __future__ import annotations

import queue
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import anyio

from ..db_config import Settings, connect
from ..storage.database import Database


class ConnectionPool:
    def __init__(self, settings: Settings, size: int):
        self.settings, self.size = settings, size
        self._idle: queue.SimpleQueue[Database] = queue.SimpleQueue()
        self._free = anyio.Semaphore(size)
        self._lock = threading.Lock()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Database]:
        async with self._free:  # at most `size` requests hold a connection at once
            db = self._take()
            try:
                yield db
            except BaseException:
                await anyio.to_thread.run_sync(self._keep_if_sound, db)
                raise
            self._idle.put(db)

    def _take(self) -> Database:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return connect(self.settings)  # one of the `size` the semaphore allows; opened once

    def _keep_if_sound(self, db: Database) -> None:
        """After a failed request: a connection still in a transaction is rolled back and kept; one
        that cannot even do that is closed (another is opened when needed)."""
        try:
            db.rollback()
        except Exception:
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
