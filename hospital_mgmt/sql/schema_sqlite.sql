-- hospital_mgmt schema for SQLite, the twin of schema.sql (same tables, same columns).
-- Money columns hold whole cents (paise) as INTEGER: SQLite has no exact decimal type,
-- and integer sums stay exact. The DB layer turns them into Decimal with two places.
-- Dates are ISO text (YYYY-MM-DD), times HH:MM text; both sort correctly as text.
-- This is schema version 8 (see storage/migrations.py; a test holds a migrated database equal to it).

CREATE TABLE patients (
    patient_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL,
    name_key        TEXT NOT NULL,
    gender          TEXT NOT NULL CHECK (gender IN ('M', 'F', 'O')),
    -- the date of birth; 1 January of an estimated year when only the age was known
    birth_date      TEXT NOT NULL,
    birth_estimated INTEGER NOT NULL DEFAULT 0 CHECK (birth_estimated IN (0, 1)),
    contact_no      TEXT NOT NULL,
    email           TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    blood_group     TEXT NOT NULL DEFAULT ''
                    CHECK (blood_group IN ('', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-')),
    registered_on   TEXT NOT NULL,
    request_key     TEXT,
    -- a duplicate merged into another record: kept, pointing at the record that survives
    merged_into     INTEGER REFERENCES patients (patient_id),
    -- the last ten digits of contact_no, last digit first: found by index whole or by its last digits
    phone_tail      TEXT NOT NULL DEFAULT ''
);
-- Patient numbers start at 1001, as on the paper records.
INSERT INTO sqlite_sequence (name, seq) VALUES ('patients', 1000);
-- merged_into beside the name: a name search reads the index alone, merged records left out in it
CREATE INDEX ix_patients_name ON patients (name_key, patient_id, merged_into);
CREATE INDEX ix_patients_contact ON patients (contact_no);
CREATE INDEX ix_patients_birth ON patients (birth_date);
CREATE INDEX ix_patients_registered ON patients (registered_on);
CREATE UNIQUE INDEX uq_patients_request_key ON patients (request_key);
CREATE INDEX ix_patients_merged ON patients (merged_into);
CREATE INDEX ix_patients_phone_tail ON patients (phone_tail);
-- the duplicate check's similar names: same gender, a birth date near, a name by its start
CREATE INDEX ix_patients_similar ON patients (gender, birth_date, name_key);

-- Every three-character run of each patient's name_key (name_grams): a search for a rare text, or
-- for one in nobody's name, is answered from the runs it holds instead of reading every name.
CREATE TABLE patient_name_grams (
    gram        TEXT NOT NULL,
    patient_id  INTEGER NOT NULL REFERENCES patients (patient_id),
    PRIMARY KEY (gram, patient_id)
);
CREATE INDEX ix_patient_name_grams_patient ON patient_name_grams (patient_id);

-- Every stay in the hospital; at most one open (not yet discharged) per patient.
CREATE TABLE admissions (
    admission_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id    INTEGER NOT NULL REFERENCES patients (patient_id),
    admitted_on   TEXT NOT NULL,
    ward          TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    discharged_on TEXT,
    -- 1 while the stay is open, NULL once discharged (NULLs never collide in a unique index).
    open_stay     INTEGER GENERATED ALWAYS AS (CASE WHEN discharged_on IS NULL THEN 1 END) VIRTUAL,
    CHECK (discharged_on IS NULL OR discharged_on >= admitted_on)
);
CREATE UNIQUE INDEX uq_admissions_open ON admissions (patient_id, open_stay);
CREATE INDEX ix_admissions_admitted ON admissions (admitted_on);

-- The hospital's departments; every doctor belongs to one. department_key is the name without
-- case, spaces or punctuation (`E.N.T.` and `ent` are one department).
CREATE TABLE departments (
    department_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL,
    department_key   TEXT NOT NULL,
    location         TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX uq_departments_key ON departments (department_key);

CREATE TABLE doctors (
    doctor_id        INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL,
    specialization   TEXT NOT NULL,
    contact_no       TEXT NOT NULL,
    consultation_fee INTEGER NOT NULL CHECK (consultation_fee > 0),
    department_id    INTEGER NOT NULL REFERENCES departments (department_id)
);
CREATE INDEX ix_doctors_name_key ON doctors (name_key);
CREATE INDEX ix_doctors_specialization ON doctors (specialization);
CREATE INDEX ix_doctors_department ON doctors (department_id, name_key);

-- A doctor's working week once it is set: a row per weekday (0 Monday ... 6 Sunday), with the
-- hours, or no hours on a day off. A doctor without rows works the hospital's day, 09:00-17:00.
CREATE TABLE doctor_hours (
    doctor_id   INTEGER NOT NULL REFERENCES doctors (doctor_id),
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    starts      TEXT,
    ends        TEXT,
    PRIMARY KEY (doctor_id, weekday),
    CHECK ((starts IS NULL AND ends IS NULL) OR (starts IS NOT NULL AND ends IS NOT NULL AND ends > starts))
);

-- Days a doctor is away, first to last inclusive.
CREATE TABLE doctor_leave (
    leave_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    doctor_id   INTEGER NOT NULL REFERENCES doctors (doctor_id),
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    CHECK (last_day >= first_day)
);
CREATE INDEX ix_doctor_leave_doctor ON doctor_leave (doctor_id, first_day);

CREATE TABLE services (
    service_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    service_name  TEXT NOT NULL,
    service_key   TEXT NOT NULL,
    cost          INTEGER NOT NULL CHECK (cost > 0)
);
CREATE UNIQUE INDEX uq_services_key ON services (service_key);

CREATE TABLE appointments (
    appt_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id  INTEGER NOT NULL REFERENCES patients (patient_id),
    doctor_id   INTEGER NOT NULL REFERENCES doctors (doctor_id),
    appt_date   TEXT NOT NULL,
    appt_time   TEXT NOT NULL,
    diagnosis   TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'scheduled'
                CHECK (status IN ('scheduled', 'arrived', 'in_consultation', 'completed', 'cancelled', 'no_show')),
    -- 1 while the appointment holds its slot (scheduled, arrived, in consultation or completed), NULL otherwise.
    live_slot   INTEGER GENERATED ALWAYS AS
                (CASE WHEN status IN ('scheduled', 'arrived', 'in_consultation', 'completed') THEN 1 END) VIRTUAL,
    request_key TEXT,
    -- given at check-in, one number per doctor and day in the order patients arrive
    token_no    INTEGER,
    arrived_at  TEXT,
    called_at   TEXT
);
CREATE UNIQUE INDEX uq_appointments_doctor_slot ON appointments (doctor_id, appt_date, appt_time, live_slot);
CREATE UNIQUE INDEX uq_appointments_patient_slot ON appointments (patient_id, appt_date, appt_time, live_slot);
CREATE UNIQUE INDEX uq_appointments_token ON appointments (doctor_id, appt_date, token_no);
CREATE INDEX ix_appointments_date ON appointments (appt_date, appt_time);
CREATE UNIQUE INDEX uq_appointments_request_key ON appointments (request_key);

CREATE TABLE counters (
    name        TEXT PRIMARY KEY,
    last_value  INTEGER NOT NULL
);
INSERT INTO counters (name, last_value) VALUES ('bill', 0), ('receipt', 0), ('credit', 0);

CREATE TABLE billing (
    bill_id               INTEGER PRIMARY KEY,
    patient_id            INTEGER NOT NULL REFERENCES patients (patient_id),
    appt_id               INTEGER REFERENCES appointments (appt_id),
    consultation_charges  INTEGER NOT NULL DEFAULT 0,
    subtotal              INTEGER NOT NULL,
    discount              INTEGER NOT NULL DEFAULT 0,
    tax                   INTEGER NOT NULL DEFAULT 0,
    total_amount          INTEGER NOT NULL,
    billing_date          TEXT NOT NULL,
    status                TEXT NOT NULL DEFAULT 'unpaid' CHECK (status IN ('unpaid', 'paid', 'void')),
    void_reason           TEXT NOT NULL DEFAULT '',
    print_count           INTEGER NOT NULL DEFAULT 0,
    live_appt_id          INTEGER GENERATED ALWAYS AS (CASE WHEN status <> 'void' THEN appt_id END) VIRTUAL,
    request_key           TEXT,
    tax_rate              INTEGER,
    finalized_at          TEXT,
    finalized_by          INTEGER REFERENCES users (user_id),
    CHECK (subtotal >= 0 AND discount >= 0 AND tax >= 0 AND total_amount >= 0)
);
CREATE INDEX ix_billing_patient ON billing (patient_id);
CREATE INDEX ix_billing_appointment ON billing (appt_id);
CREATE UNIQUE INDEX uq_billing_live_appointment ON billing (live_appt_id);
CREATE INDEX ix_billing_date ON billing (billing_date);
-- the open bills of a period without reading the paid ones (the unpaid report)
CREATE INDEX ix_billing_open ON billing (status, billing_date);
CREATE UNIQUE INDEX uq_billing_request_key ON billing (request_key);

CREATE TABLE bill_items (
    bill_id     INTEGER NOT NULL REFERENCES billing (bill_id),
    service_id  INTEGER NOT NULL REFERENCES services (service_id),
    quantity    INTEGER NOT NULL CHECK (quantity >= 1),
    unit_price  INTEGER NOT NULL,
    line_total  INTEGER NOT NULL,
    line_no     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bill_id, service_id)
);
CREATE INDEX ix_bill_items_service ON bill_items (service_id);

CREATE TABLE payments (
    payment_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    bill_id     INTEGER NOT NULL REFERENCES billing (bill_id),
    paid_on     TEXT NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('cash', 'card', 'upi', 'insurance')),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    request_key TEXT,
    shift_id    INTEGER REFERENCES shifts (shift_id),
    received_by INTEGER REFERENCES users (user_id),
    receipt_no  INTEGER REFERENCES receipts (receipt_no),
    reference   TEXT NOT NULL DEFAULT '',
    tendered    INTEGER,
    paid_at     TEXT
);
CREATE INDEX ix_payments_bill ON payments (bill_id);
CREATE INDEX ix_payments_paid_on ON payments (paid_on);
CREATE UNIQUE INDEX uq_payments_request_key ON payments (request_key);
CREATE INDEX ix_payments_shift ON payments (shift_id);
CREATE INDEX ix_payments_received_by ON payments (received_by);
CREATE UNIQUE INDEX uq_payments_receipt ON payments (receipt_no);

-- One row per table whose new records are checked against the old ones before they are written
-- (imports, registrations): locked for the check and the write, so two terminals take turns.
CREATE TABLE write_locks (name TEXT PRIMARY KEY);
INSERT INTO write_locks (name) VALUES ('patients'), ('doctors'), ('services'), ('users');

-- Staff accounts, never deleted (the audit trail names them); deactivated instead.
CREATE TABLE users (
    user_id        INTEGER PRIMARY KEY AUTOINCREMENT,
    login          TEXT NOT NULL,
    full_name      TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    doctor_id      INTEGER REFERENCES doctors (doctor_id),
    created_at     TEXT NOT NULL,
    last_login     TEXT
);
CREATE UNIQUE INDEX uq_users_login ON users (login);
CREATE INDEX ix_users_doctor ON users (doctor_id);

CREATE TABLE user_roles (
    user_id  INTEGER NOT NULL REFERENCES users (user_id),
    role     TEXT NOT NULL CHECK (role IN ('administrator', 'front_desk', 'cashier', 'doctor', 'manager', 'scheduler')),
    PRIMARY KEY (user_id, role)
);

-- Who did what, when, at which terminal; append-only (the triggers refuse UPDATE and DELETE).
CREATE TABLE audit (
    audit_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    happened_at  TEXT NOT NULL,
    user_id      INTEGER REFERENCES users (user_id),
    login        TEXT NOT NULL,
    host         TEXT NOT NULL,
    process      TEXT NOT NULL,
    operation    TEXT NOT NULL,
    record       TEXT NOT NULL,
    summary      TEXT NOT NULL,
    changes      TEXT NOT NULL
);
CREATE INDEX ix_audit_happened ON audit (happened_at);
CREATE INDEX ix_audit_login ON audit (login, happened_at);
CREATE INDEX ix_audit_record ON audit (record, happened_at);
CREATE INDEX ix_audit_operation ON audit (operation, happened_at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TABLE shifts (
    shift_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users (user_id),
    opened_at      TEXT NOT NULL,
    opening_float  INTEGER NOT NULL CHECK (opening_float >= 0),
    closed_at      TEXT,
    open_user_id   INTEGER GENERATED ALWAYS AS (CASE WHEN closed_at IS NULL THEN user_id END) VIRTUAL,
    CHECK (closed_at IS NULL OR closed_at >= opened_at)
);
CREATE UNIQUE INDEX uq_shifts_open_user ON shifts (open_user_id);
CREATE INDEX ix_shifts_user ON shifts (user_id);
CREATE INDEX ix_shifts_opened ON shifts (opened_at);

CREATE TABLE shift_counts (
    shift_id  INTEGER NOT NULL REFERENCES shifts (shift_id),
    method    TEXT NOT NULL CHECK (method IN ('cash', 'card', 'upi', 'insurance')),
    expected  INTEGER NOT NULL,
    counted   INTEGER NOT NULL CHECK (counted >= 0),
    PRIMARY KEY (shift_id, method)
);

-- Every movement of money has a receipt, numbered without gaps from the 'receipt' counter.
CREATE TABLE receipts (
    receipt_no   INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('payment', 'deposit', 'applied', 'refund')),
    issued_at    TEXT NOT NULL,
    balance_after INTEGER,
    print_count  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE credit_notes (
    credit_id    INTEGER PRIMARY KEY,
    bill_id      INTEGER NOT NULL REFERENCES billing (bill_id),
    issued_on    TEXT NOT NULL,
    issued_at    TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount > 0),
    whole_bill   INTEGER NOT NULL CHECK (whole_bill IN (0, 1)),
    reason       TEXT NOT NULL,
    issued_by    INTEGER REFERENCES users (user_id),
    approved_by  INTEGER REFERENCES users (user_id),
    print_count  INTEGER NOT NULL DEFAULT 0,
    request_key  TEXT
);
CREATE INDEX ix_credit_notes_bill ON credit_notes (bill_id);
CREATE INDEX ix_credit_notes_issued ON credit_notes (issued_on);
CREATE UNIQUE INDEX uq_credit_notes_request_key ON credit_notes (request_key);

CREATE TABLE credit_note_items (
    credit_id   INTEGER NOT NULL REFERENCES credit_notes (credit_id),
    service_id  INTEGER NOT NULL REFERENCES services (service_id),
    quantity    INTEGER NOT NULL CHECK (quantity >= 1),
    amount      INTEGER NOT NULL,
    PRIMARY KEY (credit_id, service_id)
);
CREATE INDEX ix_credit_note_items_service ON credit_note_items (service_id);

CREATE TABLE deposits (
    deposit_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id   INTEGER NOT NULL REFERENCES patients (patient_id),
    receipt_no   INTEGER NOT NULL REFERENCES receipts (receipt_no),
    received_on  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('cash', 'card', 'upi', 'insurance')),
    amount       INTEGER NOT NULL CHECK (amount > 0),
    reference    TEXT NOT NULL DEFAULT '',
    tendered     INTEGER,
    shift_id     INTEGER REFERENCES shifts (shift_id),
    received_by  INTEGER REFERENCES users (user_id),
    request_key  TEXT
);
CREATE INDEX ix_deposits_patient ON deposits (patient_id);
CREATE INDEX ix_deposits_received ON deposits (received_on);
CREATE INDEX ix_deposits_shift ON deposits (shift_id);
CREATE UNIQUE INDEX uq_deposits_receipt ON deposits (receipt_no);
CREATE UNIQUE INDEX uq_deposits_request_key ON deposits (request_key);

