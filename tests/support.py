"""Contexts for tests: the operations on a test database, at a fixed moment."""
from dataclasses import replace
from datetime import date, datetime, time

from hospital_mgmt.db_config import load_settings
from hospital_mgmt.domain.staff import SYSTEM, Terminal
from hospital_mgmt.operations.context import Context, FixedClock
from hospital_mgmt.storage.unit_of_work import UnitOfWork

TODAY = date(2026, 11, 22)
MORNING = time(8, 0)  # before the doctors' day begins, so every slot of today is still open


def context_for(db, settings=None, day: date = TODAY, at: time = MORNING) -> Context:
    settings = settings or load_settings(env_file="/nonexistent/.env", environ={})
    return Context(settings, db, FixedClock(datetime.combine(day, at)))


def on(ctx: Context, day, at: time = MORNING) -> Context:
    """The same context on another day (and time)."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return replace(ctx, clock=FixedClock(datetime.combine(day, at)))


class Bench:
    """The witness of a storage test's unit of work: the application itself, at a fixed moment."""

    actor = SYSTEM
    terminal = Terminal("test bench", "pid 0")

    def now(self) -> datetime:
        return datetime.combine(TODAY, MORNING)

    def log(self, summary: str) -> None:
        pass


class StorageWork(UnitOfWork):
    """A unit of work for tests of the repositories themselves: it names its change generically,
    as every commit must name one."""

    def __init__(self, db):
        super().__init__(db, Bench())

    def commit(self) -> None:
        self.audit("a storage test's change", "test.storage")
        super().commit()
