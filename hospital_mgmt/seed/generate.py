"""Write the demo data CSVs in this folder. Deterministic: the same files byte for byte every run.

    python hospital_mgmt/seed/generate.py [FOLDER]   (default: this folder, and ../sql/populate.sql)

Every bill is computed with the application's own Billing class, so its stored figures obey
the billing rules exactly. Dates fall around AS_OF (a fixed day, so the files never drift).
"""
import csv
import random
import sys
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from hospital_mgmt.domain.billing import Billing  # noqa: E402
from hospital_mgmt.domain.lab import LabTest  # noqa: E402
from hospital_mgmt.domain.money import ZERO, to_money  # noqa: E402
from hospital_mgmt.domain.patient import born_on_or_before  # noqa: E402
from hospital_mgmt.domain.service import Service  # noqa: E402

RANDOM_SEED = 20261122
AS_OF = date(2026, 11, 15)
FIRST_DAY = date(2025, 1, 1)
LAST_DAY = date(2026, 12, 31)
SEED_TAX_RATE = Decimal("0")
COUNTS = {"patients": 600, "doctors": 250, "appointments": 2000, "bills": 1200}

MALE = ("Aarav Vihaan Arjun Rohan Rahul Amit Sanjay Vikram Karan Nikhil Suresh Rajesh Manoj Arun Deepak "
        "Harish Imran Faisal Joseph Thomas Anil Prakash Ravi Gopal Mohan Sunil Ajay Varun Kabir Ishaan").split()
FEMALE = ("Aadhya Ananya Diya Priya Kavya Sneha Pooja Neha Anjali Lakshmi Meera Divya Fatima Ayesha Sara "
          "Mary Grace Shalini Rekha Sunita Geeta Nisha Ritu Swati Isha Tara Zoya Radha Sita Uma").split()
SURNAMES = ("Sharma Verma Gupta Iyer Nair Reddy Rao Patel Shah Mehta Singh Kaur Das Bose Chatterjee Mukherjee "
            "Menon Pillai Kulkarni Joshi Deshpande Khan Qureshi Fernandes D'Souza Pereira Naidu Mishra Pandey "
            "Tiwari Chauhan Yadav Agarwal Banerjee Ghosh Sen Kapoor Malhotra Saxena Thakur").split()
INTERNATIONAL = ["Zoë Ñúñez", "Seán O'Brien", "José Álvarez", "Chloé Dubois", "Jürgen Müller", "Anne-Marie Lefèvre"]

SPECIALIZATIONS = ["General Medicine", "Cardiology", "Orthopaedics", "Paediatrics", "Gynaecology",
                   "Dermatology", "ENT", "Ophthalmology", "Neurology", "Psychiatry", "Pulmonology",
                   "Gastroenterology", "Nephrology", "Urology", "Oncology", "Endocrinology",
                   "General Surgery", "Dentistry", "Physiotherapy", "Radiology"]

FLOORS = ["Ground floor", "1st floor", "2nd floor", "3rd floor", "4th floor"]

IMAGING = ["X-Ray", "CT Scan", "MRI", "Ultrasound"]
BODY_PARTS = ["Chest", "Abdomen", "Pelvis", "Brain", "Cervical Spine", "Lumbar Spine", "Knee", "Shoulder",
              "Hip", "Ankle", "Wrist", "Elbow", "Neck", "Sinuses", "Thoracic Spine"]
LAB_TESTS = ["Complete Blood Count", "ESR", "Blood Glucose Fasting", "Blood Glucose PP", "HbA1c",
             "Lipid Profile", "Liver Function Test", "Kidney Function Test", "Thyroid Profile (T3 T4 TSH)",
             "Serum Electrolytes", "Urine Routine", "Urine Culture", "Blood Culture", "Stool Routine",
             "Vitamin D", "Vitamin B12", "Serum Iron", "Ferritin", "CRP", "Dengue NS1 Antigen",
             "Malaria Antigen", "Widal Test", "HIV Screening", "Hepatitis B Surface Antigen", "HCV Antibody",
             "Prothrombin Time INR", "APTT", "D-Dimer", "Troponin I", "CK-MB", "Serum Uric Acid",
             "Serum Calcium", "PSA", "CA-125", "Beta hCG", "Blood Group and Rh", "Peripheral Smear",
             "Sputum AFB", "COVID-19 RT-PCR", "Arterial Blood Gas", "Serum Amylase", "Serum Lipase",
             "Urine Microalbumin", "Semen Analysis", "Pap Smear", "Allergy Panel", "Rheumatoid Factor",
             "ANA Profile", "Testosterone", "Cortisol"]
