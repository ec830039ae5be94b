"""What a student gets: Binder's environment, and the chapters as JupyterLab shows them offline.

Without building anything:

* ``binder/`` holds ``requirements.txt`` (exact pins of what the chapters run, no build or test
  stack, no local install, so Binder's install layer survives content commits; numpy and scipy
  pinned as in ``requirements.txt``, so the stored outputs are reproduced), ``runtime.txt`` and
  an executable ``postBuild``;
* the repository's address is written once, in ``_config.yml``.

In the student environment (``student_env``, built from ``binder/`` alone by
tests/student_env.py, as Binder builds it; marker ``binder``):

* it adds at most :data:`MAX_ADDED` distributions to Binder's base JupyterLab;
* every module the chapters import is there, mctools comes from the environment (not from the
  repository's folder), ``uv pip check`` is clean, and postBuild wrote a student notebook,
  without solutions, for every chapter and removed ``grading/``.

In JupyterLab started from that environment, with windowing off so every cell renders, and
headless Chromium with every request that leaves 127.0.0.1 aborted (markers ``binder`` and
``browser``), for every chapter opened untrusted before any cell runs:

* every stored chart is drawn (as many ``.marks`` as the notebook stores charts);
* the exercises render as boxes, their solutions as collapsed dropdowns, the code cells that
  ran the solutions folded (code and output), the learning goals as an admonition, and no raw
  directive fence or role is left;
* no citation or cross-reference is unresolved (jupyterlab-myst's "Not Found" marks), and the
  citations read as the notebook's author-year links;
* no output is an error.

Then one chapter (:data:`RERUN`) is run top to bottom through JupyterLab (Run All), and its
charts must be drawn again, with no error output. That every other chapter's re-run output is
the stored one, byte for byte, in this environment's kernel, is what the strict nbval pass run
with :func:`student_env.register_kernel` proves; with the check above, its charts then draw too.

Screenshots go to the test's tmp dir and, with ``MCTOOLS_SCREENSHOTS=<dir>``, to that dir too.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
import student_env as student_env_module  # tests/: the student_env fixture takes the plain name
import yaml
from notebook_links import link_role  # _ext/, through pytest's pythonpath

from mctools._display import CHART_MIME_TYPE

REPO = Path(__file__).resolve().parents[1]
BINDER = REPO / "binder"
BOOK = REPO / "book"
CHAPTERS = sorted([*BOOK.glob("[0-9][0-9]_*.ipynb"), *BOOK.glob("appendix_*.ipynb")])
#: At most this many distributions over Binder's base JupyterLab (the issue's budget).
MAX_ADDED = 50
#: Only the book's build and tests need these; Binder must not install them.
BUILD_AND_TEST = re.compile(
    r"^(jupyter-book|sphinx.*|myst-.*|pydata-sphinx-theme|nbconvert|vl-convert-python|pytest.*|nbval|"
    r"hypothesis|ruff|playwright|jupyterlab)$"
)
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[\w.+!-]+)$")
#: The chapter that is also run top to bottom in JupyterLab (the quickest with an interactive chart).
RERUN = "08_escaping_collapse.ipynb"
WAIT_MS = 120_000  # a loaded 2-core machine can take this long; normally seconds


def pins(path: Path) -> dict[str, str]:
    """{normalised name: version} of a requirements file; other lines are returned under ''."""
    found: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        if match is None:
            found.setdefault("", "")
            found[""] += line + "\n"
            continue
        found[re.sub(r"[-_.]+", "-", match["name"]).lower()] = match["version"]
    return found


def binder_folder() -> str:
    """Where postBuild writes the student notebooks (scripts/student_edition.py's BINDER_FOLDER)."""
    found = re.search(r'^BINDER_FOLDER = "([^"]+)"', (REPO / "scripts" / "student_edition.py").read_text(), re.M)
    assert found, "scripts/student_edition.py no longer defines BINDER_FOLDER"
    return found[1]


# ------------------------------------------------------------------------------ binder/ as committed


def test_binder_folder_has_requirements_runtime_and_executable_postbuild() -> None:
    for name in ("requirements.txt", "runtime.txt", "postBuild"):
        assert (BINDER / name).is_file(), f"binder/{name} is missing"
    assert re.fullmatch(r"python-3\.\d+\n?", (BINDER / "runtime.txt").read_text(encoding="utf-8"))
    if shutil.which("git") and (REPO / ".git").exists():
        mode = subprocess.run(
            ["git", "ls-files", "-s", "binder/postBuild"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.split()
        assert mode and mode[0] == "100755", "binder/postBuild must be committed executable (git add --chmod=+x)"
    assert not (REPO / "runtime.txt").exists(), "Binder reads binder/ only: a root runtime.txt would mislead"


def test_binder_requirements_are_runtime_pins_only() -> None:
    binder = pins(BINDER / "requirements.txt")
    assert "" not in binder, (
        f"binder/requirements.txt must hold exact pins only (no -e ., paths or URLs, which would rebuild "
        f"Binder's install layer at every commit):\n{binder['']}"
    )
    stack = sorted(name for name in binder if BUILD_AND_TEST.match(name))
    assert not stack, f"Binder would install the book's build or test stack (or replace its JupyterLab): {stack}"
    for name in ("ipykernel", "jupyterlab-myst", "numpy", "scipy", "sympy", "altair"):
        assert name in binder, f"binder/requirements.txt does not pin {name}"


def test_binder_pins_match_the_book_pins() -> None:
    """The stored outputs were made with requirements.txt: the student must get the same numbers."""
    binder, book = pins(BINDER / "requirements.txt"), pins(REPO / "requirements.txt")
    for name in ("numpy", "scipy"):
        assert name in book and binder.get(name) == book[name], f"{name}: binder {binder.get(name)}, book {book[name]}"
    shared = binder.keys() & book.keys() - {""}
    differ = {name: (binder[name], book[name]) for name in shared if binder[name] != book[name]}
    assert not differ, f"pinned differently in binder/requirements.txt and requirements.txt: {differ}"


def test_the_repository_address_is_written_once() -> None:
    """Launch buttons, the repository button and the docs read it from _config.yml; a fork changes one line."""
    url = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
    assert url.startswith("https://"), url
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.decode()
    address = url.split("://", 1)[1].rstrip("/")
    holders = []
    for name in filter(None, listed.split("\0")):
        path = REPO / name
        if path.suffix in {".ipynb", ".png", ".svg"} or not path.is_file():
            continue
        if address in path.read_text(encoding="utf-8", errors="ignore"):
            holders.append(name)
    assert holders == ["_config.yml"], f"the repository address {address} is written in {holders}"


def test_solution_code_cells_are_folded_in_jupyterlab() -> None:
    """The cell that ran a solution is removed from the book, but JupyterLab shows it: fold it."""
    for path in CHAPTERS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and "solution" in cell.metadata.get("tags", []):
                folded = cell.metadata.get("jupyter", {})
                assert folded.get("source_hidden") and folded.get("outputs_hidden"), (
                    f"{path.name}, cell {cell.id}: a solution's code cell needs metadata "
                    '"jupyter": {"source_hidden": true, "outputs_hidden": true} (CONTRIBUTING.md)'
                )


# ------------------------------------------------------------------------- the student environment


@pytest.mark.binder
def test_binder_adds_few_distributions(student_env) -> None:
    added = student_env.added
    print(
        f"\nBinder base (JupyterLab, pip): {len(student_env.base)} distributions; student environment: "
        f"{len(student_env.installed)}; added ({len(added)}): {', '.join(added)}"
        f"\nbuild steps (s): {student_env.timings}"
    )
    assert "mode-collapse-course" in added, "postBuild did not install mctools"
    assert len(added) <= MAX_ADDED, f"{len(added)} distributions over Binder's JupyterLab: {added}"


@pytest.mark.binder
def test_student_env_runs_what_the_chapters_import(student_env) -> None:
    modules = set()
    for path in CHAPTERS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                modules |= set(re.findall(r"^\s*(?:import|from)\s+(\w+)", cell.source, re.M))
    probe = f"import json, {', '.join(sorted(modules))}; import mctools; print(json.dumps(mctools.__file__))"
    proc = subprocess.run(
        [str(student_env.python), "-c", probe],
        cwd=student_env.repository / "book",  # where the notebooks run: the repository root is not on sys.path
        env=student_env.environ(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, f"the chapters import {sorted(modules)}:\n{proc.stderr}"
    where = Path(json.loads(proc.stdout))
    assert where.is_relative_to(student_env.venv), f"mctools imported from {where}, not the installed package"
    check = subprocess.run(
        [student_env_module.uv(), "pip", "check", "--python", str(student_env.python)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.binder
def test_postbuild_writes_student_notebooks_and_removes_grading(student_env) -> None:
    folder = student_env.repository / binder_folder() / "book"
    written = sorted(p.name for p in folder.glob("*.ipynb"))
    assert written == sorted(p.name for p in BOOK.glob("*.ipynb")), f"student notebooks in the image: {written}"
    for name in written:
        cells = nbformat.read(folder / name, as_version=4).cells
        assert not [c for c in cells if "solution" in c.metadata.get("tags", [])], f"{name} holds solutions"
    assert not (student_env.repository / "grading").exists(), "grading/ is in the image students work in"


# ------------------------------------------------------------------------------- JupyterLab, offline

#: User settings of the test's JupyterLab. windowingMode "none": every cell is attached and
#: rendered (by default JupyterLab renders only what is near the viewport).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "kernelShutdown": True},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


@dataclass(frozen=True)
class Lab:
    base: str
    token: str
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(student_env, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab from the student environment, serving its copy of the repository on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("jupyterlab")
    for name, values in LAB_SETTINGS.items():
        target = folder / "settings" / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    token, port = secrets.token_hex(16), _free_port()
    command = [
        str(student_env.venv / "bin" / "jupyter"), "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={student_env.repository}",
        f"--LabApp.user_settings_dir={folder / 'settings'}", f"--LabApp.workspaces_dir={folder / 'workspaces'}",
        "--LabApp.extension_manager=readonly", "--LabApp.expose_app_in_browser=True",
    ]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--allow-root")
    # The server itself has no network either: anything it fetches goes to a closed local port.
    offline = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1"}
    env = student_env.environ(JUPYTER_RUNTIME_DIR=str(folder / "runtime"), **offline)
    log = folder / "jupyterlab.log"
    with open(log, "w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT_MS / 1000
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{log.read_text()[-3000:]}", pytrace=False)
                time.sleep(0.2)
        yield Lab(base, token, log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class Browser:
    page: object
    outside: list[str]
    console_errors: list[str]


@pytest.fixture(scope="module")
def lab_page(jupyterlab: Lab, browser_context) -> Iterator[Browser]:
    """JupyterLab loaded once in headless Chromium; every request leaving 127.0.0.1 is aborted."""
    page = browser_context.new_page()
    found = Browser(page, [], [])

    def route(route) -> None:
        if route.request.url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            found.outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: found.console_errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{jupyterlab.base}/lab?reset&token={jupyterlab.token}")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=WAIT_MS)
    page.evaluate("() => window.jupyterapp.restored")
    try:
        yield found
    finally:
        page.close()


@dataclass(frozen=True)
class Stored:
    """What a chapter notebook stores, which JupyterLab must show."""

    charts: int
    markdown: int
    exercises: int
    solutions: int
    solution_code: int
    citations: list[str]

    @classmethod
    def read(cls, path: Path) -> Stored:
        cells = nbformat.read(path, as_version=4).cells
        markdown = [c.source for c in cells if c.cell_type == "markdown"]
        charts = sum(CHART_MIME_TYPE in o.get("data", {}) for c in cells for o in c.get("outputs", []))
        links = [m for s in markdown for m in re.finditer(r"\[([^\]]*)\]\((#[^)\s]+)\)", s)]
        citations = [m[1] for m in links if (role := link_role(m[2])) and role[0] == "cite"]
        return cls(
            charts=charts,
            markdown=len(markdown),
            exercises=sum(len(re.findall(r"^`{3,}\{exercise\}", s, re.M)) for s in markdown),
            solutions=sum(len(re.findall(r"^`{3,}\{solution\}", s, re.M)) for s in markdown),
            solution_code=sum(c.cell_type == "code" and "solution" in c.metadata.get("tags", []) for c in cells),
            citations=citations,
        )


OPEN = """async ([path, kernel]) => {
  const app = window.jupyterapp;
  // Without a kernel unless one is asked for, as "Open With > Notebook (no kernel)": opening
  // draws the stored outputs either way, and eight idle kernels would only load the machine.
  const kernelPreference = {shouldStart: kernel, shouldReuse: false};
  const widget = await app.commands.execute('docmanager:open', {path, factory: 'Notebook', kernelPreference});
  await widget.context.ready;
  app.shell.activateById(widget.id);
  return widget.id;
}"""
RENDERED = """([id, charts, markdown]) => {
  const panel = document.getElementById(id);
  if (!panel) return false;
  const cells = [...panel.querySelectorAll('.jp-MarkdownCell')];
  return cells.length === markdown && cells.every(c => c.querySelector('.myst'))
    && panel.querySelectorAll('svg.marks, canvas.marks').length >= charts;
}"""
MEASURE = """(id) => {
  const panel = document.getElementById(id);
  const q = s => [...panel.querySelectorAll(s)];
  const widget = [...window.jupyterapp.shell.widgets('main')].find(w => w.id === id);
  const cells = [...widget.content.model.cells];
  return {
    charts: q('svg.marks, canvas.marks').length,
    exercises: q('.myst aside.myst-exercise').length,
    solutions: q('.myst details.myst-exercise').length,
    open_solutions: q('.myst details.myst-exercise[open]').length,
    // a folded cell shows a placeholder for its code and none of its outputs
    folded: q('.jp-CodeCell').filter(c => {
      const placeholder = c.querySelector('.jp-InputPlaceholder');
      const outputs = [...c.querySelectorAll('.jp-OutputArea-output')];
      return placeholder && placeholder.offsetParent !== null && outputs.every(o => o.offsetParent === null);
    }).length,
    admonitions: q('.myst aside.myst-admonition').length,
    unresolved: q('.myst [title$="Not Found"]').map(e => e.title + ': ' + e.textContent),
    citations: q('.myst a[href^="#cite-"]').map(a => a.textContent),
    raw: q('.myst').map(e => e.textContent).filter(t => /`{3,}\\s*\\{|\\{(cite|numref)\\}`/.test(t)),
    errors: q('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').map(e => e.textContent),
    trusted: cells.filter(c => c.type === 'code' && c.trusted).length,
    executed: cells.filter(c => c.type === 'code' && c.executionCount !== null).length,
    code: cells.filter(c => c.type === 'code').length,
  };
}"""
CLOSE = """async (id) => {
  const widget = [...window.jupyterapp.shell.widgets('main')].find(w => w.id === id);
  if (widget.sessionContext.session) await widget.sessionContext.shutdown();
  widget.context.model.dirty = false;
  widget.dispose();
}"""
RUN_ALL = """async (id) => {
  const app = window.jupyterapp;
  const widget = [...app.shell.widgets('main')].find(w => w.id === id);
  await widget.sessionContext.ready;
  app.shell.activateById(id);
  await app.commands.execute('notebook:clear-all-cell-outputs');
  const cleared = document.getElementById(id).querySelectorAll('svg.marks, canvas.marks').length;
  await app.commands.execute('notebook:run-all-cells');
  return cleared;
}"""
DONE = """(id) => {
  const widget = [...window.jupyterapp.shell.widgets('main')].find(w => w.id === id);
  const kernel = widget.sessionContext.session && widget.sessionContext.session.kernel;
  const code = [...widget.content.model.cells].filter(c => c.type === 'code');
  return kernel && kernel.status === 'idle' && code.every(c => c.executionCount !== null);
}"""


def screenshot(page, name: str) -> None:
    """A screenshot of the lab into $MCTOOLS_SCREENSHOTS, when set (about a second each, so only when asked)."""
    if folder := os.environ.get("MCTOOLS_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name))


def show(page, id_: str, selector: str) -> None:
    """Scroll the first element matching ``selector`` in the panel into view (for a screenshot)."""
    page.evaluate(
        "([id, s]) => { const e = document.getElementById(id).querySelector(s); if (e) e.scrollIntoView(); }",
        [id_, selector],
    )


def open_chapter(lab_page: Browser, path: Path, stored: Stored, kernel: bool = False) -> str:
    relative = path.relative_to(REPO).as_posix()
    panel = lab_page.page.evaluate(OPEN, [relative, kernel])
    lab_page.page.wait_for_function(RENDERED, arg=[panel, stored.charts, stored.markdown], timeout=WAIT_MS)
    lab_page.page.wait_for_timeout(300)  # jupyterlab-myst resolves references across cells just after
    return panel


@pytest.mark.binder
@pytest.mark.browser
@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_renders_in_jupyterlab_before_any_cell_runs(path: Path, lab_page: Browser) -> None:
    stored = Stored.read(path)
    panel = open_chapter(lab_page, path, stored)
    seen = lab_page.page.evaluate(MEASURE, panel)
    screenshot(lab_page.page, f"lab-{path.stem}-top.png")
    show(lab_page.page, panel, "details.myst-exercise")
    screenshot(lab_page.page, f"lab-{path.stem}-exercise.png")
    show(lab_page.page, panel, '.myst a[href^="#cite-"]')
    screenshot(lab_page.page, f"lab-{path.stem}-citation.png")
    lab_page.page.evaluate(CLOSE, panel)

    assert seen["trusted"] == 0, f"{seen['trusted']} code cells are trusted: the test must open the chapter untrusted"
    assert seen["charts"] == stored.charts, f"{seen['charts']} of the {stored.charts} stored charts drawn"
    assert (seen["exercises"], seen["solutions"]) == (stored.exercises, stored.solutions), (
        f"exercises/solutions rendered {seen['exercises']}/{seen['solutions']}, "
        f"the notebook has {stored.exercises}/{stored.solutions}"
    )
    assert seen["open_solutions"] == 0, "a solution is shown open"
    assert seen["folded"] == stored.solution_code, f"{seen['folded']} of {stored.solution_code} solution cells folded"
    assert seen["admonitions"] >= 1, "the learning goals are not an admonition"
    assert not seen["raw"], f"raw MyST left in the rendered text: {seen['raw'][:2]}"
    assert not seen["unresolved"], f"unresolved in JupyterLab: {sorted(set(seen['unresolved']))}"
    assert seen["citations"] == stored.citations, "the citations do not read as their author-year links"
    assert not seen["errors"], f"error outputs: {seen['errors'][:2]}"
    assert not lab_page.outside, f"requests outside 127.0.0.1 (aborted): {sorted(set(lab_page.outside))}"


@pytest.mark.binder
@pytest.mark.browser
def test_a_chapter_run_in_jupyterlab_draws_its_charts_again(lab_page: Browser) -> None:
    path = BOOK / RERUN
    stored = Stored.read(path)
    panel = open_chapter(lab_page, path, stored, kernel=True)
    start = time.perf_counter()
    cleared = lab_page.page.evaluate(RUN_ALL, panel)  # outputs cleared first: every chart drawn after is new
    lab_page.page.wait_for_function(DONE, arg=panel, timeout=WAIT_MS)
    lab_page.page.wait_for_function(RENDERED, arg=[panel, stored.charts, stored.markdown], timeout=WAIT_MS)
    seconds = time.perf_counter() - start
    seen = lab_page.page.evaluate(MEASURE, panel)
    show(lab_page.page, panel, ".jp-OutputArea-output svg.marks, .jp-OutputArea-output canvas.marks")
    screenshot(lab_page.page, f"lab-{path.stem}-rerun.png")
    lab_page.page.evaluate(CLOSE, panel)
    print(f"\n{RERUN} run in JupyterLab in {seconds:.1f} s")

    assert cleared == 0, f"{cleared} charts left after clearing the outputs"
    assert seen["executed"] == seen["code"], f"{seen['executed']} of {seen['code']} code cells ran"
    assert seen["charts"] == stored.charts, f"after the run, {seen['charts']} of {stored.charts} charts drawn"
    assert not seen["errors"], f"error outputs after the run: {seen['errors'][:2]}"
    assert not lab_page.outside, f"requests outside 127.0.0.1 (aborted): {sorted(set(lab_page.outside))}"
