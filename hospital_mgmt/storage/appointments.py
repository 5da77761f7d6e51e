from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from ..domain.appointment import OPEN_STATUSES, Appointment, AppointmentStatus
from ..domain.codes import format_code
from ..domain.errors import NotFound, SlotTaken
from ..domain.records import restore
from .database import Database, DuplicateKey
from .paging import PAGE_SIZE, After, Page, PageAt, capped_count, make_page, page_window

STATUSES = {status.value: status for status in AppointmentStatus}
SLOT_KEYS = {"uq_appointments_doctor_slot", "uq_appointments_patient_slot"}


def open_status_sql(column: str = "status") -> str:
    """SQL true for an appointment booked and not yet seen to the end (OPEN_STATUSES); the values
    are the enum's own, never input."""
    values = ", ".join(f"'{status.value}'" for status in AppointmentStatus if status in OPEN_STATUSES)
    return f"{column} IN ({values})"


OPEN = open_status_sql()
COLUMNS = ("a.appt_id, a.patient_id, a.doctor_id, a.appt_date, a.appt_time, a.diagnosis, a.status, a.token_no,"
           " a.arrived_at, a.called_at")


@dataclass
class AppointmentView:
    """An appointment with the names a screen shows beside it."""

    appointment: Appointment
    patient_name: str
    doctor_name: str
    specialization: str


