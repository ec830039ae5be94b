"""The print edition (``make pdf``): the book's structure as a reader of paper expects it.

Runs only for the LaTeX builder, on the single doctree Sphinx assembles from every page (after
sphinx-jupyterbook-latex has turned the table of contents' captions into parts):

* **Numbers as in the HTML.** Chapters are numbered by LaTeX (1-8, as the HTML's numbered
  table of contents); the section headings carry their own numbers ("1.2 Deciding under
  ambiguity"), so LaTeX numbers no sections (``secnumdepth`` 0, set in ``_config.yml``). The
  appendix chapter becomes appendix A (its figures and exercises read A.1, A.2, ...), and the
  pages after the appendices (the instructor guide) are unnumbered.
* **Solutions at the back.** Every worked solution, a dropdown next to its exercise on screen,
  moves to an appendix "Solutions to the exercises", grouped by chapter. The student edition
  (``hide_solutions``) has none, and gets no such appendix.

* **A title page** with the authors, the date of the build, the licences and the address of the
  source (``repository.url`` in ``_config.yml``, the one place that names it).

The charts become pictures in ``vega_charts.py``.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

SOLUTIONS_TITLE = "Solutions to the exercises"
#: A chapter title's own appendix letter, e.g. "A. Free energy": LaTeX prints the letter.
APPENDIX_PREFIX = re.compile(r"^[A-Z]\.\s+")


def _walk(node: nodes.Element, docname: str = "", parent: nodes.Element | None = None):
    """Yield ``(node, parent, docname)`` for every node, top down.

    Follows ``children`` rather than ``parent``: sphinx-jupyterbook-latex replaces some nodes
    by new ones without updating their children's ``parent``, so walking up is unreliable.
    """
    yield node, parent, docname
    for child in list(getattr(node, "children", [])):
        inner = child["docname"] if isinstance(child, addnodes.start_of_file) else docname
        yield from _walk(child, inner, node)


def _start_of_file(document: nodes.document, docname: str):
    """``(start_of_file, parent)`` of the document ``docname`` in the assembled tree, or None."""
    return next(
        ((n, p) for n, p, _ in _walk(document) if isinstance(n, addnodes.start_of_file) and n["docname"] == docname),
        None,
    )


def _chapter_title(start: addnodes.start_of_file) -> nodes.title | None:
    section = next(iter(start.findall(nodes.section)), None)
    return next(iter(section.findall(nodes.title)), None) if section is not None else None


def _raw(latex: str) -> nodes.raw:
    return nodes.raw("", latex + "\n", format="latex")


# After \appendix, LaTeX letters the chapters; Sphinx numbers figures, tables, equations and
# code listings with \arabic{chapter}, which would restart at 1: use the letter instead.
APPENDIX_LATEX = r"""\appendix
\makeatletter
\renewcommand\thefigure{\thechapter.\arabic{figure}}
\renewcommand\thetable{\thechapter.\arabic{table}}
\renewcommand\theequation{\thechapter.\arabic{equation}}
\renewcommand\theliteralblock{\thechapter.\arabic{literalblock}}
\makeatother"""


class PrintStructure(SphinxPostTransform):
    """Appendix lettering, unnumbered back matter and the solutions appendix (LaTeX only)."""

    default_priority = 800  # after sphinx-jupyterbook-latex's parts (700)
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        self._label_exercises()
        found = [f for f in map(self._find, self.config.course_print_appendices) if f is not None]
        if not found:  # a single page, or a build without the appendix
            return
        found[0][0].insert(0, _raw(APPENDIX_LATEX))
        for start, _ in found:
            title = _chapter_title(start)
            if title is not None and title.children and isinstance(title[0], nodes.Text):
                title[0] = nodes.Text(APPENDIX_PREFIX.sub("", title[0].astext()))
        self._gather_solutions(*found[-1])
        for name in self.config.course_print_unnumbered:
            if (start := self._find(name)) is not None:
                start[0].insert(0, _raw(r"\setcounter{secnumdepth}{-1}"))
                break  # every chapter after it is unnumbered too

    def _find(self, docname: str):
        return _start_of_file(self.document, docname)

    def _label_exercises(self) -> None:
        # sphinx-exercise labels an exercise "exercise:<label>" in LaTeX, but the links to it
        # (a solution's title, a numref) point at "<docname>:<label>": give it both.
        from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

        for node, _, docname in list(_walk(self.document)):
            if isinstance(node, exercise_node | exercise_enumerable_node) and node.get("label"):
                node.insert(0, _raw(rf"\phantomsection\label{{{docname}:{node['label']}}}"))

    def _gather_solutions(self, after: addnodes.start_of_file, parent: nodes.Element) -> None:
        from sphinx_exercise.nodes import solution_node

        by_chapter: dict[str, list[nodes.Element]] = {}
        for node, holder, docname in list(_walk(self.document)):
            if isinstance(node, solution_node):
                holder.remove(node)
                by_chapter.setdefault(docname, []).append(node)
        if not by_chapter:
            return
        chapter = nodes.section("", nodes.title("", SOLUTIONS_TITLE), ids=["print-solutions"])
        chapter += nodes.paragraph(
            "", "In the online book each solution sits in a dropdown under its exercise; here they are gathered."
        )
        for docname, solutions in by_chapter.items():
            # Keep each solution under its own document, so its labels and links stay its own.
            holder = addnodes.start_of_file(docname=docname)
            title = self.env.titles.get(docname)
            number = self.env.toc_secnumbers.get(docname, {}).get("", ())
            prefix = ".".join(map(str, number)) + ". " if number else ""
            section = nodes.section("", nodes.title("", prefix + (title.astext() if title else docname)))
            section["ids"] = [f"print-solutions-{len(chapter.children)}"]
            section.extend(solutions)
            holder += section
            chapter += holder
        wrapper = addnodes.start_of_file(docname=after["docname"])
        wrapper += chapter
        parent.insert(parent.index(after) + 1, wrapper)


LICENCE = (
    r"The text and figures of this book are licensed under the Creative Commons Attribution 4.0 "
    r"International licence (CC BY 4.0); its code, including the \texttt{mctools} package, under "
    r"the MIT licence."
)


def _title_page(app: Sphinx, config) -> None:
    """Set the title page (its back carries the licences and the source) and the numbering."""
    url = config.html_theme_options.get("repository_url", "")
    # The student edition does not point at the repository, whose notebooks hold the solutions.
    shown = url and not getattr(config, "hide_solutions", False)
    source = rf"\par\medskip Source, and the online book with interactive charts: \url{{{url}}}" if shown else ""
    elements = config.latex_elements
    # Jupyter Book passes the book's title as html_title (the student edition's says so).
    title = config.html_title or config.project
    # LaTeX numbers the chapters only: the section titles carry their own numbers. The PDF's
    # metadata names the book, as viewers and library tools show it.
    elements["preamble"] = (
        elements.get("preamble", "")
        + "\n\\setcounter{secnumdepth}{0}\n"
        + rf"\AtBeginDocument{{\hypersetup{{pdftitle={{{title}}}, pdfauthor={{{config.author}}}}}}}"
        + "\n"
    )
    elements["maketitle"] = (
        r"\begin{titlepage}\centering\vspace*{0.3\textheight}"
        rf"{{\Huge\bfseries {title}\par}}\vspace{{2em}}"
        rf"{{\Large {config.author}\par}}\vspace{{1em}}{{\large \today\par}}\vfill"
        r"\end{titlepage}"
        "\n"
        r"\thispagestyle{empty}\vspace*{\fill}\begin{small}\noindent " + LICENCE + source + r"\end{small}\clearpage"
    )


def setup(app: Sphinx) -> dict[str, object]:
    # Document names (as in _toc.yml) of the appendices, lettered A, B, ... in print, and of the
    # first page after them, from which chapters are unnumbered.
    app.add_config_value("course_print_appendices", [], "env", types=[list])
    app.add_config_value("course_print_unnumbered", [], "env", types=[list])
    app.add_post_transform(PrintStructure)
    app.connect("config-inited", _title_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
