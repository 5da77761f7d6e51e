"""Documents: invoices (one, or every bill of a range), the CSV exports, the daily report and the
PDF summary. The operations gather the records; documents/ turns them into files."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..documents.csv_files import write_batches_csv, write_report_csv, write_rows_csv
from ..documents.files import check_target, free_path, writable_folder
from ..documents.invoice import Invoice
from ..documents.invoice_text import write_text
from ..documents.layout import hospital_header
from ..domain.codes import format_code
from ..domain.errors import NothingToPrint
from ..domain.period import EARLIEST, Period
from ..domain.staff import Permission
from ..storage import reports
from ..storage.exports import EXPORTS, export_rows, text_columns
from ..storage.unit_of_work import Repositories
from .context import Context, allowed

INVOICE_CHUNK = 50  # bills read, counted and written per transaction in a batch
VISIT_COLUMNS = ["appointment", "date", "time", "patient", "doctor", "doctor_name", "specialization", "status",
                 "diagnosis"]
EXPORT_KINDS = list(EXPORTS)


@allowed(Permission.PRINT_INVOICES)
def print_invoice(ctx: Context, bill_id: int, *, text: bool = True, pdf: bool = False) -> list[Path]:
    """Count the print, then write the chosen files. A second print is stamped DUPLICATE."""
    folder = writable_folder(ctx.settings.invoices_dir)
    with ctx.unit_of_work() as uow:
        paths = _print(ctx, uow, [bill_id], folder, text, pdf)
        code = format_code("bill", bill_id)
        uow.audit(f"invoice {code} printed", "invoice.print", code)
        uow.commit()
    return paths


@allowed(Permission.PRINT_INVOICES)
def bills_between(ctx: Context, period: Period) -> list[int]:
    """The bills dated in the period, by number."""
    return ctx.repos.bills.ids_between(period.first, period.last)


@allowed(Permission.PRINT_INVOICES)
def print_invoices(ctx: Context, bill_ids: list[int], *, text: bool = True, pdf: bool = False,
                   progress: Callable[[int], None] | None = None, chunk: int = INVOICE_CHUNK) -> int:
    """Each bill's invoice as print_invoice writes it, `chunk` bills to a transaction (read
    together, counted together), which keeps the database's share of the work small."""
    folder = writable_folder(ctx.settings.invoices_dir)
    for start in range(0, len(bill_ids), chunk):
        part = bill_ids[start:start + chunk]
        with ctx.unit_of_work() as uow:
            _print(ctx, uow, part, folder, text, pdf)
            first, last = format_code("bill", part[0]), format_code("bill", part[-1])
            uow.audit(f"{len(part)} invoices printed, {first} to {last}", "invoice.print", f"{first}-{last}")
            uow.commit()
        if progress:
            progress(len(part))
    return len(bill_ids)


def _print(ctx: Context, repos: Repositories, bill_ids: list[int], folder: Path, text: bool, pdf: bool) -> list[Path]:
    if pdf:
        from ..documents.invoice_pdf import write_pdf  # reportlab is loaded only when a PDF is asked for
    printed_before = repos.bills.record_prints(bill_ids)
    paths = []
    for invoice in load_invoices(ctx, repos, bill_ids, printed_before):
        # A reprint is a file of its own: the copy the patient was given stays as it was.
        stem = invoice.file_stem + (f"_duplicate_{printed_before[invoice.bill.bill_id]}" if invoice.duplicate else "")
        if text:
            paths.append(write_text(invoice, folder / f"{stem}.txt"))
        if pdf:
            paths.append(write_pdf(invoice, folder / f"{stem}.pdf"))
    return paths


def load_invoices(ctx: Context, repos: Repositories, bill_ids: list[int],
                  printed_before: dict[int, int]) -> list[Invoice]:
    """Everything the invoices of these bills print, in a handful of queries for all of them."""
    bills = repos.bills.get_many(bill_ids)
    items, payments = repos.bills.items_of(bill_ids), repos.bills.payments_of(bill_ids)
    patients = repos.patients.get_many(sorted({bill.patient_id for bill in bills.values()}))
    doctors = repos.doctors.for_appointments(sorted({b.appt_id for b in bills.values() if b.appt_id is not None}))
    settings, invoices, header = ctx.settings, [], hospital_header(ctx.settings)
    for bill_id in bill_ids:
        bill = bills[bill_id]
        doctor = doctors.get(bill.appt_id) if bill.appt_id is not None else None
        moved = bill.received or bill.credited  # only then can it have receipts or credit notes
        invoices.append(Invoice(bill, items[bill_id], patients[bill.patient_id], doctor, payments[bill_id], header,
                                settings.currency, duplicate=printed_before.get(bill_id, 0) > 0,
                                printed_at=ctx.now(), printed_by=_printed_by(ctx),
                                receipts=repos.receipts.for_bill(bill_id) if moved else [],
                                credit_notes=repos.credit_notes.for_bill(bill_id) if bill.credited else []))
    return invoices


