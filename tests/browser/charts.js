/* What of each chart's drawing does not fit its own SVG, at the window's current width (run by
 * tests/test_book.py after every chart has been redrawn for that width).
 *
 * layout.js measures an SVG as a whole; vega draws inside it, and what it draws past the SVG's
 * edge is cut off (a legend label, a title). Here, for every div.course-chart drawn as
 * <svg class="marks">:
 *
 * 1. every visible graphic element (text, path, rect, line, image, ...) lies inside the SVG's
 *    box, within TOLERANCE px; an element in a clipped group (clip-path) is measured as far as
 *    the clip lets it show;
 * 2. no two visible texts of one legend or one axis overlap or run together: each text is the
 *    rectangle of its font box (getBBox), lengthened by GAP / 2 px at both ends of its line and
 *    turned by its transform (so rotated axis labels are measured as drawn, not by the larger
 *    upright box around them); two texts fail when these rectangles intersect by more than
 *    OVERLAP px (separating-axis test). So "0.00" and "0.20" side by side need GAP - OVERLAP px
 *    between them, while legend rows stacked one font box apart pass.
 * 3. no visible text is cut short by vega: a label, title or legend title wider than its limit
 *    (labelLimit, titleLimit: 180 px for a legend title) ends in vega's ellipsis "…".
 *
 * "Visible": not display: none / visibility: hidden, and no opacity 0 on the element or an
 * ancestor inside the SVG (vega's labelOverlap hides the labels it drops with opacity 0), and
 * not empty text. vega's background rectangle is the SVG's own box and is skipped.
 *
 * Returns a list of problems, each naming the chart (its aria-label, else its number), the
 * offender (vega's role, e.g. legend-label, and its text) and the numbers in px (SVG coordinates).
 */
