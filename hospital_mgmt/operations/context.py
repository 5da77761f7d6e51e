"""What every operation is given: the settings, the clock, the database, who is acting and at
which terminal; and the check every operation makes of the actor's permission."""
from __future__ import annotations

import functools
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from ..db_config import Settings, connect
from ..domain.errors import NotAllowed
from ..domain.staff import SYSTEM, Actor, Permission, Scope, Terminal
from ..log_setup import log
from ..storage.database import Database

if TYPE_CHECKING:
    from ..domain.appointment import Appointment
    from ..storage.unit_of_work import Repositories, UnitOfWork

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def this_terminal() -> Terminal:
    return Terminal(socket.gethostname(), f"pid {os.getpid()}")


class Clock:
    """Today and now, from the machine. Tests and replays give a FixedClock instead."""

    def now(self) -> datetime:
        return datetime.now()

    def today(self) -> date:
        return self.now().date()


class FixedClock(Clock):
    def __init__(self, at: datetime):
        self.at = at

    def now(self) -> datetime:
        return self.at


@dataclass
class Context:
    settings: Settings
    db: Database
    clock: Clock = field(default_factory=Clock)
    actor: Actor = SYSTEM
    terminal: Terminal = field(default_factory=this_terminal)

    def today(self) -> date:
        return self.clock.today()

    def now(self) -> datetime:
        return self.clock.now()

    @cached_property
    def repos(self) -> Repositories:
        """The repositories, for reads; writes go through unit_of_work()."""
        from ..storage.unit_of_work import Repositories  # loaded with the first action, after the menu shows
        return Repositories(self.db)

    def unit_of_work(self) -> UnitOfWork:
        """One transaction; its audit rows are written in it, its log lines once it has committed."""
        from ..storage.unit_of_work import UnitOfWork
        return UnitOfWork(self.db, self)

    def require(self, permission: Permission) -> Scope:
        """The reach of the actor's permission (NotAllowed when they have none)."""
        return self.actor.require(permission)

    def log(self, summary: str) -> None:
        """One line of the log file: what happened, with record codes only, and who did it."""
        log.info("%s [%s]", summary, self.actor.login)

    def record(self, summary: str, operation: str, record: str = "") -> None:
        """An audit row of its own for an action that changes no record but must be answered for
        (an export of patient data, a backup), then its log line."""
        with self.unit_of_work() as uow:
            uow.audit(summary, operation, record)
            uow.commit()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Context:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def exactly_once(ctx: Context, write: Callable[[bool], T]) -> T:
    """Run a write that carries a request key; write(after_lost_reply) looks the key up first.

    If the connection broke on the way (the reply to COMMIT lost, say), connect again and run it
    once more: a change the server did save is found by its key and returned, not made twice; one
    it did not save is made now. If another terminal saved the same key first (the unique index
    refused ours), the second run finds that one."""
    from ..domain.errors import ConnectionLost
    from ..storage.database import DuplicateKey
    try:
        return write(False)
    except ConnectionLost:
        ctx.db.reconnect()
        return write(True)
    except DuplicateKey as clash:
        if not clash.key.endswith("_request_key"):
            raise
        return write(False)


def repeated(event: str, after_lost_reply: bool) -> str:
    """The log line of a write found already saved by its key: after a lost reply the first
    attempt never wrote its line, so this is it; otherwise the request came again. (Its audit row
    was written with the change.)"""
    return event if after_lost_reply else f"{event} (the same request again; nothing new was written)"


def allowed(permission: Permission) -> Callable[[F], F]:
    """An operation open only to actors with the permission; checked before anything is read."""
    def wrap(operation: F) -> F:
        @functools.wraps(operation)
        def checked(ctx: Context, *args, **kwargs):
            ctx.require(permission)
            return operation(ctx, *args, **kwargs)
        checked.permission = permission  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]
    return wrap


def check_reach(ctx: Context, permission: Permission, appointment: Appointment) -> None:
    """A doctor's permissions over appointments reach their own appointments only."""
    if ctx.require(permission) is Scope.OWN and appointment.doctor_id != ctx.actor.doctor_id:
        raise NotAllowed(f"appointment {appointment.code} is another doctor's; {ctx.actor.login} may"
                         f" {permission.value} for their own appointments only")


def open_context(settings: Settings, *, create: bool = False, clock: Clock | None = None,
                 actor: Actor = SYSTEM) -> Context:
    """Connect to the database the settings name (creating an SQLite file or a MySQL database
    with `create`), bring its schema up to date, and give the context every operation takes."""
    ctx = Context(settings, connect(settings, create=create), clock or Clock(), actor)
    try:
        upgrade(ctx)
    except BaseException:
        ctx.close()
        raise
    return ctx


def upgrade(ctx: Context) -> None:
    """Apply the schema migrations a database made by an earlier version has not had."""
    from ..storage.migrations import migrate
    if ctx.db.has_schema():
        for migration in migrate(ctx.db, ctx.now()):
            ctx.log(f"database upgraded to schema version {migration.version}: {migration.title}")
