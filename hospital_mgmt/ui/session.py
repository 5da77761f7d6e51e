"""Who is at the terminal: the first administrator of a new database, signing in (wrong passwords
wait longer and longer from the third on), the screen locked after a while without input, and
signing out to let the next person sign in."""
from __future__ import annotations

import time
from collections.abc import Callable

from ..domain.errors import HospitalError, InvalidField, NotSignedIn
from ..domain.staff import Actor, SignInAttempts, roles_text, validate_full_name, validate_login, validate_password
from ..operations import staff
from ..operations.context import Context
from .console import Console
from .prompts import Back, ask, ask_or_keep

Sleep = Callable[[float], None]


def make_first_administrator(ctx: Context, console: Console) -> None:
    """On a database without staff accounts, the person starting it creates the administrator."""
    if staff.has_staff(ctx):
        return
    console.heading("First start")
    console.say("There are no staff accounts yet. Create the first administrator, who then adds the others.")
    while True:
        try:
            login = ask_or_keep(console, "Login name", validate_login, "admin")
            full_name = ask(console, "Full name", validate_full_name)
            member = staff.create_first_administrator(ctx, login, full_name, ask_new_password(console))
            console.say(f"Administrator {member.login} created.")
            return
        except HospitalError as error:
            console.error(str(error))
        except Back:  # an empty answer: this screen cannot be skipped
            console.say("The first administrator is needed to go on (Ctrl-D leaves).")


def ask_new_password(console: Console, label: str = "New password") -> str:
    """A password typed twice, hidden; re-asked with the reason until both agree and it is one."""
    while True:
        first = console.ask_secret(f"{label} (8 to 128 characters): ")
        try:
            validate_password(first)
        except InvalidField as error:
            console.error(str(error))
            continue
        if console.ask_secret("The same password again: ") == first:
            return first
        console.error("the two passwords differ; type them again")


def sign_in(ctx: Context, console: Console, sleep: Sleep = time.sleep) -> Actor:
    """Ask for a login name and password until they are right (Ctrl-D leaves)."""
    console.heading("Sign in")
    attempts = SignInAttempts()
    while True:
        login = console.ask("Login name: ").strip()
        if not login:
            continue
        try:
            validate_login(login)  # a name that cannot be one is refused before the password is asked
        except InvalidField as error:
            console.error(str(error))
            continue
        try:
            actor = staff.sign_in(ctx, login, console.ask_secret("Password: "))
        except (NotSignedIn, InvalidField) as error:
            console.error(str(error))
            _wait(console, attempts.failed(), sleep)
            continue
        console.say(f"Signed in as {actor.login} ({roles_text(actor.roles)}).")
        return actor


def _wait(console: Console, seconds: float, sleep: Sleep) -> None:
    if seconds:
        console.say(f"Wait {seconds:g} seconds before the next try.")
        sleep(seconds)


class IdleLock:
    """Locks the screen after `minutes` without input; only the same user's password unlocks it."""

    def __init__(self, ctx: Context, minutes: int, sleep: Sleep = time.sleep):
        self.ctx, self.seconds, self.sleep = ctx, minutes * 60.0, sleep
        self.minutes = minutes

    def unlock(self, console: Console) -> None:
        login = self.ctx.actor.login
        console.say(f"\nLocked after {self.minutes} minutes without input. Only {login} can go on; Ctrl-D leaves.")
        attempts = SignInAttempts()
        while True:
            try:
                staff.confirm_password(self.ctx, console.ask_secret(f"Password for {login}: "))
            except NotSignedIn as error:
                console.error(str(error))
                _wait(console, attempts.failed(), self.sleep)
                continue
            console.say("Unlocked; carry on where you were.")
            return