CREATE TABLE deposit_uses (
    use_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id   INTEGER NOT NULL REFERENCES patients (patient_id),
    bill_id      INTEGER NOT NULL REFERENCES billing (bill_id),
    receipt_no   INTEGER NOT NULL REFERENCES receipts (receipt_no),
    used_on      TEXT NOT NULL,
    used_at      TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount > 0),
    used_by      INTEGER REFERENCES users (user_id),
    request_key  TEXT
);
CREATE INDEX ix_deposit_uses_patient ON deposit_uses (patient_id);
CREATE INDEX ix_deposit_uses_bill ON deposit_uses (bill_id);
CREATE UNIQUE INDEX uq_deposit_uses_receipt ON deposit_uses (receipt_no);
CREATE UNIQUE INDEX uq_deposit_uses_request_key ON deposit_uses (request_key);

CREATE TABLE refunds (
    refund_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id   INTEGER NOT NULL REFERENCES patients (patient_id),
    bill_id      INTEGER REFERENCES billing (bill_id),
    credit_id    INTEGER REFERENCES credit_notes (credit_id),
    receipt_no   INTEGER NOT NULL REFERENCES receipts (receipt_no),
    refunded_on  TEXT NOT NULL,
    refunded_at  TEXT NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('cash', 'card', 'upi', 'insurance')),
    amount       INTEGER NOT NULL CHECK (amount > 0),
    reference    TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL,
    shift_id     INTEGER REFERENCES shifts (shift_id),
    refunded_by  INTEGER REFERENCES users (user_id),
    approved_by  INTEGER REFERENCES users (user_id),
    request_key  TEXT
);
CREATE INDEX ix_refunds_patient ON refunds (patient_id);
CREATE INDEX ix_refunds_bill ON refunds (bill_id);
CREATE INDEX ix_refunds_credit ON refunds (credit_id);
CREATE INDEX ix_refunds_refunded ON refunds (refunded_on);
CREATE INDEX ix_refunds_shift ON refunds (shift_id);
CREATE UNIQUE INDEX uq_refunds_receipt ON refunds (receipt_no);
CREATE UNIQUE INDEX uq_refunds_request_key ON refunds (request_key);

