"""Patients, doctors and the price list."""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Response

from ...domain.codes import format_code
from ...domain.department import Department
from ...domain.doctor import Doctor
from ...domain.errors import InvalidRequest
from ...domain.money import parse_money
from ...domain.page import After
from ...domain.patient import Patient
from ...domain.service import Service
from ...domain.visit import Vitals
from ...operations import billing, checkout, departments, doctors, documents, history, patients, price_list
from ...operations.context import Context
from ..deps import idempotency_key, signed_in
from ..problems import documented
from ..schemas import (
    AdmissionIn,
    AdmissionOut,
    AppointmentOut,
    BillOut,
    DepartmentIn,
    DepartmentOut,
    DepositHeld,
    DischargeIn,
    DoctorIn,
    DoctorOut,
    HistoryOut,
    LabOrderOut,
    Listing,
    MedicineOut,
    MergeIn,
    MergeOut,
    PatientIn,
    PatientOut,
    ReadingOut,
    ServiceIn,
    ServiceOut,
    Specialization,
    TreatmentOut,
    VisitOut,
    VitalsOut,
    money,
)
from .common import Window, code, listing, may, window

router = APIRouter()
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: documented("a likely duplicate (with the candidates), or a record still in use")}


# -- patients -----------------------------------------------------------------------------------

@router.get("/patients", response_model=Listing[PatientOut], tags=["patients"])
def list_patients(ctx: Context = Depends(signed_in), window: Window = Depends(window),
                  name: str = Query("", max_length=100, description="a part of the name (case and accents ignored)"),
                  phone: str = Query("", max_length=40, description="digits of the phone number"),
                  age_min: int | None = Query(None, ge=0, le=150), age_max: int | None = Query(None, ge=0, le=150),
                  after: str | None = Query(None, max_length=12, description="keyset paging of the whole list: the"
                                            " code of the last patient of the page before (instead of offset)")):
    if after is not None:
        if name or phone or age_min is not None or age_max is not None or window.offset:
            raise InvalidRequest("after= pages the whole list in code order; a search pages with offset=")
        found = patients.list_patients(ctx, After(code("patient", after)), window.limit)
        today = ctx.today()
        return listing(found, window, patients.count_patients(ctx), lambda patient: PatientOut.of(patient, today))
    found = patients.find_patients(ctx, name, phone, age_min, age_max, window.page, window.limit)
    counted = patients.count_patients(ctx, name, phone, age_min, age_max)
    today = ctx.today()
    return listing(found, window, counted, lambda patient: PatientOut.of(patient, today))


@router.post("/patients", status_code=201, response_model=PatientOut, tags=["patients"], responses=CONFLICT)
def register_patient(body: PatientIn, ctx: Context = Depends(signed_in), key: str | None = Depends(idempotency_key),
                     confirmed: bool = Query(False, description="register even if a likely duplicate is on record")):
    """Registering is not admitting (see `POST /patients/{patient}/admissions`). A likely duplicate
    already on record (same phone, same name, or a similar name with the same birth date, or about
    the same age, and gender) answers 409 with the candidates, unless `confirmed=true`."""
    may(ctx, patients.register_patient)
    patient = _patient(body, ctx.today())
    registered = patients.register_patient(ctx, patient, duplicates_confirmed=confirmed, request_key=key)
    return PatientOut.of(registered, ctx.today())


@router.get("/patients/{patient}", response_model=PatientOut, tags=["patients"])
def get_patient(patient: str, ctx: Context = Depends(signed_in)):
    return PatientOut.of(patients.get_patient(ctx, code("patient", patient)), ctx.today())


@router.put("/patients/{patient}", response_model=PatientOut, tags=["patients"])
def update_patient(patient: str, body: PatientIn, ctx: Context = Depends(signed_in)):
    """Every field as given; the day of registration stays. An age instead of a date of birth
    estimates the birth year from today."""
    may(ctx, patients.update_patient)
    current = patients.get_patient(ctx, code("patient", patient))
    changed = _patient(body, current.registered_on, current.patient_id, ctx.today())
    return PatientOut.of(patients.update_patient(ctx, changed), ctx.today())


