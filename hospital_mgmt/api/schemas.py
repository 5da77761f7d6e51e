"""What goes over the wire: the request bodies the API accepts and the documents it answers with.

Money is a decimal string ("1234.50"), never a JSON number: a number where money belongs is
refused. Dates and times are ISO 8601. Records are named by the codes the hospital writes
(1001, D01, S01, A001, B001, R0001, C001). Unknown fields are refused, so a typo is not ignored."""
from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StringConstraints, WithJsonSchema

from ..domain.admission import Admission
from ..domain.billing import BillItem, FinalBill, Payment
from ..domain.codes import format_code
from ..domain.department import Department
from ..domain.doctor import Doctor
from ..domain.lab import LabResult, LabTest
from ..domain.money import to_money
from ..domain.patient import Patient
from ..domain.receipt import CreditNote, Receipt
from ..domain.service import Service
from ..domain.visit import Medicine, Vitals
from ..operations.visits import TreatmentLine
from ..storage.appointments import AppointmentView

T = TypeVar("T")
MONEY_PATTERN = r"^-?[0-9][0-9,]*(\.[0-9]{1,2})?$"
Money = Annotated[str, StringConstraints(pattern=MONEY_PATTERN, max_length=20),
                  Field(description='an amount as a decimal string, such as "1234.50"', examples=["1234.50"])]
Code = Annotated[str, StringConstraints(min_length=1, max_length=12),
                 Field(description="a record's code as the hospital writes it (D07), or its number (7)")]
