"""The operations check the acting user's permission themselves (the HTTP face will rely on it):
every operation is guarded, each role is refused what is not its own, and a doctor reaches only
their own appointments."""
import importlib
import inspect
import pkgutil
from datetime import date, time
from decimal import Decimal as D

import pytest

import hospital_mgmt.operations as operations_package
from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.errors import NotAllowed
from hospital_mgmt.domain.period import Period
from hospital_mgmt.domain.service import Service
from hospital_mgmt.operations import (
    appointments,
    audit_trail,
    billing,
    documents,
    history,
    maintenance,
    patients,
    price_list,
    reports,
    shifts,
    staff,
)
from tests.operations.conftest import a_doctor, a_patient, a_service
from tests.support import TOMORROW, add_staff, signed_in

# Operations open to anyone, each for its reason: sign-in and the first administrator come before
# anyone is signed in (an API token is a sign-in, and names whoever it was issued to); one's own
# password, shift and token are one's own; the rest compute from what they
# are given (periods, file names) and read nothing.
OPEN = {"staff.has_staff", "staff.create_first_administrator", "staff.sign_in", "staff.confirm_password",
        "staff.change_own_password", "setup.create_schema", "setup.scale_plan", "reports.spec_of",
        "reports.report_period", "reports.permission_for", "reports.default_report_path",
        "documents.default_export_path", "documents.period_in_name", "documents.load_invoices",
        "maintenance.default_backup_path", "audit_trail.default_audit_path", "imports.columns_of",
        "tokens.issue_token", "tokens.actor_for_token", "tokens.revoke_token", "tokens.token_hash"}
# Guarded inside, not by the decorator: an import needs the permission of what it imports, a
# report the cash-up's or the reports', whose appointments one may see depends on one's scope.
GUARDED_INSIDE = {"imports.import_file", "reports.run_report", "reports.report_page", "reports.save_report",
                  "reports.report_heading", "reports.after_row", "appointments.own_doctor"}
# Not operations but their helpers, called inside the unit of work of one that has checked.
HELPERS = {"billing.drawer_shift", "appointments.diary_of", "doctors.place_in_department", "visits.write_visit"}


def public_operations():
    for info in pkgutil.iter_modules(operations_package.__path__):
        if info.name == "context":
            continue
        module = importlib.import_module(f"hospital_mgmt.operations.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{info.name}.{name}", function


def test_every_operation_checks_a_permission_or_is_named_open_for_its_reason():
    unguarded = {name for name, function in public_operations() if not hasattr(function, "permission")}
    assert unguarded == OPEN | GUARDED_INSIDE | HELPERS


@pytest.fixture
def clinic(ctx):
    a_patient(ctx)
    a_doctor(ctx)
    a_doctor(ctx, name="Bala Iyer", specialization="ENT", fee="300")
    a_service(ctx, "ECG", "250")
    booked = appointments.book_appointment(ctx, 1001, 1, ctx.today(), time(9, 0))
    draft = billing.start_bill(ctx, 1001)
    billing.add_service(ctx, draft, 1, 1)
    billing.finalize_bill(ctx, draft)
    return ctx, booked


def as_role(ctx, roles, doctor_id=None):
    login = roles.replace(" ", "").replace(",", "-")[:32]
    return signed_in(ctx, add_staff(ctx.db, login, roles, doctor_id=doctor_id))


NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
REFUSED = {  # role: what it tries that is not its own, and what the refusal says it may not do
    "front desk": [(lambda c: billing.void_bill(c, 1, "No"), "make and void bills"),
                   (lambda c: reports.run_report(c, "kpi", NOVEMBER), "see reports"),
                   (lambda c: price_list.add_service(c, Service("MRI", "900")), "keep the price list")],
    "cashier": [(lambda c: patients.delete_patient(c, 1001), "register and change patients"),
                (lambda c: appointments.cancel_appointment(c, 1), "book, cancel and mark no-shows"),
                (lambda c: audit_trail.record_history(c, "1001"), "see the audit trail")],
    "doctor": [(lambda c: billing.get_bill(c, 1), "see bills"),
               (lambda c: appointments.book_appointment(c, 1001, 1, TOMORROW, time(10, 0)),
                "book, cancel and mark no-shows")],
    "manager": [(lambda c: billing.record_payment(c, 1, D("1.00"), PaymentMethod.CASH),
                 "take payments and deposits and run a cash shift"),
                (lambda c: patients.update_patient(c, patients.get_patient(c, 1001)), "register and change patients"),
                (lambda c: maintenance.backup_database(c), "check and back up the database")],
    "administrator": [(lambda c: history.patient_history(c, 1001), "see a patient's history"),
                      (lambda c: documents.print_invoice(c, 1), "print invoices"),
                      (lambda c: shifts.open_shift(c, "100"), "take payments and deposits and run a cash shift")],
    "scheduler": [(lambda c: patients.get_patient(c, 1001), "see patients, doctors and the price list"),
                  (lambda c: staff.list_staff(c), "manage staff accounts"),
                  (lambda c: maintenance.restore_database(c, "x.db"), "restore the database or load data into it")],
}


@pytest.mark.parametrize("role", list(REFUSED))
def test_each_role_is_refused_what_is_not_its_own_and_nothing_changes(clinic, role):
    ctx, _ = clinic
    actor = as_role(ctx, role, doctor_id=1 if role == "doctor" else None)
    before = ctx.db.scalar("SELECT count(*) FROM audit")
    for attempt, what in REFUSED[role]:
        with pytest.raises(NotAllowed) as refused:
            attempt(actor)
        assert str(refused.value) == f"{actor.actor.describe()} may not {what}"
    assert ctx.db.scalar("SELECT count(*) FROM audit") == before
    assert billing.get_bill(ctx, 1).status.value == "unpaid" and patients.get_patient(ctx, 1001).name == "Asha Rao"


def test_an_import_needs_the_permission_of_what_it_imports(clinic, tmp_path):
    from hospital_mgmt.operations import imports
    ctx, _ = clinic
    source = tmp_path / "services.csv"
    source.write_text("service_name,cost\nDressing,40\n", encoding="utf-8")
    with pytest.raises(NotAllowed, match="may not keep the price list"):
        imports.import_file(as_role(ctx, "front desk"), "services", source)
    assert imports.import_file(as_role(ctx, "administrator"), "services", source).imported == 1


def test_a_doctor_sees_and_completes_only_their_own_appointments(clinic):
    ctx, booked = clinic  # A001 is Dr. Meera Iyer's (D01)
    other = appointments.book_appointment(ctx, 1001, 2, ctx.today(), time(10, 0))  # Dr. Bala Iyer's
    meera = as_role(ctx, "doctor", doctor_id=1)
    assert [v.appointment.code for v in appointments.find_appointments(meera).items] == [booked.code]
    assert [v.appointment.code for v in appointments.doctors_day(meera, 1, ctx.today())] == [booked.code]
    with pytest.raises(NotAllowed, match="^doctor may see their own appointments only$"):
        appointments.doctors_day(meera, 2, ctx.today())
    with pytest.raises(NotAllowed, match="^appointment A002 is another doctor's"):
        appointments.get_appointment(meera, other.appt_id)
    with pytest.raises(NotAllowed, match="^appointment A002 is another doctor's"):
        appointments.complete_appointment(meera, other.appt_id, "Otitis")
    assert appointments.complete_appointment(meera, booked.appt_id, "Angina").diagnosis == "Angina"
    assert appointments.get_appointment(ctx, other.appt_id).appointment.status.value == "scheduled"
