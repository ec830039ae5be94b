"""The environment a student works in on Binder, built from ``binder/`` alone, as Binder builds it.

mybinder.org (repo2docker) starts from an image that already holds JupyterLab, installs
``binder/requirements.txt`` on the Python of ``binder/runtime.txt``, copies the repository in,
and runs ``binder/postBuild`` from the repository root. :func:`build` does the same with uv:

1. copies the files git tracks (committed or staged) into ``<folder>/repository``, as Binder
   sees them: an untracked module is not there;
2. creates a virtual environment with that Python and installs :data:`BASE` into it (the
   JupyterLab of Binder's base image, and pip, which postBuild uses);
3. installs ``binder/requirements.txt``, then runs ``binder/postBuild`` in the copy, with the
   environment's ``bin/`` first on ``PATH``: mctools installed without dependencies, the
   student notebooks written into ``student/book/``, ``grading/`` removed.

Nothing of the working tree or of the test runner's environment leaks in: no ``PYTHONPATH``,
no user site-packages, no Jupyter or IPython folder of the user. uv's cache makes a rebuild take
seconds. :func:`register_kernel` makes the environment's Python a Jupyter kernel (for nbval's
``--nbval-kernel-name``, or any Jupyter client), in a folder of its own to put on
``JUPYTER_PATH``.

Run as a script, it builds the environment and registers the kernel, for a Makefile step:

    python tests/student_env.py _build/student-env [--kernel-env PYTHONHASHSEED=1 ...]
    # prints JUPYTER_PATH=<folder>/kernel/share/jupyter and KERNEL=mode-collapse-student

and with ``MCTOOLS_STUDENT_ENV=<folder>`` the tests' ``student_env`` fixture uses that build
instead of making its own.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BINDER = REPO / "binder"
#: What Binder's base image brings before binder/requirements.txt: JupyterLab (the version
#: mybinder.org's repo2docker image ships; move it with theirs) and pip, which postBuild runs.
BASE = ("jupyterlab==4.6.6", "pip")
KERNEL_NAME = "mode-collapse-student"
RECORD = "student-env.json"  # what build() saw, for build_once() in another process
RUNTIME = re.compile(r"^python-(?P<version>3\.\d+)$")


class StudentEnvError(RuntimeError):
    """A step of the build failed; the message holds its command and output."""


@dataclass
class StudentEnv:
    """A built student environment (see the module docstring)."""

    folder: Path  #: holds everything below
    repository: Path  #: the copy of the repository, after postBuild
    venv: Path
    timings: dict[str, float] = field(default_factory=dict)  #: seconds per build step
    base: list[str] = field(default_factory=list)  #: distributions after the base image step
    installed: list[str] = field(default_factory=list)  #: distributions after postBuild

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def added(self) -> list[str]:
        """Distributions the course adds over Binder's base JupyterLab."""
        return sorted(set(self.installed) - set(self.base))

    def environ(self, **extra: str) -> dict[str, str]:
        """Environment variables for a process of this environment, isolated from the user's."""
        # PYTHONDONTWRITEBYTECODE and UV_COMPILE_BYTECODE too (CI images and the Makefile set
        # them): the environment is installed without bytecode, which its processes write as
        # they import, as under Binder, which sets neither.
        drop = (
            "PYTHONPATH",
            "PYTHONHOME",
            "VIRTUAL_ENV",
            "PYTHONSTARTUP",
            "PYTHONDONTWRITEBYTECODE",
            "UV_COMPILE_BYTECODE",
        )
        env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith(("JUPYTER", "IPYTHON"))}
        home = self.folder / "home"
        env.update(
            PATH=f"{self.venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            PYTHONNOUSERSITE="1",
            JUPYTER_CONFIG_DIR=str(home / "jupyter-config"),
            JUPYTER_DATA_DIR=str(home / "jupyter-data"),
            IPYTHONDIR=str(home / "ipython"),
        )
        env.update(extra)
        return env


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 900) -> str:
    proc = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout
    )
    if proc.returncode:
        raise StudentEnvError(f"`{' '.join(map(str, command))}` failed in {cwd}:\n{proc.stdout[-4000:]}")
    return proc.stdout


def python_version() -> str:
    """The Python version of ``binder/runtime.txt`` (e.g. "3.11")."""
    text = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = RUNTIME.match(text)
    if not match:
        raise StudentEnvError(f"binder/runtime.txt should read python-3.X, not {text!r}")
    return match["version"]


