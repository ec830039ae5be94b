"""The course read from its notebooks: learning goals, exercises, a schedule. A Sphinx extension.

The instructor guide (``book/instructor_guide.md``) shows three tables that must never drift
from the chapters, so they are generated from the notebooks at every build:

``{learning-outcomes}``
    each chapter's ``{admonition} Learning goals`` block, under a link to the chapter;
``{exercise-index}``
    one row per exercise: chapter, label, title, kind, difficulty, the ``mctools`` functions used;
``{course-schedule}``
    one week per chapter, its exercises split into class work and homework by kind.

The chapters are the notebooks of the book (every ``.ipynb`` document Sphinx builds, in name
order, so ``01_…`` to ``07_…`` then ``appendix_…``); a new chapter appears without an edit here.
The directives write Markdown and parse it in place, so they work in MyST documents only.

The exercise title convention (CONTRIBUTING.md, enforced by tests/test_chapter_template.py and,
as a build warning, here): ``Kind (★★): topic``, with a kind from :data:`KINDS` and one to three
stars of difficulty, e.g. ``Derivation (★★): the footnote with another quality curve``.

The functions an exercise uses are the ``mc.<name>`` and ``mctools.<name>`` it mentions: in its
text, its stub, its solution dropdown and its hidden solution cell. A name that is not in
``mctools`` is a build warning (so an error under ``-W``).

Without Sphinx, ``python _ext/course_index.py [book]`` prints the exercise index as CSV.
"""

from __future__ import annotations

import csv
import importlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DIFFICULTY",
    "KINDS",
    "TITLE",
    "Chapter",
    "Exercise",
    "parse_title",
    "read_chapter",
    "unknown_functions",
]

#: Exercise kinds, what each trains, and where the suggested schedule puts it.
KINDS: dict[str, tuple[str, str]] = {
    "Derivation": ("derive a result the chapter did not, in SymPy, and check it", "class"),
    "Modelling": ("compose `mctools` into a computational experiment and read its result", "homework"),
    "Autograded": ("implement a formula as a vectorised function; a check cell grades it", "homework"),
    "Discussion": ("argue about a model's assumptions and what it says about the essay", "class"),
}
#: Stars of difficulty and the time a prepared student needs, in minutes.
DIFFICULTY: dict[int, tuple[str, int]] = {
    1: ("applies one result of the chapter", 15),
    2: ("combines several results or asks for a short argument", 30),
    3: ("an open extension of the chapter's model", 60),
}
TITLE = re.compile(rf"^(?P<kind>{'|'.join(KINDS)}) \((?P<stars>★{{1,{max(DIFFICULTY)}}})\): (?P<topic>\S.*)$")

_HEADING = re.compile(r"^# (?P<title>.+)$", re.M)
_GOALS = re.compile(r"^(?P<fence>`{3,}|:{3,})\{admonition\}[ \t]*Learning goals[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                    re.M | re.S)  # fmt: skip
_EXERCISE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{exercise\}[ \t]*(?P<title>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                       re.M | re.S)  # fmt: skip
_SOLUTION = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution\}[ \t]*(?P<target>[\w-]+)", re.M)
_LABEL = re.compile(r"^:label:[ \t]*(?P<label>\S+)", re.M)
_OPTIONS = re.compile(r"\A(?:[ \t]*:[\w-]+:.*\n)+")
_USE = re.compile(r"(?<![\w.])(?:mc|mctools)\.(?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")
_CHECK = re.compile(r"""exercises\.check\(\s*["'](?P<label>[\w-]+)["']""")


def parse_title(title: str) -> tuple[str, int, str] | None:
    """``(kind, stars, topic)`` of an exercise title, or None if it breaks the convention."""
    match = TITLE.match(title.strip())
    return (match["kind"], len(match["stars"]), match["topic"]) if match else None


@dataclass(frozen=True)
class Exercise:
    """One ``{exercise}`` of a chapter and the cells that belong to it."""

    label: str | None
    title: str
    functions: tuple[str, ...]  # dotted names inside mctools, sorted
    checked_by: tuple[str, ...] = ()  # labels named by check cells after the exercise

    @property
    def kind(self) -> str | None:
        parsed = parse_title(self.title)
        return parsed[0] if parsed else None

    @property
    def difficulty(self) -> int | None:
        parsed = parse_title(self.title)
        return parsed[1] if parsed else None

    @property
    def topic(self) -> str:
        parsed = parse_title(self.title)
        return parsed[2] if parsed else self.title


