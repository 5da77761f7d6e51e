import re

from hospital_mgmt import __version__
from tests.conftest import MYSQL_ENV, require_mysql
from tests.e2e.helpers import open_hospital, run_app
from tests.support import ADMIN_EXIT, AS_ADMIN, AS_CLERK, CLERK_EXIT, FIRST_ADMINISTRATOR, PASSWORD


def test_version_and_help_list_the_commands(tmp_path):
    assert run_app(["--version"], tmp_path).stdout.strip() == f"hospital_mgmt {__version__}"
    help_text = run_app(["--help"], tmp_path).stdout
    for command in ("init-db", "seed", "--debug"):
        assert command in help_text


def test_init_db_creates_the_schema_and_loads_the_demo_data(terminal):
    result = terminal.run(["init-db"])
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"Loaded 10357 demo rows in \d+\.\d\d s\.", result.stdout.splitlines()[-1]), result.stdout
    assert "Created the first administrator, admin" in result.stdout
    assert terminal.scalar("SELECT login FROM users") == "admin"
    assert terminal.scalar("SELECT count(*) FROM doctors") == 250
    assert terminal.scalar("SELECT count(*) FROM payments") == 1188


def test_init_db_empty_then_seed(terminal):
    assert terminal.init_db("--empty").returncode == 0
    assert terminal.scalar("SELECT count(*) FROM patients") == 0
    result = terminal.run(["seed"])
    assert result.returncode == 0 and "patients 600" in result.stdout and "appointments 2000" in result.stdout
    assert terminal.scalar("SELECT count(*) FROM patients") == 600
    again = terminal.run(["seed"])
    assert again.returncode == 1
    assert again.stderr.strip() == ("Error: the database already has records; "
                                    "seed loads demo data only into an empty database")
    assert terminal.scalar("SELECT count(*) FROM patients") == 600


def test_an_unknown_engine_stops_start_up_with_one_line(tmp_path):
    result = run_app([], tmp_path, DB_ENGINE="postgres")
    assert result.returncode == 2
    assert result.stderr == "Error: DB_ENGINE must be 'sqlite' or 'mysql', not 'postgres'\n"


