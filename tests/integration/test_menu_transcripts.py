"""The key dialogues of the front desk, asserted whole: every prompt, every answer echoed, every
reason for a re-ask, in order (as click tests its prompts). Menus between actions are cut off."""
from datetime import date, time

import pytest

from hospital_mgmt.domain.appointment import Appointment
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.menu_driver import run_menu
from tests.support import stored_doctor

EXIT, BACK = "10", "0"


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db, TAX_RATE="18")


@pytest.fixture
def repos(db):
    repos = Repositories(db)
    repos.patients.add(Patient(name="Aisha Khan", contact_no="9876500000", age=40, gender="F",
                               registered_on=date(2026, 11, 1)))
    stored_doctor(repos, Doctor("X Sharma", "9100000000", specialization="Cardiology", consultation_fee="800"))
    repos.services.add(Service("X-Ray - Chest", "333.33"))
    return repos


def dialogue(transcript: str, menu: str, choice: str) -> str:
    """What follows `choice` (such as "1") in the menu `menu`, up to that menu's next showing."""
    heading = f"\n{menu} >\n"
    chosen = f"Choose: {choice}\n"
    start = transcript.index(chosen, transcript.index(heading)) + len(chosen)
    return transcript[start:transcript.index(heading, start)]


def test_registering_a_likely_duplicate(db, settings, repos):
    transcript = run_menu(db, settings, ["1", "1", "aisha khan", "abc", "40", "F", "98765-00000", "", "", "Pune", "",
                                         "y", BACK, EXIT])
    assert dialogue(transcript, "Patients", "1") == """\
Enter on an empty required field goes back; nothing is saved until the end.
Name: aisha khan
Date of birth (YYYY-MM-DD, or the age in years if not known): abc
Error: date of birth: 'abc' is neither a date as YYYY-MM-DD nor an age in years
Date of birth (YYYY-MM-DD, or the age in years if not known): 40
Gender (M/F/O): F
Contact number: 98765-00000
E-mail (Enter for none): 
Address (Enter for none): 
City (Enter for none): Pune
Blood group (A+, O-, ...) (Enter for none): 
This patient may already be registered:
Code    Name        Born       Age  Gender    Contact     Why it matched
------  ----------  -------  -----  --------  ----------  ----------------------------
1001    Aisha Khan  c. 1986    ~40  F         9876500000  same phone number, same name
Register as a new patient anyway? [y/N]: y
Registered patient 1002 (aisha khan).
"""
    assert [p.code for p in repos.patients.page().items] == ["1001", "1002"]


def test_booking_at_twenty_past_ten_refuses_the_doctors_night_and_the_mornings_past(db, settings, repos):
    transcript = run_menu(db, settings, ["4", "1", "1001", "d1", "", "07:00", "10:00", "?", "10:30", "Chest pain",
                                         BACK, EXIT], at=time(10, 20))
    assert dialogue(transcript, "Appointments", "1") == """\
Patient (code or part of the name, 0 to go back): 1001
Patient 1001: Aisha Khan (F, ~40, 9876500000).
Doctor (code or name; ? to choose by department; 0 to go back): d1
Doctor D01: Dr. X Sharma (Cardiology).
Date (YYYY-MM-DD) [2026-11-22]: 
Time (HH:MM, every 15 min; ? for free slots): 07:00
Error: appointment time: 07:00 is outside the doctors' hours (09:00 to 17:00)
Time (HH:MM, every 15 min; ? for free slots): 10:00
Error: appointment time: 10:00 has already passed today; choose a later time
Time (HH:MM, every 15 min; ? for free slots): ?
Free slots of Dr. X Sharma on 2026-11-22:
  10:30  10:45  11:00  11:15  11:30  11:45  12:00  12:15
  12:30  12:45  13:00  13:15  13:30  13:45  14:00  14:15
  14:30  14:45  15:00  15:15  15:30  15:45  16:00  16:15
  16:30  16:45
Error: choose one of the free slots above
Time (HH:MM, every 15 min; ? for free slots): 10:30
Reason or diagnosis (Enter for none): Chest pain
Booked A001: patient 1001 with Dr. X Sharma at 10:30 on 2026-11-22.
"""
    stored = repos.appointments.get(1)
    assert (stored.appt_date, stored.appt_time, stored.diagnosis) == (date(2026, 11, 22), time(10, 30), "Chest pain")