@dataclass(frozen=True)
class Chapter:
    path: Path
    title: str  # the notebook's "# " heading, e.g. "The image generator"
    learning_goals: str | None  # the body of the Learning goals admonition, Markdown
    exercises: list[Exercise] = field(default_factory=list)


def _tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def read_chapter(path: Path) -> Chapter:
    """Read a chapter notebook (plain JSON, no kernel) into a :class:`Chapter`."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    markdown = [_source(c) for c in cells if c["cell_type"] == "markdown"]
    heading = next((m["title"].strip() for text in markdown if (m := _HEADING.search(text))), Path(path).stem)
    goals = next((m["body"] for text in markdown if (m := _GOALS.search(text))), None)
    solutions: dict[str, list[str]] = {}
    for text in markdown:
        for match in _SOLUTION.finditer(text):
            solutions.setdefault(match["target"], []).append(text)

    exercises = []
    starts = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and _EXERCISE.search(_source(c))]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(cells)
        # The exercise's own cells follow it, up to the next exercise or the next heading.
        own = [start]
        for i in range(start + 1, end):
            if cells[i]["cell_type"] == "markdown" and _source(cells[i]).lstrip().startswith("#"):
                break
            own.append(i)
        code = [_source(cells[i]) for i in own if cells[i]["cell_type"] == "code"]
        check_cells = [_source(cells[i]) for i in own if "check" in _tags(cells[i])]
        checks = tuple(m["label"] for text in check_cells for m in _CHECK.finditer(text))
        for match in _EXERCISE.finditer(_source(cells[start])):
            label_match = _LABEL.search(match["body"])
            label = label_match["label"] if label_match else None
            texts = [match["body"], *code, *solutions.get(label or "", [])]
            names = sorted({m["name"] for text in texts for m in _USE.finditer(text)})
            exercises.append(Exercise(label, match["title"].strip(), tuple(names), checks))
    return Chapter(Path(path), heading, goals, exercises)


def unknown_functions(names: tuple[str, ...] | list[str]) -> list[str]:
    """The names that are not attributes of ``mctools`` (dotted names are followed)."""
    mctools = importlib.import_module("mctools")
    missing = []
    for name in names:
        target = mctools
        for part in name.split("."):
            target = getattr(target, part, None)
            if target is None:
                missing.append(name)
                break
    return missing


# ----------------------------------------------------------------------------- Markdown tables


def _cell(text: str) -> str:
    return text.replace("|", r"\|").replace("\n", " ")


def _ref(label: str | None) -> str:
    return f"{{ref}}`{label} <{label}>`" if label else "(no label)"


def _stars(exercise: Exercise) -> str:
    return "★" * exercise.difficulty if exercise.difficulty else "?"


def _chapter_number(docname: str) -> str:
    """The chapter's number from its file name: "1" for book/01_…, "A" for book/appendix_…, else ""."""
    stem = docname.rsplit("/", 1)[-1]
    if stem[:2].isdigit():
        return str(int(stem[:2]))
    return "A" if stem.startswith("appendix") else ""


def _chapter_ref(docname: str, chapter: Chapter) -> str:
    """A link to the chapter showing its number ("1" for book/01_image_generator)."""
    number = _chapter_number(docname)
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
        numbered = _chapter_number(docname).isdigit()  # an appendix is an extra
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
    """Every notebook document of the build, in name order, with its parsed chapter."""
    found = []
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        if path.suffix == ".ipynb":
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
    book = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "book"
    writer = csv.writer(sys.stdout)
    writer.writerow(["chapter", "label", "kind", "difficulty", "minutes", "functions", "title"])
    for path in sorted(book.glob("*.ipynb")):
        for ex in read_chapter(path).exercises:
            minutes = DIFFICULTY[ex.difficulty][1] if ex.difficulty else ""
            writer.writerow([path.stem, ex.label, ex.kind, ex.difficulty, minutes, " ".join(ex.functions), ex.topic])


if __name__ == "__main__":
    main()
