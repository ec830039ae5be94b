"""Build the student edition of the course: the notebooks and the HTML book without solutions.

Used by ``make student``; writes into ``_build/student/`` (or ``--output``):

``notebooks/``
    every chapter notebook of ``book/`` (same file names), in which cells tagged ``solution``
    (the dropdown markdown and the hidden code cell that ran it) are removed, and the outputs of
    cells tagged ``check`` are cleared, so a student sees ``PASSED`` only once earned. Exercise
    stubs, check cells and every other output stay: students read the chapter as in the book.
``_config.yml``
    ``_config.yml`` plus :data:`STUDENT_OVERRIDES`, generated at every run so the two never
    drift (local extension paths are made absolute, since Jupyter Book reads them relative to
    the config file).
``_toc.yml``
    ``_toc.yml`` without the pages for instructors (:data:`INSTRUCTOR_PAGES`).
``html/``
    ``jupyter-book build`` with that config and table of contents, warnings as errors. Its
    launch buttons open the student notebooks that Binder's image holds in ``student/book/``
    (``binder/postBuild`` runs this script with ``--binder``); it has no button leading to the
    repository, whose notebooks hold the solutions. sphinx-exercise's
    ``hide_solutions`` drops the solution dropdowns; the hidden solution cells are
    ``remove-cell`` already. The notebooks offered for download (``_sources/**.ipynb``) are then
    replaced by the student notebooks, and the script fails if any file of the HTML still holds
    a solution cell.

    python scripts/student_edition.py                      # notebooks and HTML
    python scripts/student_edition.py --notebooks-only --output /tmp/student
    python scripts/student_edition.py --binder             # only student/book/*.ipynb (binder/postBuild)
    python scripts/student_edition.py --pdf                # notebooks and mode-collapse-student.pdf (make pdf)
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # coursekit/, the notebook model (this script's folder is scripts/)

from coursekit import BOOK, CHECK, SOLUTION, chapters, tags  # noqa: E402

#: Where Binder's image holds the student notebooks (``student/book/<chapter>.ipynb``, written by
#: ``binder/postBuild``). The launch buttons of the student HTML open
#: ``<repository.path_to_book>/<page>.ipynb``, and a chapter's page is ``book/<chapter>``.
BINDER_FOLDER = "student"

#: Pages of _toc.yml left out of the student HTML.
INSTRUCTOR_PAGES = {"book/instructor_guide"}

# Applied on top of _config.yml for the student HTML (nested dictionaries are merged).
STUDENT_OVERRIDES = {
    "title": "Mode Collapse (student edition)",
    # The launch buttons open the student notebooks in Binder's image, not the chapters.
    "repository": {"path_to_book": BINDER_FOLDER},
    # No link into the repository, whose notebooks hold the solutions.
    "html": {"use_repository_button": False, "use_issues_button": False},
    # hide_solutions: sphinx-exercise drops the solution dropdowns; course_student_edition:
    # _ext/student_html.py drops the stored outputs of check cells, as in the student notebooks.
    "sphinx": {"config": {"hide_solutions": True, "course_student_edition": True}},
    # The print edition's file (make pdf): beside the full one, not over it.
    "latex": {"latex_documents": {"targetname": "mode-collapse-student.tex"}},
}


def student_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` without solution cells and with the check cells' outputs cleared."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells = [cell for cell in notebook.cells if SOLUTION not in tags(cell)]
    for cell in notebook.cells:
        if CHECK in tags(cell) and cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None  # as JupyterLab's "Clear Outputs"
    return notebook


def write_notebooks(out: Path, book: Path = BOOK) -> list[Path]:
    """Write the student notebooks into ``out`` (mirroring ``book``); return their paths."""
    if out.exists():
        shutil.rmtree(out)
    written = []
    for path in chapters(book):
        target = out / path.relative_to(book)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student_notebook(path), target)
        written.append(target)
    return written


def _merge(base: dict, overrides: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def write_config(target: Path, source: Path = REPO / "_config.yml") -> Path:
    """Write the student edition's Jupyter Book config: ``source`` plus :data:`STUDENT_OVERRIDES`."""
    config = _merge(yaml.safe_load(source.read_text(encoding="utf-8")), STUDENT_OVERRIDES)
    extensions = config.get("sphinx", {}).get("local_extensions") or {}
    for name, folder in extensions.items():
        extensions[name] = str((source.parent / folder).resolve())
    header = f"# Generated by scripts/student_edition.py from {source.name}; edit that file instead.\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def write_toc(target: Path, source: Path = REPO / "_toc.yml") -> Path:
    """Write the student edition's table of contents: ``source`` without :data:`INSTRUCTOR_PAGES`."""

    def for_instructors(item) -> bool:
        return isinstance(item, dict) and item.get("file") in INSTRUCTOR_PAGES

    def keep(node):
        if isinstance(node, list):
            kept = [keep(item) for item in node if not for_instructors(item)]
            return [item for item in kept if not (isinstance(item, dict) and item.get("chapters") == [])]
        if isinstance(node, dict):
            return {key: keep(value) for key, value in node.items()}
        return node

    toc = keep(yaml.safe_load(source.read_text(encoding="utf-8")))
    header = f"# Generated by scripts/student_edition.py from {source.name}; edit that file instead.\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(header + yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def _has_solutions(path: Path) -> bool:
    notebook = nbformat.read(path, as_version=4)
    return any(SOLUTION in tags(cell) for cell in notebook.cells)


