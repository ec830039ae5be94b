"""Binder's build, replayed: the launch buttons work on the day of the class.

mybinder.org builds an image from the committed repository: the Python of ``runtime.txt``, then
``pip install -r requirements.txt`` (whose ``-e .`` installs mctools), then opens a chapter in
JupyterLab, whose kernel starts in the notebook's folder. This test does the same:

1. copies the files git tracks (``git ls-files``: committed or staged, as they are in the
   working tree) into a temporary folder; untracked files, which Binder would not see, are left
   behind, so a new module must be ``git add``-ed before this test can pass;
2. creates a fresh virtual environment there with the Python that ``runtime.txt`` names and
   installs ``requirements.txt`` into it (pip's cache is used), then runs ``pip check``;
3. runs every notebook of ``book/`` top to bottom with that environment's kernel, from
   ``book/``, with no ``PYTHONPATH`` and the user's site-packages and Jupyter folders hidden,
   then asks the kernel where ``mctools`` came from: the copy, through the editable install,
   and never this working tree.

Slow (two to three minutes, most of it pip downloading the pinned wheels; pip's cache is used,
but stays empty when the package index sends no caching headers): marked ``binder``;
``make test`` runs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUNTIME = re.compile(r"^python-(?P<version>3\.\d+)$")

DRIVER = '''
"""Run each notebook from its folder in a fresh kernel; print timings and what the kernel saw."""
import json, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient

PROBE = """import json, os, sys, mctools
print(json.dumps({"executable": sys.executable, "cwd": os.getcwd(), "mctools": mctools.__file__, "path": sys.path}))"""
report = {}
for name in sys.argv[1:]:
    path = Path(name).resolve()
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    start = time.perf_counter()
    folder = {"metadata": {"path": str(path.parent)}}
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources=folder).execute()
    probe = json.loads(notebook.cells[-1].outputs[0]["text"])
    report[name] = {"seconds": round(time.perf_counter() - start, 1), **probe}
print(json.dumps(report))
'''


def run(command: list[str], cwd: Path, env: dict, timeout: int, log: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout
    )
    log.write_text(proc.stdout, encoding="utf-8")
    assert proc.returncode == 0, f"`{' '.join(command)}` failed (log: {log}):\n{proc.stdout[-4000:]}"
    return proc


def tracked_copy(target: Path) -> Path:
    """Copy the files git tracks into ``target``, as a clone of the committed tree would have them."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout: cannot tell the committed files from the rest")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = REPO / name
        if source.is_file():  # a tracked file deleted in the working tree is not copied
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def binder_python(copy: Path) -> str:
    runtime = copy / "runtime.txt"
    assert runtime.is_file(), "runtime.txt is not committed: Binder would pick its default Python"
    match = RUNTIME.match(runtime.read_text(encoding="utf-8").strip())
    assert match, f"runtime.txt should read python-3.X, not {runtime.read_text()!r}"
    python = shutil.which(f"python{match['version']}")
    if python is None:
        message = f"Binder uses Python {match['version']} (runtime.txt), which is not installed here"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return python


@pytest.mark.binder
def test_every_notebook_runs_as_on_binder(tmp_path: Path) -> None:
    copy = tracked_copy(tmp_path / "repository")
    python = binder_python(copy)
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    env = {k: v for k, v in env.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        PYTHONNOUSERSITE="1",  # nothing from ~/.local
        JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),  # no kernel spec from the user's folders
        JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
        IPYTHONDIR=str(tmp_path / "ipython"),
    )
    run([python, "-m", "venv", str(venv)], tmp_path, env, 120, tmp_path / "venv.log")
    venv_python = str(venv / "bin" / "python")
    run([venv_python, "-m", "pip", "install", "-r", "requirements.txt"], copy, env, 1800, tmp_path / "pip.log")
    run([venv_python, "-m", "pip", "check"], copy, env, 120, tmp_path / "pip-check.log")

    book = copy / "book"
    notebooks = sorted(str(p.relative_to(book)) for p in book.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    assert notebooks, "no committed notebook in book/"
    driver = tmp_path / "run_notebooks.py"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = run([venv_python, str(driver), *notebooks], book, env, 1800, tmp_path / "notebooks.log")
    report = json.loads(proc.stdout.strip().splitlines()[-1])

    site_packages = next((venv / "lib").glob("python3*/site-packages"))
    from_pth = {line.strip() for pth in site_packages.glob("*.pth") for line in pth.read_text().splitlines()}
    for name, seen in report.items():
        assert seen["executable"].startswith(str(venv)), f"{name} ran on {seen['executable']}, not the fresh venv"
        assert Path(seen["cwd"]).resolve() == (book / name).parent.resolve(), f"{name} ran from {seen['cwd']}"
        assert Path(seen["mctools"]).resolve().is_relative_to(copy.resolve()), f"{name} imported {seen['mctools']}"
        leaks = [p for p in seen["path"] if p and Path(p).resolve().is_relative_to(REPO)]
        assert not leaks, f"{name}: the working tree {REPO} is on the kernel's sys.path: {leaks}"
        root = [p for p in seen["path"] if p and Path(p).resolve() == copy.resolve() and p not in from_pth]
        assert not root, f"{name}: the repository root is on sys.path other than through the -e . install"
    print("notebook run times (s):", {name: seen["seconds"] for name, seen in report.items()})
