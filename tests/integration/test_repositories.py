from datetime import date, time
from decimal import Decimal

import pytest

from hospital_mgmt.domain.appointment import Appointment
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import DuplicateServiceName, NotFound, StillReferenced
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.support import StorageWork, stored_doctor


def patient(name="Asha Rao", contact="9876543210", age=34, gender="F"):
    return Patient(name=name, contact_no=contact, age=age, gender=gender, registered_on=date(2025, 5, 1))


def doctor(name="Meera Iyer", specialization="Cardiology"):
    return Doctor(name, "9123456780", specialization=specialization, consultation_fee="750")


@pytest.fixture
def repos(db):
    return Repositories(db)


def test_a_patient_is_stored_and_read_back_whole(repos):
    stored = repos.patients.add(patient(name="Zoë Ñúñez"))
    again = repos.patients.get(stored.patient_id)
    assert again == stored and again.code == "1001" and again.name == "Zoë Ñúñez"


def test_a_missing_patient_is_a_named_not_found(repos):
    with pytest.raises(NotFound, match="no patient 4242"):
        repos.patients.get(4242)


def test_patients_are_listed_a_page_at_a_time(repos):
    for n in range(45):
        repos.patients.add(patient(contact=f"98765432{n:02d}"))
    first, third = repos.patients.page(1), repos.patients.page(3)
    assert [p.patient_id for p in first.items] == list(range(1001, 1021)) and first.has_next
    assert not first.has_previous
    assert len(third.items) == 5 and not third.has_next and third.has_previous


def test_update_changes_every_field(repos):
    stored = repos.patients.add(patient())
    stored.name, stored.birth_date, stored.birth_estimated = "Asha R. Menon", date(1990, 4, 1), False
    stored.contact_no, stored.email, stored.address, stored.city = "+919999988888", "a@b.in", "1, MG Road", "Pune"
    stored.blood_group, stored.gender, stored.registered_on = "B-", "O", date(2025, 4, 1)
    repos.patients.update(stored)
    assert repos.patients.get(stored.patient_id) == stored


def test_name_search_ignores_case_and_accents_and_finds_parts(repos):
    zoe = repos.patients.add(patient(name="Zoë Ñúñez"))
    obrien = repos.patients.add(patient(name="Seán O'Brien", contact="9000000001"))
    repos.patients.add(patient(name="Ravi Kumar", contact="9000000002"))
    assert [p.patient_id for p in repos.patients.search_by_name("ZOE nun").items] == [zoe.patient_id]
    for typed in ("o'bri", "obri", "O’Brien", "sean obr"):
        assert [p.patient_id for p in repos.patients.search_by_name(typed).items] == [obrien.patient_id], typed
    lefevre = repos.patients.add(patient(name="Anne-Marie Lefèvre", contact="9000000003"))
    for typed in ("anne marie", "Anne-Marie", "marie lef"):
        assert [p.patient_id for p in repos.patients.search_by_name(typed).items] == [lefevre.patient_id], typed


@pytest.mark.parametrize("typed", ["Robert'); DROP TABLE patients;--", "%", "_", "!", "' OR '1'='1"])
def test_a_search_for_hostile_text_finds_nothing_and_breaks_nothing(repos, typed):
    repos.patients.add(patient())
    assert repos.patients.search_by_name(typed).items == []
    assert len(repos.patients.page().items) == 1


def test_phone_search_takes_digits_in_any_formatting(repos):
    stored = repos.patients.add(patient(contact="+91 98765 43210"))
    assert [p.patient_id for p in repos.patients.search_by_phone("98765-432").items] == [stored.patient_id]
    assert repos.patients.search_by_phone("(123)").items == []
    assert repos.patients.search_by_phone("abc").items == []


def test_likely_duplicates_are_found_with_their_reasons(repos):
    first = repos.patients.add(patient(name="Aisha Khan", contact="9876500000", age=40, gender="F"))
    matches = dict((p.patient_id, why) for p, why in repos.patients.possible_duplicates(
        patient(name="aisha  KHAN", contact="+91 98765 00000", age=40, gender="F")))
    assert matches == {first.patient_id: "same phone number, same name"}
    similar = repos.patients.possible_duplicates(patient(name="Aysha Khan", contact="9111111111", age=40))
    assert [(p.patient_id, why) for p, why in similar] == [(first.patient_id, "similar name, same age and gender")]
    assert repos.patients.possible_duplicates(patient(name="Aysha Khan", contact="9111111111", age=42)) == []


def test_the_foreign_keys_keep_a_patient_with_appointments(repos):
    stored, doc = repos.patients.add(patient()), stored_doctor(repos, doctor())
    repos.appointments.book(Appointment(stored.patient_id, doc.doctor_id, date(2025, 5, 2), time(10, 0)))
    assert repos.patients.dependents(stored.patient_id) == {"appointments": 1, "bills": 0, "admissions": 0}
    with pytest.raises(StillReferenced):
        repos.patients.remove(stored.patient_id)
    assert repos.patients.get(stored.patient_id).name == "Asha Rao"


