"""A synthetic hospital of any size for benchmarks: N patients, N/10 doctors, 5N appointments and
3N bills with items and payments. Deterministic (fixed random seed), generated and inserted in
batches, every bill's figures computed by the billing rules (in whole cents, exactly)."""
from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache, cached_property

from ..domain.errors import DatabaseNotEmpty, InvalidRequest
from ..domain.validation import compact_key, name_grams, name_key
from . import summaries
from .database import Database
from .seed_loader import SEED_DIR, is_empty

SCALE_SEED = 7_2026
FIRST_DAY = date(2025, 1, 1)
DAYS = 730
AS_OF = FIRST_DAY + timedelta(days=DAYS * 9 // 10)
SLOTS = [f"{9 + m // 60:02d}:{m % 60:02d}" for m in range(0, 8 * 60, 15)]
BATCH = 5000

FIRST_NAMES = ("Aarav Vihaan Arjun Rohan Rahul Amit Sanjay Vikram Karan Nikhil Suresh Rajesh Manoj Arun Deepak Harish "
               "Imran Joseph Anil Ravi Aadhya Ananya Diya Priya Kavya Sneha Pooja Neha Anjali Lakshmi Meera Divya "
               "Fatima Ayesha Sara Mary Grace Shalini Rekha Sunita").split()
SURNAMES = ("Sharma Verma Gupta Iyer Nair Reddy Rao Patel Shah Mehta Singh Kaur Das Bose Chatterjee Mukherjee Menon "
            "Pillai Kulkarni Joshi Deshpande Khan Qureshi Fernandes Pereira Naidu Mishra Pandey Tiwari Chauhan Yadav "
            "Agarwal Banerjee Ghosh Sen Kapoor Malhotra Saxena Thakur Kumar").split()
SPECIALIZATIONS = ("General Medicine|Cardiology|Orthopaedics|Paediatrics|Gynaecology|Dermatology|ENT|Ophthalmology|"
                   "Neurology|Psychiatry|Pulmonology|Gastroenterology|Nephrology|Urology|Oncology").split("|")


@dataclass
class ScaleTable:
    name: str
    sql: str
    rows: Callable[[], Iterator[tuple]]
    counter: Callable[[], int]

    @property
    def count(self) -> int:
        return self.counter()


CITIES = ["Mumbai", "Pune", "Bengaluru", "Chennai", "Hyderabad", "Kolkata", "Delhi", "Jaipur"]


def scale_tables(patients: int) -> list[ScaleTable]:
    """The tables in load order, each with its INSERT and a generator of its rows."""
    if patients < 10:
        raise InvalidRequest("--scale needs at least 10 patients")
    doctors = patients // 10
    plan = _Plan(patients, doctors)
    return [
        ScaleTable("services", "INSERT INTO services (service_id, service_name, service_key, cost)"
                   " VALUES (?, ?, ?, ?)",
                   plan.services, lambda: len(plan.prices)),
        ScaleTable("patients", "INSERT INTO patients (patient_id, name, name_key, gender, birth_date, contact_no,"
                   " city, registered_on, phone_tail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", plan.patients,
                   lambda: patients),
        ScaleTable("patient_name_grams", "INSERT INTO patient_name_grams (gram, patient_id) VALUES (?, ?)",
                   plan.name_grams, plan.name_gram_count),
        ScaleTable("admissions", "INSERT INTO admissions (patient_id, admitted_on, discharged_on) VALUES (?, ?, ?)",
                   plan.admissions, lambda: patients // 10),
        ScaleTable("departments", "INSERT INTO departments (department_id, name, department_key, location)"
                   " VALUES (?, ?, ?, ?)", plan.departments, lambda: len(SPECIALIZATIONS)),
        ScaleTable("doctors", "INSERT INTO doctors (doctor_id, name, name_key, specialization, contact_no,"
                   " consultation_fee, department_id) VALUES (?, ?, ?, ?, ?, ?, ?)", plan.doctors, lambda: doctors),
        ScaleTable("appointments", "INSERT INTO appointments (appt_id, patient_id, doctor_id, appt_date, appt_time,"
                   " diagnosis, status) VALUES (?, ?, ?, ?, ?, ?, ?)", plan.appointments, lambda: 5 * patients),
        ScaleTable("billing", "INSERT INTO billing (bill_id, patient_id, appt_id, consultation_charges, subtotal,"
                   " discount, tax, total_amount, billing_date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   plan.bills, lambda: len(plan.billed)),
        ScaleTable("bill_items", "INSERT INTO bill_items (bill_id, service_id, quantity, unit_price, line_total)"
                   " VALUES (?, ?, ?, ?, ?)", plan.items, lambda: plan.item_count),
        ScaleTable("payments", "INSERT INTO payments (payment_id, bill_id, paid_on, method, amount)"
                   " VALUES (?, ?, ?, ?, ?)", plan.payments, lambda: plan.payment_count),
        ScaleTable("visits", "INSERT INTO visits (appt_id, notes, weight_kg, bp_systolic, bp_diastolic,"
                   " haemoglobin, recorded_at) VALUES (?, '', ?, ?, ?, ?, ?)", plan.visits,
                   lambda: len(plan.measured)),
    ]


def load_scale(db: Database, tables: list[ScaleTable], progress: Callable[[str, int], None] | None = None,
               only: tuple[str, ...] | None = None) -> dict[str, int]:
    """Generate and insert the synthetic hospital (scale_tables(N)) into an empty database, in one
    transaction: stopped half-way (killed, a full disk), it leaves the database as empty as it was."""
    if not is_empty(db):
        raise DatabaseNotEmpty("the database already has records; --scale loads only into an empty database")
    loaded = {}
    with db.transaction(), summaries.paused(db):
        for table in tables:
            if only and table.name not in only:
                continue
            count = 0
            for batch in batches(table.rows(), BATCH):
                db.executemany(table.sql, batch)
                count += len(batch)
                if progress:
                    progress(table.name, len(batch))
            if table.name == "billing":
                db.execute("UPDATE counters SET last_value = ? WHERE name = 'bill'", (count,))
            loaded[table.name] = count
    return loaded


def batches(rows: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@cache
def _cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


DATES = [FIRST_DAY + timedelta(days=day) for day in range(DAYS)]


class _Plan:
    """Decides every row up front in compact form, so each table's rows can be generated again
    identically (the benchmark's bare baseline inserts exactly the same rows)."""

    def __init__(self, patients: int, doctors: int):
        self.n_patients, self.n_doctors = patients, doctors
        self.prices = self._price_list()
        rng = random.Random(SCALE_SEED)
        # int(random() * n) rather than randrange(n): the same uniform choice, several times faster.
        draw = rng.random
        self.fees = [(300 + 50 * int(draw() * 25)) * 100 for _ in range(doctors)]
        self.admitted = [int(draw() * DAYS) for _ in range(patients)]
        self._rng = rng

    # The appointment and bill plans are made only when a table needs them, so a load of
    # patients alone (the million-patient search benchmark) never plans 5N appointments.
    @cached_property
    def appointments_plan(self) -> list[tuple[int, int, int, int, str]]:
        return self._plan_appointments(self._rng)

    @cached_property
    def billed(self) -> list[int]:
        completed = [k for k, (_, _, _, _, status) in enumerate(self.appointments_plan) if status == "completed"]
        return sorted(self._rng.sample(completed, k=min(3 * self.n_patients, len(completed))))

    @cached_property
    def bill_lines(self) -> list[list[tuple[int, int]]]:
        draw, count, quantities = self._rng.random, len(self.prices), (1, 1, 1, 2, 3)
        plan = []
        for _ in self.billed:
            lines: dict[int, int] = {}
            for _ in range(1 + int(draw() * 3)):
                lines.setdefault(int(draw() * count), quantities[int(draw() * 5)])  # one line per service
            plan.append(list(lines.items()))
        return plan

    @property
    def item_count(self) -> int:
        return sum(len(lines) for lines in self.bill_lines)

    @cached_property
    def paid(self) -> list[bool]:
        draw = self._rng.random
        return [draw() < 0.7 for _ in self.bill_lines]

    @property
    def payment_count(self) -> int:
        return sum(self.paid)

    def _price_list(self) -> list[tuple[str, int]]:
        with open(SEED_DIR / "services.csv", newline="", encoding="utf-8") as handle:
            return [(row["service_name"], int(Decimal(row["cost"]) * 100)) for row in csv.DictReader(handle)]

    def _plan_appointments(self, rng: random.Random) -> list[tuple[int, int, int, int, str]]:
        taken_doctor, taken_patient = set[int](), set[int]()
        plan: list[tuple[int, int, int, int, str]] = []
        slots, draw, n_patients, n_doctors = len(SLOTS), rng.random, self.n_patients, self.n_doctors
        while len(plan) < 5 * n_patients:
            patient, doctor = int(draw() * n_patients), int(draw() * n_doctors)
            day, slot = int(draw() * DAYS), int(draw() * slots)
            doctor_key, patient_key = (doctor * DAYS + day) * slots + slot, (patient * DAYS + day) * slots + slot
            if doctor_key in taken_doctor or patient_key in taken_patient:
                continue
            taken_doctor.add(doctor_key)
            taken_patient.add(patient_key)
            roll = draw()
            past = DATES[day] < AS_OF
            status = ("completed" if roll < 0.85 else "cancelled" if roll < 0.95 else "no_show") if past else \
                ("scheduled" if roll < 0.95 else "cancelled")
            plan.append((patient, doctor, day, slot, status))
        plan.sort(key=lambda a: (a[2], a[3], a[1]))
        return plan

    def services(self) -> Iterator[tuple]:
        for number, (name, cents) in enumerate(self.prices, start=1):
            yield number, name, compact_key(name), _cents(cents)

    def name(self, i: int) -> str:
        return f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {SURNAMES[(i * 7 + i // 97) % len(SURNAMES)]}"

    def name_grams(self) -> Iterator[tuple]:
        for i in range(self.n_patients):
            for gram in sorted(name_grams(name_key(self.name(i)))):
                yield gram, 1001 + i

    def name_gram_count(self) -> int:
        return sum(len(name_grams(name_key(self.name(i)))) for i in range(self.n_patients))

    def patients(self) -> Iterator[tuple]:
        for i in range(self.n_patients):
            name = self.name(i)
            registered = DATES[self.admitted[i]]
            born = registered - timedelta(days=(i % 90) * 365 + i % 365)
            phone = f"9{i:09d}"
            yield (1001 + i, name, name_key(name), "MFO"[i % 3 if i % 50 else 2], born,
                   phone, CITIES[i % len(CITIES)], registered, phone[::-1])

    def admissions(self) -> Iterator[tuple]:
        """One patient in ten stayed; one stay in ten is still open."""
        for i in range(0, self.n_patients - self.n_patients % 10, 10):
            admitted = DATES[self.admitted[i]]
            yield 1001 + i, admitted, admitted + timedelta(days=i % 6) if i % 100 else None

    @staticmethod
    def departments() -> Iterator[tuple]:
        """One per specialization, on the floors of the hospital's blocks."""
        for i, name in enumerate(SPECIALIZATIONS):
            yield i + 1, name, compact_key(name), f"Block {chr(ord('A') + i // 5)}, floor {i % 5}"

    def doctors(self) -> Iterator[tuple]:
        for i in range(self.n_doctors):
            name = f"{FIRST_NAMES[(i * 3) % len(FIRST_NAMES)]} {SURNAMES[(i * 11) % len(SURNAMES)]}"
            department = i % len(SPECIALIZATIONS)
            yield (i + 1, name, name_key(name), SPECIALIZATIONS[department], f"8{i:09d}", _cents(self.fees[i]),
                   department + 1)

    def appointments(self) -> Iterator[tuple]:
        for number, (patient, doctor, day, slot, status) in enumerate(self.appointments_plan, start=1):
            yield (number, 1001 + patient, doctor + 1, DATES[day], SLOTS[slot],
                   "Routine check-up" if status == "completed" else "", status)

    @cached_property
    def measured(self) -> list[int]:
        """Every second completed visit has its vitals recorded (drawn from its number, not from the
        generator, so the other tables stay as they were)."""
        completed = [k for k, (_, _, _, _, status) in enumerate(self.appointments_plan) if status == "completed"]
        return completed[::2]

    def visits(self) -> Iterator[tuple]:
        """A weight of 45.0 to 94.9 kg, a pressure of 100/60 to 189/99 (some very high) and a
        haemoglobin of 8.0 to 16.9 g/dL (some anaemic)."""
        for k in self.measured:
            _, _, day, slot, _ = self.appointments_plan[k]
            seen = datetime.combine(DATES[day], time.fromisoformat(SLOTS[slot]))
            yield (k + 1, Decimal(450 + k * 7 % 500).scaleb(-1), 100 + k * 3 % 90, 60 + k % 40,
                   Decimal(80 + k * 13 % 90).scaleb(-1), seen)

    @cached_property
    def _bill_figures(self) -> list[tuple]:
        figures, prices, plan = [], self.prices, self.appointments_plan
        for number, (k, lines) in enumerate(zip(self.billed, self.bill_lines, strict=True), start=1):
            patient, doctor, day, _, _ = plan[k]
            subtotal = sum(prices[s][1] * q for s, q in lines)
            fee = self.fees[doctor]
            figures.append((number, k, patient, day, subtotal, fee, subtotal + fee))  # no discount, no tax
        return figures

    def bills(self) -> Iterator[tuple]:
        zero = _cents(0)
        for (number, k, patient, day, subtotal, fee, total), paid in zip(self._bill_figures, self.paid, strict=True):
            yield (number, 1001 + patient, k + 1, _cents(fee), _cents(subtotal), zero, zero, _cents(total),
                   DATES[day], "paid" if paid else "unpaid")

    def items(self) -> Iterator[tuple]:
        for number, lines in enumerate(self.bill_lines, start=1):
            for service, quantity in lines:
                price = self.prices[service][1]
                yield number, service + 1, quantity, _cents(price), _cents(price * quantity)

    def payments(self) -> Iterator[tuple]:
        payment = 0
        methods = ("cash", "card", "upi", "insurance")
        for (number, _, _, day, _, _, total), paid in zip(self._bill_figures, self.paid, strict=True):
            if paid:
                payment += 1
                yield payment, number, DATES[day], methods[payment % 4], _cents(total)
