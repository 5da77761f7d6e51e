"""`hospital-mgmt` (or `python -m hospital_mgmt`): the menu, or with a command one job for cron and
scripts. Each command parses its options, calls one operation and prints what it returned,
through the same console as the menu; every error goes through the one boundary (boundary.py).

Each command loads its operations when it runs, so the menu (and every command) starts without
loading what it does not use."""
from __future__ import annotations

import argparse
import io
import os
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .boundary import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, explain
from .db_config import Settings, SettingsError, load_settings
from .domain.errors import HospitalError, InvalidRequest
from .domain.validation import parse_date
from .log_setup import configure
from .ui.console import Console

if TYPE_CHECKING:
    from .operations.context import Context

# The choices of the commands, here so that parsing them loads no operation; tests hold them equal
# to the operations' own lists.
REPORT_NAMES = ["daily-visits", "top-doctors", "revenue-by-service", "doctor-monthly", "patient-inflow",
                "monthly-revenue", "unpaid", "cash-up", "kpi",
                "unapplied-deposits", "department-load", "high-risk",
                "weight-by-city", "lab-results"]
EXPORT_KINDS = ["billing", "appointments"]
IMPORT_KINDS = ["patients", "doctors", "services"]
STAFF_ACTIONS = ["list", "add", "roles", "password", "deactivate", "activate"]
ROLE_NAMES = ["administrator", "front_desk", "cashier", "doctor", "manager", "scheduler"]