CREATE TABLE api_tokens (
    token_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash  TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users (user_id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT,
    client      TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX uq_api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);

-- The clinical record of a visit (domain/visit.py): the doctor's notes and the vitals, one row per
-- appointment; readings with a decimal place are kept in hundredths, as money is.
CREATE TABLE visits (
    appt_id       INTEGER PRIMARY KEY REFERENCES appointments (appt_id),
    notes         TEXT NOT NULL DEFAULT '',
    weight_kg     INTEGER CHECK (weight_kg BETWEEN 30 AND 35000),
    height_cm     INTEGER CHECK (height_cm BETWEEN 2000 AND 25000),
    bp_systolic   INTEGER CHECK (bp_systolic BETWEEN 50 AND 300),
    bp_diastolic  INTEGER CHECK (bp_diastolic BETWEEN 20 AND 200),
    pulse         INTEGER CHECK (pulse BETWEEN 20 AND 250),
    temperature_c INTEGER CHECK (temperature_c BETWEEN 3000 AND 4500),
    haemoglobin   INTEGER CHECK (haemoglobin BETWEEN 200 AND 2500),
    pregnant      INTEGER CHECK (pregnant IN (0, 1)),
    recorded_by   INTEGER REFERENCES users (user_id),
    recorded_at   TEXT NOT NULL,
    -- how often its prescription was printed: a reprint is stamped DUPLICATE
    prescription_prints INTEGER NOT NULL DEFAULT 0
);

-- The medicines prescribed at a visit, in the order written.
CREATE TABLE prescriptions (
    appt_id      INTEGER NOT NULL REFERENCES appointments (appt_id),
    line_no      INTEGER NOT NULL,
    medicine     TEXT NOT NULL,
    dosage       TEXT NOT NULL,
    frequency    TEXT NOT NULL,
    days         INTEGER NOT NULL CHECK (days BETWEEN 1 AND 365),
    instructions TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (appt_id, line_no)
);

-- Services performed at a visit; bill_id is the bill they went on (a void bill frees them again).
CREATE TABLE treatments (
    treatment_id INTEGER PRIMARY KEY AUTOINCREMENT,
    appt_id      INTEGER NOT NULL REFERENCES appointments (appt_id),
    service_id   INTEGER NOT NULL REFERENCES services (service_id),
    quantity     INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    note         TEXT NOT NULL DEFAULT '',
    bill_id      INTEGER REFERENCES billing (bill_id),
    recorded_at  TEXT NOT NULL,
    request_key  TEXT
);
CREATE INDEX ix_treatments_appointment ON treatments (appt_id);
CREATE INDEX ix_treatments_bill ON treatments (bill_id);
CREATE UNIQUE INDEX uq_treatments_request_key ON treatments (request_key);

-- The laboratory's test types, each with its reference range (in hundredths, as money is).
CREATE TABLE lab_tests (
    test_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    test_key    TEXT NOT NULL,
    unit        TEXT NOT NULL DEFAULT '',
    low         INTEGER,
    high        INTEGER,
    -- where women's normal values differ: theirs (low and high are then everyone else's)
    women_low   INTEGER,
    women_high  INTEGER,
    CHECK (low IS NOT NULL OR high IS NOT NULL)
);
CREATE UNIQUE INDEX uq_lab_tests_key ON lab_tests (test_key);