def _jupyter_book(builder: str, staging: Path, config: Path, toc: Path, final: Path) -> None:
    """``jupyter-book build`` of the repository with ``config`` and ``toc`` into ``staging``.

    jupyter-book ends by naming the folder it wrote, which the caller moves: its output names
    ``final`` instead.
    """
    shutil.rmtree(staging, ignore_errors=True)
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [
        str(jupyter_book if jupyter_book.is_file() else "jupyter-book"), "build", str(REPO),
        "--config", str(config), "--toc", str(toc), "--builder", builder, "-W", "-n", "--keep-going", "--all",
        "--path-output", str(staging),
    ]  # fmt: skip
    staged = os.path.relpath(staging / "_build" / ("latex" if builder == "pdflatex" else builder))
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as build:
        for line in build.stdout:
            print(line.replace(staged, os.path.relpath(final)), end="", flush=True)
    if build.returncode:
        raise subprocess.CalledProcessError(build.returncode, command)


def build_pdf(out: Path, config: Path, toc: Path) -> Path:
    """Build the student print edition (no solutions, no instructor pages) into ``out``."""
    staging = out / ".jupyter-book-pdf"
    pdf = out / "mode-collapse-student.pdf"
    _jupyter_book("pdflatex", staging, config, toc, pdf)
    shutil.copyfile(staging / "_build" / "latex" / pdf.name, pdf)
    shutil.rmtree(staging)
    return pdf


def build_html(out: Path, notebooks: Path, config: Path, toc: Path) -> Path:
    """Build the HTML book with ``config`` and ``toc`` into ``out/html``; offer the student notebooks."""
    staging = out / ".jupyter-book"  # jupyter-book writes <path-output>/_build/html
    html = out / "html"
    _jupyter_book("html", staging, config, toc, html)
    shutil.rmtree(html, ignore_errors=True)
    shutil.move(staging / "_build" / "html", html)
    shutil.rmtree(staging)

    sources = html / "_sources" / BOOK.relative_to(REPO)
    for student in sorted(notebooks.rglob("*.ipynb")):
        target = sources / student.relative_to(notebooks)
        if target.is_file():
            shutil.copyfile(student, target)
    leaks = [p for p in html.rglob("*.ipynb") if _has_solutions(p)]
    if leaks:
        raise SystemExit(f"solution cells left in the student HTML: {[str(p) for p in leaks]}")
    return html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "_build" / "student", help="default: _build/student")
    parser.add_argument("--notebooks-only", action="store_true", help="skip the HTML book")
    parser.add_argument("--pdf", action="store_true", help="build the print edition instead of the HTML book")
    parser.add_argument(
        "--binder", action="store_true", help=f"only write the student notebooks into {BINDER_FOLDER}/book/ (postBuild)"
    )
    args = parser.parse_args()
    if args.binder:
        written = write_notebooks(REPO / BINDER_FOLDER / BOOK.relative_to(REPO))
        print(f"{len(written)} student notebooks in {REPO / BINDER_FOLDER / BOOK.relative_to(REPO)}")
        return
    out = args.output.resolve()
    start = time.perf_counter()
    written = write_notebooks(out / "notebooks")
    print(f"{len(written)} student notebooks in {out / 'notebooks'}", flush=True)
    if args.pdf:
        pdf = build_pdf(out, write_config(out / "_config.yml"), write_toc(out / "_toc.yml"))
        print(f"Student print edition: {pdf}")
    elif not args.notebooks_only:
        html = build_html(out, out / "notebooks", write_config(out / "_config.yml"), write_toc(out / "_toc.yml"))
        print(f"Student HTML: open {html / 'index.html'}")
    print(f"student edition built in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