def _printed_by(ctx: Context) -> str:
    return "" if ctx.actor.user_id is None else ctx.actor.login


@allowed(Permission.TAKE_PAYMENTS)
def print_receipt(ctx: Context, receipt_no: int, *, text: bool = True, pdf: bool = False) -> list[Path]:
    """A receipt's text and/or PDF; a reprint is stamped DUPLICATE and written beside the first."""
    from ..documents.receipt import PrintedReceipt, receipt_document
    folder = writable_folder(ctx.settings.receipts_dir)
    with ctx.unit_of_work() as uow:
        before = uow.receipts.record_print(receipt_no)
        receipt = uow.receipts.get(receipt_no)
        printed = PrintedReceipt(receipt, uow.patients.get(receipt.patient_id), hospital_header(ctx.settings),
                                 ctx.settings.currency, before > 0, ctx.now())
        paths = _write(receipt_document(printed), folder, printed.file_stem, before, text, pdf)
        uow.audit(f"receipt {receipt.code} printed", "receipt.print", receipt.code)
        uow.commit()
    return paths


@allowed(Permission.PRINT_INVOICES)
def print_credit_note(ctx: Context, credit_id: int, *, text: bool = True, pdf: bool = False) -> list[Path]:
    from ..documents.receipt import PrintedCreditNote, credit_note_document
    folder = writable_folder(ctx.settings.invoices_dir)
    with ctx.unit_of_work() as uow:
        before = uow.credit_notes.record_print(credit_id)
        note = uow.credit_notes.get(credit_id)
        bill = uow.bills.get(note.bill_id)
        services = {line.service_id: uow.services.get(line.service_id) for line in note.lines}
        printed = PrintedCreditNote(note, bill, uow.patients.get(bill.patient_id), services,
                                    hospital_header(ctx.settings), ctx.settings.currency, before > 0, ctx.now())
        paths = _write(credit_note_document(printed), folder, printed.file_stem, before, text, pdf)
        uow.audit(f"credit note {note.code} printed", "credit_note.print", note.code)
        uow.commit()
    return paths


@allowed(Permission.VIEW_CLINICAL)
def print_prescription(ctx: Context, appt_id: int, *, text: bool = True, pdf: bool = False) -> list[Path]:
    """The visit's prescription as text and/or PDF; a reprint is stamped DUPLICATE."""
    from ..documents.prescription import PrintedPrescription, prescription_document
    folder = writable_folder(ctx.settings.prescriptions_dir)
    with ctx.unit_of_work() as uow:
        appointment = uow.appointments.get(appt_id)
        medicines = uow.visits.prescription(appt_id)
        if not medicines:
            raise NothingToPrint(f"appointment {appointment.code} has no prescription")
        before = uow.visits.record_prescription_print(appt_id)
        doctor = uow.doctors.get(appointment.doctor_id)
        department = uow.departments.get(doctor.department_id or 0).name  # a stored doctor has one
        printed = PrintedPrescription(appointment, uow.patients.get(appointment.patient_id), doctor, department,
                                      medicines, hospital_header(ctx.settings), before > 0, ctx.now())
        paths = _write(prescription_document(printed), folder, printed.file_stem, before, text, pdf)
        uow.audit(f"prescription {appointment.code} printed", "prescription.print", appointment.code)
        uow.commit()
    return paths


