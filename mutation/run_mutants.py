"""Run the test suite against each mutant of mutants.py and report which ones it catches.

    python mutation/run_mutants.py                 # every mutant, two at a time
    python mutation/run_mutants.py --check         # only check that every mutant still applies
    python mutation/run_mutants.py --only bill-overpayment mysql-no-for-update
    python mutation/run_mutants.py --applicable    # only the mutants whose text this tree holds (an older one)

Each worker works in its own copy of the project (the files git knows, as they are now), puts
one mutant in, runs the whole suite with the MySQL tests required (`-x`: the first failure is
enough), and puts the file back. A mutant is killed when the suite fails, survives when it
passes. Results go to mutation/results.json (not committed) and a summary to the screen."""
from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutants import MUTANTS, Mutant  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# Fast tests first, so most mutants are caught in seconds.
TEST_ORDER = ["tests/unit", "tests/operations", "tests/integration", "tests/e2e"]
TIMEOUT = 900


def problems(mutants: list[Mutant]) -> list[str]:
    """Mutants that no longer apply: their text is missing, or found more than once."""
    found = []
    names = [m.name for m in mutants]
    for duplicate in {name for name in names if names.count(name) > 1}:
        found.append(f"{duplicate}: the name is used twice")
    for mutant in mutants:
        count = (ROOT / mutant.file).read_text(encoding="utf-8").count(mutant.old)
        if count != 1:
            found.append(f"{mutant.name}: its text is in {mutant.file} {count} times, not once")
    return found


def copy_project(target: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.splitlines()
    for name in listed:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def run_suite(copy: Path) -> tuple[bool, str, float]:
    """Whether the suite passed in `copy`, the first failing test, and the seconds it took."""
    env = {**os.environ, "HMS_REQUIRE_MYSQL": "1", "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                               "-rfE", *TEST_ORDER], cwd=copy, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {TIMEOUT} s", time.perf_counter() - started
    seconds = time.perf_counter() - started
    failed = [line.split(" ", 2)[1] for line in done.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    last = done.stdout.strip().splitlines()[-1:] or [""]
    return done.returncode == 0, failed[0] if failed else last[0], seconds


def worker(copy: Path, jobs: queue.Queue, results: dict, lock: threading.Lock, total: int) -> None:
    while True:
        try:
            mutant = jobs.get_nowait()
        except queue.Empty:
            return
        path = copy / mutant.file
        original = path.read_text(encoding="utf-8")
        path.write_text(original.replace(mutant.old, mutant.new, 1), encoding="utf-8")
        try:
            passed, detail, seconds = run_suite(copy)
        finally:
            path.write_text(original, encoding="utf-8")
        outcome = "survived" if passed else "killed"
        with lock:
            results[mutant.name] = {"outcome": outcome, "by": "" if passed else detail, "seconds": round(seconds, 1),
                                    "file": mutant.file, "bug": mutant.bug}
            print(f"{len(results):3}/{total:<3} {outcome:8} {seconds:6.1f}s  {mutant.name}"
                  f"  {'' if passed else detail}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", nargs="*", help="names of the mutants to run")
    parser.add_argument("--check", action="store_true", help="only check that every mutant applies")
    parser.add_argument("--applicable", action="store_true",
                        help="skip the mutants whose text is not in this tree (to score an older version)")
    parser.add_argument("--out", type=Path, default=ROOT / "mutation" / "results.json")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if not args.only or m.name in args.only]
    if args.applicable:
        skipped = problems(chosen)
        chosen = [m for m in chosen if not any(line.startswith(f"{m.name}:") for line in skipped)]
        print(f"{len(skipped)} mutants do not apply to this tree and are skipped")
    wrong = problems(chosen)
    for line in wrong:
        print(line)
    if wrong or args.check:
        print(f"{len(chosen) - len(wrong)} of {len(chosen)} mutants apply")
        return 1 if wrong else 0
    jobs: queue.Queue = queue.Queue()
    for mutant in chosen:
        jobs.put(mutant)
    results: dict = {}
    lock = threading.Lock()
    with tempfile.TemporaryDirectory(prefix="hms-mutants-") as scratch:
        copies = [Path(scratch) / f"copy{n}" for n in range(args.jobs)]
        for copy in copies:
            copy_project(copy)
        passed, detail, _ = run_suite(copies[0])
        if not passed:
            print(f"the suite fails without any mutant ({detail}); fix that first")
            return 1
        threads = [threading.Thread(target=worker, args=(copy, jobs, results, lock, len(chosen))) for copy in copies]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    args.out.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
    survivors = sorted(name for name, result in results.items() if result["outcome"] == "survived")
    killed = len(results) - len(survivors)
    print(f"\nkilled {killed} of {len(results)} mutants ({100 * killed / len(results):.0f}%)")
    for name in survivors:
        print(f"  survived: {name}: {results[name]['bug']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
