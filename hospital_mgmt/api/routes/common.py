"""What the routes share: codes read from paths and bodies, pages with their totals, and a
printed document as the answer."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Query, Response

from ...domain.codes import parse_code
from ...domain.errors import NotFound
from ...domain.page import Page
from ...operations.context import Context
from ...storage.paging import Offset

LIMIT_MAX = 100
DOCUMENT_TYPES = {"pdf": "application/pdf", "txt": "text/plain; charset=utf-8"}
DOCUMENT: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}, "text/plain": {}}, "description": "the document"}}


def document(kind: str, print_files: Callable[[bool, bool], list[Path]]) -> Response:
    """A document printed now as `kind` (pdf or txt; another is 404), by print_files(text, pdf)."""
    if kind not in DOCUMENT_TYPES:
        raise NotFound("document type", kind)
    [path] = print_files(kind == "txt", kind == "pdf")
    return Response(path.read_bytes(), media_type=DOCUMENT_TYPES[kind])


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