COMMANDS_HELP = """commands (without one, the menu opens):
  init-db            create the schema (and load the demo data unless --empty)
  seed               load the demo data into an empty database
  invoice            write one bill's invoice, or every bill of a date range
  report             show a report (and write it to CSV with --csv)
  export             billing or appointments to CSV
  import             patients, doctors or services from CSV
  daily-report       the day's visits and cash-up to CSV (for cron)
  pdf-report         the PDF summary report with charts
  check-db           check the database for damage
  rebuild-summaries  compute the reports' summaries (daily, monthly, yearly) again from the records
  backup             a consistent copy of the database, made while terminals work
  restore            put a backup back into an empty database
  audit              who did what, when, at which terminal (filters, CSV)
  staff              staff accounts: list, add, roles, password, deactivate, activate
  serve              the HTTP API (staff sign in with their own accounts)

Every command runs as a staff member: --user NAME (or HMS_USER), with the password from
HMS_PASSWORD or typed at the terminal. init-db on a new database makes the first administrator
from HMS_ADMIN_PASSWORD (login HMS_ADMIN_LOGIN, default admin) or asks for it.

examples:
  hospital-mgmt invoice B001 --pdf
  hospital-mgmt invoice --from 2026-11-01 --to 2026-11-30 --pdf
  hospital-mgmt report top-doctors --from 2026-01-01 --to 2026-06-30 --csv top.csv
  hospital-mgmt export billing --from 2026-11-01 --to 2026-11-30
  hospital-mgmt import patients new_patients.csv
  hospital-mgmt daily-report --date 2026-11-21
  hospital-mgmt pdf-report --from 2026-01-01 --to 2026-11-30
  hospital-mgmt backup
  hospital-mgmt restore output/backups/hospital_20261122_210000.db
  hospital-mgmt --user meena audit --record B042
  HMS_NEW_PASSWORD=... hospital-mgmt --user admin staff add scheduler --name "Nightly Jobs" --roles scheduler
  hospital-mgmt serve --port 8000
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hospital-mgmt", description="Hospital front desk and billing.",
        epilog=COMMANDS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"hospital_mgmt {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of a short apology")
    parser.add_argument("--user", metavar="NAME", help="the staff member a command runs as (default: HMS_USER)")
    commands = parser.add_subparsers(dest="command", metavar="command")
    init = commands.add_parser("init-db", help="create the schema and load the demo data")
    init.add_argument("--empty", action="store_true", help="create the schema only, without demo data")
    seed = commands.add_parser("seed", help="load the demo data into an empty database")
    seed.add_argument("--dir", type=Path, default=None, help="folder of seed CSVs (default: the demo data)")
    seed.add_argument("--scale", type=int, metavar="N",
                      help="instead, a synthetic hospital: N patients, N/10 doctors, 5N appointments, 3N bills")
    invoice = commands.add_parser("invoice", help="write invoices: one bill, or every bill of a date range")
    invoice.add_argument("bill", nargs="?", help="bill code, e.g. B001")
    _period_arguments(invoice, "billing date")
    invoice.add_argument("--pdf", action="store_true", help="write the PDF instead of the text invoice")
    report = commands.add_parser("report", help="show a report; --csv PATH also writes it")
    report.add_argument("name", choices=REPORT_NAMES, help="which report")
    _period_arguments(report)
    report.add_argument("--csv", type=Path, help="also write the report to this CSV file")
    report.add_argument("--force", action="store_true", help="replace the --csv file if it exists")
    report.add_argument("--date", type=_date_argument, help="one day: of cash-up or unapplied-deposits (default today)")
    export = commands.add_parser("export", help="write billing or appointments to CSV")
    export.add_argument("what", choices=EXPORT_KINDS)
    _period_arguments(export)
    export.add_argument("--out", type=Path,
                        help="CSV file (default OUTPUT_DIR/reports/<what>_summary_<from>_<to>.csv)")
    export.add_argument("--force", action="store_true", help="replace the --out file if it exists")
    imports = commands.add_parser("import", help="add patients, doctors or services from a CSV file")
    imports.add_argument("what", choices=IMPORT_KINDS)
    imports.add_argument("file", type=Path)
    daily = commands.add_parser("daily-report", help="the day's visits and cash-up to CSV (for cron)")
    daily.add_argument("--date", type=_date_argument, help="the day to report (default yesterday)")
    pdf = commands.add_parser("pdf-report", help="write the PDF summary report with charts")
    _period_arguments(pdf)
    commands.add_parser("check-db", help="check the database for damage (exit status 1 if it finds any)")
    commands.add_parser("rebuild-summaries",
                        help="compute the reports' summaries (daily, monthly, yearly) again from the records")
    backup = commands.add_parser("backup", help="a consistent copy of the database, made while terminals work")
    backup.add_argument("--to", dest="target", type=Path,
                        help="the file (default OUTPUT_DIR/backups/hospital_YYYYMMDD_HHMMSS.db or .jsonl.gz)")
    restore = commands.add_parser("restore", help="put a backup back into an empty database")
    restore.add_argument("source", type=Path, help="a file `backup` wrote")
    audit = commands.add_parser("audit", help="the audit trail: who did what, when, at which terminal")
    audit.add_argument("--login", help="one user's actions (their login name)")
    audit.add_argument("--record", help="one record's changes (1001, B042, D07, ...)")
    audit.add_argument("--operation", help="one operation (patient.update), or a family of them (patient.)")
    _period_arguments(audit)
    audit.add_argument("--csv", type=Path, help="write every matching row to this CSV file instead")
    audit.add_argument("--force", action="store_true", help="replace the --csv file if it exists")
    audit.add_argument("--page", type=int, default=1, help="which page of 20 rows to show (newest first)")
    serve = commands.add_parser("serve", help="the HTTP API, with docs at /docs")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: this"
                                                           " machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    accounts = commands.add_parser("staff", help="staff accounts (administrators)")
    accounts.add_argument("action", choices=STAFF_ACTIONS)
    accounts.add_argument("login", nargs="?", help="the account's login name")
    accounts.add_argument("--name", help="full name (add)")
    accounts.add_argument("--roles", help="roles, comma-separated (add, roles): " + ", ".join(ROLE_NAMES))
    accounts.add_argument("--doctor", help="the doctor record of a doctor's account, e.g. D07 (add, roles)")
    return parser


def _period_arguments(parser: argparse.ArgumentParser, what: str = "day") -> None:
    parser.add_argument("--from", dest="date_from", type=_date_argument, help=f"first {what} (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", type=_date_argument, help=f"last {what} (YYYY-MM-DD)")


def _date_argument(text: str) -> date:
    try:
        return parse_date(text)
    except HospitalError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def main(argv: list[str] | None = None, console: Console | None = None) -> int:
    """Run the menu or one command; return the exit status (0, 1 error, 2 bad setting or usage, 130)."""
    if console is None:
        _tolerate_any_bytes()
        console = Console(echo=not sys.stdin.isatty())
    args = _parse(argv, console)
    if isinstance(args, int):
        return args
    try:
        settings = load_settings()
    except SettingsError as error:
        return explain(error, console.errors, where="start-up")
    warning = configure(settings.log_file, warn=console.errors.alert)
    if warning:
        console.errors.alert(warning)
    command = COMMANDS.get(args.command, run_menu)
    try:
        return command(args, settings, console)
    except (Exception, KeyboardInterrupt) as error:
        return explain(error, console.errors, where=args.command or "menu", log_file=settings.log_file,
                       debug=args.debug)


def run() -> None:
    """The `hospital-mgmt` command."""
    sys.exit(main())


def _tolerate_any_bytes() -> None:
    """A byte that is not UTF-8 typed at a prompt becomes U+FFFD, which the prompt refuses with its
    reason, instead of ending the program; text the terminal cannot show is replaced likewise."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _parse(argv: list[str] | None, console: Console) -> argparse.Namespace | int:
    """The parsed arguments, or the exit status when argparse has finished (--help, --version,
    a usage error), having written to the console's streams."""
    with redirect_stdout(console.out), redirect_stderr(console.err):
        try:
            return build_parser().parse_args(argv)
        except SystemExit as done:
            return done.code if isinstance(done.code, int) else EXIT_OK


