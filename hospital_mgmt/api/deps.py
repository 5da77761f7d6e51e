"""What each request is given: a database connection from the pool for the request's life, the
signed-in staff member behind its bearer token, and its Idempotency-Key as a request key."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..domain.errors import InvalidField, NotSignedIn
from ..domain.staff import Terminal
from ..operations import tokens
from ..operations.context import Context
from ..storage.database import Database

bearer = HTTPBearer(auto_error=False, description="a token from POST /auth/token")
IDEMPOTENCY_KEY_MAX = 255


def database(request: Request) -> Iterator[Database]:
    with request.app.state.pool.connection() as db:
        yield db


def anonymous(request: Request, db: Database = Depends(database)) -> Context:
    """A context with no one signed in yet (for signing in)."""
    client = request.client.host if request.client else "unknown"
    return Context(request.app.state.settings, db, request.app.state.clock, terminal=Terminal(client, "api"))


def signed_in(ctx: Context = Depends(anonymous),
              credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Context:
    """The context of the staff member whose token came with the request (401 without one)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotSignedIn("sign in first: POST /auth/token, then send 'Authorization: Bearer <token>'")
    return replace(ctx, actor=tokens.actor_for_token(ctx, credentials.credentials))


def bearer_token(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str:
    return credentials.credentials if credentials else ""


def idempotency_key(ctx: Context = Depends(signed_in),
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
