"""Patients: register (with the likely-duplicate check), find, update, admit and discharge, delete."""
from __future__ import annotations

from collections.abc import Callable
from copy import copy
from datetime import date

from ..domain.errors import PatientHasHistory, PossibleDuplicates
from ..domain.patient import Patient
from ..domain.request_key import new_request_key, validate_request_key
from ..domain.staff import Permission
from ..domain.validation import phone_search_digits
from ..storage.paging import PAGE_SIZE, Page, PageAt
from ..storage.unit_of_work import Repositories
from .context import Context, allowed, exactly_once, repeated


@allowed(Permission.VIEW_RECORDS)
def get_patient(ctx: Context, patient_id: int) -> Patient:
    return ctx.repos.patients.get(patient_id)


@allowed(Permission.VIEW_RECORDS)
def list_patients(ctx: Context, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Patient]:
    return ctx.repos.patients.page(page, size)


@allowed(Permission.VIEW_RECORDS)
def search_by_name(ctx: Context, text: str, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Patient]:
    return ctx.repos.patients.search_by_name(text, page, size)


@allowed(Permission.VIEW_RECORDS)
def search_by_phone(ctx: Context, typed: str, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Patient]:
    return ctx.repos.patients.search_by_phone(phone_search_digits(typed), page, size)


@allowed(Permission.VIEW_RECORDS)
def find_patients(ctx: Context, name: str = "", phone: str = "", age_min: int | None = None,
                  age_max: int | None = None, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Patient]:
    """Patients matching every filter given (see PatientRepository.find)."""
    return ctx.repos.patients.find(name, phone, age_min, age_max, page, size)


@allowed(Permission.VIEW_RECORDS)
def count_patients(ctx: Context, name: str = "", phone: str = "", age_min: int | None = None,
                   age_max: int | None = None) -> tuple[int, bool]:
    """How many find_patients matches (up to a cap), and whether that is exact."""
    return ctx.repos.patients.count(name, phone, age_min, age_max)


@allowed(Permission.EDIT_PATIENTS)
def register_patient(ctx: Context, patient: Patient, *, duplicates_confirmed: bool = False,
                     request_key: str | None = None) -> Patient:
    """Store a new patient and return the record. Unless the clerk has confirmed it, a likely
    duplicate already on record (same phone, same name, or a similar name with the same age and
    gender) refuses it with the candidates (PossibleDuplicates), so the clerk can look and decide.
    The same request key registers once: repeated, it returns the patient it registered."""
    key = validate_request_key(request_key) if request_key else new_request_key()

    def register(after_lost_reply: bool) -> Patient:
        with ctx.unit_of_work() as uow:
            uow.lock_writes("patients")  # two terminals registering one person take turns at the check
            earlier = uow.patients.by_request_key(key)
            if earlier is not None:
                ctx.log(repeated(f"patient {earlier.code} registered", after_lost_reply))
                return earlier
            if not duplicates_confirmed:
                matches = uow.patients.possible_duplicates(patient)
                if matches:
                    raise PossibleDuplicates(matches)
            uow.patients.add(patient, key)
            uow.audit(f"patient {patient.code} registered", "patient.register", patient.code, after=patient)
            uow.commit()
        return patient
    return exactly_once(ctx, register)


@allowed(Permission.EDIT_PATIENTS)
def update_patient(ctx: Context, patient: Patient) -> Patient:
    """Write every field of `patient` (its constructor has checked them, the stay included)."""
    assert patient.patient_id is not None
    with ctx.unit_of_work() as uow:
        before = uow.patients.get(patient.patient_id, lock=True)
        uow.patients.update(patient)
        uow.audit(f"patient {patient.code} updated", "patient.update", patient.code, before, patient)
        uow.commit()
    return patient


@allowed(Permission.EDIT_PATIENTS)
def discharge_patient(ctx: Context, patient_id: int, on: date) -> Patient:
    """Discharge an admitted patient, on or after the day of admission."""
    return _change_stay(ctx, patient_id, lambda patient: patient.discharge(on), "discharged", "patient.discharge")


@allowed(Permission.EDIT_PATIENTS)
def readmit_patient(ctx: Context, patient_id: int, on: date) -> Patient:
    """Admit again a patient who was discharged."""
    return _change_stay(ctx, patient_id, lambda patient: patient.readmit(on), "admitted", "patient.admit")


def _change_stay(ctx: Context, patient_id: int, change: Callable[[Patient], None], what: str,
                 operation: str) -> Patient:
    with ctx.unit_of_work() as uow:
        patient = uow.patients.get(patient_id, lock=True)
        before = copy(patient)
        change(patient)
        uow.patients.update(patient)
        uow.audit(f"patient {patient.code} {what}", operation, patient.code, before, patient)
        uow.commit()
    return patient


@allowed(Permission.EDIT_PATIENTS)
def check_deletable(ctx: Context, patient_id: int) -> None:
    """Refuse (PatientHasHistory) while appointments or bills refer to the patient. The menu asks
    this before its confirmation; delete_patient asks it again inside its transaction."""
    _refuse_if_history(ctx.repos, ctx.repos.patients.get(patient_id))


@allowed(Permission.EDIT_PATIENTS)
def delete_patient(ctx: Context, patient_id: int) -> None:
    with ctx.unit_of_work() as uow:
        patient = uow.patients.get(patient_id, lock=True)
        _refuse_if_history(uow, patient)
        uow.patients.remove(patient_id)
        uow.audit(f"patient {patient.code} deleted", "patient.delete", patient.code, before=patient)
        uow.commit()


def _refuse_if_history(repos: Repositories, patient: Patient) -> None:
    assert patient.patient_id is not None
    counts = repos.patients.dependents(patient.patient_id)
    if counts["appointments"] or counts["bills"]:
        raise PatientHasHistory(patient.code, counts["appointments"], counts["bills"])
