"""Doctors: add (into a department), find, update (specialization, fee, department), delete while they
have no appointments."""
from __future__ import annotations

from ..domain.doctor import Doctor
from ..domain.errors import DoctorHasAppointments
from ..domain.staff import Permission
from ..storage.paging import PAGE_SIZE, Page, PageAt
from ..storage.unit_of_work import Repositories
from .context import Context, allowed


@allowed(Permission.VIEW_RECORDS)
def get_doctor(ctx: Context, doctor_id: int) -> Doctor:
    return ctx.repos.doctors.get(doctor_id)


@allowed(Permission.VIEW_RECORDS)
def list_doctors(ctx: Context, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Doctor]:
    return ctx.repos.doctors.page(page, size)


@allowed(Permission.VIEW_RECORDS)
def search_doctors(ctx: Context, text: str, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Doctor]:
    """Doctors whose name or specialization contains the text."""
    return ctx.repos.doctors.search(text, page, size)


@allowed(Permission.VIEW_RECORDS)
def find_doctors(ctx: Context, text: str = "", specialization: str = "", page: PageAt = 1,
                 size: int = PAGE_SIZE) -> Page[Doctor]:
    """Doctors by a part of the name or specialization, and of one specialization exactly."""
    return ctx.repos.doctors.search(text, page, size, specialization=specialization)


@allowed(Permission.VIEW_RECORDS)
def count_doctors(ctx: Context, text: str = "", specialization: str = "") -> tuple[int, bool]:
    return ctx.repos.doctors.count(text, specialization)


@allowed(Permission.VIEW_RECORDS)
def specializations(ctx: Context) -> list[tuple[str, int]]:
    """Every specialization with how many doctors practise it."""
    return ctx.repos.doctors.specializations()


@allowed(Permission.VIEW_RECORDS)
def doctors_in(ctx: Context, specialization: str, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Doctor]:
    """The doctors of one specialization by name, a page at a time (a big hospital has thousands)."""
    return ctx.repos.doctors.by_specialization(specialization, page, size)


@allowed(Permission.EDIT_DOCTORS)
def appointment_count(ctx: Context, doctor_id: int) -> int:
    return ctx.repos.doctors.appointment_count(doctor_id)


@allowed(Permission.EDIT_DOCTORS)
def add_doctor(ctx: Context, doctor: Doctor) -> Doctor:
    """Store the doctor in the department chosen, or, with none chosen, in the department named
    after their specialization (made, and audited, when there is none yet)."""
    with ctx.unit_of_work() as uow:
        place_in_department(uow, doctor)
        uow.doctors.add(doctor)
        uow.audit(f"doctor {doctor.code} added", "doctor.add", doctor.code, after=doctor)
        uow.commit()
    return doctor


@allowed(Permission.EDIT_DOCTORS)
def update_doctor(ctx: Context, doctor: Doctor) -> Doctor:
    assert doctor.doctor_id is not None
    with ctx.unit_of_work() as uow:
        before = uow.doctors.get(doctor.doctor_id, lock=True)
        if doctor.department_id is None:
            doctor.department_id = before.department_id
        place_in_department(uow, doctor)
        uow.doctors.update(doctor)
        uow.audit(f"doctor {doctor.code} updated", "doctor.update", doctor.code, before, doctor)
        uow.commit()
    return doctor


@allowed(Permission.EDIT_DOCTORS)
def check_deletable(ctx: Context, doctor_id: int) -> None:
    """Refuse (DoctorHasAppointments) while appointments refer to the doctor."""
    _refuse_if_history(ctx.repos, ctx.repos.doctors.get(doctor_id))


@allowed(Permission.EDIT_DOCTORS)
def delete_doctor(ctx: Context, doctor_id: int) -> None:
    with ctx.unit_of_work() as uow:
        doctor = uow.doctors.get(doctor_id, lock=True)
        _refuse_if_history(uow, doctor)
        uow.schedule.forget_doctor(doctor_id)  # a week and leave set for a doctor who never saw anyone
        uow.doctors.remove(doctor_id)
        uow.audit(f"doctor {doctor.code} deleted", "doctor.delete", doctor.code, before=doctor)
        uow.commit()


def place_in_department(uow, doctor: Doctor) -> None:
    """The department chosen, checked to exist; or the one of the doctor's specialization."""
    if doctor.department_id is not None:
        uow.departments.get(doctor.department_id)  # NotFound names it
        return
    department, made = uow.departments.of_specialization(doctor.specialization)
    if made:
        uow.audit(f"department {department.code} added for {doctor.specialization}", "department.add",
                  department.code, after=department)
    doctor.department_id = department.department_id


def _refuse_if_history(repos: Repositories, doctor: Doctor) -> None:
    assert doctor.doctor_id is not None
    count = repos.doctors.appointment_count(doctor.doctor_id)
    if count:
        raise DoctorHasAppointments(doctor.code, count)
