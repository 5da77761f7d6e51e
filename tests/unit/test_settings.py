from decimal import Decimal

import pytest

from hospital_mgmt.db_config import SettingsError, load_settings


def test_defaults_give_an_embedded_database_in_the_working_folder_and_no_tax(tmp_path):
    settings = load_settings(env_file=tmp_path / "none", environ={})
    assert settings.db_engine == "sqlite" and str(settings.sqlite_path) == "data/hospital.db"
    assert settings.currency == "INR" and settings.tax_rate == Decimal("0") and settings.slot_minutes == 15
    assert str(settings.output_dir) == "output"


def test_the_environment_wins_over_the_env_file(tmp_path):
    env = tmp_path / ".env"
    env.write_text("TAX_RATE=5\nCURRENCY=USD\nHOSPITAL_NAME=Lakeside Clinic\n")
    settings = load_settings(env_file=env, environ={"TAX_RATE": "18"})
    assert settings.tax_rate == Decimal("18") and settings.currency == "USD"
    assert settings.hospital_name == "Lakeside Clinic"


@pytest.mark.parametrize("name, value, message", [
    ("DB_ENGINE", "postgres", "DB_ENGINE must be 'sqlite' or 'mysql', not 'postgres'"),
    ("TAX_RATE", "abc", "TAX_RATE must be a percentage such as 18 or 5.5, not 'abc'"),
    ("TAX_RATE", "120", "TAX_RATE must be a percentage from 0 to 100"),
    ("DB_PORT", "port", "DB_PORT must be a whole number"),
    ("DB_NAME", "hospital; DROP", "DB_NAME must be letters, digits and _ only"),
    ("SLOT_MINUTES", "7", "SLOT_MINUTES must divide a day evenly"),
    ("SLOT_MINUTES", "²", "SLOT_MINUTES must be a whole number from 5 to 240, not '²'"),
    ("DB_PORT", "٣٣٠٦", "DB_PORT must be a whole number from 1 to 65535, not '٣٣٠٦'"),
    ("DB_PORT", "9" * 5000, "DB_PORT must be a whole number from 1 to 65535"),
])
def test_a_bad_value_stops_start_up_naming_the_setting(tmp_path, name, value, message):
    with pytest.raises(SettingsError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        load_settings(env_file=tmp_path / "none", environ={name: value})


def test_the_command_line_offers_exactly_the_reports_exports_and_imports_the_operations_know():
    from hospital_mgmt.hospital_main import EXPORT_KINDS, IMPORT_KINDS, REPORT_NAMES, build_parser
    from hospital_mgmt.operations.imports import IMPORTS
    from hospital_mgmt.storage.exports import EXPORTS
    from hospital_mgmt.storage.reports import REPORTS
    assert (list(REPORTS), list(EXPORTS), list(IMPORTS)) == (REPORT_NAMES, EXPORT_KINDS, IMPORT_KINDS)
    assert [build_parser().parse_args(["report", name]).name for name in REPORTS] == list(REPORTS)
    with pytest.raises(SystemExit) as refused:
        build_parser().parse_args(["report", "top-patients"])
    assert refused.value.code == 2


def test_an_env_file_that_is_not_utf8_is_one_line_naming_it(tmp_path):
    env = tmp_path / ".env"
    env.write_bytes(b"HOSPITAL_NAME=Caf\xe9 Clinic\n")
    with pytest.raises(SettingsError, match=f"^{env} is not UTF-8 text; save it as UTF-8$"):
        load_settings(env_file=env, environ={})
