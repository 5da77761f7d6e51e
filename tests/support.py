"""Contexts for tests: the operations on a test database, at a fixed moment."""
from dataclasses import replace
from datetime import date, datetime, time

from hospital_mgmt.db_config import load_settings
from hospital_mgmt.operations.context import Context, FixedClock

TODAY = date(2026, 11, 22)
MORNING = time(8, 0)  # before the doctors' day begins, so every slot of today is still open


def context_for(db, settings=None, day: date = TODAY, at: time = MORNING) -> Context:
    settings = settings or load_settings(env_file="/nonexistent/.env", environ={})
    return Context(settings, db, FixedClock(datetime.combine(day, at)))


def on(ctx: Context, day, at: time = MORNING) -> Context:
    """The same context on another day (and time)."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return replace(ctx, clock=FixedClock(datetime.combine(day, at)))
