/* Draw every chart of the page: each div.course-chart holds its Vega-Lite specification as
 * inert JSON (written by _ext/vega_charts.py); vegaEmbed comes from vega-offline.js, which the
 * build bundles, so nothing is fetched from the network. */
(function () {
  "use strict";
  // vega-embed keeps this much room on the right for its actions button (".has-actions"): the
  // chart is drawn in the rest, so titles and panels are fitted to the rest.
  var ACTIONS_ROOM = 38;
  function drawingWidth(container) {
    return container.clientWidth - ACTIONS_ROOM;
  }

  // Export (SVG/PNG) only: "open in the Vega editor" would need the network.
  var EMBED_OPTIONS = {
    mode: "vega-lite",
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false },
  };

  // Draw `spec` fitted to the container's width (course-chart-fit.js); if the drawing still
  // overflows (axis labels wider than estimated), fit it again to the width left, twice at most.
  function embedFitted(target, spec, width, attempts) {
    var fit = window.courseChartFit || function (s) { return s; };
    var left = attempts === undefined ? 3 : attempts;
    return window.vegaEmbed(target, fit(spec, width), EMBED_OPTIONS).then(function (result) {
      var svg = target.querySelector("svg.marks, canvas.marks");
      var overflow = svg ? svg.getBoundingClientRect().width - width : 0;
      if (overflow <= 1 || left <= 1 || fit(spec, width) === spec) return result;
      result.finalize();
      return embedFitted(target, spec, width - Math.ceil(overflow), left - 1);
    });
  }

  // Screen readers: the container is a figure named by the chart's title and described by the
  // spec's description (which says what the chart shows and finds); the drawn SVG is hidden from
  // them, so its marks are not read out one by one; the export menu is named.
  var described = 0;

  function text(value) {
    return Array.isArray(value) ? value.join(" ") : value ? String(value) : "";
  }

  function labelChart(container, spec) {
    var title = spec.title && typeof spec.title === "object" && !Array.isArray(spec.title)
      ? text(spec.title.text) : text(spec.title);
    container.setAttribute("role", "figure");
    if (title) container.setAttribute("aria-label", "Chart: " + title);
    if (spec.description) {
      var description = document.createElement("p");
      description.className = "visually-hidden course-chart-description";
      description.id = "course-chart-description-" + ++described;
      description.textContent = spec.description;
      container.insertBefore(description, container.firstChild);
      container.setAttribute("aria-describedby", description.id);
    }
  }

  function labelDrawing(target) {
    target.querySelectorAll("svg.marks, canvas.marks").forEach(function (marks) {
      marks.setAttribute("aria-hidden", "true");
    });
    target.querySelectorAll(".vega-actions").forEach(function (menu) {
      var summary = menu.parentElement && menu.parentElement.querySelector("summary");
      if (summary) summary.setAttribute("aria-label", "Export this chart as SVG or PNG");
    });
  }

  function drawChart(container) {
    var holder = container.querySelector("script.course-chart-spec");
    if (!holder || container.dataset.drawn) return;
    container.dataset.drawn = "pending";
    var target = document.createElement("div");
    target.style.display = "block"; // a width for charts that follow their container
    target.style.width = "100%";
    container.appendChild(target);
    var spec;
    try {
      spec = JSON.parse(holder.textContent);
    } catch (error) {
      target.className = "error";
      target.textContent = "This chart's specification could not be read: " + error;
      return;
    }
    labelChart(container, spec);
    container.drawnWidth = container.clientWidth;
    embedFitted(target, spec, drawingWidth(container))
      .then(function (result) {
        labelDrawing(target);
        container.dataset.drawn = "yes";
        container.dataset.fittedTo = String(container.drawnWidth);
        container.chart = { result: result, target: target, spec: spec };
      })
      .catch(function (error) {
        target.className = "error";
        target.textContent = "This chart could not be drawn: " + error;
        console.error(error);
      });
  }

  // Small multiples and wrapped titles depend on the width: redraw when it changes.
  function redrawResized() {
    document.querySelectorAll("div.course-chart").forEach(function (container) {
      var chart = container.chart;
      if (!chart || container.clientWidth === container.drawnWidth) return;
      var width = (container.drawnWidth = container.clientWidth);
      delete container.dataset.fittedTo;
      chart.result.finalize();
      embedFitted(chart.target, chart.spec, drawingWidth(container)).then(function (result) {
        labelDrawing(chart.target);
        chart.result = result;
        // for tests/test_book.py: the chart is drawn for its container's current width
        if (width === container.drawnWidth) container.dataset.fittedTo = String(width);
      });
    });
  }

  function drawAll() {
    if (typeof window.vegaEmbed !== "function") {
      console.error("course-charts.js: vegaEmbed is missing (vega-offline.js did not load)");
      return;
    }
    document.querySelectorAll("div.course-chart").forEach(drawChart);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(redrawResized, 250);
  });
})();