-- Tests ordered at a visit; the result, its day and its flag against the range of that day.
CREATE TABLE lab_orders (
    order_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    appt_id     INTEGER NOT NULL REFERENCES appointments (appt_id),
    test_id     INTEGER NOT NULL REFERENCES lab_tests (test_id),
    ordered_at  TEXT NOT NULL,
    result      INTEGER,
    result_on   TEXT,
    flag        TEXT CHECK (flag IN ('low', 'normal', 'high')),
    CHECK ((result IS NULL) = (result_on IS NULL) AND (result IS NULL) = (flag IS NULL))
);
CREATE INDEX ix_lab_orders_appointment ON lab_orders (appt_id);
CREATE INDEX ix_lab_orders_reported ON lab_orders (result_on, test_id);

-- Daily summaries (storage/summaries.py says what each figure sums): the triggers below keep them
-- exact in the transaction of every change, so a report over a year reads days, not visits.
CREATE TABLE summary_day (
    day              TEXT PRIMARY KEY,
    registered       INTEGER NOT NULL DEFAULT 0,
    admitted         INTEGER NOT NULL DEFAULT 0,
    visits_open      INTEGER NOT NULL DEFAULT 0,
    visits_completed INTEGER NOT NULL DEFAULT 0,
    visits_cancelled INTEGER NOT NULL DEFAULT 0,
    visits_no_show   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE summary_doctor_day (
    day              TEXT NOT NULL,
    doctor_id        INTEGER NOT NULL,
    visits_open      INTEGER NOT NULL DEFAULT 0,
    visits_completed INTEGER NOT NULL DEFAULT 0,
    visits_cancelled INTEGER NOT NULL DEFAULT 0,
    visits_no_show   INTEGER NOT NULL DEFAULT 0,
    -- what the live bills of the day's completed visits hold
    completed_billed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, doctor_id)
);

CREATE TABLE summary_service_day (
    day         TEXT NOT NULL,
    service_id  INTEGER NOT NULL,
    quantity    INTEGER NOT NULL DEFAULT 0,
    revenue     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, service_id)
);

-- The live (not void) bills of each billing day, with what was credited, received and refunded on them.
CREATE TABLE summary_bill_day (
    day       TEXT PRIMARY KEY,
    bills     INTEGER NOT NULL DEFAULT 0,
    billed    INTEGER NOT NULL DEFAULT 0,
    credited  INTEGER NOT NULL DEFAULT 0,
    received  INTEGER NOT NULL DEFAULT 0,
    refunded  INTEGER NOT NULL DEFAULT 0
);

-- Money that came in (payments and deposits) and went out (refunds) per day and method.
CREATE TABLE summary_method_day (
    day          TEXT NOT NULL,
    method       TEXT NOT NULL,
    receipts_in  INTEGER NOT NULL DEFAULT 0,
    amount_in    INTEGER NOT NULL DEFAULT 0,
    refunds_out  INTEGER NOT NULL DEFAULT 0,
    amount_out   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, method)
);

-- The doctors' and the services' days added up by month (month_start: its first day) and the
-- doctors' by year (year_start: 1 January), kept by the same triggers: a report over whole
-- months or years reads these; the indexes hold one month's or year's doctors in the order of
-- the most consulted (top-doctors) and of doctor-monthly's count of appointments held.
CREATE TABLE summary_doctor_month (
    month_start      TEXT NOT NULL,
    doctor_id        INTEGER NOT NULL,
    visits_open      INTEGER NOT NULL DEFAULT 0,
    visits_completed INTEGER NOT NULL DEFAULT 0,
    visits_cancelled INTEGER NOT NULL DEFAULT 0,
    visits_no_show   INTEGER NOT NULL DEFAULT 0,
    completed_billed INTEGER NOT NULL DEFAULT 0,
    -- booked, waiting or completed: what doctor-monthly counts
    visits_held      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month_start, doctor_id)
);
CREATE INDEX ix_summary_doctor_month_top ON summary_doctor_month (month_start, visits_completed DESC, completed_billed DESC, doctor_id);
CREATE INDEX ix_summary_doctor_month_held ON summary_doctor_month (month_start, visits_held DESC, doctor_id);

CREATE TABLE summary_doctor_year (
    year_start       TEXT NOT NULL,
    doctor_id        INTEGER NOT NULL,
    visits_open      INTEGER NOT NULL DEFAULT 0,
    visits_completed INTEGER NOT NULL DEFAULT 0,
    visits_cancelled INTEGER NOT NULL DEFAULT 0,
    visits_no_show   INTEGER NOT NULL DEFAULT 0,
    completed_billed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year_start, doctor_id)
);
CREATE INDEX ix_summary_doctor_year_top ON summary_doctor_year (year_start, visits_completed DESC, completed_billed DESC, doctor_id);

CREATE TABLE summary_service_month (
    month_start TEXT NOT NULL,
    service_id  INTEGER NOT NULL,
    quantity    INTEGER NOT NULL DEFAULT 0,
    revenue     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month_start, service_id)
);

-- Completed visits per patient and month (only completed visits add a row): the patients seen
-- and those who came more than once, counted off the index.
CREATE TABLE summary_patient_month (
    month_start      TEXT NOT NULL,
    patient_id       INTEGER NOT NULL,
    visits_completed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month_start, patient_id)
);
CREATE INDEX ix_summary_patient_month_visits ON summary_patient_month (month_start, visits_completed DESC, patient_id);

-- Completed visits per patient and year (only completed visits add a row): the patients seen
-- and those who came more than once, counted off the index.
CREATE TABLE summary_patient_year (
    year_start       TEXT NOT NULL,
    patient_id       INTEGER NOT NULL,
    visits_completed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year_start, patient_id)
);
CREATE INDEX ix_summary_patient_year_visits ON summary_patient_year (year_start, visits_completed DESC, patient_id);

-- BEGIN summary triggers: written by storage/summaries.py, do not edit by hand
CREATE TRIGGER sum_patients_insert AFTER INSERT ON patients BEGIN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT NEW.registered_on AS k0, (1) AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5) WHERE true
    ON CONFLICT (day) DO UPDATE SET registered = registered + excluded.registered, admitted = admitted + excluded.admitted, visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show;
END;
CREATE TRIGGER sum_patients_update AFTER UPDATE OF registered_on ON patients BEGIN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.registered_on AS k0, -(1) AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 WHERE (OLD.registered_on IS NOT NEW.registered_on) UNION ALL SELECT NEW.registered_on AS k0, (1) AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 WHERE (OLD.registered_on IS NOT NEW.registered_on)) WHERE true
    ON CONFLICT (day) DO UPDATE SET registered = registered + excluded.registered, admitted = admitted + excluded.admitted, visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show;
