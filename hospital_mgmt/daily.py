"""The daily job: the day's visits and the day's cash-up, as CSV files in the reports folder."""
import csv
from datetime import date
from pathlib import Path

from .domain.codes import format_code
from .output_files import writable_folder, writing
from .reports import Period, cash_up, write_csv
from .storage.appointments import AppointmentRepository


def write_daily_report(db, day: date, reports_dir: Path) -> list[Path]:
    folder = writable_folder(reports_dir)
    visits_path = folder / f"daily_visits_report_{day:%Y%m%d}.csv"
    views = AppointmentRepository(db).filter(day, day, size=100_000).items
    with writing(visits_path), open(visits_path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["appointment", "date", "time", "patient", "doctor", "doctor_name", "specialization",
                         "status", "diagnosis"])
        for view in views:
            a = view.appointment
            writer.writerow([a.code, a.appt_date, f"{a.appt_time:%H:%M}", format_code("patient", a.patient_id),
                             format_code("doctor", a.doctor_id),
                             view.doctor_name, view.specialization, a.status.label, a.diagnosis])
    cash_path = write_csv(cash_up(db, Period(day, day)), folder / f"cash_up_{day:%Y%m%d}.csv")
    return [visits_path, cash_path]
