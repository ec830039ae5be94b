"""Gradescope autograders, one per chapter: how to build them, and what runs inside them.

    python -m grading.gradescope build [--output _build/autograders]    # `make autograders`
    python -m grading.gradescope run [--root /autograder]               # inside Gradescope

``build`` writes ``<chapter>.zip`` for every chapter with an autograded exercise; upload it as a
programming assignment's autograder ("Zip file upload"). The zip holds Gradescope's two entry
points and what they need:

``setup.sh``
    run once when Gradescope builds the image: installs uv, a Python 3.11 environment in
    ``.venv`` with the runtime pins of ``requirements.txt`` and ``mctools`` (from this zip).
``run_autograder``
    run for each submission: ``python -m grading.gradescope run``, which grades the notebook the
    student uploaded to ``/autograder/submission/`` exactly as ``scripts/grade.py`` does (a
    sandbox, hidden cases drawn from a fresh seed, outputs compared here) and writes
    ``/autograder/results/results.json``: a test per exercise with its points and message, one
    listing every cell that raised, and a hidden one for the instructor with the seed and any
    tamper flags. ``AUTOGRADER_ROOT`` (or ``--root``) moves ``/autograder`` elsewhere, and
    ``AUTOGRADER_PYTHON`` picks the interpreter, so a test can run the package in a temporary
    folder laid out like Gradescope's.
``config.json``
    the chapter's notebook name, its exercises (label and function name) and the limits.
``grading/``, ``coursekit/``, ``mctools/``, ``pyproject.toml``
    the grader, the notebook model and the course's package. Students never see the zip.

Why not otter-grader (7.0): ``otter run`` runs the tests inside the student's kernel (a cell
appended to the notebook calls its ``Checker`` and pickles the results to a file that the grader
then unpickles), so a cell that rebinds ``otter.test_files.ok_test.OKTestFile.run`` to mark
every case passed earns full marks for a wrong answer; it sets no time limit (an endless loop
holds ``otter run`` until it is killed; ``otter grade --timeout`` bounds a whole Docker
container), no memory limit, reports no cell's error, and knows nothing of forbidden functions.
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]  # in a built zip: the folder Gradescope unpacks it to
RUNTIME = ("numpy", "scipy", "sympy", "altair", "ipykernel")  # what the chapters import, pinned in requirements.txt
COPIED = ("grading", "coursekit", "mctools")
EXECUTABLE, READABLE = 0o755 << 16, 0o644 << 16  # zip external attributes: the files' permissions

SETUP = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image: Python 3.11 with
# the course's pinned runtime packages and mctools, in .venv next to this file.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v uv >/dev/null 2>&1; then
  command -v curl >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq curl; }
  curl -LsSf https://astral.sh/uv/install.sh | env UV_INSTALL_DIR=/usr/local/bin INSTALLER_NO_MODIFY_PATH=1 sh
fi
uv venv --quiet --python 3.11 .venv
uv pip install --quiet --python .venv/bin/python -r requirements.txt .
"""

