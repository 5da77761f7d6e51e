import os
import subprocess
import sys
from pathlib import Path

from tests.support import ADD_CLERK, SIGNED_IN

PROJECT = Path(__file__).resolve().parents[2]


def run_app(args, tmp_path, input_text="", **env):
    """Run `python -m hospital_mgmt` as a real process in an empty working directory."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "SQLITE_", "TAX_", "HMS_"))}
    environ.update({"PYTHONPATH": str(PROJECT), "SQLITE_PATH": str(tmp_path / "hospital.db"),
                    "OUTPUT_DIR": str(tmp_path / "output"), "LOG_FILE": str(tmp_path / "logs" / "app.log"),
                    "NO_COLOR": "1", **SIGNED_IN, **env})
    if isinstance(input_text, bytes):  # raw keystrokes, not always UTF-8
        result = subprocess.run([sys.executable, "-m", "hospital_mgmt", *args], input=input_text,
                                capture_output=True, cwd=tmp_path, env=environ, timeout=120)
        return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8", "replace"),
                                           result.stderr.decode("utf-8", "replace"))
    return subprocess.run([sys.executable, "-m", "hospital_mgmt", *args], input=input_text, capture_output=True,
                          text=True, cwd=tmp_path, env=environ, timeout=120)


def open_hospital(tmp_path, *init_args, **env):
    """`init-db` (the first administrator from HMS_ADMIN_PASSWORD), then the clerk the commands
    run as; the result of init-db."""
    created = run_app(["init-db", *init_args], tmp_path, **env)
    assert created.returncode == 0, created.stderr
    added = run_app(ADD_CLERK, tmp_path, **env)
    assert added.returncode == 0, added.stderr
    return created
