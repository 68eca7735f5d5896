/* accordingto charts: small SVG charts drawn here, from data embedded in the page
   (<script type="application/json" id="chart-data">) or fetched from /api/stats.
   Every role class of a source, like every kind, has its own colour and fill pattern.
   Colour is never the only cue: every kind of source also has its own fill pattern, every
   outlet's line its own marker shape and dash, and values are written out as text. Each
   chart is aria-hidden and has a table beside it for screen readers (and for no script). */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var KINDS = ["person", "group", "organization", "outlet", "document", "unspecified"];
  var KIND_STYLE = {
    person: { fill: "#e69f00", pattern: null },
    group: { fill: "#56b4e9", pattern: "dots" },
    organization: { fill: "#009e73", pattern: "diagonal" },
    outlet: { fill: "#0072b2", pattern: "horizontal" },
    document: { fill: "#d55e00", pattern: "cross" },
    unspecified: { fill: "#bbbbbb", pattern: "vertical" }
  };
  var ROLE_STYLE = {
    politician_or_official: { fill: "#0072b2", pattern: null },
    spokesperson: { fill: "#56b4e9", pattern: "dots" },
    police: { fill: "#cc79a7", pattern: null },
    legal_or_court: { fill: "#cc79a7", pattern: "diagonal" },
    military_or_security: { fill: "#009e73", pattern: "cross" },
    expert_or_academic: { fill: "#e69f00", pattern: null },
    business: { fill: "#f0e442", pattern: "diagonal" },
    civil_society: { fill: "#009e73", pattern: null },
    medical: { fill: "#d55e00", pattern: "dots" },
    ordinary_person: { fill: "#f0e442", pattern: null },
    celebrity: { fill: "#e69f00", pattern: "horizontal" },
    sports: { fill: "#56b4e9", pattern: "vertical" },
    journalist_or_outlet: { fill: "#0072b2", pattern: "horizontal" },
    document: { fill: "#d55e00", pattern: "cross" },
    unknown: { fill: "#bbbbbb", pattern: "vertical" }
  };
  var SERIES = [
    { colour: "#000000", dash: "", shape: "circle" },
    { colour: "#e69f00", dash: "", shape: "square" },
    { colour: "#56b4e9", dash: "6 3", shape: "triangle" },
    { colour: "#009e73", dash: "2 3", shape: "diamond" },
    { colour: "#0072b2", dash: "8 3 2 3", shape: "down" },
    { colour: "#d55e00", dash: "4 2", shape: "cross" },
    { colour: "#cc79a7", dash: "1 2", shape: "plus" }
  ];
  var uid = 0;

  function el(tag, attrs, parent) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function textEl(parent, x, y, content, attrs) {
    var node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    node.textContent = content;
    return node;
  }

  function pct(value) { return value == null ? "–" : Math.round(value * 100) + "%"; }

  function newSvg(container, width, height) {
    container.replaceChildren();
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img", focusable: "false" }, container);
    svg.dataset.id = "c" + (++uid);
    container.classList.add("drawn");
    return svg;
  }

  /* a pattern over a colour: lines or dots drawn in a darker ink, so fills differ in grey too */
  function patternFill(svg, colour, kind) {
    if (!kind) return colour;
    var defs = svg.querySelector("defs") || el("defs", {}, svg);
    var id = svg.dataset.id + "-" + kind + "-" + colour.replace("#", "");
    if (!svg.querySelector("#" + CSS.escape(id))) {
      var p = el("pattern", { id: id, width: 6, height: 6, patternUnits: "userSpaceOnUse" }, defs);
      el("rect", { width: 6, height: 6, fill: colour }, p);
      var ink = { stroke: "rgba(0,0,0,0.55)", "stroke-width": 1.2 };
      if (kind === "dots") el("circle", { cx: 3, cy: 3, r: 1.2, fill: "rgba(0,0,0,0.55)" }, p);
      if (kind === "diagonal" || kind === "cross") el("path", Object.assign({ d: "M0,6 L6,0" }, ink), p);
      if (kind === "cross") el("path", Object.assign({ d: "M0,0 L6,6" }, ink), p);
      if (kind === "horizontal") el("path", Object.assign({ d: "M0,3 L6,3" }, ink), p);
      if (kind === "vertical") el("path", Object.assign({ d: "M3,0 L3,6" }, ink), p);
    }
    return "url(#" + id + ")";
  }

  function kindFill(svg, kind) {
    var style = KIND_STYLE[kind] || KIND_STYLE.unspecified;
    return patternFill(svg, style.fill, style.pattern);
  }

  function roleFill(svg, roleClass) {
    var style = ROLE_STYLE[roleClass] || ROLE_STYLE.unknown;
    return patternFill(svg, style.fill, style.pattern);
  }

  function roleLabel(roleClass) { return roleClass.replace("_or_", " or ").replace(/_/g, " "); }

  /* ---------------------------------------------------------------- bars */
  function horizontalBars(container, rows, format) {
    var rowHeight = 26, labelWidth = 110, width = 320, valueWidth = 44;
    var max = Math.max.apply(null, rows.map(function (r) { return r.value; }).concat([0.0001]));
    var svg = newSvg(container, width, rows.length * rowHeight + 4);
    rows.forEach(function (row, i) {
      var y = i * rowHeight + 4;
      var barWidth = (width - labelWidth - valueWidth) * row.value / max;
      textEl(svg, 0, y + 15, row.label);
      var fill = typeof row.fill === "function" ? row.fill(svg) : row.fill;
      el("rect", { x: labelWidth, y: y + 2, width: Math.max(barWidth, 1), height: rowHeight - 8, fill: fill, stroke: "#333", "stroke-width": 0.5 }, svg);
      textEl(svg, labelWidth + barWidth + 6, y + 15, format(row.value));
    });
  }

  function stackedBar(container, parts) {
    var width = 320, height = 56, x = 0;
    var svg = newSvg(container, width, height);
    parts.forEach(function (part) {
      if (!part.value) return;
      var w = width * part.value;
      el("rect", { x: x, y: 0, width: w, height: 22, fill: part.fill(svg), stroke: "#fff", "stroke-width": 1 }, svg);
      x += w;
    });
    var lx = 0;
    parts.forEach(function (part) {
      el("rect", { x: lx, y: 34, width: 12, height: 12, fill: part.fill(svg), stroke: "#333", "stroke-width": 0.5 }, svg);
      var label = textEl(svg, lx + 16, 44, part.label + " " + pct(part.value));
      lx += 22 + label.getComputedTextLength();
    });
  }

  function columns(container, labels, values) {
    var width = 640, height = 200, left = 36, bottom = 36, top = 8;
    var svg = newSvg(container, width, height);
    // a maximum divisible by 4, so the four grid steps fall on whole numbers
    var max = Math.max(4, Math.ceil(Math.max.apply(null, values.concat([1])) / 4) * 4);
    var step = (width - left) / Math.max(labels.length, 1);
    var barWidth = Math.min(step * 0.7, 48);
    axisY(svg, left, top, height - bottom, width, max, function (v) { return Math.round(v); });
    var every = Math.ceil(labels.length / 12);
    labels.forEach(function (label, i) {
      var h = (height - bottom - top) * values[i] / max;
      var x = left + i * step + (step - barWidth) / 2;
      var bar = el("rect", { x: x, y: height - bottom - h, width: barWidth, height: h, fill: "#0072b2" }, svg);
      el("title", {}, bar).textContent = (label || "undated") + ": " + values[i];
      if (i % every === 0) textEl(svg, x + barWidth / 2, height - bottom + 16, label || "undated", { "text-anchor": "middle" });
    });
  }

  function axisY(svg, left, top, bottomY, right, max, format) {
    var grid = el("g", { class: "grid" }, svg);
    for (var i = 0; i <= 4; i++) {
      var y = bottomY - (bottomY - top) * i / 4;
      el("line", { x1: left, x2: right, y1: y, y2: y }, grid);
      textEl(svg, left - 4, y + 4, format(max * i / 4), { "text-anchor": "end" });
    }
  }

  /* ---------------------------------------------------------------- lines */
  function markerShape(svg, shape, x, y, colour) {
    var s = 4, attrs = { fill: colour, stroke: "#000", "stroke-width": 0.6 };
    if (shape === "circle") return el("circle", Object.assign({ cx: x, cy: y, r: s }, attrs), svg);
    if (shape === "square") return el("rect", Object.assign({ x: x - s, y: y - s, width: 2 * s, height: 2 * s }, attrs), svg);
    var points = {
      triangle: [[0, -s - 1], [s + 1, s], [-s - 1, s]],
      down: [[0, s + 1], [s + 1, -s], [-s - 1, -s]],
      diamond: [[0, -s - 1], [s + 1, 0], [0, s + 1], [-s - 1, 0]]
    }[shape];
    if (points) {
      return el("polygon", Object.assign({ points: points.map(function (p) { return (x + p[0]) + "," + (y + p[1]); }).join(" ") }, attrs), svg);
    }
    var d = shape === "cross"
      ? "M" + (x - s) + "," + (y - s) + " L" + (x + s) + "," + (y + s) + " M" + (x - s) + "," + (y + s) + " L" + (x + s) + "," + (y - s)
      : "M" + (x - s) + "," + y + " L" + (x + s) + "," + y + " M" + x + "," + (y - s) + " L" + x + "," + (y + s);
    return el("path", { d: d, stroke: colour, "stroke-width": 2.4 }, svg);
  }

  function lineChart(container, months, series) {
    var width = 760, height = 300, left = 44, right = 150, top = 10, bottom = 40;
    var svg = newSvg(container, width, height);
    var max = 0;
    series.forEach(function (s) { s.points.forEach(function (p) { if (p.y != null) max = Math.max(max, p.y); }); });
    max = Math.max(0.1, Math.ceil(max * 10) / 10);
    var plotRight = width - right;
    axisY(svg, left, top, height - bottom, plotRight, max, pct);
    var x = function (i) { return left + (months.length > 1 ? (plotRight - left) * i / (months.length - 1) : (plotRight - left) / 2); };
    var y = function (v) { return height - bottom - (height - bottom - top) * v / max; };
    var every = Math.ceil(months.length / 8);
    months.forEach(function (m, i) {
      if (i % every === 0) textEl(svg, x(i), height - bottom + 18, m, { "text-anchor": "middle" });
    });
    series.forEach(function (s) {
      var style = s.style;
      var index = {};
      s.points.forEach(function (p) { index[p.x] = p.y; });
      var d = "", last = null;
      months.forEach(function (m, i) {
        var v = index[m];
        if (v == null) { last = null; return; }
        d += (last === null ? "M" : "L") + x(i).toFixed(1) + "," + y(v).toFixed(1) + " ";
        last = v;
      });
      var width = s.name === "all outlets" ? 3 : 2;
      el("path", { d: d, fill: "none", stroke: style.colour, "stroke-width": width, "stroke-dasharray": style.dash }, svg);
      var lastPoint = null;
      months.forEach(function (m, i) {
        var v = index[m];
        if (v == null) return;
        var mark = markerShape(svg, style.shape, x(i), y(v), style.colour);
        el("title", {}, mark).textContent = s.name + ", " + m + ": " + pct(v);
        lastPoint = [x(i), y(v)];
      });
      if (lastPoint) s.end = lastPoint;
    });
    // direct labels at the right edge, pushed apart so they do not overlap
    var labels = series.filter(function (s) { return s.end; }).sort(function (a, b) { return a.end[1] - b.end[1]; });
    var prev = -Infinity;
    labels.forEach(function (s) {
      var ly = Math.max(s.end[1] + 4, prev + 14);
      prev = ly;
      markerShape(svg, s.style.shape, plotRight + 14, ly - 4, s.style.colour);
      textEl(svg, plotRight + 24, ly, s.name.length > 18 ? s.name.slice(0, 17) + "…" : s.name);
    });
  }

  /* one bar per row, cut into its parts' shares; the legend (one entry per key) wraps onto as
     many lines as it needs */
  function stackedRows(container, rows, keys, fill, label) {
    var rowHeight = 24, labelWidth = 150, width = 760, lineHeight = 18;
    var svg = newSvg(container, width, rows.length * rowHeight + 32);
    var lx = labelWidth, ly = 4;
    keys.forEach(function (key) {
      var box = el("rect", { x: lx, y: ly, width: 12, height: 12, fill: fill(svg, key), stroke: "#333", "stroke-width": 0.5 }, svg);
      var text = textEl(svg, lx + 16, ly + 10, label(key));
      var step = 26 + text.getComputedTextLength();
      if (lx > labelWidth && lx + step - 10 > width) {  // does not fit: to the next line
        lx = labelWidth;
        ly += lineHeight;
        box.setAttribute("x", lx); box.setAttribute("y", ly);
        text.setAttribute("x", lx + 16); text.setAttribute("y", ly + 10);
      }
      lx += step;
    });
    var legendHeight = ly + lineHeight + 6;
    svg.setAttribute("viewBox", "0 0 " + width + " " + (rows.length * rowHeight + legendHeight + 4));
    rows.forEach(function (row, i) {
      var y = legendHeight + i * rowHeight;
      textEl(svg, 0, y + 15, row.label.length > 22 ? row.label.slice(0, 21) + "…" : row.label);
      var x = labelWidth;
      keys.forEach(function (key) {
        var share = row.parts[key] || 0;
        if (!share) return;
        var w = (width - labelWidth) * share;
        var rect = el("rect", { x: x, y: y + 2, width: w, height: rowHeight - 6, fill: fill(svg, key), stroke: "#fff", "stroke-width": 1 }, svg);
        el("title", {}, rect).textContent = row.label + ", " + label(key) + ": " + pct(share);
        if (w > 34) textEl(svg, x + 4, y + 15, pct(share), { "font-weight": "600" });
        x += w;
      });
    });
  }

  /* ---------------------------------------------------------------- data */
  function embedded() {
    var node = document.getElementById("chart-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  async function allRows(query) {
    var rows = [], offset = 0;
    for (var guard = 0; guard < 50 && offset !== null; guard++) {
      var response = await fetch("/api/stats?" + query + "&limit=1000&offset=" + offset, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error((await response.json()).error || response.statusText);
      var page = await response.json();
      rows = rows.concat(page.items);
      offset = page.next_offset;
    }
    return rows;
  }

  function withBy(query, by) {
    var params = new URLSearchParams(query || "");
    params.set("by", by);
    params.set("top", "0");
    params.set("voices", "false");  // these charts draw no voices: not counting them is faster
    return params.toString();
  }

  function failed(container, error) {
    container.replaceChildren();
    var p = document.createElement("p");
    p.className = "alert";
    p.textContent = "The chart could not be drawn: " + error.message;
    container.appendChild(p);
  }

  /* every month from the first to the last, so that a month with no article is a gap in
     the lines and not a silent jump */
  function monthRange(months) {
    if (!months.length) return [];
    var sorted = months.slice().sort();
    var year = +sorted[0].slice(0, 4), month = +sorted[0].slice(5, 7);
    var last = sorted[sorted.length - 1], all = [];
    for (var guard = 0; guard < 1200; guard++) {
      var label = year + "-" + (month < 10 ? "0" : "") + month;
      all.push(label);
      if (label >= last) break;
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
    return all;
  }

  async function anonymousTrend(container) {
    var query = container.dataset.query;
    var rows = await allRows(withBy(query, "outlet-month"));
    var overall = await allRows(withBy(query, "month"));
    var months = monthRange(rows.map(function (r) { return r.month; }).filter(Boolean));
    var byOutlet = {};
    rows.forEach(function (r) {
      var name = r.outlet || "unknown outlet";
      (byOutlet[name] = byOutlet[name] || { name: name, articles: 0, points: [] });
      byOutlet[name].articles += r.articles;
      if (r.month) byOutlet[name].points.push({ x: r.month, y: r.anonymous_share });
    });
    // outlets with dated articles first (the others have no line to draw), then the largest
    var outlets = Object.values(byOutlet).sort(function (a, b) {
      return (b.points.length > 0) - (a.points.length > 0) || b.articles - a.articles;
    });
    var all = { name: "all outlets", points: overall.filter(function (r) { return r.month; }).map(function (r) { return { x: r.month, y: r.anonymous_share }; }) };
    pickableLines(container, document.getElementById("outlet-picker"), months, all, outlets);
  }

  /* lines of a few outlets and of all outlets together, with checkboxes to choose the outlets
     (the first four with a line at first) */
  function pickableLines(container, picker, months, all, outlets) {
    var chosen = new Set(outlets.filter(function (o) { return o.points.length; }).slice(0, 4).map(function (o) { return o.name; }));
    function draw() {
      var series = [all].concat(outlets.filter(function (o) { return chosen.has(o.name); }));
      series.forEach(function (s, i) { s.style = SERIES[i % SERIES.length]; });
      lineChart(container, months, series);
    }
    if (picker) {
      outlets.forEach(function (o) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.value = o.name;
        box.checked = chosen.has(o.name);
        box.addEventListener("change", function () {
          if (box.checked && chosen.size >= SERIES.length - 1) { box.checked = false; return; }
          if (box.checked) chosen.add(o.name); else chosen.delete(o.name);
          draw();
        });
        label.append(box, " " + o.name);
        picker.appendChild(label);
      });
      picker.hidden = false;
    }
    draw();
  }

  async function kindsByOutlet(container) {
    var rows = await allRows(withBy(container.dataset.query, "outlet"));
    rows.sort(function (a, b) { return b.articles - a.articles; });
    stackedRows(container, rows.map(function (r) { return { label: r.outlet || "unknown outlet", parts: r.by_kind }; }),
      KINDS, kindFill, function (kind) { return kind; });
  }

  /* who gets quoted (the dashboard): the numbers are the page's, embedded beside its tables */
  function womenTrend(container, data) {
    var outlets = data.outlets.slice().sort(function (a, b) {
      return (b.points.length > 0) - (a.points.length > 0) || b.people - a.people;
    });
    var months = monthRange(data.all.map(function (p) { return p.x; }));
    pickableLines(container, document.getElementById("women-picker"), months, { name: "all outlets", points: data.all }, outlets);
  }

  function rolesByOutlet(container, data) {
    stackedRows(container, data.rows.map(function (r) { return { label: r.label, parts: r.shares }; }),
      data.classes, roleFill, roleLabel);
  }

  function draw(container, data) {
    var kind = container.dataset.chart;
    if (kind === "named" && data) {
      var none = data.attributions ? data.unattributed / data.attributions : 0;
      stackedBar(container, [
        { label: "named", value: data.named_share || 0, fill: function () { return "#0072b2"; } },
        { label: "anonymous", value: data.anonymous_share || 0, fill: function (svg) { return patternFill(svg, "#d55e00", "diagonal"); } },
        { label: "no source", value: none, fill: function (svg) { return patternFill(svg, "#bbbbbb", "dots"); } }
      ]);
    } else if (kind === "kinds" && data) {
      var rows = KINDS.filter(function (k) { return data.by_kind[k]; }).map(function (k) {
        return { label: k, value: data.by_kind[k], fill: function (svg) { return kindFill(svg, k); } };
      });
      horizontalBars(container, rows, pct);
    } else if (kind === "months" && data) {
      columns(container, data.months, data.counts);
    } else if (kind === "anon-trend") {
      return anonymousTrend(container).catch(function (e) { failed(container, e); });
    } else if (kind === "kinds-by-outlet") {
      return kindsByOutlet(container).catch(function (e) { failed(container, e); });
    } else if (kind === "women-trend" && data && data.women) {
      womenTrend(container, data.women);
    } else if (kind === "roles-by-outlet" && data && data.roles) {
      rolesByOutlet(container, data.roles);
    }
  }

  function start() {
    var data = embedded();
    document.querySelectorAll(".chart[data-chart]").forEach(function (container) { draw(container, data); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
