"""The print edition (`make pdf`): one PDF of the whole book, its charts printed as pictures.

Reads the PDF that `make pdf` wrote with poppler's command-line tools (pdfinfo, pdftotext,
pdfimages, pdftohtml for where pictures sit, pdftoppm to rasterise pages), as a viewer would:
every chart of the notebooks is a picture on the page of its caption, drawn where it sits;
captions and numbers read as in the HTML (Fig. 1.1, ..., Fig. A.1); code hidden in the book
stays hidden; solutions are gathered at the back; and the file is small enough to mail.
`make pdf` runs this file after building; `make test` skips it (XeLaTeX is not something a
newcomer has); CI installs TeX Live and requires it (MCTOOLS_REQUIRE_PDF=1).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
PDF = REPO / "_build" / "pdf" / "mode-collapse.pdf"
CHART_MIME_TYPE = "application/vnd.vegalite.v5+json"
MAX_BYTES = 25 * 2**20
CAPTION = re.compile(r"^\s*Fig\. ([0-9A-Z]+\.\d+): ", re.M)

pytestmark = pytest.mark.pdf


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        message = f"{tool} is missing: apt-get install poppler-utils"
        pytest.fail(message) if os.environ.get("MCTOOLS_REQUIRE_PDF") == "1" else pytest.skip(message)


@pytest.fixture(scope="module")
def pdf() -> Path:
    if not PDF.is_file():
        message = f"{PDF.relative_to(REPO)} is missing: run `make pdf` first"
        pytest.fail(message) if os.environ.get("MCTOOLS_REQUIRE_PDF") == "1" else pytest.skip(message)
    for tool in ("pdfinfo", "pdftotext", "pdfimages", "pdftohtml", "pdftoppm"):
        _need(tool)
    return PDF


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@cache
def pages(path: Path) -> list[str]:
    """The text of every page (pdftotext separates pages with form feeds)."""
    return _run("pdftotext", "-layout", str(path), "-").split("\f")[:-1]


@cache
def images_by_page(path: Path) -> dict[int, int]:
    """{1-based page: number of pictures drawn on it}, from pdfimages -list."""
    counts: dict[int, int] = {}
    for line in _run("pdfimages", "-list", str(path)).splitlines()[2:]:
        page, kind = int(line.split()[0]), line.split()[2]
        if kind == "image":  # not the soft masks that carry a picture's transparency
            counts[page] = counts.get(page, 0) + 1
    return counts


def stored_charts() -> dict[str, int]:
    """{chapter file: number of charts stored in its outputs}, in _toc.yml order."""
    from test_book import NOTEBOOK_PAGES

    counts = {}
    for name in NOTEBOOK_PAGES:
        cells = json.loads((REPO / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
        counts[name] = sum(CHART_MIME_TYPE in o.get("data", {}) for c in cells for o in c.get("outputs", []))
    return counts


def test_the_pdf_is_the_whole_book_and_small_enough_to_mail(pdf: Path) -> None:
    info = _run("pdfinfo", str(pdf))
    assert "Title:           Mode Collapse" in info
    page_count = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    assert page_count > 150, f"only {page_count} pages"
    assert pdf.stat().st_size < MAX_BYTES, f"{pdf.stat().st_size / 2**20:.1f} MB"
    text = "\n".join(pages(pdf))
    for title in ("The image generator", "Escaping collapse", "Free energy", "Bibliography"):
        assert title in text, f"{title!r} is not in the PDF"


def test_every_character_has_a_glyph(pdf: Path) -> None:
    """XeLaTeX drops a character its font lacks from the page and says so only in its log.

    Code is set in FreeMono, which lacks some characters the book's prose fonts have (U+2099
    subscript n, U+27FA long double arrow): a code cell holding one prints without it.
    """
    log = REPO / "_build" / "print" / "_build" / "latex" / "mode-collapse.log"
    assert log.is_file(), f"{log.relative_to(REPO)} is missing: run `make pdf`"
    missing = re.findall(r"Missing character: There is no (\S+) \((U\+[0-9A-F]+)\)", log.read_text(errors="replace"))
    assert not missing, f"characters printed without a glyph: {sorted(set(missing))}"


def test_the_title_page_names_authors_licences_and_source(pdf: Path) -> None:
    title, back = pages(pdf)[:2]
    assert "Mode Collapse" in title and "course authors" in title
    assert "CC BY 4.0" in back and "MIT" in back and "github.com" in back


def test_every_chart_is_a_picture_on_the_page_of_its_caption(pdf: Path) -> None:
    charts = sum(stored_charts().values())
    pictures = images_by_page(pdf)
    assert sum(pictures.values()) == charts, f"{sum(pictures.values())} pictures for {charts} stored charts"
    captions = {i + 1: CAPTION.findall(page) for i, page in enumerate(pages(pdf))}
    without = [(page, numbers) for page, numbers in captions.items() if len(numbers) > pictures.get(page, 0)]
    assert not without, f"pages whose figure captions outnumber their pictures: {without}"


LAYOUT_DPI = 108  # pdftohtml's page coordinates: 1.5 pixels per point


def picture_regions(pdf: Path, folder: Path) -> dict[int, list[tuple[int, int, int, int]]]:
    """{page: [(top, left, height, width) of each picture]}, in pixels at 108 dpi (pdftohtml -xml)."""
    _run("pdftohtml", "-xml", "-q", str(pdf), str(folder / "layout"))
    regions: dict[int, list[tuple[int, int, int, int]]] = {}
    for page in re.split(r"(?=<page number=)", (folder / "layout.xml").read_text(encoding="utf-8", errors="replace")):
        if number := re.match(r'<page number="(\d+)"', page):
            regions[int(number[1])] = [
                (int(m["top"]), int(m["left"]), int(m["height"]), int(m["width"]))
                for m in re.finditer(r'<image top="(?P<top>\d+)" left="(?P<left>\d+)" '
                                     r'width="(?P<width>\d+)" height="(?P<height>\d+)"', page)
            ]  # fmt: skip
    return regions


def rendered(pdf: Path, page: int, folder: Path) -> np.ndarray:
    """Page ``page`` rasterised by pdftoppm at pdftohtml's scale: (height, width, 3) RGB, 0-255."""
    prefix = folder / f"page{page}"
    _run("pdftoppm", "-r", str(LAYOUT_DPI), "-f", str(page), "-l", str(page), str(pdf), str(prefix))
    data = next(folder.glob(f"page{page}*.ppm")).read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)  # binary PPM: P6 w h 255 <bytes>
    assert magic == b"P6" and depth == b"255"
    return np.frombuffer(pixels, dtype=np.uint8).reshape(int(height), int(width), 3)


