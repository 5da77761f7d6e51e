"""Opening the menu: the database (created, with the demo data offered, on the very first start),
then the main menu until the clerk leaves."""
from __future__ import annotations

from ..db_config import Settings
from ..operations import setup
from ..operations.context import Context, open_context
from .app import App
from .console import Console
from .main_menu import main_menu
from .prompts import confirm


def start_menu(settings: Settings, console: Console, debug: bool = False) -> None:
    with open_for_menu(settings, console) as ctx:
        main_menu(App(console, ctx, debug=debug)).run()


def open_for_menu(settings: Settings, console: Console) -> Context:
    """Open the database; on the very first start create it and offer the demo data."""
    first_start = settings.db_engine == "sqlite" and not settings.sqlite_path.exists()
    ctx = open_context(settings, create=first_start)
    if setup.create_schema(ctx):
        console.say(f"Created a new database: {settings.describe_database()}.")
        if confirm(console, "Load the demo data (patients, doctors, services, bills)?", default=True):
            loaded = setup.load_demo_data(ctx)
            console.say(f"Loaded {sum(loaded.values())} demo rows.")
    return ctx
