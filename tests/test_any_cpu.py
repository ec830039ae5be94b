"""Strict nbval a second time, as another student's machine would run the book.

The stored outputs must be what any x86-64 or ARM machine computes (CONTRIBUTING.md, "Outputs
that hold on any CPU"). nbval's own pass (``pytest --nbval book``) runs the notebooks here,
with numpy's SIMD kernels for this CPU. This second, equally strict pass runs each notebook
again in one execution that checks four things at once:

* **another CPU**: every optional SIMD path of numpy off, OpenBLAS on its generic core, and
  every libm transcendental (exp, log, pow, ...) moved by -4..4 units in the last place
  (``tests/cpu_settings.py``, ``tests/libm_jitter.c``): a stored output that survives this does
  not hang on the last bit of a float;
* **another hash seed** (``PYTHONHASHSEED``): no output depends on set or dict order;
* **the students' environment**: the kernel is the Python of the environment Binder builds from
  ``binder/`` alone (``tests/student_env.py``), so every chapter runs with what students get;
* **strictly**: nbval compares every output exactly, as in the first pass.

Without a C compiler the jitter cannot be built: the pass then runs with the generic settings
only, and says so; in CI (``CI=true``) a missing compiler fails.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import cpu_settings
import pytest

from coursekit import BOOK, chapters

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = chapters(BOOK)
#: nbval colours its reports; junit XML keeps the escape codes, written out as "#x1B[91m".
ANSI_COLOUR = re.compile(r"(?:\x1b|#x1B)\[[0-9;]*m")


@pytest.fixture(scope="session")
def other_machine(student_env, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment variables for nbval: the student kernel, on another CPU, with another hash seed."""
    import student_env as student

    folder = tmp_path_factory.mktemp("other-machine")
    try:
        cpu = cpu_settings.jitter_env(folder)
    except cpu_settings.CompilerMissingError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(str(error), pytrace=False)
        print(f"{error}: running with the generic-CPU settings only", file=sys.stderr)
        cpu = {**cpu_settings.generic_cpu_env(), "PYTHONHASHSEED": cpu_settings.HASH_SEED}
    kernel = student.register_kernel(student_env, folder / "kernel", **cpu)
    jupyter_path = os.pathsep.join(
        filter(None, [str(folder / "kernel" / "share" / "jupyter"), os.environ.get("JUPYTER_PATH")])
    )
    return {**cpu, "JUPYTER_PATH": jupyter_path, "MCTOOLS_NBVAL_KERNEL": kernel}


@pytest.fixture(scope="module")
def other_machine_pass(other_machine: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Run the strict pass over every notebook in one nbval process; return each notebook's
    failures (cell and report), keyed by file name. One process, not one per notebook: pytest
    and nbval start in about 1.3 s, nine times over otherwise."""
    report = tmp_path_factory.mktemp("other-machine-pass") / "junit.xml"
    command = [
        sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q", "-o", "addopts=",
        "--nbval", "--nbval-kernel-name", other_machine["MCTOOLS_NBVAL_KERNEL"], f"--junitxml={report}",
        *(str(path.relative_to(REPO)) for path in NOTEBOOKS),
    ]  # fmt: skip
    proc = subprocess.run(
        command, cwd=REPO, env={**os.environ, **other_machine}, capture_output=True, text=True, timeout=1800
    )
    if not report.is_file():
        pytest.fail(f"nbval wrote no report:\n{proc.stdout[-6000:]}\n{proc.stderr[-2000:]}", pytrace=False)
    found: dict[str, list[str]] = {}
    for case in ElementTree.parse(report).iter("testcase"):
        # nbval's items are named "Cell <n>", in a class "book.<notebook file name>"
        name = case.get("classname", "").removeprefix("book.")
        problems = found.setdefault(name, [])
        for failure in (*case.iter("failure"), *case.iter("error")):
            text = ANSI_COLOUR.sub("", failure.text or failure.get("message", ""))
            problems.append(f"{case.get('name')}: {text[-3000:]}")
    return found


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_stored_outputs_hold_on_another_machine(path: Path, other_machine_pass: dict[str, list[str]]) -> None:
    assert path.name in other_machine_pass, f"{path.name} was not run on another machine"
    failures = other_machine_pass[path.name]
    assert not failures, f"{path.name} differs on another machine:\n" + "\n".join(failures)[-8000:]
