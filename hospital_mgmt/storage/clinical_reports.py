"""The insights of the clinical record over a period: the high-risk patients (thresholds in
domain/risk.py), the average weight by city, and the distribution of each lab test's results.
Averages are summed and counted in SQL and divided once, exactly, in Decimal. Each plan starts
from the period's rows (`db.join_in_order`): the appointments of its days, or the results
reported in it."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..domain.codes import format_code
from ..domain.patient import age_between
from ..domain.period import Period
from ..domain.records import restore
from ..domain.report import Report
from ..domain.risk import risks
from ..domain.visit import Vitals
from .database import Database

IN_PERIOD = "a.appt_date >= ? AND a.appt_date <= ?"
TENTH, CENT = Decimal("0.1"), Decimal("0.01")


def _average(total, count: int, db: Database, step: Decimal) -> Decimal | None:
    """A sum of readings over their count, rounded half-up once; None over no reading."""
    if not count:
        return None
    return (db.to_money(total) / count).quantize(step, rounding=ROUND_HALF_UP)


def _reading(db: Database, value, places: Decimal) -> Decimal | None:
    return None if value is None else db.to_money(value).quantize(places)


def _text(value: Decimal | None) -> str:
    """A reading as the report prints it (61.5, not 61.50 as an amount would be)."""
    return "" if value is None else str(value)


def high_risk(db: Database, period: Period) -> Report:
    """Patients whose latest haemoglobin of the period is below the anaemia threshold for their
    age, sex and pregnancy, or whose latest blood pressure of the period is very high."""
    rows = db.rows(
        "SELECT a.patient_id, a.appt_date, v.haemoglobin, v.bp_systolic, v.bp_diastolic, v.pregnant, p.name,"
        f" p.gender, p.birth_date, p.city FROM appointments a {db.join_in_order} visits v ON v.appt_id = a.appt_id"
        f" {db.join_in_order} patients p ON p.patient_id = a.patient_id WHERE {IN_PERIOD}"
        " AND (v.haemoglobin IS NOT NULL OR v.bp_systolic IS NOT NULL)"
        " ORDER BY a.patient_id, a.appt_date, a.appt_time, a.appt_id", (period.first, period.last))
    latest: dict[int, dict] = {}
    for row in rows:  # in time order: each reading replaces the one before
        seen = latest.setdefault(row["patient_id"], {"row": row})
        vitals = restore(Vitals, **{name: None for name in ("weight_kg", "height_cm", "pulse", "temperature_c")},
                         haemoglobin=_reading(db, row["haemoglobin"], TENTH), bp_systolic=row["bp_systolic"],
                         bp_diastolic=row["bp_diastolic"],
                         pregnant=None if row["pregnant"] is None else bool(row["pregnant"]))
        if vitals.haemoglobin is not None:
            seen["hb"], seen["hb_on"] = vitals, db.to_date(row["appt_date"])
        if vitals.bp_systolic is not None:
            seen["bp"], seen["bp_on"] = vitals, db.to_date(row["appt_date"])
    found = []
    for patient_id, seen in latest.items():
        patient = seen["row"]
        age = age_between(db.to_date(patient["birth_date"]), period.last)
        why = risks(age, patient["gender"], seen.get("hb"), seen.get("bp"))
        if why:
            found.append([format_code("patient", patient_id), patient["name"], age, patient["gender"], patient["city"],
                          _shown(seen, "hb", lambda v: str(v.haemoglobin)),
                          _shown(seen, "bp", lambda v: v.blood_pressure), "; ".join(why)])
    return Report("High-risk patients", ["Patient", "Name", "Age", "Sex", "City", "Latest Hb g/dL (day)",
                                         "Latest BP mmHg (day)", "Why"], found)


def _shown(seen: dict, what: str, text) -> str:
    return f"{text(seen[what])} ({seen[what + '_on']})" if what in seen else ""


def weight_by_city(db: Database, period: Period) -> Report:
    """The patients weighed at visits of the period, by their city: how many, and their weight."""
    _, rows = db.table(
        "SELECT p.city, COUNT(DISTINCT a.patient_id), COUNT(*), SUM(v.weight_kg), MIN(v.weight_kg), MAX(v.weight_kg)"
        f" FROM appointments a {db.join_in_order} visits v ON v.appt_id = a.appt_id {db.join_in_order} patients p"
        f" ON p.patient_id = a.patient_id WHERE {IN_PERIOD} AND v.weight_kg IS NOT NULL GROUP BY p.city"
        " ORDER BY p.city",
        (period.first, period.last))
    return Report("Average weight by city", ["City", "Patients", "Weighings", "Average kg", "Lightest kg",
                                             "Heaviest kg"],
                  [[r[0] or "(no city)", int(r[1]), int(r[2]), _text(_average(r[3], int(r[2]), db, TENTH)),
                    _text(_reading(db, r[4], TENTH)), _text(_reading(db, r[5], TENTH))] for r in rows])


def lab_results(db: Database, period: Period) -> Report:
    """Each lab test's results reported in the period: how many, how many low, normal and high
    against its range, and their lowest, average and highest."""
    _, rows = db.table(
        "SELECT t.test_id, t.name, t.unit, t.low, t.high, COUNT(*),"
        " SUM(CASE WHEN o.flag = 'low' THEN 1 ELSE 0 END), SUM(CASE WHEN o.flag = 'normal' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN o.flag = 'high' THEN 1 ELSE 0 END), MIN(o.result), SUM(o.result), MAX(o.result)"
        f" FROM lab_orders o {db.join_in_order} lab_tests t ON t.test_id = o.test_id"
        " WHERE o.result_on >= ? AND o.result_on <= ? GROUP BY t.test_id, t.name, t.unit, t.low, t.high"
        " ORDER BY t.name, t.test_id", (period.first, period.last))
    return Report("Lab results", ["Test", "Name", "Unit", "Normal range", "Results", "Low", "Normal", "High",
                                  "Abnormal %", "Lowest", "Average", "Highest"],
                  [_lab_row(db, r) for r in rows])


def _lab_row(db: Database, r) -> list:
    count, low, high = int(r[5]), int(r[6] or 0), int(r[8] or 0)
    lowest, highest = db.to_money(r[3]), db.to_money(r[4])
    normal = (f"{lowest} - {highest}" if lowest is not None and highest is not None
              else f"< {highest}" if highest is not None else f"> {lowest}")
    abnormal = (Decimal(100 * (low + high)) / count).quantize(TENTH, rounding=ROUND_HALF_UP)
    return [format_code("lab_test", r[0]), r[1], r[2], normal, count, low, int(r[7] or 0), high, f"{abnormal}",
            _text(db.to_money(r[9])), _text(_average(r[10], count, db, CENT)), _text(db.to_money(r[11]))]