def test_a_bad_tax_rate_in_the_env_file_stops_start_up(tmp_path):
    (tmp_path / ".env").write_text("TAX_RATE=abc\n")
    result = run_app(["init-db"], tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("Error: TAX_RATE must be a percentage")


def test_an_unreachable_mysql_server_gives_host_port_and_reason_without_traceback(tmp_path):
    result = run_app(["init-db"], tmp_path, DB_ENGINE="mysql", DB_HOST="127.0.0.1", DB_PORT="1")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot reach MySQL at 127.0.0.1:1 as root:")


def test_a_wrong_mysql_password_gives_one_line(tmp_path):
    require_mysql()
    result = run_app(["init-db"], tmp_path, **{**MYSQL_ENV, "DB_USER": "hms_nobody", "DB_PASSWORD": "bad"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: cannot reach MySQL at ") and "Access denied" in result.stderr


def test_a_database_file_in_a_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "blocker").write_text("a file, not a folder")
    result = run_app(["init-db"], tmp_path, SQLITE_PATH=str(tmp_path / "blocker" / "h.db"))
    assert result.returncode == 1 and result.stderr.startswith("Error: cannot create the folder")


def test_first_start_creates_the_database_offers_demo_data_and_shows_the_menu(terminal):
    if terminal.engine == "mysql":  # the app never creates a MySQL database unasked: a DBA does, or init-db
        refused = terminal.run([], input_text="8\n")
        assert (refused.returncode, refused.stdout) == (1, "")
        assert refused.stderr == (f"Error: MySQL at {terminal.env['DB_HOST']}:{terminal.env['DB_PORT']} has no database"
                                  f" '{terminal.env['DB_NAME']}'; run `hospital-mgmt init-db`\n")
        terminal.create_empty_database()
    typed = ["", *FIRST_ADMINISTRATOR, *AS_ADMIN, ADMIN_EXIT]  # demo data: Enter takes the default, yes
    result = terminal.run([], input_text="\n".join(typed) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Created a new database" in result.stdout and "Load the demo data" in result.stdout
    assert "There are no staff accounts yet. Create the first administrator" in result.stdout
    assert "Administrator admin created." in result.stdout and "Signed in as admin (administrator)." in result.stdout
    assert "Main menu >" in result.stdout and result.stdout.rstrip().endswith("Goodbye.")
    assert terminal.scalar("SELECT count(*) FROM patients") == 600
    assert terminal.rows("SELECT u.login, u.full_name, r.role FROM users u JOIN user_roles r ON r.user_id = u.user_id"
                         ) == [("admin", "Asha Admin", "administrator")]
    assert PASSWORD not in terminal.scalar("SELECT password_hash FROM users")


def test_invoice_commands_write_one_bill_or_a_range_and_print_the_path(terminal):
    invoices = terminal.folder / "output" / "invoices"
    assert terminal.init_db().returncode == 0
    one = terminal.run(["invoice", "B001", "--pdf"])
    assert one.returncode == 0 and one.stdout.strip() == str(invoices / "bill_B001.pdf")
    text = terminal.run(["invoice", "b1"])
    assert text.stdout.strip() == str(invoices / "bill_B001_duplicate_1.txt")
    reprint = (invoices / "bill_B001_duplicate_1.txt").read_text(encoding="utf-8")
    assert "INVOICE - DUPLICATE" in reprint and "Bill:           B001" in reprint
    assert terminal.scalar("SELECT print_count FROM billing WHERE bill_id = 1") == 2
    assert (invoices / "bill_B001.pdf").stat().st_size > 1000  # the first copy stays
    batch = terminal.run(["invoice", "--from", "2025-01-01", "--to", "2025-01-31", "--pdf"])
    assert batch.returncode == 0, batch.stderr
    expected = terminal.scalar("SELECT count(*) FROM billing WHERE billing_date >= ? AND billing_date <= ?",
                               ("2025-01-01", "2025-01-31"))
    first, last = (terminal.scalar(f"SELECT {edge}(bill_id) FROM billing WHERE billing_date >= ?"
                                   " AND billing_date <= ?", ("2025-01-01", "2025-01-31")) for edge in ("MIN", "MAX"))
    assert expected > 5 and f"Wrote {expected} invoices" in batch.stdout
    assert "Invoices: 100%" in batch.stderr
    for bill_id in (first, last):  # both ends of the range, each its own file
        assert (invoices / f"bill_B{bill_id:03d}.pdf").is_file()
    firsts = [path for path in invoices.glob("bill_B*.pdf") if "duplicate" not in path.name]
    assert len(firsts) == expected + (0 if first <= 1 <= last else 1)  # B001 was printed before the batch
    missing = terminal.run(["invoice", "B99999"])
    assert missing.returncode == 1 and missing.stderr == "Error: no bill B99999\n"


def test_a_log_on_a_full_disk_is_reported_once_and_the_work_goes_on(tmp_path):
    assert open_hospital(tmp_path).returncode == 0
    result = run_app(["import", "services", "s.csv"], tmp_path, LOG_FILE="/dev/full")
    assert result.returncode == 1 and result.stderr == ("Warning: cannot write the log file /dev/full (No space left "
                                                        "on device); the work goes on without it.\n"
                                                        "Error: no file s.csv\n")
    (tmp_path / "s.csv").write_text("service_name,cost\nDressing,40\nBandage,10\n", encoding="utf-8")
    keystrokes = "\n".join([*AS_CLERK, "1", "1", "Asha Rao", "30", "F", "9000000001", "", "", "", "", "0", "7", "5",
                            "s.csv", "0", CLERK_EXIT]) + "\n"
    menu = run_app([], tmp_path, input_text=keystrokes, LOG_FILE="/dev/full")
    assert menu.returncode == 0 and "Registered patient 1601 (Asha Rao)." in menu.stdout
    assert "imported 2, rejected 0" in menu.stdout
    assert menu.stderr.count("Warning: cannot write the log file /dev/full") == 1
    assert "Logging error" not in menu.stdout + menu.stderr and "Traceback" not in menu.stdout + menu.stderr