END;
CREATE TRIGGER sum_patients_delete AFTER DELETE ON patients BEGIN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.registered_on AS k0, -(1) AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5) WHERE true
    ON CONFLICT (day) DO UPDATE SET registered = registered + excluded.registered, admitted = admitted + excluded.admitted, visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show;
END;
CREATE TRIGGER sum_admissions_insert AFTER INSERT ON admissions BEGIN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT NEW.admitted_on AS k0, 0 AS m0, (1) AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5) WHERE true
    ON CONFLICT (day) DO UPDATE SET registered = registered + excluded.registered, admitted = admitted + excluded.admitted, visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show;
END;
CREATE TRIGGER sum_admissions_update AFTER UPDATE OF admitted_on ON admissions BEGIN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.admitted_on AS k0, 0 AS m0, -(1) AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 WHERE (OLD.admitted_on IS NOT NEW.admitted_on) UNION ALL SELECT NEW.admitted_on AS k0, 0 AS m0, (1) AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 WHERE (OLD.admitted_on IS NOT NEW.admitted_on)) WHERE true
    ON CONFLICT (day) DO UPDATE SET registered = registered + excluded.registered, admitted = admitted + excluded.admitted, visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show;
END;
CREATE TRIGGER sum_admissions_delete AFTER DELETE ON admissions BEGIN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.admitted_on AS k0, 0 AS m0, -(1) AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5) WHERE true
    ON CONFLICT (day) DO UPDATE SET registered = registered + excluded.registered, admitted = admitted + excluded.admitted, visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show;
