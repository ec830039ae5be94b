"""The HTML book: it builds without a warning, and every page renders with no network, for every reader.

The browser test serves the built book on 127.0.0.1, opens each page of _toc.yml in headless
Chromium, aborts and records any request that leaves the local server, and checks that every
Altair chart was drawn by vega-embed and every formula typeset by MathJax. Then, at a phone
width (400 px) and a desktop width (1280 px) in turn (the window is resized, the page is not
reloaded), it checks

* the layout (``tests/browser/layout.js``): at 1280 px nothing in the article is wider than its
  column or cut off or scrolled inside its box; at 400 px the page does not scroll sideways, every
  chart fits the screen and a wide table, formula or code box scrolls inside its own box;
* inside every chart (``tests/browser/charts.js``), once it is redrawn for the width: nothing vega
  draws (marks, axes, legends, titles) reaches past the chart's own SVG, where it would be cut
  off, and no two texts of one legend or axis overlap or run together;
* accessibility: axe-core (pinned in ``tests/browser/package.json``, installed with ``npm ci``)
  finds no serious or critical violation.

With MCTOOLS_SCREENSHOTS=<dir> set, full-page screenshots of both widths go to that dir (they cost
a few seconds a page, so only when asked).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

if TYPE_CHECKING:
    from conftest import BuiltBook

REPO = Path(__file__).resolve().parents[1]
WAIT_MS = 10_000  # bound on each wait for a chart or for MathJax; normally they take < 1 s
BROWSER_DIR = Path(__file__).resolve().parent / "browser"
#: The two widths every page is checked at (px): a laptop, and a phone held upright.
DESKTOP, PHONE = 1280, 400
WINDOW_HEIGHT = 900
#: axe-core impacts that fail the test ("moderate" and "minor" are reported by axe but not here).
FAILING_IMPACTS = ("serious", "critical")


def toc_pages() -> list[str]:
    """Every document in _toc.yml, as a path without suffix (e.g. "book/intro")."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8")))
    return [str(Path(name).with_suffix("")) if Path(name).suffix else name for name in found]


PAGES = toc_pages()


@pytest.mark.book
def test_book_builds_without_warnings(built_book: BuiltBook) -> None:
    warnings = [line for line in built_book.output.splitlines() if "WARNING" in line]
    assert built_book.returncode == 0 and not warnings, (
        f"`{' '.join(built_book.command)}` exited with {built_book.returncode}.\n"
        + ("\n".join(warnings) or built_book.output[-5000:])
    )


@pytest.mark.book
def test_every_toc_page_is_built(built_book: BuiltBook) -> None:
    missing = [p for p in PAGES if not (built_book.html / f"{p}.html").is_file()]
    assert not missing, f"pages in _toc.yml without HTML: {missing}"


@pytest.mark.book
def test_book_has_an_interactive_chart(built_book: BuiltBook) -> None:
    """At least one Altair chart has a slider (an alt.param bound to alt.binding_range)."""
    pages = [p for p in PAGES if _has_slider_spec(built_book.html / f"{p}.html")]
    assert pages, "no page has an Altair chart with a range slider"


NOTEBOOK_PAGES = [p for p in PAGES if (REPO / f"{p}.ipynb").is_file()]


@pytest.mark.book
@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_chapter_offers_its_notebook_for_download(name: str, built_book: BuiltBook) -> None:
    """The theme's download button links the notebook, outputs included, copied into _sources."""
    page = (built_book.html / f"{name}.html").read_text(encoding="utf-8")
    offered = built_book.html / "_sources" / f"{name}.ipynb"
    assert f'/_sources/{name}.ipynb"' in page, f"{name}.html has no download link to _sources/{name}.ipynb"
    assert offered.read_bytes() == (REPO / f"{name}.ipynb").read_bytes(), "the offered notebook is not the chapter's"
    cells = json.loads(offered.read_text(encoding="utf-8"))["cells"]
    assert any(c.get("outputs") for c in cells), f"_sources/{name}.ipynb has no outputs"


