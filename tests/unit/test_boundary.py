import inspect
import io
import logging

import pytest

from hospital_mgmt import boundary
from hospital_mgmt.boundary import APOLOGY, explain, http_status
from hospital_mgmt.db_config import SettingsError
from hospital_mgmt.domain import errors
from hospital_mgmt.domain.errors import ErrorKind, HospitalError
from hospital_mgmt.log_setup import log
from hospital_mgmt.ui.console import Console


def every_error():
    return [cls for _, cls in inspect.getmembers(errors, inspect.isclass)
            if issubclass(cls, HospitalError) and cls is not HospitalError]


def test_every_named_error_is_of_one_of_the_four_kinds():
    assert len(every_error()) > 40
    assert {cls.kind for cls in every_error()} == set(ErrorKind)


@pytest.mark.parametrize("error, kind", [
    (errors.NotFound("patient", "4242"), ErrorKind.NOT_FOUND), (errors.ServiceNotOnBill("S09"), ErrorKind.NOT_FOUND),
    (errors.SlotTaken("x"), ErrorKind.CONFLICT), (errors.AppointmentAlreadyBilled("A001", "B001"), ErrorKind.CONFLICT),
    (errors.PricesChanged(["S01 is now 1.00"]), ErrorKind.CONFLICT),
    (errors.BillHasPayments("B001", 1), ErrorKind.CONFLICT),
    (errors.DiscountTooLarge("x"), ErrorKind.REFUSED), (errors.PaymentExceedsBalance(2, "B001", 1), ErrorKind.REFUSED),
    (errors.DayInPast("2026-01-01"), ErrorKind.REFUSED), (errors.OffSlotGrid(15), ErrorKind.REFUSED),
    (errors.DatabaseUnavailable("x"), ErrorKind.UNAVAILABLE), (errors.ConnectionLost("x"), ErrorKind.UNAVAILABLE),
    (errors.DatabaseBusy("x"), ErrorKind.UNAVAILABLE), (errors.OutputError("x"), ErrorKind.UNAVAILABLE),
])
def test_errors_named_for_their_condition_have_the_kind_a_face_maps(error, kind):
    assert error.kind == kind
    assert http_status(error) == {ErrorKind.NOT_FOUND: 404, ErrorKind.CONFLICT: 409, ErrorKind.REFUSED: 422,
                                  ErrorKind.NOT_ALLOWED: 403, ErrorKind.UNAUTHENTICATED: 401,
                                  ErrorKind.UNAVAILABLE: 503}[kind]


def screen():
    out = io.StringIO()
    return Console(lambda: "", out, colour=False), out


@pytest.mark.parametrize("error, status, shown", [
    (errors.NotFound("bill", "B009"), 1, "Error: no bill B009\n"),
    (errors.SlotTaken("Dr. X already has an appointment at 09:00 on 2026-11-22"), 1,
     "Error: Dr. X already has an appointment at 09:00 on 2026-11-22\n"),
    (errors.DatabaseUnavailable("cannot reach MySQL at 127.0.0.1:1 as root: refused"), 1,
     "Error: cannot reach MySQL at 127.0.0.1:1 as root: refused\n"),
    (SettingsError("DB_PORT must be a whole number from 1 to 65535, not 'x'"), 2,
     "Error: DB_PORT must be a whole number from 1 to 65535, not 'x'\n"),
    (KeyboardInterrupt(), 130, "\nInterrupted.\n"),
    (BrokenPipeError(), 0, ""),
])
def test_an_error_the_application_understands_is_one_line_and_an_exit_status(error, status, shown):
    console, out = screen()
    assert explain(error, console, where="test") == status
    assert out.getvalue() == shown


def test_anything_else_is_an_apology_naming_the_log_and_the_traceback_goes_to_the_log(tmp_path):
    console, out = screen()
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    log.addHandler(handler)
    try:
        assert explain(ZeroDivisionError("boom"), console, where="report", log_file=tmp_path / "x.log") == 1
    finally:
        log.removeHandler(handler)
    assert out.getvalue() == APOLOGY.format(log_file=tmp_path / "x.log") + "\n"
    assert "Traceback" not in out.getvalue() and "boom" not in out.getvalue()
    [record] = records
    assert record.getMessage() == "unexpected error in report" and record.exc_info is not None


def test_a_refusal_is_logged_by_its_name_only_for_its_words_may_hold_a_name_or_a_phone_number():
    console, out = screen()
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    log.addHandler(handler)
    try:
        refusal = errors.SlotTaken("Dr. Ottoline Vance already has an appointment at 10:00 on 2026-11-23")
        assert explain(refusal, console, where="menu") == 1
    finally:
        log.removeHandler(handler)
    assert out.getvalue() == "Error: Dr. Ottoline Vance already has an appointment at 10:00 on 2026-11-23\n"
    assert [record.getMessage() for record in records] == ["menu refused: SlotTaken"]


def test_with_debug_the_traceback_is_shown_instead():
    console, _ = screen()
    with pytest.raises(ZeroDivisionError):
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError as error:
            explain(error, console, where="test", debug=True)


def test_the_exit_statuses_are_the_documented_ones():
    assert (boundary.EXIT_OK, boundary.EXIT_FAILED, boundary.EXIT_BAD_SETTING, boundary.EXIT_INTERRUPTED) == (
        0, 1, 2, 130)
