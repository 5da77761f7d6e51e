"""The rules of a visit's record: each vital sign in its range with its reason, blood pressure as
two figures, clinical notes with their lines, prescription lines and treatments."""
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.errors import InvalidField, InvalidQuantity
from hospital_mgmt.domain.visit import (
    Medicine,
    Treatment,
    VisitRecord,
    Vitals,
    check_prescription,
    parse_blood_pressure,
    parse_yes_no,
    validate_notes,
)


@pytest.mark.parametrize(("given", "reason"), [
    ({"weight_kg": "800"}, "weight: 800 kg is out of range: 0.3 to 350 kg"),
    ({"weight_kg": "0.2"}, "weight: 0.2 kg is out of range"),
    ({"height_cm": "1.62"}, "height: 1.62 cm is out of range: 20 to 250 cm"),
    ({"temperature_c": "98.6"}, "temperature: 98.6 °C is out of range: 30 to 45 °C"),
    ({"haemoglobin": "110"}, "haemoglobin: 110 g/dL is out of range: 2 to 25 g/dL"),
    ({"pulse": "7"}, "pulse: 7 beats/min is out of range"),
    ({"pulse": "72.5"}, "pulse: 72.5 has more decimals than it is measured in (whole numbers)"),
    ({"weight_kg": "61.25"}, "weight: 61.25 has more decimals than it is measured in (1 decimal place)"),
    ({"weight_kg": "sixty"}, "weight: 'sixty' is not a number of kg"),
    ({"weight_kg": "NaN"}, "weight: NaN kg is out of range"),
    ({"bp_systolic": 120}, "blood pressure: give both figures, as 120/80"),
    ({"bp_systolic": 80, "bp_diastolic": 120}, "blood pressure: 80/120: the second figure (diastolic) must be lower"),
])
def test_a_reading_out_of_its_range_is_refused_with_the_range(given, reason):
    with pytest.raises(InvalidField) as refused:
        Vitals(**given)
    assert str(refused.value).startswith(reason)


def test_readings_in_range_are_kept_to_their_places_and_the_bmi_follows():
    vitals = Vitals(weight_kg="72", height_cm="175.0", bp_systolic="118", bp_diastolic=76, pulse=" 64 ",
                    temperature_c="36.6", haemoglobin="13")
    assert (vitals.weight_kg, vitals.height_cm, vitals.temperature_c, vitals.haemoglobin) == (
        D("72.0"), D("175.0"), D("36.6"), D("13.0"))
    assert (vitals.bp_systolic, vitals.pulse, vitals.blood_pressure, vitals.bmi) == (118, 64, "118/76", D("23.5"))
    assert vitals.measured and not Vitals().measured and Vitals(pregnant=False).measured
    assert vitals.described()[:3] == [("weight", "72.0 kg"), ("height", "175.0 cm"),
                                      ("blood pressure", "118/76 mmHg")]
    assert Vitals(weight_kg="", pulse=None) == Vitals()  # left empty: not measured


@pytest.mark.parametrize(("typed", "figures"), [("120/80", (120, 80)), (" 135 / 90 ", (135, 90)), ("", (None, None))])
def test_blood_pressure_is_typed_as_two_figures(typed, figures):
    assert parse_blood_pressure(typed) == figures


@pytest.mark.parametrize("typed", ["120", "120/80/60", "12o/80", "1200/80", "-120/80"])
def test_blood_pressure_that_is_not_two_figures_is_refused(typed):
    with pytest.raises(InvalidField, match="is not a reading like 120/80"):
        parse_blood_pressure(typed)


def test_yes_or_no():
    assert [parse_yes_no(text, "pregnant") for text in ("y", "Yes", "n", "NO", "")] == [True, True, False, False, None]
    with pytest.raises(InvalidField, match="answer yes or no"):
        parse_yes_no("maybe", "pregnant")


def test_notes_keep_their_lines_and_refuse_what_cannot_be_printed_or_is_too_long():
    assert validate_notes("  Cough.\r\n  Chest clear.  \n") == "Cough.\nChest clear."
    with pytest.raises(InvalidField, match="notes: contains characters that cannot be printed"):
        validate_notes("ok\x07")
    with pytest.raises(InvalidField, match="notes: at most 2000 characters"):
        validate_notes("x" * 1500 + "\n" + "y" * 600)
    record = VisitRecord(7, notes="First").amended(None, Vitals(pulse=70), 3, None)
    assert record.notes == "First" and record.vitals.pulse == 70 and record.recorded_by == 3


def test_a_prescription_line_needs_medicine_dosage_frequency_and_days_from_1_to_365():
    line = Medicine(" Amoxicillin ", "500 mg", "1-0-1", "7")
    assert (line.medicine, line.days, line.described) == ("Amoxicillin", 7, "Amoxicillin 500 mg, 1-0-1, 7 days")
    for days in ("0", "366", "seven", "-1"):
        with pytest.raises(InvalidField, match="duration: .* a number of days from 1 to 365"):
            Medicine("Amoxicillin", "500 mg", "1-0-1", days)
    with pytest.raises(InvalidField, match="medicine: must not be empty"):
        Medicine("", "500 mg", "1-0-1", 7)
    with pytest.raises(InvalidField, match="at most 20 medicines"):
        check_prescription([Medicine(f"Medicine {n}", "1", "once", 1) for n in range(21)])


def test_a_treatment_has_a_quantity_from_1_to_1000():
    assert Treatment(1, 2, "3").quantity == 3 and Treatment(1, 2).code == "(new)"
    with pytest.raises(InvalidQuantity):
        Treatment(1, 2, 0)
