/* Wide blocks fit their column where a slightly smaller font is enough (added by
 * _ext/reader_pages.py). A table, a display formula (Markdown math or a SymPy output) or an
 * inline formula that is wider than its box is set in a smaller font, down to MIN_SCALE of its
 * size; if it still does not fit (a phone), it keeps its size and scrolls inside its own box
 * (course-pages.css). Refitted when the window is resized and when a <details> opens. When a
 * pass is over, <html data-course-fitted="W"> gives the window width it was made for (the
 * browser test waits for it). */
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

  function fitAll() {
    KINDS.forEach(function (kind) {
      document.querySelectorAll(kind.selector).forEach(function (block) {
        fit(block, kind.measure);
      });
    });
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

  function start() {
    whenTypeset(function () {
      fitAll();
      window.addEventListener("resize", refit);
      document.addEventListener("toggle", refit, true); // <details> does not bubble "toggle"
    });
  }

  // After "load": MathJax is loaded asynchronously, and an async script runs before "load".
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