def test_a_patient_without_history_is_removed(repos):
    stored = repos.patients.add(patient())
    repos.patients.remove(stored.patient_id)
    with pytest.raises(NotFound):
        repos.patients.get(stored.patient_id)


def test_the_foreign_keys_keep_a_doctor_with_appointments(repos):
    stored, doc = repos.patients.add(patient()), stored_doctor(repos, doctor())
    repos.appointments.book(Appointment(stored.patient_id, doc.doctor_id, date(2025, 5, 2), time(10, 0)))
    assert repos.doctors.appointment_count(doc.doctor_id) == 1
    with pytest.raises(StillReferenced):
        repos.doctors.remove(doc.doctor_id)
    assert repos.doctors.get(doc.doctor_id).name == "Meera Iyer"


def test_doctors_are_found_by_name_or_specialization(repos):
    meera = stored_doctor(repos, doctor())
    ravi = stored_doctor(repos, doctor(name="Ravi Shah", specialization="Orthopaedics"))
    assert [d.doctor_id for d in repos.doctors.search("ortho").items] == [ravi.doctor_id]
    assert [d.doctor_id for d in repos.doctors.search("MEERA").items] == [meera.doctor_id]
    meera.consultation_fee, meera.specialization = Decimal("900.50"), "Cardiac Surgery"
    repos.doctors.update(meera)
    assert repos.doctors.get(meera.doctor_id).consultation_fee == Decimal("900.50")


def test_a_duplicate_service_name_is_refused_by_name(repos):
    repos.services.add(Service("ECG", "200"))
    with pytest.raises(DuplicateServiceName, match="a service named 'ECG' already exists"):
        repos.services.add(Service("ECG", "300"))
    other = repos.services.add(Service("Echo", "1500"))
    other.name = "ECG"
    with pytest.raises(DuplicateServiceName):
        repos.services.update(other)


def test_a_service_with_sql_in_its_name_is_stored_verbatim_and_searchable(repos):
    stored = repos.services.add(Service("Robert'); DROP TABLE patients;--", "10"))
    assert repos.services.get(stored.service_id).name == "Robert'); DROP TABLE patients;--"
    assert [s.service_id for s in repos.services.search("drop table").items] == [stored.service_id]


def test_a_unit_of_work_rolls_back_unless_committed(db):
    with StorageWork(db) as uow:
        uow.patients.add(patient())
    assert Repositories(db).patients.page().items == []
    with StorageWork(db) as uow:
        uow.patients.add(patient())
        uow.commit()
    assert len(Repositories(db).patients.page().items) == 1


def test_a_unit_of_work_rolls_back_when_an_error_escapes(db):
    with pytest.raises(DuplicateServiceName), StorageWork(db) as uow:
        uow.services.add(Service("ECG", "200"))
        uow.services.add(Service("ECG", "200"))
        uow.commit()
    assert Repositories(db).services.page().items == []


def test_name_search_lists_names_starting_with_the_text_first_and_pages_through_the_rest(repos):
    names = ["Zara Sharma", "Sharmila Rao", "Anil Sharma", "Sharma Das", "Ravi Kumar", "Sharad Iyer", "Asha Sharman"]
    for n, name in enumerate(names):
        repos.patients.add(patient(name=name, contact=f"90000000{n:02d}"))
    everything = [p.name for p in repos.patients.search_by_name("sharm", size=50).items]
    assert everything == ["Sharma Das", "Sharmila Rao", "Anil Sharma", "Asha Sharman", "Zara Sharma"]
    pages = [[p.name for p in repos.patients.search_by_name("sharm", page=n, size=2).items] for n in (1, 2, 3, 4)]
    assert pages == [["Sharma Das", "Sharmila Rao"], ["Anil Sharma", "Asha Sharman"], ["Zara Sharma"], []]
    assert repos.patients.search_by_name("sharm", page=1, size=2).has_next
    assert not repos.patients.search_by_name("sharm", page=3, size=2).has_next


@pytest.mark.parametrize("typed", ["a*", "[a", "a?", "a%", "a_", "a!"])
def test_pattern_characters_in_a_name_search_are_taken_literally(repos, typed):
    repos.patients.add(patient(name="Aaron Bose"))
    assert repos.patients.search_by_name(typed).items == []


def test_service_names_are_unique_ignoring_case_spaces_and_punctuation_on_both_engines(repos):
    repos.services.add(Service("X-Ray - Chest", "450"))
    for twin in ("x-ray chest", "XRAY-CHEST", "X Ray Chest"):
        with pytest.raises(DuplicateServiceName):
            repos.services.add(Service(twin, "500"))
    assert [s.name for s in repos.services.search("xray").items] == ["X-Ray - Chest"]
    assert [s.name for s in repos.services.search("ray ch").items] == ["X-Ray - Chest"]