END;
CREATE TRIGGER sum_appointments_insert AFTER INSERT ON appointments BEGIN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT NEW.appt_date AS k0, 0 AS m0, 0 AS m1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m3, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m4, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m5) WHERE true
    ON CONFLICT (day) DO UPDATE SET registered = registered + excluded.registered, admitted = admitted + excluded.admitted, visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show;
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT NEW.appt_date AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 UNION ALL SELECT NEW.appt_date AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void') WHERE true
    ON CONFLICT (day, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT date(NEW.appt_date, 'start of month') AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') OR NEW.status = 'completed' THEN 1 ELSE 0 END) AS m5 UNION ALL SELECT date(NEW.appt_date, 'start of month') AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4, 0 AS m5 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void') WHERE true
    ON CONFLICT (month_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed, visits_held = visits_held + excluded.visits_held;
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT date(NEW.appt_date, 'start of year') AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 UNION ALL SELECT date(NEW.appt_date, 'start of year') AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void') WHERE true
    ON CONFLICT (year_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_patient_month (month_start, patient_id, visits_completed)
    SELECT * FROM (SELECT date(NEW.appt_date, 'start of month') AS k0, NEW.patient_id AS k1, (1) AS m0 WHERE NEW.status = 'completed') WHERE true
    ON CONFLICT (month_start, patient_id) DO UPDATE SET visits_completed = visits_completed + excluded.visits_completed;
    INSERT INTO summary_patient_year (year_start, patient_id, visits_completed)
    SELECT * FROM (SELECT date(NEW.appt_date, 'start of year') AS k0, NEW.patient_id AS k1, (1) AS m0 WHERE NEW.status = 'completed') WHERE true
    ON CONFLICT (year_start, patient_id) DO UPDATE SET visits_completed = visits_completed + excluded.visits_completed;
END;
CREATE TRIGGER sum_appointments_update AFTER UPDATE OF appt_date, appt_id, doctor_id, patient_id, status ON appointments BEGIN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.appt_date AS k0, 0 AS m0, 0 AS m1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m3, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m4, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m5 WHERE (OLD.appt_date IS NOT NEW.appt_date OR OLD.status IS NOT NEW.status) UNION ALL SELECT NEW.appt_date AS k0, 0 AS m0, 0 AS m1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m3, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m4, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m5 WHERE (OLD.appt_date IS NOT NEW.appt_date OR OLD.status IS NOT NEW.status)) WHERE true
    ON CONFLICT (day) DO UPDATE SET registered = registered + excluded.registered, admitted = admitted + excluded.admitted, visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show;
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT OLD.appt_date AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 WHERE (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT NEW.appt_date AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 WHERE (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT OLD.appt_date AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void' AND (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT NEW.appt_date AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void' AND (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status)) WHERE true
    ON CONFLICT (day, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT date(OLD.appt_date, 'start of month') AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') OR OLD.status = 'completed' THEN 1 ELSE 0 END) AS m5 WHERE (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT date(NEW.appt_date, 'start of month') AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') OR NEW.status = 'completed' THEN 1 ELSE 0 END) AS m5 WHERE (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT date(OLD.appt_date, 'start of month') AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4, 0 AS m5 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void' AND (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT date(NEW.appt_date, 'start of month') AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4, 0 AS m5 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void' AND (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status)) WHERE true
    ON CONFLICT (month_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed, visits_held = visits_held + excluded.visits_held;
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT date(OLD.appt_date, 'start of year') AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 WHERE (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT date(NEW.appt_date, 'start of year') AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 WHERE (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT date(OLD.appt_date, 'start of year') AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void' AND (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT date(NEW.appt_date, 'start of year') AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void' AND (OLD.appt_date IS NOT NEW.appt_date OR OLD.appt_id IS NOT NEW.appt_id OR OLD.doctor_id IS NOT NEW.doctor_id OR OLD.status IS NOT NEW.status)) WHERE true
    ON CONFLICT (year_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_patient_month (month_start, patient_id, visits_completed)
    SELECT * FROM (SELECT date(OLD.appt_date, 'start of month') AS k0, OLD.patient_id AS k1, -(1) AS m0 WHERE OLD.status = 'completed' AND (OLD.appt_date IS NOT NEW.appt_date OR OLD.patient_id IS NOT NEW.patient_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT date(NEW.appt_date, 'start of month') AS k0, NEW.patient_id AS k1, (1) AS m0 WHERE NEW.status = 'completed' AND (OLD.appt_date IS NOT NEW.appt_date OR OLD.patient_id IS NOT NEW.patient_id OR OLD.status IS NOT NEW.status)) WHERE true
    ON CONFLICT (month_start, patient_id) DO UPDATE SET visits_completed = visits_completed + excluded.visits_completed;
    INSERT INTO summary_patient_year (year_start, patient_id, visits_completed)
    SELECT * FROM (SELECT date(OLD.appt_date, 'start of year') AS k0, OLD.patient_id AS k1, -(1) AS m0 WHERE OLD.status = 'completed' AND (OLD.appt_date IS NOT NEW.appt_date OR OLD.patient_id IS NOT NEW.patient_id OR OLD.status IS NOT NEW.status) UNION ALL SELECT date(NEW.appt_date, 'start of year') AS k0, NEW.patient_id AS k1, (1) AS m0 WHERE NEW.status = 'completed' AND (OLD.appt_date IS NOT NEW.appt_date OR OLD.patient_id IS NOT NEW.patient_id OR OLD.status IS NOT NEW.status)) WHERE true
    ON CONFLICT (year_start, patient_id) DO UPDATE SET visits_completed = visits_completed + excluded.visits_completed;
END;
CREATE TRIGGER sum_appointments_delete AFTER DELETE ON appointments BEGIN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.appt_date AS k0, 0 AS m0, 0 AS m1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m3, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m4, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m5) WHERE true
    ON CONFLICT (day) DO UPDATE SET registered = registered + excluded.registered, admitted = admitted + excluded.admitted, visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show;
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT OLD.appt_date AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 UNION ALL SELECT OLD.appt_date AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void') WHERE true
    ON CONFLICT (day, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT date(OLD.appt_date, 'start of month') AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') OR OLD.status = 'completed' THEN 1 ELSE 0 END) AS m5 UNION ALL SELECT date(OLD.appt_date, 'start of month') AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4, 0 AS m5 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void') WHERE true
    ON CONFLICT (month_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed, visits_held = visits_held + excluded.visits_held;
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT date(OLD.appt_date, 'start of year') AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 UNION ALL SELECT date(OLD.appt_date, 'start of year') AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void') WHERE true
    ON CONFLICT (year_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_patient_month (month_start, patient_id, visits_completed)
    SELECT * FROM (SELECT date(OLD.appt_date, 'start of month') AS k0, OLD.patient_id AS k1, -(1) AS m0 WHERE OLD.status = 'completed') WHERE true
    ON CONFLICT (month_start, patient_id) DO UPDATE SET visits_completed = visits_completed + excluded.visits_completed;
    INSERT INTO summary_patient_year (year_start, patient_id, visits_completed)
    SELECT * FROM (SELECT date(OLD.appt_date, 'start of year') AS k0, OLD.patient_id AS k1, -(1) AS m0 WHERE OLD.status = 'completed') WHERE true
    ON CONFLICT (year_start, patient_id) DO UPDATE SET visits_completed = visits_completed + excluded.visits_completed;
END;
CREATE TRIGGER sum_billing_insert AFTER INSERT ON billing BEGIN
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT a.appt_date AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void') WHERE true
    ON CONFLICT (day, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT NEW.billing_date AS k0, i.service_id AS k1, (i.quantity) AS m0, (i.line_total) AS m1 FROM bill_items i WHERE NEW.bill_id = i.bill_id AND NEW.status <> 'void') WHERE true
    ON CONFLICT (day, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT NEW.billing_date AS k0, (1) AS m0, (NEW.total_amount) AS m1, 0 AS m2, 0 AS m3, 0 AS m4 WHERE NEW.status <> 'void' UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, (c.amount) AS m2, 0 AS m3, 0 AS m4 FROM credit_notes c WHERE NEW.bill_id = c.bill_id AND NEW.status <> 'void' UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (y.amount) AS m3, 0 AS m4 FROM payments y WHERE NEW.bill_id = y.bill_id AND NEW.status <> 'void' UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (u.amount) AS m3, 0 AS m4 FROM deposit_uses u WHERE NEW.bill_id = u.bill_id AND NEW.status <> 'void' UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (r.amount) AS m4 FROM refunds r WHERE NEW.bill_id = r.bill_id AND NEW.status <> 'void') WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT date(a.appt_date, 'start of month') AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4, 0 AS m5 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void') WHERE true
    ON CONFLICT (month_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed, visits_held = visits_held + excluded.visits_held;
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT date(a.appt_date, 'start of year') AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void') WHERE true
    ON CONFLICT (year_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT date(NEW.billing_date, 'start of month') AS k0, i.service_id AS k1, (i.quantity) AS m0, (i.line_total) AS m1 FROM bill_items i WHERE NEW.bill_id = i.bill_id AND NEW.status <> 'void') WHERE true
    ON CONFLICT (month_start, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
END;
CREATE TRIGGER sum_billing_update AFTER UPDATE OF appt_id, bill_id, billing_date, status, total_amount ON billing BEGIN
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT a.appt_date AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void' AND (OLD.appt_id IS NOT NEW.appt_id OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT a.appt_date AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void' AND (OLD.appt_id IS NOT NEW.appt_id OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount)) WHERE true
    ON CONFLICT (day, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT OLD.billing_date AS k0, i.service_id AS k1, -(i.quantity) AS m0, -(i.line_total) AS m1 FROM bill_items i WHERE OLD.bill_id = i.bill_id AND OLD.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status) UNION ALL SELECT NEW.billing_date AS k0, i.service_id AS k1, (i.quantity) AS m0, (i.line_total) AS m1 FROM bill_items i WHERE NEW.bill_id = i.bill_id AND NEW.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status)) WHERE true
    ON CONFLICT (day, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT OLD.billing_date AS k0, -(1) AS m0, -(OLD.total_amount) AS m1, 0 AS m2, 0 AS m3, 0 AS m4 WHERE OLD.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT NEW.billing_date AS k0, (1) AS m0, (NEW.total_amount) AS m1, 0 AS m2, 0 AS m3, 0 AS m4 WHERE NEW.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, -(c.amount) AS m2, 0 AS m3, 0 AS m4 FROM credit_notes c WHERE OLD.bill_id = c.bill_id AND OLD.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, (c.amount) AS m2, 0 AS m3, 0 AS m4 FROM credit_notes c WHERE NEW.bill_id = c.bill_id AND NEW.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(y.amount) AS m3, 0 AS m4 FROM payments y WHERE OLD.bill_id = y.bill_id AND OLD.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (y.amount) AS m3, 0 AS m4 FROM payments y WHERE NEW.bill_id = y.bill_id AND NEW.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(u.amount) AS m3, 0 AS m4 FROM deposit_uses u WHERE OLD.bill_id = u.bill_id AND OLD.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (u.amount) AS m3, 0 AS m4 FROM deposit_uses u WHERE NEW.bill_id = u.bill_id AND NEW.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(r.amount) AS m4 FROM refunds r WHERE OLD.bill_id = r.bill_id AND OLD.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (r.amount) AS m4 FROM refunds r WHERE NEW.bill_id = r.bill_id AND NEW.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount)) WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT date(a.appt_date, 'start of month') AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4, 0 AS m5 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void' AND (OLD.appt_id IS NOT NEW.appt_id OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT date(a.appt_date, 'start of month') AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4, 0 AS m5 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void' AND (OLD.appt_id IS NOT NEW.appt_id OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount)) WHERE true
    ON CONFLICT (month_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed, visits_held = visits_held + excluded.visits_held;
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT date(a.appt_date, 'start of year') AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void' AND (OLD.appt_id IS NOT NEW.appt_id OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount) UNION ALL SELECT date(a.appt_date, 'start of year') AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void' AND (OLD.appt_id IS NOT NEW.appt_id OR OLD.status IS NOT NEW.status OR OLD.total_amount IS NOT NEW.total_amount)) WHERE true
    ON CONFLICT (year_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT date(OLD.billing_date, 'start of month') AS k0, i.service_id AS k1, -(i.quantity) AS m0, -(i.line_total) AS m1 FROM bill_items i WHERE OLD.bill_id = i.bill_id AND OLD.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status) UNION ALL SELECT date(NEW.billing_date, 'start of month') AS k0, i.service_id AS k1, (i.quantity) AS m0, (i.line_total) AS m1 FROM bill_items i WHERE NEW.bill_id = i.bill_id AND NEW.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.billing_date IS NOT NEW.billing_date OR OLD.status IS NOT NEW.status)) WHERE true
    ON CONFLICT (month_start, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
END;
CREATE TRIGGER sum_billing_delete AFTER DELETE ON billing BEGIN
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT a.appt_date AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void') WHERE true
    ON CONFLICT (day, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT OLD.billing_date AS k0, i.service_id AS k1, -(i.quantity) AS m0, -(i.line_total) AS m1 FROM bill_items i WHERE OLD.bill_id = i.bill_id AND OLD.status <> 'void') WHERE true
    ON CONFLICT (day, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT OLD.billing_date AS k0, -(1) AS m0, -(OLD.total_amount) AS m1, 0 AS m2, 0 AS m3, 0 AS m4 WHERE OLD.status <> 'void' UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, -(c.amount) AS m2, 0 AS m3, 0 AS m4 FROM credit_notes c WHERE OLD.bill_id = c.bill_id AND OLD.status <> 'void' UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(y.amount) AS m3, 0 AS m4 FROM payments y WHERE OLD.bill_id = y.bill_id AND OLD.status <> 'void' UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(u.amount) AS m3, 0 AS m4 FROM deposit_uses u WHERE OLD.bill_id = u.bill_id AND OLD.status <> 'void' UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(r.amount) AS m4 FROM refunds r WHERE OLD.bill_id = r.bill_id AND OLD.status <> 'void') WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT date(a.appt_date, 'start of month') AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4, 0 AS m5 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void') WHERE true
    ON CONFLICT (month_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed, visits_held = visits_held + excluded.visits_held;
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT date(a.appt_date, 'start of year') AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void') WHERE true
    ON CONFLICT (year_start, doctor_id) DO UPDATE SET visits_open = visits_open + excluded.visits_open, visits_completed = visits_completed + excluded.visits_completed, visits_cancelled = visits_cancelled + excluded.visits_cancelled, visits_no_show = visits_no_show + excluded.visits_no_show, completed_billed = completed_billed + excluded.completed_billed;
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT date(OLD.billing_date, 'start of month') AS k0, i.service_id AS k1, -(i.quantity) AS m0, -(i.line_total) AS m1 FROM bill_items i WHERE OLD.bill_id = i.bill_id AND OLD.status <> 'void') WHERE true
    ON CONFLICT (month_start, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
END;
CREATE TRIGGER sum_bill_items_insert AFTER INSERT ON bill_items BEGIN
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT b.billing_date AS k0, NEW.service_id AS k1, (NEW.quantity) AS m0, (NEW.line_total) AS m1 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (day, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT date(b.billing_date, 'start of month') AS k0, NEW.service_id AS k1, (NEW.quantity) AS m0, (NEW.line_total) AS m1 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (month_start, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
END;
CREATE TRIGGER sum_bill_items_update AFTER UPDATE OF bill_id, line_total, quantity, service_id ON bill_items BEGIN
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT b.billing_date AS k0, OLD.service_id AS k1, -(OLD.quantity) AS m0, -(OLD.line_total) AS m1 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.line_total IS NOT NEW.line_total OR OLD.quantity IS NOT NEW.quantity OR OLD.service_id IS NOT NEW.service_id) UNION ALL SELECT b.billing_date AS k0, NEW.service_id AS k1, (NEW.quantity) AS m0, (NEW.line_total) AS m1 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.line_total IS NOT NEW.line_total OR OLD.quantity IS NOT NEW.quantity OR OLD.service_id IS NOT NEW.service_id)) WHERE true
    ON CONFLICT (day, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT date(b.billing_date, 'start of month') AS k0, OLD.service_id AS k1, -(OLD.quantity) AS m0, -(OLD.line_total) AS m1 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.line_total IS NOT NEW.line_total OR OLD.quantity IS NOT NEW.quantity OR OLD.service_id IS NOT NEW.service_id) UNION ALL SELECT date(b.billing_date, 'start of month') AS k0, NEW.service_id AS k1, (NEW.quantity) AS m0, (NEW.line_total) AS m1 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (OLD.bill_id IS NOT NEW.bill_id OR OLD.line_total IS NOT NEW.line_total OR OLD.quantity IS NOT NEW.quantity OR OLD.service_id IS NOT NEW.service_id)) WHERE true
    ON CONFLICT (month_start, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
END;
CREATE TRIGGER sum_bill_items_delete AFTER DELETE ON bill_items BEGIN
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT b.billing_date AS k0, OLD.service_id AS k1, -(OLD.quantity) AS m0, -(OLD.line_total) AS m1 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (day, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT date(b.billing_date, 'start of month') AS k0, OLD.service_id AS k1, -(OLD.quantity) AS m0, -(OLD.line_total) AS m1 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (month_start, service_id) DO UPDATE SET quantity = quantity + excluded.quantity, revenue = revenue + excluded.revenue;
END;
CREATE TRIGGER sum_credit_notes_insert AFTER INSERT ON credit_notes BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, (NEW.amount) AS m2, 0 AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
END;
CREATE TRIGGER sum_credit_notes_update AFTER UPDATE OF amount, bill_id ON credit_notes BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, -(OLD.amount) AS m2, 0 AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (OLD.amount IS NOT NEW.amount OR OLD.bill_id IS NOT NEW.bill_id) UNION ALL SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, (NEW.amount) AS m2, 0 AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (OLD.amount IS NOT NEW.amount OR OLD.bill_id IS NOT NEW.bill_id)) WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
END;
CREATE TRIGGER sum_credit_notes_delete AFTER DELETE ON credit_notes BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, -(OLD.amount) AS m2, 0 AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
END;
CREATE TRIGGER sum_payments_insert AFTER INSERT ON payments BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (NEW.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT NEW.paid_on AS k0, NEW.method AS k1, (1) AS m0, (NEW.amount) AS m1, 0 AS m2, 0 AS m3) WHERE true
    ON CONFLICT (day, method) DO UPDATE SET receipts_in = receipts_in + excluded.receipts_in, amount_in = amount_in + excluded.amount_in, refunds_out = refunds_out + excluded.refunds_out, amount_out = amount_out + excluded.amount_out;
END;
CREATE TRIGGER sum_payments_update AFTER UPDATE OF amount, bill_id, method, paid_on ON payments BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(OLD.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (OLD.amount IS NOT NEW.amount OR OLD.bill_id IS NOT NEW.bill_id) UNION ALL SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (NEW.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (OLD.amount IS NOT NEW.amount OR OLD.bill_id IS NOT NEW.bill_id)) WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.paid_on AS k0, OLD.method AS k1, -(1) AS m0, -(OLD.amount) AS m1, 0 AS m2, 0 AS m3 WHERE (OLD.amount IS NOT NEW.amount OR OLD.method IS NOT NEW.method OR OLD.paid_on IS NOT NEW.paid_on) UNION ALL SELECT NEW.paid_on AS k0, NEW.method AS k1, (1) AS m0, (NEW.amount) AS m1, 0 AS m2, 0 AS m3 WHERE (OLD.amount IS NOT NEW.amount OR OLD.method IS NOT NEW.method OR OLD.paid_on IS NOT NEW.paid_on)) WHERE true
    ON CONFLICT (day, method) DO UPDATE SET receipts_in = receipts_in + excluded.receipts_in, amount_in = amount_in + excluded.amount_in, refunds_out = refunds_out + excluded.refunds_out, amount_out = amount_out + excluded.amount_out;
END;
CREATE TRIGGER sum_payments_delete AFTER DELETE ON payments BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(OLD.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.paid_on AS k0, OLD.method AS k1, -(1) AS m0, -(OLD.amount) AS m1, 0 AS m2, 0 AS m3) WHERE true
    ON CONFLICT (day, method) DO UPDATE SET receipts_in = receipts_in + excluded.receipts_in, amount_in = amount_in + excluded.amount_in, refunds_out = refunds_out + excluded.refunds_out, amount_out = amount_out + excluded.amount_out;
END;
CREATE TRIGGER sum_deposit_uses_insert AFTER INSERT ON deposit_uses BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (NEW.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
END;
CREATE TRIGGER sum_deposit_uses_update AFTER UPDATE OF amount, bill_id ON deposit_uses BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(OLD.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (OLD.amount IS NOT NEW.amount OR OLD.bill_id IS NOT NEW.bill_id) UNION ALL SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (NEW.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (OLD.amount IS NOT NEW.amount OR OLD.bill_id IS NOT NEW.bill_id)) WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
END;
CREATE TRIGGER sum_deposit_uses_delete AFTER DELETE ON deposit_uses BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(OLD.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
END;
CREATE TRIGGER sum_refunds_insert AFTER INSERT ON refunds BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.amount) AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT NEW.refunded_on AS k0, NEW.method AS k1, 0 AS m0, 0 AS m1, (1) AS m2, (NEW.amount) AS m3) WHERE true
    ON CONFLICT (day, method) DO UPDATE SET receipts_in = receipts_in + excluded.receipts_in, amount_in = amount_in + excluded.amount_in, refunds_out = refunds_out + excluded.refunds_out, amount_out = amount_out + excluded.amount_out;
END;
CREATE TRIGGER sum_refunds_update AFTER UPDATE OF amount, bill_id, method, refunded_on ON refunds BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.amount) AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (OLD.amount IS NOT NEW.amount OR OLD.bill_id IS NOT NEW.bill_id) UNION ALL SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.amount) AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (OLD.amount IS NOT NEW.amount OR OLD.bill_id IS NOT NEW.bill_id)) WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.refunded_on AS k0, OLD.method AS k1, 0 AS m0, 0 AS m1, -(1) AS m2, -(OLD.amount) AS m3 WHERE (OLD.amount IS NOT NEW.amount OR OLD.method IS NOT NEW.method OR OLD.refunded_on IS NOT NEW.refunded_on) UNION ALL SELECT NEW.refunded_on AS k0, NEW.method AS k1, 0 AS m0, 0 AS m1, (1) AS m2, (NEW.amount) AS m3 WHERE (OLD.amount IS NOT NEW.amount OR OLD.method IS NOT NEW.method OR OLD.refunded_on IS NOT NEW.refunded_on)) WHERE true
    ON CONFLICT (day, method) DO UPDATE SET receipts_in = receipts_in + excluded.receipts_in, amount_in = amount_in + excluded.amount_in, refunds_out = refunds_out + excluded.refunds_out, amount_out = amount_out + excluded.amount_out;
