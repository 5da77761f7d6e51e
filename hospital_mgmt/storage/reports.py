"""The read side: every report is an SQL aggregate (GROUP BY in the database) returning rows.

Counts and sums over a period come from the daily summaries (storage/summaries.py), kept exact by
the database in the transaction of every change: a year is 365 rows a figure, not every visit and
bill line of the year. What a sum of days cannot give - distinct patients, one row per bill -
is read from the base tables.

A period's whole years and months are read from the summaries by month and year, only its loose
days at either end from the daily ones (`in_grains`); one whole month or year of the doctors is
read in the order of an index, so its first rows come without grouping the doctors at all.

Date ranges compare the indexed date columns directly (`appt_date >= ? AND appt_date <= ?`),
never a function wrapped around them, so the date indexes serve the filter; and a report joins
from the table its period filters (`db.join_in_order`), so its work follows the period, not the
size of the doctor list or the price list (a test reads each plan).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..domain.billing import PaymentMethod
from ..domain.codes import format_code, parse_code
from ..domain.money import ZERO, to_money
from ..domain.period import Part, Period, all_time, in_grains, one_day, this_month, whole_month
from ..domain.report import Report
from ..domain.shift import ShiftCount, expected_in_drawer
from . import analytics, clinical_reports, summaries
from .bills import balance_sql, bills_with_figures_sql, paid_sql, state_sql
from .database import Database, placeholders
from .shifts import ShiftRepository

TOP_DOCTORS = 10
# What a patient holds as deposit: left in, less put towards bills, less refunded.
DEPOSIT_HELD = ("((SELECT COALESCE(SUM(dp.amount), 0) FROM deposits dp WHERE dp.patient_id = {patient})"
                " - (SELECT COALESCE(SUM(du.amount), 0) FROM deposit_uses du WHERE du.patient_id = {patient})"
                " - (SELECT COALESCE(SUM(dr.amount), 0) FROM refunds dr WHERE dr.patient_id = {patient}"
                " AND dr.bill_id IS NULL))")
IN_PERIOD = "b.billing_date >= ? AND b.billing_date <= ?"
# After (day, id) in (billing_date, bill_id) order, the period starting on that day: the range on the
# day alone is what the index serves (given two lower bounds, SQLite may start from the wrong one).
AFTER_BILL = " AND (b.billing_date > ? OR b.bill_id > ?)"


@dataclass
class ReportSpec:
    name: str
    title: str
    build: Callable[..., Report]  # (db, period) and, when pageable, limit= and offset=
    default_period: Callable[[date], Period]
    pageable: bool = True  # one row per day, service, bill...: a screen shows it a page at a time
    # A row's place in the report's order, for reports with a row per record (keyset paging:
    # their pages are asked as "after this row", as quick deep in a million bills as at the top).
    row_key: Callable[[list], tuple] | None = None
    one_day: bool = False  # about a single day (the period's last)


def _page(limit: int | None, offset: int) -> tuple[str, tuple]:
    """The LIMIT clause and its values when a screen asks for one page of a report."""
    return (" LIMIT ? OFFSET ?", (limit, offset)) if limit is not None else ("", ())


VISITS_ON_DAY = "visits_open + visits_completed + visits_cancelled + visits_no_show"
IN_DAYS = "s.day >= ? AND s.day <= ?"


def daily_visits(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    page, window = _page(limit, offset)
    _, rows = db.table(
        f"SELECT day, visits_completed, visits_open, visits_cancelled, visits_no_show, {VISITS_ON_DAY}"
        f" FROM summary_day WHERE day >= ? AND day <= ? AND {VISITS_ON_DAY} > 0 ORDER BY day" + page,
        (period.first, period.last) + window)
    return Report("Daily visits", ["Date", "Completed", "Scheduled", "Cancelled", "No-show", "Total"],
                  [[db.to_date(r[0]), *map(int, r[1:])] for r in rows])


def top_doctors(db: Database, period: Period, limit: int = TOP_DOCTORS) -> Report:
    """Doctors by completed visits, then revenue (their live bills), then code (so ties always come
    out the same); the patients each saw are counted from the visits of those doctors alone."""
    whole = _one_month_or_year(period)
    if whole is not None:
        rows = _top_of_one_month_or_year(db, whole, limit)
    else:
        union, days = _in_grains(summaries.DOCTOR, period, "doctor_id, visits_completed, completed_billed")
        _, rows = db.table(
            "SELECT s.doctor_id, d.name, d.specialization, SUM(s.visits_completed) AS visits,"
            f" SUM(s.completed_billed) AS revenue FROM ({union}) s"
            f" {db.join_in_order} doctors d ON d.doctor_id = s.doctor_id"
            " GROUP BY s.doctor_id, d.name, d.specialization HAVING SUM(s.visits_completed) > 0"
            " ORDER BY visits DESC, revenue DESC, s.doctor_id LIMIT ?", (*days, limit))
    patients = _patients_seen(db, period, [r[0] for r in rows])
    return Report("Most consulted doctors", ["Doctor", "Name", "Specialization", "Visits", "Patients", "Revenue"],
                  [[format_code("doctor", r[0]), r[1], r[2], int(r[3]), patients.get(r[0], 0), db.to_money(r[4])]
                   for r in rows], {5})


def _one_month_or_year(period: Period) -> Part | None:
    """The period as one whole month or one whole year, if it is one: read off its summary's index."""
    parts = in_grains(period)
    if len(parts) == 1 and parts[0].grain != "day" and parts[0].first == parts[0].last:
        return parts[0]
    return None


