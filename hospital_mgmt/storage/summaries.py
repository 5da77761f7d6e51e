"""Daily summaries kept exact by the database itself, so a year's report reads a few hundred rows.

Each summary table holds, per day (and doctor, service or payment method), sums over the base
tables. Every figure is defined once below as a `Source`: a base table's rows, the key they add
to and what they add. From these the module writes

- the triggers (both engines) that add each change of a base row to its summary rows, in the
  transaction of the change: a new row adds its part, a deleted row takes it away, a changed row
  does both. A source that reads a second table (a payment counts for its bill's day while the
  bill is not void) has triggers on that table too, so voiding a bill takes its payments out;
- the full recomputation that `rebuild-summaries`, migration 8 and the bulk loaders run, and that
  the tests compare the kept figures with.

Why triggers and not the operations: every write path keeps them - imports, merges, restores, the
bulk loaders, `populate.sql` and a DBA's own statements - and none can forget one. The schema
files hold the generated triggers as literal SQL (a test keeps them equal to this module), so a
DBA who sources schema.sql gets them too.

The doctors' and the services' days are also kept by month (and the doctors' by year): the same
sources with their day's key turned into the first day of its month or year, so a report over
whole months reads a row per month, and one whole month or year reads its rows in the order of
an index (the ten most consulted doctors of a year are ten rows of it). Each patient's completed
visits are kept by month and year too: a year's patients seen are a count of its rows.

Rows that sum to zero may stay (a day whose only visit was moved); the reports leave them out.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from .appointments import open_status_sql
from .database import Database


@dataclass(frozen=True)
class Summary:
    table: str
    keys: tuple[str, ...]
    measures: tuple[str, ...]
    money: frozenset[str] = field(default_factory=frozenset)
    grain: str = "day"  # the first key: a day, or the first day of a month or of a year


@dataclass(frozen=True)
class Source:
    """Rows of `table` (alias `alias`), joined to `joins` (table, alias, condition), that meet
    `where`, each adding `measures` (SQL per summary measure, by name; others add 0) to the row
    of the summary at `keys`."""
    summary: Summary
    table: str
    alias: str
    keys: tuple[str, ...]
    measures: dict[str, str]
    where: str = ""
    joins: tuple[tuple[str, str, str], ...] = ()


DAY = Summary("summary_day", ("day",), ("registered", "admitted", "visits_open", "visits_completed",
                                        "visits_cancelled", "visits_no_show"))
DOCTOR_DAY = Summary("summary_doctor_day", ("day", "doctor_id"),
                     ("visits_open", "visits_completed", "visits_cancelled", "visits_no_show", "completed_billed"),
                     frozenset({"completed_billed"}))
SERVICE_DAY = Summary("summary_service_day", ("day", "service_id"), ("quantity", "revenue"), frozenset({"revenue"}))
BILL_DAY = Summary("summary_bill_day", ("day",), ("bills", "billed", "credited", "received", "refunded"),
                   frozenset({"billed", "credited", "received", "refunded"}))
METHOD_DAY = Summary("summary_method_day", ("day", "method"), ("receipts_in", "amount_in", "refunds_out",
                                                               "amount_out"), frozenset({"amount_in", "amount_out"}))
# The roll-ups: what a doctor's or a service's days add up to, per month and (doctors) per year.
# visits_held (booked, waiting or completed: what doctor-monthly counts) is a column of its own
# so an index can hold a month's doctors in that report's order.
DOCTOR_MONTH = Summary("summary_doctor_month", ("month_start", "doctor_id"),
                       (*DOCTOR_DAY.measures, "visits_held"), DOCTOR_DAY.money, "month")
DOCTOR_YEAR = Summary("summary_doctor_year", ("year_start", "doctor_id"), DOCTOR_DAY.measures, DOCTOR_DAY.money,
                      "year")
SERVICE_MONTH = Summary("summary_service_month", ("month_start", "service_id"), SERVICE_DAY.measures,
                        SERVICE_DAY.money, "month")
# Each patient's completed visits by month and year: the patients seen and those who came more
# than once (the follow-ups) without reading the visits. No daily one: a day's visits are few.
PATIENT_MONTH = Summary("summary_patient_month", ("month_start", "patient_id"), ("visits_completed",), grain="month")
PATIENT_YEAR = Summary("summary_patient_year", ("year_start", "patient_id"), ("visits_completed",), grain="year")
DAILY = (DAY, DOCTOR_DAY, SERVICE_DAY, BILL_DAY, METHOD_DAY)  # schema version 8's
UP_TO_11 = (*DAILY, DOCTOR_MONTH, DOCTOR_YEAR, SERVICE_MONTH)  # and version 11's
SUMMARIES = (*UP_TO_11, PATIENT_MONTH, PATIENT_YEAR)
# Each family by grain: the reports read a period's whole years, whole months and loose days from these.
DOCTOR = {"day": DOCTOR_DAY, "month": DOCTOR_MONTH, "year": DOCTOR_YEAR}
SERVICE = {"day": SERVICE_DAY, "month": SERVICE_MONTH}
PATIENT = {"month": PATIENT_MONTH, "year": PATIENT_YEAR}


def _when(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _visits(alias: str) -> dict[str, str]:
    """Appointments by state; arrived and in consultation are still to be seen, counted as open."""
    return {"visits_open": _when(open_status_sql(f"{alias}.status")),
            "visits_completed": _when(f"{alias}.status = 'completed'"),
            "visits_cancelled": _when(f"{alias}.status = 'cancelled'"),
            "visits_no_show": _when(f"{alias}.status = 'no_show'"),
            "visits_held": _when(f"{open_status_sql(f'{alias}.status')} OR {alias}.status = 'completed'")}


LIVE_BILL = (("billing", "b", "b.bill_id = {alias}.bill_id AND b.status <> 'void'"),)
DAILY_SOURCES = (
    Source(DAY, "patients", "p", ("p.registered_on",), {"registered": "1"}),
    Source(DAY, "admissions", "s", ("s.admitted_on",), {"admitted": "1"}),
    Source(DAY, "appointments", "a", ("a.appt_date",), _visits("a")),
    Source(DOCTOR_DAY, "appointments", "a", ("a.appt_date", "a.doctor_id"), _visits("a")),
    # what the live bills of completed visits hold, on the visit's day and doctor (top doctors)
    Source(DOCTOR_DAY, "billing", "b", ("a.appt_date", "a.doctor_id"), {"completed_billed": "b.total_amount"},
           "b.status <> 'void'", (("appointments", "a", "a.appt_id = b.appt_id AND a.status = 'completed'"),)),
    Source(SERVICE_DAY, "bill_items", "i", ("b.billing_date", "i.service_id"),
           {"quantity": "i.quantity", "revenue": "i.line_total"}, joins=LIVE_BILL),
    Source(BILL_DAY, "billing", "b", ("b.billing_date",), {"bills": "1", "billed": "b.total_amount"},
           "b.status <> 'void'"),
    Source(BILL_DAY, "credit_notes", "c", ("b.billing_date",), {"credited": "c.amount"}, joins=LIVE_BILL),
    Source(BILL_DAY, "payments", "y", ("b.billing_date",), {"received": "y.amount"}, joins=LIVE_BILL),
    Source(BILL_DAY, "deposit_uses", "u", ("b.billing_date",), {"received": "u.amount"}, joins=LIVE_BILL),
    Source(BILL_DAY, "refunds", "r", ("b.billing_date",), {"refunded": "r.amount"}, joins=LIVE_BILL),
    Source(METHOD_DAY, "payments", "y", ("y.paid_on", "y.method"), {"receipts_in": "1", "amount_in": "y.amount"}),
    Source(METHOD_DAY, "deposits", "d", ("d.received_on", "d.method"), {"receipts_in": "1", "amount_in": "d.amount"}),
    Source(METHOD_DAY, "refunds", "r", ("r.refunded_on", "r.method"), {"refunds_out": "1", "amount_out": "r.amount"}),
)
SOURCES = DAILY_SOURCES + tuple(replace(source, summary=rolled_up) for rolled_up, daily in (
    (DOCTOR_MONTH, DOCTOR_DAY), (DOCTOR_YEAR, DOCTOR_DAY), (SERVICE_MONTH, SERVICE_DAY))
    for source in DAILY_SOURCES if source.summary is daily) + tuple(
    # only completed visits add a row: a booking, a cancellation or a no-show adds none
    Source(summary, "appointments", "a", ("a.appt_date", "a.patient_id"), {"visits_completed": "1"},
           "a.status = 'completed'") for summary in (PATIENT_MONTH, PATIENT_YEAR))
EVENTS = ("insert", "update", "delete")
# A MySQL session that sets this variable (the bulk loaders, inside their transaction) writes
# without the triggers adding each row; it computes the summaries whole before it commits.
PAUSED = "@hms_summaries_paused"


# -- the recomputation --------------------------------------------------------------------------
def _from(source: Source) -> str:
    tables = [f"{source.table} {source.alias}"]
    tables += [f"JOIN {table} {alias} ON {on.format(alias=source.alias)}" for table, alias, on in source.joins]
    return " ".join(tables)


def _measures(source: Source, sign: str = "") -> list[str]:
    return [f"{sign}({source.measures[name]})" if name in source.measures else "0"
            for name in source.summary.measures]


# The first day of the month or year of a day, per engine (SQLite's dates are ISO text).
GRAIN_START = {"sqlite": {"month": "date({}, 'start of month')", "year": "date({}, 'start of year')"},
               "mysql": {"month": "DATE_SUB({0}, INTERVAL DAYOFMONTH({0}) - 1 DAY)", "year": "MAKEDATE(YEAR({}), 1)"}}


def _keys(engine: str, source: Source) -> list[str]:
    """The source's keys as its summary holds them: the day turned into its month's or year's start."""
    grain = source.summary.grain
    first, *rest = source.keys
    return [first if grain == "day" else GRAIN_START[engine][grain].format(first), *rest]


