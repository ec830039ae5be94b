/* What of the article does not fit, at the window's current width (run by tests/test_book.py).
 *
 * Desktop (the window is wider than `phoneWidth`): every element of article.bd-article lies inside
 * the article's column, and nothing is cut off or scrolled inside a box (code, outputs, SymPy and
 * MathJax formulas, tables, charts).
 * Phone: the page does not scroll sideways; every element lies on the screen, unless it is inside
 * a box that scrolls on its own (overflow-x: auto or scroll) and that box is on the screen; nothing
 * is cut off by overflow: hidden; every chart lies on the screen.
 *
 * Returns a list of problems, each naming the element (tag, id, classes, section, text) and the
 * numbers (px, in window coordinates). A formula's mjx-math and an SVG drawing are measured as a
 * whole (their insides are the library's business), and what no one sees is skipped: display: none,
 * visibility: hidden, closed <details>, clipped screen-reader text such as MathJax's MathML. */
({ phoneWidth }) => {
  const TOLERANCE = 1; // px: sub-pixel rounding
  const article = document.querySelector("article.bd-article");
  if (!article) return ["the page has no article.bd-article"];
  const screen = { left: 0, right: document.documentElement.clientWidth };
  const desktop = window.innerWidth > phoneWidth;
  const style = getComputedStyle(article);
  const box = article.getBoundingClientRect();
  const column = {
    left: box.left + parseFloat(style.paddingLeft),
    right: box.right - parseFloat(style.paddingRight),
  };
  const limits = desktop ? column : screen;
  const where = desktop ? "the column" : "the screen";
  const px = (value) => Math.round(value);
  const span = (r) => `${px(r.left)}-${px(r.right)} px`;

  const describe = (element) => {
    let name = element.tagName.toLowerCase();
    if (element.id) name += `#${element.id}`;
    const classes = Array.from(element.classList).slice(0, 3);
    if (classes.length) name += `.${classes.join(".")}`;
    const section = element.closest("section[id]");
    const figure = element.closest("figure[id]");
    const text = (element.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
    return (
      name +
      (section ? ` in #${section.id}` : "") +
      (figure && figure.id && figure !== element ? ` (figure #${figure.id})` : "") +
      (text && !text.startsWith("{") ? ` "${text}"` : "")
    );
  };

  // Inner box of a clipping or scrolling element: its border box less its borders.
  const innerBox = (element) => {
    const r = element.getBoundingClientRect();
    const s = getComputedStyle(element);
    return {
      left: r.left + parseFloat(s.borderLeftWidth),
      right: r.right - parseFloat(s.borderRightWidth),
    };
  };
  const outside = (r, limit) => r.left < limit.left - TOLERANCE || r.right > limit.right + TOLERANCE;

  const problems = [];
  const overflowing = new Map(); // clipping box -> {left, right, first element}
  // Walk the article depth first; `clip` is the nearest ancestor whose overflow-x is not visible.
  const walk = (element, clip) => {
    const s = getComputedStyle(element);
    if (s.display === "none" || s.visibility !== "visible") return;
    if (s.clip !== "auto" || s.clipPath !== "none" || element.classList.contains("visually-hidden")) return;
    const tag = element.tagName;
    if (tag === "MJX-ASSISTIVE-MML" || tag === "SCRIPT" || tag === "STYLE") return;
    if (tag === "DETAILS" && !element.open) {
      const summary = element.querySelector(":scope > summary");
      if (summary) walk(summary, clip);
      return;
    }
    const r = element.getBoundingClientRect();
    const leaf = tag === "MJX-MATH" || tag === "svg" || tag === "CANVAS";
    if (r.width >= 1 && r.height >= 1) {
      if (clip) {
        const inner = innerBox(clip);
        if (outside(r, inner)) {
          const seen = overflowing.get(clip);
          overflowing.set(clip, {
            left: Math.min(r.left, seen ? seen.left : inner.left),
            right: Math.max(r.right, seen ? seen.right : inner.right),
            first: seen ? seen.first : element,
          });
          return; // reported once, by its box
        }
      } else if (outside(r, limits)) {
        problems.push(`${describe(element)}: spans ${span(r)}, ${where} ${span(limits)}`);
        return;
      }
    }
    if (leaf) return;
    const clips = s.overflowX !== "visible";
    for (const child of element.children) walk(child, clips ? element : clip);
    // A scroll bar shows whatever overflows, even what no one sees (such as clipped MathML).
    const scrolls = s.overflowX === "auto" || s.overflowX === "scroll";
    if (desktop && scrolls && !overflowing.has(element) && element.scrollWidth > element.clientWidth + TOLERANCE) {
      problems.push(`${describe(element)}: scrolls sideways (${element.scrollWidth} px of content in ${element.clientWidth} px)`);
    }
  };
  for (const child of article.children) walk(child, null);

  for (const [clip, reach] of overflowing) {
    const how = getComputedStyle(clip).overflowX;
    const scrolls = how === "auto" || how === "scroll";
    if (!desktop && scrolls) continue; // a phone may scroll a wide block inside its own box
    const inner = innerBox(clip);
    const verb = scrolls ? "scrolls" : "is cut off";
    problems.push(
      `${describe(clip)}: its content ${verb} (${describe(reach.first)} reaches ${span(reach)}; ` +
        `the box shows ${span(inner)})`,
    );
  }

  // On a phone a chart must fit the screen even inside a box that scrolls (on a desktop the
  // checks above already hold it to the column).
  document.querySelectorAll("div.course-chart").forEach((chart, i) => {
    if (desktop) return;
    const drawing = chart.querySelector("svg.marks, canvas.marks");
    if (!drawing) return;
    const r = drawing.getBoundingClientRect();
    if (outside(r, limits)) problems.push(`chart ${i + 1} ${describe(chart)}: drawn at ${span(r)}, ${where} ${span(limits)}`);
  });

  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth + TOLERANCE) {
    problems.push(`the page scrolls sideways: ${page.scrollWidth} px wide in a ${page.clientWidth} px window`);
  }
  return problems;
}
