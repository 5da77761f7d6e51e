"""Patients: register (with the likely-duplicate check), find, update, admit and discharge, delete."""
from __future__ import annotations

from copy import copy
from datetime import date

from ..domain.admission import Admission
from ..domain.codes import format_code
from ..domain.errors import (
    AlreadyAdmitted,
    InvalidField,
    MergeRefused,
    NotAdmitted,
    PatientHasHistory,
    PossibleDuplicates,
)
from ..domain.patient import Patient
from ..domain.request_key import new_request_key, validate_request_key
from ..domain.staff import Permission
from ..domain.validation import phone_search_digits
from ..storage.paging import PAGE_SIZE, Page, PageAt
from ..storage.patients import AgeRange
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
    """Patients matching every filter given (see PatientRepository.find); ages as of today."""
    return ctx.repos.patients.find(name, phone, _ages(ctx, age_min, age_max), page, size)


@allowed(Permission.VIEW_RECORDS)
def count_patients(ctx: Context, name: str = "", phone: str = "", age_min: int | None = None,
                   age_max: int | None = None) -> tuple[int, bool]:
    """How many find_patients matches (up to a cap), and whether that is exact."""
    return ctx.repos.patients.count(name, phone, _ages(ctx, age_min, age_max))


def _ages(ctx: Context, least: int | None, most: int | None) -> AgeRange | None:
    return None if least is None and most is None else AgeRange(ctx.today(), least, most)


@allowed(Permission.EDIT_PATIENTS)
def register_patient(ctx: Context, patient: Patient, *, duplicates_confirmed: bool = False,
                     request_key: str | None = None) -> Patient:
    """Store a new patient and return the record (registering is not admitting). Unless the clerk
    has confirmed it, a likely duplicate already on record (same phone, same name, or a similar name
    with the same birth date, or about the same age, and gender) refuses it with the candidates
    (PossibleDuplicates), so the clerk can look and decide. The same request key registers once:
    repeated, it returns the patient it registered."""
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
    """Write every field of `patient` (its constructor has checked them)."""
    assert patient.patient_id is not None
    with ctx.unit_of_work() as uow:
        before = uow.patients.get_current(patient.patient_id, lock=True)
        uow.patients.update(patient)
        uow.audit(f"patient {patient.code} updated", "patient.update", patient.code, before, patient)
        uow.commit()
    return patient


@allowed(Permission.VIEW_RECORDS)
def current_admission(ctx: Context, patient_id: int) -> Admission | None:
    """The patient's stay not yet discharged, if they are in the hospital."""
    ctx.repos.patients.get(patient_id)
    return ctx.repos.admissions.open_stay(patient_id)


@allowed(Permission.VIEW_RECORDS)
def admissions_of(ctx: Context, patient_id: int) -> list[Admission]:
    """Every stay of the patient, the latest first."""
    ctx.repos.patients.get(patient_id)
    return ctx.repos.admissions.of_patient(patient_id)


@allowed(Permission.EDIT_PATIENTS)
def admit_patient(ctx: Context, patient_id: int, on: date, ward: str = "", reason: str = "") -> Admission:
    """Begin a stay; refused (AlreadyAdmitted) while the patient has one open, and before the day
    the last stay ended."""
    with ctx.unit_of_work() as uow:
        patient = uow.patients.get_current(patient_id, lock=True)
        stays = uow.admissions.of_patient(patient_id)
        if stays and stays[0].is_open:
            raise AlreadyAdmitted(f"patient {patient.code} has been admitted since {stays[0].admitted_on}")
        stay = Admission(patient_id, on, ward, reason)
        _refuse_overlap(stay, stays)
        uow.admissions.add(stay)
        uow.audit(f"patient {patient.code} admitted", "patient.admit", patient.code, after=stay)
        uow.commit()
    return stay


def _refuse_overlap(stay: Admission, earlier: list[Admission]) -> None:
    last_end = max((s.discharged_on for s in earlier if s.discharged_on), default=None)
    if last_end is not None and stay.admitted_on < last_end:
        raise InvalidField("admission date", f"{stay.admitted_on} is before the last stay ended ({last_end})")