@router.delete("/patients/{patient}", status_code=204, response_class=Response, tags=["patients"],
               responses=CONFLICT)
def delete_patient(patient: str, ctx: Context = Depends(signed_in)):
    """Refused (409) while appointments or bills refer to the patient."""
    patients.delete_patient(ctx, code("patient", patient))
    return Response(status_code=204)


@router.get("/patients/{patient}/history", response_model=HistoryOut, tags=["patients"])
def patient_history(patient: str, ctx: Context = Depends(signed_in)):
    found = history.patient_history(ctx, code("patient", patient))
    today = ctx.today()
    return HistoryOut(patient=PatientOut.of(found.patient, today),
                      stays=[AdmissionOut.of(stay, today) for stay in found.stays], days_admitted=found.days_admitted,
                      visits=[_visit(visit, found.clinical) for visit in found.visits],
                      bills=[BillOut.of(bill, items) for bill, items in found.bills], clinical=found.clinical,
                      vitals=[ReadingOut(appointment=format_code("appointment", reading.appt_id), date=reading.day,
                                         vitals=VitalsOut.of(reading.vitals)) for reading in found.vitals],
                      labs=[LabOrderOut.of(result) for result in found.labs])


def _visit(visit: history.Visit, clinical: bool) -> VisitOut:
    record = visit.record
    return VisitOut(appointment=AppointmentOut.of(visit.view), days_since_last=visit.days_since_last,
                    notes=(record.notes if record else "") if clinical else None,
                    vitals=VitalsOut.of(record.vitals if record else Vitals()) if clinical else None,
                    prescription=[MedicineOut.of(line) for line in visit.prescription],
                    treatments=[TreatmentOut.of(line) for line in visit.treatments])


@router.get("/patients/{patient}/history.pdf", tags=["patients", "documents"], response_class=Response,
            responses={200: {"content": {"application/pdf": {}}, "description": "the history as a PDF"}})
def patient_history_pdf(patient: str, ctx: Context = Depends(signed_in)):
    """The history as a PDF, with the visits' records, a chart of weight and haemoglobin over
    time and the lab results for a reader of clinical records."""
    path = documents.print_history(ctx, code("patient", patient))
    return Response(path.read_bytes(), media_type="application/pdf")


@router.get("/patients/{patient}/unpaid-bills", response_model=list[BillOut], tags=["patients", "bills"])
def unpaid_bills(patient: str, ctx: Context = Depends(signed_in)):
    return [BillOut.of(bill) for bill in billing.unpaid_bills(ctx, code("patient", patient))]


@router.get("/patients/{patient}/deposit", response_model=DepositHeld, tags=["patients", "bills"])
def deposit_held(patient: str, ctx: Context = Depends(signed_in)):
    patient_id = code("patient", patient)
    return DepositHeld(patient=str(patient_id), held=money(checkout.deposit_held(ctx, patient_id)))


@router.get("/patients/{patient}/admissions", response_model=list[AdmissionOut], tags=["patients"])
def admissions(patient: str, ctx: Context = Depends(signed_in)):
    """Every stay of the patient, the latest first."""
    return [AdmissionOut.of(stay, ctx.today()) for stay in patients.admissions_of(ctx, code("patient", patient))]


@router.post("/patients/{patient}/admissions", status_code=201, response_model=AdmissionOut, tags=["patients"],
             responses={409: documented("the patient is in the hospital already")})
def admit(patient: str, body: AdmissionIn, ctx: Context = Depends(signed_in)):
    stay = patients.admit_patient(ctx, code("patient", patient), body.admitted_on or ctx.today(), body.ward,
                                  body.reason)
    return AdmissionOut.of(stay, ctx.today())


@router.post("/patients/{patient}/discharge", response_model=AdmissionOut, tags=["patients"],
             responses={409: documented("the patient is not in the hospital")})
