"""Departments: every doctor belongs to one; booking can go department -> doctor."""
from __future__ import annotations

from ..domain.department import Department
from ..domain.doctor import Doctor
from ..domain.errors import DepartmentHasDoctors, NotFound
from ..domain.staff import Permission
from ..storage.paging import PAGE_SIZE, Page, PageAt
from ..storage.unit_of_work import Repositories
from .context import Context, allowed


@allowed(Permission.VIEW_RECORDS)
def list_departments(ctx: Context) -> list[tuple[Department, int]]:
    """Every department by name, with how many doctors it has."""
    return ctx.repos.departments.all()


@allowed(Permission.VIEW_RECORDS)
def get_department(ctx: Context, department_id: int) -> Department:
    return ctx.repos.departments.get(department_id)


@allowed(Permission.VIEW_RECORDS)
def find_department(ctx: Context, name: str) -> Department | None:
    """The department of that name however written (`e.n.t.` finds ENT), if there is one."""
    return ctx.repos.departments.named(name)


@allowed(Permission.VIEW_RECORDS)
def department_named(ctx: Context, name: str) -> Department:
    """The department of that name however written; NotFound names it."""
    found = find_department(ctx, name)
    if found is None:
        raise NotFound("department", name, f"no department named {name!r} (Doctors > Departments lists them)")
    return found


@allowed(Permission.VIEW_RECORDS)
def department_of_specialization(ctx: Context, specialization: str) -> Department | None:
    """The department a doctor of this specialization joins when none is chosen, if it exists yet."""
    return ctx.repos.departments.named(Department.of_specialization(specialization).name)


@allowed(Permission.VIEW_RECORDS)
def doctors_of_department(ctx: Context, department_id: int, page: PageAt = 1,
                          size: int = PAGE_SIZE) -> Page[Doctor]:
    """The department's doctors by name, a page at a time."""
    ctx.repos.departments.get(department_id)
    return ctx.repos.doctors.in_department(department_id, page, size)


@allowed(Permission.VIEW_RECORDS)
def doctor_count(ctx: Context, department_id: int) -> int:
    return ctx.repos.departments.doctor_count(department_id)


@allowed(Permission.EDIT_DOCTORS)
def add_department(ctx: Context, department: Department) -> Department:
    """A new department; one of the same name however written (`E.N.T.`, `ent`) is refused."""
    with ctx.unit_of_work() as uow:
        uow.departments.add(department)
        uow.audit(f"department {department.code} added", "department.add", department.code, after=department)
        uow.commit()
    return department


@allowed(Permission.EDIT_DOCTORS)
def update_department(ctx: Context, department: Department) -> Department:
    assert department.department_id is not None
    with ctx.unit_of_work() as uow:
        before = uow.departments.get(department.department_id, lock=True)
        uow.departments.update(department)
        uow.audit(f"department {department.code} updated", "department.update", department.code, before, department)
        uow.commit()
    return department


@allowed(Permission.EDIT_DOCTORS)
def check_deletable(ctx: Context, department_id: int) -> None:
    """Refuse (DepartmentHasDoctors) while doctors are in the department."""
    _refuse_if_doctors(ctx.repos, ctx.repos.departments.get(department_id))


@allowed(Permission.EDIT_DOCTORS)
def delete_department(ctx: Context, department_id: int) -> None:
    """Only an empty department goes (DepartmentHasDoctors names how many are left in it)."""
    with ctx.unit_of_work() as uow:
        department = uow.departments.get(department_id, lock=True)
        _refuse_if_doctors(uow, department)
        uow.departments.remove(department_id)
        uow.audit(f"department {department.code} deleted", "department.delete", department.code, before=department)
        uow.commit()


def _refuse_if_doctors(repos: Repositories, department: Department) -> None:
    assert department.department_id is not None
    doctors = repos.departments.doctor_count(department.department_id)
    if doctors:
        raise DepartmentHasDoctors(department.code, doctors)