() => {
  const TOLERANCE = 1.5; // px: anti-aliasing and sub-pixel rounding of glyph boxes
  const OVERLAP = 0.5; // px: font boxes that share less than this only touch
  const GAP = 2; // px: two texts on one line closer than GAP - OVERLAP read as one
  const GRAPHICS = "text, path, rect, line, circle, ellipse, polygon, polyline, image";
  const px = (value) => Math.round(value * 10) / 10;

  const hidden = (element, svg) => {
    for (let e = element; e && e !== svg; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || parseFloat(s.opacity) === 0) return true;
    }
    return false;
  };

  // vega's role of the element: the class "role-xxx" of the nearest group that has one.
  const role = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const found = Array.from(e.classList || []).find((c) => c.startsWith("role-"));
      if (found) return found.slice(5);
    }
    return "mark";
  };
  const describe = (element) => {
    const text = element.tagName === "text" ? ` "${element.textContent.trim().slice(0, 40)}"` : "";
    return `${role(element)} ${element.tagName}${text}`;
  };

  // The four corners of an element's box (getBBox, its own coordinates) in SVG coordinates.
  const corners = (element, svg, lengthen = 0) => {
    const box = element.getBBox();
    const b = { x: box.x - lengthen, y: box.y, width: box.width + 2 * lengthen, height: box.height };
    const m = svg.getScreenCTM().inverse().multiply(element.getScreenCTM());
    return [
      [b.x, b.y],
      [b.x + b.width, b.y],
      [b.x + b.width, b.y + b.height],
      [b.x, b.y + b.height],
    ].map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  };
  const extent = (points) => ({
    left: Math.min(...points.map((p) => p[0])),
    right: Math.max(...points.map((p) => p[0])),
    top: Math.min(...points.map((p) => p[1])),
    bottom: Math.max(...points.map((p) => p[1])),
  });
  // The rectangle a clip-path lets show, in SVG coordinates, or null (vega clips with a rect).
  const clipOf = (element, svg) => {
    for (let e = element.parentElement; e && e !== svg; e = e.parentElement) {
      const ref = e.getAttribute("clip-path");
      const id = ref && ref.match(/url\(['"]?#([^'")]+)['"]?\)/);
      const shape = id && svg.querySelector(`[id="${id[1]}"] > *`);
      if (shape) return extent(corners(shape, svg)); // clipPathUnits="userSpaceOnUse": e's space
    }
    return null;
  };

  // Overlap depth of two convex polygons (0 if a separating axis exists): the least projection
  // overlap over the edge normals of both.
  const overlapDepth = (p, q) => {
    let least = Infinity;
    for (const poly of [p, q]) {
      for (let i = 0; i < poly.length; i++) {
        const [x1, y1] = poly[i];
        const [x2, y2] = poly[(i + 1) % poly.length];
        const length = Math.hypot(x2 - x1, y2 - y1);
        if (length === 0) continue;
        const [nx, ny] = [(y1 - y2) / length, (x2 - x1) / length];
        const project = (points) => points.map(([x, y]) => x * nx + y * ny);
        const a = project(p);
        const b = project(q);
        const depth = Math.min(Math.max(...a), Math.max(...b)) - Math.max(Math.min(...a), Math.min(...b));
        if (depth <= 0) return 0;
        least = Math.min(least, depth);
      }
    }
    return least;
  };

  const problems = [];
  document.querySelectorAll("div.course-chart").forEach((chart, i) => {
    const svg = chart.querySelector("svg.marks");
    if (!svg) return;
    const label = chart.getAttribute("aria-label") || `chart ${i + 1}`;
    const name = `chart ${i + 1} "${label.replace(/^Chart: /, "").slice(0, 70)}"`;
    const width = svg.width.baseVal.value;
    const height = svg.height.baseVal.value;
    const visible = Array.from(svg.querySelectorAll(GRAPHICS)).filter((e) => {
      if (e.closest("clipPath, defs") || e.classList.contains("background")) return false;
      if (e.tagName === "text" && !e.textContent.trim()) return false;
      return !hidden(e, svg);
    });

    // 1. Inside the SVG's box.
    const beyond = [];
    for (const element of visible) {
      let r = extent(corners(element, svg));
      const clip = clipOf(element, svg);
      if (clip) {
        r = {
          left: Math.max(r.left, clip.left),
          right: Math.min(r.right, clip.right),
          top: Math.max(r.top, clip.top),
          bottom: Math.min(r.bottom, clip.bottom),
        };
        if (r.left >= r.right || r.top >= r.bottom) continue; // clipped away
      }
      const out = [];
      if (r.left < -TOLERANCE) out.push(`starts at x = ${px(r.left)}`);
      if (r.right > width + TOLERANCE) out.push(`reaches x = ${px(r.right)}`);
      if (r.top < -TOLERANCE) out.push(`starts at y = ${px(r.top)}`);
      if (r.bottom > height + TOLERANCE) out.push(`reaches y = ${px(r.bottom)}`);
      if (out.length) beyond.push(`${describe(element)} ${out.join(", ")}`);
    }
    if (beyond.length) {
      const shown = beyond.slice(0, 4).join("; ") + (beyond.length > 4 ? `; and ${beyond.length - 4} more` : "");
      problems.push(`${name}: drawn beyond its ${px(width)} x ${px(height)} px SVG: ${shown}`);
    }

    // 3. No text cut short (checked first: it is the reason, should it also overlap).
    for (const element of visible) {
      if (element.tagName === "text" && element.textContent.trim().endsWith("…")) {
        problems.push(`${name}: ${describe(element)} is cut short by vega (its limit, e.g. labelLimit or titleLimit)`);
      }
    }

    // 2. No overlapping texts within one legend or one axis.
    svg.querySelectorAll("g.role-legend, g.role-axis").forEach((group) => {
      if (group.parentElement.closest("g.role-legend, g.role-axis")) return; // the outermost
      const texts = visible
        .filter((e) => e.tagName === "text" && group.contains(e))
        .map((e) => ({ element: e, box: corners(e, svg, GAP / 2) }));
      for (let a = 0; a < texts.length; a++) {
        for (let b = a + 1; b < texts.length; b++) {
          const depth = overlapDepth(texts[a].box, texts[b].box);
          if (depth > OVERLAP) {
            const overlap = depth - GAP; // < 0: the gap between them, if they lie on one line
            const how = overlap > 0 ? `overlap by ${px(overlap)} px` : `are ${px(-overlap)} px apart`;
            problems.push(`${name}: in its ${role(group)}, ${describe(texts[a].element)} and ${describe(texts[b].element)} ${how}`);
          }
        }
      }
    });
  });
  return problems;
}