def signed_in(args, settings: Settings, console: Console, *, create: bool = False) -> Context:
    """The database opened for the staff member the command runs as (NotSignedIn otherwise)."""
    from .operations.context import open_context
    ctx = open_context(settings, create=create)
    try:
        ctx.actor = _command_user(args, ctx, console)
    except BaseException:
        ctx.close()
        raise
    return ctx


def _command_user(args, ctx: Context, console: Console):
    from .domain.errors import NotSignedIn
    from .operations import staff
    login = args.user or os.environ.get("HMS_USER")
    if not ctx.db.has_schema() or not staff.has_staff(ctx):
        raise NotSignedIn("the database has no staff accounts yet: run `hospital-mgmt init-db` (with"
                          " HMS_ADMIN_PASSWORD) or open the menu to create the first administrator")
    if not login:
        raise NotSignedIn("say who runs the command: --user NAME (or HMS_USER), with the password in HMS_PASSWORD")
    return staff.sign_in(ctx, login, _password(console, f"Password for {login}: ", "HMS_PASSWORD"))


def _password(console: Console, prompt: str, variable: str) -> str:
    """From the environment (scripts, cron) or typed at the terminal, never from the command line."""
    from .domain.errors import NotSignedIn
    if os.environ.get(variable):
        return os.environ[variable]
    if not console.interactive:
        raise NotSignedIn(f"set {variable}, or run the command at a terminal to type the password")
    return console.ask_secret(prompt)


def init_db(args, settings: Settings, console: Console) -> int:
    from .operations import setup
    from .operations.context import open_context
    with open_context(settings, create=True) as ctx:
        if setup.create_schema(ctx):
            console.say(f"Created the tables in {settings.describe_database()}.")
        else:
            console.say(f"The database already has its tables ({settings.describe_database()}); nothing to create.")
        first = _first_administrator(ctx, console)
        if not args.empty:
            ctx.actor = first or _command_user(args, ctx, console)
            _load_demo_data(ctx, console, None)
    return EXIT_OK


