"""The HTTP face: a FastAPI application over the same operations as the menu and the commands.

Every route is a thin translation: read the request, call one operation with the signed-in
staff member's context, write the answer. The rules, the permissions, the audit rows and the
request keys all live in the operations, so the API obeys exactly what the terminal obeys."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..db_config import Settings
from ..operations.context import Clock, open_context
from . import problems
from .limits import BodyLimit
from .pool import ConnectionPool
from .routes import appointments, auth, billing, people, reports, schedule, visits
from .sign_in_waits import SignInWaits

POOL_SIZE = 8
DESCRIPTION = """The hospital's records, appointments and billing, with the rules of the terminal.

Sign in with `POST /auth/token` (a staff account's login name and password) and send the token
as `Authorization: Bearer <token>`. Money is a decimal string (`"1234.50"`); records are named by
their codes (`1001`, `D01`, `S01`, `A001`, `B001`, `R0001`, `C001`) or their numbers. Writes that
create money or a booking take an `Idempotency-Key`: sent again, the same key returns the first
answer. Errors are `application/problem+json`."""


def create_app(settings: Settings, clock: Clock | None = None, pool_size: int = POOL_SIZE) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with open_context(settings):  # the schema brought up to date once, before any request
            pass
        # As many worker threads as connections: more would only queue for a connection, and many
        # threads taking turns at the interpreter lock stretch every request's latency.
        anyio.to_thread.current_default_thread_limiter().total_tokens = pool_size
        yield
        app.state.pool.close()

    app = FastAPI(title=settings.hospital_name + " API", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan)
    app.state.settings, app.state.clock = settings, clock or Clock()
    app.state.pool = ConnectionPool(settings, pool_size)
    app.state.sign_in_waits = SignInWaits()
    problems.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body_kb * 1024)
    for module in (auth, people, appointments, visits, schedule, billing, reports):
        app.include_router(module.router, responses=problems.RESPONSES)
    _offline_docs(app)
    _bearer_scheme(app)
    return app


def _bearer_scheme(app: FastAPI) -> None:
    """Every route takes `Authorization: Bearer <token>` (signing in itself says it needs none)."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = build()
            schema.setdefault("components", {})["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer", "description": "a token from POST /auth/token"}}
            schema["security"] = [{"bearer": []}]
            app.openapi_schema = schema
        return app.openapi_schema
    app.openapi = openapi  # type: ignore[method-assign]


def _offline_docs(app: FastAPI) -> None:
    """Interactive docs at /docs whose scripts come from an installed package, not a CDN."""
    static = resources.files("fastapi_offline") / "static"
    app.mount("/docs-static", StaticFiles(directory=str(static)), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(openapi_url=f"{root}/openapi.json", title=app.title + " - docs",
                                   swagger_js_url=f"{root}/docs-static/swagger-ui-bundle.js",
                                   swagger_css_url=f"{root}/docs-static/swagger-ui.css",
                                   swagger_favicon_url=f"{root}/docs-static/favicon.png")
