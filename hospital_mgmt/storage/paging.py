"""Pages of results and the safe LIKE pattern every search uses."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from ..domain.page import After, Page

T = TypeVar("T")
PAGE_SIZE = 20
LIKE_ESCAPE = "!"  # `!` rather than `\`: the two engines read backslashes in SQL text differently
COUNT_CAP = 10_000  # a total past this is given as "more than" (counting a million names costs a scan)


@dataclass(frozen=True)
class Offset:
    """A window that starts at any row (the HTTP API's `offset`), where a screen asks by page number."""

    rows: int


PageAt = int | Offset | After  # a page number (1, 2...), a row offset, or the key the page follows


def page_window(number: PageAt, size: int) -> tuple[int, int]:
    """LIMIT and OFFSET for a page, asking one row more to learn whether a next page exists."""
    if isinstance(number, After):
        return size + 1, 0
    if isinstance(number, Offset):
        return size + 1, max(number.rows, 0)
    number = max(number, 1)
    return size + 1, (number - 1) * size


def make_page(rows: list[T], number: PageAt, size: int) -> Page[T]:
    if isinstance(number, After):
        return Page(rows[:size], number.number, size, len(rows) > size, (number.number - 1) * size)
    if isinstance(number, Offset):
        return Page(rows[:size], number.rows // size + 1, size, len(rows) > size, max(number.rows, 0))
    number = max(number, 1)
    return Page(rows[:size], number, size, len(rows) > size, (number - 1) * size)


def after_key(number: PageAt, column: str) -> tuple[str, tuple]:
    """The condition a keyset page adds (`column > ?`), or none for a page by number or offset."""
    return (f" AND {column} > ?", (number.key,)) if isinstance(number, After) else ("", ())


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with % _ and ! in it taken literally."""
    escaped = "".join(LIKE_ESCAPE + ch if ch in "%_" + LIKE_ESCAPE else ch for ch in text)
    return f"%{escaped}%"


def capped_count(db, source: str, params: tuple) -> tuple[int, bool]:
    """How many rows `source` (`table WHERE ...`, fixed text of the caller's) holds, counted up to
    COUNT_CAP; and whether that is exact."""
    found = int(db.scalar(f"SELECT count(*) FROM (SELECT 1 AS one FROM {source} LIMIT ?) c", params + (COUNT_CAP + 1,)))
    return min(found, COUNT_CAP), found <= COUNT_CAP
