"""Print the mutation score from mutmut's results in mutants/ (run `make mutate` first).

Score = killed / checked, per package and per file, where "killed" includes timeouts (the
mutant made a test run forever) and "checked" is every mutant that was run, survivors and
mutants no test reaches ("no tests") included. Mutants not run yet are counted apart.

    .venv/bin/python scripts/mutation_score.py            # the table
    .venv/bin/python scripts/mutation_score.py --survivors  # and every survivor's name
"""

import json
import sys
from collections import Counter
from pathlib import Path

# mutmut 3's exit codes (mutmut/stats.py, status_by_exit_code).
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}  # failed test, pytest error, timeout, type check
SURVIVED = {0}
NO_TESTS = {5, 33}
SKIPPED = {34}


def status(code):
    if code is None:
        return "not run"
    if code in KILLED:
        return "killed"
    if code in SURVIVED:
        return "survived"
    if code in NO_TESTS:
        return "no tests"
    if code in SKIPPED:
        return "skipped"
    return "suspicious"


def load(root=Path("mutants")):
    """{source file: {mutant name: status}} for every file mutmut mutated."""
    out = {}
    for meta in sorted(root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        if codes:
            out[str(meta.relative_to(root))[:-len(".meta")]] = {
                name: status(code) for name, code in codes.items()}
    return out


def score(counts):
    checked = counts["killed"] + counts["survived"] + counts["no tests"] + counts["suspicious"]
    return counts["killed"] / checked if checked else float("nan")


def line(label, counts):
    value = score(counts)
    shown = "      -" if value != value else f"{value:7.1%}"  # nan: nothing run yet
    return (f"{label:<28} {shown}  killed {counts['killed']:5}  survived "
            f"{counts['survived']:4}  no tests {counts['no tests']:4}  suspicious "
            f"{counts['suspicious']:3}  not run {counts['not run']:5}")


def main(argv):
    results = load()
    if not results:
        print('No mutation results in mutants/. Run "make mutate" first.')
        return 1
    packages = {}
    for path, mutants in results.items():
        packages.setdefault(path.split("/")[0], {})[path] = mutants
    total = Counter()
    for package, files in packages.items():
        package_counts = Counter()
        for path, mutants in files.items():
            counts = Counter(mutants.values())
            package_counts.update(counts)
            print("  " + line(path, counts))
        total.update(package_counts)
        print(line(package + "/", package_counts))
        print()
    print(line("all", total))
    if "--survivors" in argv:
        print()
        for mutants in results.values():
            for name, state in mutants.items():
                if state in ("survived", "no tests", "suspicious"):
                    print(f"{state:10} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
