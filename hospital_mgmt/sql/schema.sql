-- hospital_mgmt schema for MySQL 8 / MariaDB 10.6+.
-- A DBA creates the database and sources this file inside it:
--   CREATE DATABASE hospital CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
--   USE hospital;
--   SOURCE sql/schema.sql;
-- `python -m hospital_mgmt init-db` does the same with the settings in .env.
-- The SQLite twin of this file is schema_sqlite.sql; a test keeps their tables and columns equal.
-- This is schema version 2 (see storage/migrations.py; a test holds a migrated database equal to it).

CREATE TABLE patients (
    patient_id      INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name            VARCHAR(100) NOT NULL,
    -- name without case, accents or extra spaces: what search and duplicate checks compare.
    -- Already folded by the application, so compared byte for byte (faster, and as in SQLite).
    name_key        VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    age             TINYINT UNSIGNED NOT NULL,
    gender          CHAR(1) NOT NULL,
    contact_no      VARCHAR(16) NOT NULL,
    admission_date  DATE NOT NULL,
    discharge_date  DATE NULL,
    request_key     VARCHAR(64) NULL,
    PRIMARY KEY (patient_id),
    CONSTRAINT ck_patients_age CHECK (age <= 130),
    CONSTRAINT ck_patients_gender CHECK (gender IN ('M', 'F', 'O')),
    CONSTRAINT ck_patients_stay CHECK (discharge_date IS NULL OR discharge_date >= admission_date)
) ENGINE=InnoDB AUTO_INCREMENT=1001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_patients_name_key ON patients (name_key);
CREATE INDEX ix_patients_contact ON patients (contact_no);
CREATE INDEX ix_patients_admission ON patients (admission_date);
CREATE UNIQUE INDEX uq_patients_request_key ON patients (request_key);

CREATE TABLE doctors (
    doctor_id        INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name             VARCHAR(100) NOT NULL,
    name_key         VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    specialization   VARCHAR(60) NOT NULL,
    contact_no       VARCHAR(16) NOT NULL,
    consultation_fee DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (doctor_id),
    CONSTRAINT ck_doctors_fee CHECK (consultation_fee > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_doctors_name_key ON doctors (name_key);
CREATE INDEX ix_doctors_specialization ON doctors (specialization);

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
    status      VARCHAR(10) NOT NULL DEFAULT 'scheduled',
    -- 1 while the appointment holds its slot (scheduled or completed), NULL otherwise.
    -- NULLs never collide in a unique index, so cancelled and no-show rows free the slot.
    live_slot   TINYINT AS (CASE WHEN status IN ('scheduled', 'completed') THEN 1 END) STORED,
    request_key VARCHAR(64) NULL,
    PRIMARY KEY (appt_id),
    CONSTRAINT fk_appointments_patient FOREIGN KEY (patient_id) REFERENCES patients (patient_id),
    CONSTRAINT fk_appointments_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (doctor_id),
    CONSTRAINT ck_appointments_status CHECK (status IN ('scheduled', 'completed', 'cancelled', 'no_show'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX uq_appointments_doctor_slot ON appointments (doctor_id, appt_date, appt_time, live_slot);
CREATE UNIQUE INDEX uq_appointments_patient_slot ON appointments (patient_id, appt_date, appt_time, live_slot);
CREATE INDEX ix_appointments_date ON appointments (appt_date, appt_time);
CREATE UNIQUE INDEX uq_appointments_request_key ON appointments (request_key);

-- One row per numbered sequence; the bill counter is read and raised inside the
-- finalize transaction, so a bill number is used only when its bill is stored.
CREATE TABLE counters (
    name        VARCHAR(20) NOT NULL,
    last_value  INT UNSIGNED NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO counters (name, last_value) VALUES ('bill', 0);

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
CREATE UNIQUE INDEX uq_billing_request_key ON billing (request_key);

CREATE TABLE bill_items (
    bill_id     INT UNSIGNED NOT NULL,
    service_id  INT UNSIGNED NOT NULL,
    quantity    INT UNSIGNED NOT NULL,
    unit_price  DECIMAL(12,2) NOT NULL,
    line_total  DECIMAL(12,2) NOT NULL,
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

CREATE TABLE schema_migrations (
    version     INT UNSIGNED NOT NULL,
    title       VARCHAR(200) NOT NULL,
    applied_on  DATETIME NOT NULL,
    PRIMARY KEY (version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO schema_migrations (version, title, applied_on) VALUES (2, 'created at version 2', NOW());
