// report.html's "Explore the runs" section: hand-written SVG charts over the JSON embedded in the page
// (script#explore-data, written by ExploreData.java). No library, nothing loaded from the network.
// One run in D.runs: [run id, configuration, rate, status, basin colour, iterations, final loss, start, end, recorded].
(function () {
  'use strict';
  var data = document.getElementById('explore-data');
  var app = document.getElementById('explore-app');
  if (!data || !app) { return; }
  var D = JSON.parse(data.textContent);
  var ID = 0, CONF = 1, RATE = 2, STATUS = 3, BASIN = 4, ITER = 5, LOSS = 6, START = 7, END = 8, REC = 9;
  var W = 900, H = 420, M = {l: 70, r: 20, t: 16, b: 44};
  var NS = null; // the SVG namespace, taken from the first svg the HTML parser makes
  var shown = D.configurations.map(function () { return true; });
  var tip = el('div', 'explore-tip');
  tip.id = 'explore-tooltip';
  tip.style.display = 'none';
  document.body.appendChild(tip);

  function el(tag, css, text) {
    var e = document.createElement(tag);
    if (css) { e.className = css; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function svgRoot(parent, w, h, label) {
    var box = el('div', 'explore-chart');
    box.innerHTML = '<svg width="' + w + '" height="' + h + '" viewBox="0 0 ' + w + ' ' + h + '" role="img"></svg>';
    var svg = box.firstChild;
    svg.setAttribute('aria-label', label);
    NS = svg.namespaceURI;
    parent.appendChild(box);
    return svg;
  }
  function s(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function text(parent, x, y, t, anchor, css) {
    var e = s('text', {x: x, y: y, 'text-anchor': anchor || 'middle', 'class': css || 'tick'}, parent);
    e.textContent = t;
    return e;
  }
  function num(v) {
    if (v === null || v === undefined) { return 'not finite'; }
    if (v === 0) { return '0'; }
    var a = Math.abs(v);
    return (a >= 1e-3 && a < 1e5) ? String(Number(v.toPrecision(6))) : v.toExponential(3);
  }
  function vec(v) {
    var t = '(' + v.map(num).join(', ');
    return t + (D.dimension > v.length ? ', \u2026)' : ')');
  }
  function log10(v) { return Math.log(v) / Math.LN10; }
  function jitter(id) { var h = Math.imul(id ^ 0x5bd1e995, 0x27d4eb2d) >>> 0; return (h % 1000) / 1000 - 0.5; }

  // ---- tooltip
  function showTip(evt, lines) {
    tip.textContent = '';
    lines.forEach(function (l, i) { tip.appendChild(el('div', i === 0 ? 'head' : '', l)); });
    tip.style.display = 'block';
    var x = evt.pageX + 14, y = evt.pageY + 14;
    if (x + 360 > window.scrollX + window.innerWidth) { x = evt.pageX - 360; }
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  function hideTip() { tip.style.display = 'none'; }
  function runLines(r) {
    return ['run ' + r[ID] + ': lr ' + D.rateLabels[r[RATE]] + ', ' + D.statuses[r[STATUS]],
      D.configurations[r[CONF]],
      'start ' + vec(r[START]) + ' \u2192 end ' + vec(r[END]),
      r[ITER] + ' iterations, final loss ' + num(r[LOSS])];
  }

  // ---- a plot: log x over learning rates, y linear or log; zoom by dragging, reset by double-click
  function Plot(parent, label, xLabel, yLabel) {
    this.svg = svgRoot(parent, W, H, label);
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.view = null;
    var p = this;
    var band = null, from = null;
    function at(evt) {
      var b = p.svg.getBoundingClientRect();
      return [(evt.clientX - b.left) * W / b.width, (evt.clientY - b.top) * H / b.height];
    }
    this.svg.addEventListener('mousedown', function (evt) {
      if (evt.button !== 0) { return; }
      from = at(evt);
      evt.preventDefault();
    });
    this.svg.addEventListener('mousemove', function (evt) {
      if (!from) { return; }
      var to = at(evt);
      if (!band) { band = s('rect', {'class': 'band'}, p.svg); }
      band.setAttribute('x', Math.min(from[0], to[0]));
      band.setAttribute('y', Math.min(from[1], to[1]));
      band.setAttribute('width', Math.abs(to[0] - from[0]));
      band.setAttribute('height', Math.abs(to[1] - from[1]));
    });
    window.addEventListener('mouseup', function (evt) {
      if (!from) { return; }
      var to = at(evt), a = from;
      from = null;
      if (band) { band.remove(); band = null; }
      if (Math.abs(to[0] - a[0]) < 6 || Math.abs(to[1] - a[1]) < 6) { return; }
      var x0 = p.ix(Math.min(a[0], to[0])), x1 = p.ix(Math.max(a[0], to[0]));
      var y0 = p.iy(Math.max(a[1], to[1])), y1 = p.iy(Math.min(a[1], to[1]));
      p.view = {x: [x0, x1], y: [y0, y1]};
      p.draw();
    });
    this.svg.addEventListener('dblclick', function () { p.view = null; p.draw(); });
  }
  Plot.prototype.frame = function (x, y, yLog) {
    // x: [min, max] of log10(rate); y: [min, max] in drawn units (log10 when yLog)
    if (this.view) { x = this.view.x; y = this.view.y; }
    var pw = W - M.l - M.r, ph = H - M.t - M.b;
    this.sx = function (v) { return M.l + (v - x[0]) / (x[1] - x[0] || 1) * pw; };
    this.sy = function (v) { return M.t + ph - (v - y[0]) / (y[1] - y[0] || 1) * ph; };
    this.ix = function (px) { return x[0] + (px - M.l) / pw * (x[1] - x[0]); };
    this.iy = function (py) { return y[0] + (M.t + ph - py) / ph * (y[1] - y[0]); };
    while (this.svg.firstChild) { this.svg.removeChild(this.svg.firstChild); }
    s('rect', {x: M.l, y: M.t, width: pw, height: ph, 'class': 'area'}, this.svg);
    ticks(x, true).forEach(function (t) {
      var px = this.sx(t);
      s('line', {x1: px, x2: px, y1: M.t, y2: M.t + ph, 'class': 'grid'}, this.svg);
      text(this.svg, px, M.t + ph + 16, '1e' + t);
    }, this);
    ticks(y, yLog).forEach(function (t) {
      var py = this.sy(t);
      s('line', {x1: M.l, x2: M.l + pw, y1: py, y2: py, 'class': 'grid'}, this.svg);
      text(this.svg, M.l - 6, py + 4, yLog ? '1e' + t : num(t), 'end');
    }, this);
    text(this.svg, M.l + pw / 2, H - 6, this.xLabel, 'middle', 'label');
    var yl = text(this.svg, 14, M.t + ph / 2, this.yLabel, 'middle', 'label');
    yl.setAttribute('transform', 'rotate(-90 14 ' + (M.t + ph / 2) + ')');
    // the marks go into a nested svg, which clips them to the plot area
    this.inner = s('svg', {x: M.l, y: M.t, width: pw, height: ph, viewBox: M.l + ' ' + M.t + ' ' + pw + ' ' + ph}, this.svg);
    return this.inner;
  };
  function ticks(range, powers) {
    var lo = Math.min(range[0], range[1]), hi = Math.max(range[0], range[1]), out = [], t;
    if (powers) {
      var step = Math.max(1, Math.ceil((hi - lo) / 10));
      for (t = Math.ceil(lo); t <= hi; t += step) { out.push(t); }
      return out;
    }
    var raw = (hi - lo) / 5 || 1, mag = Math.pow(10, Math.floor(log10(raw))), n = raw / mag;
    var inc = (n > 5 ? 10 : n > 2 ? 5 : n > 1 ? 2 : 1) * mag;
    for (t = Math.ceil(lo / inc) * inc; t <= hi + inc * 1e-9; t += inc) { out.push(Number(t.toPrecision(12))); }
    return out;
  }
  function padded(lo, hi, f) {
    if (!isFinite(lo)) { return [0, 1]; }
    if (hi - lo < 1e-12) { return [lo - 0.5, hi + 0.5]; }
    return [lo - (hi - lo) * f, hi + (hi - lo) * f];
  }
  function rateRange(indices) {
    var lo = Infinity, hi = -Infinity;
    indices.forEach(function (i) { var v = log10(D.rates[i]); lo = Math.min(lo, v); hi = Math.max(hi, v); });
    return padded(lo, hi, 0.05);
  }

  // ---- filters
  var filters = el('div', 'explore-filters');
  app.appendChild(filters);
  var redraws = [];
  if (D.configurations.length > 1) {
    filters.appendChild(el('span', 'what', 'Configurations: '));
  }
  D.configurations.forEach(function (c, i) {
    if (D.configurations.length < 2) { return; }
    var label = el('label', 'filter');
    var box = el('input');
    box.type = 'checkbox';
    box.checked = true;
    box.value = String(i);
    box.addEventListener('change', function () { shown[i] = box.checked; redraws.forEach(function (f) { f(); }); });
    label.appendChild(box);
    label.appendChild(document.createTextNode(' ' + c));
    filters.appendChild(label);
  });

  // ---- final loss against the learning rate
  var lossBox = el('div', 'explore-part');
  lossBox.appendChild(el('h3', '', 'Final loss against the learning rate'));
  app.appendChild(lossBox);
  var legend = el('div', 'explore-legend');
  D.statuses.forEach(function (st, i) {
    var key = el('span', 'key');
    var dot = el('span', 'dot');
    dot.style.background = D.statusColours[i];
    key.appendChild(dot);
    key.appendChild(document.createTextNode(' ' + st));
    legend.appendChild(key);
  });
  lossBox.appendChild(legend);
  // Log scale when the losses span decades; zero and negative losses are then drawn at the smallest positive one.
  var floor = Infinity, peak = -Infinity;
  D.runs.forEach(function (r) { if (r[LOSS] !== null && r[LOSS] > 0) { floor = Math.min(floor, r[LOSS]); peak = Math.max(peak, r[LOSS]); } });
  var positive = floor < Infinity && peak / floor > 1e3;
  function lossY(v) { return positive ? log10(Math.max(v, floor)) : v; }
  var lossPlot = new Plot(lossBox, 'final loss against the learning rate', 'learning rate (log)',
    positive ? 'final loss (log)' : 'final loss');
  lossPlot.svg.id = 'explore-loss';
  function drawLoss() {
    var runs = D.runs.filter(function (r) { return shown[r[CONF]]; });
    var ys = runs.filter(function (r) { return r[LOSS] !== null; })
      .map(function (r) { return lossY(r[LOSS]); });
    var lo = Math.min.apply(null, ys.length ? ys : [0]), hi = Math.max.apply(null, ys.length ? ys : [1]);
    var step = D.rates.length > 1 ? (log10(D.rates[D.rates.length - 1]) - log10(D.rates[0])) / (D.rates.length - 1) : 1;
    var g = lossPlot.frame(rateRange(D.rates.map(function (r, i) { return i; })), padded(lo, hi, 0.06), positive);
    var top = lossPlot.view ? null : M.t + 4;
    D.runs.forEach(function (r, i) {
      if (!shown[r[CONF]]) { return; }
      var x = log10(D.rates[r[RATE]]) + jitter(r[ID]) * step * 0.3;
      var y = r[LOSS] === null ? null : lossY(r[LOSS]);
      var cy = y === null ? (top === null ? -10 : top) : lossPlot.sy(y);
      s('circle', {cx: lossPlot.sx(x), cy: cy, r: 3.2, fill: D.statusColours[r[STATUS]], 'class': 'run',
        'data-run': r[ID], 'data-i': i}, g);
    });
  }
  lossPlot.svg.addEventListener('mouseover', function (evt) {
    var i = evt.target.getAttribute && evt.target.getAttribute('data-i');
    if (i !== null && i !== undefined) { showTip(evt, runLines(D.runs[+i])); }
  });
  lossPlot.svg.addEventListener('mouseout', function (evt) { if (evt.target.getAttribute('data-i') !== null) { hideTip(); } });
  lossPlot.draw = drawLoss;
  redraws.push(drawLoss);
  drawLoss();
  lossBox.appendChild(el('p', 'note', 'One dot per run, coloured by status, spread a little around its rate. '
    + 'Runs whose loss is not finite sit on the top edge. Hover a dot for the run; drag a box to zoom; double-click to reset.'));

  // ---- model sweeps: train against validation loss, and accuracy, against the learning rate
  if (D.models.length > 0) {
    var modelBox = el('div', 'explore-part');
    modelBox.id = 'explore-models';
    modelBox.appendChild(el('h3', '', 'Training and validation against the learning rate'));
    app.appendChild(modelBox);
    var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
    var fitPlot = new Plot(modelBox, 'training and validation loss against the learning rate', 'learning rate (log)', 'median loss (log)');
    var accPlot = new Plot(modelBox, 'accuracy against the learning rate', 'learning rate (log)', 'median accuracy');
    var lines = function (plot, columns, yLog, names) {
      var rows = D.models.filter(function (m) { return shown[m[0]]; });
      var vals = [];
      rows.forEach(function (m) {
        columns.forEach(function (c) { if (m[c] !== null && (!yLog || m[c] > 0)) { vals.push(yLog ? log10(m[c]) : m[c]); } });
      });
      if (vals.length === 0) { return false; }
      var g = plot.frame(rateRange(rows.map(function (m) { return m[1]; })),
        padded(Math.min.apply(null, vals), Math.max.apply(null, vals), 0.06), yLog);
      D.configurations.forEach(function (c, ci) {
        if (!shown[ci]) { return; }
        columns.forEach(function (col, k) {
          var pts = rows.filter(function (m) { return m[0] === ci && m[col] !== null && (!yLog || m[col] > 0); })
            .sort(function (a, b) { return a[1] - b[1]; });
          if (pts.length === 0) { return; }
          var colour = palette[ci % palette.length];
          var d = pts.map(function (m, j) {
            return (j ? 'L' : 'M') + plot.sx(log10(D.rates[m[1]])).toFixed(1) + ' ' + plot.sy(yLog ? log10(m[col]) : m[col]).toFixed(1);
          }).join(' ');
          s('path', {d: d, stroke: colour, fill: 'none', 'stroke-width': 2, 'stroke-dasharray': k ? '6 4' : 'none'}, g);
          pts.forEach(function (m) {
            var dot = s('circle', {cx: plot.sx(log10(D.rates[m[1]])), cy: plot.sy(yLog ? log10(m[col]) : m[col]),
              r: 4, fill: k ? '#fff' : colour, stroke: colour, 'class': 'model'}, g);
            dot.addEventListener('mouseover', function (evt) {
              showTip(evt, [names[k] + ' ' + num(m[col]) + ' at lr ' + D.rateLabels[m[1]], c,
                'train loss ' + num(m[2]) + ', validation loss ' + num(m[3]),
                'train accuracy ' + num(m[4]) + ', validation accuracy ' + num(m[5])]);
            });
            dot.addEventListener('mouseout', hideTip);
          });
        });
      });
      return true;
    };
    fitPlot.draw = function () { lines(fitPlot, [2, 3], true, ['train loss', 'validation loss']); };
    accPlot.draw = function () {
      if (!lines(accPlot, [5, 4], false, ['validation accuracy', 'train accuracy'])) { accPlot.svg.parentNode.style.display = 'none'; }
    };
    redraws.push(fitPlot.draw, accPlot.draw);
    fitPlot.draw();
    accPlot.draw();
    modelBox.appendChild(el('p', 'note', 'Medians over the runs at each rate that did not diverge. Solid: training loss, '
      + 'validation accuracy; dashed: validation loss, training accuracy; one colour per configuration. A gap between '
      + 'the two losses that opens up at some rates is overfitting there; the recommendation for models reads the validation loss.'));
  }

  // ---- 2-D losses: the starts, coloured by where they ended; click one to draw its recorded path
  if (D.dimension === 2 && D.runs.length > 0) {
    var basinBox = el('div', 'explore-part');
    basinBox.id = 'explore-basins';
    basinBox.appendChild(el('h3', '', 'Starts and their paths'));
    app.appendChild(basinBox);
    var controls = el('div', 'explore-filters');
    var confSelect = el('select');
    confSelect.id = 'explore-basin-configuration';
    var rateSelect = el('select');
    rateSelect.id = 'explore-basin-rate';
    D.configurations.forEach(function (c, i) { var o = el('option', '', c); o.value = i; confSelect.appendChild(o); });
    controls.appendChild(el('span', 'what', 'Configuration '));
    controls.appendChild(confSelect);
    controls.appendChild(el('span', 'what', ' learning rate '));
    controls.appendChild(rateSelect);
    basinBox.appendChild(controls);
    var info = el('p', 'note', 'Click a start to draw its path. Starts with a recorded path have a dark ring.');
    info.id = 'explore-path-info';
    var side = 520;
    var mapSvg = svgRoot(basinBox, side + 80, side + 50, 'starts coloured by outcome');
    mapSvg.id = 'explore-basin';
    basinBox.appendChild(info);
    var ratesOf = function (ci) {
      var seen = {};
      D.runs.forEach(function (r) { if (r[CONF] === ci) { seen[r[RATE]] = true; } });
      return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
    };
    var fillRates = function (ci, wanted) {
      rateSelect.textContent = '';
      ratesOf(ci).forEach(function (ri) { var o = el('option', '', D.rateLabels[ri]); o.value = ri; rateSelect.appendChild(o); });
      if (wanted !== null && wanted !== undefined) { rateSelect.value = String(wanted); }
    };
    // Start where there is something to click: the pick's configuration and rate if it has recorded paths,
    // else the configuration and rate with the most.
    var counts = {}, best = null;
    D.runs.forEach(function (r) {
      if (!r[REC]) { return; }
      var k = r[CONF] + ':' + r[RATE];
      counts[k] = (counts[k] || 0) + 1;
      if (best === null || counts[k] > counts[best]) { best = k; }
    });
    var startAt = D.pick && D.pick[1] !== null && counts[D.pick[0] + ':' + D.pick[1]] ? D.pick
      : best ? best.split(':').map(Number) : D.pick || [0, null];
    confSelect.value = String(startAt[0]);
    fillRates(startAt[0], startAt[1]);
    var box = D.domain;
    if (!box) {
      var xs = D.runs.map(function (r) { return r[START][0]; }), ys = D.runs.map(function (r) { return r[START][1]; });
      box = [Math.min.apply(null, xs), Math.max.apply(null, xs), Math.min.apply(null, ys), Math.max.apply(null, ys)];
    }
    var bx = padded(box[0], box[1], 0.04), by = padded(box[2], box[3], 0.04);
    var L = 60, T = 10;
    var mx = function (v) { return L + (v - bx[0]) / (bx[1] - bx[0]) * side; };
    var my = function (v) { return T + side - (v - by[0]) / (by[1] - by[0]) * side; };
    var drawMap = function () {
      while (mapSvg.firstChild) { mapSvg.removeChild(mapSvg.firstChild); }
      s('rect', {x: L, y: T, width: side, height: side, 'class': 'area'}, mapSvg);
      ticks(bx, false).forEach(function (t) { text(mapSvg, mx(t), T + side + 16, num(t)); });
      ticks(by, false).forEach(function (t) { text(mapSvg, L - 6, my(t) + 4, num(t), 'end'); });
      text(mapSvg, L + side / 2, T + side + 36, 'w[0]', 'middle', 'label');
      var wy = text(mapSvg, 14, T + side / 2, 'w[1]', 'middle', 'label');
      wy.setAttribute('transform', 'rotate(-90 14 ' + (T + side / 2) + ')');
      var inner = s('svg', {x: L, y: T, width: side, height: side, viewBox: L + ' ' + T + ' ' + side + ' ' + side}, mapSvg);
      var ci = +confSelect.value, ri = +rateSelect.value;
      var pathLayer = s('g', {'class': 'paths'}, null);
      D.runs.forEach(function (r, i) {
        if (r[CONF] !== ci || r[RATE] !== ri) { return; }
        var c = s('circle', {cx: mx(r[START][0]), cy: my(r[START][1]), r: r[REC] ? 5 : 4,
          fill: D.basinColours[r[BASIN]], 'class': r[REC] ? 'start rec' : 'start', 'data-run': r[ID]}, inner);
        c.addEventListener('mouseover', function (evt) { showTip(evt, runLines(r)); });
        c.addEventListener('mouseout', hideTip);
        c.addEventListener('click', function () { drawPath(pathLayer, r); });
      });
      D.minima.forEach(function (m) {
        var x = mx(m.point[0]), y = my(m.point[1]);
        var star = s('path', {d: 'M' + (x - 6) + ' ' + (y - 6) + 'L' + (x + 6) + ' ' + (y + 6) + 'M' + (x - 6) + ' ' + (y + 6)
          + 'L' + (x + 6) + ' ' + (y - 6), stroke: '#000', 'stroke-width': 2.5, 'class': 'minimum'}, inner);
        s('title', {}, star).textContent = m.label;
      });
      inner.appendChild(pathLayer);
    };
    var drawPath = function (layer, r) {
      while (layer.firstChild) { layer.removeChild(layer.firstChild); }
      var p = D.paths[String(r[ID])];
      if (!p) {
        info.textContent = 'Run ' + r[ID] + ' (' + D.statuses[r[STATUS]] + ', ' + r[ITER] + ' iterations): no path was recorded for it. '
          + 'Starts with a dark ring have one.';
        return;
      }
      var d = '';
      for (var k = 0; k < p.length; k += 2) {
        if (p[k] === null || p[k + 1] === null) { break; }
        d += (k ? 'L' : 'M') + mx(p[k]).toFixed(1) + ' ' + my(p[k + 1]).toFixed(1);
      }
      s('path', {d: d, 'class': 'trajectory', fill: 'none', stroke: '#111', 'stroke-width': 1.6}, layer);
      var n = p.length / 2;
      if (p[p.length - 2] !== null) {
        s('circle', {cx: mx(p[p.length - 2]), cy: my(p[p.length - 1]), r: 4, fill: '#fff', stroke: '#111', 'stroke-width': 2}, layer);
      }
      info.textContent = 'Run ' + r[ID] + ': lr ' + D.rateLabels[r[RATE]] + ', ' + D.statuses[r[STATUS]] + ' after ' + r[ITER]
        + ' iterations at ' + vec(r[END]) + '; its path, ' + n + ' recorded points, drawn from the start to the white dot.';
    };
    confSelect.addEventListener('change', function () { fillRates(+confSelect.value, null); drawMap(); });
    rateSelect.addEventListener('change', drawMap);
    drawMap();
  }
})();
