"""A page of results, as every list and search returns them: a screen at a time."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    number: int
    size: int
    has_next: bool
    offset: int = 0  # the first item's place among all the results

    @property
    def has_previous(self) -> bool:
        return self.number > 1


@dataclass(frozen=True)
class After:
    """The page after the row with this key, in a list kept in key order (keyset paging: the index
    finds the place at once, however deep the page, where an OFFSET counts every row before it)."""

    key: int | tuple  # the last row's key: its id, or the columns the list is ordered by
    number: int = 2  # the page it is, for the screen