def _first_administrator(ctx: Context, console: Console):
    """A new database's first administrator, from HMS_ADMIN_LOGIN and HMS_ADMIN_PASSWORD or typed;
    their actor, or None when the database has staff already."""
    from .operations import staff
    if staff.has_staff(ctx):
        return None
    login = os.environ.get("HMS_ADMIN_LOGIN") or "admin"
    password = _password(console, f"Password for the first administrator, {login}: ", "HMS_ADMIN_PASSWORD")
    if not os.environ.get("HMS_ADMIN_PASSWORD") and console.ask_secret("The same password again: ") != password:
        from .domain.errors import InvalidField
        raise InvalidField("password", "the two passwords differ; nothing was created")
    member = staff.create_first_administrator(ctx, login, os.environ.get("HMS_ADMIN_NAME") or "Administrator",
                                              password)
    console.say(f"Created the first administrator, {member.login}; sign in with it to add the staff.")
    return member.actor()


def seed(args, settings: Settings, console: Console) -> int:
    from .operations import setup
    with signed_in(args, settings, console, create=True) as ctx:
        setup.create_schema(ctx)
        if args.scale is not None:
            _load_scale(ctx, console, args.scale)
        else:
            _load_demo_data(ctx, console, args.dir)
    return EXIT_OK


def _load_scale(ctx: Context, console: Console, patients: int) -> None:
    from tqdm import tqdm

    from .operations import setup
    started = time.perf_counter()
    tables = setup.scale_plan(patients)
    with tqdm(total=sum(table.count for table in tables), desc="Loading", unit="row", file=console.err) as bar:
        def progress(table: str, rows: int) -> None:
            bar.set_postfix_str(table)
            bar.update(rows)
        loaded = setup.load_scale_data(ctx, tables, progress=progress)
    console.say(", ".join(f"{table} {count}" for table, count in loaded.items()))
    console.say(f"Loaded {sum(loaded.values())} rows in {time.perf_counter() - started:.1f} s.")


def _load_demo_data(ctx: Context, console: Console, folder: Path | None) -> None:
    from .operations import setup
    started = time.perf_counter()
    loaded = setup.load_demo_data(ctx, folder)
    console.say(", ".join(f"{table} {count}" for table, count in loaded.items()))
    console.say(f"Loaded {sum(loaded.values())} demo rows in {time.perf_counter() - started:.2f} s.")


def invoice(args, settings: Settings, console: Console) -> int:
    from .domain.codes import parse_code
    from .domain.period import Period
    from .operations import documents
    text, pdf = not args.pdf, args.pdf
    if args.bill and (args.date_from or args.date_to):
        raise InvalidRequest("give a bill code or --from/--to, not both")
    with signed_in(args, settings, console) as ctx:
        if args.bill:
            for path in documents.print_invoice(ctx, parse_code("bill", args.bill), text=text, pdf=pdf):
                console.say(str(path))
            return EXIT_OK
        if not (args.date_from and args.date_to):
            raise InvalidRequest("give a bill code (invoice B001) or a range (invoice --from DATE --to DATE)")
        if args.date_to < args.date_from:
            raise InvalidRequest(f"--to {args.date_to} is before --from {args.date_from}")
        bill_ids = documents.bills_between(ctx, Period(args.date_from, args.date_to))
        from tqdm import tqdm
        with tqdm(total=len(bill_ids), desc="Invoices", unit="bill", file=console.err, disable=not bill_ids) as bar:
            documents.print_invoices(ctx, bill_ids, text=text, pdf=pdf, progress=bar.update)
    console.say(f"Wrote {len(bill_ids)} invoices to {settings.invoices_dir}")
    return EXIT_OK


def report(args, settings: Settings, console: Console) -> int:
    from .operations import reports
    from .ui.tables import render_report
    with signed_in(args, settings, console) as ctx:
        period = reports.report_period(ctx, args.name, args.date or args.date_from, args.date or args.date_to)
        result = reports.run_report(ctx, args.name, period)
        console.say(render_report(result, settings.currency))
        if args.csv:
            console.say(f"Wrote {reports.save_report(ctx, result, args.csv, replace=args.force)}")
    return EXIT_OK


def export(args, settings: Settings, console: Console) -> int:
    from .domain.period import Period, all_time
    from .operations import documents
    with signed_in(args, settings, console) as ctx:
        period = Period(args.date_from or all_time(ctx.today()).first, args.date_to or ctx.today())
        path = args.out or documents.default_export_path(ctx, args.what, period)
        count = documents.export(ctx, args.what, period, path, replace=args.force)
    console.say(f"Wrote {count} rows to {path}")
    return EXIT_OK