def test_completing_tomorrows_appointment_is_refused_before_the_diagnosis_is_asked(db, settings, repos):
    repos.appointments.book(Appointment(1001, 1, date(2026, 11, 23), time(9, 0)))
    transcript = run_menu(db, settings, ["4", "3", "A1", BACK, EXIT])
    assert dialogue(transcript, "Appointments", "3") == """\
Appointment (A-code, or the patient's name or code; 0 to go back): A1
Code    Date        Time    Patient            Doctor    Status     Diagnosis
------  ----------  ------  -----------------  --------  ---------  -----------
A001    2026-11-23  09:00   Aisha Khan (1001)  X Sharma  scheduled
Error: appointment A001 is on 2026-11-23; it cannot be marked completed before that day
"""
    assert repos.appointments.get(1).status.value == "scheduled"


def test_building_finalizing_and_part_paying_a_bill(db, settings, repos):
    repos.appointments.book(Appointment(1001, 1, date(2026, 11, 22), time(9, 0)))
    transcript = run_menu(db, settings, ["5", "1", "1001", "A1", "1", "x-ray", "", "3", "4", "10%", "5", "", "y",
                                         "9", "2", "5000", "1000", "CARD-7781", "n", "n", "n", BACK, EXIT])
    # 3 x 333.33 = 999.99; + 800 = 1,799.99; 10% = 180.00; 18% of 1,619.99 = 291.60; total 1,911.59
    assert dialogue(transcript, "Billing", "1") == """\
Patient (code or part of the name, 0 to go back): 1001
Patient 1001: Aisha Khan (F, ~40, 9876500000).
Code    Date        Doctor    Specialization    Status
------  ----------  --------  ----------------  ---------
A001    2026-11-22  X Sharma  Cardiology        scheduled
Appointment for the consultation fee (Enter for none): A1
No services on the bill yet.
                  Amount
------------  ----------
Subtotal        0.00 INR
Consultation  800.00 INR
Discount        0.00 INR
Tax (18%)     144.00 INR
Total         944.00 INR

Billing > New bill for 1001 >
  1. Add a service
  2. Change a quantity
  3. Remove a line
  4. Discount
  5. Finalize the bill
  0. Cancel this bill (nothing is saved)
Choose: 1
Service (code or part of the name, 0 to go back): x-ray
Use service S01: X-Ray - Chest (333.33)? [Y/n]: 
Quantity [1]: 3
Code    Service          Qty    Unit price    Line total
------  -------------  -----  ------------  ------------
S01     X-Ray - Chest      3    333.33 INR    999.99 INR
                    Amount
------------  ------------
Subtotal        999.99 INR
Consultation    800.00 INR
Discount          0.00 INR
Tax (18%)       324.00 INR
Total         2,123.99 INR

Billing > New bill for 1001 >
  1. Add a service
  2. Change a quantity
  3. Remove a line
  4. Discount
  5. Finalize the bill
  0. Cancel this bill (nothing is saved)
Choose: 4
Discount (an amount such as 100, or a percent such as 10%; 0 for none): 10%
Code    Service          Qty    Unit price    Line total
------  -------------  -----  ------------  ------------
S01     X-Ray - Chest      3    333.33 INR    999.99 INR
                         Amount
-----------------  ------------
Subtotal             999.99 INR
Consultation         800.00 INR
Discount (10.00%)    180.00 INR
Tax (18%)            291.60 INR
Total              1,911.59 INR

Billing > New bill for 1001 >
  1. Add a service
  2. Change a quantity
  3. Remove a line
  4. Discount
  5. Finalize the bill
  0. Cancel this bill (nothing is saved)
Choose: 5
Finalize this bill for 1,911.59 INR? It cannot be edited afterwards [Y/n]: 
Finalized bill B001: total 1,911.59 INR.
Take a payment of 1,911.59 INR now? [Y/n]: y
  1. Cash
  2. Card
  3. UPI
  4. Insurance
Method [1 Cash]: 9
Error: choose 1 to 4
Method [1 Cash]: 2
Amount [1911.59]: 5000
Error: 5000.00 is more than the balance of bill B001 (1911.59)
Amount [1911.59]: 1000
Card reference (transaction or claim number): CARD-7781
Receipt R0001: 1,000.00 INR by Card; balance 911.59 INR.
Print the receipt (text and PDF)? [Y/n]: n
Take a payment of 911.59 INR now? [Y/n]: n
Print the invoice now (text and PDF)? [Y/n]: n
"""
    bill = repos.bills.get(1)
    assert (str(bill.total_amount), str(bill.amount_paid), str(bill.balance)) == ("1911.59", "1000.00", "911.59")
