from datetime import date, time

import pytest

from hospital_mgmt.domain.codes import format_code, parse_code
from hospital_mgmt.domain.errors import InvalidField
from hospital_mgmt.domain.validation import (
    name_key,
    parse_birth,
    parse_date,
    parse_time,
    validate_age,
    validate_contact,
    validate_free_text,
    validate_gender,
    validate_name,
)


@pytest.mark.parametrize("kind, record_id, code", [
    ("patient", 1001, "1001"), ("doctor", 1, "D01"), ("doctor", 123, "D123"), ("service", 7, "S07"),
    ("appointment", 1, "A001"), ("appointment", 12345, "A12345"), ("bill", 42, "B042")])
def test_codes_are_shown_in_the_style_of_the_paper_records(kind, record_id, code):
    assert format_code(kind, record_id) == code


@pytest.mark.parametrize("typed", ["D07", "d7", "7", " D007 ", "d07"])
def test_a_doctor_code_is_read_back_from_any_usual_spelling(typed):
    assert parse_code("doctor", typed) == 7


@pytest.mark.parametrize("typed", ["", "D", "S07", "x7", "0", "-3", "7.5", "٣"])
def test_a_code_that_is_not_a_code_is_refused_with_an_example(typed):
    with pytest.raises(InvalidField, match="is not a doctor code"):
        parse_code("doctor", typed)


@pytest.mark.parametrize("name", ["O'Brien", "Zoë Ñúñez", "Anne-Marie Lefèvre", "Dr. A. Rao", "李小龙",
                                  "e\u0301milie", "A" * 100])
def test_names_of_any_script_with_usual_punctuation_are_kept_verbatim(name):
    assert validate_name(name) == name


@pytest.mark.parametrize("name, reason", [
    ("Robert'); DROP TABLE patients;--", "only letters"), ("A", "2 to 100"), ("A" * 101, "2 to 100"),
    ("J0hn", "only letters"), ("--", "must contain letters"), ("", "2 to 100")])
def test_names_with_other_characters_or_length_are_refused_with_the_reason(name, reason):
    with pytest.raises(InvalidField, match=reason) as error:
        validate_name(name)
    assert error.value.field == "name"


def test_age_is_a_whole_number_from_0_to_130():
    assert validate_age("0") == 0 and validate_age(130) == 130
    for bad in ("131", "-1", "abc", "12.5", ""):
        with pytest.raises(InvalidField, match="age"):
            validate_age(bad)


def test_gender_accepts_m_f_o_in_either_case_and_refuses_the_rest():
    assert [validate_gender(g) for g in ("m", "F", "o", "Male")] == ["M", "F", "O", "M"]
    with pytest.raises(InvalidField, match="M, F or O"):
        validate_gender("X")


@pytest.mark.parametrize("typed, stored", [("98765 43210", "9876543210"), ("+91 98765-43210", "+919876543210"),
                                           ("(080) 2345.6789", "08023456789")])
def test_contact_numbers_lose_their_formatting(typed, stored):
    assert validate_contact(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "1234567890123456", "98765x43210", "++9876543210", "98765+43210"])
def test_contact_numbers_outside_10_to_15_digits_are_refused(typed):
    with pytest.raises(InvalidField, match="10 to 15 digits"):
        validate_contact(typed)


def test_dates_and_times_have_one_format_each():
    assert parse_date("2025-05-10") == date(2025, 5, 10)
    assert parse_time("09:15") == time(9, 15)
    for bad in ("10/05/2025", "2025-5-1", "2025-02-30"):
        with pytest.raises(InvalidField, match="YYYY-MM-DD"):
            parse_date(bad)
    with pytest.raises(InvalidField, match="HH:MM"):
        parse_time("25:00")


def test_free_text_keeps_sql_looking_text_verbatim_but_not_control_characters():
    text = "Robert'); DROP TABLE patients;--"
    assert validate_free_text(text, "diagnosis", 500) == text
    with pytest.raises(InvalidField, match="cannot be printed"):
        validate_free_text("a\x00b", "diagnosis", 500)


def test_name_key_ignores_case_accents_spacing_apostrophes_and_hyphens():
    assert name_key("  Zoë   ÑÚÑEZ ") == "zoe nunez"
    assert name_key("O'Brien") == name_key("O’Brien") == name_key("obrien") == "obrien"
    assert name_key("Anne-Marie Lefèvre") == name_key("anne marie lefevre") == "anne marie lefevre"
    assert name_key("D'Souza-Pereira") == "dsouza pereira"
    assert name_key("Dr. R.K. Iyer") == "dr r k iyer"


def test_a_birth_is_typed_as_a_date_or_as_an_age_in_years():
    today = date(2026, 12, 2)
    assert parse_birth("1990-05-15", today) == date(1990, 5, 15)
    assert parse_birth(" 47 ", today) == 47 and parse_birth("0", today) == 0
    for typed, reason in (("2026-12-03", "is in the future"), ("1890-01-01", "older than 130"),
                          ("15/05/1990", "neither a date as YYYY-MM-DD nor an age"), ("131", "must be 0 to 130"),
                          ("4７", "neither a date")):
        with pytest.raises(InvalidField, match=reason):
            parse_birth(typed, today)
