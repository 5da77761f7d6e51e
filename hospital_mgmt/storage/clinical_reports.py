"""The insights of the clinical record over a period: the high-risk patients (thresholds in
domain/risk.py), the average weight by city, and the distribution of each lab test's results.
Averages are summed and counted in SQL and divided once, exactly, in Decimal. Each plan starts
from the period's rows (`db.join_in_order`): the appointments of its days, or the results
reported in it."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..domain.patient import Patient
from ..domain.period import Period
from ..domain.report import Report
from ..domain.risk import ANAEMIA_HIGHEST, VERY_HIGH_BP_LOWEST, risks
from ..domain.visit import Vitals
from .database import Database
from .labs import stored_lab_test
from .patients import PatientRepository
from .visits import stored_vitals

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
    age, sex and pregnancy, or whose latest blood pressure of the period is very high. The readings
    are read as they are stored, and only those that could put a patient at risk are looked at."""
    _, rows = db.table(
        "SELECT a.patient_id, a.appt_date, v.haemoglobin, v.bp_systolic, v.bp_diastolic, v.pregnant"
        f" FROM appointments a {db.join_in_order} visits v ON v.appt_id = a.appt_id WHERE {IN_PERIOD}"
        " AND (v.haemoglobin IS NOT NULL OR v.bp_systolic IS NOT NULL)"
        " ORDER BY a.patient_id, a.appt_date, a.appt_time, a.appt_id", (period.first, period.last))
    latest_hb: dict[int, tuple] = {}
    latest_bp: dict[int, tuple] = {}
    for patient_id, day, haemoglobin, systolic, diastolic, pregnant in rows:  # in time order: the last stays
        if haemoglobin is not None:
            latest_hb[patient_id] = (day, haemoglobin, pregnant)
        if systolic is not None:
            latest_bp[patient_id] = (day, systolic, diastolic, pregnant)
    lowest_systolic, lowest_diastolic = VERY_HIGH_BP_LOWEST
    candidates = sorted({p for p, (_, hb, _) in latest_hb.items() if db.to_money(hb) < ANAEMIA_HIGHEST}
                        | {p for p, (_, s, d, _) in latest_bp.items() if s >= lowest_systolic or d >= lowest_diastolic})
    found = []
    for patient in _patients(db, candidates):
        assert patient.patient_id is not None
        hb, bp = latest_hb.get(patient.patient_id), latest_bp.get(patient.patient_id)
        age = patient.age_on(period.last)
        hb_vitals, hb_text = _shown(db, hb, lambda r: stored_vitals(db, haemoglobin=r[1], pregnant=r[2]),
                                    lambda v: str(v.haemoglobin))
        bp_vitals, bp_text = _shown(db, bp, lambda r: stored_vitals(db, bp_systolic=r[1], bp_diastolic=r[2],
                                                                    pregnant=r[3]), lambda v: v.blood_pressure)
        why = risks(age, patient.gender, hb_vitals, bp_vitals)
        if why:
            found.append([patient.code, patient.name, age, patient.gender, patient.city, hb_text, bp_text,
                          "; ".join(why)])
    return Report("High-risk patients", ["Patient", "Name", "Age", "Sex", "City", "Latest Hb g/dL (day)",
                                         "Latest BP mmHg (day)", "Why"], found)


def _shown(db: Database, reading: tuple | None, make, text) -> tuple[Vitals | None, str]:
    """A patient's latest reading (day first) as vitals, and as the report shows it with its day."""
    if reading is None:
        return None, ""
    vitals = make(reading)
    return vitals, f"{text(vitals)} ({db.to_date(reading[0])})"


def _patients(db: Database, patient_ids: list[int], chunk: int = 500) -> list[Patient]:
    """The patients, in order, read `chunk` at a time (an IN list of a whole city would outgrow
    what SQLite binds)."""
    repository, found = PatientRepository(db), []
    for start in range(0, len(patient_ids), chunk):
        part = repository.get_many(patient_ids[start:start + chunk])
        found += [part[patient_id] for patient_id in sorted(part)]
    return found


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
    rows = db.rows(
        "SELECT t.test_id, t.name, t.unit, t.low, t.high, t.women_low, t.women_high, COUNT(*) AS results,"
        " SUM(CASE WHEN o.flag = 'low' THEN 1 ELSE 0 END) AS low_results,"
        " SUM(CASE WHEN o.flag = 'normal' THEN 1 ELSE 0 END) AS normal_results,"
        " SUM(CASE WHEN o.flag = 'high' THEN 1 ELSE 0 END) AS high_results, MIN(o.result) AS lowest,"
        " SUM(o.result) AS total, MAX(o.result) AS highest"
        f" FROM lab_orders o {db.join_in_order} lab_tests t ON t.test_id = o.test_id"
        " WHERE o.result_on >= ? AND o.result_on <= ?"
        " GROUP BY t.test_id, t.name, t.unit, t.low, t.high, t.women_low, t.women_high"
        " ORDER BY t.name, t.test_id", (period.first, period.last))
    return Report("Lab results", ["Test", "Name", "Unit", "Normal range", "Results", "Low", "Normal", "High",
                                  "Abnormal %", "Lowest", "Average", "Highest"],
                  [_lab_row(db, r) for r in rows])


def _lab_row(db: Database, r) -> list:
    test = stored_lab_test(db, r)
    count, low, normal, high = int(r["results"]), int(r["low_results"] or 0), int(r["normal_results"] or 0), int(
        r["high_results"] or 0)
    abnormal = (Decimal(100 * (low + high)) / count).quantize(TENTH, rounding=ROUND_HALF_UP)
    return [test.code, test.name, test.unit, test.range_text, count, low, normal, high, f"{abnormal}",
            _text(db.to_money(r["lowest"])), _text(_average(r["total"], count, db, CENT)),
            _text(db.to_money(r["highest"]))]