PROCEDURES = ["ECG", "2D Echocardiogram", "Treadmill Test", "Holter Monitoring", "EEG", "Nerve Conduction Study",
              "Spirometry", "Endoscopy", "Colonoscopy", "Audiometry", "Dressing - Minor", "Dressing - Major",
              "Suturing", "Plaster Cast", "Nebulization", "IV Cannulation", "Injection Administration",
              "Catheterization", "Wound Debridement", "Incision and Drainage", "Tooth Extraction",
              "Root Canal Treatment", "Dental Scaling", "Eye Refraction Test", "Fundus Examination",
              "Tonometry", "Bone Densitometry", "Mammography", "Doppler Study - Legs", "Biopsy",
              "Lumbar Puncture", "Blood Transfusion", "Dialysis Session", "Chemotherapy Session",
              "Physiotherapy Session", "Occupational Therapy Session", "Speech Therapy Session",
              "Diet Counselling", "Psychological Counselling", "Ambulance - Local"]
ROOMS = ["General Ward Bed (per day)", "Semi-Private Room (per day)", "Private Room (per day)",
         "ICU Bed (per day)", "NICU Bed (per day)", "Day Care Bed", "Operation Theatre - Minor",
         "Operation Theatre - Major", "Labour Room", "Emergency Room Charges", "Oxygen (per hour)",
         "Ventilator (per day)", "Nursing Charges (per day)", "Attendant Pass", "Medical Records Copy"]
MEDICINES = ["Paracetamol 500mg", "Amoxicillin 500mg", "Azithromycin 500mg", "Cetirizine 10mg",
             "Pantoprazole 40mg", "Metformin 500mg", "Amlodipine 5mg", "Atorvastatin 10mg", "Losartan 50mg",
             "Ibuprofen 400mg", "Diclofenac 50mg", "Ondansetron 4mg", "Domperidone 10mg", "Montelukast 10mg",
             "Salbutamol Inhaler", "Budesonide Inhaler", "ORS Sachet", "Multivitamin", "Calcium with Vitamin D",
             "Iron and Folic Acid", "Insulin Regular", "Ceftriaxone 1g Injection", "Normal Saline 500ml",
             "Ringer Lactate 500ml", "Dextrose 5% 500ml", "Tetanus Toxoid Injection", "Rabies Vaccine",
             "Hepatitis B Vaccine", "Influenza Vaccine", "Typhoid Vaccine"]
DENTAL = ["Dental X-Ray (IOPA)", "Dental Filling - Composite", "Dental Crown - Ceramic", "Dental Implant",
          "Teeth Whitening", "Orthodontic Consultation", "Denture - Partial", "Wisdom Tooth Surgery",
          "Gum Surgery", "Fluoride Application"]
THERAPY = ["Physiotherapy - Ultrasound Therapy", "Physiotherapy - TENS", "Physiotherapy - Traction",
           "Physiotherapy - Hot Pack", "Physiotherapy - Exercise Session", "Cardiac Rehabilitation Session",
           "Pulmonary Rehabilitation Session", "Hydrotherapy Session", "Acupressure Session", "Yoga Therapy Session"]
VACCINES = ["Vaccine - MMR", "Vaccine - Varicella", "Vaccine - HPV", "Vaccine - Pneumococcal",
            "Vaccine - DPT Booster", "Vaccine - Polio (IPV)", "Vaccine - Hepatitis A", "Vaccine - Rotavirus",
            "Vaccine - Meningococcal", "Vaccine - Japanese Encephalitis"]
