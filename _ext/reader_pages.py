"""The theme's pages fixed for every reader: screen reader, phone and desktop. A Sphinx extension.

Jupyter Book's theme (sphinx-book-theme on pydata-sphinx-theme) and myst-nb write a few
things that axe-core reports as serious, and a layout that clips or scrolls the course's
content at a desktop width. Where the theme is at fault it is fixed here, never by removing
content (the browser test, ``tests/test_book.py``, checks every page at 1280 and 400 px):

* ``static/course-pages.css`` (every page): code boxes fit the 88 columns that ruff formats
  notebooks to (``book/ruff.toml``) at a desktop width and scroll inside their own box on a phone;
  links dark enough on the tinted backgrounds of exercise and note boxes (WCAG AA, 4.5:1).
* ``static/course-pages.js`` (every page): a table or a display formula a little wider than
  the column is set in a smaller font until it fits (down to :data:`MIN_SCALE` of its size);
  wider than that, it scrolls inside its own box.
* ``templates/``: the search button and the colour-mode switch of pydata-sphinx-theme with an
  accessible name that contains their visible text (axe ``label-content-name-mismatch``).
* myst-nb's "Show code cell source" toggle loses its ``aria-label="Toggle hidden content"``, so
  its name is the text it shows (same rule).
* The bibliography's entries are ``listitem`` of their ``role="list"`` (docutils writes
  ``doc-biblioentry``, deprecated and not allowed in a list: axe ``aria-required-children``).
* Inline math keeps the punctuation that touches it on its line: MathJax sets a formula as one
  box, and a line may break between that box and the ``:`` or ``,`` after it (or the ``(``
  before it), leaving the mark alone at the start of the next line. Each such formula and its
  marks are wrapped in ``<span class="math-nowrap">`` (``white-space: nowrap``).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

HERE = Path(__file__).parent
CSS_NAME = "course-pages.css"
JS_NAME = "course-pages.js"
#: The smallest font scale course-pages.js applies to make a wide block fit (kept in sync there).
MIN_SCALE = 0.75
#: Marks that must not start a line after a formula, or end one before it.
CLOSING_MARKS = re.compile(r"^[.,:;!?)\]}’”…]+")
OPENING_MARKS = re.compile(r"[(\[{‘“]+$")
NOWRAP_CLASS = "math-nowrap"


def _split_text(node: nodes.Node, pattern: re.Pattern[str]) -> tuple[str, str, str] | None:
    """(before, marks, after) of a text node whose text matches ``pattern``, else None."""
    if not isinstance(node, nodes.Text):
        return None
    text = node.astext()
    match = pattern.search(text)
    return (text[: match.start()], match.group(), text[match.end() :]) if match else None


def keep_math_with_punctuation(doctree: nodes.Node) -> int:
    """Wrap each inline formula and the marks touching it in a no-wrap span; return how many."""
    wrapped = 0
    for math in list(doctree.findall(nodes.math)):
        parent = math.parent
        if parent is None or NOWRAP_CLASS in parent.get("classes", []):
            continue
        index = parent.index(math)
        before = _split_text(parent[index - 1], OPENING_MARKS) if index > 0 else None
        after = _split_text(parent[index + 1], CLOSING_MARKS) if index + 1 < len(parent) else None
        if before is None and after is None:
            continue
        span = nodes.inline(classes=[NOWRAP_CLASS])
        parts: list[nodes.Node] = []
        # By position: docutils Text nodes compare equal by their text.
        if before is not None:
            del parent[index - 1]
            index -= 1
            if before[0]:
                parts.append(nodes.Text(before[0]))
            span += nodes.Text(before[1])
        del parent[index]
        span += math
        if after is not None:
            del parent[index]
            span += nodes.Text(after[1])
        parts.append(span)
        if after is not None and after[2]:
            parts.append(nodes.Text(after[2]))
        for offset, part in enumerate(parts):
            parent.insert(index + offset, part)
        wrapped += 1
    return wrapped


def _keep_math_with_punctuation(app: Sphinx, doctree: nodes.document) -> None:
    keep_math_with_punctuation(doctree)


def visit_hide_code_cell(self, node) -> None:
    """myst-nb's ``<details>`` around a hidden cell, with a summary named by its visible text."""
    from html import escape

    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def depart_hide_code_cell(self, node) -> None:
    self.body.append("</details>\n")


def visit_citation(self, node: nodes.citation) -> None:
    """A bibliography entry as a list item of the citation list that docutils opens."""
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


def _add_templates(app: Sphinx, config: Config) -> None:
    # First on the path, so these components replace the theme's of the same name.
    config.templates_path.insert(0, str(HERE / "templates"))


def _add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static = str(HERE / "static")
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)
    app.add_css_file(CSS_NAME, priority=900)  # after the theme's own style sheets
    app.add_js_file(JS_NAME, priority=900, defer="defer")


def setup(app: Sphinx) -> dict[str, object]:
    from myst_nb.sphinx_ import HideCodeCellNode

    app.add_node(HideCodeCellNode, override=True, html=(visit_hide_code_cell, depart_hide_code_cell))
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    # Before the toctree collector (500) copies the section titles into the tables of contents.
    app.connect("doctree-read", _keep_math_with_punctuation, priority=400)
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _add_assets)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