@pytest.mark.book
def test_instructor_guide_indexes_every_exercise(built_book: BuiltBook) -> None:
    """The guide's generated tables list every chapter of _toc.yml and every one of its exercises."""
    from coursekit import read_chapter

    guides = [p for p in PAGES if 'class="course-index exercise-index' in _read(built_book.html / f"{p}.html")]
    assert len(guides) == 1, f"pages with an exercise index: {guides}"
    guide = _read(built_book.html / f"{guides[0]}.html")
    index = guide[guide.index('class="course-index exercise-index') :]
    for name in NOTEBOOK_PAGES:
        target = os.path.relpath(name, Path(guides[0]).parent)
        for ex in read_chapter(REPO / f"{name}.ipynb").exercises:
            assert f'href="{target}.html#{ex.label}"' in index, f"{ex.label} of {name} is not in the exercise index"
        assert f'href="{target}.html"' in guide.split('class="course-index learning-outcomes')[1], (
            f"{name} has no learning outcomes in the guide"
        )


APPENDIX_PAGES = [p for p in NOTEBOOK_PAGES if Path(p).name.startswith("appendix")]


@pytest.mark.book
@pytest.mark.parametrize("name", APPENDIX_PAGES)
def test_appendix_numbers_read_like_its_sections(name: str, built_book: BuiltBook) -> None:
    """The appendix's sections are A.1, A.2, ...: so are its figures, exercises and equations."""
    page = _read(built_book.html / f"{name}.html")
    title = re.search(r"<h1>(.*?)<", page)
    letter = re.match(r"([A-Z])\. ", title[1] if title else "")
    assert letter, f"{name}'s title is not lettered like 'A. Free energy': {title[1] if title else None}"
    numbers = re.findall(r'class="caption-number">(\w+)\.? ?([\w.]*)', page)
    numbers += [("Eq.", n) for n in re.findall(r'<span class="eqno">\(([\w.]+)\)', page)]
    assert numbers, f"{name} has no numbered figure or exercise"
    for kind, number in numbers:
        ordinals = number.split(".")
        assert ordinals[0] == letter[1] and len(ordinals) == 2 and ordinals[1].isdigit(), (
            f"{kind} {number} in {name}: expected {letter[1]}.n"
        )
    for kind in {kind for kind, _ in numbers}:
        found = [int(n.split(".")[1]) for k, n in numbers if k == kind]
        assert found == list(range(1, len(found) + 1)), f"{kind} numbers in {name}: {found}"


