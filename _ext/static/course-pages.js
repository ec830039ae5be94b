/* Wide blocks fit their column where a slightly smaller font is enough, and the theme's sidebar
 * is a landmark (added by _ext/reader_pages.py). A table, a display formula (Markdown math or a
 * SymPy output) or an inline formula that is wider than its box is set in a smaller font, down to
 * MIN_SCALE of its size; if it still does not fit (a phone), it keeps its size and scrolls inside
 * its own box (course-pages.css). Refitted when the column's width changes and when a <details>
 * opens; when a pass is over, <html data-course-fitted="W"> gives the window width it was made
 * for (the browser test waits for it). */
(function () {
  "use strict";
  var MIN_SCALE = 0.75; // _ext/reader_pages.py MIN_SCALE

  function width(element) {
    return element ? element.getBoundingClientRect().width : 0;
  }

  function blockAncestor(element) {
    var block = element.parentElement;
    while (block && getComputedStyle(block).display.indexOf("inline") === 0) block = block.parentElement;
    return block;
  }

  // Each kind of block: which elements, and how wide each is and may be (px).
  var KINDS = [
    {
      selector: "article table",
      measure: function (table) {
        return { needed: table.offsetWidth, available: table.parentElement.clientWidth };
      },
    },
    {
      selector: "article mjx-container[display='true']",
      measure: function (math) {
        return { needed: width(math.querySelector("mjx-math")), available: math.clientWidth };
      },
    },
    {
      selector: "article span.math > mjx-container:not([display='true'])",
      measure: function (math) {
        var line = blockAncestor(math.parentElement); // the paragraph, list item, cell...
        var style = getComputedStyle(line);
        var inner = line.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { needed: width(math), available: inner };
      },
    },
  ];

  function fit(block, measure) {
    if (!("courseFont" in block.dataset)) block.dataset.courseFont = block.style.fontSize; // e.g. MathJax's 119.5%
    block.style.fontSize = block.dataset.courseFont;
    var size = measure(block);
    if (size.available === 0 || size.needed <= size.available) return; // hidden, or fits
    var base = parseFloat(getComputedStyle(block).fontSize);
    var scale = 1;
    // Padding and borders do not shrink with the font: a few passes converge.
    for (var pass = 0; pass < 4 && size.needed > size.available; pass++) {
      scale *= (size.available - 1) / size.needed;
      if (scale < MIN_SCALE) break;
      block.style.fontSize = (base * scale).toFixed(2) + "px";
      size = measure(block);
    }
    if (size.needed > size.available) block.style.fontSize = block.dataset.courseFont; // scrolls
  }

  // A box that scrolls must be reachable by keyboard (axe "scrollable-region-focusable").
  // pydata-sphinx-theme sets these tab stops for its boxes 300 ms after a window resize; here
  // they follow every fit, and include the boxes this file and course-charts.js make scroll.
  var SCROLL_BOXES = [
    "article pre",
    "article .cell_output > .output",
    "article .pst-scrollable-table-container",
    "article .course-chart-output",
    "article span.math",
    "article mjx-container[display='true']",
  ].join(", ");

  function setTabStops() {
    document.querySelectorAll(SCROLL_BOXES).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 || (box.scrollHeight > box.clientHeight + 1 && getComputedStyle(box).overflowY !== "hidden");
      if (scrolls) box.tabIndex = 0;
      else if (box.hasAttribute("tabindex")) box.tabIndex = -1;
    });
  }

  function fitAll() {
    KINDS.forEach(function (kind) {
      document.querySelectorAll(kind.selector).forEach(function (block) {
        fit(block, kind.measure);
      });
    });
    setTabStops();
    document.documentElement.dataset.courseFitted = String(window.innerWidth);
  }

  function whenTypeset(callback) {
    var mj = window.MathJax;
    if (document.querySelector(".math") && mj && mj.startup && mj.startup.promise) {
      mj.startup.promise.then(callback, callback);
    } else {
      callback();
    }
  }

  var pending = null;
  function refit() {
    delete document.documentElement.dataset.courseFitted;
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () {
      pending = null;
      fitAll();
    });
  }

  // Refit whenever the column's width changes. Not on "resize": a window resize can be
  // reported before the page is laid out at the new width (Chromium, when a screenshot tool
  // resizes it). A ResizeObserver reports widths after layout; it watches an empty probe at the
  // top of the article, whose height fitting does not change (no ResizeObserver loop).
  function watchWidth() {
    var article = document.querySelector("article.bd-article");
    if (!article || !window.ResizeObserver) {
      window.addEventListener("resize", refit);
      return;
    }
    var probe = document.createElement("div");
    probe.className = "course-fit-probe";
    probe.setAttribute("aria-hidden", "true");
    article.insertBefore(probe, article.firstChild);
    var width = probe.getBoundingClientRect().width;
    new ResizeObserver(function () {
      var now = probe.getBoundingClientRect().width;
      if (now === width) return;
      width = now;
      fitAll();
    }).observe(probe);
  }

  // The theme's primary sidebar (title, search, chapters) is in no landmark (axe "region").
  function nameSidebar() {
    var sidebar = document.querySelector(".bd-sidebar-primary");
    if (sidebar && !sidebar.hasAttribute("role")) {
      sidebar.setAttribute("role", "complementary");
      sidebar.setAttribute("aria-label", "The book");
    }
  }

  function start() {
    nameSidebar();
    whenTypeset(function () {
      fitAll();
      watchWidth();
      document.addEventListener("toggle", refit, true); // <details> does not bubble "toggle"
      document.addEventListener("course:refit", refit); // e.g. after a test unfolds the page
    });
  }

  // After "load": MathJax is loaded asynchronously, and an async script runs before "load".
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