def _top_of_one_month_or_year(db: Database, part: Part, limit: int) -> list[tuple]:
    """The first rows of the month's or year's index in the report's order: no grouping at all."""
    summary = summaries.DOCTOR[part.grain]
    key = summary.keys[0]
    return db.table(
        f"SELECT s.doctor_id, d.name, d.specialization, s.visits_completed, s.completed_billed FROM {summary.table} s"
        f" {db.join_in_order} doctors d ON d.doctor_id = s.doctor_id WHERE s.{key} = ? AND s.visits_completed > 0"
        " ORDER BY s.visits_completed DESC, s.completed_billed DESC, s.doctor_id LIMIT ?", (part.first, limit))[1]


def _in_grains(family: dict[str, summaries.Summary], period: Period, columns: str) -> tuple[str, tuple]:
    """The rows of a summary family that make up the period, as one UNION ALL: its whole years and
    months from their summaries, its loose days from the daily one. `columns` may name the key as
    {key}; the values are the parts' key ranges."""
    selects, values = [], []
    for part in in_grains(period, "year" if "year" in family else "month"):
        summary = family[part.grain]
        key = summary.keys[0]
        selects.append(f"SELECT {columns.format(key=key)} FROM {summary.table} WHERE {key} >= ? AND {key} <= ?")
        values += [part.first, part.last]
    return " UNION ALL ".join(selects), tuple(values)


def _patients_seen(db: Database, period: Period, doctor_ids: list[int]) -> dict[int, int]:
    if not doctor_ids:
        return {}
    _, rows = db.table(
        "SELECT doctor_id, COUNT(DISTINCT patient_id) FROM appointments"
        f" WHERE doctor_id IN ({placeholders(doctor_ids)}) AND appt_date >= ? AND appt_date <= ?"
        " AND status = 'completed' GROUP BY doctor_id", (*doctor_ids, period.first, period.last))
    return {int(doctor): int(count) for doctor, count in rows}