def import_file(args, settings: Settings, console: Console) -> int:
    from tqdm import tqdm

    from .operations import imports

    def progress(records: list) -> tqdm:
        return tqdm(records, desc="Checking rows", unit="row", file=console.err, disable=len(records) <= 1000)
    with signed_in(args, settings, console) as ctx:
        result = imports.import_file(ctx, args.what, args.file, progress=progress)
    for warning in result.warnings:
        console.say(f"Warning: {warning}")
    for line, _, reason in result.rejected:
        console.say(f"line {line}: {reason}")
    if result.rejects_path:
        console.say(f"Rejected rows written to {result.rejects_path}")
    console.say(result.summary)
    return EXIT_OK


def daily_report(args, settings: Settings, console: Console) -> int:
    from .operations import documents
    with signed_in(args, settings, console) as ctx:
        for path in documents.write_daily_report(ctx, args.date or ctx.today() - timedelta(days=1)):
            console.say(f"Wrote {path}")
    return EXIT_OK


def pdf_report(args, settings: Settings, console: Console) -> int:
    from .domain.period import Period, this_month
    from .operations import documents
    with signed_in(args, settings, console) as ctx:
        default = this_month(args.date_to or ctx.today())
        period = Period(args.date_from or default.first, args.date_to or default.last)
        console.say(f"Wrote {documents.write_summary(ctx, period)}")
    return EXIT_OK


def check_db(args, settings: Settings, console: Console) -> int:
    from .operations import maintenance
    with signed_in(args, settings, console) as ctx:
        problems = maintenance.check_database(ctx)
    if not problems:
        console.say(f"The database is sound ({settings.describe_database()}).")
        return EXIT_OK
    console.say(f"The database has {len(problems)} problem{'s' if len(problems) > 1 else ''}:")
    for problem in problems:
        console.say(f"  {problem}")
    console.say("Restore the latest backup into a new database: hospital-mgmt restore FILE")
    return EXIT_FAILED


def rebuild_summaries(args, settings: Settings, console: Console) -> int:
    from .operations import maintenance
    with signed_in(args, settings, console) as ctx:
        differed, written = maintenance.rebuild_summaries(ctx)
    console.say(f"Rebuilt the summaries: {sum(written.values())} rows ({_tables(written)}).")
    console.say("They matched the records." if not differed else
                f"{differed} summary row had differed from the records and is now corrected." if differed == 1 else
                f"{differed} summary rows had differed from the records and are now corrected.")
    return EXIT_OK


def backup_db(args, settings: Settings, console: Console) -> int:
    from .operations import maintenance
    with signed_in(args, settings, console) as ctx:
        path, copied = maintenance.backup_database(ctx, args.target)
    console.say(f"Backed up {sum(copied.values())} rows ({_tables(copied)}) to {path}")
    return EXIT_OK


def restore_db(args, settings: Settings, console: Console) -> int:
    from .operations import maintenance, staff
    from .operations.context import open_context
    with open_context(settings, create=True) as ctx:
        if ctx.db.has_schema() and staff.has_staff(ctx):  # an empty database has no one to sign in as
            ctx.actor = _command_user(args, ctx, console)
        restored = maintenance.restore_database(ctx, args.source)
    console.say(f"Restored {sum(restored.values())} rows ({_tables(restored)}) into {settings.describe_database()}")
    return EXIT_OK


def _tables(counts: dict[str, int]) -> str:
    return ", ".join(f"{table} {count}" for table, count in counts.items())


def run_menu(args, settings: Settings, console: Console) -> int:
    from .ui.menu_start import start_menu  # the menus are loaded only when the menu is opened
    try:
        start_menu(settings, console, debug=args.debug)
    except EOFError:
        console.say("\nGoodbye.")
        return EXIT_OK
    except KeyboardInterrupt:
        console.say("\nGoodbye.")
        return EXIT_INTERRUPTED
    console.say("Goodbye.")
    return EXIT_OK