def _select_list(engine: str, source: Source, sign: str = "") -> str:
    """The source's keys as k0, k1... and its part of each measure (signed) as m0, m1..."""
    columns = [f"{key} AS k{n}" for n, key in enumerate(_keys(engine, source))]
    columns += [f"{value} AS m{n}" for n, value in enumerate(_measures(source, sign))]
    return ", ".join(columns)


def _sources_of(summary: Summary) -> list[Source]:
    return [source for source in SOURCES if source.summary is summary]


def recompute_sql(engine: str, summary: Summary) -> str:
    """One row per key with the sums of every source, from the base tables alone."""
    parts = []
    for source in _sources_of(summary):
        where = f" WHERE {source.where}" if source.where else ""
        parts.append(f"SELECT {_select_list(engine, source)} FROM {_from(source)}{where}")
    keys = ", ".join(f"k{n}" for n in range(len(summary.keys)))
    sums = ", ".join(f"SUM(m{n})" for n in range(len(summary.measures)))
    return f"SELECT {keys}, {sums} FROM ({' UNION ALL '.join(parts)}) AS whole GROUP BY {keys}"


def rebuild(db: Database, among: tuple[Summary, ...] = SUMMARIES) -> dict[str, int]:
    """Every summary recomputed from the base tables (call inside a transaction): rows that sum to
    zero are not kept. Returns the rows written per summary."""
    written = {}
    for summary in among:  # table and column names from the fixed definitions above
        db.execute(f"DELETE FROM {summary.table}")
        columns = ", ".join(summary.keys + summary.measures)
        nonzero = " OR ".join(f"SUM(m{n}) <> 0" for n in range(len(summary.measures)))
        db.execute(f"INSERT INTO {summary.table} ({columns}) {recompute_sql(db.engine, summary)} HAVING {nonzero}")
        written[summary.table] = int(db.scalar(f"SELECT count(*) FROM {summary.table}"))
    return written