def revenue_by_service(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    page, window = _page(limit, offset)
    union, days = _in_grains(summaries.SERVICE, period, "service_id, quantity, revenue")
    _, rows = db.table(
        f"SELECT s.service_id, v.service_name, SUM(s.quantity), SUM(s.revenue) FROM ({union}) s"
        f" {db.join_in_order} services v ON v.service_id = s.service_id"
        " GROUP BY s.service_id, v.service_name HAVING SUM(s.quantity) > 0"
        " ORDER BY SUM(s.revenue) DESC, s.service_id" + page, days + window)
    return Report("Revenue by service", ["Service", "Name", "Quantity", "Revenue"],
                  [[format_code("service", r[0]), r[1], int(r[2]), db.to_money(r[3])] for r in rows], {3})


def doctor_monthly(db: Database, period: Period, limit: int | None = None, offset: int = 0,
                   after: tuple[str, int, int] | None = None) -> Report:
    """Appointments that hold their slot (booked, in the waiting room or completed), a row per
    doctor and month, each month's doctors by that count. `after` (month, appointments, doctor id)
    gives the rows after that one (keyset paging). Whole months are read from the doctors'
    monthly summary by its index in the report's order, so a page is a few index ranges however
    many doctors a month has; loose days at the period's ends are grouped from the daily one."""
    rows: list[tuple] = []
    skip = offset if limit is not None else 0  # as _page: the whole report has no offset
    for part in in_grains(period, "month"):
        wanted = None if limit is None else limit - len(rows)
        if wanted == 0:
            break
        if after is not None and _month_start(after[0]) > part.last.replace(day=1):
            continue  # wholly before the key's month
        if skip:
            counted = _doctor_months_in(db, part)
            if counted <= skip:
                skip -= counted
                continue
        read = _held_by_month(db, part, wanted, skip, after) if part.grain == "month" else _held_by_day(
            db, part, wanted, skip, after)
        skip = 0
        rows += read
    return Report("Appointments per doctor per month", ["Month", "Doctor", "Name", "Appointments"],
                  [[r[0], format_code("doctor", r[1]), r[2], int(r[3])] for r in rows])


def _month_start(month: str) -> date:
    return date.fromisoformat(f"{month}-01")


def _limit(limit: int | None, offset: int = 0) -> tuple[str, tuple]:
    return ("", ()) if limit is None else (" LIMIT ? OFFSET ?", (limit, offset))


HELD_MONTHS = ("SELECT {month} AS month, s.doctor_id, d.name, s.visits_held FROM summary_doctor_month s"
               " {join} doctors d ON d.doctor_id = s.doctor_id WHERE ")


def _held_by_month(db: Database, part: Part, limit: int | None, offset: int,
                   after: tuple[str, int, int] | None) -> list[tuple]:
    """Rows of whole months, read off `ix_summary_doctor_month_held` (month, count DESC, doctor):
    after a key in these months, the rest of the key's count, the key month's smaller counts, then
    the months after it - three ranges of the index, each read only as far as the page needs."""
    select = HELD_MONTHS.format(month=db.month_of("s.month_start"), join=db.join_in_order)
    ranges: list[tuple[str, tuple]] = []
    first = part.first
    if after is not None and part.first <= _month_start(after[0]) <= part.last:
        month, count, doctor_id = _month_start(after[0]), after[1], after[2]
        ranges += [("s.month_start = ? AND s.visits_held = ? AND s.doctor_id > ? ORDER BY s.doctor_id",
                    (month, count, doctor_id)),
                   ("s.month_start = ? AND s.visits_held < ? AND s.visits_held > 0"
                    " ORDER BY s.visits_held DESC, s.doctor_id", (month, count))]
        first = _next_month_start(month)
    if first <= part.last:
        ranges.append(("s.month_start >= ? AND s.month_start <= ? AND s.visits_held > 0"
                       " ORDER BY s.month_start, s.visits_held DESC, s.doctor_id", (first, part.last)))
    rows: list[tuple] = []
    for condition, values in ranges:
        wanted = None if limit is None else limit - len(rows)
        if wanted == 0:
            break
        window, bounds = _limit(wanted, offset)
        rows += db.table(select + condition + window, values + bounds)[1]
    return rows


def _next_month_start(month: date) -> date:
    return whole_month(month).last + timedelta(days=1)


def _held_by_day(db: Database, part: Part, limit: int | None, offset: int,
                 after: tuple[str, int, int] | None) -> list[tuple]:
    """Rows of loose days (a month the period holds only part of), grouped from the daily summary."""
    month = db.month_of("s.day")
    held = "SUM(s.visits_open + s.visits_completed)"
    first = part.first if after is None else max(part.first, _month_start(after[0]))
    later, start = ("", ()) if after is None else (
        f" AND (month > ? OR (month = ? AND ({held} < ? OR ({held} = ? AND s.doctor_id > ?))))",
        (after[0], after[0], after[1], after[1], after[2]))
    window, bounds = _limit(limit, offset)
    return db.table(
        f"SELECT {month} AS month, s.doctor_id, d.name, {held} FROM summary_doctor_day s"
        f" {db.join_in_order} doctors d ON d.doctor_id = s.doctor_id WHERE {IN_DAYS}"
        f" GROUP BY {month}, s.doctor_id, d.name HAVING {held} > 0{later}"
        f" ORDER BY month, {held} DESC, s.doctor_id" + window, (first, part.last) + start + bounds)[1]


def _doctor_months_in(db: Database, part: Part) -> int:
    """How many rows of doctor-monthly a part of the period gives (to skip them by number)."""
    if part.grain == "month":
        return int(db.scalar("SELECT COUNT(*) FROM summary_doctor_month WHERE month_start >= ? AND month_start <= ?"
                             " AND visits_held > 0", (part.first, part.last)))
    return int(db.scalar(
        f"SELECT COUNT(*) FROM (SELECT s.doctor_id FROM summary_doctor_day s WHERE {IN_DAYS}"
        f" GROUP BY {db.month_of('s.day')}, s.doctor_id HAVING SUM(s.visits_open + s.visits_completed) > 0) c",
        (part.first, part.last)))


def busiest_doctors_by_month(db: Database, period: Period, doctors: int = 5) -> Report:
    """Doctor-monthly's rows of the `doctors` doctors with the most appointments over the period
    (ties by code), in its order: what the PDF's chart draws, read by key for those doctors alone
    rather than every doctor's every month."""
    busiest = _busiest_doctors(db, period, doctors)
    rows: list[tuple] = []
    for part in in_grains(period, "month") if busiest else []:
        if part.grain == "month":
            months = _month_starts(part.first, part.last)
            rows += db.table(
                HELD_MONTHS.format(month=db.month_of("s.month_start"), join=db.join_in_order)
                + f"s.month_start IN ({placeholders(months)}) AND s.doctor_id IN ({placeholders(busiest)})"
                " AND s.visits_held > 0", (*months, *busiest))[1]
        else:
            days = [part.first + timedelta(days=n) for n in range((part.last - part.first).days + 1)]
            held, month = "SUM(s.visits_open + s.visits_completed)", db.month_of("s.day")
            rows += db.table(
                f"SELECT {month}, s.doctor_id, d.name, {held} FROM summary_doctor_day s"
                f" {db.join_in_order} doctors d ON d.doctor_id = s.doctor_id WHERE s.day IN ({placeholders(days)})"
                f" AND s.doctor_id IN ({placeholders(busiest)}) GROUP BY {month}, s.doctor_id, d.name"
                f" HAVING {held} > 0", (*days, *busiest))[1]
    rows.sort(key=lambda row: (row[0], -row[3], row[1]))
    return Report("Appointments per doctor per month", ["Month", "Doctor", "Name", "Appointments"],
                  [[r[0], format_code("doctor", r[1]), r[2], int(r[3])] for r in rows])


def _busiest_doctors(db: Database, period: Period, doctors: int) -> list[int]:
    """The doctors with the most appointments held (booked, waiting or completed) over the period."""
    whole = _one_month_or_year(period)
    held = "visits_open + visits_completed"
    if whole is not None:
        summary = summaries.DOCTOR[whole.grain]
        sql = (f"SELECT doctor_id FROM {summary.table} WHERE {summary.keys[0]} = ? AND {held} > 0"
               f" ORDER BY {held} DESC, doctor_id LIMIT ?")
        values: tuple = (whole.first, doctors)
    else:
        union, days = _in_grains(summaries.DOCTOR, period, f"doctor_id, {held} AS held")
        sql = (f"SELECT doctor_id FROM ({union}) s GROUP BY doctor_id HAVING SUM(held) > 0"
               " ORDER BY SUM(held) DESC, doctor_id LIMIT ?")
        values = (*days, doctors)
    return [int(row[0]) for row in db.table(sql, values)[1]]


def _month_starts(first: date, last: date) -> list[date]:
    months = [first]
    while months[-1] < last:
        months.append(_next_month_start(months[-1]))
    return months


def doctor_month_count(db: Database, period: Period, month: str, doctor_id: int) -> int:
    """A doctor's appointments of one month as doctor-monthly counts them over `period` (its place
    in the order): the month's row when the period holds it whole, else the days it holds."""
    days = whole_month(_month_start(month))
    if period.first <= days.first and days.last <= period.last:
        return int(db.scalar("SELECT COALESCE(MAX(visits_held), 0) FROM summary_doctor_month"
                             " WHERE month_start = ? AND doctor_id = ?", (days.first, doctor_id)))
    first, last = max(days.first, period.first), min(days.last, period.last)
    return int(db.scalar("SELECT COALESCE(SUM(visits_open + visits_completed), 0) FROM summary_doctor_day"
                         " WHERE day >= ? AND day <= ? AND doctor_id = ?", (first, last, doctor_id)))


def patient_inflow(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    """Admissions (stays begun) and, apart, new registrations, per day with either."""
    page, window = _page(limit, offset)
    _, rows = db.table(
        "SELECT day, admitted, registered FROM summary_day WHERE day >= ? AND day <= ?"
        " AND (admitted > 0 OR registered > 0) ORDER BY day" + page, (period.first, period.last) + window)
    return Report("Daily patient inflow (admissions; new registrations apart)",
                  ["Date", "Admissions", "New registrations"],
                  [[db.to_date(r[0]), int(r[1]), int(r[2])] for r in rows])


def monthly_revenue(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    """Bills of each month (void ones left out): billed, credited by credit notes, received on
    them so far (payments and deposits), refunded, and what they still owe."""
    page, window = _page(limit, offset)
    month = db.month_of("day")
    _, rows = db.table(
        f"SELECT {month} AS month, SUM(bills), SUM(billed), SUM(credited), SUM(received), SUM(refunded),"
        " SUM(billed - credited - (received - refunded)) FROM summary_bill_day WHERE day >= ? AND day <= ?"
        f" GROUP BY {month} HAVING SUM(bills) > 0 ORDER BY month" + page, (period.first, period.last) + window)
    return Report("Monthly revenue", ["Month", "Bills", "Billed", "Credited", "Collected", "Refunded", "Outstanding"],
                  [[r[0], int(r[1]), *(db.to_money(v) for v in r[2:])] for r in rows], {2, 3, 4, 5, 6})


def unpaid(db: Database, period: Period, limit: int | None = None, offset: int = 0,
           after: tuple[date, int] | None = None) -> Report:
    """Open bills, oldest first: unpaid and part-paid, with what the patient holds as a deposit
    (which the cashier may put towards them). `after` (billing day, bill id) gives the bills after
    that one (keyset paging: the open-bills index finds the place, however deep the page)."""
    page, window = _page(limit, offset)
    later, start = ("", ()) if after is None else (AFTER_BILL, after)
    first = period.first if after is None else max(period.first, after[0])
    open_bills = bills_with_figures_sql(f"b.status = 'unpaid' AND {IN_PERIOD}{later}")
    _, rows = db.table(
        f"SELECT f.bill_id, f.patient_id, p.name, f.billing_date, f.total_amount - f.credited, {paid_sql('f')},"
        f" {balance_sql('f')}, {state_sql('f')}, {DEPOSIT_HELD.format(patient='f.patient_id')}"
        f" FROM {open_bills} f"
        f" {db.join_in_order} patients p ON p.patient_id = f.patient_id"
        " ORDER BY f.billing_date, f.bill_id" + page, (first, period.last) + start + window)
    return Report("Unpaid bills", ["Bill", "Patient", "Name", "Billed on", "Total", "Paid", "Balance", "State",
                                   "Deposit held", "Age (days)"],
                  [[format_code("bill", r[0]), format_code("patient", r[1]), r[2], db.to_date(r[3]),
                    *(db.to_money(v) for v in r[4:7]), r[7], db.to_money(r[8]),
                    (period.last - db.to_date(r[3])).days] for r in rows],
                  {4, 5, 6, 8})


def unapplied_deposits(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    """Patients holding a deposit not yet put towards a bill nor refunded, as of the period's last
    day: what they left in, what went on bills, what was refunded, what is held, and the day of
    the last movement (the longest-waiting first, to be applied or given back)."""
    page, window = _page(limit, offset)
    day = period.last
    _, rows = db.table(
        "SELECT m.patient_id, p.name, SUM(m.deposited), SUM(m.used), SUM(m.refunded),"
        " SUM(m.deposited) - SUM(m.used) - SUM(m.refunded), MAX(m.on_day)"
        " FROM (SELECT patient_id, amount AS deposited, 0 AS used, 0 AS refunded, received_on AS on_day"
        "       FROM deposits WHERE received_on <= ?"
        "       UNION ALL SELECT patient_id, 0, amount, 0, used_on FROM deposit_uses WHERE used_on <= ?"
        "       UNION ALL SELECT patient_id, 0, 0, amount, refunded_on FROM refunds"
        "       WHERE bill_id IS NULL AND refunded_on <= ?) m"
        " JOIN patients p ON p.patient_id = m.patient_id"
        " GROUP BY m.patient_id, p.name HAVING SUM(m.deposited) - SUM(m.used) - SUM(m.refunded) > 0"
        " ORDER BY MAX(m.on_day), m.patient_id" + page, (day, day, day) + window)
    return Report(f"Unapplied deposits on {day} (held for patients, not yet put towards a bill)",
                  ["Patient", "Name", "Deposited", "Put towards bills", "Refunded", "Held", "Last movement"],
                  [[format_code("patient", r[0]), r[1], *(db.to_money(v) for v in r[2:6]), db.to_date(r[6])]
                   for r in rows], {2, 3, 4, 5})


def cash_up(db: Database, period: Period) -> Report:
    """One day's money by method (the period's last day): what came in (payments of bills and
    deposits), what went out (refunds), and the net; the opening floats of the day's shifts; and
    the cash to hand over, the floats with the net cash (card, UPI and insurance are settled
    elsewhere). Beneath, each cashier's shifts of the day with what each drawer should hold,
    what was counted and the difference."""
    day = period.last
    _, came_in = db.table("SELECT method, receipts_in, amount_in FROM summary_method_day"
                          " WHERE day = ? AND receipts_in <> 0", (day,))
    _, went_out = db.table("SELECT method, refunds_out, amount_out FROM summary_method_day"
                           " WHERE day = ? AND refunds_out <> 0", (day,))
    floats = db.to_money(db.scalar("SELECT COALESCE(SUM(opening_float), 0) FROM shifts"
                                   " WHERE opened_at >= ? AND opened_at < ?", _whole_day(day)))
    ins = {method: (int(count), db.to_money(amount)) for method, count, amount in came_in}
    outs = {method: (int(count), db.to_money(amount)) for method, count, amount in went_out}
    lines = []
    for method in sorted(ins.keys() | outs.keys()):
        (count_in, amount_in), (count_out, amount_out) = ins.get(method, (0, ZERO)), outs.get(method, (0, ZERO))
        lines.append([method, count_in, amount_in, count_out, amount_out, amount_in - amount_out])
    totals = [sum(line[i] for line in lines) if lines else 0 for i in (1, 3)]
    money = [sum((line[i] for line in lines), ZERO) for i in (2, 4, 5)]
    net_cash = next((line[5] for line in lines if line[0] == PaymentMethod.CASH.value), ZERO)
    lines.append(["TOTAL (all methods)", totals[0], money[0], totals[1], money[1], money[2]])
    lines.append(["Opening floats", "", "", "", "", floats])
    lines.append(["CASH TO HAND OVER (floats + cash in - cash refunds)", "", "", "", "", floats + net_cash])
    shifts = shift_counts(db, day)
    return Report(f"Cash-up for {day}", ["Method", "Receipts", "In", "Refunds", "Out", "Net"], lines, {2, 4, 5},
                  sections=[shifts] if shifts.rows else [])


def _whole_day(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


def shift_counts(db: Database, day: date) -> Report:
    """Each shift opened on the day, method by method: expected (cash: the float and the cash
    taken), counted at closing, and the difference (below zero: short). An open shift shows what
    it should hold so far."""
    repository = ShiftRepository(db)
    rows = []
    for shift in repository.opened_on(day):
        closed = f"{shift.closed_at:%H:%M}" if shift.closed_at else "open"
        counts = shift.counts or [ShiftCount(method, expected, ZERO) for method, expected in expected_in_drawer(
            shift.opening_float, repository.takings(shift.shift_id)).items()]
        for count in counts:
            counted, difference = (count.counted, count.difference) if shift.closed_at else ("", "")
            rows.append([shift.code, shift.login, f"{shift.opened_at:%H:%M}", closed, count.method.value,
                         count.expected, counted, difference])
    return Report(f"Shifts opened on {day}", ["Shift", "Cashier", "Opened", "Closed", "Method", "Expected",
                                              "Counted", "Difference"], rows, {5, 6, 7})


def kpi(db: Database, period: Period, limit: int | None = None) -> Report:
    """Key figures; `limit` caps the follow-up list (a screen shows the first ones)."""
    days = (period.first, period.last)
    visits = int(db.scalar("SELECT COALESCE(SUM(visits_completed), 0) FROM summary_day WHERE day >= ? AND day <= ?",
                           days))
    patients, returning = _patients_counted(db, period)
    billed = db.to_money(db.scalar("SELECT COALESCE(SUM(billed), 0) FROM summary_bill_day WHERE day >= ? AND day <= ?",
                                   days))
    top = top_doctors(db, period, limit=1).rows
    rows = [["Completed visits", visits], ["Patients seen", patients],
            ["Total billed", billed],
            ["Average bill per visit", to_money(billed / visits) if visits else "n/a"],
            ["Visits per patient", f"{visits / patients:.2f}" if patients else "n/a"],
            ["Most visited doctor", f"{top[0][0]} {top[0][1]} ({top[0][3]} visits)" if top else "n/a"]]
    monthly = monthly_revenue(db, period)
    follow_up = follow_up_patients(db, period, limit)
    follow_up.whole_count = returning
    return Report(f"Key figures, {period}", ["Measure", "Value"], rows, sections=[monthly, follow_up])


# A loose day's completed visits, a row each (whole months and years come from the patients' summaries).
COMPLETED_ON_DAYS = ("SELECT patient_id, 1 AS visits FROM appointments"
                     " WHERE status = 'completed' AND appt_date >= ? AND appt_date <= ?")


def _visits_by_patient(period: Period, more_than: int) -> tuple[str, tuple]:
    """A row per patient with over `more_than` completed visits in the period (patient_id, visits).
    One whole month or year is its summary's rows as they are, in the order of its index (most
    visits first); any other period sums its whole years, months and loose days per patient."""
    whole = _one_month_or_year(period)
    if whole is not None:
        summary = summaries.PATIENT[whole.grain]
        return (f"SELECT patient_id, visits_completed AS visits FROM {summary.table}"
                f" WHERE {summary.keys[0]} = ? AND visits_completed > ?", (whole.first, more_than))
    selects, values = [], []
    for part in in_grains(period):
        if part.grain == "day":
            selects.append(COMPLETED_ON_DAYS)
        else:
            summary = summaries.PATIENT[part.grain]
            key = summary.keys[0]
            selects.append(f"SELECT patient_id, visits_completed AS visits FROM {summary.table}"
                           f" WHERE {key} >= ? AND {key} <= ? AND visits_completed > 0")
        values += [part.first, part.last]
    return (f"SELECT patient_id, SUM(visits) AS visits FROM ({' UNION ALL '.join(selects)}) v"
            " GROUP BY patient_id HAVING SUM(visits) > ?", (*values, more_than))


def _patients_counted(db: Database, period: Period) -> tuple[int, int]:
    """The patients with a completed visit in the period, and those with more than one."""
    by_patient, values = _visits_by_patient(period, 0)
    seen, returning = db.table(f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN visits > 1 THEN 1 ELSE 0 END), 0)"
                               f" FROM ({by_patient}) p", values)[1][0]
    return int(seen), int(returning)


def follow_up_patients(db: Database, period: Period, limit: int | None = None) -> Report:
    """Patients with more than one completed visit, most visits first; the last visit is looked up
    for the rows shown only (through the patient's appointments index)."""
    by_patient, values = _visits_by_patient(period, 1)
    window = " LIMIT ?" if limit is not None else ""
    _, rows = db.table(
        "SELECT f.patient_id, p.name, f.visits, (SELECT MAX(a.appt_date) FROM appointments a"
        " WHERE a.patient_id = f.patient_id AND a.status = 'completed' AND a.appt_date >= ? AND a.appt_date <= ?)"
        f" FROM ({by_patient} ORDER BY visits DESC, patient_id{window}) f"
        f" {db.join_in_order} patients p ON p.patient_id = f.patient_id ORDER BY f.visits DESC, f.patient_id",
        (period.first, period.last, *values) + ((limit,) if limit is not None else ()))
    return Report("Patients who need follow-up (more than one visit)", ["Patient", "Name", "Visits", "Last visit"],
                  [[format_code("patient", r[0]), r[1], int(r[2]), db.to_date(r[3])] for r in rows])


REPORTS = {spec.name: spec for spec in [
    ReportSpec("daily-visits", "Daily visits", daily_visits, this_month),
    ReportSpec("top-doctors", "Most consulted doctors", top_doctors, this_month, pageable=False),
    ReportSpec("revenue-by-service", "Revenue by service", revenue_by_service, this_month),
    ReportSpec("doctor-monthly", "Appointments per doctor per month", doctor_monthly, this_month,
               row_key=lambda row: (row[0], row[3], parse_code("doctor", row[1]))),
    ReportSpec("patient-inflow", "Daily patient inflow", patient_inflow, this_month),
    ReportSpec("monthly-revenue", "Monthly revenue", monthly_revenue, this_month),
    ReportSpec("unpaid", "Unpaid bills", unpaid, all_time,
               row_key=lambda row: (row[3], parse_code("bill", row[0]))),
    ReportSpec("cash-up", "Cash-up of one day", cash_up, one_day, pageable=False, one_day=True),
    ReportSpec("kpi", "Key figures and follow-ups", kpi, this_month, pageable=False),
    # last, so the menu's numbers stay as they were
    ReportSpec("unapplied-deposits", "Unapplied deposits", unapplied_deposits, one_day, one_day=True),
    ReportSpec("department-load", "Department load", analytics.department_load, this_month, pageable=False),
    ReportSpec("high-risk", "High-risk patients", clinical_reports.high_risk, this_month, pageable=False),
    ReportSpec("weight-by-city", "Average weight by city", clinical_reports.weight_by_city, this_month,
               pageable=False),
    ReportSpec("lab-results", "Lab results by test", clinical_reports.lab_results, this_month, pageable=False),
]}