class AppointmentRepository:
    def __init__(self, db: Database):
        self.db = db

    def book(self, appointment: Appointment, request_key: str | None = None) -> Appointment:
        """Store a new appointment; the unique slot indexes refuse a double booking."""
        try:
            appointment.appt_id = self.db.insert(
                "INSERT INTO appointments (patient_id, doctor_id, appt_date, appt_time, diagnosis, status,"
                " request_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (appointment.patient_id, appointment.doctor_id, appointment.appt_date, appointment.appt_time,
                 appointment.diagnosis, appointment.status.value, request_key))
        except DuplicateKey as clash:
            if clash.key not in SLOT_KEYS:
                raise
            raise self._slot_taken(clash.key == "uq_appointments_doctor_slot", appointment) from None
        return appointment

    def by_request_key(self, key: str) -> Appointment | None:
        """The appointment a booking with this request key made, if it was saved."""
        row = self.db.one(f"SELECT {COLUMNS} FROM appointments a WHERE a.request_key = ?", (key,))
        return None if row is None else self._appointment(row)

    def check_free(self, appointment: Appointment) -> None:
        """Raise SlotTaken when the doctor or the patient already holds that slot (another
        appointment than this one, when it is being moved)."""
        row = self.db.one(
            "SELECT doctor_id FROM appointments WHERE appt_date = ? AND appt_time = ? AND live_slot = 1"
            " AND (doctor_id = ? OR patient_id = ?) AND appt_id <> ? ORDER BY doctor_id <> ? LIMIT 1",
            (appointment.appt_date, appointment.appt_time, appointment.doctor_id, appointment.patient_id,
             appointment.appt_id or 0, appointment.doctor_id))
        if row is not None:
            raise self._slot_taken(row["doctor_id"] == appointment.doctor_id, appointment)

    def get(self, appt_id: int, lock: bool = False) -> Appointment:
        """The appointment; with `lock`, inside a unit of work, held until it ends."""
        row = self.db.one(f"SELECT {COLUMNS} FROM appointments a WHERE a.appt_id = ?"
                          + (self.db.lock_suffix if lock else ""), (appt_id,))
        if row is None:
            raise NotFound("appointment", format_code("appointment", appt_id))
        return self._appointment(row)

    def save(self, appointment: Appointment) -> None:
        """Write a status change, a check-in or a diagnosis (the slot moves only through move())."""
        self.db.execute("UPDATE appointments SET status = ?, diagnosis = ?, token_no = ?, arrived_at = ?,"
                        " called_at = ? WHERE appt_id = ?",
                        (appointment.status.value, appointment.diagnosis, appointment.token_no,
                         appointment.arrived_at, appointment.called_at, appointment.appt_id))

    def move(self, appointment: Appointment) -> None:
        """Write the appointment's new doctor and slot; the unique slot indexes refuse a taken one."""
        try:
            self.db.execute("UPDATE appointments SET doctor_id = ?, appt_date = ?, appt_time = ? WHERE appt_id = ?",
                            (appointment.doctor_id, appointment.appt_date, appointment.appt_time,
                             appointment.appt_id))
        except DuplicateKey as clash:
            if clash.key not in SLOT_KEYS:
                raise
            raise self._slot_taken(clash.key == "uq_appointments_doctor_slot", appointment) from None

    def next_token(self, doctor_id: int, day: date) -> int:
        """The token number the next patient checking in for the doctor that day gets (the
        caller holds the doctor's row locked, so two desks never hand out the same one)."""
        last = self.db.scalar("SELECT MAX(token_no) FROM appointments WHERE doctor_id = ? AND appt_date = ?",
                              (doctor_id, day))
        return int(last or 0) + 1

    def queue(self, doctor_id: int, day: date) -> list[AppointmentView]:
        """The doctor's patients of the day who have checked in, in the order they came."""
        return self._views("a.doctor_id = ? AND a.appt_date = ? AND a.token_no IS NOT NULL", (doctor_id, day),
                           "a.token_no")

    def open_between(self, doctor_id: int, first: date, last: date) -> int:
        """How many appointments the doctor has from `first` to `last` not yet seen to the end."""
        return int(self.db.scalar("SELECT count(*) FROM appointments WHERE doctor_id = ? AND appt_date >= ?"
                                  f" AND appt_date <= ? AND {OPEN}", (doctor_id, first, last)))

    def view(self, appt_id: int) -> AppointmentView:
        found = self._views("a.appt_id = ?", (appt_id,), "a.appt_id")
        if not found:
            raise NotFound("appointment", format_code("appointment", appt_id))
        return found[0]

    def taken_times(self, doctor_id: int, day: date) -> set[time]:
        rows = self.db.rows("SELECT appt_time FROM appointments WHERE doctor_id = ? AND appt_date = ?"
                            " AND live_slot = 1", (doctor_id, day))
        return {self.db.to_time(row["appt_time"]) for row in rows}

    def patient_times(self, patient_id: int, day: date) -> set[time]:
        rows = self.db.rows("SELECT appt_time FROM appointments WHERE patient_id = ? AND appt_date = ?"
                            " AND live_slot = 1", (patient_id, day))
        return {self.db.to_time(row["appt_time"]) for row in rows}

    def open_slots_from(self, doctor_id: int, day: date) -> list[tuple[date, time]]:
        """The days and times of the doctor's appointments from `day` on not yet seen to the end."""
        rows = self.db.rows("SELECT appt_date, appt_time FROM appointments WHERE doctor_id = ? AND appt_date >= ?"
                            f" AND {OPEN}", (doctor_id, day))
        return [(self.db.to_date(row["appt_date"]), self.db.to_time(row["appt_time"])) for row in rows]

    def doctor_day(self, doctor_id: int, day: date) -> list[AppointmentView]:
        return self._views("a.doctor_id = ? AND a.appt_date = ?", (doctor_id, day), "a.appt_time, a.appt_id")

    def for_patient(self, patient_id: int) -> list[AppointmentView]:
        return self._views("a.patient_id = ?", (patient_id,), "a.appt_date, a.appt_time, a.appt_id")

    def latest_live_for_patient(self, patient_id: int, count: int) -> list[AppointmentView]:
        """The patient's last `count` scheduled or completed appointments, in time order."""
        newest_first = self._views("a.patient_id = ? AND a.live_slot = 1", (patient_id,),
                                   "a.appt_date DESC, a.appt_time DESC, a.appt_id DESC", count)
        return newest_first[::-1]

    def filter(self, date_from: date | None = None, date_to: date | None = None, doctor_id: int | None = None,
               status: AppointmentStatus | None = None, page: PageAt = 1, size: int = PAGE_SIZE,
               patient_id: int | None = None) -> Page[AppointmentView]:
        where, params = _filter_where(date_from, date_to, doctor_id, status, patient_id)
        if isinstance(page, After):  # the appointments after the last one shown, in (date, time, id) order
            assert isinstance(page.key, tuple)
            day, at, appt_id = page.key
            where += (" AND a.appt_date >= ? AND (a.appt_date > ? OR a.appt_time > ?"
                      " OR (a.appt_time = ? AND a.appt_id > ?))")
            params += (day, day, at, at, appt_id)
        limit, offset = page_window(page, size)
        views = self._views(where, params, "a.appt_date, a.appt_time, a.appt_id", limit, offset)
        return make_page(views, page, size)

    def count(self, date_from: date | None = None, date_to: date | None = None, doctor_id: int | None = None,
              status: AppointmentStatus | None = None, patient_id: int | None = None) -> tuple[int, bool]:
        where, params = _filter_where(date_from, date_to, doctor_id, status, patient_id)
        return capped_count(self.db, f"appointments a WHERE {where}", params)

    def _views(self, where: str, params: tuple, order: str, limit: int | None = None,
               offset: int = 0) -> list[AppointmentView]:
        # `where` and `order` are fixed strings from this module; values are always bound.
        sql = (f"SELECT {COLUMNS}, p.name AS patient_name, d.name AS doctor_name, d.specialization"
               " FROM appointments a JOIN patients p ON p.patient_id = a.patient_id"
               f" JOIN doctors d ON d.doctor_id = a.doctor_id WHERE {where} ORDER BY {order}")
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = params + (limit, offset)
        return [AppointmentView(self._appointment(row), row["patient_name"], row["doctor_name"],
                                row["specialization"]) for row in self.db.rows(sql, params)]

    def _slot_taken(self, doctors_slot: bool, appointment: Appointment) -> SlotTaken:
        """The doctor's slot is taken (doctors_slot), or else the patient's."""
        when = f"{appointment.appt_time:%H:%M} on {appointment.appt_date}"
        if doctors_slot:
            name = self.db.scalar("SELECT name FROM doctors WHERE doctor_id = ?", (appointment.doctor_id,))
            return SlotTaken(f"Dr. {name} already has an appointment at {when}")
        patient = format_code("patient", appointment.patient_id)
        return SlotTaken(f"patient {patient} already has an appointment at {when}")

    def _appointment(self, row) -> Appointment:
        return restore(
            Appointment, patient_id=row["patient_id"], doctor_id=row["doctor_id"],
            appt_date=self.db.to_date(row["appt_date"]), appt_time=self.db.to_time(row["appt_time"]),
            diagnosis=row["diagnosis"], status=STATUSES[row["status"]], appt_id=row["appt_id"],
            token_no=row["token_no"], arrived_at=self.db.to_datetime(row["arrived_at"]),
            called_at=self.db.to_datetime(row["called_at"]))


def _filter_where(date_from: date | None, date_to: date | None, doctor_id: int | None,
                  status: AppointmentStatus | None, patient_id: int | None) -> tuple[str, tuple]:
    conditions: list[str] = ["1 = 1"]
    params: list[object] = []
    for condition, value in (("a.appt_date >= ?", date_from), ("a.appt_date <= ?", date_to),
                             ("a.doctor_id = ?", doctor_id), ("a.status = ?", status and status.value),
                             ("a.patient_id = ?", patient_id)):
        if value is not None:
            conditions.append(condition)
            params.append(value)
    return " AND ".join(conditions), tuple(params)