@contextmanager
def paused(db: Database) -> Iterator[None]:
    """For a bulk load inside a transaction: rows go in without the triggers adding each one (a
    million rows load two to three times faster), and the summaries are computed whole at the end
    of the block, in the same transaction. SQLite drops the triggers and makes them again (its
    schema changes are part of the transaction: a load that fails gets them back by the rollback);
    MySQL, whose DDL would commit, pauses them for this session only."""
    if db.engine == "sqlite":
        for name in trigger_names():
            db.execute(f"DROP TRIGGER IF EXISTS {name}")
        yield
        rebuild(db)
        for statement in trigger_statements(db.engine):
            db.execute(statement)
        return
    db.execute(f"SET {PAUSED} = 1")
    try:
        yield
        rebuild(db)
    finally:
        db.execute(f"SET {PAUSED} = NULL")


def differences(db: Database) -> dict[str, list[tuple]]:
    """Per summary, the keys whose kept figures differ from a recomputation (zero rows ignored):
    empty lists when the summaries are exact."""
    found = {}
    for summary in SUMMARIES:
        width = len(summary.keys)
        _, rows = db.table(recompute_sql(db.engine, summary))
        expected = _nonzero(db, summary, rows, width)
        columns = ", ".join(summary.keys + summary.measures)
        _, kept_rows = db.table(f"SELECT {columns} FROM {summary.table}")
        kept = _nonzero(db, summary, kept_rows, width)
        found[summary.table] = sorted((key, expected.get(key), kept.get(key))
                                      for key in expected.keys() | kept.keys() if expected.get(key) != kept.get(key))
    return found