def tracked_copy(target: Path) -> Path:
    """Copy the files git tracks (committed or staged, as in the working tree) into ``target``."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = REPO / name
        if source.is_file():  # a tracked file deleted in the working tree is not copied
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def uv() -> str | None:
    """The uv to build with: the one on ``PATH``, else the one next to this Python.

    `make test` installs uv into .venv (the Makefile's bootstrap) but does not put .venv/bin on
    ``PATH``: without this fallback a fresh clone's `CI=true make test` fails every test that
    needs the student environment with "uv is not installed".
    """
    beside = Path(sys.executable).parent / "uv"
    return shutil.which("uv") or (str(beside) if beside.is_file() else None)


def distributions(python: Path) -> list[str]:
    """Names of the distributions installed for ``python`` (normalised, sorted)."""
    command = [uv(), "pip", "list", "--quiet", "--python", str(python), "--format", "json"]
    listed = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return sorted(re.sub(r"[-_.]+", "-", d["name"]).lower() for d in json.loads(listed))


def build(folder: Path) -> StudentEnv:
    """Build the student environment in ``folder`` (see the module docstring); return it."""
    uv_command = uv()
    if uv_command is None:
        raise StudentEnvError("uv is not installed (pip install uv)")
    folder.mkdir(parents=True, exist_ok=True)
    env = StudentEnv(folder=folder, repository=folder / "repository", venv=folder / "venv")
    (folder / RECORD).unlink(missing_ok=True)
    shutil.rmtree(env.repository, ignore_errors=True)
    shutil.rmtree(env.venv, ignore_errors=True)

    def step(name: str, command: list[str], cwd: Path) -> None:
        start = time.perf_counter()
        _run(command, cwd, env.environ())
        env.timings[name] = round(time.perf_counter() - start, 1)

    start = time.perf_counter()
    tracked_copy(env.repository)
    env.timings["copy"] = round(time.perf_counter() - start, 1)
    version = python_version()
    # Only a Python already on the machine: uv would otherwise download one.
    venv = [uv_command, "venv", "--quiet", "--python", version, "--python-preference", "only-system", str(env.venv)]
    step("venv", venv, folder)
    # Without compiling to bytecode (pip, which Binder installs with, compiles every module):
    # the processes of this environment write the bytecode of what they import, once, which
    # costs less than compiling all of JupyterLab's and SciPy's modules (40 s of CPU here).
    install = [uv_command, "pip", "install", "--quiet", "--python", str(env.python)]
    step("base image", [*install, *BASE], folder)
    env.base = distributions(env.python)
    step("requirements", [*install, "-r", str(env.repository / "binder" / "requirements.txt")], folder)
    step("postBuild", [str(env.repository / "binder" / "postBuild")], env.repository)
    env.installed = distributions(env.python)
    record = {"timings": env.timings, "base": env.base, "installed": env.installed}
    (folder / RECORD).write_text(json.dumps(record), encoding="utf-8")
    return env


def build_once(folder: Path) -> StudentEnv:
    """The environment built in ``folder`` by an earlier :func:`build` (any process), or a new one.

    pytest-xdist workers share ``folder``: the first to take the lock builds, the others wait
    and read what it recorded.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / RECORD).is_file():
            return build(folder)
        saved = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        return StudentEnv(folder=folder, repository=folder / "repository", venv=folder / "venv", **saved)


def register_kernel(env: StudentEnv, folder: Path, name: str = KERNEL_NAME, **kernel_env: str) -> str:
    """Register ``env``'s Python as the Jupyter kernel ``name`` under ``folder``; return the name.

    Put ``folder / "share" / "jupyter"`` first on ``JUPYTER_PATH`` for a client to find it (for
    nbval: ``--nbval-kernel-name <name>``, without ``--nbval-current-env``). ``kernel_env`` is
    added to the kernel's environment (for instance ``PYTHONHASHSEED="1"``); the kernel never
    sees the user's site-packages.
    """
    folder.mkdir(parents=True, exist_ok=True)
    _run(
        [str(env.python), "-m", "ipykernel", "install", "--prefix", str(folder), "--name", name],
        folder,
        env.environ(),
    )
    spec_file = folder / "share" / "jupyter" / "kernels" / name / "kernel.json"
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    spec["display_name"] = "Python 3 (student environment)"
    # An empty PYTHONDONTWRITEBYTECODE is unset for Python: the kernel writes the bytecode the
    # environment was installed without, even under a client whose environment sets it.
    spec["env"] = {"PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "", **kernel_env}
    spec_file.write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("_build/student-env"))
    parser.add_argument("--kernel-env", nargs="*", default=[], metavar="NAME=VALUE", help="for the kernel")
    args = parser.parse_args()
    folder = args.folder.resolve()
    env = build(folder)
    name = register_kernel(env, folder / "kernel", **dict(pair.split("=", 1) for pair in args.kernel_env))
    print(f"built in {env.timings} s; {len(env.added)} distributions over Binder's JupyterLab", file=sys.stderr)
    print(f"JUPYTER_PATH={folder / 'kernel' / 'share' / 'jupyter'}")
    print(f"KERNEL={name}")


if __name__ == "__main__":
    main()
