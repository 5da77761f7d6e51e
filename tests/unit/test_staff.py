"""Staff rules without a database: what each role may do, how far a doctor's reach goes, the
login name and password rules, and how long a terminal waits after wrong passwords."""
import pytest

from hospital_mgmt.domain.errors import InvalidField, NotAllowed
from hospital_mgmt.domain.staff import (
    SYSTEM,
    Actor,
    Permission,
    Role,
    Scope,
    SignInAttempts,
    StaffMember,
    validate_login,
    validate_password,
    validate_roles,
)

P = Permission
# The table the README shows, written out again here so that a change to either is seen.
EXPECTED = {
    Role.ADMINISTRATOR: {P.VIEW_RECORDS, P.EDIT_DOCTORS, P.EDIT_PRICE_LIST, P.MANAGE_STAFF, P.VIEW_AUDIT, P.MAINTAIN,
                         P.LOAD_DATA, P.MERGE_PATIENTS, P.WRITE_NOTES, P.VIEW_CLINICAL},
    Role.FRONT_DESK: {P.VIEW_RECORDS, P.EDIT_PATIENTS, P.MERGE_PATIENTS, P.VIEW_APPOINTMENTS, P.BOOK_APPOINTMENTS,
                      P.VIEW_HISTORY},
    Role.CASHIER: {P.VIEW_RECORDS, P.VIEW_APPOINTMENTS, P.VIEW_HISTORY, P.VIEW_BILLS, P.BILL, P.TAKE_PAYMENTS,
                   P.PRINT_INVOICES, P.CASH_UP, P.REFUND},
    Role.DOCTOR: {P.VIEW_RECORDS, P.VIEW_APPOINTMENTS, P.RECORD_VISITS, P.VIEW_HISTORY, P.WRITE_NOTES,
                  P.VIEW_CLINICAL, P.PRESCRIBE},
    Role.MANAGER: {P.VIEW_RECORDS, P.VIEW_APPOINTMENTS, P.VIEW_HISTORY, P.VIEW_BILLS, P.CASH_UP, P.VIEW_REPORTS,
                   P.EXPORT, P.VIEW_AUDIT, P.APPROVE_REFUNDS},
    Role.SCHEDULER: {P.VIEW_REPORTS, P.CASH_UP, P.EXPORT, P.MAINTAIN},
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_do_exactly_what_the_table_says(role):
    actor = Actor("someone", frozenset({role}), user_id=7, doctor_id=3 if role is Role.DOCTOR else None)
    assert {permission for permission in Permission if actor.may(permission)} == EXPECTED[role]


def test_a_scheduler_only_reads_and_writes_files():
    writes = {P.EDIT_PATIENTS, P.EDIT_DOCTORS, P.EDIT_PRICE_LIST, P.BOOK_APPOINTMENTS, P.RECORD_VISITS, P.BILL,
              P.TAKE_PAYMENTS, P.PRINT_INVOICES, P.MANAGE_STAFF, P.LOAD_DATA, P.REFUND, P.APPROVE_REFUNDS}
    assert not EXPECTED[Role.SCHEDULER] & writes


def test_a_doctor_reaches_only_their_own_appointments_unless_another_role_reaches_all():
    doctor = Actor("meera", frozenset({Role.DOCTOR}), 5, doctor_id=1)
    assert doctor.scope(P.VIEW_APPOINTMENTS) is Scope.OWN and doctor.scope(P.RECORD_VISITS) is Scope.OWN
    assert doctor.scope(P.VIEW_HISTORY) is Scope.ALL
    both = Actor("meera", frozenset({Role.DOCTOR, Role.FRONT_DESK}), 5, doctor_id=1)
    assert both.scope(P.VIEW_APPOINTMENTS) is Scope.ALL and both.scope(P.RECORD_VISITS) is Scope.OWN
    assert SYSTEM.scope(P.RECORD_VISITS) is Scope.ALL


def test_only_doctors_and_administrators_write_or_read_clinical_notes():
    doctor = Actor("meera", frozenset({Role.DOCTOR}), 5, doctor_id=1)
    assert doctor.scope(P.WRITE_NOTES) is Scope.OWN and doctor.scope(P.PRESCRIBE) is Scope.OWN
    assert doctor.scope(P.VIEW_CLINICAL) is Scope.ALL  # a doctor reads the notes of every visit of a patient
    administrator = Actor("asha", frozenset({Role.ADMINISTRATOR}), 6)
    assert administrator.scope(P.WRITE_NOTES) is Scope.ALL and not administrator.may(P.PRESCRIBE)
    for role in (Role.CASHIER, Role.FRONT_DESK, Role.MANAGER, Role.SCHEDULER):
        clerk = Actor("clerk", frozenset({role}), 7)
        assert not clerk.may(P.WRITE_NOTES) and not clerk.may(P.VIEW_CLINICAL) and not clerk.may(P.PRESCRIBE)


def test_a_refusal_names_the_user_their_roles_and_what_they_may_not_do():
    cashier = Actor("ravi", frozenset({Role.CASHIER, Role.MANAGER}), 3)
    with pytest.raises(NotAllowed, match=r"^ravi \(cashier, manager\) may not register and change patients$"):
        cashier.require(P.EDIT_PATIENTS)
    assert cashier.require(P.TAKE_PAYMENTS) is Scope.ALL


@pytest.mark.parametrize("typed, kept", [("Meena", "meena"), ("  ravi.k_2-b ", "ravi.k_2-b"), ("ab", "ab"),
                                         ("a" * 32, "a" * 32)])
def test_login_names_are_kept_in_lower_case(typed, kept):
    assert validate_login(typed) == kept


@pytest.mark.parametrize("typed, reason", [("", "must be 2 to 32 characters"), ("a", "must be 2 to 32 characters"),
                                          ("a" * 33, "must be 2 to 32 characters"),
                                          ("a" * 100_000, "must be 2 to 32 characters"),
                                          ("me\x00na", "only letters a-z"), ("meena\x1b[A", "only letters a-z"),
                                          ("meena pillai", "only letters a-z"), ("mëena", "only letters a-z")])
def test_a_login_name_that_cannot_be_one_is_refused_with_the_reason(typed, reason):
    with pytest.raises(InvalidField, match=f"^login name: {reason}"):
        validate_login(typed)


@pytest.mark.parametrize("typed, reason", [("", "must be 8 to 128 characters"), ("seven77", "must be 8 to 128"),
                                           ("x" * 129, "must be 8 to 128"),
                                           ("pass\x00word", "cannot hold control characters"),
                                           ("pass\tword", "cannot hold control characters"),
                                           (" " * 8, "cannot be only spaces")])
def test_a_password_that_cannot_be_one_is_refused_with_the_reason(typed, reason):
    with pytest.raises(InvalidField, match=f"^password: {reason}"):
        validate_password(typed)


def test_a_pass_phrase_with_spaces_and_any_script_is_a_password():
    assert validate_password("correct horse battery") == "correct horse battery"
    assert validate_password("पासवर्ड-1234") == "पासवर्ड-1234"
    assert validate_password("x" * 128) == "x" * 128


def test_roles_are_read_as_people_write_them_and_an_unknown_one_is_named():
    assert validate_roles("Cashier, front desk;manager") == {Role.CASHIER, Role.FRONT_DESK, Role.MANAGER}
    with pytest.raises(InvalidField, match="'nurse' is not a role"):
        validate_roles("cashier, nurse")
    with pytest.raises(InvalidField, match="give at least one role"):
        validate_roles(" , ")


def test_a_doctors_account_is_linked_to_their_doctor_record_and_no_one_elses_is():
    with pytest.raises(InvalidField, match="linked to their doctor record"):
        StaffMember("meera", "Meera Iyer", frozenset({Role.DOCTOR}))
    with pytest.raises(InvalidField, match="only a user with the doctor role"):
        StaffMember("ravi", "Ravi Kumar", frozenset({Role.CASHIER}), doctor_id=1)
    assert StaffMember("meera", "Meera Iyer", frozenset({Role.DOCTOR}), doctor_id=1).actor().doctor_id == 1


def test_wrong_passwords_wait_from_the_third_on_each_twice_as_long_up_to_half_a_minute():
    attempts = SignInAttempts()
    assert [attempts.failed() for _ in range(9)] == [0, 0, 1, 2, 4, 8, 16, 30, 30]
    attempts.succeeded()
    assert attempts.failed() == 0
