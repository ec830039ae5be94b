/* Draw every chart of the page: each div.course-chart holds its Vega-Lite specification as
 * inert JSON (written by _ext/vega_charts.py); vegaEmbed comes from vega-offline.js, which the
 * build bundles, so nothing is fetched from the network. */
(function () {
  "use strict";
  // Export (SVG/PNG) only: "open in the Vega editor" would need the network.
  var EMBED_OPTIONS = {
    mode: "vega-lite",
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false },
  };

  function drawChart(container) {
    var holder = container.querySelector("script.course-chart-spec");
    if (!holder || container.dataset.drawn) return;
    container.dataset.drawn = "pending";
    var target = document.createElement("div");
    container.appendChild(target);
    var spec;
    try {
      spec = JSON.parse(holder.textContent);
    } catch (error) {
      target.className = "error";
      target.textContent = "This chart's specification could not be read: " + error;
      return;
    }
    window
      .vegaEmbed(target, spec, EMBED_OPTIONS)
      .then(function () {
        container.dataset.drawn = "yes";
      })
      .catch(function (error) {
        target.className = "error";
        target.textContent = "This chart could not be drawn: " + error;
        console.error(error);
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
})();