def _nonzero(db: Database, summary: Summary, rows: list[tuple], width: int) -> dict[tuple, tuple]:
    values = {}
    for row in rows:
        figures = tuple(db.to_money(value) if name in summary.money else int(value or 0)
                        for name, value in zip(summary.measures, row[width:], strict=True))
        if any(figures):
            values[tuple(str(db.to_date(k)) if n == 0 else k for n, k in enumerate(row[:width]))] = figures
    return values


# -- the triggers -------------------------------------------------------------------------------
def trigger_name(table: str, event: str) -> str:
    return f"sum_{table}_{event}"


def trigger_names(among: tuple[Summary, ...] = SUMMARIES) -> list[str]:
    return [trigger_name(table, event) for table in _fed(among) for event in EVENTS]


def _fed(among: tuple[Summary, ...] = SUMMARIES) -> dict[str, list[Summary]]:
    """Each base table whose changes change summaries, with those summaries."""
    fed: dict[str, list[Summary]] = {}
    for source in (source for source in SOURCES if source.summary in among):
        for table in (source.table, *(join[0] for join in source.joins)):
            if source.summary not in fed.setdefault(table, []):
                fed[table].append(source.summary)
    return fed


def fed_by(table: str) -> tuple[Summary, ...]:
    """The summaries a change of `table` changes."""
    return tuple(_fed().get(table, []))


def trigger_statements(engine: str, among: tuple[Summary, ...] = SUMMARIES) -> list[str]:
    """The CREATE TRIGGER statements, one per base table and event (each adding to every summary
    the table feeds: MariaDB takes several milliseconds per trigger made, in every new database);
    `among` the summaries of an earlier schema version, the triggers it had."""
    return [_trigger(engine, table, event, summaries) for table, summaries in _fed(among).items()
            for event in EVENTS]


def _trigger(engine: str, table: str, event: str, fed: list[Summary]) -> str:
    name = trigger_name(table, event)
    body = "\n".join(_adding(engine, table, event, summary) for summary in fed)
    if engine == "sqlite":
        watched = sorted(set().union(*(_columns_read(table, summary) for summary in fed)))
        of = f" OF {', '.join(watched)}" if event == "update" else ""
        return f"CREATE TRIGGER {name} AFTER {event.upper()}{of} ON {table} BEGIN\n{body}\nEND"
    return (f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} FOR EACH ROW BEGIN IF {PAUSED} IS NULL THEN\n"
            f"{body}\nEND IF; END")


