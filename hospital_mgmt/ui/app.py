"""What every screen shares: the console, settings, storage, and one place that turns errors
into `Error: <reason>` or a short apology."""
from datetime import date
from typing import Callable, TypeVar

from ..domain.errors import HospitalError
from ..log_setup import log
from ..storage.paging import Page
from ..storage.unit_of_work import Repositories, UnitOfWork
from .console import Console
from .prompts import Back
from .tables import render

T = TypeVar("T")


class App:
    def __init__(self, console: Console, settings, db, today: Callable[[], date] = date.today,
                 debug: bool = False):
        self.console = console
        self.settings = settings
        self.db = db
        self.repos = Repositories(db)
        self.today = today
        self.debug = debug

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self.db)

    def commit(self, change: Callable[[UnitOfWork], T]) -> T:
        """Run one change in its own unit of work and commit it; nothing is kept if it fails."""
        with self.unit_of_work() as uow:
            result = change(uow)
            uow.commit()
        return result

    def run_action(self, action: Callable[[], None]) -> None:
        """Run one menu action; whatever goes wrong, the menu goes on."""
        try:
            action()
        except Back:
            self.console.say("Back.")
        except HospitalError as error:
            log.warning("refused: %s", type(error).__name__)
            self.console.error(str(error))
        except (EOFError, KeyboardInterrupt):
            raise
        except Exception:
            log.exception("unexpected error")
            if self.debug:
                raise
            self.console.say(f"Sorry, something went wrong and nothing more was done. "
                             f"The details are in {self.settings.log_file}.")

    def show_table(self, headers, rows, money_columns=frozenset(), right_columns=frozenset()) -> None:
        self.console.say(render(headers, rows, set(money_columns), set(right_columns), self.settings.currency))

    def page_through(self, fetch: Callable[[int], Page], show: Callable[[list], None], empty: str) -> None:
        """Show a page at a time: n for next, p for previous, Enter or 0 to stop."""
        number = 1
        while True:
            page = fetch(number)
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
            elif answer == "p" and page.has_previous:
                number -= 1
            elif answer in ("", "0", "q"):
                return
            else:
                self.console.error(f"type {' or '.join(m[0] for m in moves)}, or Enter to stop")
