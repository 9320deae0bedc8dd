// Starts every chart on the page from its JSON data block. No inline script
// anywhere: the CSP allows only scripts from this server.
(function () {
  'use strict';

  var entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return entities[c]; });
  }

  // The data block holds {options, labels}; JSON.parse keeps every string a
  // string, so nothing in the data can become code.
  function readData(el) {
    var block = document.getElementById(el.getAttribute('data-options'));
    return block ? JSON.parse(block.textContent) : null;
  }

  // Tooltips show the full figure: qualifier, unit and status, escaped.
  function tooltip(labels) {
    return function (params) {
      params = Array.isArray(params) ? params : [params];
      var lines = [];
      if (params.length) lines.push(esc(params[0].axisValueLabel || params[0].name || ''));
      params.forEach(function (p) {
        var l = labels[p.seriesIndex] && labels[p.seriesIndex][p.dataIndex];
        if (l === undefined) return;
        lines.push(p.marker + (p.seriesName ? esc(p.seriesName) + ': ' : '') + esc(l));
      });
      return lines.join('<br>');
    };
  }

  function start(el) {
    var data = readData(el);
    if (!data || !window.echarts) return;
    var opt = data.options;
    opt.tooltip = opt.tooltip || {};
    opt.tooltip.formatter = tooltip(data.labels || []);
    opt.tooltip.confine = true;
    if (el.classList.contains('spark')) {
      opt.grid = [{ left: 2, right: 2, top: 4, bottom: 4 }];
      (opt.xAxis || []).forEach(function (a) { a.show = false; });
      (opt.yAxis || []).forEach(function (a) { a.show = false; a.scale = true; });
      opt.legend = [{ show: false }];
      // A sparkline is a shape: its card states the figure and qualifier.
      (opt.series || []).forEach(function (s) {
        (s.data || []).forEach(function (d) { if (d && d.label) d.label.show = false; });
      });
    }
    // No animation: a chart of official figures is read, not watched, and
    // it is drawn at once (the 'finished' event fires with the first frame).
    opt.animation = false;
    var chart = window.echarts.init(el, null, { renderer: 'canvas' });
    chart.on('finished', function () { el.setAttribute('data-rendered', 'true'); });
    chart.setOption(opt);
  }

  function startAll() {
    document.querySelectorAll('.chart[data-options], .spark[data-options]').forEach(start);
  }

  var pending;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      document.querySelectorAll('.chart, .spark').forEach(function (el) {
        var c = window.echarts && window.echarts.getInstanceByDom(el);
        if (c) c.resize();
      });
    }, 150);
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startAll);
  else startAll();
})();