def _adding(engine: str, table: str, event: str, summary: Summary) -> str:
    """The statement that adds one row's change of `table` to `summary`."""
    rows = {"insert": [("NEW", "")], "delete": [("OLD", "-")], "update": [("OLD", "-"), ("NEW", "")]}[event]
    watched = sorted(_columns_read(table, summary))
    changed = " OR ".join(_differs(engine, column) for column in watched) if event == "update" else ""
    parts = [part for source in _sources_of(summary)
             for row, sign in rows for part in _part(engine, source, table, row, sign, changed)]
    delta = " UNION ALL ".join(parts)
    columns = ", ".join(summary.keys + summary.measures)
    if engine == "sqlite":
        adds = ", ".join(f"{m} = {m} + excluded.{m}" for m in summary.measures)
        return (f"    INSERT INTO {summary.table} ({columns})\n    SELECT * FROM ({delta}) WHERE true\n"
                f"    ON CONFLICT ({', '.join(summary.keys)}) DO UPDATE SET {adds};")
    adds = ", ".join(f"{m} = {summary.table}.{m} + VALUES({m})" for m in summary.measures)
    return (f"    INSERT INTO {summary.table} ({columns})\n    SELECT * FROM ({delta}) AS delta\n"
            f"    ON DUPLICATE KEY UPDATE {adds};")


def _part(engine: str, source: Source, table: str, row: str, sign: str, changed: str) -> list[str]:
    """The SELECT of what one row (NEW or OLD) of `table` adds to (or, signed, takes from) the
    summary through `source`: none when the source does not read the table."""
    if table == source.table:
        replaced, joins = source.alias, source.joins
        tables = [(t, a, on.format(alias=source.alias)) for t, a, on in joins]
    elif table in (join[0] for join in source.joins):
        joined = next(join for join in source.joins if join[0] == table)
        replaced = joined[1]
        tables = [(source.table, source.alias, joined[2].format(alias=source.alias))]
        tables += [(t, a, on.format(alias=source.alias)) for t, a, on in source.joins if t != table]
    else:
        return []
    conditions = [on for _, _, on in tables] + ([source.where] if source.where else []) + (
        [f"({changed})"] if changed else [])
    select = _select_list(engine, source, sign)
    origin = ", ".join(f"{t} {a}" for t, a, _ in tables) or ("DUAL" if engine == "mysql" else "")
    text = f"SELECT {select}" + (f" FROM {origin}" if origin else "")
    if conditions:
        text += " WHERE " + " AND ".join(conditions)
    return [re.sub(rf"\b{replaced}\.", f"{row}.", text)]


def _columns_read(table: str, summary: Summary) -> set[str]:
    """The columns of `table` that the summary's sources read: an update of any other changes
    nothing, and is let through without touching the summary."""
    found: set[str] = set()
    for source in _sources_of(summary):
        aliases = [source.alias] if source.table == table else [a for t, a, _ in source.joins if t == table]
        text = " ".join([*source.keys, *source.measures.values(), source.where,
                         *(on.format(alias=source.alias) for _, _, on in source.joins)])
        for alias in aliases:
            found |= set(re.findall(rf"\b{alias}\.(\w+)", text))
    return found


def _differs(engine: str, column: str) -> str:
    return f"OLD.{column} IS NOT NEW.{column}" if engine == "sqlite" else f"NOT (OLD.{column} <=> NEW.{column})"


# -- the schema files ---------------------------------------------------------------------------
BEGIN_MARK = "-- BEGIN summary triggers: written by storage/summaries.py, do not edit by hand"
END_MARK = "-- END summary triggers"


def schema_section(engine: str) -> str:
    """The triggers as the engine's schema file holds them, between the two marks."""
    statements = trigger_statements(engine)
    if engine == "mysql":  # the bodies hold semicolons: the mysql client needs another delimiter
        return "\n".join([BEGIN_MARK, "DELIMITER //", *(statement + "//" for statement in statements),
                          "DELIMITER ;", END_MARK])
    return "\n".join([BEGIN_MARK, *(statement + ";" for statement in statements), END_MARK])


def write_into_schema_files() -> None:
    """Put the triggers of this module into both schema files (after a change to SOURCES)."""
    from .migrations import SCHEMA_FILES, SQL_FOLDER
    for engine, name in SCHEMA_FILES.items():
        path = SQL_FOLDER / name
        text = path.read_text(encoding="utf-8")
        if BEGIN_MARK in text:
            start, end = text.index(BEGIN_MARK), text.index(END_MARK) + len(END_MARK)
            text = text[:start] + schema_section(engine) + text[end:]
        else:
            at = text.index("\nCREATE TABLE schema_migrations")
            text = text[:at] + "\n" + schema_section(engine) + "\n" + text[at:]
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_into_schema_files()
