"""A prescription as the patient takes it to the pharmacy: the hospital's header, the doctor, the
patient with age and sex, the date, the diagnosis and one line per medicine; for the text and
PDF writers. A reprint is stamped DUPLICATE."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.appointment import Appointment
from ..domain.doctor import Doctor
from ..domain.patient import Patient
from ..domain.visit import Medicine
from .layout import Document, Table

SEX = {"M": "male", "F": "female", "O": "other"}


@dataclass
class PrintedPrescription:
    appointment: Appointment
    patient: Patient
    doctor: Doctor
    department: str
    medicines: list[Medicine]
    header: list[str]
    duplicate: bool
    printed_at: datetime

    @property
    def file_stem(self) -> str:
        return f"prescription_{self.appointment.code}"


def prescription_document(printed: PrintedPrescription) -> Document:
    appointment, patient, doctor = printed.appointment, printed.patient, printed.doctor
    age = patient.age_text(appointment.appt_date)
    details = [("Prescription", f"{appointment.code}"), ("Date", f"{appointment.appt_date}"),
               ("Doctor", f"{doctor.display_name}, {doctor.specialization} ({printed.department})"),
               ("Patient", f"{patient.code}  {patient.name}"),
               ("Age and sex", f"{age} years, {SEX.get(patient.gender, patient.gender)}")]
    if appointment.diagnosis:
        details.append(("Diagnosis", appointment.diagnosis))
    rows = [[str(number), line.medicine, line.dosage, line.frequency, str(line.days), line.instructions]
            for number, line in enumerate(printed.medicines, start=1)]
    title = "PRESCRIPTION" + (" - DUPLICATE" if printed.duplicate else "")
    footer = (f"{printed.header[0]} - prescription {appointment.code} - printed"
              f" {printed.printed_at:%Y-%m-%d %H:%M}")
    return Document(printed.header, title, details,
                    Table(["#", "Medicine", "Dosage", "Frequency", "Days", "Instructions"], rows, right={0, 4}),
                    notes=[f"Signed: ____________________  {doctor.display_name}"],
                    marks=["DUPLICATE"] if printed.duplicate else [], footer=footer,
                    pdf_title=f"Prescription {appointment.code}")
