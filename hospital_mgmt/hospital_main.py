"""`python -m hospital_mgmt`: the menu loop and the one-shot commands.

This is the one boundary where errors become a line for the user and an exit code:
`Error: <reason>` for what the application understands, a short apology for the rest
(the traceback goes to the log, or to the screen with --debug), 130 for Ctrl-C.
"""
import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .db_config import Settings, SettingsError, connect, load_settings
from .domain.errors import HospitalError
from .log_setup import configure, log

COMMANDS_HELP = """commands (without one, the menu opens):
  init-db            create the schema (and load the demo data unless --empty)
  seed               load the demo data from seed/ into an empty database
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m hospital_mgmt", description="Hospital front desk and billing.",
        epilog=COMMANDS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"hospital_mgmt {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of a short apology")
    commands = parser.add_subparsers(dest="command", metavar="command")
    init = commands.add_parser("init-db", help="create the schema and load the demo data")
    init.add_argument("--empty", action="store_true", help="create the schema only, without demo data")
    seed = commands.add_parser("seed", help="load the demo data from seed/ into an empty database")
    seed.add_argument("--dir", type=Path, default=None, help="folder of seed CSVs (default: seed/)")
    return parser


def main(argv=None, console=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    warning = configure(settings.log_file)
    if warning:
        print(warning, file=sys.stderr)
    handler = COMMANDS.get(args.command, run_menu)
    try:
        return handler(args, settings, console)
    except HospitalError as error:
        log.warning("command %s failed: %s", args.command, type(error).__name__)
        print(f"Error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (`... | head`)
        return 0
    except Exception:
        log.exception("unexpected error in %s", args.command or "menu")
        if args.debug:
            raise
        print(f"Sorry, something went wrong. The details are in {settings.log_file}.", file=sys.stderr)
        return 1


def init_db(args, settings: Settings, console) -> int:
    with connect(settings, create=True) as db:
        if db.has_schema():
            print(f"The database already has its tables ({settings.describe_database()}); nothing to create.")
        else:
            db.create_schema()
            log.info("schema created on %s", db.engine)
            print(f"Created the tables in {settings.describe_database()}.")
        if not args.empty:
            _load_demo_data(db, None)
    return 0


def seed(args, settings: Settings, console) -> int:
    with connect(settings, create=True) as db:
        if not db.has_schema():
            db.create_schema()
        _load_demo_data(db, args.dir)
    return 0


def _load_demo_data(db, folder) -> None:
    from .storage.seed_loader import SEED_DIR, load_seed
    started = time.perf_counter()
    loaded = load_seed(db, folder or SEED_DIR)
    seconds = time.perf_counter() - started
    log.info("demo data loaded on %s: %s", db.engine, loaded)
    print(", ".join(f"{table} {count}" for table, count in loaded.items()))
    print(f"Loaded {sum(loaded.values())} demo rows in {seconds:.2f} s.")


def run_menu(args, settings: Settings, console) -> int:
    from .ui.console import Console
    from .ui.main_menu import main_menu
    # With piped input nothing echoes the answers; writing them keeps the transcript readable.
    console = console or Console(echo=not sys.stdin.isatty())
    try:
        db = _open_for_menu(settings, console)
        from .ui.app import App
        with db:
            main_menu(App(console, settings, db, debug=args.debug)).run()
        console.say("Goodbye.")
        return 0
    except EOFError:
        console.say("\nGoodbye.")
        return 0
    except KeyboardInterrupt:
        console.say("\nGoodbye.")
        return 130


def _open_for_menu(settings: Settings, console):
    """Open the database; on the very first start create it and offer the demo data."""
    from .ui.prompts import confirm
    first_start = settings.db_engine == "sqlite" and not settings.sqlite_path.exists()
    db = connect(settings, create=first_start)
    if first_start or not db.has_schema():
        db.create_schema()
        console.say(f"Created a new database: {settings.describe_database()}.")
        log.info("schema created on %s at first start", db.engine)
        if confirm(console, "Load the demo data (patients, doctors, services, bills)?", default=True):
            from .storage.seed_loader import load_seed
            loaded = load_seed(db)
            console.say(f"Loaded {sum(loaded.values())} demo rows.")
    return db


COMMANDS = {"init-db": init_db, "seed": seed}
