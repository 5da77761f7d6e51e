"""What every screen shares: the console, the operations' context, and the guard around each
action, which hands any error to the one boundary and lets the menu go on."""
from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from datetime import date
from typing import Any

from ..boundary import explain
from ..db_config import Settings
from ..domain.page import After, Page
from ..domain.staff import Permission
from ..operations.context import Context
from .console import Console
from .prompts import Back, SignOut
from .tables import render


class App:
    def __init__(self, console: Console, ctx: Context, debug: bool = False):
        self.console = console
        self.ctx = ctx
        self.debug = debug

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    def today(self) -> date:
        return self.ctx.today()

    def may(self, needs: Permission | tuple[Permission, ...] | None) -> bool:
        """Whether the signed-in user may do what needs (any of) these permissions."""
        if needs is None:
            return True
        wanted = needs if isinstance(needs, tuple) else (needs,)
        return any(self.ctx.actor.may(permission) for permission in wanted)

    def run_action(self, action: Callable[[], None]) -> None:
        """Run one menu action; whatever goes wrong, the menu goes on."""
        try:
            action()
        except Back:
            self.console.say("Back.")
        except (EOFError, KeyboardInterrupt, SignOut):
            raise
        except Exception as error:
            explain(error, self.console, where="menu", log_file=self.settings.log_file, debug=self.debug)

    def show_table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]], money_columns: Set[int] = frozenset(),
                   right_columns: Set[int] = frozenset()) -> None:
        self.console.say(render(headers, rows, money_columns, right_columns, self.settings.currency))

    def page_list(self, items: Sequence[Any], show: Callable[[list], None], size: int, empty: str) -> None:
        """Items already read, shown `size` at a time as page_through shows a query's pages."""
        def page(number: int) -> Page:
            start = (number - 1) * size
            return Page(list(items[start:start + size]), number, size, len(items) > start + size, start)
        self.page_through(page, show, empty)

    def page_through(self, fetch: Callable[[Any], Page], show: Callable[[list], None], empty: str,
                     key_of: Callable[[Any], int | tuple] | None = None) -> None:
        """Show a page at a time: n for next, p for previous, Enter or 0 to stop. With `key_of` (a
        list in key order), the next page is asked as the one after the last key shown (keyset:
        as quick on page 25,000 as on page 1); the pages already seen are remembered to go back."""
        number = 1
        seen: list[int | After] = [1]
        while True:
            page = fetch(seen[-1])
            if not page.items:
                self.console.say(empty if number == 1 else "No more records.")
                return
            show(page.items)
            moves = (["n next"] if page.has_next else []) + (["p previous"] if page.has_previous else [])
            if not moves:
                return
            answer = self.console.ask(f"Page {page.number}: {', '.join(moves)}, Enter to stop: ").strip().lower()
            if answer == "n" and page.has_next:
                number += 1
                seen.append(After(key_of(page.items[-1]), number) if key_of else number)
            elif answer == "p" and page.has_previous:
                number -= 1
                seen.pop()
            elif answer in ("", "0", "q"):
                return
            else:
                self.console.error(f"type {' or '.join(m[0] for m in moves)}, or Enter to stop")
