"""Grade the autograded exercises of a whole class: one CSV row per student.

    python scripts/grade.py SUBMISSIONS --output grades.csv [--jobs 2] [--timeout 60] [--seed N]

Works with any ``python``: outside the course's environment it re-runs itself with
``.venv/bin/python`` (created by ``make book``). ``SUBMISSIONS`` holds the students' notebooks,
one subfolder per student or with the student's name as a file-name prefix followed by two
underscores::

    submissions/alice/01_image_generator.ipynb      -> student "alice"
    submissions/carol__01_image_generator.ipynb     -> student "carol"

Each notebook runs top to bottom in its own process (``grading/sandbox.py``) with a memory limit
and a time limit per cell; then the grader calls each autograded function on hidden cases drawn
from ``--seed`` and compares what it returns with the references in the grader's own process
(``grading/``, never shipped to students). What the notebook prints, its check cells included,
plays no part. The CSV has a column per autograded exercise (its points), ``total``, ``errors``
(every cell that raised), ``review`` (tamper flags, whose notebooks earn no points until an
instructor has looked) and ``feedback``; see ``grading/gradebook.py``.

Student code runs with your permissions: run the grader in a container or a throwaway account.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENV = REPO / ".venv"


def _use_course_environment() -> None:
    """Re-run this script with the course's virtual environment unless it already runs there."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    python = VENV / "bin" / "python"
    if python.is_file():
        os.execv(python, [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    try:
        import numpy  # noqa: F401

        import mctools  # noqa: F401 (another environment with the course installed will do)
    except ImportError:
        sys.exit(
            f"grade.py needs the course's environment, and {python} does not exist.\n"
            f"Create it with `make book` (or `make student`) in {REPO}, then run this command again."
        )


if __name__ == "__main__":
    _use_course_environment()

import argparse  # noqa: E402
import secrets  # noqa: E402

sys.path.insert(0, str(REPO))  # grading/ and coursekit/ (the script's own folder is scripts/)

from grading.gradebook import find_submissions, grade_class, write_csv  # noqa: E402
from grading.runner import Limits  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="folder of student notebooks")
    parser.add_argument("--output", type=Path, required=True, help="the CSV file to write")
    parser.add_argument("--reference", type=Path, default=REPO / "book", help="the course notebooks (default: book/)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per cell and per exercise (default: 60)")
    parser.add_argument("--memory", type=int, default=2048, help="MB of address space per notebook (default: 2048)")
    parser.add_argument("--seed", type=int, help="draws the hidden cases (default: a fresh one, printed)")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks graded at once (default: 1)")
    args = parser.parse_args()

    submissions = list(find_submissions(args.submissions))
    if not submissions:
        sys.exit(f"no notebook found in {args.submissions}")
    seed = secrets.randbelow(2**32) if args.seed is None else args.seed
    limits = Limits(timeout=args.timeout, memory_mb=args.memory)
    columns, rows = grade_class(submissions, args.reference.resolve(), seed=seed, limits=limits, jobs=args.jobs)
    write_csv(args.output, columns, rows)
    flagged = sum(bool(row["review"]) for row in rows)
    print(
        f"{len(submissions)} notebooks of {len(rows)} students graded with --seed {seed}; "
        f"{flagged} to review; wrote {args.output}"
    )


if __name__ == "__main__":
    main()
