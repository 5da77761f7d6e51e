"""The read side of the analytics: the doctors' workload, the departments' load and the visits by
month, over a period; each an SQL aggregate, a doctor's own rows when one is named."""
from __future__ import annotations

from ..domain.codes import format_code
from ..domain.period import Period
from ..domain.report import Report
from .appointments import open_status_sql
from .database import Database

IN_PERIOD = "a.appt_date >= ? AND a.appt_date <= ?"
# Arrived and in consultation are still to be seen to the end: counted with the scheduled ones.
BY_STATUS = (f"SUM(CASE WHEN {open_status_sql('a.status')} THEN 1 ELSE 0 END),"
             " SUM(CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END),"
             " SUM(CASE WHEN a.status = 'cancelled' THEN 1 ELSE 0 END),"
             " SUM(CASE WHEN a.status = 'no_show' THEN 1 ELSE 0 END)")


def _of_doctor(doctor_id: int | None) -> tuple[str, tuple]:
    return (" AND a.doctor_id = ?", (doctor_id,)) if doctor_id is not None else ("", ())


def doctor_workload(db: Database, period: Period, doctor_id: int | None = None) -> Report:
    """Each doctor's appointments of the period by status, and the patients they saw."""
    only, value = _of_doctor(doctor_id)
    _, rows = db.table(
        f"SELECT a.doctor_id, d.name, d.specialization, {BY_STATUS}, COUNT(*),"
        " COUNT(DISTINCT CASE WHEN a.status = 'completed' THEN a.patient_id END)"
        f" FROM appointments a {db.join_in_order} doctors d ON d.doctor_id = a.doctor_id WHERE {IN_PERIOD}{only}"
        " GROUP BY a.doctor_id, d.name, d.specialization ORDER BY COUNT(*) DESC, a.doctor_id",
        (period.first, period.last) + value)
    return Report("Doctors' workload", ["Doctor", "Name", "Specialization", "Scheduled", "Completed", "Cancelled",
                                        "No-show", "Total", "Patients seen"],
                  [[format_code("doctor", r[0]), r[1], r[2], *(int(v or 0) for v in r[3:])] for r in rows])


def department_load(db: Database, period: Period) -> Report:
    """Each department's appointments of the period: live ones (not cancelled nor missed),
    completed, the doctors who had any, the patients of the live ones, and live appointments per
    doctor. The busiest first."""
    _, rows = db.table(
        "SELECT p.department_id, p.name, p.location, COUNT(DISTINCT a.doctor_id),"
        " SUM(CASE WHEN a.live_slot = 1 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END),"
        " COUNT(DISTINCT CASE WHEN a.live_slot = 1 THEN a.patient_id END)"
        f" FROM appointments a {db.join_in_order} doctors d ON d.doctor_id = a.doctor_id"
        f" {db.join_in_order} departments p ON p.department_id = d.department_id WHERE {IN_PERIOD}"
        " GROUP BY p.department_id, p.name, p.location ORDER BY 5 DESC, p.name, p.department_id",
        (period.first, period.last))
    return Report("Department load", ["Department", "Name", "Location", "Doctors", "Appointments", "Completed",
                                      "Patients", "Appointments per doctor"],
                  [[format_code("department", r[0]), r[1], r[2], int(r[3]), int(r[4] or 0), int(r[5] or 0),
                    int(r[6] or 0), f"{int(r[4] or 0) / int(r[3]):.1f}"] for r in rows])


def monthly_visits(db: Database, period: Period, doctor_id: int | None = None) -> Report:
    """Completed visits and distinct patients of each month."""
    only, value = _of_doctor(doctor_id)
    month = db.month_of("a.appt_date")
    _, rows = db.table(
        f"SELECT {month}, COUNT(*), COUNT(DISTINCT a.patient_id) FROM appointments a"
        f" WHERE a.status = 'completed' AND {IN_PERIOD}{only} GROUP BY {month} ORDER BY 1",
        (period.first, period.last) + value)
    return Report("Visits by month", ["Month", "Completed visits", "Patients"],
                  [[r[0], int(r[1]), int(r[2])] for r in rows])
