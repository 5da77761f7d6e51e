-- Demo data for MySQL/MariaDB, made by hospital_mgmt/seed/generate.py from the CSVs beside it.
-- Run from the project root, inside the database that hospital_mgmt/sql/schema.sql created:
--   mariadb --local-infile=1 hospital < hospital_mgmt/sql/populate.sql
-- (`hospital-mgmt seed` loads the same files through the application.)
-- name_key is the search form of a name (no case, no accents, single spaces). SQL cannot strip
-- accents, so here it is only LOWER(TRIM(name)): a name with accents loaded this way is found by
-- its accented spelling. `hospital-mgmt seed` computes the full form. The same goes for
-- service_key (the service name without case, spaces or punctuation) and department_key. phone_tail is the last ten
-- digits of contact_no, last digit first.

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/services.csv' INTO TABLE services
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (service_id, service_name, cost)
  SET service_key = LOWER(REGEXP_REPLACE(service_name, '[^[:alnum:]]', ''));

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/patients.csv' INTO TABLE patients
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (patient_id, name, gender, birth_date, birth_estimated, contact_no, email, address, city, blood_group, registered_on)
  SET name_key = LOWER(TRIM(name)), phone_tail = REVERSE(RIGHT(contact_no, 10));

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/admissions.csv' INTO TABLE admissions
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (admission_id, patient_id, admitted_on, ward, reason, @discharged)
  SET discharged_on = NULLIF(@discharged, '');

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/departments.csv' INTO TABLE departments
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (department_id, name, location)
  SET department_key = LOWER(REGEXP_REPLACE(name, '[^[:alnum:]]', ''));

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/doctors.csv' INTO TABLE doctors
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (doctor_id, name, specialization, contact_no, consultation_fee, department_id)
  SET name_key = LOWER(TRIM(name));

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/appointments.csv' INTO TABLE appointments
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (appt_id, patient_id, doctor_id, appt_date, appt_time, diagnosis, status);

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/billing.csv' INTO TABLE billing
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (bill_id, patient_id, @appt, consultation_charges, subtotal, discount, tax, total_amount, billing_date, status, void_reason)
  SET appt_id = NULLIF(@appt, '');

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/bill_items.csv' INTO TABLE bill_items
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (bill_id, service_id, quantity, unit_price, line_total);

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/payments.csv' INTO TABLE payments
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (payment_id, bill_id, paid_on, method, amount);

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/visits.csv' INTO TABLE visits
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (appt_id, notes, @weight, @height, @systolic, @diastolic, @pulse, @temperature, @hb, @pregnant, recorded_at)
  SET weight_kg = NULLIF(@weight, ''), height_cm = NULLIF(@height, ''), bp_systolic = NULLIF(@systolic, ''), bp_diastolic = NULLIF(@diastolic, ''), pulse = NULLIF(@pulse, ''), temperature_c = NULLIF(@temperature, ''), haemoglobin = NULLIF(@hb, ''), pregnant = NULLIF(@pregnant, '');

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/lab_tests.csv' INTO TABLE lab_tests
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (test_id, name, unit, @low, @high, @women_low, @women_high)
  SET test_key = LOWER(REGEXP_REPLACE(name, '[^[:alnum:]]', '')), low = NULLIF(@low, ''), high = NULLIF(@high, ''), women_low = NULLIF(@women_low, ''), women_high = NULLIF(@women_high, '');

LOAD DATA LOCAL INFILE 'hospital_mgmt/seed/lab_orders.csv' INTO TABLE lab_orders
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (order_id, appt_id, test_id, ordered_at, @result, @result_on, @flag)
  SET result = NULLIF(@result, ''), result_on = NULLIF(@result_on, ''), flag = NULLIF(@flag, '');

INSERT INTO patient_name_grams (gram, patient_id)
  WITH RECURSIVE places (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM places WHERE i < 98)
  SELECT DISTINCT SUBSTRING(p.name_key, places.i, 3), p.patient_id
  FROM patients p JOIN places ON places.i <= CHAR_LENGTH(p.name_key) - 2;

UPDATE counters SET last_value = (SELECT MAX(bill_id) FROM billing) WHERE name = 'bill';
