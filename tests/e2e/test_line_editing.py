"""At a real terminal the prompts are editing lines: the arrow keys move in what was typed (a
process on a pseudo-terminal, its keystrokes as a person types them)."""
import os
import pty
import select
import subprocess
import sys
import time

import pytest

from tests.e2e.helpers import PROJECT

LEFT = "\x1b[D"


def read_until(fd: int, text: str, seconds: float = 30) -> str:
    seen, deadline = "", time.monotonic() + seconds
    while text not in seen and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.2)[0]:
            try:
                seen += os.read(fd, 4096).decode("utf-8", "replace")
            except OSError:  # the program has ended
                break
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_the_left_arrow_moves_back_into_the_answer_being_typed(tmp_path):
    primary, secondary = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "SQLITE_", "TAX_", "HMS_"))}
    environ.update({"PYTHONPATH": str(PROJECT), "SQLITE_PATH": str(tmp_path / "hospital.db"), "NO_COLOR": "1",
                    "LOG_FILE": str(tmp_path / "app.log"), "TERM": "dumb"})
    app = subprocess.Popen([sys.executable, "-m", "hospital_mgmt"], stdin=secondary, stdout=secondary,
                           stderr=secondary, cwd=tmp_path, env=environ, close_fds=True)
    os.close(secondary)
    try:
        assert "[Y/n]" in read_until(primary, "[Y/n]")  # Load the demo data ...?
        os.write(primary, f"o{LEFT}n\r".encode())  # typed "o", back one, "n": the answer is "no"
        after = read_until(primary, "administrator")
        assert "answer y or n" not in after, after
        assert "administrator" in after.lower(), after
    finally:
        app.kill()
        app.wait(timeout=10)
        os.close(primary)
