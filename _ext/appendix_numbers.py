"""Number an appendix's figures, exercises and equations A.1, A.2, ... like its sections. A Sphinx extension.

The appendix sits in an unnumbered part of ``_toc.yml`` and writes its section numbers in its
headings (``# A. Free energy``, ``## A.1 Counting states``). Sphinx numbers the figures of an
unnumbered document with a bare counter, so its figures read "Fig. 1" to "Fig. 6" and its first
exercise (sphinx-exercise numbers through the same table) "Exercise 1", as if they belonged to
chapter 1.

After Sphinx has assigned the numbers (``env-get-updated``, run after the toctree collector),
this extension renumbers every enumerable node (figures, tables, code blocks, numbered
equations, exercises) of each document that has no section number of its own and whose title
starts with a capital letter and a full stop: its numbers become ``(letter, 1)``, ``(letter, 2)``,
..., in document order, one counter per kind. Sphinx, the HTML writer and sphinx-exercise all
join these tuples with ``.``, so the page and every ``{numref}`` to it read "Fig. A.1".
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: A lettered title: "A. Free energy" gives the letter "A".
LETTERED_TITLE = re.compile(r"^(?P<letter>[A-Z])\.\s")


def appendix_letter(env: BuildEnvironment, docname: str) -> str | None:
    """The appendix letter of a document, or None for a numbered chapter or a plain page."""
    if env.toc_secnumbers.get(docname, {}).get(""):
        return None  # a chapter of a numbered part keeps Sphinx's numbers
    title = env.titles.get(docname)
    match = LETTERED_TITLE.match(title.astext()) if title is not None else None
    return match["letter"] if match else None


def letter_numbers(numbers: dict[str, tuple[int, ...]], letter: str) -> dict[str, tuple[str | int, ...]]:
    """``{id: (letter, k)}``, with k = 1, 2, ... in the order of the numbers Sphinx gave."""
    ordered = sorted(numbers, key=lambda figure_id: numbers[figure_id])
    return {figure_id: (letter, k) for k, figure_id in enumerate(ordered, start=1)}


def _renumber(app: Sphinx, env: BuildEnvironment) -> list[str]:
    for docname, by_type in env.toc_fignumbers.items():
        letter = appendix_letter(env, docname)
        if letter is None:
            continue
        for figtype, numbers in by_type.items():
            by_type[figtype] = letter_numbers(numbers, letter)
    return []  # the toctree collector has already asked for every renumbered page to be written


def setup(app: Sphinx) -> dict[str, object]:
    # Priority 900: after the toctree collector (500) has assigned Sphinx's numbers.
    app.connect("env-get-updated", _renumber, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
