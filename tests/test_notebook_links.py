"""Citations and figure references read as text in JupyterLab (see _ext/notebook_links.py).

* no ``{cite}`` role is left in the book's sources, and no ``{numref}`` to a chart of the same
  notebook (jupyterlab-myst shows both as unresolved labels with a warning icon);
* every citation link's text is the author-year of its keys, taken from book/references.bib,
  so what a student reads names the work the book's numbered citation points to;
* every link to a chart names a chart of its own notebook and says where it is
  ("the chart below", "the second chart above");
* every link to a theorem names a theorem of another chapter, and says which.

The book build (tests/test_book.py, ``-W``) checks that each link becomes a resolved citation
or reference; the JupyterLab test checks that none shows a warning icon.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import nbformat
import pytest
from notebook_links import author_year, citation_text, figure_text  # _ext/, through pytest's pythonpath
from pybtex.database import parse_file

from mctools._display import CHART_MIME_TYPE

BOOK = Path(__file__).resolve().parents[1] / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))
ENTRIES = parse_file(str(BOOK / "references.bib")).entries

CITE_ROLE = re.compile(r"\{cite(?::\w+)?\}`")
CITE_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(#cite-(?P<keys>[^)\s]*)\)")
FIG_ROLE = re.compile(r"\{numref\}`(?P<name>fig-[\w-]+)`")
FIG_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(#(?P<name>fig-[\w-]+)\)")
THM_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(#(?P<name>thm-[\w-]+)\)")
THM_LABEL = re.compile(r"```+\{prf:theorem\}[^\n]*\n(?::[^\n]*\n)*?:label: (?P<name>thm-[\w-]+)")


@functools.cache
def markdown_sources(path: Path) -> list[tuple[int, str]]:
    """(cell index, source) of every markdown cell; the whole file for a .md page."""
    if path.suffix == ".md":
        return [(0, path.read_text(encoding="utf-8"))]
    return [(i, c.source) for i, c in enumerate(nbformat.read(path, as_version=4).cells) if c.cell_type == "markdown"]


def charts(path: Path) -> dict[str, int]:
    """{figure name: cell index} of the chart cells of a notebook."""
    return {
        cell.metadata["mystnb"]["figure"]["name"]: i
        for i, cell in enumerate(nbformat.read(path, as_version=4).cells)
        if cell.cell_type == "code"
        and cell.metadata.get("mystnb", {}).get("figure", {}).get("name")
        and any(CHART_MIME_TYPE in o.get("data", {}) for o in cell.get("outputs", []))
    }


@functools.cache
def theorem_homes() -> dict[str, Path]:
    return {m["name"]: path for path in NOTEBOOKS for _, s in markdown_sources(path) for m in THM_LABEL.finditer(s)}


SOURCES = [*NOTEBOOKS, *sorted(BOOK.glob("*.md"))]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_citations_are_links_whose_text_is_the_author_year(path: Path) -> None:
    for index, source in markdown_sources(path):
        roles = CITE_ROLE.findall(source)
        assert not roles, (
            f"{path.name}, cell {index}: write a citation as [Author Year](#cite-key) (CONTRIBUTING.md), "
            f"not {{cite}}: jupyterlab-myst shows the bare key"
        )
        for match in CITE_LINK.finditer(source):
            keys = match["keys"].split(",")
            expected = citation_text(keys, ENTRIES)
            assert match["text"] == expected, f"{path.name}, cell {index}: {match[0]} should read [{expected}]"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figure_links_say_where_the_chart_is(path: Path) -> None:
    found = charts(path)
    for index, source in markdown_sources(path):
        for match in FIG_ROLE.finditer(source):
            assert match["name"] not in found, (
                f"{path.name}, cell {index}: write [the chart below](#{match['name']}), not {{numref}}: "
                "jupyterlab-myst does not know figures named in cell metadata"
            )
        for match in FIG_LINK.finditer(source):
            name = match["name"]
            assert name in found, f"{path.name}, cell {index}: {match[0]} names no chart of this notebook"
            position = found[name]
            between = sum(1 for other in found.values() if min(index, position) < other < max(index, position))
            expected = figure_text(between, below=position > index)
            text = match["text"]
            where = f"{path.name}, cell {index}: {match[0]}"
            assert text[:1].lower() + text[1:] == expected, f"{where} should read {expected!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_theorem_links_name_the_chapter(path: Path) -> None:
    homes = theorem_homes()
    for index, source in markdown_sources(path):
        for match in THM_LINK.finditer(source):
            home = homes.get(match["name"])
            assert home is not None, f"{path.name}, cell {index}: no theorem is labelled {match['name']}"
            chapter = "the appendix" if home.name.startswith("appendix") else f"chapter {int(home.name[:2])}"
            assert chapter in match["text"], f"{path.name}, cell {index}: {match[0]} should name {chapter}"


def test_author_year_forms() -> None:
    """One, two, three or more authors, "others", LaTeX accents; an entry without a year refuses."""
    from pybtex.database import parse_string

    bib = parse_string(
        r"""
        @misc{one, author = {Gordon, Robert}, year = {1941}}
        @misc{two, author = {Eggenberger, F. and P{\'o}lya, G.}, year = {1923}}
        @misc{three, author = {A, B. and C, D. and E, F.}, year = {2000}}
        @misc{etal, author = {Gerstgrasser, M. and others}, year = {2024}}
        @misc{noyear, author = {X, Y.}}
        """,
        "bibtex",
    ).entries
    assert author_year("one", bib["one"]) == "Gordon 1941"
    assert author_year("two", bib["two"]) == "Eggenberger and Pólya 1923"
    assert author_year("three", bib["three"]) == "A et al. 2000"
    assert author_year("etal", bib["etal"]) == "Gerstgrasser et al. 2024"
    assert citation_text(["one", "two"], bib) == "Gordon 1941; Eggenberger and Pólya 1923"
    with pytest.raises(ValueError, match="noyear"):
        author_year("noyear", bib["noyear"])
    with pytest.raises(KeyError, match="missing"):
        citation_text(["missing"], bib)


def test_the_essay_is_cited_with_its_author_date_and_address() -> None:
    essay = ENTRIES["essay"]
    assert author_year("essay", essay) == "Bostock 2026"
    assert essay.fields["url"].startswith("https://www.lesswrong.com/posts/")
    assert essay.fields.get("month")