END;
CREATE TRIGGER sum_refunds_delete AFTER DELETE ON refunds BEGIN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.amount) AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') WHERE true
    ON CONFLICT (day) DO UPDATE SET bills = bills + excluded.bills, billed = billed + excluded.billed, credited = credited + excluded.credited, received = received + excluded.received, refunded = refunded + excluded.refunded;
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.refunded_on AS k0, OLD.method AS k1, 0 AS m0, 0 AS m1, -(1) AS m2, -(OLD.amount) AS m3) WHERE true
    ON CONFLICT (day, method) DO UPDATE SET receipts_in = receipts_in + excluded.receipts_in, amount_in = amount_in + excluded.amount_in, refunds_out = refunds_out + excluded.refunds_out, amount_out = amount_out + excluded.amount_out;
END;
CREATE TRIGGER sum_deposits_insert AFTER INSERT ON deposits BEGIN
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT NEW.received_on AS k0, NEW.method AS k1, (1) AS m0, (NEW.amount) AS m1, 0 AS m2, 0 AS m3) WHERE true
    ON CONFLICT (day, method) DO UPDATE SET receipts_in = receipts_in + excluded.receipts_in, amount_in = amount_in + excluded.amount_in, refunds_out = refunds_out + excluded.refunds_out, amount_out = amount_out + excluded.amount_out;
