import pytest

from hospital_mgmt.domain.errors import HospitalError
from hospital_mgmt.domain.visit import Vitals
from hospital_mgmt.storage.scale_loader import load_scale, scale_tables
from tests.e2e.helpers import open_hospital, run_app


def test_scale_data_has_the_promised_shape_and_obeys_the_billing_rules(db):
    loaded = load_scale(db, scale_tables(200))
    assert (loaded["patients"], loaded["doctors"], loaded["appointments"]) == (200, 20, 1000)
    assert loaded["billing"] == 600 and loaded["bill_items"] >= 600
    assert db.scalar("SELECT last_value FROM counters WHERE name = 'bill'") == 600
    _, wrong_lines = db.table("SELECT count(*) FROM bill_items WHERE line_total <> quantity * unit_price")
    assert wrong_lines[0][0] == 0
    _, bills = db.table("SELECT b.subtotal, b.consultation_charges, b.total_amount, SUM(i.line_total) FROM billing b"
                        " JOIN bill_items i ON i.bill_id = b.bill_id"
                        " GROUP BY b.bill_id, b.subtotal, b.consultation_charges, b.total_amount")
    for subtotal, consultation, total, items in bills:
        assert db.to_money(subtotal) == db.to_money(items)
        assert db.to_money(total) == db.to_money(subtotal) + db.to_money(consultation)
    _, paid = db.table("SELECT count(*) FROM billing b WHERE b.status = 'paid' AND b.total_amount <>"
                       " (SELECT SUM(amount) FROM payments p WHERE p.bill_id = b.bill_id)")
    assert paid[0][0] == 0
    # vitals for every second completed visit, only completed ones, each in the ranges the domain allows
    completed = db.scalar("SELECT count(*) FROM appointments WHERE status = 'completed'")
    assert loaded["visits"] == (completed + 1) // 2 == db.scalar(
        "SELECT count(*) FROM visits v JOIN appointments a ON a.appt_id = v.appt_id AND a.status = 'completed'")
    for weight, systolic, diastolic, haemoglobin in db.table(
            "SELECT weight_kg, bp_systolic, bp_diastolic, haemoglobin FROM visits")[1]:
        Vitals(weight_kg=db.to_money(weight).normalize(), bp_systolic=systolic, bp_diastolic=diastolic,
               haemoglobin=db.to_money(haemoglobin).normalize())  # refused with a reason if one were out of range


def test_scale_data_is_the_same_every_time():
    first = [list(table.rows()) for table in scale_tables(100)]
    again = [list(table.rows()) for table in scale_tables(100)]
    assert first == again


def test_scale_data_goes_only_into_an_empty_database(db):
    load_scale(db, scale_tables(20), only=("services", "patients"))
    with pytest.raises(HospitalError, match="only into an empty database"):
        load_scale(db, scale_tables(20))


def test_seed_scale_command_shows_progress_and_counts(tmp_path):
    open_hospital(tmp_path, "--empty")
    result = run_app(["seed", "--scale", "100"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert ("patients 100, patient_name_grams 1006, admissions 10, departments 15, doctors 10, appointments 500,"
            " billing 300") in result.stdout
    assert "Loading" in result.stderr and "100%" in result.stderr
