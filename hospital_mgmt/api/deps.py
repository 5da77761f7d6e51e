"""What each request is given: a database connection from the pool for the request's life, the
signed-in staff member behind its bearer token, and its Idempotency-Key as a request key.

What does no I/O is `async` (FastAPI runs it in the event loop); what reads the database runs in
a worker thread. Each hop to a thread costs about as much as a simple query."""
from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from dataclasses import replace

from fastapi import Depends, Header, Request

from ..domain.errors import InvalidField, NotSignedIn
from ..domain.staff import Terminal
from ..operations import tokens
from ..operations.context import Context
from ..storage.database import Database

IDEMPOTENCY_KEY_MAX = 255
SIGN_IN_FIRST = "sign in first: POST /auth/token, then send 'Authorization: Bearer <token>'"


async def database(request: Request) -> AsyncIterator[Database]:
    async with request.app.state.pool.connection() as db:
        yield db


async def anonymous(request: Request, db: Database = Depends(database)) -> Context:
    """A context with no one signed in yet (for signing in)."""
    return _context(request, db)


async def signed_in(request: Request, db: Database = Depends(database)) -> Context:
    """The context of the staff member whose token came with the request (401 without one). Its
    one indexed query runs in the event loop: a hop to a worker thread would cost more. (The
    bearer scheme is declared for the whole schema in app.py.)"""
    ctx = _context(request, db)
    return replace(ctx, actor=tokens.actor_for_token(ctx, bearer_token(request)))


def bearer_token(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotSignedIn(SIGN_IN_FIRST)
    return token.strip()


def _context(request: Request, db: Database) -> Context:
    client = request.client.host if request.client else "unknown"
    return Context(request.app.state.settings, db, request.app.state.clock, terminal=Terminal(client, "api"))


async def idempotency_key(ctx: Context = Depends(signed_in),
                    key: str | None = Header(default=None, alias="Idempotency-Key",
                                             description="repeat a write safely: the same key returns the"
                                                         " first answer and writes nothing new")) -> str | None:
    """The request key of a write: the client's Idempotency-Key, kept apart per staff member (two
    users who happen to pick the same key never see each other's records)."""
    if key is None:
        return None
    if not 1 <= len(key) <= IDEMPOTENCY_KEY_MAX or not key.isascii() or not key.isprintable():
        raise InvalidField("Idempotency-Key", f"1 to {IDEMPOTENCY_KEY_MAX} printable ASCII characters")
    return "api-" + hashlib.sha256(f"{ctx.actor.user_id}:{key}".encode()).hexdigest()[:48]