END;
CREATE TRIGGER sum_deposits_update AFTER UPDATE OF amount, method, received_on ON deposits BEGIN
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.received_on AS k0, OLD.method AS k1, -(1) AS m0, -(OLD.amount) AS m1, 0 AS m2, 0 AS m3 WHERE (OLD.amount IS NOT NEW.amount OR OLD.method IS NOT NEW.method OR OLD.received_on IS NOT NEW.received_on) UNION ALL SELECT NEW.received_on AS k0, NEW.method AS k1, (1) AS m0, (NEW.amount) AS m1, 0 AS m2, 0 AS m3 WHERE (OLD.amount IS NOT NEW.amount OR OLD.method IS NOT NEW.method OR OLD.received_on IS NOT NEW.received_on)) WHERE true
    ON CONFLICT (day, method) DO UPDATE SET receipts_in = receipts_in + excluded.receipts_in, amount_in = amount_in + excluded.amount_in, refunds_out = refunds_out + excluded.refunds_out, amount_out = amount_out + excluded.amount_out;
END;
CREATE TRIGGER sum_deposits_delete AFTER DELETE ON deposits BEGIN
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.received_on AS k0, OLD.method AS k1, -(1) AS m0, -(OLD.amount) AS m1, 0 AS m2, 0 AS m3) WHERE true
    ON CONFLICT (day, method) DO UPDATE SET receipts_in = receipts_in + excluded.receipts_in, amount_in = amount_in + excluded.amount_in, refunds_out = refunds_out + excluded.refunds_out, amount_out = amount_out + excluded.amount_out;
END;
-- END summary triggers

CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, title TEXT NOT NULL, applied_on TEXT NOT NULL);
INSERT INTO schema_migrations (version, title, applied_on)
    VALUES (12, 'created at version 12', datetime('now'));