def test_figure_pages_render_with_their_pictures(pdf: Path, tmp_path: Path) -> None:
    """pdftoppm draws every page with a figure; where each picture sits, a chart is drawn."""
    regions, problems = picture_regions(pdf, tmp_path), []
    for page, count in sorted(images_by_page(pdf).items()):
        if len(regions.get(page, [])) != count:
            problems.append(f"page {page}: {len(regions.get(page, []))} picture positions for {count} pictures")
        pixels = rendered(pdf, page, tmp_path)
        for top, left, height, width in regions.get(page, []):
            crop = pixels[top : top + height, left : left + width].astype(int)
            ink = np.mean(crop.min(axis=2) < 200)  # axes, labels, marks
            colour = np.mean(np.ptp(crop, axis=2) > 80)  # the series' colours
            if height < 100 or ink < 0.01 or colour == 0:
                problems.append(f"page {page}: picture at {top},{left} ({height}x{width} px) ink {ink:.3f}")
    assert not problems, "\n".join(problems)


def test_figures_are_numbered_as_in_the_html(pdf: Path) -> None:
    """Chapter k's figures are Fig. k.1, k.2, ... in order; the appendix's are Fig. A.1, ..."""

    text = "\n".join(pages(pdf))
    solutions_start = text.find("Solutions to the exercises\n")
    numbers = CAPTION.findall(text[:solutions_start] if solutions_start > 0 else text)
    expected = []
    for index, (name, count) in enumerate(stored_charts().items(), 1):
        chapter = "A" if "appendix" in name else str(index)
        expected += [f"{chapter}.{k}" for k in range(1, count + 1)]
    assert numbers == expected


