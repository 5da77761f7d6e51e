-- hospital_mgmt schema for SQLite, the twin of schema.sql (same tables, same columns).
-- Money columns hold whole cents (paise) as INTEGER: SQLite has no exact decimal type,
-- and integer sums stay exact. The DB layer turns them into Decimal with two places.
-- Dates are ISO text (YYYY-MM-DD), times HH:MM text; both sort correctly as text.
-- This is schema version 7 (see storage/migrations.py; a test holds a migrated database equal to it).

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

CREATE TABLE doctors (
    doctor_id        INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL,
    specialization   TEXT NOT NULL,
    contact_no       TEXT NOT NULL,
    consultation_fee INTEGER NOT NULL CHECK (consultation_fee > 0)
);
CREATE INDEX ix_doctors_name_key ON doctors (name_key);
CREATE INDEX ix_doctors_specialization ON doctors (specialization);

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

CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, title TEXT NOT NULL, applied_on TEXT NOT NULL);
INSERT INTO schema_migrations (version, title, applied_on)
    VALUES (7, 'created at version 7', datetime('now'));
