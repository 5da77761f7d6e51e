-- hospital_mgmt schema for MySQL 8 / MariaDB 10.6+.
-- A DBA creates the database and sources this file inside it:
--   CREATE DATABASE hospital CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
--   USE hospital;
--   SOURCE sql/schema.sql;
-- `python -m hospital_mgmt init-db` does the same with the settings in .env.
-- The SQLite twin of this file is schema_sqlite.sql; a test keeps their tables and columns equal.
-- This is schema version 8 (see storage/migrations.py; a test holds a migrated database equal to it).

CREATE TABLE patients (
    patient_id      INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name            VARCHAR(100) NOT NULL,
    -- name without case, accents, apostrophes or extra spaces: what search and duplicate checks
    -- compare. Already folded by the application, so compared byte for byte (as in SQLite).
    name_key        VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    gender          CHAR(1) NOT NULL,
    -- the date of birth; 1 January of an estimated year when only the age was known
    birth_date      DATE NOT NULL,
    birth_estimated TINYINT NOT NULL DEFAULT 0,
    contact_no      VARCHAR(16) NOT NULL,
    email           VARCHAR(120) NOT NULL DEFAULT '',
    address         VARCHAR(200) NOT NULL DEFAULT '',
    city            VARCHAR(60) NOT NULL DEFAULT '',
    blood_group     VARCHAR(3) NOT NULL DEFAULT '',
    registered_on   DATE NOT NULL,
    request_key     VARCHAR(64) NULL,
    -- a duplicate merged into another record: kept, pointing at the record that survives
    merged_into     INT UNSIGNED NULL,
    -- the last ten digits of contact_no, last digit first: found by index whole or by its last digits
    phone_tail      VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    PRIMARY KEY (patient_id),
    CONSTRAINT fk_patients_merged FOREIGN KEY (merged_into) REFERENCES patients (patient_id),
    CONSTRAINT ck_patients_gender CHECK (gender IN ('M', 'F', 'O')),
    CONSTRAINT ck_patients_birth_estimated CHECK (birth_estimated IN (0, 1)),
    CONSTRAINT ck_patients_blood_group CHECK (blood_group IN ('', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'))
) ENGINE=InnoDB AUTO_INCREMENT=1001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
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
    gram        VARCHAR(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    patient_id  INT UNSIGNED NOT NULL,
    PRIMARY KEY (gram, patient_id),
    CONSTRAINT fk_patient_name_grams_patient FOREIGN KEY (patient_id) REFERENCES patients (patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_patient_name_grams_patient ON patient_name_grams (patient_id);

-- Every stay in the hospital; at most one open (not yet discharged) per patient.
CREATE TABLE admissions (
    admission_id  INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_id    INT UNSIGNED NOT NULL,
    admitted_on   DATE NOT NULL,
    ward          VARCHAR(60) NOT NULL DEFAULT '',
    reason        VARCHAR(200) NOT NULL DEFAULT '',
    discharged_on DATE NULL,
    -- 1 while the stay is open, NULL once discharged (NULLs never collide in a unique index).
    open_stay     TINYINT AS (CASE WHEN discharged_on IS NULL THEN 1 END) STORED,
    PRIMARY KEY (admission_id),
    CONSTRAINT fk_admissions_patient FOREIGN KEY (patient_id) REFERENCES patients (patient_id),
    CONSTRAINT ck_admissions_stay CHECK (discharged_on IS NULL OR discharged_on >= admitted_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX uq_admissions_open ON admissions (patient_id, open_stay);
CREATE INDEX ix_admissions_admitted ON admissions (admitted_on);

-- The hospital's departments; every doctor belongs to one. department_key is the name without
-- case, spaces or punctuation (`E.N.T.` and `ent` are one department).
CREATE TABLE departments (
    department_id    INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name             VARCHAR(60) NOT NULL,
    department_key   VARCHAR(60) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    location         VARCHAR(100) NOT NULL DEFAULT '',
    PRIMARY KEY (department_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX uq_departments_key ON departments (department_key);

CREATE TABLE doctors (
    doctor_id        INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name             VARCHAR(100) NOT NULL,
    name_key         VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    specialization   VARCHAR(60) NOT NULL,
    contact_no       VARCHAR(16) NOT NULL,
    consultation_fee DECIMAL(12,2) NOT NULL,
    department_id    INT UNSIGNED NOT NULL,
    PRIMARY KEY (doctor_id),
    CONSTRAINT fk_doctors_department FOREIGN KEY (department_id) REFERENCES departments (department_id),
    CONSTRAINT ck_doctors_fee CHECK (consultation_fee > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_doctors_name_key ON doctors (name_key);
CREATE INDEX ix_doctors_specialization ON doctors (specialization);
CREATE INDEX ix_doctors_department ON doctors (department_id, name_key);

-- A doctor's working week once it is set: a row per weekday (0 Monday ... 6 Sunday), with the
-- hours, or no hours on a day off. A doctor without rows works the hospital's day, 09:00-17:00.
CREATE TABLE doctor_hours (
    doctor_id   INT UNSIGNED NOT NULL,
    weekday     TINYINT UNSIGNED NOT NULL,
    starts      TIME NULL,
    ends        TIME NULL,
    PRIMARY KEY (doctor_id, weekday),
    CONSTRAINT fk_doctor_hours_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (doctor_id),
    CONSTRAINT ck_doctor_hours_weekday CHECK (weekday BETWEEN 0 AND 6),
    CONSTRAINT ck_doctor_hours_span CHECK ((starts IS NULL AND ends IS NULL)
                                           OR (starts IS NOT NULL AND ends IS NOT NULL AND ends > starts))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Days a doctor is away, first to last inclusive.
CREATE TABLE doctor_leave (
    leave_id    INT UNSIGNED NOT NULL AUTO_INCREMENT,
    doctor_id   INT UNSIGNED NOT NULL,
    first_day   DATE NOT NULL,
    last_day    DATE NOT NULL,
    reason      VARCHAR(200) NOT NULL DEFAULT '',
    PRIMARY KEY (leave_id),
    CONSTRAINT fk_doctor_leave_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (doctor_id),
    CONSTRAINT ck_doctor_leave_days CHECK (last_day >= first_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_doctor_leave_doctor ON doctor_leave (doctor_id, first_day);

CREATE TABLE services (
    service_id    INT UNSIGNED NOT NULL AUTO_INCREMENT,
    service_name  VARCHAR(100) NOT NULL,
    -- the name without case, accents, spaces or punctuation: unique, and what search compares
    service_key   VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    cost          DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (service_id),
    CONSTRAINT ck_services_cost CHECK (cost > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX uq_services_key ON services (service_key);

CREATE TABLE appointments (
    appt_id     INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_id  INT UNSIGNED NOT NULL,
    doctor_id   INT UNSIGNED NOT NULL,
    appt_date   DATE NOT NULL,
    appt_time   TIME NOT NULL,
    diagnosis   VARCHAR(500) NOT NULL DEFAULT '',
    status      VARCHAR(15) NOT NULL DEFAULT 'scheduled',
    -- 1 while the appointment holds its slot (scheduled, arrived, in consultation or completed),
    -- NULL otherwise. NULLs never collide in a unique index, so cancelled and no-show rows free the slot.
    live_slot   TINYINT AS (CASE WHEN status IN ('scheduled', 'arrived', 'in_consultation', 'completed') THEN 1 END)
                STORED,
    request_key VARCHAR(64) NULL,
    -- given at check-in, one number per doctor and day in the order patients arrive
    token_no    SMALLINT UNSIGNED NULL,
    arrived_at  DATETIME NULL,
    called_at   DATETIME NULL,
    PRIMARY KEY (appt_id),
    CONSTRAINT fk_appointments_patient FOREIGN KEY (patient_id) REFERENCES patients (patient_id),
    CONSTRAINT fk_appointments_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (doctor_id),
    CONSTRAINT ck_appointments_status CHECK (status IN ('scheduled', 'arrived', 'in_consultation', 'completed',
                                                        'cancelled', 'no_show'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX uq_appointments_doctor_slot ON appointments (doctor_id, appt_date, appt_time, live_slot);
CREATE UNIQUE INDEX uq_appointments_patient_slot ON appointments (patient_id, appt_date, appt_time, live_slot);
CREATE UNIQUE INDEX uq_appointments_token ON appointments (doctor_id, appt_date, token_no);
CREATE INDEX ix_appointments_date ON appointments (appt_date, appt_time);
CREATE UNIQUE INDEX uq_appointments_request_key ON appointments (request_key);

-- One row per numbered sequence; the bill counter is read and raised inside the
-- finalize transaction, so a bill number is used only when its bill is stored.
CREATE TABLE counters (
    name        VARCHAR(20) NOT NULL,
    last_value  INT UNSIGNED NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO counters (name, last_value) VALUES ('bill', 0), ('receipt', 0), ('credit', 0);

CREATE TABLE billing (
    bill_id               INT UNSIGNED NOT NULL,
    patient_id            INT UNSIGNED NOT NULL,
    appt_id               INT UNSIGNED NULL,
    consultation_charges  DECIMAL(12,2) NOT NULL DEFAULT 0,
    subtotal              DECIMAL(12,2) NOT NULL,
    discount              DECIMAL(12,2) NOT NULL DEFAULT 0,
    tax                   DECIMAL(12,2) NOT NULL DEFAULT 0,
    total_amount          DECIMAL(12,2) NOT NULL,
    billing_date          DATE NOT NULL,
    status                VARCHAR(6) NOT NULL DEFAULT 'unpaid',
    void_reason           VARCHAR(200) NOT NULL DEFAULT '',
    print_count           INT UNSIGNED NOT NULL DEFAULT 0,
    -- the appointment while the bill is live (not void): one live bill per appointment
    live_appt_id          INT UNSIGNED AS (CASE WHEN status <> 'void' THEN appt_id END) STORED,
    request_key           VARCHAR(64) NULL,
    -- the tax rate of the day, when and by whom it was finalized (NULL on bills made before)
    tax_rate              DECIMAL(5,2) NULL,
    finalized_at          DATETIME NULL,
    finalized_by          INT UNSIGNED NULL,
    PRIMARY KEY (bill_id),
    CONSTRAINT fk_billing_patient FOREIGN KEY (patient_id) REFERENCES patients (patient_id),
    CONSTRAINT fk_billing_appointment FOREIGN KEY (appt_id) REFERENCES appointments (appt_id),
    CONSTRAINT ck_billing_status CHECK (status IN ('unpaid', 'paid', 'void')),
    CONSTRAINT ck_billing_amounts CHECK (subtotal >= 0 AND discount >= 0 AND tax >= 0 AND total_amount >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_billing_patient ON billing (patient_id);
CREATE INDEX ix_billing_appointment ON billing (appt_id);
CREATE UNIQUE INDEX uq_billing_live_appointment ON billing (live_appt_id);
CREATE INDEX ix_billing_date ON billing (billing_date);
-- the open bills of a period without reading the paid ones (the unpaid report)
CREATE INDEX ix_billing_open ON billing (status, billing_date);
CREATE UNIQUE INDEX uq_billing_request_key ON billing (request_key);

CREATE TABLE bill_items (
    bill_id     INT UNSIGNED NOT NULL,
    service_id  INT UNSIGNED NOT NULL,
    quantity    INT UNSIGNED NOT NULL,
    unit_price  DECIMAL(12,2) NOT NULL,
    line_total  DECIMAL(12,2) NOT NULL,
    -- the order the lines were entered in
    line_no     SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    PRIMARY KEY (bill_id, service_id),
    CONSTRAINT fk_bill_items_bill FOREIGN KEY (bill_id) REFERENCES billing (bill_id),
    CONSTRAINT fk_bill_items_service FOREIGN KEY (service_id) REFERENCES services (service_id),
    CONSTRAINT ck_bill_items_quantity CHECK (quantity >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_bill_items_service ON bill_items (service_id);

CREATE TABLE payments (
    payment_id  INT UNSIGNED NOT NULL AUTO_INCREMENT,
    bill_id     INT UNSIGNED NOT NULL,
    paid_on     DATE NOT NULL,
    method      VARCHAR(10) NOT NULL,
    amount      DECIMAL(12,2) NOT NULL,
    request_key VARCHAR(64) NULL,
    -- the cashier's shift (drawer) and the user who took it; NULL for payments made before staff accounts
    shift_id    INT UNSIGNED NULL,
    received_by INT UNSIGNED NULL,
    -- the receipt given for it; the card, UPI or insurance reference; the cash handed over
    receipt_no  INT UNSIGNED NULL,
    reference   VARCHAR(60) NOT NULL DEFAULT '',
    tendered    DECIMAL(12,2) NULL,
    paid_at     DATETIME NULL,
    PRIMARY KEY (payment_id),
    CONSTRAINT fk_payments_bill FOREIGN KEY (bill_id) REFERENCES billing (bill_id),
    CONSTRAINT ck_payments_method CHECK (method IN ('cash', 'card', 'upi', 'insurance')),
    CONSTRAINT ck_payments_amount CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_payments_bill ON payments (bill_id);
CREATE INDEX ix_payments_paid_on ON payments (paid_on);
CREATE UNIQUE INDEX uq_payments_request_key ON payments (request_key);
CREATE INDEX ix_payments_shift ON payments (shift_id);
CREATE INDEX ix_payments_received_by ON payments (received_by);
CREATE UNIQUE INDEX uq_payments_receipt ON payments (receipt_no);

-- One row per table whose new records are checked against the old ones before they are written
-- (imports, registrations): locked for the check and the write, so two terminals take turns.
CREATE TABLE write_locks (
    name  VARCHAR(20) NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO write_locks (name) VALUES ('patients'), ('doctors'), ('services'), ('users');

-- Staff accounts. A user is never deleted (the audit trail names them); they are deactivated.
CREATE TABLE users (
    user_id        INT UNSIGNED NOT NULL AUTO_INCREMENT,
    -- lower case, compared byte for byte
    login          VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    full_name      VARCHAR(100) NOT NULL,
    -- argon2id, with its parameters and salt; never the password
    password_hash  VARCHAR(255) NOT NULL,
    active         TINYINT NOT NULL DEFAULT 1,
    -- the doctor record of a user with the doctor role
    doctor_id      INT UNSIGNED NULL,
    created_at     DATETIME NOT NULL,
    last_login     DATETIME NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT fk_users_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (doctor_id),
    CONSTRAINT ck_users_active CHECK (active IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX uq_users_login ON users (login);
CREATE INDEX ix_users_doctor ON users (doctor_id);

CREATE TABLE user_roles (
    user_id  INT UNSIGNED NOT NULL,
    role     VARCHAR(20) NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT fk_user_roles_user FOREIGN KEY (user_id) REFERENCES users (user_id),
    CONSTRAINT ck_user_roles_role CHECK (role IN ('administrator', 'front_desk', 'cashier', 'doctor', 'manager',
                                                  'scheduler'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what, when, at which terminal: one row per change, written in the change's own
-- transaction. Append-only: the triggers below refuse any UPDATE or DELETE.
CREATE TABLE audit (
    audit_id     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    happened_at  DATETIME NOT NULL,
    user_id      INT UNSIGNED NULL,
    login        VARCHAR(32) NOT NULL,
    host         VARCHAR(100) NOT NULL,
    process      VARCHAR(60) NOT NULL,
    operation    VARCHAR(40) NOT NULL,
    record       VARCHAR(20) NOT NULL,
    summary      VARCHAR(300) NOT NULL,
    -- JSON: {"field": [before, after], ...}; may hold names, so it stays in the database
    changes      MEDIUMTEXT NOT NULL,
    PRIMARY KEY (audit_id),
    CONSTRAINT fk_audit_user FOREIGN KEY (user_id) REFERENCES users (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_audit_happened ON audit (happened_at);
CREATE INDEX ix_audit_login ON audit (login, happened_at);
CREATE INDEX ix_audit_record ON audit (record, happened_at);
CREATE INDEX ix_audit_operation ON audit (operation, happened_at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit trail is append-only';
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit trail is append-only';

-- A cashier's shift at a drawer: opened with a float, closed with the counted amounts.
CREATE TABLE shifts (
    shift_id       INT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id        INT UNSIGNED NOT NULL,
    opened_at      DATETIME NOT NULL,
    opening_float  DECIMAL(12,2) NOT NULL,
    closed_at      DATETIME NULL,
    -- the cashier while the shift is open: one open shift per cashier
    open_user_id   INT UNSIGNED AS (CASE WHEN closed_at IS NULL THEN user_id END) STORED,
    PRIMARY KEY (shift_id),
    CONSTRAINT fk_shifts_user FOREIGN KEY (user_id) REFERENCES users (user_id),
    CONSTRAINT ck_shifts_float CHECK (opening_float >= 0),
    CONSTRAINT ck_shifts_closed CHECK (closed_at IS NULL OR closed_at >= opened_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX uq_shifts_open_user ON shifts (open_user_id);
CREATE INDEX ix_shifts_user ON shifts (user_id);
CREATE INDEX ix_shifts_opened ON shifts (opened_at);

-- What the drawer held at closing, per method: expected (float + takings) and counted.
CREATE TABLE shift_counts (
    shift_id  INT UNSIGNED NOT NULL,
    method    VARCHAR(10) NOT NULL,
    expected  DECIMAL(12,2) NOT NULL,
    counted   DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (shift_id, method),
    CONSTRAINT fk_shift_counts_shift FOREIGN KEY (shift_id) REFERENCES shifts (shift_id),
    CONSTRAINT ck_shift_counts_method CHECK (method IN ('cash', 'card', 'upi', 'insurance')),
    CONSTRAINT ck_shift_counts_counted CHECK (counted >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE payments
    ADD CONSTRAINT fk_payments_shift FOREIGN KEY (shift_id) REFERENCES shifts (shift_id),
    ADD CONSTRAINT fk_payments_received_by FOREIGN KEY (received_by) REFERENCES users (user_id);
ALTER TABLE billing ADD CONSTRAINT fk_billing_finalized_by FOREIGN KEY (finalized_by) REFERENCES users (user_id);

-- Every movement of money has a receipt, numbered without gaps from the 'receipt' counter:
-- a payment of a bill, a deposit, a deposit applied to a bill, a refund.
CREATE TABLE receipts (
    receipt_no   INT UNSIGNED NOT NULL,
    kind         VARCHAR(10) NOT NULL,
    issued_at    DATETIME NOT NULL,
    -- what was still owed on the bill, or held as deposit, once the money had moved
    balance_after DECIMAL(12,2) NULL,
    print_count  INT UNSIGNED NOT NULL DEFAULT 0,
    PRIMARY KEY (receipt_no),
    CONSTRAINT ck_receipts_kind CHECK (kind IN ('payment', 'deposit', 'applied', 'refund'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
ALTER TABLE payments ADD CONSTRAINT fk_payments_receipt FOREIGN KEY (receipt_no) REFERENCES receipts (receipt_no);

-- A credit note corrects a bill that took payments: the whole bill or some of its lines, with
-- the reason; numbered without gaps from the 'credit' counter (C001).
CREATE TABLE credit_notes (
    credit_id    INT UNSIGNED NOT NULL,
    bill_id      INT UNSIGNED NOT NULL,
    issued_on    DATE NOT NULL,
    issued_at    DATETIME NOT NULL,
    amount       DECIMAL(12,2) NOT NULL,
    whole_bill   TINYINT NOT NULL,
    reason       VARCHAR(200) NOT NULL,
    issued_by    INT UNSIGNED NULL,
    approved_by  INT UNSIGNED NULL,
    print_count  INT UNSIGNED NOT NULL DEFAULT 0,
    request_key  VARCHAR(64) NULL,
    PRIMARY KEY (credit_id),
    CONSTRAINT fk_credit_notes_bill FOREIGN KEY (bill_id) REFERENCES billing (bill_id),
    CONSTRAINT fk_credit_notes_issued_by FOREIGN KEY (issued_by) REFERENCES users (user_id),
    CONSTRAINT fk_credit_notes_approved_by FOREIGN KEY (approved_by) REFERENCES users (user_id),
    CONSTRAINT ck_credit_notes_amount CHECK (amount > 0),
    CONSTRAINT ck_credit_notes_whole CHECK (whole_bill IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_credit_notes_bill ON credit_notes (bill_id);
CREATE INDEX ix_credit_notes_issued ON credit_notes (issued_on);
CREATE UNIQUE INDEX uq_credit_notes_request_key ON credit_notes (request_key);

CREATE TABLE credit_note_items (
    credit_id   INT UNSIGNED NOT NULL,
    service_id  INT UNSIGNED NOT NULL,
    quantity    INT UNSIGNED NOT NULL,
    amount      DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (credit_id, service_id),
    CONSTRAINT fk_credit_note_items_credit FOREIGN KEY (credit_id) REFERENCES credit_notes (credit_id),
    CONSTRAINT fk_credit_note_items_service FOREIGN KEY (service_id) REFERENCES services (service_id),
    CONSTRAINT ck_credit_note_items_quantity CHECK (quantity >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_credit_note_items_service ON credit_note_items (service_id);

-- Money a patient leaves with the hospital (usually at admission): held as the patient's credit
-- until applied to a bill or refunded; what is held is a liability of the hospital.
CREATE TABLE deposits (
    deposit_id   INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_id   INT UNSIGNED NOT NULL,
    receipt_no   INT UNSIGNED NOT NULL,
    received_on  DATE NOT NULL,
    received_at  DATETIME NOT NULL,
    method       VARCHAR(10) NOT NULL,
    amount       DECIMAL(12,2) NOT NULL,
    reference    VARCHAR(60) NOT NULL DEFAULT '',
    tendered     DECIMAL(12,2) NULL,
    shift_id     INT UNSIGNED NULL,
    received_by  INT UNSIGNED NULL,
    request_key  VARCHAR(64) NULL,
    PRIMARY KEY (deposit_id),
    CONSTRAINT fk_deposits_patient FOREIGN KEY (patient_id) REFERENCES patients (patient_id),
    CONSTRAINT fk_deposits_receipt FOREIGN KEY (receipt_no) REFERENCES receipts (receipt_no),
    CONSTRAINT fk_deposits_shift FOREIGN KEY (shift_id) REFERENCES shifts (shift_id),
    CONSTRAINT fk_deposits_received_by FOREIGN KEY (received_by) REFERENCES users (user_id),
    CONSTRAINT ck_deposits_method CHECK (method IN ('cash', 'card', 'upi', 'insurance')),
    CONSTRAINT ck_deposits_amount CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_deposits_patient ON deposits (patient_id);
CREATE INDEX ix_deposits_received ON deposits (received_on);
CREATE INDEX ix_deposits_shift ON deposits (shift_id);
CREATE UNIQUE INDEX uq_deposits_receipt ON deposits (receipt_no);
CREATE UNIQUE INDEX uq_deposits_request_key ON deposits (request_key);

-- Part of a patient's deposit put towards one of their bills (no money moves at the counter).
CREATE TABLE deposit_uses (
    use_id       INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_id   INT UNSIGNED NOT NULL,
    bill_id      INT UNSIGNED NOT NULL,
    receipt_no   INT UNSIGNED NOT NULL,
    used_on      DATE NOT NULL,
    used_at      DATETIME NOT NULL,
    amount       DECIMAL(12,2) NOT NULL,
    used_by      INT UNSIGNED NULL,
    request_key  VARCHAR(64) NULL,
    PRIMARY KEY (use_id),
    CONSTRAINT fk_deposit_uses_patient FOREIGN KEY (patient_id) REFERENCES patients (patient_id),
    CONSTRAINT fk_deposit_uses_bill FOREIGN KEY (bill_id) REFERENCES billing (bill_id),
    CONSTRAINT fk_deposit_uses_receipt FOREIGN KEY (receipt_no) REFERENCES receipts (receipt_no),
    CONSTRAINT fk_deposit_uses_used_by FOREIGN KEY (used_by) REFERENCES users (user_id),
    CONSTRAINT ck_deposit_uses_amount CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_deposit_uses_patient ON deposit_uses (patient_id);
CREATE INDEX ix_deposit_uses_bill ON deposit_uses (bill_id);
CREATE UNIQUE INDEX uq_deposit_uses_receipt ON deposit_uses (receipt_no);
CREATE UNIQUE INDEX uq_deposit_uses_request_key ON deposit_uses (request_key);

-- Money paid back: of a bill (with its credit note) or of a deposit; out of the method it goes
-- back by, and out of the cashier's drawer when that is cash.
CREATE TABLE refunds (
    refund_id    INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_id   INT UNSIGNED NOT NULL,
    bill_id      INT UNSIGNED NULL,
    credit_id    INT UNSIGNED NULL,
    receipt_no   INT UNSIGNED NOT NULL,
    refunded_on  DATE NOT NULL,
    refunded_at  DATETIME NOT NULL,
    method       VARCHAR(10) NOT NULL,
    amount       DECIMAL(12,2) NOT NULL,
    reference    VARCHAR(60) NOT NULL DEFAULT '',
    reason       VARCHAR(200) NOT NULL,
    shift_id     INT UNSIGNED NULL,
    refunded_by  INT UNSIGNED NULL,
    approved_by  INT UNSIGNED NULL,
    request_key  VARCHAR(64) NULL,
    PRIMARY KEY (refund_id),
    CONSTRAINT fk_refunds_patient FOREIGN KEY (patient_id) REFERENCES patients (patient_id),
    CONSTRAINT fk_refunds_bill FOREIGN KEY (bill_id) REFERENCES billing (bill_id),
    CONSTRAINT fk_refunds_credit FOREIGN KEY (credit_id) REFERENCES credit_notes (credit_id),
    CONSTRAINT fk_refunds_receipt FOREIGN KEY (receipt_no) REFERENCES receipts (receipt_no),
    CONSTRAINT fk_refunds_shift FOREIGN KEY (shift_id) REFERENCES shifts (shift_id),
    CONSTRAINT fk_refunds_refunded_by FOREIGN KEY (refunded_by) REFERENCES users (user_id),
    CONSTRAINT fk_refunds_approved_by FOREIGN KEY (approved_by) REFERENCES users (user_id),
    CONSTRAINT ck_refunds_method CHECK (method IN ('cash', 'card', 'upi', 'insurance')),
    CONSTRAINT ck_refunds_amount CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_refunds_patient ON refunds (patient_id);
CREATE INDEX ix_refunds_bill ON refunds (bill_id);
CREATE INDEX ix_refunds_credit ON refunds (credit_id);
CREATE INDEX ix_refunds_refunded ON refunds (refunded_on);
CREATE INDEX ix_refunds_shift ON refunds (shift_id);
CREATE UNIQUE INDEX uq_refunds_receipt ON refunds (receipt_no);
CREATE UNIQUE INDEX uq_refunds_request_key ON refunds (request_key);

-- Bearer tokens of the HTTP API: only a hash of each token is kept; a token ends when it
-- expires or is revoked (sign-out, or its user deactivated).
CREATE TABLE api_tokens (
    token_id     INT UNSIGNED NOT NULL AUTO_INCREMENT,
    -- SHA-256 of the token, in hex
    token_hash   CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    user_id      INT UNSIGNED NOT NULL,
    created_at   DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL,
    revoked_at   DATETIME NULL,
    -- what the client said it was (its User-Agent), for the staff list
    client       VARCHAR(200) NOT NULL DEFAULT '',
    PRIMARY KEY (token_id),
    CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX uq_api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);

-- The clinical record of a visit (domain/visit.py): the doctor's notes and the vitals, one row per
-- appointment.
CREATE TABLE visits (
    appt_id       INT UNSIGNED NOT NULL,
    notes         VARCHAR(2000) NOT NULL DEFAULT '',
    weight_kg     DECIMAL(4,1) NULL,
    height_cm     DECIMAL(4,1) NULL,
    bp_systolic   SMALLINT UNSIGNED NULL,
    bp_diastolic  SMALLINT UNSIGNED NULL,
    pulse         SMALLINT UNSIGNED NULL,
    temperature_c DECIMAL(3,1) NULL,
    haemoglobin   DECIMAL(3,1) NULL,
    pregnant      TINYINT NULL,
    recorded_by   INT UNSIGNED NULL,
    recorded_at   DATETIME NOT NULL,
    -- how often its prescription was printed: a reprint is stamped DUPLICATE
    prescription_prints SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    PRIMARY KEY (appt_id),
    CONSTRAINT fk_visits_appointment FOREIGN KEY (appt_id) REFERENCES appointments (appt_id),
    CONSTRAINT fk_visits_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (user_id),
    CONSTRAINT ck_visits_weight CHECK (weight_kg BETWEEN 0.3 AND 350),
    CONSTRAINT ck_visits_height CHECK (height_cm BETWEEN 20 AND 250),
    CONSTRAINT ck_visits_bp_systolic CHECK (bp_systolic BETWEEN 50 AND 300),
    CONSTRAINT ck_visits_bp_diastolic CHECK (bp_diastolic BETWEEN 20 AND 200),
    CONSTRAINT ck_visits_pulse CHECK (pulse BETWEEN 20 AND 250),
    CONSTRAINT ck_visits_temperature CHECK (temperature_c BETWEEN 30 AND 45),
    CONSTRAINT ck_visits_haemoglobin CHECK (haemoglobin BETWEEN 2 AND 25),
    CONSTRAINT ck_visits_pregnant CHECK (pregnant IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The medicines prescribed at a visit, in the order written.
CREATE TABLE prescriptions (
    appt_id      INT UNSIGNED NOT NULL,
    line_no      SMALLINT UNSIGNED NOT NULL,
    medicine     VARCHAR(100) NOT NULL,
    dosage       VARCHAR(40) NOT NULL,
    frequency    VARCHAR(40) NOT NULL,
    days         SMALLINT UNSIGNED NOT NULL,
    instructions VARCHAR(100) NOT NULL DEFAULT '',
    PRIMARY KEY (appt_id, line_no),
    CONSTRAINT fk_prescriptions_appointment FOREIGN KEY (appt_id) REFERENCES appointments (appt_id),
    CONSTRAINT ck_prescriptions_days CHECK (days BETWEEN 1 AND 365)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Services performed at a visit; bill_id is the bill they went on (a void bill frees them again).
CREATE TABLE treatments (
    treatment_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    appt_id      INT UNSIGNED NOT NULL,
    service_id   INT UNSIGNED NOT NULL,
    quantity     INT UNSIGNED NOT NULL,
    note         VARCHAR(200) NOT NULL DEFAULT '',
    bill_id      INT UNSIGNED NULL,
    recorded_at  DATETIME NOT NULL,
    request_key  VARCHAR(64) NULL,
    PRIMARY KEY (treatment_id),
    CONSTRAINT fk_treatments_appointment FOREIGN KEY (appt_id) REFERENCES appointments (appt_id),
    CONSTRAINT fk_treatments_service FOREIGN KEY (service_id) REFERENCES services (service_id),
    CONSTRAINT fk_treatments_bill FOREIGN KEY (bill_id) REFERENCES billing (bill_id),
    CONSTRAINT ck_treatments_quantity CHECK (quantity BETWEEN 1 AND 1000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_treatments_appointment ON treatments (appt_id);
CREATE INDEX ix_treatments_bill ON treatments (bill_id);
CREATE UNIQUE INDEX uq_treatments_request_key ON treatments (request_key);

-- The laboratory's test types, each with its reference range.
CREATE TABLE lab_tests (
    test_id     INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name        VARCHAR(80) NOT NULL,
    test_key    VARCHAR(80) NOT NULL,
    unit        VARCHAR(20) NOT NULL DEFAULT '',
    low         DECIMAL(10,2) NULL,
    high        DECIMAL(10,2) NULL,
    -- where women's normal values differ: theirs (low and high are then everyone else's)
    women_low   DECIMAL(10,2) NULL,
    women_high  DECIMAL(10,2) NULL,
    PRIMARY KEY (test_id),
    CONSTRAINT ck_lab_tests_range CHECK (low IS NOT NULL OR high IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX uq_lab_tests_key ON lab_tests (test_key);

-- Tests ordered at a visit; the result, its day and its flag against the range of that day.
CREATE TABLE lab_orders (
    order_id    INT UNSIGNED NOT NULL AUTO_INCREMENT,
    appt_id     INT UNSIGNED NOT NULL,
    test_id     INT UNSIGNED NOT NULL,
    ordered_at  DATETIME NOT NULL,
    result      DECIMAL(10,2) NULL,
    result_on   DATE NULL,
    flag        VARCHAR(6) NULL,
    PRIMARY KEY (order_id),
    CONSTRAINT fk_lab_orders_appointment FOREIGN KEY (appt_id) REFERENCES appointments (appt_id),
    CONSTRAINT fk_lab_orders_test FOREIGN KEY (test_id) REFERENCES lab_tests (test_id),
    CONSTRAINT ck_lab_orders_flag CHECK (flag IN ('low', 'normal', 'high')),
    CONSTRAINT ck_lab_orders_result CHECK ((result IS NULL) = (result_on IS NULL) AND (result IS NULL) = (flag IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_lab_orders_appointment ON lab_orders (appt_id);
CREATE INDEX ix_lab_orders_reported ON lab_orders (result_on, test_id);

-- Daily summaries (storage/summaries.py says what each figure sums): the triggers below keep them
-- exact in the transaction of every change, so a report over a year reads days, not visits.
CREATE TABLE summary_day (
    day              DATE NOT NULL,
    registered       BIGINT NOT NULL DEFAULT 0,
    admitted         BIGINT NOT NULL DEFAULT 0,
    visits_open      BIGINT NOT NULL DEFAULT 0,
    visits_completed BIGINT NOT NULL DEFAULT 0,
    visits_cancelled BIGINT NOT NULL DEFAULT 0,
    visits_no_show   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE summary_doctor_day (
    day              DATE NOT NULL,
    doctor_id        INT UNSIGNED NOT NULL,
    visits_open      BIGINT NOT NULL DEFAULT 0,
    visits_completed BIGINT NOT NULL DEFAULT 0,
    visits_cancelled BIGINT NOT NULL DEFAULT 0,
    visits_no_show   BIGINT NOT NULL DEFAULT 0,
    -- what the live bills of the day's completed visits hold
    completed_billed DECIMAL(12,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (day, doctor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE summary_service_day (
    day         DATE NOT NULL,
    service_id  INT UNSIGNED NOT NULL,
    quantity    BIGINT NOT NULL DEFAULT 0,
    revenue     DECIMAL(12,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (day, service_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The live (not void) bills of each billing day, with what was credited, received and refunded on them.
CREATE TABLE summary_bill_day (
    day       DATE NOT NULL,
    bills     BIGINT NOT NULL DEFAULT 0,
    billed    DECIMAL(12,2) NOT NULL DEFAULT 0,
    credited  DECIMAL(12,2) NOT NULL DEFAULT 0,
    received  DECIMAL(12,2) NOT NULL DEFAULT 0,
    refunded  DECIMAL(12,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Money that came in (payments and deposits) and went out (refunds) per day and method.
CREATE TABLE summary_method_day (
    day          DATE NOT NULL,
    method       VARCHAR(10) NOT NULL,
    receipts_in  BIGINT NOT NULL DEFAULT 0,
    amount_in    DECIMAL(12,2) NOT NULL DEFAULT 0,
    refunds_out  BIGINT NOT NULL DEFAULT 0,
    amount_out   DECIMAL(12,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (day, method)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The doctors' and the services' days added up by month (month_start: its first day) and the
-- doctors' by year (year_start: 1 January), kept by the same triggers: a report over whole
-- months or years reads these; the indexes hold one month's or year's doctors in the order of
-- the most consulted (top-doctors) and of doctor-monthly's count of appointments held.
CREATE TABLE summary_doctor_month (
    month_start      DATE NOT NULL,
    doctor_id        INT UNSIGNED NOT NULL,
    visits_open      BIGINT NOT NULL DEFAULT 0,
    visits_completed BIGINT NOT NULL DEFAULT 0,
    visits_cancelled BIGINT NOT NULL DEFAULT 0,
    visits_no_show   BIGINT NOT NULL DEFAULT 0,
    completed_billed DECIMAL(12,2) NOT NULL DEFAULT 0,
    -- booked, waiting or completed: what doctor-monthly counts
    visits_held      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month_start, doctor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_summary_doctor_month_top ON summary_doctor_month (month_start, visits_completed DESC, completed_billed DESC, doctor_id);
CREATE INDEX ix_summary_doctor_month_held ON summary_doctor_month (month_start, visits_held DESC, doctor_id);

CREATE TABLE summary_doctor_year (
    year_start       DATE NOT NULL,
    doctor_id        INT UNSIGNED NOT NULL,
    visits_open      BIGINT NOT NULL DEFAULT 0,
    visits_completed BIGINT NOT NULL DEFAULT 0,
    visits_cancelled BIGINT NOT NULL DEFAULT 0,
    visits_no_show   BIGINT NOT NULL DEFAULT 0,
    completed_billed DECIMAL(12,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (year_start, doctor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_summary_doctor_year_top ON summary_doctor_year (year_start, visits_completed DESC, completed_billed DESC, doctor_id);

CREATE TABLE summary_service_month (
    month_start DATE NOT NULL,
    service_id  INT UNSIGNED NOT NULL,
    quantity    BIGINT NOT NULL DEFAULT 0,
    revenue     DECIMAL(12,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (month_start, service_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Completed visits per patient and month (only completed visits add a row): the patients seen
-- and those who came more than once, counted off the index.
CREATE TABLE summary_patient_month (
    month_start      DATE NOT NULL,
    patient_id       INT UNSIGNED NOT NULL,
    visits_completed BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month_start, patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_summary_patient_month_visits ON summary_patient_month (month_start, visits_completed DESC, patient_id);

-- Completed visits per patient and year (only completed visits add a row): the patients seen
-- and those who came more than once, counted off the index.
CREATE TABLE summary_patient_year (
    year_start       DATE NOT NULL,
    patient_id       INT UNSIGNED NOT NULL,
    visits_completed BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (year_start, patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_summary_patient_year_visits ON summary_patient_year (year_start, visits_completed DESC, patient_id);

-- BEGIN summary triggers: written by storage/summaries.py, do not edit by hand
DELIMITER //
CREATE TRIGGER sum_patients_insert AFTER INSERT ON patients FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT NEW.registered_on AS k0, (1) AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE registered = summary_day.registered + VALUES(registered), admitted = summary_day.admitted + VALUES(admitted), visits_open = summary_day.visits_open + VALUES(visits_open), visits_completed = summary_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_day.visits_no_show + VALUES(visits_no_show);
END IF; END//
CREATE TRIGGER sum_patients_update AFTER UPDATE ON patients FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.registered_on AS k0, -(1) AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 FROM DUAL WHERE (NOT (OLD.registered_on <=> NEW.registered_on)) UNION ALL SELECT NEW.registered_on AS k0, (1) AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 FROM DUAL WHERE (NOT (OLD.registered_on <=> NEW.registered_on))) AS delta
    ON DUPLICATE KEY UPDATE registered = summary_day.registered + VALUES(registered), admitted = summary_day.admitted + VALUES(admitted), visits_open = summary_day.visits_open + VALUES(visits_open), visits_completed = summary_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_day.visits_no_show + VALUES(visits_no_show);
END IF; END//
CREATE TRIGGER sum_patients_delete AFTER DELETE ON patients FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.registered_on AS k0, -(1) AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE registered = summary_day.registered + VALUES(registered), admitted = summary_day.admitted + VALUES(admitted), visits_open = summary_day.visits_open + VALUES(visits_open), visits_completed = summary_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_day.visits_no_show + VALUES(visits_no_show);
END IF; END//
CREATE TRIGGER sum_admissions_insert AFTER INSERT ON admissions FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT NEW.admitted_on AS k0, 0 AS m0, (1) AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE registered = summary_day.registered + VALUES(registered), admitted = summary_day.admitted + VALUES(admitted), visits_open = summary_day.visits_open + VALUES(visits_open), visits_completed = summary_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_day.visits_no_show + VALUES(visits_no_show);
END IF; END//
CREATE TRIGGER sum_admissions_update AFTER UPDATE ON admissions FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.admitted_on AS k0, 0 AS m0, -(1) AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 FROM DUAL WHERE (NOT (OLD.admitted_on <=> NEW.admitted_on)) UNION ALL SELECT NEW.admitted_on AS k0, 0 AS m0, (1) AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 FROM DUAL WHERE (NOT (OLD.admitted_on <=> NEW.admitted_on))) AS delta
    ON DUPLICATE KEY UPDATE registered = summary_day.registered + VALUES(registered), admitted = summary_day.admitted + VALUES(admitted), visits_open = summary_day.visits_open + VALUES(visits_open), visits_completed = summary_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_day.visits_no_show + VALUES(visits_no_show);
END IF; END//
CREATE TRIGGER sum_admissions_delete AFTER DELETE ON admissions FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.admitted_on AS k0, 0 AS m0, -(1) AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE registered = summary_day.registered + VALUES(registered), admitted = summary_day.admitted + VALUES(admitted), visits_open = summary_day.visits_open + VALUES(visits_open), visits_completed = summary_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_day.visits_no_show + VALUES(visits_no_show);
END IF; END//
CREATE TRIGGER sum_appointments_insert AFTER INSERT ON appointments FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT NEW.appt_date AS k0, 0 AS m0, 0 AS m1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m3, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m4, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m5 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE registered = summary_day.registered + VALUES(registered), admitted = summary_day.admitted + VALUES(admitted), visits_open = summary_day.visits_open + VALUES(visits_open), visits_completed = summary_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_day.visits_no_show + VALUES(visits_no_show);
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT NEW.appt_date AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 FROM DUAL UNION ALL SELECT NEW.appt_date AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_day.visits_open + VALUES(visits_open), visits_completed = summary_doctor_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_day.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_day.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT DATE_SUB(NEW.appt_date, INTERVAL DAYOFMONTH(NEW.appt_date) - 1 DAY) AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') OR NEW.status = 'completed' THEN 1 ELSE 0 END) AS m5 FROM DUAL UNION ALL SELECT DATE_SUB(NEW.appt_date, INTERVAL DAYOFMONTH(NEW.appt_date) - 1 DAY) AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4, 0 AS m5 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_month.visits_open + VALUES(visits_open), visits_completed = summary_doctor_month.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_month.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_month.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_month.completed_billed + VALUES(completed_billed), visits_held = summary_doctor_month.visits_held + VALUES(visits_held);
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT MAKEDATE(YEAR(NEW.appt_date), 1) AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 FROM DUAL UNION ALL SELECT MAKEDATE(YEAR(NEW.appt_date), 1) AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_year.visits_open + VALUES(visits_open), visits_completed = summary_doctor_year.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_year.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_year.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_year.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_patient_month (month_start, patient_id, visits_completed)
    SELECT * FROM (SELECT DATE_SUB(NEW.appt_date, INTERVAL DAYOFMONTH(NEW.appt_date) - 1 DAY) AS k0, NEW.patient_id AS k1, (1) AS m0 FROM DUAL WHERE NEW.status = 'completed') AS delta
    ON DUPLICATE KEY UPDATE visits_completed = summary_patient_month.visits_completed + VALUES(visits_completed);
    INSERT INTO summary_patient_year (year_start, patient_id, visits_completed)
    SELECT * FROM (SELECT MAKEDATE(YEAR(NEW.appt_date), 1) AS k0, NEW.patient_id AS k1, (1) AS m0 FROM DUAL WHERE NEW.status = 'completed') AS delta
    ON DUPLICATE KEY UPDATE visits_completed = summary_patient_year.visits_completed + VALUES(visits_completed);
END IF; END//
CREATE TRIGGER sum_appointments_update AFTER UPDATE ON appointments FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.appt_date AS k0, 0 AS m0, 0 AS m1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m3, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m4, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m5 FROM DUAL WHERE (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT NEW.appt_date AS k0, 0 AS m0, 0 AS m1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m3, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m4, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m5 FROM DUAL WHERE (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.status <=> NEW.status))) AS delta
    ON DUPLICATE KEY UPDATE registered = summary_day.registered + VALUES(registered), admitted = summary_day.admitted + VALUES(admitted), visits_open = summary_day.visits_open + VALUES(visits_open), visits_completed = summary_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_day.visits_no_show + VALUES(visits_no_show);
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT OLD.appt_date AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 FROM DUAL WHERE (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT NEW.appt_date AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 FROM DUAL WHERE (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT OLD.appt_date AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void' AND (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT NEW.appt_date AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void' AND (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status))) AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_day.visits_open + VALUES(visits_open), visits_completed = summary_doctor_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_day.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_day.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT DATE_SUB(OLD.appt_date, INTERVAL DAYOFMONTH(OLD.appt_date) - 1 DAY) AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') OR OLD.status = 'completed' THEN 1 ELSE 0 END) AS m5 FROM DUAL WHERE (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT DATE_SUB(NEW.appt_date, INTERVAL DAYOFMONTH(NEW.appt_date) - 1 DAY) AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') OR NEW.status = 'completed' THEN 1 ELSE 0 END) AS m5 FROM DUAL WHERE (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT DATE_SUB(OLD.appt_date, INTERVAL DAYOFMONTH(OLD.appt_date) - 1 DAY) AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4, 0 AS m5 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void' AND (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT DATE_SUB(NEW.appt_date, INTERVAL DAYOFMONTH(NEW.appt_date) - 1 DAY) AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4, 0 AS m5 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void' AND (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status))) AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_month.visits_open + VALUES(visits_open), visits_completed = summary_doctor_month.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_month.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_month.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_month.completed_billed + VALUES(completed_billed), visits_held = summary_doctor_month.visits_held + VALUES(visits_held);
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT MAKEDATE(YEAR(OLD.appt_date), 1) AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 FROM DUAL WHERE (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT MAKEDATE(YEAR(NEW.appt_date), 1) AS k0, NEW.doctor_id AS k1, (CASE WHEN NEW.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, (CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END) AS m1, (CASE WHEN NEW.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, (CASE WHEN NEW.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 FROM DUAL WHERE (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT MAKEDATE(YEAR(OLD.appt_date), 1) AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void' AND (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT MAKEDATE(YEAR(NEW.appt_date), 1) AS k0, NEW.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (b.total_amount) AS m4 FROM billing b WHERE NEW.appt_id = b.appt_id AND NEW.status = 'completed' AND b.status <> 'void' AND (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.doctor_id <=> NEW.doctor_id) OR NOT (OLD.status <=> NEW.status))) AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_year.visits_open + VALUES(visits_open), visits_completed = summary_doctor_year.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_year.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_year.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_year.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_patient_month (month_start, patient_id, visits_completed)
    SELECT * FROM (SELECT DATE_SUB(OLD.appt_date, INTERVAL DAYOFMONTH(OLD.appt_date) - 1 DAY) AS k0, OLD.patient_id AS k1, -(1) AS m0 FROM DUAL WHERE OLD.status = 'completed' AND (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.patient_id <=> NEW.patient_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT DATE_SUB(NEW.appt_date, INTERVAL DAYOFMONTH(NEW.appt_date) - 1 DAY) AS k0, NEW.patient_id AS k1, (1) AS m0 FROM DUAL WHERE NEW.status = 'completed' AND (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.patient_id <=> NEW.patient_id) OR NOT (OLD.status <=> NEW.status))) AS delta
    ON DUPLICATE KEY UPDATE visits_completed = summary_patient_month.visits_completed + VALUES(visits_completed);
    INSERT INTO summary_patient_year (year_start, patient_id, visits_completed)
    SELECT * FROM (SELECT MAKEDATE(YEAR(OLD.appt_date), 1) AS k0, OLD.patient_id AS k1, -(1) AS m0 FROM DUAL WHERE OLD.status = 'completed' AND (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.patient_id <=> NEW.patient_id) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT MAKEDATE(YEAR(NEW.appt_date), 1) AS k0, NEW.patient_id AS k1, (1) AS m0 FROM DUAL WHERE NEW.status = 'completed' AND (NOT (OLD.appt_date <=> NEW.appt_date) OR NOT (OLD.patient_id <=> NEW.patient_id) OR NOT (OLD.status <=> NEW.status))) AS delta
    ON DUPLICATE KEY UPDATE visits_completed = summary_patient_year.visits_completed + VALUES(visits_completed);
END IF; END//
CREATE TRIGGER sum_appointments_delete AFTER DELETE ON appointments FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_day (day, registered, admitted, visits_open, visits_completed, visits_cancelled, visits_no_show)
    SELECT * FROM (SELECT OLD.appt_date AS k0, 0 AS m0, 0 AS m1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m3, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m4, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m5 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE registered = summary_day.registered + VALUES(registered), admitted = summary_day.admitted + VALUES(admitted), visits_open = summary_day.visits_open + VALUES(visits_open), visits_completed = summary_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_day.visits_no_show + VALUES(visits_no_show);
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT OLD.appt_date AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 FROM DUAL UNION ALL SELECT OLD.appt_date AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_day.visits_open + VALUES(visits_open), visits_completed = summary_doctor_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_day.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_day.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT DATE_SUB(OLD.appt_date, INTERVAL DAYOFMONTH(OLD.appt_date) - 1 DAY) AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') OR OLD.status = 'completed' THEN 1 ELSE 0 END) AS m5 FROM DUAL UNION ALL SELECT DATE_SUB(OLD.appt_date, INTERVAL DAYOFMONTH(OLD.appt_date) - 1 DAY) AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4, 0 AS m5 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_month.visits_open + VALUES(visits_open), visits_completed = summary_doctor_month.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_month.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_month.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_month.completed_billed + VALUES(completed_billed), visits_held = summary_doctor_month.visits_held + VALUES(visits_held);
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT MAKEDATE(YEAR(OLD.appt_date), 1) AS k0, OLD.doctor_id AS k1, -(CASE WHEN OLD.status IN ('scheduled', 'arrived', 'in_consultation') THEN 1 ELSE 0 END) AS m0, -(CASE WHEN OLD.status = 'completed' THEN 1 ELSE 0 END) AS m1, -(CASE WHEN OLD.status = 'cancelled' THEN 1 ELSE 0 END) AS m2, -(CASE WHEN OLD.status = 'no_show' THEN 1 ELSE 0 END) AS m3, 0 AS m4 FROM DUAL UNION ALL SELECT MAKEDATE(YEAR(OLD.appt_date), 1) AS k0, OLD.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(b.total_amount) AS m4 FROM billing b WHERE OLD.appt_id = b.appt_id AND OLD.status = 'completed' AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_year.visits_open + VALUES(visits_open), visits_completed = summary_doctor_year.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_year.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_year.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_year.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_patient_month (month_start, patient_id, visits_completed)
    SELECT * FROM (SELECT DATE_SUB(OLD.appt_date, INTERVAL DAYOFMONTH(OLD.appt_date) - 1 DAY) AS k0, OLD.patient_id AS k1, -(1) AS m0 FROM DUAL WHERE OLD.status = 'completed') AS delta
    ON DUPLICATE KEY UPDATE visits_completed = summary_patient_month.visits_completed + VALUES(visits_completed);
    INSERT INTO summary_patient_year (year_start, patient_id, visits_completed)
    SELECT * FROM (SELECT MAKEDATE(YEAR(OLD.appt_date), 1) AS k0, OLD.patient_id AS k1, -(1) AS m0 FROM DUAL WHERE OLD.status = 'completed') AS delta
    ON DUPLICATE KEY UPDATE visits_completed = summary_patient_year.visits_completed + VALUES(visits_completed);
END IF; END//
CREATE TRIGGER sum_billing_insert AFTER INSERT ON billing FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT a.appt_date AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_day.visits_open + VALUES(visits_open), visits_completed = summary_doctor_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_day.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_day.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT NEW.billing_date AS k0, i.service_id AS k1, (i.quantity) AS m0, (i.line_total) AS m1 FROM bill_items i WHERE NEW.bill_id = i.bill_id AND NEW.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_day.quantity + VALUES(quantity), revenue = summary_service_day.revenue + VALUES(revenue);
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT NEW.billing_date AS k0, (1) AS m0, (NEW.total_amount) AS m1, 0 AS m2, 0 AS m3, 0 AS m4 FROM DUAL WHERE NEW.status <> 'void' UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, (c.amount) AS m2, 0 AS m3, 0 AS m4 FROM credit_notes c WHERE NEW.bill_id = c.bill_id AND NEW.status <> 'void' UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (y.amount) AS m3, 0 AS m4 FROM payments y WHERE NEW.bill_id = y.bill_id AND NEW.status <> 'void' UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (u.amount) AS m3, 0 AS m4 FROM deposit_uses u WHERE NEW.bill_id = u.bill_id AND NEW.status <> 'void' UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (r.amount) AS m4 FROM refunds r WHERE NEW.bill_id = r.bill_id AND NEW.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT DATE_SUB(a.appt_date, INTERVAL DAYOFMONTH(a.appt_date) - 1 DAY) AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4, 0 AS m5 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_month.visits_open + VALUES(visits_open), visits_completed = summary_doctor_month.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_month.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_month.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_month.completed_billed + VALUES(completed_billed), visits_held = summary_doctor_month.visits_held + VALUES(visits_held);
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT MAKEDATE(YEAR(a.appt_date), 1) AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_year.visits_open + VALUES(visits_open), visits_completed = summary_doctor_year.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_year.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_year.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_year.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT DATE_SUB(NEW.billing_date, INTERVAL DAYOFMONTH(NEW.billing_date) - 1 DAY) AS k0, i.service_id AS k1, (i.quantity) AS m0, (i.line_total) AS m1 FROM bill_items i WHERE NEW.bill_id = i.bill_id AND NEW.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_month.quantity + VALUES(quantity), revenue = summary_service_month.revenue + VALUES(revenue);
END IF; END//
CREATE TRIGGER sum_billing_update AFTER UPDATE ON billing FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT a.appt_date AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void' AND (NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT a.appt_date AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void' AND (NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount))) AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_day.visits_open + VALUES(visits_open), visits_completed = summary_doctor_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_day.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_day.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT OLD.billing_date AS k0, i.service_id AS k1, -(i.quantity) AS m0, -(i.line_total) AS m1 FROM bill_items i WHERE OLD.bill_id = i.bill_id AND OLD.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT NEW.billing_date AS k0, i.service_id AS k1, (i.quantity) AS m0, (i.line_total) AS m1 FROM bill_items i WHERE NEW.bill_id = i.bill_id AND NEW.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status))) AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_day.quantity + VALUES(quantity), revenue = summary_service_day.revenue + VALUES(revenue);
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT OLD.billing_date AS k0, -(1) AS m0, -(OLD.total_amount) AS m1, 0 AS m2, 0 AS m3, 0 AS m4 FROM DUAL WHERE OLD.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT NEW.billing_date AS k0, (1) AS m0, (NEW.total_amount) AS m1, 0 AS m2, 0 AS m3, 0 AS m4 FROM DUAL WHERE NEW.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, -(c.amount) AS m2, 0 AS m3, 0 AS m4 FROM credit_notes c WHERE OLD.bill_id = c.bill_id AND OLD.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, (c.amount) AS m2, 0 AS m3, 0 AS m4 FROM credit_notes c WHERE NEW.bill_id = c.bill_id AND NEW.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(y.amount) AS m3, 0 AS m4 FROM payments y WHERE OLD.bill_id = y.bill_id AND OLD.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (y.amount) AS m3, 0 AS m4 FROM payments y WHERE NEW.bill_id = y.bill_id AND NEW.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(u.amount) AS m3, 0 AS m4 FROM deposit_uses u WHERE OLD.bill_id = u.bill_id AND OLD.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (u.amount) AS m3, 0 AS m4 FROM deposit_uses u WHERE NEW.bill_id = u.bill_id AND NEW.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(r.amount) AS m4 FROM refunds r WHERE OLD.bill_id = r.bill_id AND OLD.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT NEW.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (r.amount) AS m4 FROM refunds r WHERE NEW.bill_id = r.bill_id AND NEW.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount))) AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT DATE_SUB(a.appt_date, INTERVAL DAYOFMONTH(a.appt_date) - 1 DAY) AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4, 0 AS m5 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void' AND (NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT DATE_SUB(a.appt_date, INTERVAL DAYOFMONTH(a.appt_date) - 1 DAY) AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4, 0 AS m5 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void' AND (NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount))) AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_month.visits_open + VALUES(visits_open), visits_completed = summary_doctor_month.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_month.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_month.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_month.completed_billed + VALUES(completed_billed), visits_held = summary_doctor_month.visits_held + VALUES(visits_held);
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT MAKEDATE(YEAR(a.appt_date), 1) AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void' AND (NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount)) UNION ALL SELECT MAKEDATE(YEAR(a.appt_date), 1) AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.total_amount) AS m4 FROM appointments a WHERE a.appt_id = NEW.appt_id AND a.status = 'completed' AND NEW.status <> 'void' AND (NOT (OLD.appt_id <=> NEW.appt_id) OR NOT (OLD.status <=> NEW.status) OR NOT (OLD.total_amount <=> NEW.total_amount))) AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_year.visits_open + VALUES(visits_open), visits_completed = summary_doctor_year.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_year.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_year.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_year.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT DATE_SUB(OLD.billing_date, INTERVAL DAYOFMONTH(OLD.billing_date) - 1 DAY) AS k0, i.service_id AS k1, -(i.quantity) AS m0, -(i.line_total) AS m1 FROM bill_items i WHERE OLD.bill_id = i.bill_id AND OLD.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status)) UNION ALL SELECT DATE_SUB(NEW.billing_date, INTERVAL DAYOFMONTH(NEW.billing_date) - 1 DAY) AS k0, i.service_id AS k1, (i.quantity) AS m0, (i.line_total) AS m1 FROM bill_items i WHERE NEW.bill_id = i.bill_id AND NEW.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.billing_date <=> NEW.billing_date) OR NOT (OLD.status <=> NEW.status))) AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_month.quantity + VALUES(quantity), revenue = summary_service_month.revenue + VALUES(revenue);
END IF; END//
CREATE TRIGGER sum_billing_delete AFTER DELETE ON billing FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_doctor_day (day, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT a.appt_date AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_day.visits_open + VALUES(visits_open), visits_completed = summary_doctor_day.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_day.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_day.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_day.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT OLD.billing_date AS k0, i.service_id AS k1, -(i.quantity) AS m0, -(i.line_total) AS m1 FROM bill_items i WHERE OLD.bill_id = i.bill_id AND OLD.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_day.quantity + VALUES(quantity), revenue = summary_service_day.revenue + VALUES(revenue);
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT OLD.billing_date AS k0, -(1) AS m0, -(OLD.total_amount) AS m1, 0 AS m2, 0 AS m3, 0 AS m4 FROM DUAL WHERE OLD.status <> 'void' UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, -(c.amount) AS m2, 0 AS m3, 0 AS m4 FROM credit_notes c WHERE OLD.bill_id = c.bill_id AND OLD.status <> 'void' UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(y.amount) AS m3, 0 AS m4 FROM payments y WHERE OLD.bill_id = y.bill_id AND OLD.status <> 'void' UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(u.amount) AS m3, 0 AS m4 FROM deposit_uses u WHERE OLD.bill_id = u.bill_id AND OLD.status <> 'void' UNION ALL SELECT OLD.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(r.amount) AS m4 FROM refunds r WHERE OLD.bill_id = r.bill_id AND OLD.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
    INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed, visits_held)
    SELECT * FROM (SELECT DATE_SUB(a.appt_date, INTERVAL DAYOFMONTH(a.appt_date) - 1 DAY) AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4, 0 AS m5 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_month.visits_open + VALUES(visits_open), visits_completed = summary_doctor_month.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_month.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_month.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_month.completed_billed + VALUES(completed_billed), visits_held = summary_doctor_month.visits_held + VALUES(visits_held);
    INSERT INTO summary_doctor_year (year_start, doctor_id, visits_open, visits_completed, visits_cancelled, visits_no_show, completed_billed)
    SELECT * FROM (SELECT MAKEDATE(YEAR(a.appt_date), 1) AS k0, a.doctor_id AS k1, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.total_amount) AS m4 FROM appointments a WHERE a.appt_id = OLD.appt_id AND a.status = 'completed' AND OLD.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE visits_open = summary_doctor_year.visits_open + VALUES(visits_open), visits_completed = summary_doctor_year.visits_completed + VALUES(visits_completed), visits_cancelled = summary_doctor_year.visits_cancelled + VALUES(visits_cancelled), visits_no_show = summary_doctor_year.visits_no_show + VALUES(visits_no_show), completed_billed = summary_doctor_year.completed_billed + VALUES(completed_billed);
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT DATE_SUB(OLD.billing_date, INTERVAL DAYOFMONTH(OLD.billing_date) - 1 DAY) AS k0, i.service_id AS k1, -(i.quantity) AS m0, -(i.line_total) AS m1 FROM bill_items i WHERE OLD.bill_id = i.bill_id AND OLD.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_month.quantity + VALUES(quantity), revenue = summary_service_month.revenue + VALUES(revenue);
END IF; END//
CREATE TRIGGER sum_bill_items_insert AFTER INSERT ON bill_items FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT b.billing_date AS k0, NEW.service_id AS k1, (NEW.quantity) AS m0, (NEW.line_total) AS m1 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_day.quantity + VALUES(quantity), revenue = summary_service_day.revenue + VALUES(revenue);
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT DATE_SUB(b.billing_date, INTERVAL DAYOFMONTH(b.billing_date) - 1 DAY) AS k0, NEW.service_id AS k1, (NEW.quantity) AS m0, (NEW.line_total) AS m1 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_month.quantity + VALUES(quantity), revenue = summary_service_month.revenue + VALUES(revenue);
END IF; END//
CREATE TRIGGER sum_bill_items_update AFTER UPDATE ON bill_items FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT b.billing_date AS k0, OLD.service_id AS k1, -(OLD.quantity) AS m0, -(OLD.line_total) AS m1 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.line_total <=> NEW.line_total) OR NOT (OLD.quantity <=> NEW.quantity) OR NOT (OLD.service_id <=> NEW.service_id)) UNION ALL SELECT b.billing_date AS k0, NEW.service_id AS k1, (NEW.quantity) AS m0, (NEW.line_total) AS m1 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.line_total <=> NEW.line_total) OR NOT (OLD.quantity <=> NEW.quantity) OR NOT (OLD.service_id <=> NEW.service_id))) AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_day.quantity + VALUES(quantity), revenue = summary_service_day.revenue + VALUES(revenue);
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT DATE_SUB(b.billing_date, INTERVAL DAYOFMONTH(b.billing_date) - 1 DAY) AS k0, OLD.service_id AS k1, -(OLD.quantity) AS m0, -(OLD.line_total) AS m1 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.line_total <=> NEW.line_total) OR NOT (OLD.quantity <=> NEW.quantity) OR NOT (OLD.service_id <=> NEW.service_id)) UNION ALL SELECT DATE_SUB(b.billing_date, INTERVAL DAYOFMONTH(b.billing_date) - 1 DAY) AS k0, NEW.service_id AS k1, (NEW.quantity) AS m0, (NEW.line_total) AS m1 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (NOT (OLD.bill_id <=> NEW.bill_id) OR NOT (OLD.line_total <=> NEW.line_total) OR NOT (OLD.quantity <=> NEW.quantity) OR NOT (OLD.service_id <=> NEW.service_id))) AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_month.quantity + VALUES(quantity), revenue = summary_service_month.revenue + VALUES(revenue);
END IF; END//
CREATE TRIGGER sum_bill_items_delete AFTER DELETE ON bill_items FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_service_day (day, service_id, quantity, revenue)
    SELECT * FROM (SELECT b.billing_date AS k0, OLD.service_id AS k1, -(OLD.quantity) AS m0, -(OLD.line_total) AS m1 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_day.quantity + VALUES(quantity), revenue = summary_service_day.revenue + VALUES(revenue);
    INSERT INTO summary_service_month (month_start, service_id, quantity, revenue)
    SELECT * FROM (SELECT DATE_SUB(b.billing_date, INTERVAL DAYOFMONTH(b.billing_date) - 1 DAY) AS k0, OLD.service_id AS k1, -(OLD.quantity) AS m0, -(OLD.line_total) AS m1 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE quantity = summary_service_month.quantity + VALUES(quantity), revenue = summary_service_month.revenue + VALUES(revenue);
END IF; END//
CREATE TRIGGER sum_credit_notes_insert AFTER INSERT ON credit_notes FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, (NEW.amount) AS m2, 0 AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
END IF; END//
CREATE TRIGGER sum_credit_notes_update AFTER UPDATE ON credit_notes FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, -(OLD.amount) AS m2, 0 AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.bill_id <=> NEW.bill_id)) UNION ALL SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, (NEW.amount) AS m2, 0 AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.bill_id <=> NEW.bill_id))) AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
END IF; END//
CREATE TRIGGER sum_credit_notes_delete AFTER DELETE ON credit_notes FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, -(OLD.amount) AS m2, 0 AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
END IF; END//
CREATE TRIGGER sum_payments_insert AFTER INSERT ON payments FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (NEW.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT NEW.paid_on AS k0, NEW.method AS k1, (1) AS m0, (NEW.amount) AS m1, 0 AS m2, 0 AS m3 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE receipts_in = summary_method_day.receipts_in + VALUES(receipts_in), amount_in = summary_method_day.amount_in + VALUES(amount_in), refunds_out = summary_method_day.refunds_out + VALUES(refunds_out), amount_out = summary_method_day.amount_out + VALUES(amount_out);
END IF; END//
CREATE TRIGGER sum_payments_update AFTER UPDATE ON payments FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(OLD.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.bill_id <=> NEW.bill_id)) UNION ALL SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (NEW.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.bill_id <=> NEW.bill_id))) AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.paid_on AS k0, OLD.method AS k1, -(1) AS m0, -(OLD.amount) AS m1, 0 AS m2, 0 AS m3 FROM DUAL WHERE (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.method <=> NEW.method) OR NOT (OLD.paid_on <=> NEW.paid_on)) UNION ALL SELECT NEW.paid_on AS k0, NEW.method AS k1, (1) AS m0, (NEW.amount) AS m1, 0 AS m2, 0 AS m3 FROM DUAL WHERE (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.method <=> NEW.method) OR NOT (OLD.paid_on <=> NEW.paid_on))) AS delta
    ON DUPLICATE KEY UPDATE receipts_in = summary_method_day.receipts_in + VALUES(receipts_in), amount_in = summary_method_day.amount_in + VALUES(amount_in), refunds_out = summary_method_day.refunds_out + VALUES(refunds_out), amount_out = summary_method_day.amount_out + VALUES(amount_out);
END IF; END//
CREATE TRIGGER sum_payments_delete AFTER DELETE ON payments FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(OLD.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.paid_on AS k0, OLD.method AS k1, -(1) AS m0, -(OLD.amount) AS m1, 0 AS m2, 0 AS m3 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE receipts_in = summary_method_day.receipts_in + VALUES(receipts_in), amount_in = summary_method_day.amount_in + VALUES(amount_in), refunds_out = summary_method_day.refunds_out + VALUES(refunds_out), amount_out = summary_method_day.amount_out + VALUES(amount_out);
END IF; END//
CREATE TRIGGER sum_deposit_uses_insert AFTER INSERT ON deposit_uses FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (NEW.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
END IF; END//
CREATE TRIGGER sum_deposit_uses_update AFTER UPDATE ON deposit_uses FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(OLD.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.bill_id <=> NEW.bill_id)) UNION ALL SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, (NEW.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.bill_id <=> NEW.bill_id))) AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
END IF; END//
CREATE TRIGGER sum_deposit_uses_delete AFTER DELETE ON deposit_uses FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, -(OLD.amount) AS m3, 0 AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
END IF; END//
CREATE TRIGGER sum_refunds_insert AFTER INSERT ON refunds FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.amount) AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT NEW.refunded_on AS k0, NEW.method AS k1, 0 AS m0, 0 AS m1, (1) AS m2, (NEW.amount) AS m3 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE receipts_in = summary_method_day.receipts_in + VALUES(receipts_in), amount_in = summary_method_day.amount_in + VALUES(amount_in), refunds_out = summary_method_day.refunds_out + VALUES(refunds_out), amount_out = summary_method_day.amount_out + VALUES(amount_out);
END IF; END//
CREATE TRIGGER sum_refunds_update AFTER UPDATE ON refunds FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.amount) AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void' AND (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.bill_id <=> NEW.bill_id)) UNION ALL SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, (NEW.amount) AS m4 FROM billing b WHERE b.bill_id = NEW.bill_id AND b.status <> 'void' AND (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.bill_id <=> NEW.bill_id))) AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.refunded_on AS k0, OLD.method AS k1, 0 AS m0, 0 AS m1, -(1) AS m2, -(OLD.amount) AS m3 FROM DUAL WHERE (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.method <=> NEW.method) OR NOT (OLD.refunded_on <=> NEW.refunded_on)) UNION ALL SELECT NEW.refunded_on AS k0, NEW.method AS k1, 0 AS m0, 0 AS m1, (1) AS m2, (NEW.amount) AS m3 FROM DUAL WHERE (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.method <=> NEW.method) OR NOT (OLD.refunded_on <=> NEW.refunded_on))) AS delta
    ON DUPLICATE KEY UPDATE receipts_in = summary_method_day.receipts_in + VALUES(receipts_in), amount_in = summary_method_day.amount_in + VALUES(amount_in), refunds_out = summary_method_day.refunds_out + VALUES(refunds_out), amount_out = summary_method_day.amount_out + VALUES(amount_out);
END IF; END//
CREATE TRIGGER sum_refunds_delete AFTER DELETE ON refunds FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_bill_day (day, bills, billed, credited, received, refunded)
    SELECT * FROM (SELECT b.billing_date AS k0, 0 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, -(OLD.amount) AS m4 FROM billing b WHERE b.bill_id = OLD.bill_id AND b.status <> 'void') AS delta
    ON DUPLICATE KEY UPDATE bills = summary_bill_day.bills + VALUES(bills), billed = summary_bill_day.billed + VALUES(billed), credited = summary_bill_day.credited + VALUES(credited), received = summary_bill_day.received + VALUES(received), refunded = summary_bill_day.refunded + VALUES(refunded);
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.refunded_on AS k0, OLD.method AS k1, 0 AS m0, 0 AS m1, -(1) AS m2, -(OLD.amount) AS m3 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE receipts_in = summary_method_day.receipts_in + VALUES(receipts_in), amount_in = summary_method_day.amount_in + VALUES(amount_in), refunds_out = summary_method_day.refunds_out + VALUES(refunds_out), amount_out = summary_method_day.amount_out + VALUES(amount_out);
END IF; END//
CREATE TRIGGER sum_deposits_insert AFTER INSERT ON deposits FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT NEW.received_on AS k0, NEW.method AS k1, (1) AS m0, (NEW.amount) AS m1, 0 AS m2, 0 AS m3 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE receipts_in = summary_method_day.receipts_in + VALUES(receipts_in), amount_in = summary_method_day.amount_in + VALUES(amount_in), refunds_out = summary_method_day.refunds_out + VALUES(refunds_out), amount_out = summary_method_day.amount_out + VALUES(amount_out);
END IF; END//
CREATE TRIGGER sum_deposits_update AFTER UPDATE ON deposits FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.received_on AS k0, OLD.method AS k1, -(1) AS m0, -(OLD.amount) AS m1, 0 AS m2, 0 AS m3 FROM DUAL WHERE (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.method <=> NEW.method) OR NOT (OLD.received_on <=> NEW.received_on)) UNION ALL SELECT NEW.received_on AS k0, NEW.method AS k1, (1) AS m0, (NEW.amount) AS m1, 0 AS m2, 0 AS m3 FROM DUAL WHERE (NOT (OLD.amount <=> NEW.amount) OR NOT (OLD.method <=> NEW.method) OR NOT (OLD.received_on <=> NEW.received_on))) AS delta
    ON DUPLICATE KEY UPDATE receipts_in = summary_method_day.receipts_in + VALUES(receipts_in), amount_in = summary_method_day.amount_in + VALUES(amount_in), refunds_out = summary_method_day.refunds_out + VALUES(refunds_out), amount_out = summary_method_day.amount_out + VALUES(amount_out);
END IF; END//
CREATE TRIGGER sum_deposits_delete AFTER DELETE ON deposits FOR EACH ROW BEGIN IF @hms_summaries_paused IS NULL THEN
    INSERT INTO summary_method_day (day, method, receipts_in, amount_in, refunds_out, amount_out)
    SELECT * FROM (SELECT OLD.received_on AS k0, OLD.method AS k1, -(1) AS m0, -(OLD.amount) AS m1, 0 AS m2, 0 AS m3 FROM DUAL) AS delta
    ON DUPLICATE KEY UPDATE receipts_in = summary_method_day.receipts_in + VALUES(receipts_in), amount_in = summary_method_day.amount_in + VALUES(amount_in), refunds_out = summary_method_day.refunds_out + VALUES(refunds_out), amount_out = summary_method_day.amount_out + VALUES(amount_out);
END IF; END//
DELIMITER ;
-- END summary triggers

CREATE TABLE schema_migrations (
    version     INT UNSIGNED NOT NULL,
    title       VARCHAR(200) NOT NULL,
    applied_on  DATETIME NOT NULL,
    PRIMARY KEY (version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO schema_migrations (version, title, applied_on) VALUES (12, 'created at version 12', NOW());
