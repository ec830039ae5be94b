"""The course read from its notebooks: learning goals, exercises, a schedule. A Sphinx extension.

The instructor guide (``book/instructor_guide.md``) shows three tables that must never drift
from the chapters, so they are generated from the notebooks at every build:

``{learning-outcomes}``
    each chapter's ``{admonition} Learning goals`` block, under a link to the chapter;
``{exercise-index}``
    one row per exercise: chapter, label, title, kind, difficulty, the ``mctools`` functions used;
``{course-schedule}``
    one week per chapter, its exercises split into class work and homework by kind.

The chapters are the chapter notebooks Sphinx builds (``coursekit.is_chapter``: ``NN_….ipynb``
and ``appendix_….ipynb``, in name order); a new chapter appears without an edit here. The
directives write Markdown and parse it in place, so they work in MyST documents only.

The chapters are read with the course's notebook model, ``coursekit`` (the exercise title
convention ``Kind (★★): topic``, the labels, the ``mctools`` functions an exercise uses). This
extension reports, as build warnings (so errors under ``-W``), a title that breaks the
convention and a ``mctools`` name that does not exist; tests/test_chapter_template.py enforces
the same.

Without Sphinx, ``python _ext/course_index.py [book]`` prints the exercise index as CSV.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

# The notebook model lives in coursekit/ at the repository root, which Sphinx does not put on
# sys.path (it adds _ext/ only).
_REPO = str(Path(__file__).resolve().parents[1])
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)

import coursekit  # noqa: E402
from coursekit import (  # noqa: E402
    DIFFICULTY,
    KINDS,
    Chapter,
    Exercise,
    chapter_number,
    is_chapter,
    read_chapter,
    unknown_functions,
)

__all__ = ["index_markdown", "legend_markdown", "outcomes_markdown", "schedule_markdown", "setup"]

_OPTIONS = re.compile(r"\A(?:[ \t]*:[\w-]+:.*\n)+")  # the admonition's options, e.g. ":class: tip"


# ----------------------------------------------------------------------------- Markdown tables


def _cell(text: str) -> str:
    return text.replace("|", r"\|").replace("\n", " ")


def _ref(label: str | None) -> str:
    return f"{{ref}}`{label} <{label}>`" if label else "(no label)"


def _stars(exercise: Exercise) -> str:
    return "★" * exercise.difficulty if exercise.difficulty else "?"


def _chapter_ref(docname: str, chapter: Chapter) -> str:
    """A link to the chapter showing its number ("1" for book/01_image_generator)."""
    number = chapter_number(docname)
    return f"{{doc}}`{number} </{docname}>`" if number else f"{{doc}}`/{docname}`"


def outcomes_markdown(chapters: list[tuple[str, Chapter]]) -> str:
    parts = []
    for docname, chapter in chapters:
        goals = _OPTIONS.sub("", chapter.learning_goals or "").strip() or "*(no Learning goals block)*"
        parts.append(f"**{{doc}}`/{docname}`**\n\n{goals}\n")
    return "\n".join(parts)


def legend_markdown() -> str:
    kinds = ["| Kind | What it trains | Suggested for |", "| --- | --- | --- |"]
    kinds += [f"| {kind} | {trains} | {where} |" for kind, (trains, where) in KINDS.items()]
    stars = ["| Difficulty | Meaning | Time for a prepared student |", "| --- | --- | --- |"]
    stars += [f"| {'★' * n} | {meaning} | about {minutes} min |" for n, (meaning, minutes) in DIFFICULTY.items()]
    return "\n".join(kinds) + "\n\n" + "\n".join(stars) + "\n"


def index_markdown(chapters: list[tuple[str, Chapter]]) -> str:
    rows = [
        "| Chapter | Label | Exercise | Kind | Difficulty | `mctools` functions |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for docname, chapter in chapters:
        for ex in chapter.exercises:
            functions = ", ".join(f"`{name}`" for name in ex.functions) or "—"
            rows.append(
                f"| {_chapter_ref(docname, chapter)} | {_ref(ex.label)} | {_cell(ex.topic)} | {ex.kind or '?'} "
                f"| {_stars(ex)} | {functions} |"
            )
    return legend_markdown() + "\n" + "\n".join(rows) + "\n"


def schedule_markdown(chapters: list[tuple[str, Chapter]]) -> str:
    rows = ["| Week | Chapter | In class | Homework |", "| --- | --- | --- | --- |"]
    week = 0
    for docname, chapter in chapters:
        numbered = chapter_number(docname).isdigit()  # an appendix is an extra
        week += numbered
        cells = []
        for where in ("class", "homework"):
            chosen = [ex for ex in chapter.exercises if ex.kind and KINDS[ex.kind][1] == where]
            minutes = sum(DIFFICULTY[ex.difficulty][1] for ex in chosen)
            listed = ", ".join(f"{_ref(ex.label)} ({ex.kind.lower()}, {_stars(ex)})" for ex in chosen)
            cells.append(f"{listed}; about {minutes} min" if chosen else "—")
        rows.append(f"| {week if numbered else 'optional'} | {{doc}}`/{docname}` | {cells[0]} | {cells[1]} |")
    return "\n".join(rows) + "\n"


# ----------------------------------------------------------------------------- Sphinx


def _chapters(env) -> list[tuple[str, Chapter]]:
    """Every chapter notebook of the build, in name order, with its parsed chapter."""
    found = []
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        if is_chapter(path):
            env.note_dependency(str(path))
            found.append((docname, read_chapter(path)))
    return found


def setup(app):
    from docutils import nodes
    from docutils.statemachine import StringList
    from sphinx.util import logging
    from sphinx.util.docutils import SphinxDirective

    logger = logging.getLogger(__name__)

    class _Generated(SphinxDirective):
        has_content = False
        render = staticmethod(index_markdown)

        def run(self) -> list[nodes.Node]:
            env = self.env
            if not hasattr(env, "course_index_docs"):
                env.course_index_docs = set()
            env.course_index_docs.add(env.docname)
            chapters = _chapters(env)
            for docname, chapter in chapters:
                self._warn_on(docname, chapter)
            container = nodes.container(classes=["course-index", self.name])
            text = self.render(chapters)
            self.state.nested_parse(StringList(text.splitlines(), source=self.name), self.content_offset, container)
            return [container]

        def _warn_on(self, docname: str, chapter: Chapter) -> None:
            if self.name != "exercise-index":
                return  # each problem is reported once, by the index
            where = self.get_location()
            for ex in chapter.exercises:
                if ex.kind is None:
                    logger.warning(
                        f"{docname}: exercise {ex.label} has the title {ex.title!r}, not "
                        f"'Kind (★★): topic' with a kind in {list(KINDS)}",
                        location=where,
                    )
                for name in unknown_functions(ex.functions):
                    logger.warning(f"{docname}: exercise {ex.label} uses mctools.{name}, which does not exist",
                                   location=where)  # fmt: skip

    class LearningOutcomes(_Generated):
        render = staticmethod(outcomes_markdown)

    class ExerciseIndex(_Generated):
        render = staticmethod(index_markdown)

    class CourseSchedule(_Generated):
        render = staticmethod(schedule_markdown)

    def purge(app, env, docname):
        getattr(env, "course_index_docs", set()).discard(docname)

    def merge(app, env, docnames, other):
        if not hasattr(env, "course_index_docs"):
            env.course_index_docs = set()
        env.course_index_docs |= getattr(other, "course_index_docs", set()) & set(docnames)

    def outdated(app, env, added, changed, removed):
        # A chapter added or removed changes the tables, and Sphinx tracks only files it has seen.
        return sorted(getattr(env, "course_index_docs", set()) - set(removed))

    app.add_directive("learning-outcomes", LearningOutcomes)
    app.add_directive("exercise-index", ExerciseIndex)
    app.add_directive("course-schedule", CourseSchedule)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-get-outdated", outdated)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


def main() -> None:
    book = Path(sys.argv[1]) if len(sys.argv) > 1 else coursekit.BOOK
    writer = csv.writer(sys.stdout)
    writer.writerow(["chapter", "label", "kind", "difficulty", "minutes", "functions", "title"])
    for path in coursekit.chapters(book):
        for ex in read_chapter(path).exercises:
            minutes = DIFFICULTY[ex.difficulty][1] if ex.difficulty else ""
            writer.writerow([path.stem, ex.label, ex.kind, ex.difficulty, minutes, " ".join(ex.functions), ex.topic])


if __name__ == "__main__":
    main()