def test_code_hidden_in_the_book_is_hidden_in_print(pdf: Path) -> None:
    """No line that only hidden cells hold (charts' code, solutions' executed copies) is printed."""
    import nbformat
    from test_book import NOTEBOOK_PAGES

    hidden, shown_elsewhere = set(), set()
    for name in NOTEBOOK_PAGES:
        for cell in nbformat.read(REPO / f"{name}.ipynb", as_version=4).cells:
            lines = {re.sub(r"\s+", " ", line.strip()) for line in cell.source.splitlines() if len(line.strip()) > 30}
            tags = set(cell.metadata.get("tags", []))
            hiding = cell.cell_type == "code" and tags & {"hide-input", "remove-input", "remove-cell"}
            (hidden if hiding else shown_elsewhere).update(lines)
    text = re.sub(r"\s+", " ", "\n".join(pages(pdf)))
    shown = " \n ".join(shown_elsewhere)
    only_hidden = {line for line in hidden - shown_elsewhere if line not in shown}  # nor part of a shown line
    printed = sorted(line for line in only_hidden if line in text)
    assert len(only_hidden) > 100, "too few hidden lines to test"
    assert not printed, f"{len(printed)} hidden lines printed, e.g. {printed[:3]}"


def test_solutions_are_gathered_at_the_back(pdf: Path) -> None:
    """Every solution follows the appendix's opening sentence, and comes after the last chapter."""
    text = re.sub(r"\s+", " ", "\n".join(pages(pdf)))
    opening = text.find("In the online book each solution sits in a dropdown under its exercise")
    assert opening > text.rfind("What the model leaves out") > 0, "no solutions appendix after the chapters"
    solutions = [m.start() for m in re.finditer(r"Solution to Exercise", text)]
    assert len(solutions) >= 8 * 4, f"only {len(solutions)} solutions printed"
    assert min(solutions) > opening, "a solution is printed before the solutions appendix"


STUDENT_PDF = REPO / "_build" / "pdf" / "mode-collapse-student.pdf"
EXERCISE_TITLE = re.compile(r"Exercise (\d+|[A-Z])\.\d+ \((?:Derivation|Modelling|Autograded|Discussion)")


@pytest.fixture(scope="module")
def student_pdf(pdf: Path) -> Path:
    if not STUDENT_PDF.is_file():
        message = f"{STUDENT_PDF.relative_to(REPO)} is missing: run `make pdf` first"
        pytest.fail(message) if os.environ.get("MCTOOLS_REQUIRE_PDF") == "1" else pytest.skip(message)
    return STUDENT_PDF


def test_the_student_pdf_has_every_exercise_and_no_solution(pdf: Path, student_pdf: Path) -> None:
    """The student print edition: the same exercises, no solution, no verdict, no instructor guide."""
    full, student = (re.sub(r"\s+", " ", "\n".join(pages(path))) for path in (pdf, student_pdf))
    assert "student edition" in pages(student_pdf)[0], "the title page does not say which edition this is"
    exercises = sorted(set(EXERCISE_TITLE.findall(student)))
    assert len(exercises) >= 8 and exercises == sorted(set(EXERCISE_TITLE.findall(full))), "exercises differ"
    for leak in ("Solution to Exercise", "Solutions to the exercises", "PASSED", "Instructor guide"):
        assert leak in full, f"{leak!r} is not in the full edition, so its absence below proves nothing"
        assert leak not in student, f"{leak!r} printed in the student edition"
    assert len(pages(student_pdf)) < len(pages(pdf)), "the student edition is not shorter"
    assert os.path.getsize(student_pdf) <= MAX_BYTES