@allowed(Permission.EDIT_PATIENTS)
def discharge_patient(ctx: Context, patient_id: int, on: date) -> Admission:
    """End the patient's open stay, on or after the day of admission."""
    with ctx.unit_of_work() as uow:
        patient = uow.patients.get(patient_id, lock=True)
        stay = uow.admissions.open_stay(patient_id, lock=True)
        if stay is None:
            raise NotAdmitted(f"patient {patient.code} is not admitted")
        before = copy(stay)
        stay.discharge(on)
        assert stay.admission_id is not None and stay.discharged_on is not None
        uow.admissions.discharge(stay.admission_id, stay.discharged_on)
        uow.audit(f"patient {patient.code} discharged", "patient.discharge", patient.code, before, stay)
        uow.commit()
    return stay


@allowed(Permission.EDIT_PATIENTS)
def check_deletable(ctx: Context, patient_id: int) -> None:
    """Refuse (PatientHasHistory) while appointments or bills refer to the patient. The menu asks
    this before its confirmation; delete_patient asks it again inside its transaction."""
    _refuse_if_history(ctx.repos, ctx.repos.patients.get(patient_id))


@allowed(Permission.EDIT_PATIENTS)
def delete_patient(ctx: Context, patient_id: int) -> None:
    with ctx.unit_of_work() as uow:
        patient = uow.patients.get_current(patient_id, lock=True)
        _refuse_if_history(uow, patient)
        uow.patients.remove(patient_id)
        uow.audit(f"patient {patient.code} deleted", "patient.delete", patient.code, before=patient)
        uow.commit()


def _refuse_if_history(repos: Repositories, patient: Patient) -> None:
    assert patient.patient_id is not None
    counts = repos.patients.dependents(patient.patient_id)
    if counts["appointments"] or counts["bills"] or counts["admissions"]:
        raise PatientHasHistory(patient.code, counts["appointments"], counts["bills"], counts["admissions"])


@allowed(Permission.MERGE_PATIENTS)
def check_mergeable(ctx: Context, keep_id: int, duplicate_id: int) -> tuple[Patient, Patient]:
    """The two records, refused with the reason where merging them would break a rule; the menu
    asks this before its confirmation, and merge_patients asks it again inside its transaction."""
    keep, duplicate = ctx.repos.patients.get(keep_id), ctx.repos.patients.get(duplicate_id)
    _check_mergeable(ctx.repos, keep, duplicate)
    return keep, duplicate


@allowed(Permission.MERGE_PATIENTS)
def merge_patients(ctx: Context, keep_id: int, duplicate_id: int) -> dict[str, int]:
    """Merge a duplicate into the record kept: its appointments, bills (with their payments),
    stays, deposits and refunds move to the kept record in one transaction; the duplicate stays on
    file marked as merged into it, and no list or search shows it. Returns how many rows of each
    kind moved. Merging again what was merged changes nothing (a repeated request is harmless)."""
    with ctx.unit_of_work() as uow:
        locked = {patient_id: uow.patients.get(patient_id, lock=True)  # both, always in one order
                  for patient_id in sorted({keep_id, duplicate_id})}
        keep, duplicate = locked[keep_id], locked[duplicate_id]
        if duplicate.merged_into == keep_id:
            return {}
        _check_mergeable(uow, keep, duplicate)
        before = copy(duplicate)
        moved = uow.patients.merge(duplicate_id, keep_id)
        duplicate.merged_into = keep_id
        what = ", ".join(f"{count} {table}" for table, count in moved.items() if count) or "no records"
        uow.audit(f"patient {duplicate.code} merged into {keep.code} ({what} moved)", "patient.merge",
                  duplicate.code, before, duplicate)
        uow.audit(f"patient {keep.code} took in the records of {duplicate.code} ({what})", "patient.merge",
                  keep.code)
        uow.commit()
    return moved


def _check_mergeable(repos: Repositories, keep: Patient, duplicate: Patient) -> None:
    keep_id, duplicate_id = keep.patient_id, duplicate.patient_id
    assert keep_id is not None and duplicate_id is not None
    if keep_id == duplicate_id:
        raise MergeRefused(f"patient {keep.code} cannot be merged into itself")
    for record in (keep, duplicate):
        if record.merged_into is not None:
            raise MergeRefused(f"patient {record.code} was merged into"
                               f" {format_code('patient', record.merged_into)} already")
    clashes = repos.patients.shared_slots(keep_id, duplicate_id)
    if clashes:
        day, at = clashes[0]
        raise MergeRefused(f"patients {keep.code} and {duplicate.code} both have an appointment at {at} on {day};"
                           " cancel or move one of them first")
    if repos.admissions.open_stay(keep_id) and repos.admissions.open_stay(duplicate_id):
        raise MergeRefused(f"patients {keep.code} and {duplicate.code} are both admitted; discharge one stay first")
