"""Bills and money over HTTP on both engines: a bill made from its lines, once per key; payments
with their receipts into the cashier's shift; money only as decimal strings; voids; a credit note
whose large refund needs a manager; deposits; and the invoice and receipt documents read back."""
import io

from pypdf import PdfReader

from tests.api.conftest import problem
from tests.support import PASSWORD

BILL = {"patient": "1001", "lines": [{"service": "S01", "quantity": 3}, {"service": "S02"}], "discount_percent": "10"}


def open_shift(api, login="ravi", opening_float="500"):
    opened = api.post("/shifts", login, json={"opening_float": opening_float})
    assert opened.status_code == 201, opened.text
    return opened.json()


def test_a_bill_is_made_from_its_lines_once_per_key(api):
    made = api.post("/bills", "ravi", json=BILL, headers={"Idempotency-Key": "bill-1"})
    assert made.status_code == 201, made.text
    bill = made.json()
    # 3 x 333.33 + 2000 = 2999.99; 10% = 300.00; total 2699.99 (no tax)
    assert (bill["code"], bill["subtotal"], bill["discount"], bill["total_amount"], bill["balance"], bill["state"]) == (
        "B001", "2999.99", "300.00", "2699.99", "2699.99", "unpaid")
    assert [(i["service"], i["quantity"], i["line_total"]) for i in bill["items"]] == [("S01", 3, "999.99"),
                                                                                      ("S02", 1, "2000.00")]
    again = api.post("/bills", "ravi", json=BILL, headers={"Idempotency-Key": "bill-1"})
    assert (again.status_code, again.json()["code"]) == (201, "B001")
    assert api.db.scalar("SELECT count(*) FROM billing") == 1
    assert api.post("/bills", "ravi", json=BILL).json()["code"] == "B002"  # no key: a new bill


def test_a_bill_that_breaks_a_rule_is_refused_and_nothing_is_written(api):
    problem(api.post("/bills", "ravi", json={"patient": "1001", "lines": []}), 422)  # empty
    problem(api.post("/bills", "ravi", json={**BILL, "discount": "5000.00", "discount_percent": None}), 422)
    problem(api.post("/bills", "ravi", json={**BILL, "lines": [{"service": "S01", "quantity": 0}]}), 422)
    problem(api.post("/bills", "ravi", json={**BILL, "lines": [{"service": "S07"}]}), 404)
    problem(api.post("/bills", "ravi", json={**BILL, "discount": 10}), 422)  # a number where money belongs
    assert api.db.scalar("SELECT count(*) FROM billing") == 0
    assert api.db.scalar("SELECT last_value FROM counters WHERE name = 'bill'") == 0


def test_payments_take_receipts_into_the_cashiers_shift(api):
    bill = api.post("/bills", "ravi", json=BILL).json()["code"]
    refused = problem(api.post(f"/bills/{bill}/payments", "ravi", json={"amount": "100.00"}), 409)
    assert refused["detail"].startswith("ravi has no open shift")
    open_shift(api)
    paid = api.post(f"/bills/{bill}/payments", "ravi", json={"amount": "1,000", "method": "cash", "tendered": "1200"},
                    headers={"Idempotency-Key": "pay-1"})
    assert paid.status_code == 201, paid.text
    receipt = paid.json()["receipt"]
    assert (receipt["code"], receipt["amount"], receipt["change"], receipt["balance_after"], receipt["cashier"]) == (
        "R0001", "1000.00", "200.00", "1699.99", "ravi")
    assert paid.json()["bill"]["state"] == "part-paid"
    again = api.post(f"/bills/{bill}/payments", "ravi", json={"amount": "1000", "method": "cash"},
                     headers={"Idempotency-Key": "pay-1"})
    assert again.json()["receipt"]["code"] == "R0001" and api.db.scalar("SELECT count(*) FROM payments") == 1
    problem(api.post(f"/bills/{bill}/payments", "ravi", json={"amount": "1699.99", "method": "upi"}), 422)
    problem(api.post(f"/bills/{bill}/payments", "ravi", json={"amount": 1699.99, "method": "cash"}), 422)
    problem(api.post(f"/bills/{bill}/payments", "ravi", json={"amount": "1700.00", "method": "cash"}), 422)
    problem(api.post(f"/bills/{bill}/payments", "ravi", json={"amount": "1", "method": "cheque"}), 422)
    rest = api.post(f"/bills/{bill}/payments", "ravi", json={"amount": "1699.99", "method": "upi",
                                                             "reference": "UPI-771"}).json()
    assert (rest["bill"]["state"], rest["bill"]["balance"], rest["receipt"]["reference"]) == ("paid", "0.00", "UPI-771")
    shift = api.get("/shifts/current", "ravi").json()
    assert (shift["expected"]["cash"], shift["expected"]["upi"]) == ("1500.00", "1699.99")
    closed = api.post("/shifts/current/close", "ravi", json={"cash": "1500", "upi": "1699.99"}).json()
    assert closed["difference"] == {"cash": "0.00", "card": "0.00", "upi": "0.00", "insurance": "0.00"}


