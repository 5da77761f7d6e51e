"""Signing in over HTTP: a staff member's login name and password give a bearer token, good until
it expires (API_TOKEN_HOURS) or is revoked by signing out. The roles are read again on every
request, so a change of roles or a deactivation takes effect at once."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ..domain.errors import NotSignedIn
from ..domain.staff import Actor
from . import staff
from .context import Context

TOKEN_BYTES = 32
CLIENT_MAX = 200
EXPIRED = "the token is unknown, expired or signed out; sign in again at POST /auth/token"


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime
    actor: Actor


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(ctx: Context, login: str, password: str, client: str = "") -> IssuedToken:
    """Sign in (the same checks and audit row as at a terminal) and hand out a new token."""
    actor = staff.sign_in(ctx, login, password)
    assert actor.user_id is not None
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = ctx.now().replace(microsecond=0)
    expires = now + timedelta(hours=ctx.settings.api_token_hours)
    with replace(ctx, actor=actor).unit_of_work() as uow:
        token_id = uow.tokens.add(token_hash(token), actor.user_id, now, expires, client[:CLIENT_MAX])
        uow.audit(f"API token {token_id} issued to {actor.login}", "token.issue", actor.login)
        uow.commit()
    return IssuedToken(token, expires, actor)


def actor_for_token(ctx: Context, token: str) -> Actor:
    """Who a bearer token stands for now (NotSignedIn when it is unknown, expired, revoked, or
    its account deactivated)."""
    found = ctx.repos.tokens.holder(token_hash(token)) if token else None
    if found is None or found.revoked_at is not None or found.expires_at <= ctx.now() or not found.active:
        raise NotSignedIn(EXPIRED)
    return found.actor


def revoke_token(ctx: Context, token: str) -> None:
    """Sign out: the token stops working. Revoking it again changes nothing."""
    found = ctx.repos.tokens.find(token_hash(token))
    if found is None or found.revoked_at is not None:
        return
    with ctx.unit_of_work() as uow:
        uow.tokens.revoke(found.token_id, ctx.now().replace(microsecond=0))
        uow.audit(f"API token {found.token_id} of {ctx.actor.login} signed out", "token.revoke", ctx.actor.login)
        uow.commit()