def test_vega_bundle_is_made_once_per_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second build of a session (the student edition) reads the bundle the first wrote."""
    import offline_assets  # _ext/, through pytest's pythonpath

    made: list[int] = []

    def bundle() -> str:
        made.append(1)
        return f"/* bundle {len(made)} */"

    monkeypatch.setattr(offline_assets.sys, "prefix", str(tmp_path))
    monkeypatch.setattr(offline_assets, "build_script", bundle)
    assert offline_assets.cached_script() == offline_assets.cached_script() == "/* bundle 1 */"
    assert made == [1]
    (cached,) = (tmp_path / "share" / "mode-collapse").iterdir()
    assert cached.name.startswith("vega-offline-") and cached.read_text(encoding="utf-8") == "/* bundle 1 */"


@pytest.mark.book
def test_full_edition_says_what_each_check_ran(built_book: BuiltBook) -> None:
    """Under each stored PASSED, a note says that the worked solution, not the stub, was checked."""
    from student_html import FULL_EDITION_NOTE  # _ext/, through pytest's pythonpath

    for name in NOTEBOOK_PAGES:
        page = _read(built_book.html / f"{name}.html")
        cells = page.split('<div class="cell tag_check')[1:]
        assert cells, f"{name} has no check cell"
        for cell in cells:
            output = cell.split('<div class="cell ')[0]
            assert "PASSED [" in output and FULL_EDITION_NOTE in output, (
                f"a check cell of {name} lacks its PASSED or the note: {output[:600]}"
            )


# The closing tag of an inline formula followed by punctuation that is not in the same no-wrap
# span (_ext/reader_pages.py): the mark could start the next line on its own.
LOOSE_PUNCTUATION = re.compile(
    r'<span class="math notranslate nohighlight">[^<]*</span>([.,:;!?)\]]+)(?![.,:;!?)\]]|</span>)'
)
LOOSE_OPENING = re.compile(r'(?<!<span class="math-nowrap">)([(\[]+)<span class="math notranslate nohighlight">')


@pytest.mark.book
@pytest.mark.parametrize("name", PAGES)
def test_punctuation_stays_with_its_formula(name: str, built_book: BuiltBook) -> None:
    page = _read(built_book.html / f"{name}.html")
    loose = [m.group(0)[-80:] for m in LOOSE_PUNCTUATION.finditer(page)]
    loose += [m.group(0)[:80] for m in LOOSE_OPENING.finditer(page)]
    assert not loose, f"{len(loose)} formulas of {name} could be split from their punctuation: {loose[:5]}"


@pytest.mark.book
@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_every_chart_has_a_title_and_a_description(name: str, built_book: BuiltBook) -> None:
    """Screen readers meet each chart as a figure named by its title and described by its spec's
    description (course-charts.js): neither may be missing."""
    page = _read(built_book.html / f"{name}.html")
    specs = re.findall(r'<script type="application/json" class="course-chart-spec">(.*?)</script>', page, re.S)
    missing = []
    for i, text in enumerate(specs, start=1):
        spec = json.loads(text.replace("<\\/", "</"))
        title = spec.get("title")
        title = title.get("text") if isinstance(title, dict) else title
        if not title or not str(spec.get("description", "")).strip():
            missing.append(f"chart {i} ({title or 'no title'}): " + ("no description" if title else "no title"))
    assert not missing, f"{name}: " + "; ".join(missing)


def _read(html: Path) -> str:
    return html.read_text(encoding="utf-8") if html.is_file() else ""


def _has_slider_spec(html: Path) -> bool:
    text = html.read_text(encoding="utf-8") if html.is_file() else ""
    return re.search(r'"input":\s*"range"', text) is not None


@dataclass
class PageLog:
    base: str
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    broken_local: list[str] = field(default_factory=list)

    def _note_outside(self, request: object) -> None:
        entry = f"{request.method} {request.url}"
        if entry not in self.outside:
            self.outside.append(entry)

    def route(self, route: object) -> None:
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            self._note_outside(route.request)
            route.abort()

    def request(self, request: object) -> None:
        # Backstop for what routing does not see (e.g. a request made by a worker).
        if not request.url.startswith((self.base, "data:", "blob:", "about:")):
            self._note_outside(request)

    def console(self, message: object) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})")

    def response(self, response: object) -> None:
        if response.url.startswith(self.base) and response.status >= 400:
            self.broken_local.append(f"{response.status} {response.url}")


# Every formula Sphinx writes (span.math, div.math, and SymPy's text/latex output, which
# myst-nb renders as div.output.text_latex.math) must hold a MathJax container.
UNTYPESET_MATH_JS = """async (waitMs) => {
  const maths = Array.from(document.querySelectorAll('.math'));
  if (maths.length === 0) return [];
  if (!(window.MathJax && MathJax.startup && MathJax.startup.promise))
    return ['the page has math but MathJax did not start'];
  await Promise.race([MathJax.startup.promise, new Promise(done => setTimeout(done, waitMs))]);
  return maths.filter(e => !e.querySelector('mjx-container'))
              .map(e => e.outerHTML.slice(0, 200));
}"""

# course-charts.js draws each div.course-chart with vega-embed into <svg class="marks">, or
# leaves a div.error saying why it could not.
CHARTS_SETTLED_JS = """() => Array.from(document.querySelectorAll('div.course-chart'))
  .every(d => d.querySelector('svg.marks, canvas.marks, .error'))"""
CHART_PROBLEMS_JS = """() => Array.from(document.querySelectorAll('div.course-chart'))
  .flatMap((d, i) => {
    const name = `chart ${i + 1}`;
    const error = d.querySelector('.error');
    if (error) return [`${name}: ${error.textContent}`];
    const marks = d.querySelector('svg.marks, canvas.marks');
    if (!marks) return [`${name}: not drawn`];
    const box = marks.getBoundingClientRect();
    return box.width > 0 && box.height > 0 ? [] : [`${name}: drawn with zero size`];
  })"""
# A fingerprint of the chart that owns a slider, to see that moving the slider redraws it.
CHART_FINGERPRINT_JS = """(input) => {
  const chart = input.closest('div.course-chart');
  const marks = chart && chart.querySelector('svg.marks, canvas.marks');
  if (!marks) return null;
  return marks.tagName === 'CANVAS' ? marks.toDataURL() : marks.outerHTML;
}"""


def _check_sliders(page: object) -> list[str]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    problems = []
    sliders = page.locator(".vega-bindings input[type=range]")
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        before = slider.evaluate(CHART_FINGERPRINT_JS)
        low, high = slider.get_attribute("min"), slider.get_attribute("max")
        slider.fill(low if slider.input_value() == high else high)
        try:
            page.wait_for_function(
                f"([input, before]) => ({CHART_FINGERPRINT_JS})(input) !== before",
                arg=[slider.element_handle(), before],
                timeout=WAIT_MS,
            )
        except PlaywrightTimeout:
            problems.append(f"slider {i} did not change its chart")
    return problems


def _screenshot(page: object, name: str, tmp_path: Path) -> None:
    """A full-page screenshot into $MCTOOLS_SCREENSHOTS, when set (a few seconds a long page)."""
    if target := os.environ.get("MCTOOLS_SCREENSHOTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        path = Path(target) / (name.replace("/", "__").replace(" ", "-") + ".png")
        # the longest chapter is ~37,000 px tall at 400 px: Playwright's 30 s is not always enough
        page.screenshot(path=str(path), full_page=True, timeout=120_000)


LAYOUT_JS = (BROWSER_DIR / "layout.js").read_text(encoding="utf-8")
CHARTS_JS = (BROWSER_DIR / "charts.js").read_text(encoding="utf-8")
# course-charts.js redraws a chart 250 ms after a resize, then sets data-fitted-to="<the width
# it was drawn for>" on its div.course-chart.
CHARTS_FITTED_JS = """() => Array.from(document.querySelectorAll('div.course-chart'))
  .every(d => !d.querySelector('svg.marks') || d.dataset.fittedTo === String(d.clientWidth))"""
# _ext/static/course-pages.js refits wide tables and formulas when the column's width changes,
# then sets <html data-course-fitted="<window width>">.
FITTED_JS = "(width) => document.documentElement.dataset.courseFitted === String(width)"
# Crossing the theme's breakpoints starts CSS transitions (the primary sidebar slides in over
# 250 ms, the secondary's height over 400 ms) that narrow the article step by step; each step
# refits the page and sets data-course-fitted again. Measured before they end, a table fitted
# to the first step reaches past the final column (seen at 1280 px, about one run in two).
# Resolves two frames after the last transition, when the last refit has been made.
TRANSITIONS_DONE_JS = """async (waitMs) => {
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  const deadline = performance.now() + waitMs;
  const running = () => document.getAnimations().some((a) => a instanceof CSSTransition && a.playState === "running");
  while (running() && performance.now() < deadline) await frame();
  await frame();
  await frame();
  return !running();
}"""
# Open what a reader can unfold: myst-nb's hidden cells (<details class="hide">) and the
# solution dropdowns of sphinx-togglebutton (class toggle-hidden); then ask course-pages.js to
# refit the page (it listens to "course:refit").
UNFOLD_JS = """async () => {
  document.querySelectorAll("article .toggle-hidden").forEach((e) => e.classList.remove("toggle-hidden"));
  document.querySelectorAll("article details.hide").forEach((d) => { d.open = true; });
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));  // "toggle" fired
  document.dispatchEvent(new Event("course:refit"));
}"""
AXE_JS = """async ([impacts]) => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.filter((v) => impacts.includes(v.impact)).map((v) => ({
    rule: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.html.slice(0, 160)}`
      + ` -- ${(n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 240)}`),
  }));
}"""


def _axe_problems(page: object, axe_script: Path) -> list[str]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script))  # inline: no request leaves the page
    problems = []
    for violation in page.evaluate(AXE_JS, [list(FAILING_IMPACTS)]):
        problems.append(f"{violation['rule']} ({violation['impact']}, {violation['count']} nodes): {violation['help']}")
        problems += [f"    {node}" for node in violation["nodes"]]
    return problems


def _layout(page: object, width: int) -> list[str]:
    """The layout problems of the page at the window's width, once course-pages.js has refitted it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(FITTED_JS, arg=width, timeout=WAIT_MS)
    except PlaywrightTimeout:
        return [f"course-pages.js did not refit the page for {width} px"]
    return page.evaluate(LAYOUT_JS, {"phoneWidth": PHONE})


def _chart_drawings(page: object, width: int) -> list[str]:
    """What of each chart is drawn beyond its SVG or overlaps, once the charts are redrawn for `width`."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(CHARTS_FITTED_JS, timeout=WAIT_MS)
    except PlaywrightTimeout:
        return [f"course-charts.js did not redraw every chart for {width} px"]
    return page.evaluate(CHARTS_JS)


def _check_width(page: object, width: int, axe_script: Path) -> tuple[list[str], list[str], list[str]]:
    """Resize the window and return (chart drawing, layout, axe) problems at that width, measured
    once the theme's transitions have ended."""
    page.set_viewport_size({"width": width, "height": WINDOW_HEIGHT})
    if not page.evaluate(TRANSITIONS_DONE_JS, WAIT_MS):
        return [], [f"the theme's CSS transitions were still running {WAIT_MS} ms after resizing to {width} px"], []
    charts = _chart_drawings(page, width)  # first: the layout is measured with the charts redrawn
    return charts, _layout(page, width), _axe_problems(page, axe_script)


@pytest.mark.book
@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_offline(
    name: str, browser_context: object, axe_script: Path, built_book: BuiltBook, book_server: str, tmp_path: Path
) -> None:  # browser_context first: without a browser, skip before building the book
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    assert (built_book.html / f"{name}.html").is_file(), f"{name}.html was not built"
    log = PageLog(book_server)
    page = browser_context.new_page()
    page.route("**/*", log.route)
    page.on("request", log.request)
    page.on("response", log.response)
    page.on("console", log.console)
    page.on("pageerror", lambda error: log.console_errors.append(f"page error: {error}"))
    page.on("websocket", lambda ws: log.outside.append(f"WEBSOCKET {ws.url}"))
    problems: list[str] = []
    by_width: dict[str, list[str]] = {}
    try:
        page.set_viewport_size({"width": PHONE, "height": WINDOW_HEIGHT})
        page.goto(book_server + f"{name}.html", wait_until="load", timeout=30_000)
        problems += page.evaluate(UNTYPESET_MATH_JS, WAIT_MS)
        with contextlib.suppress(PlaywrightTimeout):  # reported chart by chart just below
            page.wait_for_function(CHARTS_SETTLED_JS, timeout=WAIT_MS)
        problems += page.evaluate(CHART_PROBLEMS_JS)
        # Before the sliders move: the page as a reader sees it, at both widths (the phone's
        # first, so that the window is resized once: every resize redraws every chart).
        for width in (PHONE, DESKTOP):
            charts, layout, axe = _check_width(page, width, axe_script)
            by_width[f"inside the charts at {width} px"] = charts
            by_width[f"layout at {width} px"], by_width[f"axe-core at {width} px"] = layout, axe
            _screenshot(page, f"{name} {width}", tmp_path)
        # What a reader unfolds must fit too: hidden code cells and solutions, at 1280 px.
        page.evaluate(UNFOLD_JS)
        by_width[f"layout at {DESKTOP} px, hidden code and solutions shown"] = _layout(page, DESKTOP)
        if _has_slider_spec(built_book.html / f"{name}.html"):
            if page.locator(".vega-bindings input[type=range]").count() == 0:
                problems.append("the page's chart spec has a range slider but none was drawn")
            problems += _check_sliders(page)
    finally:
        page.close()

    report = {
        "requests that left 127.0.0.1 (aborted)": log.outside,
        "console errors": log.console_errors,
        "local files that failed to load": log.broken_local,
        "rendering problems": problems,
        **by_width,
    }
    failures = {k: v for k, v in report.items() if v}
    assert not failures, f"{name}.html\n" + "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in failures.items())


# A chart drawn as vega draws it (roles as classes, labels placed by transforms), with one fault of
# each kind the chart check must find (the legend's "0.00" and "0.20" only touch: they read as
# "0.000.20"), and two look-alikes it must pass: axis labels turned by 45°
# whose upright boxes overlap though the labels do not, and a label vega hid (opacity 0) on top of
# a shown one.
CHART_FIXTURE = """<!doctype html><html><body style="margin: 0; font: 12px 'DejaVu Sans', sans-serif">
<div class="course-chart" aria-label="Chart: A fixture">
 <svg class="marks" width="300" height="200" viewBox="0 0 300 200">
  <rect class="background" width="300" height="200" fill="white"/>
  <g class="mark-group role-axis"><g>
   <g class="mark-text role-axis-label">
    <text transform="translate(20,60) rotate(315)">0.000</text>
    <text transform="translate(45,60) rotate(315)">0.001</text>
    <text transform="translate(100,60)" style="opacity: 0">hidden</text>
    <text transform="translate(104,60)">shown</text>
   </g></g></g>
  <g class="mark-group role-legend"><g><g class="mark-text role-legend-label">
   <text transform="translate(20,150)">0.00</text>
   <text transform="translate(46,150)">0.20</text>
  </g></g></g>
  <g class="mark-group role-title"><g class="mark-text role-title-text">
   <text transform="translate(150,30)">a title too long for its chart</text>
   <text transform="translate(10,190)">cut short…</text>
  </g></g>
 </svg>
</div></body></html>"""


@pytest.mark.browser
def test_chart_check_finds_what_is_cut_off_or_overlaps(browser_context: object) -> None:
    """charts.js reports the title past the edge, the touching legend labels and the cut text, and
    nothing else: not the turned axis labels, not the label vega hid."""
    page = browser_context.new_page()
    try:
        page.set_content(CHART_FIXTURE)
        # "0.20" half a pixel after "0.00" ends, whatever the font's widths: touching, not overlapping
        page.evaluate(
            "() => { const [a, b] = document.querySelectorAll('g.role-legend text');"
            " const box = a.getBBox();"
            " b.setAttribute('transform', `translate(${20 + box.x + box.width + 0.5},150)`); }"
        )
        problems = page.evaluate(CHARTS_JS)
        # the look-alikes are real: the upright boxes of the turned labels, and the hidden and the
        # shown label, do overlap
        boxes = page.evaluate(
            "() => [...document.querySelectorAll('g.role-axis text')].map(t => {"
            " const r = t.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; })"
        )
    finally:
        page.close()
    for a, b in (boxes[0:2], boxes[2:4]):
        assert min(a[1], b[1]) > max(a[0], b[0]) + 1 and min(a[3], b[3]) > max(a[2], b[2]) + 1, (a, b)
    expected = [
        'drawn beyond its 300 x 200 px SVG: title-text text "a title too long for its chart" reaches x',
        'in its legend, legend-label text "0.00" and legend-label text "0.20" ',
        'title-text text "cut short…" is cut short by vega',
    ]
    assert len(problems) == len(expected), "\n".join(problems)
    for want in expected:
        assert any(p.startswith('chart 1 "A fixture": ') and want in p for p in problems), (want, problems)