@allowed(Permission.VIEW_HISTORY)
def print_history(ctx: Context, patient_id: int) -> Path:
    """The patient's history as a PDF (with the clinical record for those who may read it), in
    the histories folder, readable by its owner only; the print is on the audit trail."""
    from ..documents.history_pdf import PrintedHistory, write_history_pdf
    from .history import patient_history
    history = patient_history(ctx, patient_id)
    printed = PrintedHistory(history, hospital_header(ctx.settings), ctx.settings.currency, ctx.today(), ctx.now())
    folder = writable_folder(ctx.settings.histories_dir)
    path = write_history_pdf(printed, free_path(folder / f"{printed.file_stem}.pdf"))
    clinical = " with the clinical record" if history.clinical else ""
    ctx.record(f"history of patient {history.patient.code} printed{clinical}", "history.print", history.patient.code)
    return path


def _write(document, folder: Path, stem: str, printed_before: int, text: bool, pdf: bool) -> list[Path]:
    """A document's files; a reprint gets files of its own (the first copy stays as it was)."""
    from ..documents.text_document import write_text_document
    name = stem + (f"_duplicate_{printed_before}" if printed_before else "")
    paths = [write_text_document(document, folder / f"{name}.txt")] if text else []
    if pdf:
        from ..documents.pdf_document import write_pdf_document  # reportlab loads only for a PDF
        paths.append(write_pdf_document(document, folder / f"{name}.pdf"))
    return paths


def default_export_path(ctx: Context, what: str, period: Period) -> Path:
    """The reports folder, a name that carries the period, and never the name of an earlier copy."""
    return free_path(ctx.settings.reports_dir / f"{what}_summary_{period_in_name(period)}.csv")


def period_in_name(period: Period) -> str:
    """20261122 for a day, 20261101_20261130 for a range, upto_20261122 for every day until then."""
    if period.first == EARLIEST:
        return f"upto_{period.last:%Y%m%d}"
    if period.first == period.last:
        return f"{period.first:%Y%m%d}"
    return f"{period.first:%Y%m%d}_{period.last:%Y%m%d}"


@allowed(Permission.EXPORT)
def export(ctx: Context, what: str, period: Period, path: Path, *, replace: bool = False) -> int:
    """One row per bill (`billing`) or per appointment (`appointments`) of the period, with the
    names joined in, to a CSV file. Returns how many rows it wrote. The file must not be one of the
    application's own, and an existing file is replaced only when `replace` says so (FileExists)."""
    check_target(path, ctx.settings.own_files(), replace)
    columns, batches = export_rows(ctx.db, what, period)
    count = write_batches_csv(path, columns, batches, text_columns(what))
    ctx.record(f"export {what} for {period}: {count} rows", f"export.{what}")
    return count


@allowed(Permission.EXPORT)
def write_daily_report(ctx: Context, day: date) -> list[Path]:
    """The day's visits (every appointment: code, time, patient, doctor, status, diagnosis) and
    its cash-up, as two CSV files in the reports folder."""
    folder = ctx.settings.reports_dir
    rows = []
    for view in ctx.repos.appointments.filter(day, day, size=100_000).items:
        a = view.appointment
        rows.append([a.code, a.appt_date, f"{a.appt_time:%H:%M}", format_code("patient", a.patient_id),
                     format_code("doctor", a.doctor_id), view.doctor_name, view.specialization, a.status.label,
                     a.diagnosis])
    visits = write_rows_csv(free_path(folder / f"daily_visits_report_{day:%Y%m%d}.csv"), VISIT_COLUMNS, rows)
    cash = write_report_csv(reports.cash_up(ctx.db, Period(day, day)), free_path(folder / f"cash_up_{day:%Y%m%d}.csv"))
    ctx.record(f"daily report for {day} written", "export.daily_report")
    return [visits, cash]


@allowed(Permission.EXPORT)
def write_summary(ctx: Context, period: Period) -> Path:
    """The PDF summary: key figures, monthly revenue, follow-ups, and three charts."""
    from ..documents.summary_pdf import ROWS_PRINTED, Summary, write_summary_pdf  # reportlab loads only here
    summary = Summary(period, reports.kpi(ctx.db, period, limit=ROWS_PRINTED),
                      reports.busiest_doctors_by_month(ctx.db, period),
                      reports.revenue_by_service(ctx.db, period, limit=10), reports.patient_inflow(ctx.db, period))
    path = free_path(ctx.settings.reports_dir / f"hospital_report_{period_in_name(period)}.pdf")
    write_summary_pdf(summary, path, ctx.settings.hospital_name, ctx.settings.currency, ctx.today())
    ctx.record(f"pdf report for {period} written", "export.pdf_report")
    return path
