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
import subprocess
import sys
from pathlib import Path

import cpu_settings
import pytest

from coursekit import BOOK, chapters

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = chapters(BOOK)


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


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_stored_outputs_hold_on_another_machine(path: Path, other_machine: dict[str, str]) -> None:
    command = [
        sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q", "-o", "addopts=",
        "--nbval", "--nbval-kernel-name", other_machine["MCTOOLS_NBVAL_KERNEL"], str(path),
    ]  # fmt: skip
    proc = subprocess.run(
        command, cwd=REPO, env={**os.environ, **other_machine}, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, (
        f"{path.name} differs on another machine:\n{proc.stdout[-6000:]}\n{proc.stderr[-2000:]}"
    )
