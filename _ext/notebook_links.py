"""Citations and cross-references written as Markdown links: text in JupyterLab, numbered in the book.

Students read the chapters in JupyterLab (Binder), where jupyterlab-myst cannot resolve the
book's roles: a ``{cite}`` role shows its bare key with a warning icon, a ``{numref}`` to a
figure named in cell metadata shows its label. So the notebooks write them as ordinary
Markdown links whose text a reader understands, and the target says what the book makes of
them:

=====================================  =====================================  ==================
In the notebook                        In JupyterLab                          In the book
=====================================  =====================================  ==================
``[Shumailov et al. 2024](#cite-k)``   a link reading "Shumailov et al. 2024"  ``{cite}`k``` [1]
``[A 2000; B 2001](#cite-a,b)``        "A 2000; B 2001"                       [1, 2]
``[the chart below](#fig-name)``       "the chart below"                      ``{numref}`` Fig. 1.2
``[the theorem in chapter 1](#thm-x)``  "the theorem in chapter 1"             ``{prf:ref}``
=====================================  =====================================  ==================

The transform replaces each such link by the node the role would have made (it calls the role
itself), so the book keeps its numbered citations, bibliography and figure numbers, and an
unknown key or label fails ``-W`` as before. It also warns when a citation's text is not the
author-year of its keys (:func:`citation_text`), so the text a student reads cannot drift from
the bibliography. The text of a figure link says where the chart is (:func:`figure_text`);
``tests/test_notebook_links.py`` checks it against the notebook.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping, Sequence

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Link target prefix -> (domain, role) the link stands for in the book.
ROLES = {
    "cite-": ("cite", "p"),
    "fig-": ("std", "numref"),
    "thm-": ("prf", "ref"),
}
ORDINALS = ("", "second ", "third ", "fourth ", "fifth ", "sixth ", "seventh ", "eighth ", "ninth ", "tenth ")


@functools.cache
def _plain(latex: str) -> str:
    from pybtex.backends.plaintext import Backend
    from pybtex.richtext import Text

    # render(Backend()), not render_as("text"): render_as looks the backend up among the entry
    # points of every installed distribution, 0.2 s a call (10 s of a book build).
    return Text.from_latex(latex).render(Backend())


def author_year(key: str, entry) -> str:
    """The author-year text of one bibliography entry: ``Gordon 1941``, ``Smith and Winkler 2006``.

    Parameters
    ----------
    key : str
        The entry's key, for the error message.
    entry : pybtex.database.Entry
        The entry, as parsed from ``book/references.bib``.

    Returns
    -------
    str
        One author's surname, two joined by "and", or the first followed by "et al." for three
        or more (or when the entry lists "others"), then the year.
    """
    surnames = [_plain(" ".join(person.last_names)) for person in entry.persons.get("author", [])]
    year = entry.fields.get("year", "").strip()
    if not surnames or not year:
        raise ValueError(f"bibliography entry {key!r} needs an author and a year to be cited by name")
    if len(surnames) == 1:
        names = surnames[0]
    elif len(surnames) == 2 and surnames[1] != "others":
        names = f"{surnames[0]} and {surnames[1]}"
    else:
        names = f"{surnames[0]} et al."
    return f"{names} {year}"


def citation_text(keys: Sequence[str], entries: Mapping) -> str:
    """The text of a citation link to ``keys``: their author-years, separated by "; "."""
    missing = [key for key in keys if key not in entries]
    if missing:
        raise KeyError(f"no entry {missing} in the bibliography")
    return "; ".join(author_year(key, entries[key]) for key in keys)


def figure_text(charts_between: int, below: bool) -> str:
    """The text of a link to a chart: ``the chart below``, ``the second chart above``, ...

    Parameters
    ----------
    charts_between : int
        How many other charts stand between the link's cell and the chart it names.
    below : bool
        Whether the chart comes after the link's cell.
    """
    if not 0 <= charts_between < len(ORDINALS):
        raise ValueError(f"charts_between must be in [0, {len(ORDINALS)}), got {charts_between}")
    return f"the {ORDINALS[charts_between]}chart {'below' if below else 'above'}"


def link_role(refuri: str) -> tuple[str, str, str] | None:
    """``(domain, role, target)`` for a link such as ``#cite-shumailov2024``; None for other links."""
    if not refuri.startswith("#"):
        return None
    target = refuri[1:]
    for prefix, (domain, role) in ROLES.items():
        if target.startswith(prefix) and len(target) > len(prefix):
            return domain, role, target[len(prefix) :] if prefix == "cite-" else target
    return None


class LinksToRoles(SphinxTransform):
    """Replace ``[text](#cite-…)``, ``(#fig-…)`` and ``(#thm-…)`` links by their roles' nodes."""

    default_priority = 400  # after MyST has made its references, long before they are resolved

    def apply(self) -> None:
        for node in list(self.document.findall(nodes.reference)):
            found = link_role(node.get("refuri", ""))
            if found is None:
                continue
            domain, role_name, target = found
            if domain == "cite":
                self._check_citation_text(node, target)
            # The role is called as the parser would call it; it only needs the document and a
            # reporter that says where the link is (for its own warnings and the citation's id).
            source = node.source or self.document.get("source", "")
            reporter = types.SimpleNamespace(get_source_and_line=lambda lineno, source=source: (source, lineno))
            inliner = types.SimpleNamespace(document=self.document, reporter=reporter)
            role = self.env.get_domain(domain).role(role_name)
            rawtext = f"{{{domain}:{role_name}}}`{target}`"
            new_nodes, messages = role(f"{domain}:{role_name}", rawtext, target, node.line or 0, inliner, {}, [])
            node.replace_self(new_nodes + messages)

    def _check_citation_text(self, node: nodes.reference, target: str) -> None:
        entries = self.env.get_domain("cite").bibdata.data.entries
        try:
            expected = citation_text(target.split(","), entries)
        except (KeyError, ValueError) as error:
            logger.warning(str(error), location=node, type="course", subtype="citation")
            return
        if node.astext() != expected:
            logger.warning(
                f"citation link text {node.astext()!r} should be {expected!r} (the author-year of {target})",
                location=node,
                type="course",
                subtype="citation",
            )


def setup(app):
    from pybtex.backends.plaintext import Backend
    from pybtex.plugin import register_plugin

    app.setup_extension("sphinxcontrib.bibtex")
    # sphinxcontrib-bibtex asks pybtex for its plain-text backend at every citation, and pybtex
    # looks it up among the entry points of every installed distribution (0.05-0.1 s a time,
    # ~5 s of a build): registered at run time, it is found at once.
    register_plugin("pybtex.backends", "plaintext", Backend, force=True)
    app.add_transform(LinksToRoles)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
