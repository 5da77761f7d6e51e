"""`pip install .` gives a `hospital-mgmt` command that works from any folder: the schema and the
demo data travel inside the package."""
import os
import shutil
import subprocess
import sys

from tests.e2e.helpers import PROJECT


def test_the_installed_command_sets_up_a_hospital_in_the_folder_it_runs_from(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(PROJECT / "hospital_mgmt", source / "hospital_mgmt",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT / name, source / name)
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--target", str(site), str(source)], check=True, capture_output=True, timeout=300)
    installed = site / "hospital_mgmt"
    assert (installed / "sql" / "schema.sql").is_file() and (installed / "sql" / "schema_sqlite.sql").is_file()
    assert len(list((installed / "seed").glob("*.csv"))) == 12
    work = tmp_path / "front desk"
    work.mkdir()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "SQLITE_", "OUTPUT_", "LOG_", "HMS_"))}
    environ.update(PYTHONPATH=str(site), HMS_ADMIN_PASSWORD="a long pass phrase")
    result = subprocess.run([str(site / "bin" / "hospital-mgmt"), "init-db"], cwd=work, env=environ,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Created the tables in SQLite data/hospital.db." in result.stdout and "patients 600" in result.stdout
    assert "Created the first administrator, admin" in result.stdout
    assert (work / "data" / "hospital.db").is_file()
    where = subprocess.run([sys.executable, "-c", "import hospital_mgmt; print(hospital_mgmt.__file__)"], cwd=work,
                           env=environ, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(installed))