def discharge(patient: str, body: DischargeIn, ctx: Context = Depends(signed_in)):
    stay = patients.discharge_patient(ctx, code("patient", patient), body.discharged_on or ctx.today())
    return AdmissionOut.of(stay, ctx.today())


@router.post("/patients/{patient}/merge", response_model=MergeOut, tags=["patients"],
             responses={409: documented("a rule would break (two live appointments in one slot, two open stays,"
                                        " a record merged already)")})
def merge(patient: str, body: MergeIn, ctx: Context = Depends(signed_in)):
    """Merge a duplicate into this record: its appointments, bills, stays, deposits and refunds move
    here in one transaction; the duplicate is kept, marked as merged. Sent again, nothing more moves."""
    keep, duplicate = code("patient", patient), code("patient", body.duplicate)
    moved = patients.merge_patients(ctx, keep, duplicate)
    return MergeOut(kept=format_code("patient", keep), merged=format_code("patient", duplicate), moved=moved)


def _patient(body: PatientIn, registered: date, patient_id: int | None = None, today: date | None = None) -> Patient:
    """The record the body describes. On an update (`today` given) an age is taken as of today."""
    return Patient(name=body.name, contact_no=body.contact_no, gender=body.gender, birth_date=body.birth_date,
                   birth_estimated=body.birth_estimated, age=body.age, age_given_on=today, email=body.email,
                   address=body.address, city=body.city, blood_group=body.blood_group, registered_on=registered,
                   patient_id=patient_id)


# -- doctors ------------------------------------------------------------------------------------

@router.get("/doctors", response_model=Listing[DoctorOut], tags=["doctors"])
def list_doctors(ctx: Context = Depends(signed_in), window: Window = Depends(window),
                 q: str = Query("", max_length=100, description="a part of the name or specialization"),
                 specialization: str = Query("", max_length=100, description="exactly this specialization")):
    found = doctors.find_doctors(ctx, q, specialization, window.page, window.limit)
    return listing(found, window, doctors.count_doctors(ctx, q, specialization), DoctorOut.of)


@router.get("/specializations", response_model=list[Specialization], tags=["doctors"])
def specializations(ctx: Context = Depends(signed_in)):
    """Every specialization with how many doctors practise it (the departments: /departments)."""
    return [Specialization(specialization=name, doctors=count) for name, count in doctors.specializations(ctx)]


@router.get("/departments", response_model=list[DepartmentOut], tags=["doctors"])
def list_departments(ctx: Context = Depends(signed_in)):
    """Every department by name, with how many doctors it has."""
    return [DepartmentOut.of(found, count) for found, count in departments.list_departments(ctx)]


@router.post("/departments", status_code=201, response_model=DepartmentOut, tags=["doctors"],
             responses={409: documented("a department of that name (however written) exists")})
def add_department(body: DepartmentIn, ctx: Context = Depends(signed_in)):
    may(ctx, departments.add_department)
    return DepartmentOut.of(departments.add_department(ctx, Department(body.name, body.location)))


@router.get("/departments/{department}", response_model=DepartmentOut, tags=["doctors"])
def get_department(department: str, ctx: Context = Depends(signed_in)):
    return DepartmentOut.of(departments.get_department(ctx, code("department", department)))


@router.put("/departments/{department}", response_model=DepartmentOut, tags=["doctors"],
            responses={409: documented("another department has that name")})
def update_department(department: str, body: DepartmentIn, ctx: Context = Depends(signed_in)):
    may(ctx, departments.update_department)
    department_id = departments.get_department(ctx, code("department", department)).department_id
    return DepartmentOut.of(departments.update_department(ctx, Department(body.name, body.location, department_id)))


@router.delete("/departments/{department}", status_code=204, response_class=Response, tags=["doctors"],
               responses={409: documented("doctors are still in it")})
def delete_department(department: str, ctx: Context = Depends(signed_in)):
    departments.delete_department(ctx, code("department", department))
    return Response(status_code=204)


