"""`python -m hospital_mgmt`: the menu loop and the one-shot commands.

This is the one boundary where errors become a line for the user and an exit code:
`Error: <reason>` for what the application understands, a short apology for the rest
(the traceback goes to the log, or to the screen with --debug), 130 for Ctrl-C.
"""
import argparse
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from . import __version__
from .db_config import Settings, SettingsError, connect, load_settings
from .domain.errors import HospitalError
from .log_setup import configure, log

# The names of reports.REPORTS, listed here so that start-up need not import the reports.
REPORT_NAMES = ["daily-visits", "top-doctors", "revenue-by-service", "doctor-monthly", "patient-inflow",
                "monthly-revenue", "unpaid", "cash-up", "kpi"]
COMMANDS_HELP = """commands (without one, the menu opens):
  init-db            create the schema (and load the demo data unless --empty)
  seed               load the demo data from seed/ into an empty database
  invoice            write one bill's invoice, or every bill of a date range
  report             show a report (and write it to CSV with --csv)
  export             billing or appointments to CSV
  import             patients, doctors or services from CSV
  daily-report       the day's visits and cash-up to CSV (for cron)
  pdf-report         the PDF summary report with charts

examples:
  python -m hospital_mgmt invoice B001 --pdf
  python -m hospital_mgmt invoice --from 2026-11-01 --to 2026-11-30 --pdf
  python -m hospital_mgmt report top-doctors --from 2026-01-01 --to 2026-06-30 --csv top.csv
  python -m hospital_mgmt export billing --from 2026-11-01 --to 2026-11-30
  python -m hospital_mgmt import patients new_patients.csv
  python -m hospital_mgmt daily-report --date 2026-11-21
  python -m hospital_mgmt pdf-report --from 2026-01-01 --to 2026-11-30
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
    seed.add_argument("--scale", type=int, metavar="N",
                      help="instead, a synthetic hospital: N patients, N/10 doctors, 5N appointments, 3N bills")
    invoice = commands.add_parser("invoice", help="write invoices: one bill, or every bill of a date range")
    invoice.add_argument("bill", nargs="?", help="bill code, e.g. B001")
    invoice.add_argument("--from", dest="date_from", type=_date_argument, help="first billing date (YYYY-MM-DD)")
    invoice.add_argument("--to", dest="date_to", type=_date_argument, help="last billing date (YYYY-MM-DD)")
    invoice.add_argument("--pdf", action="store_true", help="write the PDF instead of the text invoice")
    report = commands.add_parser("report", help="show a report; --csv PATH also writes it")
    report.add_argument("name", choices=REPORT_NAMES, help="which report")
    _period_arguments(report)
    report.add_argument("--csv", type=Path, help="also write the report to this CSV file")
    report.add_argument("--date", type=_date_argument, help="the day, for cash-up (default today)")
    export = commands.add_parser("export", help="write billing or appointments to CSV")
    export.add_argument("what", choices=["billing", "appointments"])
    _period_arguments(export)
    export.add_argument("--out", type=Path, help="CSV file (default OUTPUT_DIR/reports/<what>_summary_YYYYMMDD.csv)")
    imports = commands.add_parser("import", help="add patients, doctors or services from a CSV file")
    imports.add_argument("what", choices=["patients", "doctors", "services"])
    imports.add_argument("file", type=Path)
    daily = commands.add_parser("daily-report", help="the day's visits and cash-up to CSV (for cron)")
    daily.add_argument("--date", type=_date_argument, help="the day to report (default yesterday)")
    pdf = commands.add_parser("pdf-report", help="write the PDF summary report with charts")
    _period_arguments(pdf)
    return parser


def _period_arguments(parser) -> None:
    parser.add_argument("--from", dest="date_from", type=_date_argument, help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", type=_date_argument, help="last day (YYYY-MM-DD)")


def _date_argument(text: str):
    from .domain.validation import parse_date
    try:
        return parse_date(text)
    except HospitalError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


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
        if args.scale is not None:
            _load_scale(db, args.scale)
        else:
            _load_demo_data(db, args.dir)
    return 0


def _load_scale(db, patients: int) -> None:
    from tqdm import tqdm
    from .storage.scale_loader import load_scale, scale_tables
    started = time.perf_counter()
    tables = scale_tables(patients)
    with tqdm(total=sum(table.count for table in tables), desc="Loading", unit="row", file=sys.stderr) as bar:
        loaded = load_scale(db, tables, progress=lambda table, rows: (bar.set_postfix_str(table), bar.update(rows)))
    seconds = time.perf_counter() - started
    log.info("scale data loaded on %s: %s", db.engine, loaded)
    print(", ".join(f"{table} {count}" for table, count in loaded.items()))
    print(f"Loaded {sum(loaded.values())} rows in {seconds:.1f} s.")


def _load_demo_data(db, folder) -> None:
    from .storage.seed_loader import SEED_DIR, load_seed
    started = time.perf_counter()
    loaded = load_seed(db, folder or SEED_DIR)
    seconds = time.perf_counter() - started
    log.info("demo data loaded on %s: %s", db.engine, loaded)
    print(", ".join(f"{table} {count}" for table, count in loaded.items()))
    print(f"Loaded {sum(loaded.values())} demo rows in {seconds:.2f} s.")


def invoice(args, settings: Settings, console) -> int:
    from .domain.codes import parse_code
    from .invoices import issue_invoice
    text, pdf = not args.pdf, args.pdf
    with connect(settings) as db:
        if args.bill:
            if args.date_from or args.date_to:
                raise HospitalError("give a bill code or --from/--to, not both")
            for path in issue_invoice(db, settings, parse_code("bill", args.bill), text=text, pdf=pdf):
                print(path)
            return 0
        if not (args.date_from and args.date_to):
            raise HospitalError("give a bill code (invoice B001) or a range (invoice --from DATE --to DATE)")
        if args.date_to < args.date_from:
            raise HospitalError(f"--to {args.date_to} is before --from {args.date_from}")
        from tqdm import tqdm
        from .invoices import issue_invoices
        from .storage.bills import BillRepository
        bill_ids = BillRepository(db).ids_between(args.date_from, args.date_to)
        with tqdm(total=len(bill_ids), desc="Invoices", unit="bill", file=sys.stderr, disable=not bill_ids) as bar:
            issue_invoices(db, settings, bill_ids, text=text, pdf=pdf, progress=bar.update)
        log.info("%d invoices written for %s to %s", len(bill_ids), args.date_from, args.date_to)
        print(f"Wrote {len(bill_ids)} invoices to {settings.invoices_dir}")
    return 0


def report(args, settings: Settings, console) -> int:
    from .reports import run_report, write_csv
    from .ui.tables import render_report
    today = date.today()
    first, last = args.date_from, args.date_to
    if args.name == "cash-up":
        first = last = args.date or args.date_to or today
    with connect(settings) as db:
        result = run_report(db, args.name, first, last, today)
    print(render_report(result, settings.currency))
    if args.name == "kpi":
        _log_follow_ups(result)
    if args.csv:
        print(f"Wrote {write_csv(result, args.csv)}")
    return 0


def _log_follow_ups(result) -> None:
    follow_up = result.sections[-1]
    log.info("kpi: %d patients need follow-up: %s", len(follow_up.rows), " ".join(row[0] for row in follow_up.rows))


def export(args, settings: Settings, console) -> int:
    from .exports import default_export_path, export_appointments, export_billing
    from .reports import Period, all_time
    today = date.today()
    period = Period(args.date_from or all_time(today).first, args.date_to or today)
    path = args.out or default_export_path(settings.reports_dir, args.what, today)
    with connect(settings) as db:
        count = (export_billing if args.what == "billing" else export_appointments)(db, period, path)
    log.info("export %s: %d rows", args.what, count)
    print(f"Wrote {count} rows to {path}")
    return 0


def import_file(args, settings: Settings, console) -> int:
    from .exports import import_csv
    with connect(settings) as db:
        result = import_csv(db, args.what, args.file, progress=True)
    for warning in result.warnings:
        print(f"Warning: {warning}")
    for line, _, reason in result.rejected:
        print(f"line {line}: {reason}")
    if result.rejects_path:
        print(f"Rejected rows written to {result.rejects_path}")
    print(result.summary)
    return 0


def daily_report(args, settings: Settings, console) -> int:
    from .daily import write_daily_report
    day = args.date or date.today() - timedelta(days=1)
    with connect(settings) as db:
        for path in write_daily_report(db, day, settings.reports_dir):
            print(f"Wrote {path}")
    log.info("daily report for %s written", day)
    return 0


def pdf_report(args, settings: Settings, console) -> int:
    from .report_pdf import write_report_pdf
    from .reports import Period, this_month
    today = date.today()
    default = this_month(args.date_to or today)
    period = Period(args.date_from or default.first, args.date_to or default.last)
    path = settings.reports_dir / f"hospital_report_{today:%Y%m%d}.pdf"
    with connect(settings) as db:
        write_report_pdf(db, period, path, settings.hospital_name, settings.currency, today)
    log.info("pdf report for %s written", period)
    print(f"Wrote {path}")
    return 0


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


COMMANDS = {"init-db": init_db, "seed": seed, "invoice": invoice, "report": report, "export": export,
            "import": import_file, "daily-report": daily_report, "pdf-report": pdf_report}