RUN = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission: the student's notebook is in
# $ROOT/submission, the grade goes to $ROOT/results/results.json.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
PYTHON="${AUTOGRADER_PYTHON:-$SOURCE/.venv/bin/python}"
cd "$SOURCE"
exec "$PYTHON" -m grading.gradescope run --root "$ROOT"
"""


def runtime_requirements(requirements: Path = REPO / "requirements.txt") -> str:
    """The pinned lines of ``requirements.txt`` for the packages the chapters import."""
    lines = requirements.read_text(encoding="utf-8").splitlines()
    pins = [line.strip() for line in lines if line.split("==")[0].strip().lower() in RUNTIME]
    missing = set(RUNTIME) - {pin.split("==")[0].lower() for pin in pins}
    if missing:
        raise ValueError(f"requirements.txt must pin {sorted(missing)} with ==")
    header = "# The runtime pins of the course's requirements.txt, copied by grading/gradescope.py.\n"
    return header + "\n".join(pins)


def build(output: Path, reference: Path = REPO / "book", *, timeout: float = 60, memory_mb: int = 2048) -> list[Path]:
    """Write one autograder zip per chapter with autograded exercises into ``output``; return their paths."""
    from .gradebook import course_exercises

    output.mkdir(parents=True, exist_ok=True)
    built = []
    for notebook, exercises in course_exercises(reference).items():
        config = {
            "notebook": notebook,
            "exercises": [{"label": label, "function": function} for label, function in exercises],
            "timeout": timeout,
            "memory_mb": memory_mb,
        }
        target = output / f"{Path(notebook).stem}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            generated = {
                "setup.sh": (SETUP, EXECUTABLE),
                "run_autograder": (RUN, EXECUTABLE),
                "config.json": (json.dumps(config, indent=2) + "\n", READABLE),
                "requirements.txt": (runtime_requirements() + "\n", READABLE),
            }
            for name, (text, mode) in generated.items():
                info = zipfile.ZipInfo(name)
                info.external_attr = mode
                archive.writestr(info, text, zipfile.ZIP_DEFLATED)
            for name in ("pyproject.toml", "README.md"):
                archive.write(REPO / name, name)
            for folder in COPIED:
                for path in sorted((REPO / folder).rglob("*.py")):
                    archive.write(path, str(path.relative_to(REPO)))
        built.append(target)
    return built


def _submission(folder: Path, expected: str) -> Path | None:
    notebooks = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    named = [p for p in notebooks if p.name == expected]
    return (named or notebooks or [None])[0]


def run(root: Path) -> dict:
    """Grade the submission in ``root/submission`` and write ``root/results/results.json``; return it."""
    from .notebook import grade, prepare
    from .runner import Limits

    config = json.loads((REPO / "config.json").read_text(encoding="utf-8"))
    results_dir = root / "results"
    seed = secrets.randbelow(2**32)  # fresh for every submission: nothing to harvest across resubmissions
    exercises = [prepare(e["label"], e["function"], seed) for e in config["exercises"]]
    path = _submission(root / "submission", config["notebook"])
    tests = []
    if path is None:
        message = f"no notebook found: upload your {config['notebook']}"
        tests = [{"name": e.label, "score": 0.0, "max_score": e.points, "output": message} for e in exercises]
        results = {"score": 0.0, "output": message, "tests": tests}
    else:
        limits = Limits(timeout=config["timeout"], memory_mb=config["memory_mb"])
        graded = grade(path, exercises, limits, blocked=(str(results_dir),))
        tests = [
            {"name": v.label, "score": v.points, "max_score": v.max_points, "output": v.message}
            for v in graded.verdicts
        ]
        if graded.errors:
            errors = "\n".join(graded.errors)
            tests.append({"name": "Cells that raised an error", "score": 0.0, "max_score": 0.0, "output": errors})
        review = "\n".join(graded.review) or "no tamper flag"
        tests.append({
            "name": "For the instructor", "score": 0.0, "max_score": 0.0, "visibility": "hidden",
            "output": f"graded {path.name} with seed {seed}\nreview: {review}",
        })  # fmt: skip
        results = {"score": sum(v.points for v in graded.verdicts), "tests": tests, "stdout_visibility": "hidden"}
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    making = commands.add_parser("build", help="write one autograder zip per chapter")
    making.add_argument("--output", type=Path, default=REPO / "_build" / "autograders")
    making.add_argument("--reference", type=Path, default=REPO / "book", help="the course notebooks")
    running = commands.add_parser("run", help="grade a submission inside Gradescope")
    running.add_argument("--root", type=Path, default=Path("/autograder"))
    args = parser.parse_args()
    if args.command == "build":
        shutil.rmtree(args.output, ignore_errors=True)
        for path in build(args.output, args.reference):
            print(f"wrote {path}")
    else:
        results = run(args.root)
        print(f"score {results['score']:g}", file=sys.stderr)


if __name__ == "__main__":
    main()