@router.get("/departments/{department}/doctors", response_model=Listing[DoctorOut], tags=["doctors"])
def doctors_of_department(department: str, ctx: Context = Depends(signed_in), window: Window = Depends(window)):
    """The department's doctors by name (booking goes department -> doctor)."""
    department_id = code("department", department)
    found = departments.doctors_of_department(ctx, department_id, window.page, window.limit)
    return listing(found, window, (departments.doctor_count(ctx, department_id), True), DoctorOut.of)


@router.post("/doctors", status_code=201, response_model=DoctorOut, tags=["doctors"])
def add_doctor(body: DoctorIn, ctx: Context = Depends(signed_in)):
    may(ctx, doctors.add_doctor)
    return DoctorOut.of(doctors.add_doctor(ctx, _doctor(body)))


@router.get("/doctors/{doctor}", response_model=DoctorOut, tags=["doctors"])
def get_doctor(doctor: str, ctx: Context = Depends(signed_in)):
    return DoctorOut.of(doctors.get_doctor(ctx, code("doctor", doctor)))


@router.put("/doctors/{doctor}", response_model=DoctorOut, tags=["doctors"])
def update_doctor(doctor: str, body: DoctorIn, ctx: Context = Depends(signed_in)):
    may(ctx, doctors.update_doctor)
    doctor_id = doctors.get_doctor(ctx, code("doctor", doctor)).doctor_id
    return DoctorOut.of(doctors.update_doctor(ctx, _doctor(body, doctor_id)))


@router.delete("/doctors/{doctor}", status_code=204, response_class=Response, tags=["doctors"], responses=CONFLICT)
def delete_doctor(doctor: str, ctx: Context = Depends(signed_in)):
    doctors.delete_doctor(ctx, code("doctor", doctor))
    return Response(status_code=204)


def _doctor(body: DoctorIn, doctor_id: int | None = None) -> Doctor:
    return Doctor(body.name, body.contact_no, specialization=body.specialization,
                  consultation_fee=parse_money(body.consultation_fee, "consultation fee"), doctor_id=doctor_id,
                  department_id=None if body.department is None else code("department", body.department))


# -- services -----------------------------------------------------------------------------------

@router.get("/services", response_model=Listing[ServiceOut], tags=["services"])
def list_services(ctx: Context = Depends(signed_in), window: Window = Depends(window),
                  q: str = Query("", max_length=100, description="a part of the name")):
    found = price_list.search_services(ctx, q, window.page, window.limit) if q else \
        price_list.list_services(ctx, window.page, window.limit)
    return listing(found, window, price_list.count_services(ctx, q), ServiceOut.of)


@router.post("/services", status_code=201, response_model=ServiceOut, tags=["services"], responses=CONFLICT)
def add_service(body: ServiceIn, ctx: Context = Depends(signed_in)):
    may(ctx, price_list.add_service)
    return ServiceOut.of(price_list.add_service(ctx, Service(body.name, parse_money(body.cost, "price"))))


@router.get("/services/{service}", response_model=ServiceOut, tags=["services"])
def get_service(service: str, ctx: Context = Depends(signed_in)):
    return ServiceOut.of(price_list.get_service(ctx, code("service", service)))


@router.put("/services/{service}", response_model=ServiceOut, tags=["services"], responses=CONFLICT)
def update_service(service: str, body: ServiceIn, ctx: Context = Depends(signed_in)):
    may(ctx, price_list.update_service)
    service_id = price_list.get_service(ctx, code("service", service)).service_id
    price = parse_money(body.cost, "price")
    return ServiceOut.of(price_list.update_service(ctx, Service(body.name, price, service_id=service_id)))


@router.delete("/services/{service}", status_code=204, response_class=Response, tags=["services"],
               responses=CONFLICT)
def delete_service(service: str, ctx: Context = Depends(signed_in)):
    price_list.delete_service(ctx, code("service", service))
    return Response(status_code=204)