IMAGING_PRICES = {"X-Ray": (300, 1500), "CT Scan": (2500, 8000), "MRI": (5000, 15000), "Ultrasound": (800, 3000)}
PRICE_RANGES = {"imaging": (300, 9000), "lab": (80, 2500), "procedure": (150, 15000), "room": (200, 12000),
                "medicine": (10, 800)}


def money(rng: random.Random, low: int, high: int) -> Decimal:
    whole = rng.randint(low, high)
    return Decimal(whole - whole % 10 if whole > 100 else whole) + rng.choice([ZERO, ZERO, Decimal("0.50")])


def random_day(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def phone(rng) -> str:
    number = f"{rng.choice('6789')}{rng.randint(0, 999_999_999):09d}"
    return f"+91{number}" if rng.random() < 0.3 else number


def person_name(rng, gender: str) -> str:
    first = rng.choice(MALE if gender == "M" else FEMALE if gender == "F" else MALE + FEMALE)
    return f"{first} {rng.choice(SURNAMES)}"


def make_services(rng):
    names = [(f"{kind} - {part}", kind) for kind in IMAGING for part in BODY_PARTS]
    names += [(f"Lab - {test}", "lab") for test in LAB_TESTS]
    names += [(name, "procedure") for name in PROCEDURES]
    names += [(name, "room") for name in ROOMS]
    names += [(f"Pharmacy - {name}", "medicine") for name in MEDICINES]
    names += [(name, "procedure") for name in DENTAL + THERAPY]
    names += [(name, "medicine") for name in VACCINES]
    names += [(f"Follow-up Consultation - {spec}", "procedure") for spec in SPECIALIZATIONS]
    names += [(f"Health Check - {plan}", "procedure") for plan in ("Basic", "Executive", "Senior Citizen",
                                                                   "Cardiac", "Diabetic", "Women's Wellness")]
    return [{"service_id": i, "service_name": name, "cost": money(rng, *{**PRICE_RANGES, **IMAGING_PRICES}[kind])}
            for i, (name, kind) in enumerate(names, start=1)]


def make_patients(rng):
    patients = []
    for i in range(COUNTS["patients"]):
        gender = rng.choice("MF") if rng.random() < 0.97 else "O"
        name = INTERNATIONAL[i // 100] if i % 100 == 50 and i // 100 < len(INTERNATIONAL) else person_name(rng, gender)
        admitted = random_day(rng, FIRST_DAY, AS_OF)
        stay = rng.choice([0, 0, 0, 1, 2, 3, 4, 5, 7, 10, 14])
        still_in = (AS_OF - admitted).days < 10 and rng.random() < 0.5
        discharged = None if still_in else min(admitted + timedelta(days=stay), AS_OF)
        patients.append({"patient_id": 1001 + i, "name": name, "age": rng.randint(0, 95), "gender": gender,
                         "contact_no": phone(rng), "admission_date": admitted, "discharge_date": discharged})
    return patients


CITIES = ["Mumbai", "Pune", "Bengaluru", "Chennai", "Hyderabad", "Kolkata", "Delhi", "Ahmedabad", "Kochi", "Jaipur",
          "Lucknow", "Nagpur"]
STREETS = ["MG Road", "Station Road", "Nehru Nagar", "Gandhi Chowk", "Park Street", "Lake View Colony"]
# ABO/Rh groups roughly as common in India
BLOOD = ["O+"] * 32 + ["B+"] * 30 + ["A+"] * 22 + ["AB+"] * 8 + ["O-", "O-", "B-", "B-", "A-", "AB-"]
WARDS = ["General ward", "Surgical ward", "Maternity ward", "Paediatric ward", "ICU"]
REASONS = ["Observation", "Surgery", "Delivery", "Fever, IV fluids", "Fracture", "Chest pain, monitoring"]


def add_person_details(patients):
    """Date of birth, contact details and blood group, from a generator of their own, so the rest
    of the demo data (drawn from the main one) stays as it was. One in ten knew only their age."""
    rng = random.Random(RANDOM_SEED + 1)
    for patient in patients:
        registered, age = patient["admission_date"], patient["age"]
        if rng.random() < 0.1:
            patient["birth_date"], patient["birth_estimated"] = date(registered.year - age, 1, 1), 1
        else:
            latest = born_on_or_before(registered, age)
            patient["birth_date"], patient["birth_estimated"] = latest - timedelta(days=rng.randrange(365)), 0
        first = patient["name"].split()[0].lower().translate(str.maketrans("", "", "'"))
        patient["email"] = f"{first}{patient['patient_id']}@example.com" if rng.random() < 0.4 else ""
        patient["city"] = rng.choice(CITIES) if rng.random() < 0.9 else ""
        patient["address"] = f"{rng.randint(1, 300)}, {rng.choice(STREETS)}" if patient["city"] else ""
        patient["blood_group"] = rng.choice(BLOOD) if rng.random() < 0.6 else ""
        patient["registered_on"] = registered


def make_admissions(patients):
    """A stay for those who stayed a night or more (the rest came and went the same day)."""
    rng = random.Random(RANDOM_SEED + 2)
    stays = [p for p in patients if p["discharge_date"] is None or p["discharge_date"] > p["admission_date"]]
    return [{"admission_id": number, "patient_id": p["patient_id"], "admitted_on": p["admission_date"],
             "ward": f"{rng.choice(WARDS)}, bed {rng.randint(1, 40)}", "reason": rng.choice(REASONS),
             "discharged_on": p["discharge_date"]} for number, p in enumerate(stays, start=1)]


def make_departments():
    """A department per specialization, in four blocks of five floors."""
    return [{"department_id": i, "name": name, "location": f"Block {'ABCD'[(i - 1) // 5]}, {FLOORS[(i - 1) % 5]}"}
            for i, name in enumerate(SPECIALIZATIONS, start=1)]


def make_doctors(rng):
    return [{"doctor_id": i, "name": person_name(rng, rng.choice("MF")),
             "specialization": SPECIALIZATIONS[(i - 1) % len(SPECIALIZATIONS)], "contact_no": phone(rng),
             "consultation_fee": to_money(rng.randrange(300, 1550, 50)),
             "department_id": (i - 1) % len(SPECIALIZATIONS) + 1}
            for i in range(1, COUNTS["doctors"] + 1)]


def make_appointments(rng, patients, doctors):
    slots = [time(hour, minute) for hour in range(9, 17) for minute in (0, 15, 30, 45)]
    taken_doctor, taken_patient, appointments = set(), set(), []
    while len(appointments) < COUNTS["appointments"]:
        patient, doctor = rng.choice(patients), rng.choice(doctors)
        day = random_day(rng, patient["admission_date"], min(patient["admission_date"] + timedelta(days=120), LAST_DAY))
        at = rng.choice(slots)
        if (doctor["doctor_id"], day, at) in taken_doctor or (patient["patient_id"], day, at) in taken_patient:
            continue
        status = past_status(rng) if day < AS_OF else ("cancelled" if rng.random() < 0.05 else "scheduled")
        if status in ("scheduled", "completed"):
            taken_doctor.add((doctor["doctor_id"], day, at))
            taken_patient.add((patient["patient_id"], day, at))
        appointments.append({"patient_id": patient["patient_id"], "doctor_id": doctor["doctor_id"],
                             "appt_date": day, "appt_time": at.strftime("%H:%M"),
                             "diagnosis": diagnosis(rng, doctor["specialization"]) if status == "completed" else "",
                             "status": status})
    appointments.sort(key=lambda a: (a["appt_date"], a["appt_time"], a["doctor_id"]))
    for number, appointment in enumerate(appointments, start=1):
        appointment["appt_id"] = number
    return appointments


def past_status(rng) -> str:
    roll = rng.random()
    return "completed" if roll < 0.82 else "cancelled" if roll < 0.92 else "no_show"


DIAGNOSES = {"Cardiology": ["Hypertension", "Stable angina", "Palpitations, ECG normal"],
             "Orthopaedics": ["Knee osteoarthritis", "Lumbar strain", "Fracture, distal radius"],
             "Paediatrics": ["Viral fever", "Acute gastroenteritis", "Routine immunisation"],
             "Dermatology": ["Eczema", "Acne vulgaris", "Fungal infection"],
             "ENT": ["Acute sinusitis", "Otitis media", "Tonsillitis"]}
GENERAL = ["Viral fever", "Type 2 diabetes, follow-up", "Upper respiratory infection", "Migraine",
           "Vitamin D deficiency", "Routine check-up, no findings", "Dengue fever, recovering", "Anaemia"]


def diagnosis(rng, specialization: str) -> str:
    return rng.choice(DIAGNOSES.get(specialization, GENERAL))


def make_bills(rng, patients, doctors, appointments, services):
    by_doctor = {d["doctor_id"]: d for d in doctors}
    billed_visits = rng.sample([a for a in appointments if a["status"] == "completed"],
                               k=COUNTS["bills"] * 3 // 4)
    walk_ins = [{"appt_id": None, "patient_id": p["patient_id"], "appt_date": p["admission_date"]}
                for p in rng.sample(patients, k=COUNTS["bills"] - len(billed_visits))]
    visits = sorted(billed_visits + walk_ins, key=lambda v: (v["appt_date"], v["patient_id"]))
    catalogue = [Service(s["service_name"], s["cost"], s["service_id"]) for s in services]
    bills, items, payments = [], [], []
    for bill_id, visit in enumerate(visits, start=1):
        fee = by_doctor[visit["doctor_id"]]["consultation_fee"] if visit["appt_id"] else ZERO
        bill = Billing(visit["patient_id"], SEED_TAX_RATE, fee, visit["appt_id"])
        for service in rng.sample(catalogue, k=rng.randint(1, 4)):
            bill.add_service(service, rng.choice([1, 1, 1, 2, 3]))
        roll = rng.random()
        if roll < 0.1:
            bill.apply_discount(percent=rng.choice([5, 10, 15]))
        elif roll < 0.15:
            bill.apply_discount(amount=min(Decimal(100), bill.gross))
        billed_on = visit["appt_date"]
        status, paid = settle(rng, bill_id, bill.total, billed_on, payments)
        bills.append({"bill_id": bill_id, "patient_id": visit["patient_id"], "appt_id": visit["appt_id"] or "",
                      "consultation_charges": bill.consultation_charges, "subtotal": bill.subtotal,
                      "discount": bill.discount, "tax": bill.tax, "total_amount": bill.total,
                      "billing_date": billed_on, "status": status,
                      "void_reason": "Billed to the wrong patient" if status == "void" else ""})
        items += [{"bill_id": bill_id, "service_id": line.service.service_id, "quantity": line.quantity,
                   "unit_price": line.unit_price, "line_total": line.line_total} for line in bill.lines]
    return bills, items, payments


def settle(rng, bill_id, total, billed_on, payments):
    """Pay most bills in full (sometimes in two parts), leave some open or part-paid, void a few."""
    roll = rng.random()
    recent = (AS_OF - billed_on).days < 30
    if roll < 0.02:
        return "void", ZERO
    if roll < (0.45 if recent else 0.1) or billed_on > AS_OF:
        return "unpaid", ZERO
    parts = [total] if roll < 0.85 or total < 2 else split(rng, total)
    if roll > 0.95:
        parts = parts[:1] if len(parts) > 1 else [to_money(total / 2)] if total >= 2 else parts
    paid_on = billed_on
    for amount in parts:
        paid_on = min(paid_on + timedelta(days=rng.randint(0, 5)), AS_OF)
        payments.append({"payment_id": len(payments) + 1, "bill_id": bill_id, "paid_on": paid_on,
                         "method": rng.choice(["cash", "cash", "card", "upi", "upi", "insurance"]), "amount": amount})
    paid = sum(parts, ZERO)
    return ("paid" if paid == total else "unpaid"), paid


def split(rng, total: Decimal) -> list[Decimal]:
    first = to_money(total * Decimal(rng.randint(20, 80)) / 100)
    return [first, total - first]


OUT = HERE


# The laboratory's test types with their normal ranges (adult reference values; low, high or both),
# and women's where theirs differ.
REFERENCE_RANGES = [("Haemoglobin", "g/dL", "13.5", "17.5", "12.0", "15.5"),
                    ("Fasting blood glucose", "mg/dL", "70", "100", "", ""), ("HbA1c", "%", "4.0", "5.6", "", ""),
                    ("Serum creatinine", "mg/dL", "0.7", "1.3", "0.6", "1.1"), ("TSH", "mIU/L", "0.4", "4.0", "", ""),
                    ("Total cholesterol", "mg/dL", "", "200", "", ""),
                    ("Platelet count", "x10^3/uL", "150", "450", "", ""),
                    ("Serum ferritin", "ng/mL", "24", "336", "11", "307")]
# Each test's results drawn around its range: (lowest, highest) of the values the demo draws.
DRAWN = {"Haemoglobin": (8.0, 16.5), "Fasting blood glucose": (62, 190), "HbA1c": (4.2, 9.5),
         "Serum creatinine": (0.5, 2.4), "TSH": (0.2, 9.0), "Total cholesterol": (120, 290),
         "Platelet count": (90, 480), "Serum ferritin": (4, 260)}


def make_lab_tests():
    return [{"test_id": number, "name": name, "unit": unit, "low": low, "high": high, "women_low": women_low,
             "women_high": women_high}
            for number, (name, unit, low, high, women_low, women_high) in enumerate(REFERENCE_RANGES, start=1)]


def make_visits(patients, doctors, appointments):
    """Vitals for about two in three completed visits, from a generator of their own (the rest of
    the demo data stays as it was): some patients anaemic, a few with very high blood pressure, the
    women seen in Gynaecology between 18 and 40 recorded pregnant."""
    rng = random.Random(RANDOM_SEED + 3)
    by_patient = {p["patient_id"]: p for p in patients}
    specialization = {d["doctor_id"]: d["specialization"] for d in doctors}
    visits = []
    for appointment in appointments:
        if appointment["status"] != "completed" or rng.random() > 0.65:
            continue
        patient = by_patient[appointment["patient_id"]]
        age, woman = patient["age"], patient["gender"] == "F"
        pregnant = 1 if woman and 18 <= age <= 40 and specialization[appointment["doctor_id"]] == "Gynaecology" else ""
        systolic = rng.randint(182, 200) if rng.random() < 0.03 else rng.randint(100, 150)
        visits.append({
            "appt_id": appointment["appt_id"], "notes": "",
            "weight_kg": _tenths(rng, 10 + 3 * age, 14 + 4 * age) if age < 15 else _tenths(rng, 42, 98),
            "height_cm": _tenths(rng, 75 + 6 * age, 85 + 6 * age) if age < 15 else _tenths(rng, 148, 188),
            "bp_systolic": systolic, "bp_diastolic": rng.randint(systolic * 55 // 100, systolic * 70 // 100),
            "pulse": rng.randint(58, 104), "temperature_c": _tenths(rng, 36.2, 39.4 if rng.random() < 0.1 else 37.4),
            "haemoglobin": _tenths(rng, 8.5, 14.8) if woman else _tenths(rng, 10.5, 17.0), "pregnant": pregnant,
            "recorded_at": f"{appointment['appt_date']} {appointment['appt_time']}:00"})
    return visits


def _tenths(rng, low: float, high: float) -> Decimal:
    return Decimal(rng.randint(round(low * 10), round(high * 10))).scaleb(-1)


def make_lab_orders(visits, appointments, patients, tests):
    """One or two tests for about one visit in three with vitals, each reported a day or two later
    (still awaited when that day has not come), flagged against the test's range for the
    patient's sex."""
    rng = random.Random(RANDOM_SEED + 4)
    seen_at = {a["appt_id"]: (a["appt_date"], a["appt_time"]) for a in appointments}
    gender = {p["patient_id"]: p["gender"] for p in patients}
    patient_of = {a["appt_id"]: a["patient_id"] for a in appointments}
    ranges = {t["test_id"]: LabTest(t["name"], t["unit"], t["low"], t["high"], t["test_id"], t["women_low"],
                                    t["women_high"]) for t in tests}  # the application's own flags
    orders = []
    for visit in visits:
        if rng.random() > 0.35:
            continue
        for test in rng.sample(tests, rng.randint(1, 2)):
            day, at = seen_at[visit["appt_id"]]
            reported = day + timedelta(days=rng.randint(0, 2))
            low, high = DRAWN[test["name"]]
            places = 1 if isinstance(low, float) else 0
            value = (Decimal(rng.randint(round(low * 10), round(high * 10))).scaleb(-1) if places
                     else Decimal(rng.randint(low, high)))
            flag = ranges[test["test_id"]].flag(value, gender[patient_of[visit["appt_id"]]]).value
            done = reported <= AS_OF
            orders.append({"order_id": len(orders) + 1, "appt_id": visit["appt_id"], "test_id": test["test_id"],
                           "ordered_at": f"{day} {at}:00", "result": value if done else "",
                           "result_on": reported if done else "", "flag": flag if done else ""})
    return orders


def write(name: str, rows: list[dict], columns: list[str]) -> None:
    with open(OUT / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if row[k] is None else row[k] for k in columns})


POPULATE_HEADER = """-- Demo data for MySQL/MariaDB, made by hospital_mgmt/seed/generate.py from the CSVs beside it.
-- Run from the project root, inside the database that hospital_mgmt/sql/schema.sql created:
--   mariadb --local-infile=1 hospital < hospital_mgmt/sql/populate.sql
-- (`hospital-mgmt seed` loads the same files through the application.)
-- name_key is the search form of a name (no case, no accents, single spaces). SQL cannot strip
-- accents, so here it is only LOWER(TRIM(name)): a name with accents loaded this way is found by
-- its accented spelling. `hospital-mgmt seed` computes the full form. The same goes for
-- service_key (the service name without case, spaces or punctuation) and department_key. phone_tail is the last ten
-- digits of contact_no, last digit first.
"""
LOADS = [("services", "service_id, service_name, cost",
          "SET service_key = LOWER(REGEXP_REPLACE(service_name, '[^[:alnum:]]', ''))"),
         ("patients", "patient_id, name, gender, birth_date, birth_estimated, contact_no, email, address, city,"
          " blood_group, registered_on",
          "SET name_key = LOWER(TRIM(name)), phone_tail = REVERSE(RIGHT(contact_no, 10))"),
         ("admissions", "admission_id, patient_id, admitted_on, ward, reason, @discharged",
          "SET discharged_on = NULLIF(@discharged, '')"),
         ("departments", "department_id, name, location",
          "SET department_key = LOWER(REGEXP_REPLACE(name, '[^[:alnum:]]', ''))"),
         ("doctors", "doctor_id, name, specialization, contact_no, consultation_fee, department_id",
          "SET name_key = LOWER(TRIM(name))"),
         ("appointments", "appt_id, patient_id, doctor_id, appt_date, appt_time, diagnosis, status", ""),
         ("billing", "bill_id, patient_id, @appt, consultation_charges, subtotal, discount, tax, total_amount,"
          " billing_date, status, void_reason", "SET appt_id = NULLIF(@appt, '')"),
         ("bill_items", "bill_id, service_id, quantity, unit_price, line_total", ""),
         ("payments", "payment_id, bill_id, paid_on, method, amount", ""),
         ("visits", "appt_id, notes, @weight, @height, @systolic, @diastolic, @pulse, @temperature, @hb, @pregnant,"
          " recorded_at", "SET weight_kg = NULLIF(@weight, ''), height_cm = NULLIF(@height, ''),"
          " bp_systolic = NULLIF(@systolic, ''), bp_diastolic = NULLIF(@diastolic, ''), pulse = NULLIF(@pulse, ''),"
          " temperature_c = NULLIF(@temperature, ''), haemoglobin = NULLIF(@hb, ''), pregnant = NULLIF(@pregnant, '')"),
         ("lab_tests", "test_id, name, unit, @low, @high, @women_low, @women_high",
          "SET test_key = LOWER(REGEXP_REPLACE(name, '[^[:alnum:]]', '')), low = NULLIF(@low, ''),"
          " high = NULLIF(@high, ''), women_low = NULLIF(@women_low, ''), women_high = NULLIF(@women_high, '')"),
         ("lab_orders", "order_id, appt_id, test_id, ordered_at, @result, @result_on, @flag",
          "SET result = NULLIF(@result, ''), result_on = NULLIF(@result_on, ''), flag = NULLIF(@flag, '')")]


# Every run of three characters of each name_key (as the application's name_grams keeps them).
NAME_GRAMS_SQL = """INSERT INTO patient_name_grams (gram, patient_id)
  WITH RECURSIVE places (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM places WHERE i < 98)
  SELECT DISTINCT SUBSTRING(p.name_key, places.i, 3), p.patient_id
  FROM patients p JOIN places ON places.i <= CHAR_LENGTH(p.name_key) - 2;
"""


def write_populate_script() -> None:
    statements = [POPULATE_HEADER]
    for table, columns, extra in LOADS:
        statements.append(
            f"LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/{table}.csv' INTO TABLE {table}\n"
            "  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"'\n"
            f"  LINES TERMINATED BY '\\n' IGNORE 1 LINES\n  ({columns})" + (f"\n  {extra}" if extra else "") + ";\n")
    statements.append(NAME_GRAMS_SQL)
    statements.append("UPDATE counters SET last_value = (SELECT MAX(bill_id) FROM billing) WHERE name = 'bill';\n")
    target = OUT.parent / "sql" / "populate.sql" if OUT == HERE else OUT / "populate.sql"
    target.write_text("\n".join(statements), encoding="utf-8")


def main() -> None:
    global OUT
    if len(sys.argv) > 1:  # another folder, e.g. to check that the files regenerate identically
        OUT = Path(sys.argv[1])
    rng = random.Random(RANDOM_SEED)
    services = make_services(rng)
    patients = make_patients(rng)
    doctors = make_doctors(rng)
    departments = make_departments()
    appointments = make_appointments(rng, patients, doctors)
    bills, items, payments = make_bills(rng, patients, doctors, appointments, services)
    add_person_details(patients)
    admissions = make_admissions(patients)
    visits = make_visits(patients, doctors, appointments)
    lab_tests = make_lab_tests()
    lab_orders = make_lab_orders(visits, appointments, patients, lab_tests)
    write("patients", patients, ["patient_id", "name", "gender", "birth_date", "birth_estimated", "contact_no",
                                 "email", "address", "city", "blood_group", "registered_on"])
    write("admissions", admissions, ["admission_id", "patient_id", "admitted_on", "ward", "reason", "discharged_on"])
    write("departments", departments, ["department_id", "name", "location"])
    write("doctors", doctors, ["doctor_id", "name", "specialization", "contact_no", "consultation_fee",
                               "department_id"])
    write("services", services, ["service_id", "service_name", "cost"])
    write("appointments", appointments, ["appt_id", "patient_id", "doctor_id", "appt_date", "appt_time",
                                         "diagnosis", "status"])
    write("billing", bills, ["bill_id", "patient_id", "appt_id", "consultation_charges", "subtotal", "discount",
                             "tax", "total_amount", "billing_date", "status", "void_reason"])
    write("bill_items", items, ["bill_id", "service_id", "quantity", "unit_price", "line_total"])
    write("payments", payments, ["payment_id", "bill_id", "paid_on", "method", "amount"])
    write("visits", visits, ["appt_id", "notes", "weight_kg", "height_cm", "bp_systolic", "bp_diastolic", "pulse",
                             "temperature_c", "haemoglobin", "pregnant", "recorded_at"])
    write("lab_tests", lab_tests, ["test_id", "name", "unit", "low", "high", "women_low", "women_high"])
    write("lab_orders", lab_orders, ["order_id", "appt_id", "test_id", "ordered_at", "result", "result_on", "flag"])
    write_populate_script()
    for name, rows in (("services", services), ("patients", patients), ("admissions", admissions),
                       ("departments", departments), ("doctors", doctors),
                       ("appointments", appointments), ("billing", bills), ("bill_items", items),
                       ("payments", payments), ("visits", visits), ("lab_tests", lab_tests),
                       ("lab_orders", lab_orders)):
        print(f"{name:13} {len(rows):6} rows")


if __name__ == "__main__":
    main()
