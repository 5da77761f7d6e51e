"""Opening the menu: the database (created, with the demo data offered, on the very first start),
then the main menu until the clerk leaves."""
from __future__ import annotations

import time
from dataclasses import replace

from ..db_config import Settings
from ..operations import setup
from ..operations.context import Context, open_context
from .app import App
from .console import Console
from .main_menu import main_menu
from .prompts import SignOut, confirm
from .session import IdleLock, Sleep, make_first_administrator, sign_in


def start_menu(settings: Settings, console: Console, debug: bool = False, sleep: Sleep = time.sleep) -> None:
    """Sign in, work, sign out and let the next person sign in, until someone chooses Exit."""
    with open_for_menu(settings, console) as ctx:
        make_first_administrator(ctx, console)
        while True:
            if run_signed_in(ctx, console, debug, sleep):
                return


def run_signed_in(ctx: Context, console: Console, debug: bool = False, sleep: Sleep = time.sleep) -> bool:
    """One person's session at the terminal; True when they chose Exit, False when they signed out."""
    signed_in = replace(ctx, actor=sign_in(ctx, console, sleep))
    console.lock = IdleLock(signed_in, ctx.settings.idle_lock_minutes, sleep)
    try:
        main_menu(App(console, signed_in, debug=debug)).run()
        return True
    except SignOut:
        signed_in.log(f"user {signed_in.actor.login} signed out")
        console.say(f"{signed_in.actor.login} signed out.")
        return False
    finally:
        console.lock = None


def open_for_menu(settings: Settings, console: Console) -> Context:
    """Open the database; on the very first start create it and offer the demo data."""
    first_start = settings.db_engine == "sqlite" and not settings.sqlite_path.exists()
    ctx = open_context(settings, create=first_start)
    try:
        if setup.create_schema(ctx):
            console.say(f"Created a new database: {settings.describe_database()}.")
            if confirm(console, "Load the demo data (patients, doctors, services, bills)?", default=True):
                loaded = setup.load_demo_data(ctx)
                console.say(f"Loaded {sum(loaded.values())} demo rows.")
    except BaseException:
        ctx.close()
        raise
    return ctx