Text = Annotated[str, StringConstraints(max_length=500)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
# The application keeps local times without a zone; on the wire a moment carries its offset (RFC 3339).
Moment = Annotated[datetime, PlainSerializer(lambda at: at.astimezone().isoformat(), return_type=str),
                   WithJsonSchema({"type": "string", "format": "date-time"})]


def money(amount: Decimal) -> str:
    return f"{to_money(amount):.2f}"


def optional_money(amount: Decimal | None) -> str | None:
    return None if amount is None else money(amount)


class Problem(BaseModel):
    """An error (RFC 9457)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, str]] | None = Field(default=None, description="each field refused, with the reason")
    candidates: list[dict] | None = Field(default=None, description="the patients a new one may be (409)")


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Listing(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    total: int = Field(description="how many match in all (counted up to 10,000)")
    total_exact: bool = Field(description="false when there are more than `total`")


# -- patients, doctors, services ----------------------------------------------------------------

class PatientIn(Body):
    name: ShortText
    contact_no: Annotated[str, StringConstraints(max_length=40)]
    gender: Annotated[str, StringConstraints(max_length=10)] = Field(description="M, F or O")
    birth_date: date | None = Field(default=None, description="the date of birth; or give `age` when it is unknown")
    birth_estimated: bool = Field(default=False, description="`birth_date` is 1 January of an estimated year")
    age: int | None = Field(default=None, ge=-1000, le=1000,
                            description="in whole years, 0 to 130, when the date of birth is not known: the birth"
                                        " year is estimated from it")
    email: Annotated[str, StringConstraints(max_length=200)] = ""
    address: ShortText = ""
    city: ShortText = ""
    blood_group: Annotated[str, StringConstraints(max_length=20)] = Field(default="", description="A+, O- ...")


class PatientOut(BaseModel):
    code: str
    name: str
    contact_no: str
    gender: str
    birth_date: date = Field(description="1 January of the estimated year when `birth_estimated`")
    birth_estimated: bool
    age: int = Field(description="today, from the date of birth")
    email: str
    address: str
    city: str
    blood_group: str
    registered_on: date
    merged_into: str | None = Field(default=None, description="a duplicate merged into that record")

    @classmethod
    def of(cls, patient: Patient, today: date) -> PatientOut:
        assert patient.birth_date is not None
        return cls(code=patient.code, name=patient.name, contact_no=patient.contact_no, gender=patient.gender,
                   birth_date=patient.birth_date, birth_estimated=patient.birth_estimated,
                   age=patient.age_on(today), email=patient.email, address=patient.address, city=patient.city,
                   blood_group=patient.blood_group, registered_on=patient.registered_on,
                   merged_into=None if patient.merged_into is None else format_code("patient", patient.merged_into))


class AdmissionIn(Body):
    admitted_on: date | None = Field(default=None, description="default: today")
    ward: ShortText = Field(default="", description="ward and bed")
    reason: ShortText = ""


class DischargeIn(Body):
    discharged_on: date | None = Field(default=None, description="default: today")


class AdmissionOut(BaseModel):
    patient: str
    admitted_on: date
    ward: str
    reason: str
    discharged_on: date | None
    days: int = Field(description="to the discharge, or to today while still admitted")

    @classmethod
    def of(cls, stay: Admission, today: date) -> AdmissionOut:
        return cls(patient=stay.code, admitted_on=stay.admitted_on, ward=stay.ward, reason=stay.reason,
                   discharged_on=stay.discharged_on, days=stay.days(today))


class Candidate(BaseModel):
    patient: PatientOut
    reason: str


class DoctorIn(Body):
    name: ShortText
    specialization: ShortText
    contact_no: Annotated[str, StringConstraints(max_length=40)]
    consultation_fee: Money
    department: Annotated[str, StringConstraints(max_length=12)] | None = Field(
        default=None, description="the department's code (DP03); without it, a new doctor joins the department"
                                  " of their specialization (made when there is none) and an updated one stays")


class DoctorOut(BaseModel):
    code: str
    name: str
    specialization: str
    contact_no: str
    consultation_fee: str
    department: str = Field(description="the department's code")

    @classmethod
    def of(cls, doctor: Doctor) -> DoctorOut:
        assert doctor.doctor_id is not None and doctor.department_id is not None
        return cls(code=doctor.code, name=doctor.name, specialization=doctor.specialization,
                   contact_no=doctor.contact_no, consultation_fee=money(doctor.consultation_fee),
                   department=format_code("department", doctor.department_id))


class DepartmentIn(Body):
    name: Annotated[str, StringConstraints(max_length=60)]
    location: Annotated[str, StringConstraints(max_length=100)] = Field("", description="where patients go")


class DepartmentOut(BaseModel):
    code: str
    name: str
    location: str
    doctors: int | None = Field(None, description="how many doctors it has (in the list)")

    @classmethod
    def of(cls, department: Department, doctors: int | None = None) -> DepartmentOut:
        return cls(code=department.code, name=department.name, location=department.location, doctors=doctors)


class Specialization(BaseModel):
    specialization: str
    doctors: int


class ServiceIn(Body):
    name: ShortText
    cost: Money


class ServiceOut(BaseModel):
    code: str
    name: str
    cost: str

    @classmethod
    def of(cls, service: Service) -> ServiceOut:
        return cls(code=service.code, name=service.name, cost=money(service.cost))


# -- appointments -------------------------------------------------------------------------------

class AppointmentIn(Body):
    patient: Code
    doctor: Code
    date: date
    time: time
    reason: Text = ""


class DiagnosisIn(Body):
    diagnosis: Text


class WalkInIn(Body):
    patient: Code
    doctor: Code
    reason: Text = ""


class RescheduleIn(Body):
    doctor: Code | None = Field(default=None, description="another doctor; default: the same")
    date: date
    time: time


class AppointmentOut(BaseModel):
    code: str
    patient: str
    patient_name: str
    doctor: str
    doctor_name: str
    specialization: str
    date: date
    time: str
    status: str
    diagnosis: str
    token: int | None = Field(default=None, description="given at check-in, per doctor and day")
    arrived_at: Moment | None = None

    @classmethod
    def of(cls, view: AppointmentView) -> AppointmentOut:
        a = view.appointment
        return cls(code=a.code, patient=format_code("patient", a.patient_id), patient_name=view.patient_name,
                   doctor=format_code("doctor", a.doctor_id), doctor_name=view.doctor_name,
                   specialization=view.specialization, date=a.appt_date, time=f"{a.appt_time:%H:%M}",
                   status=a.status.value, diagnosis=a.diagnosis, token=a.token_no, arrived_at=a.arrived_at)


# -- the clinical record of a visit ---------------------------------------------------------------

Notes = Annotated[str, StringConstraints(max_length=2000)]
Reading = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,3}(\.[0-9])?$"),
                    Field(description='a reading to one decimal place as a decimal string, such as "61.5"',
                          examples=["61.5"])]


class VitalsIn(Body):
    """Each reading optional; each in the range a real one falls in (422 with the range when not)."""

    weight_kg: Reading | None = None
    height_cm: Reading | None = None
    bp_systolic: int | None = Field(default=None, ge=0, le=1000, description="mmHg")
    bp_diastolic: int | None = Field(default=None, ge=0, le=1000, description="mmHg")
    pulse: int | None = Field(default=None, ge=0, le=1000, description="beats a minute")
    temperature_c: Reading | None = None
    haemoglobin: Reading | None = Field(default=None, description="g/dL")
    pregnant: bool | None = Field(default=None, description="recorded for female patients only")

    def vitals(self) -> Vitals:
        return Vitals(**self.model_dump())


class VitalsOut(BaseModel):
    weight_kg: str | None
    height_cm: str | None
    bmi: str | None
    bp_systolic: int | None
    bp_diastolic: int | None
    pulse: int | None
    temperature_c: str | None
    haemoglobin: str | None
    pregnant: bool | None

    @classmethod
    def of(cls, vitals: Vitals) -> VitalsOut:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)
        return cls(weight_kg=text(vitals.weight_kg), height_cm=text(vitals.height_cm), bmi=text(vitals.bmi),
                   bp_systolic=vitals.bp_systolic, bp_diastolic=vitals.bp_diastolic, pulse=vitals.pulse,
                   temperature_c=text(vitals.temperature_c), haemoglobin=text(vitals.haemoglobin),
                   pregnant=vitals.pregnant)


class VisitIn(Body):
    notes: Notes | None = Field(default=None, description="left out: kept as they are")
    vitals: VitalsIn | None = Field(default=None, description="left out: kept as they are")


class CompleteIn(Body):
    diagnosis: Text
    notes: Notes | None = Field(default=None, description="the doctor's clinical notes of the visit")
    vitals: VitalsIn | None = None


class MedicineIn(Body):
    medicine: Annotated[str, StringConstraints(max_length=100)]
    dosage: Annotated[str, StringConstraints(max_length=40)]
    frequency: Annotated[str, StringConstraints(max_length=40)]
    days: int = Field(ge=1, le=365)
    instructions: Annotated[str, StringConstraints(max_length=100)] = ""

    def medicine_line(self) -> Medicine:
        return Medicine(self.medicine, self.dosage, self.frequency, self.days, self.instructions)


class PrescriptionIn(Body):
    medicines: list[MedicineIn] = Field(max_length=20, description="the whole prescription; empty withdraws it")


class MedicineOut(BaseModel):
    medicine: str
    dosage: str
    frequency: str
    days: int
    instructions: str

    @classmethod
    def of(cls, line: Medicine) -> MedicineOut:
        return cls(medicine=line.medicine, dosage=line.dosage, frequency=line.frequency, days=line.days,
                   instructions=line.instructions)


class TreatmentIn(Body):
    service: Code
    quantity: int = Field(default=1, ge=-100000, le=100000)
    note: ShortText = ""


class TreatmentOut(BaseModel):
    code: str
    appointment: str
    service: str
    service_name: str
    quantity: int
    price_today: Money
    note: str
    bill: str | None = Field(description="the live bill it is on; null while it waits to be billed")

    @classmethod
    def of(cls, line: TreatmentLine) -> TreatmentOut:
        t = line.treatment
        return cls(code=t.code, appointment=format_code("appointment", t.appt_id), service=line.service.code,
                   service_name=line.service.name, quantity=t.quantity, price_today=money(line.service.cost),
                   note=t.note, bill=None if t.bill_id is None else format_code("bill", t.bill_id))


class VisitRecordOut(BaseModel):
    appointment: str
    date: date
    status: str
    diagnosis: str
    notes: str
    vitals: VitalsOut
    recorded_at: Moment | None
    prescription: list[MedicineOut]
    treatments: list[TreatmentOut]


LabValue = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,8}(\.[0-9]{1,2})?$"),
                     Field(description='a measured value as a decimal string, such as "5.4"', examples=["5.4"])]


class LabTestIn(Body):
    name: Annotated[str, StringConstraints(max_length=80)]
    unit: Annotated[str, StringConstraints(max_length=20)] = ""
    low: LabValue | None = Field(default=None, description="the lowest normal value")
    high: LabValue | None = Field(default=None, description="the highest normal value")
    women_low: LabValue | None = Field(default=None, description="where women's normal values differ: theirs")
    women_high: LabValue | None = None

    def lab_test(self, test_id: int | None = None) -> LabTest:
        def limit(text: str | None) -> Decimal | None:
            return None if text is None else Decimal(text)
        return LabTest(self.name, self.unit, limit(self.low), limit(self.high), test_id, limit(self.women_low),
                       limit(self.women_high))


class LabTestOut(BaseModel):
    code: str
    name: str
    unit: str
    low: str | None
    high: str | None
    women_low: str | None
    women_high: str | None

    @classmethod
    def of(cls, test: LabTest) -> LabTestOut:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)
        return cls(code=test.code, name=test.name, unit=test.unit, low=text(test.low), high=text(test.high),
                   women_low=text(test.women_low), women_high=text(test.women_high))


class LabOrderIn(Body):
    test: Code


class LabResultIn(Body):
    value: LabValue
    reported_on: date | None = Field(default=None, description="the day the laboratory reported it; default today")


class LabOrderOut(BaseModel):
    code: str
    appointment: str
    visit_date: date
    test: LabTestOut
    result: str | None
    reported_on: date | None
    flag: str | None = Field(description="low, normal or high against the test's range; null until reported")

    @classmethod
    def of(cls, found: LabResult) -> LabOrderOut:
        order = found.order
        return cls(code=order.code, appointment=format_code("appointment", order.appt_id), visit_date=found.visit_day,
                   test=LabTestOut.of(found.test), result=None if order.result is None else str(order.result),
                   reported_on=order.result_on, flag=None if order.flag is None else order.flag.value)


class QueueOut(BaseModel):
    token: int
    appointment: AppointmentOut
    waited_minutes: int | None = Field(description="since check-in: until called in, or until now")


class DayHoursIn(Body):
    weekday: int = Field(ge=0, le=6, description="0 Monday ... 6 Sunday")
    starts: time
    ends: time


class WeekIn(Body):
    days: list[DayHoursIn] = Field(max_length=7, description="the weekdays worked; the others are off")


class DayHoursOut(BaseModel):
    weekday: int
    day: str
    hours: str = Field(description="HH:MM-HH:MM, or off")


class WeekOut(BaseModel):
    doctor: str
    kept: bool = Field(description="false: never set, the hospital's day every day")
    days: list[DayHoursOut]
    booked_outside: int | None = Field(default=None, description="after a change: appointments to come that"
                                                                 " fall outside the new hours (kept)")


class LeaveIn(Body):
    first_day: date
    last_day: date
    reason: ShortText = ""


class LeaveOut(BaseModel):
    number: int
    doctor: str
    first_day: date
    last_day: date
    reason: str


class MergeIn(Body):
    duplicate: Code = Field(description="the record whose appointments, bills, stays and deposits move")


class MergeOut(BaseModel):
    kept: str
    merged: str
    moved: dict[str, int]


class Slots(BaseModel):
    doctor: str
    date: date
    free: list[str]


# -- bills and money ----------------------------------------------------------------------------

class LineIn(Body):
    service: Code
    quantity: int = Field(default=1, ge=-100000, le=100000)


class BillIn(Body):
    patient: Code
    appointment: Code | None = Field(default=None, description="charge this visit's consultation fee")
    lines: list[LineIn] = Field(default_factory=list, max_length=200)
    treatments: list[Code] = Field(default_factory=list, max_length=200,
                                   description="treatments of the patient's visits waiting to be billed (TR001)")
    discount: Money | None = Field(default=None, description="an amount off the bill")
    discount_percent: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,3}(\.[0-9]{1,2})?$")] | None = None


class PaymentIn(Body):
    amount: Money
    method: Annotated[str, StringConstraints(max_length=20)] = Field(default="cash",
                                                                     description="cash, card, upi or insurance")
    reference: ShortText = Field(default="", description="required for card, UPI and insurance")
    tendered: Money | None = Field(default=None, description="the cash handed over (the change is on the receipt)")


class DepositIn(PaymentIn):
    pass


class AmountIn(Body):
    amount: Money


class VoidIn(Body):
    reason: ShortText


class Approver(Body):
    login: Annotated[str, StringConstraints(max_length=64)]
    password: Annotated[str, StringConstraints(max_length=256)]


class RefundIn(Body):
    amount: Money
    reason: ShortText
    method: Annotated[str, StringConstraints(max_length=20)] = "cash"
    reference: ShortText = ""
    approver: Approver | None = Field(default=None, description="a manager, for a refund above the limit")


class CreditNoteIn(Body):
    reason: ShortText
    lines: list[LineIn] | None = Field(default=None, max_length=200, description="none: the whole bill")
    refund_method: Annotated[str, StringConstraints(max_length=20)] = "cash"
    reference: ShortText = ""
    approver: Approver | None = None


class ItemOut(BaseModel):
    service: str
    name: str
    quantity: int
    unit_price: str
    line_total: str

    @classmethod
    def of(cls, item: BillItem) -> ItemOut:
        return cls(service=item.service_code, name=item.service_name, quantity=item.quantity,
                   unit_price=money(item.unit_price), line_total=money(item.line_total))


class ReceiptOut(BaseModel):
    code: str
    kind: str
    issued_at: Moment
    patient: str
    amount: str
    method: str
    reference: str
    tendered: str | None
    change: str | None
    bill: str | None
    credit_note: str | None
    balance_after: str | None
    cashier: str
    reason: str

    @classmethod
    def of(cls, r: Receipt) -> ReceiptOut:
        return cls(code=r.code, kind=r.kind.value, issued_at=r.issued_at, patient=format_code("patient", r.patient_id),
                   amount=money(r.amount), method=r.method, reference=r.reference,
                   tendered=optional_money(r.tendered), change=optional_money(r.change),
                   bill=None if r.bill_id is None else format_code("bill", r.bill_id),
                   credit_note=None if r.credit_id is None else format_code("credit", r.credit_id),
                   balance_after=optional_money(r.balance_after), cashier=r.cashier, reason=r.reason)


class CreditNoteOut(BaseModel):
    code: str
    bill: str
    issued_on: date
    amount: str
    whole_bill: bool
    reason: str
    issued_by: str
    approved_by: str
    lines: list[dict[str, str | int]]
    refund: ReceiptOut | None

    @classmethod
    def of(cls, note: CreditNote) -> CreditNoteOut:
        return cls(code=note.code, bill=format_code("bill", note.bill_id), issued_on=note.issued_on,
                   amount=money(note.amount), whole_bill=note.whole_bill, reason=note.reason,
                   issued_by=note.issued_by, approved_by=note.approved_by,
                   lines=[{"service": line.service_code, "quantity": line.quantity,
                           "amount": money(line.amount)} for line in note.lines],
                   refund=None if note.refund is None else ReceiptOut.of(note.refund))


class PaymentOut(BaseModel):
    paid_on: date
    method: str
    amount: str
    receipt: str | None


class BillOut(BaseModel):
    code: str
    patient: str
    appointment: str | None
    billing_date: date
    state: str
    subtotal: str
    consultation_charges: str
    discount: str
    tax_rate: str | None
    tax: str
    total_amount: str
    credited: str
    amount_paid: str
    refunded: str
    balance: str
    void_reason: str
    finalized_at: Moment | None
    finalized_by: str
    items: list[ItemOut] = Field(default_factory=list)
    payments: list[PaymentOut] = Field(default_factory=list)

    @classmethod
    def of(cls, bill: FinalBill, items: list[BillItem] | None = None, payments: list[Payment] | None = None) -> BillOut:
        return cls(code=bill.code, patient=format_code("patient", bill.patient_id),
                   appointment=None if bill.appt_id is None else format_code("appointment", bill.appt_id),
                   billing_date=bill.billing_date, state=bill.state.value, subtotal=money(bill.subtotal),
                   consultation_charges=money(bill.consultation_charges),
                   discount=money(bill.discount), tax_rate=optional_money(bill.tax_rate), tax=money(bill.tax),
                   total_amount=money(bill.total_amount), credited=money(bill.credited),
                   amount_paid=money(bill.amount_paid), refunded=money(bill.refunded),
                   balance=money(bill.balance), void_reason=bill.void_reason,
                   finalized_at=bill.finalized_at, finalized_by=bill.finalized_by,
                   items=[ItemOut.of(item) for item in items or []],
                   payments=[PaymentOut(paid_on=p.paid_on, method=p.method.value, amount=money(p.amount),
                                        receipt=None if p.receipt_no is None else format_code("receipt", p.receipt_no))
                             for p in payments or []])


class PaidOut(BaseModel):
    bill: BillOut
    receipt: ReceiptOut


class CreditedOut(BaseModel):
    credit_note: CreditNoteOut
    bill: BillOut


class DepositHeld(BaseModel):
    patient: str
    held: str


# -- shifts -------------------------------------------------------------------------------------

class ShiftIn(Body):
    opening_float: Money = "0.00"


class CountsIn(Body):
    cash: Money = "0.00"
    card: Money = "0.00"
    upi: Money = "0.00"
    insurance: Money = "0.00"


class ShiftOut(BaseModel):
    code: str
    cashier: str
    opened_at: Moment
    opening_float: str
    closed_at: Moment | None
    expected: dict[str, str]
    counted: dict[str, str] | None = None
    difference: dict[str, str] | None = None


# -- sign-in, reports, history -------------------------------------------------------------------

class SignIn(Body):
    login: Annotated[str, StringConstraints(max_length=64)]
    password: Annotated[str, StringConstraints(max_length=256)]


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_at: Moment
    login: str
    roles: list[str]


class Me(BaseModel):
    login: str
    roles: list[str]
    doctor: str | None


class ReportTable(BaseModel):
    title: str
    columns: list[str]
    rows: list[list[str | int | None]]


class ReportOut(ReportTable):
    name: str
    first: date
    last: date
    sections: list[ReportTable]
    has_more: bool = Field(False, description="with limit=: whether a further page follows")


class VisitOut(BaseModel):
    appointment: AppointmentOut
    days_since_last: int | None
    notes: str | None = Field(description="null unless the reader may see clinical notes")
    vitals: VitalsOut | None = Field(description="null unless the reader may see clinical notes")
    prescription: list[MedicineOut]
    treatments: list[TreatmentOut]


class ReadingOut(BaseModel):
    appointment: str
    date: date
    vitals: VitalsOut


class HistoryOut(BaseModel):
    patient: PatientOut
    stays: list[AdmissionOut]
    days_admitted: int = Field(description="over every stay")
    visits: list[VisitOut]
    bills: list[BillOut]
    clinical: bool = Field(description="whether notes, vitals and prescriptions were read (the reader may see them)")
    vitals: list[ReadingOut] = Field(description="the readings over time, oldest first (clinical readers only)")
    labs: list[LabOrderOut] = Field(description="the lab tests ordered, oldest first (clinical readers only)")
