// Press tools: copy buttons for ready sentences (button[data-copy]) and
// chart image downloads (button[data-action="png"|"svg"]) whose image
// carries the chart's title, unit, source line and data date, not only the
// plot. Loaded with defer from the layout; defines no globals; no inline
// script anywhere (CSP script-src 'self').
(function () {
  'use strict';

  function pageLang(el) {
    var l = (el && el.closest && el.closest('[lang]')) || document.documentElement;
    return (l.getAttribute('lang') || '').indexOf('en') === 0 ? 'en' : 'zh';
  }

  // ---- Copy -------------------------------------------------------------

  // execCommand fallback: the Clipboard API exists only on secure origins,
  // and the intranet serves plain http.
  function fallbackCopy(text) {
    var ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.setAttribute('aria-hidden', 'true');
    ta.style.position = 'fixed';
    ta.style.top = '0';
    ta.style.left = '-9999px';
    ta.style.opacity = '0';
    var active = document.activeElement;
    var sel = document.getSelection();
    var saved = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
    document.body.appendChild(ta);
    ta.select();
    ta.setSelectionRange(0, text.length);
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    if (saved && sel) { sel.removeAllRanges(); sel.addRange(saved); }
    if (active && active.focus) active.focus();
    return ok;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        if (!fallbackCopy(text)) throw new Error('copy failed');
      });
    }
    return fallbackCopy(text) ? Promise.resolve() : Promise.reject(new Error('copy failed'));
  }

  function announce(button, msg) {
    var box = button.parentNode && button.parentNode.querySelector('.copy-status');
    if (box) box.textContent = msg;
    if (!button.hasAttribute('data-label')) button.setAttribute('data-label', button.textContent);
    button.textContent = msg;
    clearTimeout(button._pressTimer);
    button._pressTimer = setTimeout(function () {
      button.textContent = button.getAttribute('data-label');
      if (box) box.textContent = '';
    }, 2000);
  }

  function onCopy(button) {
    var text = button.getAttribute('data-copy') || '';
    var en = pageLang(button) === 'en';
    copyText(text).then(function () {
      button.setAttribute('data-copied-ok', 'true');
      announce(button, button.getAttribute('data-copied') || (en ? 'Copied' : '已复制'));
    }, function () {
      announce(button, en ? 'Copy failed: select the text and copy it' : '复制失败，请手动选择文字复制');
    });
  }

  // ---- Chart images ------------------------------------------------------

  var EXTRA_TOP = 64;   // title and unit
  var LEGEND = 28;      // legend moved under the title
  var LINE = 16;        // source lines at the bottom
  var PAD = 16;

  function clone(o) { return JSON.parse(JSON.stringify(o)); }

  function first(x) { return Array.isArray(x) ? x[0] : x; }

  // wrapLines splits text into lines that fit width at the given font,
  // breaking only between words: at spaces in English, between words (not
  // inside one) in Chinese, as the browser's word segmenter finds them. A
  // single word wider than the line is split only then.
  function wrapLines(text, width, font) {
    var ctx = document.createElement('canvas').getContext('2d');
    ctx.font = font;
    var seg = window.Intl && Intl.Segmenter ? new Intl.Segmenter(document.documentElement.lang || undefined, { granularity: 'word' }) : null;
    // English words are what spaces separate, punctuation attached; runs
    // of Chinese are split into words by the segmenter, punctuation kept
    // with the word before it.
    var cjk = /[\u3400-\u9fff\uf900-\ufaff]/;
    var words = function (para) {
      var out = [];
      para.split(/(\s+)/).forEach(function (tok) {
        if (!tok) return;
        if (!seg || !cjk.test(tok)) { out.push(tok); return; }
        Array.from(seg.segment(tok)).forEach(function (s) {
          if (!s.isWordLike && out.length && !/\s$/.test(out[out.length - 1])) out[out.length - 1] += s.segment;
          else out.push(s.segment);
        });
      });
      return out;
    };
    var out = [];
    String(text).split('\n').forEach(function (para) {
      var line = '';
      words(para).forEach(function (w) {
        if (ctx.measureText(line + w).width <= width || !line) { line += w; }
        else { out.push(line.replace(/\s+$/, '')); line = w.replace(/^\s+/, ''); }
        while (ctx.measureText(line).width > width && line.length > 1) {
          var cut = line.length - 1;
          while (cut > 1 && ctx.measureText(line.slice(0, cut)).width > width) cut--;
          out.push(line.slice(0, cut)); line = line.slice(cut);
        }
      });
      out.push(line);
    });
    return out;
  }

  // imageOption is the chart's option with its title, unit, source line
  // and data date drawn inside the picture, and room made for them.
  function imageOption(el, width) {
    var block = document.getElementById(el.getAttribute('data-options'));
    if (!block) return null;
    var data = JSON.parse(block.textContent);
    var opt = clone(data.options || data);
    var en = pageLang(el) === 'en';
    var title = el.getAttribute('data-title') || '';
    var unit = el.getAttribute('data-unit') || '';
    var source = el.getAttribute('data-source') || '';
    var notes = el.getAttribute('data-notes') || '';
    var published = el.getAttribute('data-published') || ''; // already in the page's date format
    // The picture carries what the page says under the chart: its notes
    // (estimates, gaps, computed values), the sources and the data's date.
    var footer = notes ? notes + '\n' + source : source;
    if (published) footer += '\n' + (en ? 'Latest data published: ' : '数据最新发布：') + published;
    var font = '12px sans-serif';
    var lines = wrapLines(footer, width - 2 * PAD, font);
    var bottom = PAD + lines.length * LINE + 8;

    opt.animation = false;
    opt.backgroundColor = '#fff';
    opt.tooltip = { show: false };
    opt.toolbox = { show: false };
    opt.title = [{
      text: title, subtext: unit ? (en ? 'Unit: ' : '单位：') + unit : '',
      left: PAD, top: 10, textStyle: { fontSize: 16, fontWeight: 'bold', color: '#222' },
      subtextStyle: { fontSize: 12, color: '#555' }
    }];
    var top = EXTRA_TOP;
    var legend = first(opt.legend);
    if (legend && legend.show !== false) {
      legend = Object.assign({}, legend, { top: EXTRA_TOP - 4, bottom: null, left: PAD });
      opt.legend = [legend];
      top += LEGEND;
    }
    var grid = first(opt.grid) || {};
    if (!Array.isArray(opt.grid) || opt.grid.length <= 1) {
      opt.grid = [Object.assign({}, grid, { top: top + 28, bottom: bottom + 8, containLabel: true })];
    }
    opt.graphic = (opt.graphic ? [].concat(opt.graphic) : []).concat([{
      type: 'text', left: PAD, bottom: PAD,
      style: { text: lines.join('\n'), font: font, fill: '#444', lineHeight: LINE }
    }]);
    return { option: opt, top: top, bottom: bottom };
  }

  function fileName(target, ext) {
    return String(target).replace(/^chart-/, '').replace(/[^A-Za-z0-9_.-]+/g, '-') + '.' + ext;
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function dataURLToBlob(url) {
    var parts = url.split(',');
    var mime = (parts[0].match(/data:([^;]+)/) || [])[1] || 'application/octet-stream';
    var bin = atob(parts[1]);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type: mime });
  }

  function onImage(button, kind) {
    var echarts = window.echarts;
    var card = document.getElementById(button.getAttribute('data-target'));
    var el = card && (card.matches('.chart') ? card : card.querySelector('.chart[data-options]'));
    if (!echarts || !el) return;
    var width = Math.max(el.clientWidth || 0, 640);
    var plotHeight = Math.max(el.clientHeight || 0, 360);
    var built = imageOption(el, width);
    if (!built) return;
    var height = plotHeight + built.top + built.bottom;

    var box = document.createElement('div');
    box.setAttribute('aria-hidden', 'true');
    box.style.position = 'fixed';
    box.style.left = '-10000px';
    box.style.top = '0';
    box.style.width = width + 'px';
    box.style.height = height + 'px';
    document.body.appendChild(box);
    var chart;
    try {
      chart = echarts.init(box, null, { renderer: kind === 'svg' ? 'svg' : 'canvas', width: width, height: height });
      chart.setOption(built.option);
      var name = fileName(button.getAttribute('data-target'), kind);
      if (kind === 'svg') {
        save(new Blob([chart.renderToSVGString()], { type: 'image/svg+xml;charset=utf-8' }), name);
      } else {
        save(dataURLToBlob(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' })), name);
      }
      button.setAttribute('data-exported', kind);
    } finally {
      if (chart) chart.dispose();
      document.body.removeChild(box);
    }
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!t || !t.closest) return;
    var copy = t.closest('button[data-copy]');
    if (copy) { ev.preventDefault(); onCopy(copy); return; }
    var img = t.closest('button[data-action="png"], button[data-action="svg"]');
    if (img) { ev.preventDefault(); onImage(img, img.getAttribute('data-action')); }
  });
  // ---- Briefing order ----------------------------------------------------

  // A form submits its checkboxes in page order, but the briefing lists
  // indicators in the order they were ticked: keep that order and send it
  // as one indicators= field.
  function keepTickOrder(form) {
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="indicators"]'));
    var order = [];
    new URLSearchParams(window.location.search).getAll('indicators').join(',').split(',').forEach(function (id) {
      if (id && order.indexOf(id) < 0) order.push(id);
    });
    order = order.filter(function (id) {
      return boxes.some(function (b) { return b.value === id && b.checked; });
    });
    boxes.forEach(function (b) {
      if (b.checked && order.indexOf(b.value) < 0) order.push(b.value);
      b.addEventListener('change', function () {
        var i = order.indexOf(b.value);
        if (i >= 0) order.splice(i, 1);
        if (b.checked) order.push(b.value);
      });
    });
    form.addEventListener('submit', function () {
      var field = form.querySelector('input[type="hidden"][name="indicators"]');
      if (!field) {
        field = document.createElement('input');
        field.type = 'hidden';
        field.name = 'indicators';
        form.appendChild(field);
      }
      field.value = order.join(',');
      field.disabled = order.length === 0;
      boxes.forEach(function (b) { b.removeAttribute('name'); });
    });
    // Coming back to the page (back button) must find the boxes named again.
    window.addEventListener('pageshow', function () {
      boxes.forEach(function (b) { b.setAttribute('name', 'indicators'); });
    });
  }

  function startBriefing() {
    document.querySelectorAll('form.briefing-form').forEach(keepTickOrder);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startBriefing);
  else startBriefing();
})();