def test_a_credit_note_with_a_large_refund_needs_a_manager_signing_in(api):
    bill = api.post("/bills", "ravi", json={"patient": "1001", "lines": [{"service": "S02", "quantity": 2}]}).json()
    open_shift(api)
    api.post(f"/bills/{bill['code']}/payments", "ravi", json={"amount": "4000", "method": "card", "reference": "C-1"})
    ask = {"reason": "One knee not scanned", "lines": [{"service": "S02", "quantity": 1}], "refund_method": "card",
           "reference": "C-1-R"}
    needed = problem(api.post("/bills/B001/credit-notes", "ravi", json=ask), 403)
    assert needed["detail"] == "a refund of 2,000.00 is above 1,000.00: a manager must approve it"
    wrong = {**ask, "approver": {"login": "mona", "password": "not hers"}}
    problem(api.post("/bills/B001/credit-notes", "ravi", json=wrong), 401)
    assert api.db.scalar("SELECT count(*) FROM credit_notes") == 0
    approved = {**ask, "approver": {"login": "mona", "password": PASSWORD}}
    done = api.post("/bills/B001/credit-notes", "ravi", json=approved,
                    headers={"Idempotency-Key": "credit-1"})
    assert done.status_code == 201, done.text
    note = done.json()["credit_note"]
    assert (note["code"], note["amount"], note["approved_by"], note["refund"]["amount"]) == (
        "C001", "2000.00", "mona", "2000.00")
    assert done.json()["bill"]["state"] == "part-refunded"
    assert [n["code"] for n in api.get("/bills/B001/credit-notes", "ravi").json()] == ["C001"]
    assert [r["code"] for r in api.get("/bills/B001/receipts", "ravi").json()] == ["R0001", "R0002"]


def test_a_deposit_is_taken_put_towards_a_bill_and_refunded(api):
    open_shift(api)
    deposit = api.post("/patients/1001/deposits", "ravi", json={"amount": "3000", "method": "cash"},
                       headers={"Idempotency-Key": "dep-1"}).json()
    assert (deposit["code"], deposit["kind"], deposit["balance_after"]) == ("R0001", "deposit", "3000.00")
    assert api.get("/patients/1001/deposit", "ravi").json() == {"patient": "1001", "held": "3000.00"}
    api.post("/bills", "ravi", json={"patient": "1001", "lines": [{"service": "S02"}]})
    applied = api.post("/bills/B001/deposit-payments", "ravi", json={"amount": "2000"}).json()
    assert (applied["bill"]["state"], applied["receipt"]["method"]) == ("paid", "deposit")
    problem(api.post("/patients/1001/deposit-refunds", "ravi", json={"amount": "1000.01", "reason": "Back"}), 422)
    back = api.post("/patients/1001/deposit-refunds", "ravi", json={"amount": "1000", "reason": "Going home"}).json()
    assert (back["kind"], back["amount"], back["balance_after"]) == ("refund", "1000.00", "0.00")


def test_a_void_needs_a_bill_that_took_no_money(api):
    api.post("/bills", "ravi", json=BILL)
    voided = api.post("/bills/B001/void", "ravi", json={"reason": "Entered twice"}).json()
    assert (voided["state"], voided["void_reason"], voided["balance"]) == ("void", "Entered twice", "0.00")
    problem(api.post("/bills/B001/void", "ravi", json={"reason": "Again"}), 409)
    problem(api.post("/bills/B001/payments", "ravi", json={"amount": "1"}), 409)


def test_the_invoice_and_receipt_documents_are_the_printed_ones(api):
    api.post("/bills", "ravi", json=BILL)
    open_shift(api)
    api.post("/bills/B001/payments", "ravi", json={"amount": "699.99", "method": "cash"})
    pdf = api.get("/bills/B001/invoice.pdf", "ravi")
    assert (pdf.status_code, pdf.headers["content-type"]) == (200, "application/pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "B001" in text and "2,699.99" in text and "R0001" in text and "DUPLICATE" not in text
    again = api.get("/bills/B001/invoice.txt", "ravi")
    assert again.headers["content-type"].startswith("text/plain") and "INVOICE - DUPLICATE" in again.text
    receipt = api.get("/receipts/R0001/document.txt", "ravi").text
    assert "R0001" in receipt and "699.99" in receipt
    assert "Rupees Six Hundred Ninety Nine and Paise Ninety Nine" in receipt
    assert api.get("/receipts/R0001", "ravi").json()["amount"] == "699.99"
    problem(api.get("/bills/B001/invoice.doc", "ravi"), 404)
    problem(api.get("/bills/B001/invoice.pdf", "dina"), 403)
