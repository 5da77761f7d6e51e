"""Signing in and out: a bearer token for a staff account."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from ...domain.codes import format_code
from ...domain.errors import NotSignedIn
from ...operations import tokens
from ...operations.context import Context
from ..deps import anonymous, bearer_token, signed_in
from ..problems import documented
from ..schemas import Me, SignIn, TokenOut

router = APIRouter(prefix="/auth", tags=["sign-in"])


@router.post("/token", status_code=201, response_model=TokenOut, openapi_extra={"security": []},
             responses={401: documented("wrong login name or password"), 429: documented("wait")})
def sign_in(body: SignIn, request: Request, ctx: Context = Depends(anonymous)) -> TokenOut:
    """A token for a login name and password (the same check as at a terminal; from the third
    wrong password in a row, each try waits longer)."""
    waits = request.app.state.sign_in_waits
    login = body.login.strip().lower()
    waits.check(login)
    try:
        issued = tokens.issue_token(ctx, body.login, body.password, request.headers.get("user-agent", ""))
    except NotSignedIn:
        waits.failed(login)
        raise
    waits.succeeded(login)
    return TokenOut(access_token=issued.token, expires_at=issued.expires_at, login=issued.actor.login,
                    roles=sorted(role.value for role in issued.actor.roles))


@router.post("/sign-out", status_code=204, response_class=Response)
def sign_out(request: Request, ctx: Context = Depends(signed_in)) -> Response:
    """The token stops working at once."""
    tokens.revoke_token(ctx, bearer_token(request))
    return Response(status_code=204)


@router.get("/me", response_model=Me)
def me(ctx: Context = Depends(signed_in)) -> Me:
    actor = ctx.actor
    return Me(login=actor.login, roles=sorted(role.value for role in actor.roles),
              doctor=None if actor.doctor_id is None else format_code("doctor", actor.doctor_id))
