"""What the routes share: codes read from paths and bodies, and pages with their totals."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Query

from ...domain.codes import parse_code
from ...domain.page import Page
from ...operations.context import Context
from ...storage.paging import Offset

LIMIT_MAX = 100


def may(ctx: Context, operation: Callable) -> None:
    """Refuse (403) before a request's body is read into records, if the operation it leads to is
    not the actor's to do: the permission is the operation's own (`@allowed`)."""
    ctx.require(operation.permission)  # type: ignore[attr-defined]


def code(kind: str, text: str) -> int:
    """A record's id from its code (`D07`, `d7`, `7`); InvalidField (422) names what was wrong."""
    return parse_code(kind, text)


class Window:
    """`limit` and `offset` of a list."""

    def __init__(self, limit: int, offset: int):
        self.limit, self.offset = limit, offset

    @property
    def page(self) -> Offset:
        return Offset(self.offset)


async def window(limit: int = Query(20, ge=1, le=LIMIT_MAX, description="at most this many"),
                 offset: int = Query(0, ge=0, le=10_000_000, description="skip this many first")) -> Window:
    return Window(limit, offset)


def listing(page: Page, window: Window, counted: tuple[int, bool], item: Callable[[Any], Any]) -> dict:
    total, exact = counted
    return {"items": [item(found) for found in page.items], "limit": window.limit, "offset": window.offset,
            "total": max(total, window.offset + len(page.items)), "total_exact": exact}