def audit(args, settings: Settings, console: Console) -> int:
    from .domain.audit import AuditFilter
    from .domain.period import Period, all_time
    from .operations import audit_trail
    from .ui.tables import render
    with signed_in(args, settings, console) as ctx:
        period = None
        if args.date_from or args.date_to:
            period = Period(args.date_from or all_time(ctx.today()).first, args.date_to or ctx.today())
        where = AuditFilter(args.login and args.login.lower(), args.record and args.record.upper(),
                            args.operation and args.operation.lower(), period)
        if args.csv:
            count = audit_trail.export_audit(ctx, where, args.csv, replace=args.force)
            console.say(f"Wrote {count} rows to {args.csv}")
            return EXIT_OK
        page = audit_trail.audit_page(ctx, where, max(args.page, 1))
    console.say(render(["When", "User", "Terminal", "Operation", "Record", "What", "Changes"],
                       [[f"{r.happened_at:%Y-%m-%d %H:%M:%S}", r.login, f"{r.host} {r.process}", r.operation,
                         r.record, r.summary, r.changes_text()] for r in page.items]))
    if page.has_next:
        console.say(f"More: --page {page.number + 1}")
    return EXIT_OK


def staff_command(args, settings: Settings, console: Console) -> int:
    """An administrator's work on accounts, for scripts: a new password from HMS_NEW_PASSWORD or typed twice."""
    from .domain.codes import parse_code
    from .domain.staff import StaffMember, roles_text, validate_roles
    from .operations import staff
    from .ui.tables import render
    if args.action != "list" and not args.login:
        raise InvalidRequest(f"staff {args.action} needs the login name: staff {args.action} LOGIN")
    doctor_id = parse_code("doctor", args.doctor) if args.doctor else None
    with signed_in(args, settings, console) as ctx:
        if args.action == "list":
            members = staff.list_staff(ctx, 1, 10_000).items
            console.say(render(["Login", "Full name", "Roles", "Active"], [
                [m.login, m.full_name, roles_text(m.roles), "yes" if m.active else "no"] for m in members]))
        elif args.action == "add":
            member = StaffMember(args.login, args.name or "", validate_roles(args.roles or ""), doctor_id=doctor_id)
            staff.add_staff_member(ctx, member, _new_password(console))
            console.say(f"Added {member.login} ({roles_text(member.roles)})")
        elif args.action == "roles":
            after = staff.change_roles(ctx, args.login, args.roles or "", doctor_id)
            console.say(f"{after.login} now has the roles {roles_text(after.roles)}")
        elif args.action == "password":
            staff.reset_password(ctx, args.login, _new_password(console))
            console.say(f"The password of {args.login} is reset")
        else:
            after = staff.set_active(ctx, args.login, args.action == "activate")
            console.say(f"{after.login} is {'active' if after.active else 'deactivated'}")
    return EXIT_OK


def _new_password(console: Console) -> str:
    password = _password(console, "New password: ", "HMS_NEW_PASSWORD")
    if not os.environ.get("HMS_NEW_PASSWORD") and console.ask_secret("The same password again: ") != password:
        raise InvalidRequest("the two passwords differ; nothing was changed")
    return password


def serve(args, settings: Settings, console: Console) -> int:
    """The API: no one signs in here; each client signs in with its own staff account."""
    from .api.server import serve as run_server
    if not 1 <= args.port <= 65535:
        from .domain.errors import InvalidField
        raise InvalidField("port", f"{args.port} is not a port (1 to 65535)")
    run_server(settings, args.host, args.port, console.say)
    return EXIT_OK


COMMANDS = {"init-db": init_db, "seed": seed, "invoice": invoice, "report": report, "export": export,
            "import": import_file, "daily-report": daily_report, "pdf-report": pdf_report, "check-db": check_db,
            "rebuild-summaries": rebuild_summaries,
            "backup": backup_db, "restore": restore_db, "audit": audit, "staff": staff_command, "serve": serve}
