"""Pages of results and the safe LIKE pattern every search uses."""
from __future__ import annotations

from typing import TypeVar

from ..domain.page import Page

T = TypeVar("T")
PAGE_SIZE = 20
LIKE_ESCAPE = "!"  # `!` rather than `\`: the two engines read backslashes in SQL text differently


def page_window(number: int, size: int) -> tuple[int, int]:
    """LIMIT and OFFSET for a page, asking one row more to learn whether a next page exists."""
    number = max(number, 1)
    return size + 1, (number - 1) * size


def make_page(rows: list[T], number: int, size: int) -> Page[T]:
    return Page(rows[:size], max(number, 1), size, len(rows) > size)


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with % _ and ! in it taken literally."""
    escaped = "".join(LIKE_ESCAPE + ch if ch in "%_" + LIKE_ESCAPE else ch for ch in text)
    return f"%{escaped}%"
