/* Fit a chart to the width it is drawn in (the book's column, or a phone screen).
 *
 * The notebooks store each chart at a fixed size, the one JupyterLab draws (its renderer hangs
 * on `width: "container"`), and the chart builders (mctools/charts/figure.py) declare in
 * `usermeta.course` how the chart may be fitted:
 *   fit: "x"       a single view: it takes the container's width (Vega's `width: "container"`);
 *   fit: "panels"  small multiples: `columns` panels per row at most, none narrower than
 *                  `minWidth`; fewer columns on a narrow screen (the panels wrap);
 *   fit: "cells"   a grid of square pictures (charts.pictures): `columns` of them at most
 *                  `size` px, shrunk to fit beside `reserved` px of labels and legend;
 *   legendEntry    the widest legend entry in px: legends get as many columns as fit.
 * Titles and subtitles are wrapped into lines that fit. Charts without `usermeta.course` are
 * drawn as stored. course-charts.js calls window.courseChartFit(spec, width) before drawing. */
(function () {
  "use strict";
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var TITLE_FONT = "bold 15px " + FONT;
  var SUBTITLE_FONT = "12px " + FONT;
  var PANEL_TITLE_FONT = "bold 13px " + FONT;
  var PANEL_GAP = 16;
  var AXIS_ALLOWANCE = 60; // px of a y axis: labels and title
  var context = null;

  function textWidth(text, font) {
    if (!context) context = document.createElement("canvas").getContext("2d");
    context.font = font;
    return context.measureText(text).width;
  }

  // Greedy word wrap of each line to `width` px; a word longer than the width keeps its line.
  function wrap(lines, font, width) {
    var out = [];
    (Array.isArray(lines) ? lines : [lines]).forEach(function (line) {
      var current = "";
      String(line).split(/\s+/).forEach(function (word) {
        if (!word) return;
        var candidate = current ? current + " " + word : word;
        if (current && textWidth(candidate, font) > width) {
          out.push(current);
          current = word;
        } else {
          current = candidate;
        }
      });
      if (current) out.push(current);
    });
    return out;
  }

  function fitTitle(spec, width) {
    var title = spec.title;
    if (!title) return;
    if (typeof title === "string" || Array.isArray(title)) title = spec.title = { text: title };
    if (title.text) title.text = wrap(title.text, TITLE_FONT, width);
    if (title.subtitle) title.subtitle = wrap(title.subtitle, SUBTITLE_FONT, width);
  }

  // Call visit(object) on every object of a specification, except inside its data and
  // datasets (thousands of rows, where no title or legend is).
  function eachObject(node, visit) {
    if (Array.isArray(node)) {
      node.forEach(function (child) { eachObject(child, visit); });
    } else if (node && typeof node === "object") {
      visit(node);
      Object.keys(node).forEach(function (key) {
        if (key !== "data" && key !== "datasets") eachObject(node[key], visit);
      });
    }
  }

  // Wrap every x-axis title wider than `width` into lines (Vega draws an axis title on one line,
  // centred under the axis: a long one would run past both edges of a phone's chart).
  var AXIS_TITLE_FONT = "bold 13px " + FONT;
  function wrapAxisTitles(spec, width) {
    eachObject(spec, function (node) {
      var x = node.encoding && node.encoding.x;
      if (x && typeof x.title === "string" && textWidth(x.title, AXIS_TITLE_FONT) > width) {
        x.title = wrap(x.title, AXIS_TITLE_FONT, width);
      }
    });
  }

  // Break every legend label too long for the legend's row into lines (Vega draws a text given as
  // an array on several lines). A bottom legend starts at the plot's left edge, after the y axis,
  // and the course's labels are never truncated (labelLimit 0 in mctools/charts/style.py): on a
  // phone one long label would run past the chart's right edge, where it is cut off.
  var LEGEND_LABEL_FONT = "12px " + FONT;
  var LEGEND_SYMBOL = 40; // px before a label: the legend's padding, its symbol and the gap
  function wrapLegendLabels(spec, width) {
    eachObject(spec, function (node) {
      var legend = node.legend;
      var names = node.scale && node.scale.domain;
      if (!(legend && typeof legend === "object" && legend.columns && Array.isArray(names) && !legend.labelExpr)) return;
      var cases = names.filter(function (name) {
        return typeof name === "string" && textWidth(name, LEGEND_LABEL_FONT) > width;
      }).map(function (name) {
        var clauses = name.split(/(?<=,) /); // a break after a comma first: it reads as two phrases
        return "datum.label === " + JSON.stringify(name) + " ? " + JSON.stringify(wrap(clauses, LEGEND_LABEL_FONT, width));
      });
      if (cases.length) {
        legend.labelExpr = cases.join(" : ") + " : datum.label";
        legend.rowPadding = 6; // entries of two lines: keep them apart
      }
    });
  }

  // Vega cuts a legend title at 180 px with an ellipsis ("real share of each gener…"): let every
  // title have its full length, broken into lines where it is wider than the legend's room.
  var LEGEND_TITLE_FONT = "bold 12px " + FONT;
  function fitLegendTitles(spec, width) {
    eachObject(spec, function (node) {
      var legend = node.legend;
      if (legend && typeof legend === "object" && typeof legend.title === "string") {
        legend.titleLimit = 0;
        if (textWidth(legend.title, LEGEND_TITLE_FONT) > width) legend.title = wrap(legend.title, LEGEND_TITLE_FONT, width);
      }
    });
  }

  // Cap the columns of every legend in the specification (they sit under the chart).
  function capLegends(spec, columns) {
    eachObject(spec, function (node) {
      var legend = node.legend;
      if (legend && typeof legend === "object" && legend.columns) {
        legend.columns = Math.max(1, Math.min(legend.columns, columns));
      }
    });
  }

  function fitPanels(spec, meta, width) {
    var most = Math.max(1, meta.columns || 1);
    var least = meta.minWidth || 150;
    for (var columns = most; columns >= 1; columns--) {
      // every panel draws its own y axis (a concatenation of views)
      var panel = Math.floor((width - columns * AXIS_ALLOWANCE - (columns - 1) * PANEL_GAP) / columns);
      if (panel >= least || columns === 1) {
        spec.columns = columns;
        (spec.concat || [spec.spec]).forEach(function (view) {
          view.width = Math.max(panel, 80);
        });
        return;
      }
    }
  }

  // A copy of `spec` fitted to `width` px, or `spec` itself if it declares nothing.
  function courseChartFit(spec, width) {
    var meta = spec && spec.usermeta && spec.usermeta.course;
    if (!meta || !(width > 0)) return spec;
    var fitted = JSON.parse(JSON.stringify(spec));
    fitTitle(fitted, width - 8);
    wrapAxisTitles(fitted, width - AXIS_ALLOWANCE);
    fitLegendTitles(fitted, width - AXIS_ALLOWANCE);
    if (meta.legendEntry) {
      capLegends(fitted, Math.floor((width - 8) / meta.legendEntry));
      wrapLegendLabels(fitted, width - AXIS_ALLOWANCE - LEGEND_SYMBOL);
    }
    if (meta.fit === "x") {
      fitted.width = "container";
      fitted.autosize = { type: "fit-x", contains: "padding" };
    } else if (meta.fit === "cells" && fitted.vconcat && fitted.vconcat[0].spec) {
      // a grid of square pictures: smaller pictures until the columns fit, never larger
      var grid = fitted.vconcat[0];
      var spacing = typeof grid.spacing === "number" ? grid.spacing : 12;
      var room = width - meta.reserved - (meta.columns - 1) * spacing;
      var side = Math.max(16, Math.min(meta.size, Math.floor(room / meta.columns)));
      grid.spec.width = side;
      grid.spec.height = side;
    } else if (meta.fit === "panels" && (fitted.concat || fitted.spec)) {
      fitPanels(fitted, meta, width);
      (fitted.concat || []).forEach(function (view) {  // panel titles span the panel and its axis
        if (view.title && view.title.text) {
          view.title.text = wrap(view.title.text, PANEL_TITLE_FONT, view.width + AXIS_ALLOWANCE - 8);
        }
      });
    }
    return fitted;
  }

  window.courseChartFit = courseChartFit;
})();
